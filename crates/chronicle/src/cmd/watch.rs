//! `chronicle watch`: poll feeds on an interval and ingest what is new,
//! until interrupted or until `--rounds` rounds are done. A round polls
//! every feed that is due; between rounds the command sleeps until the
//! next feed is due. Ctrl-C and SIGTERM are heard between two feeds, so
//! that a feed's entries and its recorded state are never half written.

use crate::cli::FetchFlags;
use crate::report::{Reporter, Status};
use chronicle_ingest::fetch::is_url;
use chronicle_pipeline::{now_ms, stored_feed_state, Outcome, PollConfig, Polled};
use chronicle_store::{FeedState, Store};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// When to poll, and for how long.
pub struct Schedule {
    pub interval: Duration,
    pub rounds: Option<u64>,
    pub max_backoff: Duration,
}

pub fn run(db: &Path, feeds: &[String], schedule: &Schedule, fetch: &FetchFlags, json: bool) -> anyhow::Result<Status> {
    if let Some(bad) = feeds.iter().find(|f| !is_url(f)) {
        anyhow::bail!("{bad}: watch polls http(s) feed URLs; ingest files with `chronicle ingest`");
    }
    let stop = stop_on_signals()?;
    let pipeline = super::pipeline(fetch)?;
    let mut store = Store::open(db)?;
    let config = PollConfig { interval: schedule.interval, max_backoff: schedule.max_backoff };
    // Each feed's state is read from the store once; from then on this
    // watch is its poller and keeps the state each poll writes.
    let mut states = distinct(feeds)
        .into_iter()
        .map(|feed| stored_feed_state(&store, feed))
        .collect::<Result<Vec<FeedState>, _>>()?;
    let mut reporter = Reporter::new(json);
    let mut round = 0;
    while schedule.rounds.is_none_or(|n| round < n) {
        if !sleep_until_due(&states, &stop) {
            break;
        }
        round += 1;
        for state in &mut states {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            if !is_due(state, now_ms()) {
                continue;
            }
            let mut hear = |input: &str, outcome: &Outcome| {
                if let Outcome::Failed(reason) = outcome {
                    reporter.fail(input, reason).ok();
                }
            };
            let (polled, next) = pipeline.poll_feed(&mut store, state, &config, &mut hear)?;
            *state = next;
            let wait = Duration::from_millis(due_at(state).saturating_sub(now_ms()).max(0) as u64);
            report(&mut reporter, &state.url, &polled, wait, json)?;
            // A reader of a long watch hears of each poll as it ends.
            reporter.flush()?;
        }
    }
    Ok(reporter.finish()?)
}

/// The feeds in the order given, each once: a feed named twice is still
/// one feed, polled once a round.
fn distinct(feeds: &[String]) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    feeds.iter().map(String::as_str).filter(|f| seen.insert(*f)).collect()
}

/// One line a poll on stderr (and an object with `--json`); a feed that
/// could not be read is a failed input.
fn report(reporter: &mut Reporter, feed: &str, polled: &Polled, wait: Duration, json: bool) -> anyhow::Result<()> {
    let next = format!("next poll in {:.1}s", wait.as_secs_f64());
    match polled {
        Polled::NotModified => eprintln!("watch: {feed}: not modified; {next}"),
        Polled::Read(s) => eprintln!(
            "watch: {feed}: {} read, {} new, {} duplicate, {} failed; {} events; {next}",
            s.read, s.new, s.duplicate, s.failed, s.events
        ),
        Polled::Failed(reason) => reporter.fail(feed, &format!("{reason}; {next}"))?,
    }
    if json && !matches!(polled, Polled::Failed(_)) {
        let (status, counts) = match polled {
            Polled::Read(s) => ("read", Some(s)),
            _ => ("not-modified", None),
        };
        reporter.emit(&serde_json::json!({
            "feed": feed, "status": status,
            "new": counts.map_or(0, |s| s.new), "duplicate": counts.map_or(0, |s| s.duplicate),
            "failed": counts.map_or(0, |s| s.failed), "next_poll_secs": wait.as_secs_f64(),
        }))?;
    }
    Ok(())
}

/// SIGINT and SIGTERM set a flag the loop reads between feeds; a second
/// one, while the first is still being honoured, ends the process at once.
fn stop_on_signals() -> anyhow::Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    Ok(stop)
}

/// Sleep until some feed is due; false when a signal came first.
fn sleep_until_due(states: &[FeedState], stop: &AtomicBool) -> bool {
    // Short naps, so that a signal is heard within a tenth of a second.
    while !stop.load(Ordering::Relaxed) {
        let now = now_ms();
        if states.iter().any(|s| is_due(s, now)) {
            return true;
        }
        let left = states.iter().map(due_at).min().unwrap_or(i64::MAX) - now;
        std::thread::sleep(Duration::from_millis(left.clamp(1, 100) as u64));
    }
    false
}

/// When a feed is due (a feed never polled is due now).
fn due_at(state: &FeedState) -> i64 {
    state.next_poll.unwrap_or(0)
}

/// Whether a feed may be polled at `now` (Unix milliseconds). Its next
/// poll time was counted from a millisecond cut short, so within that
/// millisecond the wait (a `Retry-After`, say) may not be over yet: the
/// feed is due once the millisecond has passed.
fn is_due(state: &FeedState, now: i64) -> bool {
    state.next_poll.is_none_or(|at| now > at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A poll could come up to a millisecond before its `Retry-After` was
    /// over: the next poll time was compared with the truncated clock.
    #[test]
    fn retry_after_is_never_cut_short_by_a_millisecond() {
        let state = FeedState { url: "http://127.0.0.1:9/feed".into(), next_poll: Some(5_000), ..FeedState::default() };
        assert!(!is_due(&state, 4_999));
        assert!(!is_due(&state, 5_000), "the wait may end anywhere in this millisecond");
        assert!(is_due(&state, 5_001));
        assert!(is_due(&FeedState::default(), 0), "a feed never polled is due at once");
    }
}
