//! The pipeline: the one crate that knows the order of the stages.
//!
//! For each input document: read ([`chronicle_ingest`]) → extract
//! ([`chronicle_extract`]) → annotate ([`chronicle_annotate`]) → find event
//! mentions ([`chronicle_events`]) — in parallel, since these are pure — then
//! one writer merges the mentions into the store's events, a transaction a
//! document, so a crash leaves every document wholly in or wholly out. After
//! a batch, related events are recomputed ([`chronicle_link`]).
//!
//! Chronicle event pages and curated event lists skip extraction: they are
//! events already.
//!
//! ```no_run
//! let mut store = chronicle_store::Store::open("chronicle.db".as_ref()).unwrap();
//! let pipeline = chronicle_pipeline::Pipeline::new();
//! let summary = pipeline.ingest(&mut store, &["articles/".to_string()], &mut |_, _| {}).unwrap();
//! println!("{} new documents", summary.new);
//! ```

mod clusters;
mod curated;
mod meaning;
mod merge;
mod poll;
mod prepare;
mod web;

pub use poll::{next_state, now_ms, stored_feed_state, PollConfig, Polled};
pub use web::WebLimits;

use chronicle_annotate::Annotator;
use chronicle_embed::SentenceEncoder;
use chronicle_ingest::feed::FeedEntry;
use chronicle_ingest::fetch::{is_url, FetchConfig, Fetcher};
use chronicle_ingest::InputError;
use chronicle_model::EventId;
use chronicle_store::{Snapshot, Store, StoreError};
pub use prepare::MAX_ARTICLE_TEXT_BYTES;
use prepare::{Pending, Prepared};
use rayon::prelude::*;

/// What happened to one input.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Stored, with the number of event mentions found in it.
    New { mentions: usize },
    /// The same bytes were stored before; nothing changed.
    Duplicate,
    /// Not ingested, and why.
    Failed(String),
}

/// Counts at the end of an ingest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub read: usize,
    pub new: usize,
    pub duplicate: usize,
    pub failed: usize,
    /// Events in the store after the ingest.
    pub events: usize,
    /// How the related lists were ranked, when the run relinked.
    pub relinked: Option<Relinked>,
}

/// How a relink ranked the related lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relinked {
    /// Whether by the model that reads sentence vectors (else by the one
    /// without them).
    pub by_meaning: bool,
    /// How many summaries were encoded for it.
    pub encoded: usize,
    /// Why not by meaning, when the encoder failed.
    pub failure: Option<String>,
}

impl Summary {
    /// Add the counts of a later run; the event total and the relink are
    /// the later one's.
    pub fn add(&mut self, later: Summary) {
        self.read += later.read;
        self.new += later.new;
        self.duplicate += later.duplicate;
        self.failed += later.failed;
        self.events = later.events;
        self.relinked = later.relinked.or(self.relinked.take());
    }

    fn count(&mut self, outcome: &Outcome) {
        self.read += 1;
        match outcome {
            Outcome::New { .. } => self.new += 1,
            Outcome::Duplicate => self.duplicate += 1,
            Outcome::Failed(_) => self.failed += 1,
        }
    }
}

/// The loaded pipeline (its models are loaded once and shared by threads),
/// with the client that fetches what is named by URL.
pub struct Pipeline {
    annotator: Annotator,
    /// The sentence encoder, when its weights are installed: the clusterer
    /// weighs the vectors of titles, and the re-ranker of related events
    /// those of summaries. Without it the clusterer reads words and
    /// entities alone, and related events are ranked without vectors.
    encoder: Option<SentenceEncoder>,
    fetcher: Fetcher,
    limits: WebLimits,
}

/// What one run is asked to read.
enum Source {
    /// A file, `-`, or URL as named (folders already walked).
    Name(Result<String, InputError>),
    /// A feed's entries, its body already fetched (by `watch`).
    Entries(Vec<FeedEntry>),
}

