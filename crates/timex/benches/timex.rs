//! Time expressions of a news paragraph resolved against its document date.
//!
//! `cargo bench -p chronicle-timex --bench timex`

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// Our own paragraph, dense in dates of every kind the rules know.
const PARAGRAPH: &str = "The harbour authority of Velmora said on Tuesday that talks with Port Kessel \
would resume next week, three weeks after they broke off on March 4, 2031. The fees were last raised \
in the fourth quarter of 2029 and again a year ago; both sides want a settlement by the end of May. \
Ships waited for two days at the quay last month, and each morning at 6 a.m. a new queue formed. \
The mayor will meet the port's board on Friday, 14 March, and report to the council in the spring.";

fn timex(c: &mut Criterion) {
    let text = PARAGRAPH.repeat(4);
    let dct = NaiveDate::from_ymd_opt(2031, 3, 11);
    let mut group = c.benchmark_group("timex");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("find, 4 paragraphs", |b| b.iter(|| chronicle_timex::find(&text, dct)));
    group.finish();
}

criterion_group!(benches, timex);
criterion_main!(benches);
