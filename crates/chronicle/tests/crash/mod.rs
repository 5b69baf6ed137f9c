//! Crash safety: `chronicle ingest` killed (SIGKILL) at random moments, many
//! times over, leaves a store that opens and passes `chronicle check`, holds
//! every document wholly or not at all, and, once a run completes, is the
//! store a single clean run makes: no document lost or stored twice, no
//! event duplicated, related lists in place.

use crate::{chronicle, command, events_of, stderr};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// How many kills; `CHRONICLE_KILL_ROUNDS` overrides (CI runs the default).
fn rounds() -> usize {
    std::env::var("CHRONICLE_KILL_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(50)
}

const PLACES: &[&str] = &["Freedonia", "Sylvania", "Marsovia", "Ruritania", "Grand Fenwick", "Latveria"];
const DEEDS: &[&str] = &[
    "expelled two diplomats of",
    "signed a trade agreement with",
    "imposed sanctions on the central bank of",
    "released four prisoners held by",
    "held border talks with",
];

/// A corpus of short dated reports, each one unique.
pub fn write_corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..n {
        let a = PLACES[i % PLACES.len()];
        let b = PLACES[(i / PLACES.len() + i + 1) % PLACES.len()];
        let deed = DEEDS[i % DEEDS.len()];
        let day = 1 + i % 28;
        let text = format!(
            "{a} {deed} {b}\n\nMarch {day}, 2031\n\n{a} {deed} {b} on Monday, officials said in report number {i}. \
             The move follows weeks of tension over the river border. Talks are due to resume next month.\n"
        );
        std::fs::write(dir.join(format!("report-{i:03}.txt")), text).unwrap();
    }
}

/// A tiny deterministic generator: the kill moments vary, the test repeats.
fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *seed >> 33
}

fn ingest_killed_after(dir: &Path, delay: Duration) {
    let mut child = command(dir, &["ingest", "corpus"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    std::thread::sleep(delay);
    // SIGKILL: no destructor, no flush, no rollback by us.
    let _ = child.kill();
    let _ = child.wait();
}

fn documents_and_events(dir: &Path) -> String {
    let out = chronicle(dir, &["check"]);
    assert_eq!(out.status.code(), Some(0), "check after a kill: {}", stderr(&out));
    let err = stderr(&out);
    err.lines().find(|l| l.contains("documents,")).unwrap_or_default().to_string()
}

#[test]
fn ingest_killed_at_random_moments_loses_and_duplicates_nothing() {
    const DOCS: usize = 40;
    let clean = tempfile::tempdir().unwrap();
    write_corpus(&clean.path().join("corpus"), DOCS);
    let start = Instant::now();
    assert_eq!(chronicle(clean.path(), &["ingest", "corpus"]).status.code(), Some(0));
    let full_run = start.elapsed();
    let expected = events_of(clean.path(), &[]);

    let killed = tempfile::tempdir().unwrap();
    write_corpus(&killed.path().join("corpus"), DOCS);
    let mut seed = 20261123;
    let span = full_run.as_millis().max(50) as u64 * 6 / 5;
    for round in 0..rounds() {
        let delay = Duration::from_millis(next(&mut seed) % span);
        ingest_killed_after(killed.path(), delay);
        if killed.path().join("chronicle.db").exists() {
            let counts = documents_and_events(killed.path());
            assert!(counts.contains("0 problems"), "round {round} ({delay:?}): {counts}");
        }
    }
    let done = chronicle(killed.path(), &["ingest", "corpus"]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(stderr(&done).contains(&format!("{DOCS} read")), "{}", stderr(&done));
    let counts = documents_and_events(killed.path());
    assert!(counts.starts_with(&format!("check: {DOCS} documents, {} events", expected.len())), "{counts}");
    assert_eq!(events_of(killed.path(), &[]), expected, "the resumed store is the store of one clean run");
}