impl Default for Pipeline {
    fn default() -> Self {
        Self::new()
    }
}

/// Documents prepared in parallel between two rounds of writing: enough to
/// keep every core busy, few enough to bound memory.
const CHUNK: usize = 64;

impl Pipeline {
    pub fn new() -> Self {
        Self::with_fetching(&FetchConfig::default(), WebLimits::default())
    }

    /// A pipeline whose fetches keep these limits.
    pub fn with_fetching(config: &FetchConfig, limits: WebLimits) -> Self {
        Pipeline { annotator: Annotator::new(), encoder: None, fetcher: Fetcher::new(config), limits }
    }

    /// The same pipeline clustering and ranking related events with the
    /// sentence vectors of `encoder` (see [`relink`]).
    pub fn with_encoder(self, encoder: Option<SentenceEncoder>) -> Self {
        Pipeline { encoder, ..self }
    }

    pub fn annotator(&self) -> &Annotator {
        &self.annotator
    }

    /// Ingest files, folders, `-` and `http(s)` URLs (feeds and article
    /// pages); `progress` hears of every input.
    pub fn ingest(
        &self,
        store: &mut Store,
        inputs: &[String],
        progress: &mut dyn FnMut(&str, &Outcome),
    ) -> Result<Summary, StoreError> {
        let sources = chronicle_ingest::expand_inputs(inputs).into_iter().map(Source::Name).collect();
        self.run(store, sources, progress)
    }

    /// Ingest the entries of a feed already fetched: those the store holds
    /// are skipped, those carrying only a summary read from their link.
    pub fn ingest_entries(
        &self,
        store: &mut Store,
        entries: Vec<FeedEntry>,
        progress: &mut dyn FnMut(&str, &Outcome),
    ) -> Result<Summary, StoreError> {
        self.run(store, vec![Source::Entries(entries)], progress)
    }

    fn run(
        &self,
        store: &mut Store,
        sources: Vec<Source>,
        progress: &mut dyn FnMut(&str, &Outcome),
    ) -> Result<Summary, StoreError> {
        let mut summary = Summary::default();
        let path = store.path().to_path_buf();
        // The next chunk is prepared on every core while the one writer
        // stores the last: a channel of one chunk keeps both busy and
        // memory bounded.
        std::thread::scope(|scope| -> Result<(), StoreError> {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Prepared>>(1);
            scope.spawn(move || {
                let mut sources = sources.into_iter();
                loop {
                    let chunk: Vec<Source> = sources.by_ref().take(CHUNK).collect();
                    if chunk.is_empty() {
                        break;
                    }
                    let pending = self.pending(chunk, &path);
                    let mut prepared: Vec<Prepared> =
                        pending.into_par_iter().flat_map_iter(|p| prepare::prepare(p, &self.annotator)).collect();
                    if let Some(encoder) = &self.encoder {
                        clusters::embed_titles(encoder, &mut prepared);
                    }
                    if send.send(prepared).is_err() {
                        break; // the writer stopped on a store error
                    }
                }
            });
            for chunk in receive {
                // Outcomes are told once their chunk is committed.
                let stored = merge::store_chunk(store, chunk)?;
                for (input, outcome) in stored.done {
                    summary.count(&outcome);
                    progress(&input, &outcome);
                }
                if let Some(e) = stored.failure {
                    return Err(e);
                }
            }
            Ok(())
        })?;
        if store.reader().related_stale()? {
            summary.relinked = Some(relink(store, self.encoder.as_ref())?);
        }
        summary.events = store.reader().count_events()?;
        Ok(summary)
    }

