//! Train the related-events re-ranker (`crates/link/model/related.json`)
//! from a store holding curated events with their story labels:
//!
//! ```text
//! chronicle ingest --db /tmp/cep.db --events ../shared/data/cep/events-2002-2018.jsonl.gz
//! cargo run --release -p chronicle-link --example train_related -- \
//!     --db /tmp/cep.db --from 2002 --to 2015 --out crates/link/model/related.json
//! ```
//!
//! Only the events dated in `--from`..=`--to` are read, linked as one set
//! with their labels withheld, and learned from. `--check-from` and
//! `--check-to` name another range of the same store on which precision@5
//! of the first pass and of the trained model are printed, so that the
//! signals can be judged on years the model did not see.
//! `--check-labelled SHARE` also prints it on the check years thinned to
//! that share of labelled events (unlabelled ones dropped by a seeded hash
//! of their id), as in the evaluation years (0.77 in 2016–2018). `--dump
//! DIR` writes, for the training years (`DIR/train`) and each check
//! (`DIR/check`, `DIR/simulated`), the events (`events.jsonl`, one per
//! line, in the order the pairs number them), their labelled pairs
//! (`pairs.tsv`: event, candidate, same story, then the signals in the
//! order of `rerank::NAMES`) and each event's 20 best first-pass
//! candidates (`graph.tsv`: event, candidate, score), to study new
//! signals outside the linker.
//!
//! `--meaning DIR` (the MiniLM weights, as `scripts/setup-embeddings`
//! installs them) trains the model that also reads the sentence vectors
//! of the summaries (`crates/link/model/related-meaning.json`):
//!
//! ```text
//! cargo run --release -p chronicle-link --example train_related -- --db /tmp/cep.db \
//!     --from 2002 --to 2015 --meaning ~/.local/share/chronicle/minilm \
//!     --out crates/link/model/related-meaning.json
//! ```
//!
//! With the vectors, each event's candidates also include those drawn by
//! meaning, as the linker draws them (`--by-meaning K`, the default's 10
//! unless given; `--meaning-window N` events nearest in time searched).
//!
//! Encoding tens of thousands of summaries takes minutes, so the vectors
//! are kept in a cache file keyed by a hash of the text (`--vectors FILE`,
//! `target/related-vectors.bin` unless given) and only new texts are
//! encoded on the next run.

#[path = "train_related/vectors.rs"]
mod vectors;

use chronicle_link::rerank::Model;
use chronicle_link::{first_pass_graph, fit, training_pairs, LinkConfig, Meanings, TrainingPairs};
use chronicle_model::Event;
use std::path::PathBuf;
use std::process::ExitCode;

/// Stories with fewer events than this lend no events: the evaluation of
/// related lists judges only events of stories with six or more.
const MIN_MEMBERS: usize = 6;

struct Args {
    db: PathBuf,
    from: i32,
    to: i32,
    out: Option<PathBuf>,
    check: Option<(i32, i32)>,
    /// The share of labelled events the check years are thinned to.
    check_labelled: Option<f64>,
    dump: Option<PathBuf>,
    /// The MiniLM weights, to train the model that reads sentence vectors.
    meaning: Option<PathBuf>,
    /// The cache of sentence vectors.
    vectors: PathBuf,
    /// How many candidates are drawn by meaning, and among how many
    /// events nearest in time (see `LinkConfig::by_meaning`).
    by_meaning: Option<usize>,
    meaning_window: Option<usize>,
}

fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1).collect()) {
        Ok(args) => args,
        Err(e) => {
            eprintln!("error: {e}\nusage: train_related --db STORE --from YEAR --to YEAR [--out MODEL.json] [--check-from YEAR --check-to YEAR] [--check-labelled SHARE] [--dump DIR] [--meaning MINILM_DIR [--vectors CACHE] [--by-meaning K] [--meaning-window N]]");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}: {e}", args.db.display());
            ExitCode::from(1)
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let snapshot = chronicle_store::Snapshot::open(&args.db).map_err(|e| e.to_string())?;
    let all = snapshot.all_events().map_err(|e| e.to_string())?;
    let default = LinkConfig::default();
    let config = LinkConfig {
        by_meaning: args.by_meaning.unwrap_or(default.by_meaning),
        meaning_window: args.meaning_window.unwrap_or(default.meaning_window),
        ..default
    };
    let events = in_years(&all, args.from, args.to);
    let mut cache = match &args.meaning {
        Some(dir) => Some(vectors::Cache::open(dir, &args.vectors)?),
        None => None,
    };
    let mut meanings = |events: &[Event]| -> Result<Option<Vec<Option<Vec<f32>>>>, String> {
        cache.as_mut().map(|c| c.vectors(events)).transpose()
    };
    let vectors = meanings(&events)?;
    let mut pairs = training_pairs(&events, &config, MIN_MEMBERS, as_meanings(&vectors));
    let positives = pairs.same_story.iter().filter(|&&y| y).count();
    eprintln!("{} events, {} pairs, {} of one story", pairs.sizes.len(), pairs.signals.len(), positives);
    let trained_on = format!(
        "pairs of curated events dated {}-{} with their story labels; crates/link/examples/train_related.rs",
        args.from, args.to
    );
    // The pairs come out of the fit with the affinity cross-fitted, as
    // the weights saw it: a fair report, and a dump that carries it.
    let model = fit(&mut pairs, &trained_on, args.meaning.is_some());
    if let Some(dir) = &args.dump {
        dump(&dir.join("train"), &events, &pairs, &config)?;
    }
    report("training years", &pairs, &model);
    if let Some((from, to)) = args.check {
        let years = in_years(&all, from, to);
        eprintln!("check years: {:.4} of {} events carry a story", labelled_share(&years), years.len());
        let mut sets = vec![("check", years.clone())];
        if let Some(share) = args.check_labelled {
            let thin = thinned(&years, share);
            eprintln!("simulated: {:.4} of {} events carry a story", labelled_share(&thin), thin.len());
            sets.push(("simulated", thin));
        }
        for (name, set) in sets {
            let vectors = meanings(&set)?;
            let mut check = training_pairs(&set, &config, MIN_MEMBERS, as_meanings(&vectors));
            check.fill_affinity(&model.affinity);
            if let Some(dir) = &args.dump {
                dump(&dir.join(name), &set, &check, &config)?;
            }
            report(&format!("{name} years"), &check, &model);
        }
    }
    if let Some(out) = &args.out {
        write(out, &model)?;
    }
    Ok(())
}

/// The vectors as the linker reads them.
fn as_meanings(vectors: &Option<Vec<Option<Vec<f32>>>>) -> Option<&dyn Meanings> {
    vectors.as_ref().map(|v| v as &dyn Meanings)
}

fn write<T: serde::Serialize>(path: &std::path::Path, value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Write the events (one JSON line each, in order) and the pairs (event
/// index, candidate index, same story, signals; tab-separated) to `dir`,
/// for study outside the linker.
fn dump(dir: &std::path::Path, events: &[Event], pairs: &TrainingPairs, config: &LinkConfig) -> Result<(), String> {
    use std::io::Write;
    let fail = |e: std::io::Error| format!("{}: {e}", dir.display());
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("events.jsonl")).map_err(fail)?);
    for event in events {
        let line = serde_json::to_string(event).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(fail)?;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("pairs.tsv")).map_err(fail)?);
    for (k, &(i, j)) in pairs.pairs.iter().enumerate() {
        let signals: Vec<String> = pairs.signals[k].iter().map(|s| s.to_string()).collect();
        writeln!(out, "{i}\t{j}\t{}\t{}", u8::from(pairs.same_story[k]), signals.join("\t")).map_err(fail)?;
    }
    out.flush().map_err(fail)?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(dir.join("graph.tsv")).map_err(fail)?);
    for (i, best) in first_pass_graph(events, config, GRAPH).iter().enumerate() {
        for (j, score) in best {
            writeln!(out, "{i}\t{j}\t{score}").map_err(fail)?;
        }
    }
    out.flush().map_err(fail)?;
    eprintln!("wrote {}", dir.display());
    Ok(())
}

/// How many first-pass candidates of each event the dumped graph keeps.
const GRAPH: usize = 20;

/// The share of `events` that carry a story label.
fn labelled_share(events: &[Event]) -> f64 {
    events.iter().filter(|e| !e.contexts.is_empty()).count() as f64 / events.len().max(1) as f64
}

