//! Annotation of an article's text: sentences, tokens, named entities
//! (tagged and resolved) and time expressions.
//!
//! `cargo bench -p chronicle-annotate --bench annotate`

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The bundled plain-text sample: a short news article with its page furniture.
const ARTICLE: &str = include_str!("../../../samples/articles/2008-03-11-belarus-recalls-its-ambassador.txt");

fn annotate(c: &mut Criterion) {
    let annotator = chronicle_annotate::Annotator::new();
    let dct = NaiveDate::from_ymd_opt(2008, 3, 11);
    let tokens = chronicle_annotate::sentence_tokens(ARTICLE).iter().map(Vec::len).sum::<usize>();
    let mut group = c.benchmark_group("annotate");
    group.throughput(Throughput::Elements(tokens as u64));
    group.bench_function("sample article (tokens)", |b| b.iter(|| annotator.annotate(ARTICLE, dct)));
    group.finish();
}

criterion_group!(benches, annotate);
criterion_main!(benches);
