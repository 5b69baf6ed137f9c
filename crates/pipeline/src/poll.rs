//! Polling one feed, as `chronicle watch` does on every round: a
//! conditional request with what the store remembers of the feed, its new
//! entries ingested, and the feed's state (validators, failures, when it
//! is due next) written back. A failing feed backs off exponentially, up
//! to a cap, and never sooner than its server's `Retry-After`.

use crate::{Outcome, Pipeline, Summary};
use chronicle_ingest::feed;
use chronicle_ingest::fetch::{FetchError, Fetched, Validators};
use chronicle_store::{FeedState, Store, StoreError};
use std::time::Duration;

/// How often feeds are polled.
#[derive(Debug, Clone)]
pub struct PollConfig {
    /// Between two polls of a feed that answers.
    pub interval: Duration,
    /// The longest wait after failures, however many.
    pub max_backoff: Duration,
}

/// What one poll found.
#[derive(Debug, Clone, PartialEq)]
pub enum Polled {
    /// `304 Not Modified`: nothing was read.
    NotModified,
    /// The feed was read; its entries' counts.
    Read(Summary),
    /// No feed could be read, and why; the state says when to try again.
    Failed(String),
}

/// A feed's next state after a poll at `now_ms` (Unix milliseconds).
/// `answer` is the status and validators of a success, or the failure.
pub fn next_state(
    previous: &FeedState,
    answer: Result<(u16, Option<Validators>), &FetchError>,
    now_ms: i64,
    config: &PollConfig,
) -> FeedState {
    match answer {
        Ok((status, validators)) => {
            let (etag, last_modified) = match validators {
                Some(v) => (v.etag, v.last_modified),
                None => (previous.etag.clone(), previous.last_modified.clone()),
            };
            FeedState {
                url: previous.url.clone(),
                etag,
                last_modified,
                last_status: Some(status),
                last_error: None,
                failures: 0,
                next_poll: Some(now_ms + millis(config.interval)),
            }
        }
        Err(e) => {
            let failures = previous.failures.saturating_add(1);
            let wait = backoff(failures, config).max(e.retry_after.unwrap_or_default());
            FeedState {
                last_status: e.status,
                last_error: Some(e.reason.clone()),
                failures,
                next_poll: Some(now_ms + millis(wait)),
                ..previous.clone()
            }
        }
    }
}

/// The wait after `failures` failed polls in a row: the interval doubled
/// each time, capped.
fn backoff(failures: u32, config: &PollConfig) -> Duration {
    let factor = 2u32.saturating_pow(failures.min(30));
    config.interval.saturating_mul(factor).min(config.max_backoff.max(config.interval))
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2)
}

/// What the store remembers of the feed at `url`, or a fresh state for a
/// feed never polled.
pub fn stored_feed_state(store: &Store, url: &str) -> Result<FeedState, StoreError> {
    Ok(store.reader().feed_state(url)?.unwrap_or_else(|| FeedState { url: url.to_string(), ..FeedState::default() }))
}

impl Pipeline {
    /// Poll the feed of `previous` (its state as last recorded, from
    /// [`stored_feed_state`] or the last poll) once and record its next
    /// state in the store; the next poll is timed from the end of this one.
    pub fn poll_feed(
        &self,
        store: &mut Store,
        previous: &FeedState,
        config: &PollConfig,
        progress: &mut dyn FnMut(&str, &Outcome),
    ) -> Result<(Polled, FeedState), StoreError> {
        let url = previous.url.as_str();
        let known = Validators { etag: previous.etag.clone(), last_modified: previous.last_modified.clone() };
        let (polled, answer) = match self.fetcher.fetch(url, &known) {
            Ok(Fetched::NotModified) => (Polled::NotModified, Ok((304, None))),
            Ok(Fetched::Document { document, status, validators }) => match read_feed(&document) {
                Ok(entries) => {
                    let summary = self.ingest_entries(store, entries, progress)?;
                    // An entry that failed (its article page, say) is tried
                    // again next time: without validators the feed is read
                    // whole again rather than answered 304.
                    let validators = if summary.failed == 0 { validators } else { Validators::default() };
                    (Polled::Read(summary), Ok((status, Some(validators))))
                }
                Err(reason) => {
                    let failure = FetchError { status: Some(status), ..FetchError::new(url, &reason) };
                    (Polled::Failed(reason), Err(failure))
                }
            },
            Err(failure) => (Polled::Failed(failure.reason.clone()), Err(failure)),
        };
        let answer = answer.as_ref().map(|(status, validators)| (*status, validators.clone()));
        let state = next_state(previous, answer, now_ms(), config);
        store.write(|w| w.put_feed_state(&state))?;
        Ok((polled, state))
    }
}

/// The time now, in milliseconds since the Unix epoch, as feed states
/// keep it.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    millis(since)
}

/// The entries of a fetched feed, or why it is not one.
fn read_feed(document: &chronicle_ingest::RawDocument) -> Result<Vec<feed::FeedEntry>, String> {
    feed::entries_if_feed(&document.input, &document.bytes)
        .unwrap_or_else(|| Err("not an RSS or Atom feed".to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: PollConfig = PollConfig { interval: Duration::from_secs(60), max_backoff: Duration::from_secs(600) };

    fn failure(retry_after: Option<u64>) -> FetchError {
        FetchError {
            status: Some(503),
            retry_after: retry_after.map(Duration::from_secs),
            ..FetchError::new("http://127.0.0.1:9/feed", "HTTP 503 Service Unavailable")
        }
    }

    #[test]
    fn failures_back_off_exponentially_up_to_the_cap() {
        let mut state = FeedState { url: "http://127.0.0.1:9/feed".into(), ..FeedState::default() };
        let mut waits = Vec::new();
        for _ in 0..6 {
            state = next_state(&state, Err(&failure(None)), 0, &CONFIG);
            waits.push(state.next_poll.unwrap() / 1000);
        }
        assert_eq!(waits, [120, 240, 480, 600, 600, 600]);
        assert_eq!(state.failures, 6);
        assert_eq!(state.last_status, Some(503));
        let recovered = next_state(&state, Ok((200, None)), 0, &CONFIG);
        assert_eq!((recovered.failures, recovered.next_poll, recovered.last_error), (0, Some(60_000), None));
    }

    #[test]
    fn retry_after_outranks_a_shorter_backoff() {
        let start = FeedState { url: "http://127.0.0.1:9/feed".into(), ..FeedState::default() };
        assert_eq!(next_state(&start, Err(&failure(Some(900))), 5, &CONFIG).next_poll, Some(900_005));
        assert_eq!(next_state(&start, Err(&failure(Some(1))), 5, &CONFIG).next_poll, Some(120_005));
    }

    #[test]
    fn validators_are_kept_through_a_not_modified_and_a_failure() {
        let start = FeedState { url: "u".into(), etag: Some("\"a\"".into()), ..FeedState::default() };
        let unchanged = next_state(&start, Ok((304, None)), 0, &CONFIG);
        assert_eq!(unchanged.etag.as_deref(), Some("\"a\""));
        let failed = next_state(&unchanged, Err(&failure(None)), 0, &CONFIG);
        assert_eq!(failed.etag.as_deref(), Some("\"a\""));
        let fresh = Validators { etag: Some("\"b\"".into()), last_modified: None };
        assert_eq!(next_state(&failed, Ok((200, Some(fresh))), 0, &CONFIG).etag.as_deref(), Some("\"b\""));
    }
}