    /// The documents a chunk of sources names: files pass as they are;
    /// what is on the web is fetched now, checked against a fresh snapshot
    /// of the store (opened only when needed) so that nothing stored is
    /// fetched again.
    fn pending(&self, chunk: Vec<Source>, store_path: &std::path::Path) -> Vec<Pending> {
        let online = chunk.iter().any(|s| match s {
            Source::Name(Ok(name)) => is_url(name),
            Source::Name(Err(_)) => false,
            Source::Entries(_) => true,
        });
        let snapshot = if online { Snapshot::open(store_path).ok() } else { None };
        let known = web::Known(snapshot.as_ref());
        let mut out = Vec::new();
        let mut urls = Vec::new();
        for source in chunk {
            match source {
                Source::Name(Ok(name)) if is_url(&name) => urls.push(name),
                Source::Name(name) => out.push(Pending::Named(name)),
                Source::Entries(entries) => out.extend(web::feed_entries(entries, &self.fetcher, &known, &self.limits)),
            }
        }
        out.extend(web::fetch_named(urls, &self.fetcher, &known, &self.limits));
        out
    }

    /// Ingest a curated event list (JSON Lines, optionally `.gz`).
    pub fn ingest_event_list(
        &self,
        store: &mut Store,
        path: &str,
        progress: &mut dyn FnMut(&str, &Outcome),
    ) -> Result<Summary, StoreError> {
        let mut summary = curated::ingest_list(self, store, path, progress)?;
        if store.reader().related_stale()? {
            summary.relinked = Some(relink(store, self.encoder.as_ref())?);
        }
        summary.events = store.reader().count_events()?;
        Ok(summary)
    }
}

/// Bring the related lists up to date, in one transaction that also clears
/// the store's mark that they are stale. When most events changed (a first
/// ingest) every list is computed; otherwise only the changed events' lists
/// are, and each changed event is offered to its best neighbours' lists, so
/// the cost follows the size of the batch, not of the store.
///
/// With an `encoder`, the summaries of events without a sentence vector
/// are encoded and kept first, and the lists are ranked by the model that
/// reads the vectors; without one (no weights installed), or if it
/// fails, by the model without them.
pub fn relink(store: &mut Store, encoder: Option<&SentenceEncoder>) -> Result<Relinked, StoreError> {
    let config = chronicle_link::LinkConfig::default();
    let mut relinked = Relinked::default();
    if let Some(encoder) = encoder {
        match meaning::encode_missing(store, encoder)? {
            Ok(encoded) => (relinked.by_meaning, relinked.encoded) = (true, encoded),
            Err(failure) => relinked.failure = Some(failure),
        }
    }
    let dirty: std::collections::HashSet<EventId> = store.reader().dirty_events()?.into_iter().collect();
    let total = store.reader().count_events()?;
    if dirty.len() * 2 >= total {
        relink_all(store, &config, relinked.by_meaning)?;
        return Ok(relinked);
    }
    let mut events = store.reader().events_for_linking()?;
    let mut changed = Vec::new();
    for (i, event) in events.iter_mut().enumerate() {
        if dirty.contains(&event.id) {
            // The changed events are read whole: their curated related
            // entries must survive, and their lists are written from them.
            if let Some(full) = store.reader().event(&event.id)? {
                *event = full;
                changed.push(i);
            }
        }
    }
    let changes = {
        let snapshot = store.reader();
        let stored = meaning::Stored::new(&snapshot, &events);
        let meanings = Some(&stored as &dyn chronicle_link::Meanings).filter(|_| relinked.by_meaning);
        let changes = chronicle_link::relate_changed_with(&events, &changed, &config, meanings);
        if let Some(failure) = stored.failure() {
            return Err(failure);
        }
        changes
    };
    let boards = records(&kept_boards(&store.reader())?);
    let mut offers: std::collections::BTreeMap<usize, Vec<chronicle_model::Related>> = Default::default();
    for (j, offer) in changes.offers {
        offers.entry(j).or_default().push(offer);
    }
    store.write(|w| {
        for (i, related) in changes.lists {
            w.set_related(&events[i], related)?;
        }
        for (j, offers) in offers {
            w.offer_related(&events[j].id, &offers, config.keep)?;
        }
        w.set_status_boards(&boards)?;
        w.mark_related_fresh()
    })?;
    Ok(relinked)
}

