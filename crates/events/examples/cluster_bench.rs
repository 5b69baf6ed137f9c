//! Throughput of the online clusterer as clusters accumulate: feeds N
//! synthetic articles (default 100,000) and prints articles per second for
//! each block of 10,000, so a cost that grows with the number of clusters
//! shows as a falling rate.
//!
//! `cargo run --release -p chronicle-events --example cluster_bench -- 100000`
//!
//! Articles come from a made-up vocabulary: common words drawn with a
//! Zipf-like skew, plus a few capitalised names of the story each article
//! reports. Stories start and fade over time, about 300 articles a day, with
//! realistic lengths (a title of about 8 words, a text of about 400).

use chronicle_events::{ClusterDoc, Clusterer};
use chrono::{Duration, NaiveDate};
use std::time::Instant;

/// A small deterministic generator (64-bit LCG), so runs are comparable.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Skewed towards small indexes, like word frequencies.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() as f64 + 1.0) / (1u64 << 31) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ba", "ker", "lo", "min", "tra", "vel", "son", "dor", "pa", "ri", "gen", "tal", "mo", "nu", "ste", "cor", "ve",
    "lan", "di", "por",
];

fn make_word(rng: &mut Lcg) -> String {
    (0..2 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

struct Story {
    names: Vec<String>,
    topic: Vec<usize>,
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mut rng = Lcg(42);
    let vocabulary: Vec<String> = (0..20_000).map(|_| make_word(&mut rng)).collect();
    let mut stories: Vec<Story> = Vec::new();
    let mut clusterer = Clusterer::new();
    let start_day = NaiveDate::from_ymd_opt(2020, 1, 1).expect("date");
    let mut block = Instant::now();
    let total = Instant::now();
    let mut clusters = 0;
    for i in 0..n {
        // A new story one time in five; otherwise one of the latest 200.
        if stories.is_empty() || rng.below(5) == 0 {
            let names = (0..3).map(|_| capitalise(&make_word(&mut rng))).collect();
            let topic = (0..30).map(|_| rng.zipf(vocabulary.len())).collect();
            stories.push(Story { names, topic });
        }
        let recent = stories.len().min(200);
        let story = &stories[stories.len() - 1 - rng.below(recent)];
        let word = |rng: &mut Lcg| match rng.below(10) {
            0 => story.names[rng.below(story.names.len())].clone(),
            1..=3 => vocabulary[story.topic[rng.below(story.topic.len())]].clone(),
            _ => vocabulary[rng.zipf(vocabulary.len())].clone(),
        };
        let title: Vec<String> = (0..6 + rng.below(5)).map(|_| word(&mut rng)).collect();
        let mut text = String::new();
        for s in 0..20 + rng.below(10) {
            let sentence: Vec<String> = (0..12 + rng.below(12)).map(|_| word(&mut rng)).collect();
            if s > 0 {
                text.push(' ');
            }
            text.push_str(&capitalise(&sentence.join(" ")));
            text.push('.');
        }
        let doc = ClusterDoc {
            id: i.to_string(),
            title: title.join(" "),
            text,
            published: Some(start_day + Duration::days((i / 300) as i64)),
            entities: Vec::new(),
            embedding: None,
        };
        clusters = clusters.max(clusterer.assign(&doc) + 1);
        if (i + 1) % 10_000 == 0 {
            let rate = 10_000.0 / block.elapsed().as_secs_f64();
            println!("articles {:>7}  clusters {:>6}  articles/s {:>8.0}", i + 1, clusters, rate);
            block = Instant::now();
        }
    }
    println!("total {n} articles in {:.1}s", total.elapsed().as_secs_f64());
}