/// `events` with unlabelled ones left out at random so that about `share`
/// of those kept carry a story, as in the evaluation years (77% in
/// 2016–2018 against 16.5% in 2002–2015). Each unlabelled event is kept
/// when a hash of its id (FNV-1a, seeded) falls under the share to keep,
/// so the same events are dropped on every run.
fn thinned(events: &[Event], share: f64) -> Vec<Event> {
    let labelled = events.iter().filter(|e| !e.contexts.is_empty()).count() as f64;
    let unlabelled = events.len() as f64 - labelled;
    let keep = (labelled * (1.0 - share) / (share * unlabelled.max(1.0))).min(1.0);
    events.iter().filter(|e| !e.contexts.is_empty() || draw(&e.id.0) < keep).cloned().collect()
}

/// A number in [0, 1) drawn from `text` by FNV-1a with a fixed seed.
fn draw(text: &str) -> f64 {
    const SEED: u64 = 0x6368_726f_6e69_636c;
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ SEED;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (hash >> 11) as f64 / (1u64 << 53) as f64
}

fn in_years(events: &[Event], from: i32, to: i32) -> Vec<Event> {
    events.iter().filter(|e| (from..=to).contains(&year(e))).cloned().collect()
}

/// The year an event is dated in (0 when undated).
fn year(event: &Event) -> i32 {
    use chrono::Datelike;
    event.date.and_then(|d| d.first_day()).map_or(0, |d| d.year())
}

/// Precision@5 of the first pass's order and of the model's order.
fn report(what: &str, pairs: &TrainingPairs, model: &Model) {
    let (mut first, mut learned, mut best, mut at) = (0.0, 0.0, 0.0, 0);
    for &size in &pairs.sizes {
        let labels = &pairs.same_story[at..at + size];
        let mut order: Vec<(f32, usize)> = (0..size).map(|k| (model.probability(&pairs.signals[at + k]), k)).collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        first += labels.iter().take(5).filter(|&&y| y).count() as f64 / 5.0;
        best += labels.iter().filter(|&&y| y).count().min(5) as f64 / 5.0;
        learned += order.iter().take(5).filter(|(_, k)| labels[*k]).count() as f64 / 5.0;
        at += size;
    }
    let n = pairs.sizes.len().max(1) as f64;
    eprintln!(
        "{what}: precision@5 first pass {:.4}, re-ranked {:.4}, best possible order {:.4} ({} events)",
        first / n,
        learned / n,
        best / n,
        pairs.sizes.len()
    );
}

fn parse(list: Vec<String>) -> Result<Args, String> {
    let mut args = Args {
        db: PathBuf::new(),
        from: 0,
        to: 0,
        out: None,
        check: None,
        check_labelled: None,
        dump: None,
        meaning: None,
        vectors: PathBuf::from("target/related-vectors.bin"),
        by_meaning: None,
        meaning_window: None,
    };
    let (mut check_from, mut check_to) = (None, None);
    let mut it = list.into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let year = |v: String| v.parse::<i32>().map_err(|_| format!("not a year: {v}"));
        let count = |v: String| v.parse::<usize>().map_err(|_| format!("not a count: {v}"));
        match flag.as_str() {
            "--db" => args.db = PathBuf::from(value()?),
            "--out" => args.out = Some(PathBuf::from(value()?)),
            "--dump" => args.dump = Some(PathBuf::from(value()?)),
            "--meaning" => args.meaning = Some(PathBuf::from(value()?)),
            "--vectors" => args.vectors = PathBuf::from(value()?),
            "--from" => args.from = year(value()?)?,
            "--to" => args.to = year(value()?)?,
            "--check-from" => check_from = Some(year(value()?)?),
            "--by-meaning" => args.by_meaning = Some(count(value()?)?),
            "--meaning-window" => args.meaning_window = Some(count(value()?)?),
            "--check-to" => check_to = Some(year(value()?)?),
            "--check-labelled" => {
                let v = value()?;
                let share = v.parse::<f64>().ok().filter(|s| *s > 0.0 && *s < 1.0);
                args.check_labelled = Some(share.ok_or(format!("not a share between 0 and 1: {v}"))?);
            }
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    if args.db.as_os_str().is_empty() || args.from == 0 || args.to < args.from {
        return Err("--db, --from and --to (not before --from) are needed".into());
    }
    args.check = check_from.zip(check_to);
    Ok(args)
}