/// The status boards of every stored event, computed from the few events
/// whose words can tell of a board: reading every event whole made each
/// ingest slower as the store grew.
fn kept_boards(snap: &chronicle_store::Snapshot<'_>) -> Result<Vec<chronicle_link::status::Board>, StoreError> {
    let events = snap.events_with_words(&chronicle_link::status::board_words())?;
    Ok(chronicle_link::status::boards_among(&events, &chronicle_events::country_code, &snap.entity_counts()?))
}

/// The status boards as the store keeps them. They are written with the
/// related lists, in the transaction that clears the dirty marks: both are
/// fresh, or both are computed again.
fn records(boards: &[chronicle_link::status::Board]) -> Vec<(String, String)> {
    boards.iter().map(|b| (b.kind.as_str().to_string(), b.to_record())).collect()
}

/// Every related list computed anew, by the model that reads sentence
/// vectors when `by_meaning` (every event has one by then).
fn relink_all(store: &mut Store, config: &chronicle_link::LinkConfig, by_meaning: bool) -> Result<(), StoreError> {
    let events = store.reader().all_events()?;
    let vectors = if by_meaning { Some(meaning::all_vectors(&store.reader(), &events)?) } else { None };
    let meanings = vectors.as_ref().map(|v| v as &(dyn chronicle_link::Meanings + Sync));
    let related = chronicle_link::relate_all_with(&events, config, meanings);
    drop(vectors);
    let boards = records(&chronicle_link::status::boards(&events, &chronicle_events::country_code));
    store.write(|w| {
        for (event, related) in events.iter().zip(related) {
            w.set_related(event, related)?;
        }
        w.set_status_boards(&boards)?;
        w.mark_related_fresh()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_reports(dir: &std::path::Path) -> Vec<String> {
        let reports = [
            "France expelled two German diplomats on Monday, March 3, 2031.",
            "Germany expelled three French diplomats in return on Tuesday, March 4, 2031.",
        ];
        reports
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = dir.join(format!("r{i}.txt"));
                std::fs::write(&path, text).unwrap();
                path.display().to_string()
            })
            .collect()
    }

    #[test]
    fn a_later_small_batch_joins_the_related_lists_of_stored_events() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path.display().to_string()
        };
        let first = [
            write("a.txt", "France expelled two German diplomats on Monday, March 3, 2031."),
            write("b.txt", "Floods hit the north of Japan on Monday, March 3, 2031, and thousands fled."),
            write("c.txt", "Chile held a presidential election on Sunday, March 2, 2031."),
            write("d.txt", "Kenya opened a new railway to the coast on Monday, March 3, 2031."),
        ];
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let pipeline = Pipeline::new();
        pipeline.ingest(&mut store, &first, &mut |_, _| {}).unwrap();
        let later = [write("e.txt", "Germany expelled three French diplomats in return on Tuesday, March 4, 2031.")];
        pipeline.ingest(&mut store, &later, &mut |_, _| {}).unwrap();
        assert!(store.reader().dirty_events().unwrap().is_empty());
        let events = store.reader().all_events().unwrap();
        let find = |word: &str| events.iter().find(|e| e.summary.contains(word)).unwrap();
        let (expelled, answer) = (find("France expels"), find("Germany expels"));
        assert!(answer.related.iter().any(|r| r.id == expelled.id), "{:#?}", answer.related);
        assert!(
            expelled.related.iter().any(|r| r.id == answer.id),
            "the stored event hears of the new one: {:#?}",
            expelled.related
        );
    }

    /// A regression of speed: a widely reported event's record listed every
    /// report, and was read and written whole for each new one. It lists
    /// the first ones; every report is still a mention with its document.
    #[test]
    fn a_widely_reported_event_lists_its_first_sources_and_keeps_every_mention() {
        let dir = tempfile::tempdir().unwrap();
        let reports = merge::LISTED_SOURCES + 5;
        let inputs: Vec<String> = (0..reports)
            .map(|i| {
                let path = dir.path().join(format!("r{i}.txt"));
                let text = format!("Report {i}.\n\nFreedonia opened the Harbour Bridge on Monday, March 3, 2031.\n");
                std::fs::write(&path, text).unwrap();
                path.display().to_string()
            })
            .collect();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        Pipeline::new().ingest(&mut store, &inputs, &mut |_, _| {}).unwrap();
        let events = store.reader().all_events().unwrap();
        let bridge = events.iter().find(|e| e.summary.contains("Harbour Bridge")).expect("one bridge event");
        assert_eq!(events.iter().filter(|e| e.summary.contains("Harbour Bridge")).count(), 1, "{events:#?}");
        assert_eq!(bridge.sources.len(), merge::LISTED_SOURCES);
        assert_eq!(bridge.evidence.len(), merge::LISTED_SOURCES);
        let told = store.reader().first_mentions_of(&bridge.id, 1_000).unwrap();
        assert_eq!(told.len(), reports, "every report is a mention");
        assert_eq!(store.reader().count_reports(bridge).unwrap(), reports);
        assert_eq!(store.reader().count_documents().unwrap(), reports);
    }

    /// The boards kept after an ingest are the ones the events give, and
    /// are as fresh as the related lists.
    #[test]
    fn status_boards_are_kept_with_the_related_lists() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = write_reports(dir.path());
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        Pipeline::new().ingest(&mut store, &inputs, &mut |_, _| {}).unwrap();
        let computed =
            chronicle_link::status::boards(&store.reader().all_events().unwrap(), &chronicle_events::country_code);
        assert!(!computed.is_empty(), "expelled diplomats make a board");
        let kept = store.reader().status_boards(None).unwrap().expect("fresh after the ingest");
        let kept: Vec<_> = kept.iter().map(|(_, r)| chronicle_link::status::Board::from_record(r).unwrap()).collect();
        assert_eq!(kept, computed);
        let event = store.reader().all_events().unwrap().remove(0);
        store.write(|w| w.put_event(&event)).unwrap();
        assert_eq!(store.reader().status_boards(None).unwrap(), None, "a changed event makes them stale");
    }

    #[test]
    fn a_huge_single_line_article_is_refused_before_annotation() {
        // The 50 MB one-line page of the pathological inputs took minutes
        // to annotate; past the limit the article fails with a reason.
        let dir = tempfile::tempdir().unwrap();
        let sentence = "The committee met again on Tuesday and agreed to publish the harbour fees. ";
        let text = sentence.repeat(MAX_ARTICLE_TEXT_BYTES / sentence.len() + 1);
        let path = dir.path().join("long.txt");
        std::fs::write(&path, &text).unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let mut reasons = Vec::new();
        let summary = Pipeline::new()
            .ingest(&mut store, &[path.display().to_string()], &mut |_, outcome| {
                if let Outcome::Failed(reason) = outcome {
                    reasons.push(reason.clone());
                }
            })
            .unwrap();
        assert_eq!((summary.failed, summary.new), (1, 0));
        assert!(reasons[0].starts_with("article text too long"), "{reasons:?}");
    }

    /// Curated events of two stories, in a list file of `dir`.
    fn write_event_list(dir: &std::path::Path) -> String {
        let records = [
            ("2031-03-01", "Floods in Sylvania force thousands from their homes near Sylvan."),
            ("2031-03-02", "Rivers in Sylvania keep rising and the floods reach Sylvan's harbour."),
            ("2031-03-03", "Rescue boats reach villages cut off by the Sylvanian floods."),
            ("2031-03-02", "Freedonia holds a vote on its new constitution."),
            ("2031-03-04", "Freedonia counts the votes of its constitutional referendum."),
        ];
        let lines: Vec<String> =
            records.iter().map(|(date, text)| serde_json::json!({"date": date, "text": text}).to_string()).collect();
        let path = dir.join("events.jsonl");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        path.display().to_string()
    }

    #[test]
    fn without_an_encoder_lists_are_ranked_without_vectors_and_none_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let list = write_event_list(dir.path());
        let summary = Pipeline::new().ingest_event_list(&mut store, &list, &mut |_, _| {}).unwrap();
        assert_eq!(summary.relinked, Some(Relinked::default()), "by the model without vectors");
        assert_eq!(store.reader().count_event_vectors().unwrap(), 0);
        assert!(store.reader().all_events().unwrap().iter().all(|e| !e.related.is_empty()));
    }

    /// The installed MiniLM weights, or `None` (said on stderr) when they
    /// are absent: `scripts/setup-embeddings` installs them.
    fn installed_encoder() -> Option<SentenceEncoder> {
        let Some(dir) = chronicle_embed::locate() else {
            eprintln!("skipped: no MiniLM weights installed (run scripts/setup-embeddings)");
            return None;
        };
        Some(SentenceEncoder::open(&dir).unwrap())
    }

    #[test]
    fn with_an_encoder_every_event_gets_a_vector_once_and_lists_are_ranked_by_meaning() {
        let Some(encoder) = installed_encoder() else { return };
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let pipeline = Pipeline::new().with_encoder(Some(encoder));
        let list = write_event_list(dir.path());
        let summary = pipeline.ingest_event_list(&mut store, &list, &mut |_, _| {}).unwrap();
        assert_eq!(summary.relinked, Some(Relinked { by_meaning: true, encoded: 5, failure: None }));
        assert_eq!(store.reader().count_event_vectors().unwrap(), 5);
        let events = store.reader().all_events().unwrap();
        let flood = events.iter().find(|e| e.summary.starts_with("Rescue boats")).unwrap();
        assert!(flood.related[0].summary.contains("Sylvan"), "{:#?}", flood.related);
        // A later event is encoded alone; the stored vectors are kept.
        let later = dir.path().join("later.jsonl");
        let record = serde_json::json!({"date": "2031-03-05", "text": "Floodwater recedes from Sylvan."});
        std::fs::write(&later, record.to_string() + "\n").unwrap();
        let summary = pipeline.ingest_event_list(&mut store, &later.display().to_string(), &mut |_, _| {}).unwrap();
        assert_eq!(summary.relinked, Some(Relinked { by_meaning: true, encoded: 1, failure: None }));
        assert_eq!(store.reader().count_event_vectors().unwrap(), 6);
        assert!(store.check().unwrap().is_empty());
    }

    #[test]
    fn related_lists_are_recomputed_after_a_kill_before_relink() {
        let dir = tempfile::tempdir().unwrap();
        let inputs = write_reports(dir.path());
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let pipeline = Pipeline::new();
        pipeline.ingest(&mut store, &inputs, &mut |_, _| {}).unwrap();
        assert!(!store.reader().related_stale().unwrap());
        // What a process killed after committing a document but before
        // relinking leaves: an event whose related list was never computed.
        let events = store.reader().all_events().unwrap();
        let mut event = events.into_iter().find(|e| !e.related.is_empty()).expect("two linked reports");
        event.related.clear();
        store.write(|w| w.put_event(&event)).unwrap();
        assert!(store.reader().related_stale().unwrap());
        let again = pipeline.ingest(&mut store, &inputs, &mut |_, _| {}).unwrap();
        assert_eq!((again.new, again.duplicate), (0, 2));
        assert!(!store.reader().related_stale().unwrap(), "the next run relinks");
        assert!(!store.reader().event(&event.id).unwrap().unwrap().related.is_empty());
    }
}
