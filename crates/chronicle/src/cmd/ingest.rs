//! `chronicle ingest`: articles and curated event lists into the store, with
//! a progress bar on a terminal and a summary at the end.

use crate::cli::FetchFlags;
use crate::report::{Reporter, Status};
use chronicle_pipeline::{Outcome, Relinked, Summary};
use chronicle_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::Path;

pub fn run(
    db: &Path,
    inputs: &[String],
    event_lists: &[String],
    json: bool,
    fetch: &FetchFlags,
) -> anyhow::Result<Status> {
    if inputs.is_empty() && event_lists.is_empty() {
        anyhow::bail!("nothing to ingest: name files, folders, URLs, - or --events FILE.jsonl");
    }
    let pipeline = super::pipeline(fetch)?;
    let mut store = Store::open(db)?;
    let mut reporter = Reporter::new(json);
    let bar = progress_bar();
    let mut total = Summary::default();
    let mut hear = |input: &str, outcome: &Outcome| {
        bar.inc(1);
        if let Outcome::Failed(reason) = outcome {
            bar.suspend(|| reporter.fail(input, reason)).ok();
        }
    };
    for list in event_lists {
        bar.set_message(list.clone());
        total.add(pipeline.ingest_event_list(&mut store, list, &mut hear)?);
    }
    if !inputs.is_empty() {
        bar.set_message("articles");
        total.add(pipeline.ingest(&mut store, inputs, &mut hear)?);
    }
    bar.finish_and_clear();
    if let Some(relinked) = &total.relinked {
        eprintln!("{}", relinked_line(relinked));
    }
    eprintln!(
        "ingest: {} read, {} new, {} duplicate, {} failed; {} events in {}",
        total.read,
        total.new,
        total.duplicate,
        total.failed,
        total.events,
        db.display()
    );
    if json {
        reporter.emit(&serde_json::json!({
            "read": total.read, "new": total.new, "duplicate": total.duplicate,
            "failed": total.failed, "events": total.events,
        }))?;
    }
    Ok(reporter.finish()?)
}

/// Which model ranked the related lists, for the log.
fn relinked_line(relinked: &Relinked) -> String {
    match (relinked.by_meaning, &relinked.failure) {
        (true, _) => format!(
            "related: ranked with sentence vectors (model/related-meaning.json; {} summaries encoded)",
            relinked.encoded
        ),
        (false, Some(failure)) => {
            format!("related: ranked without sentence vectors (model/related.json): the encoder failed: {failure}")
        }
        (false, None) => "related: ranked without sentence vectors (model/related.json; no MiniLM weights installed: scripts/setup-embeddings)".to_string(),
    }
}

/// A spinner with counts on a terminal; nothing when stderr is redirected,
/// so logs stay clean.
fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    let style = ProgressStyle::with_template("{spinner} {pos} inputs {per_sec} [{elapsed}] {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar
}
