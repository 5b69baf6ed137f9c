//! How long linking a whole set of curated events takes when the
//! sentence vectors are read, without and with candidates drawn by
//! meaning (`LinkConfig::by_meaning`), over the events of a store dated
//! in the years given, their vectors taken from the cache that
//! `train_related` fills (texts not in it are encoded and added):
//!
//! ```text
//! cargo run --release -p chronicle-link --example relink_cost -- --db /tmp/cep.db \
//!     --from 2013 --to 2015 --meaning ~/.local/share/chronicle/minilm --vectors target/related-vectors.bin
//! ```

#[path = "train_related/vectors.rs"]
mod vectors;

use chronicle_link::{relate_all_with, LinkConfig, Meanings};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|at| args.get(at + 1)).cloned();
    let (Some(db), Some(from), Some(to), Some(meaning)) =
        (value("--db"), value("--from"), value("--to"), value("--meaning"))
    else {
        eprintln!("usage: relink_cost --db STORE --from YEAR --to YEAR --meaning MINILM_DIR [--vectors CACHE]");
        return ExitCode::from(2);
    };
    let cache = value("--vectors").unwrap_or_else(|| "target/related-vectors.bin".into());
    match run(&db, (&from, &to), &meaning, &cache) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {db}: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(db: &str, (from, to): (&str, &str), meaning: &str, cache: &str) -> Result<(), String> {
    let year = |v: &str| v.parse::<i32>().map_err(|_| format!("not a year: {v}"));
    let years = year(from)?..=year(to)?;
    let snapshot = chronicle_store::Snapshot::open(std::path::Path::new(db)).map_err(|e| e.to_string())?;
    let events: Vec<_> = snapshot
        .all_events()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|e| {
            use chrono::Datelike;
            e.date.and_then(|d| d.first_day()).is_some_and(|d| years.contains(&d.year()))
        })
        .collect();
    let mut cache = vectors::Cache::open(meaning.as_ref(), cache.as_ref())?;
    let vectors = cache.vectors(&events)?;
    let drawing = LinkConfig::default();
    let runs = [
        ("without vectors", None, drawing.clone()),
        (
            "with vectors, none drawn by meaning",
            Some(&vectors as &(dyn Meanings + Sync)),
            LinkConfig { by_meaning: 0, ..drawing.clone() },
        ),
        ("with vectors, drawn by meaning", Some(&vectors as &(dyn Meanings + Sync)), drawing.clone()),
    ];
    for (what, meanings, config) in runs {
        let start = Instant::now();
        let lists = relate_all_with(&events, &config, meanings);
        let seconds = start.elapsed().as_secs_f64();
        let linked = lists.iter().filter(|l| !l.is_empty()).count();
        eprintln!(
            "{} events {what} ({} drawn): linked in {seconds:.1} s ({linked} with a related list)",
            events.len(),
            if meanings.is_some() { config.by_meaning } else { 0 }
        );
    }
    Ok(())
}
