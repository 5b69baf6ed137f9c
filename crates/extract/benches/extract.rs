//! Extraction of one page, over the bundled samples and, when the shared
//! evaluation data sits beside the repository, over its first 100 pages.
//!
//! `cargo bench -p chronicle-extract --bench extract`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::io::Read;
use std::path::Path;

const SAMPLES: [(&str, &[u8]); 3] = [
    ("html", include_bytes!("../../../samples/articles/2007-04-25-washington-offers-minsk-a-thaw.html")),
    ("text", include_bytes!("../../../samples/articles/2008-03-11-belarus-recalls-its-ambassador.txt")),
    ("markdown", include_bytes!("../../../samples/articles/2019-09-18-envoys-return.md")),
];

const SHARED_PAGES: &str = "../../../shared/data/extraction/trafilatura-eval/html";

fn samples(c: &mut Criterion) {
    let mut group = c.benchmark_group("extract/sample");
    for (kind, bytes) in SAMPLES {
        let name = format!("sample.{}", if kind == "markdown" { "md" } else { kind });
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(kind, |b| b.iter(|| chronicle_extract::extract(&name, bytes).unwrap()));
    }
    group.finish();
}

/// The first 100 shared pages (sorted by name), decompressed; none when the
/// shared data is absent.
fn shared_pages() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(SHARED_PAGES);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("extract/shared: skipped, no shared pages at {}", dir.display());
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths.truncate(100);
    paths.iter().filter_map(|p| gunzip(&std::fs::read(p).ok()?)).collect()
}

fn gunzip(raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(raw).read_to_end(&mut out).ok()?;
    Some(out)
}

fn shared(c: &mut Criterion) {
    let pages = shared_pages();
    if pages.is_empty() {
        return;
    }
    let mut group = c.benchmark_group("extract/shared");
    group.sample_size(10);
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.bench_function("100 pages", |b| {
        b.iter(|| pages.iter().filter(|p| chronicle_extract::extract("page.html", p).is_ok()).count())
    });
    group.finish();
}

criterion_group!(benches, samples, shared);
criterion_main!(benches);
