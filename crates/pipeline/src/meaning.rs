//! The sentence vectors of the events' summaries, which the re-ranker of
//! related events reads when an encoder is installed: computed once for
//! each event that has none (new, its summary changed, or stored before
//! vectors were kept), kept in the store, and read back for the events the
//! linker asks about.

use chronicle_embed::SentenceEncoder;
use chronicle_link::Meanings;
use chronicle_model::Event;
use chronicle_store::{Snapshot, Store, StoreError};
use std::cell::RefCell;

/// How many summaries are encoded and written in one transaction: a run
/// killed while encoding a large store keeps what it wrote.
const ENCODE_CHUNK: usize = 512;

/// Encode the summaries of the events without a vector and keep the
/// vectors; how many were encoded, or why the model failed (then the
/// lists are ranked without vectors).
pub(crate) fn encode_missing(
    store: &mut Store,
    encoder: &SentenceEncoder,
) -> Result<Result<usize, String>, StoreError> {
    let missing = store.reader().summaries_without_vectors()?;
    for chunk in missing.chunks(ENCODE_CHUNK) {
        let texts: Vec<&str> = chunk.iter().map(|(_, summary)| summary.as_str()).collect();
        let vectors = match encoder.try_encode(&texts) {
            Ok(vectors) => vectors,
            Err(e) => return Ok(Err(e.to_string())),
        };
        store.write(|w| {
            for ((id, _), vector) in chunk.iter().zip(&vectors) {
                w.put_event_vector(id, vector)?;
            }
            Ok(())
        })?;
    }
    Ok(Ok(missing.len()))
}

/// Every event's vector, indexed like `events`: for linking the whole set.
pub(crate) fn all_vectors(snapshot: &Snapshot<'_>, events: &[Event]) -> Result<Vec<Option<Vec<f32>>>, StoreError> {
    snapshot.event_vectors(&events.iter().map(|e| &e.id).collect::<Vec<_>>())
}

/// The vectors of the events the linker asks about, read from the store
/// then (an event and its best candidates at a time, and the events
/// nearest in time it searches for candidates by meaning), so that linking
/// a few events into a large store reads about a thousand vectors for
/// each, not all.
pub(crate) struct Stored<'s> {
    snapshot: &'s Snapshot<'s>,
    events: &'s [Event],
    /// The first read that failed: the linker's question has no error to
    /// give, so it hears of no vector and the caller is told after.
    failure: RefCell<Option<StoreError>>,
}

impl<'s> Stored<'s> {
    pub(crate) fn new(snapshot: &'s Snapshot<'s>, events: &'s [Event]) -> Self {
        Stored { snapshot, events, failure: RefCell::new(None) }
    }

    /// The first read that failed, if any.
    pub(crate) fn failure(self) -> Option<StoreError> {
        self.failure.into_inner()
    }
}

impl Meanings for Stored<'_> {
    fn vectors(&self, events: &[usize]) -> Vec<Option<Vec<f32>>> {
        let ids: Vec<_> = events.iter().map(|&i| &self.events[i].id).collect();
        self.snapshot.event_vectors(&ids).unwrap_or_else(|e| {
            self.failure.borrow_mut().get_or_insert(e);
            vec![None; events.len()]
        })
    }
}
