//! Inputs on the web: feeds and article pages named by URL are fetched, a
//! feed's entries that carry only a summary have their linked article
//! fetched, and whatever the store already holds (by URL or by hash) is
//! not fetched or read again. Runs in the preparing thread, before the
//! parallel stages, with its own read-only snapshot of the store.

use crate::prepare::{split, Pending};
use chronicle_ingest::feed::FeedEntry;
use chronicle_ingest::fetch::{is_url, FetchError, Fetched, Fetcher, Validators};
use chronicle_ingest::{contents, RawDocument};
use chronicle_store::Snapshot;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How much fetching one feed may cause.
#[derive(Debug, Clone)]
pub struct WebLimits {
    /// Linked article pages fetched for one feed read; entries past this
    /// are read from their summary.
    pub linked_per_feed: usize,
    /// Requests under way at once.
    pub concurrency: usize,
}

impl Default for WebLimits {
    fn default() -> Self {
        WebLimits { linked_per_feed: 50, concurrency: 4 }
    }
}

/// What the store holds already. A failed lookup counts as "not held":
/// the document is then read again, and the writer's hash check still
/// keeps it from being stored twice.
pub(crate) struct Known<'s>(pub Option<&'s Snapshot<'static>>);

impl Known<'_> {
    fn url(&self, url: &str) -> bool {
        self.0.is_some_and(|s| s.has_url(url).unwrap_or(false))
    }

    fn hash(&self, hash: &str) -> bool {
        self.0.is_some_and(|s| s.has_document(hash).unwrap_or(false))
    }
}

/// Fetch the URLs the user named: an article already stored under its URL
/// is not fetched again; a feed becomes its entries.
pub(crate) fn fetch_named(urls: Vec<String>, fetcher: &Fetcher, known: &Known, limits: &WebLimits) -> Vec<Pending> {
    let (stored, wanted): (Vec<String>, Vec<String>) = urls.into_iter().partition(|u| known.url(u));
    let fetched = fetch_all(&wanted, fetcher, limits.concurrency);
    let mut out: Vec<Pending> = stored.into_iter().map(Pending::Known).collect();
    for (url, answer) in wanted.into_iter().zip(fetched) {
        match answer {
            Ok(Fetched::Document { document, .. }) => out.extend(read_fetched(document, fetcher, known, limits)),
            Ok(Fetched::NotModified) => out.push(Pending::Known(url)),
            Err(e) => out.push(failed(e)),
        }
    }
    out
}

/// A fetched body read as a file would be: a page, a feed, or a dump.
fn read_fetched(doc: RawDocument, fetcher: &Fetcher, known: &Known, limits: &WebLimits) -> Vec<Pending> {
    match contents(doc) {
        Ok(chronicle_ingest::Contents::Entries(entries)) => feed_entries(entries, fetcher, known, limits),
        Ok(other) => split(other),
        Err((input, reason)) => vec![Pending::Failed { input, reason }],
    }
}

/// A feed's entries: those stored already (by hash or by link) are known;
/// one carrying only a summary and a link is read from its linked article
/// page (up to `linked_per_feed` of them); the rest are read as they are.
pub(crate) fn feed_entries(
    entries: Vec<FeedEntry>,
    fetcher: &Fetcher,
    known: &Known,
    limits: &WebLimits,
) -> Vec<Pending> {
    let mut out = Vec::new();
    let mut linked: Vec<(String, FeedEntry)> = Vec::new();
    for entry in entries {
        let link = entry.meta.url.clone().filter(|u| is_url(u));
        if known.hash(&entry.document.hash) || link.as_deref().is_some_and(|u| known.url(u)) {
            out.push(Pending::Known(entry.document.input));
            continue;
        }
        match link {
            Some(url)
                if !entry.full && linked.len() < limits.linked_per_feed && !linked.iter().any(|(u, _)| *u == url) =>
            {
                linked.push((url, entry))
            }
            _ => out.push(Pending::Entry(entry)),
        }
    }
    let urls: Vec<String> = linked.iter().map(|(u, _)| u.clone()).collect();
    for ((_, entry), answer) in linked.into_iter().zip(fetch_all(&urls, fetcher, limits.concurrency)) {
        out.push(match answer {
            Ok(Fetched::Document { document, .. }) => Pending::Document { doc: document, meta: Some(entry.meta) },
            Ok(Fetched::NotModified) => Pending::Entry(entry),
            Err(e) => failed(e),
        });
    }
    out
}

fn failed(e: FetchError) -> Pending {
    Pending::Failed { input: e.url, reason: e.reason }
}

/// Fetch every URL with at most `concurrency` requests under way; answers
/// come back in the order of `urls`.
pub(crate) fn fetch_all(urls: &[String], fetcher: &Fetcher, concurrency: usize) -> Vec<Result<Fetched, FetchError>> {
    let answers: Vec<Mutex<Option<Result<Fetched, FetchError>>>> = urls.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = concurrency.clamp(1, urls.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(url) = urls.get(i) else { break };
                let answer = fetcher.fetch(url, &Validators::default());
                *answers[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(answer);
            });
        }
    });
    answers
        .into_iter()
        .zip(urls)
        .map(|(slot, url)| {
            let answer = slot.into_inner().unwrap_or_else(|e| e.into_inner());
            answer.unwrap_or_else(|| Err(FetchError::new(url, "not fetched")))
        })
        .collect()
}
