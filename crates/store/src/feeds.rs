//! What the store keeps of each polled feed, so that a later `watch` (or a
//! restarted one) sends the right conditional headers and keeps backing
//! off a failing feed.

use crate::{read::Snapshot, write::Writer, Result};
use rusqlite::{params, OptionalExtension};

/// One feed's polling state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedState {
    pub url: String,
    /// The validators of the last body read, sent back as `If-None-Match`
    /// and `If-Modified-Since`.
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// The HTTP status of the last poll; none when it got no answer.
    pub last_status: Option<u16>,
    /// Why the last poll failed, when it did.
    pub last_error: Option<String>,
    /// Polls failed in a row; zero after a success.
    pub failures: u32,
    /// When the feed is due again, in milliseconds since the Unix epoch.
    pub next_poll: Option<i64>,
}

impl Snapshot<'_> {
    /// The stored state of the feed at `url`, if it was ever polled.
    pub fn feed_state(&self, url: &str) -> Result<Option<FeedState>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT url, etag, last_modified, last_status, last_error, failures, next_poll
                 FROM feeds WHERE url = ?1",
                [url],
                |r| {
                    Ok(FeedState {
                        url: r.get(0)?,
                        etag: r.get(1)?,
                        last_modified: r.get(2)?,
                        last_status: r.get(3)?,
                        last_error: r.get(4)?,
                        failures: r.get(5)?,
                        next_poll: r.get(6)?,
                    })
                },
            )
            .optional()?)
    }
}

impl Writer<'_> {
    /// Record a feed's state after a poll.
    pub fn put_feed_state(&self, state: &FeedState) -> Result<()> {
        self.tx.execute(
            "INSERT OR REPLACE INTO feeds (url, etag, last_modified, last_status, last_error, failures, next_poll)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                state.url,
                state.etag,
                state.last_modified,
                state.last_status,
                state.last_error,
                state.failures,
                state.next_poll
            ],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn feed_state_survives_reopening_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let state = FeedState {
            url: "http://127.0.0.1:9/feed.xml".into(),
            etag: Some("\"v2\"".into()),
            last_modified: Some("Tue, 06 May 2031 09:30:00 GMT".into()),
            last_status: Some(500),
            last_error: Some("HTTP 500 Internal Server Error".into()),
            failures: 3,
            next_poll: Some(1_950_000_000_000),
        };
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.reader().feed_state(&state.url).unwrap(), None);
        store.write(|w| w.put_feed_state(&state)).unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.snapshot().unwrap().feed_state(&state.url).unwrap(), Some(state));
    }
}
