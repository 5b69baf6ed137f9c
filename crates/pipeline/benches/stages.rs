//! The stages after annotation, and the writer: event coding of a
//! sentence, the event mentions of an annotated article, one new article
//! ingested (and merged into the stored events) into a store of 1,000
//! events, and one event rewritten in that store.
//!
//! `cargo bench -p chronicle-pipeline --bench stages`
//!
//! The store is filled with articles of our own making: a sentence each,
//! from a few actors, verbs and days, so that new articles meet stored
//! events of the same day.

use chronicle_model::Article;
use chronicle_pipeline::Pipeline;
use chronicle_store::Store;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::path::Path;

const ARTICLE: &str = include_str!("../../../samples/articles/2008-03-11-belarus-recalls-its-ambassador.txt");
const SENTENCE: &str =
    "Belarus recalled its ambassador from Washington on Tuesday in protest against United States sanctions.";

const STORED: usize = 1_000;
const COUNTRIES: [&str; 8] = ["France", "Germany", "Chile", "Kenya", "Japan", "Poland", "Peru", "Egypt"];
const DEEDS: [&str; 6] = [
    "expelled two diplomats of",
    "signed a trade agreement with",
    "imposed sanctions on",
    "sent aid to",
    "accused",
    "held talks with",
];

/// The `n`-th article of our synthetic stream, one JSON line: a dated
/// sentence naming two countries and a deed, with a serial to keep it unique.
fn dump_line(n: usize) -> String {
    let day = NaiveDate::from_ymd_opt(2031, 1, 1).unwrap() + chrono::Days::new((n % 90) as u64);
    let (a, b) = (COUNTRIES[n % 8], COUNTRIES[(n / 8 + 1 + n) % 8]);
    let deed = DEEDS[(n / 3) % DEEDS.len()];
    let text = format!("{a} {deed} {b} on {}, officials said in report {n}.", day.format("%A, %B %-d, %Y"));
    serde_json::json!({"text": text, "published": day.to_string()}).to_string()
}

fn filled_store(dir: &Path) -> Store {
    let dump = dir.join("stored.jsonl");
    let lines: Vec<String> = (0..STORED).map(dump_line).collect();
    std::fs::write(&dump, lines.join("\n")).unwrap();
    let mut store = Store::open(&dir.join("bench.db")).unwrap();
    Pipeline::new().ingest(&mut store, &[dump.display().to_string()], &mut |_, _| {}).unwrap();
    store
}

fn coding(c: &mut Criterion) {
    let annotator = chronicle_annotate::Annotator::new();
    let dct = NaiveDate::from_ymd_opt(2008, 3, 11);
    let sentence = annotator.annotate(SENTENCE, dct);
    c.bench_function("events/code a sentence", |b| b.iter(|| chronicle_events::code(SENTENCE, &sentence)));
    let article = Article { text: ARTICLE.to_string(), published: dct, ..Article::default() };
    let annotation = annotator.annotate(ARTICLE, dct);
    c.bench_function("events/mentions of the sample article", |b| {
        b.iter(|| chronicle_events::mentions(&article, &annotation))
    });
}

fn store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = filled_store(dir.path());
    let pipeline = Pipeline::new();
    let mut group = c.benchmark_group("store of 1,000 events");
    group.sample_size(20);
    // Each run adds one article, so the store grows by the number of runs
    // (a few hundred): small beside the 1,000 it starts with.
    let mut serial = STORED;
    group.bench_function("ingest one new article", |b| {
        b.iter_batched(
            || {
                serial += 1;
                let path = dir.path().join(format!("new-{serial}.jsonl"));
                std::fs::write(&path, dump_line(serial)).unwrap();
                path.display().to_string()
            },
            |input| pipeline.ingest(&mut store, &[input], &mut |_, _| {}).unwrap(),
            BatchSize::PerIteration,
        )
    });
    let event = store.reader().all_events().unwrap().swap_remove(0);
    group.bench_function("rewrite one event", |b| b.iter(|| store.write(|w| w.put_event(&event)).unwrap()));
    group.finish();
}

criterion_group!(benches, coding, store);
criterion_main!(benches);
