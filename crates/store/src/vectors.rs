//! The sentence vector of each event's summary, which the re-ranker of
//! related events reads for an event and its best candidates. The store
//! does not compute them: the pipeline encodes the summaries of the events
//! that have none and writes them here.
//!
//! A vector is kept quantised to one signed byte a number, with the scale
//! of its largest number in front (four bytes, little-endian): 388 bytes
//! for 384 numbers instead of 1,536, which ranks as the exact vectors do
//! (the cosines move by a few thousandths at most).

use crate::read::Snapshot;
use crate::write::Writer;
use crate::{Result, StoreError};
use chronicle_model::{Event, EventId};
use rusqlite::{params, params_from_iter};

/// How many events one query asks for, under SQLite's limit of bound
/// parameters.
const BATCH: usize = 500;

/// The bytes of `vector`: its scale, then each number over the scale in
/// signed bytes (-127..=127).
pub fn quantise(vector: &[f32]) -> Vec<u8> {
    let largest = vector.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
    let mut out = Vec::with_capacity(4 + vector.len());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend(vector.iter().map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8));
    out
}

/// The vector kept as `bytes` by [`quantise`]; `None` when they are too
/// short to hold a scale.
pub fn dequantise(bytes: &[u8]) -> Option<Vec<f32>> {
    let scale = f32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    Some(bytes[4..].iter().map(|&b| b as i8 as f32 * scale).collect())
}

impl Writer<'_> {
    /// Keep `vector` as the sentence vector of event `id`'s summary.
    pub fn put_event_vector(&self, id: &EventId, vector: &[f32]) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO event_vectors (id, vector) VALUES (?1, ?2)")?
            .execute(params![id.0, quantise(vector)])?;
        Ok(())
    }

    /// Drop the vector of an event about to be written with another
    /// summary than the stored one: it was the old summary's.
    pub(crate) fn forget_stale_vector(&self, event: &Event) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM event_vectors WHERE id = ?1
                 AND ?2 IS NOT (SELECT summary FROM events WHERE id = ?1)",
            )?
            .execute(params![event.id.0, event.summary])?;
        Ok(())
    }
}

impl Snapshot<'_> {
    /// The sentence vectors of these events, in order; `None` for an event
    /// that has none. Read a few hundred events to a query.
    pub fn event_vectors(&self, ids: &[&EventId]) -> Result<Vec<Option<Vec<f32>>>> {
        let mut found: std::collections::HashMap<String, Vec<f32>> = Default::default();
        for batch in ids.chunks(BATCH) {
            let marks = vec!["?"; batch.len()].join(",");
            let sql = format!("SELECT id, vector FROM event_vectors WHERE id IN ({marks})");
            let mut stmt = self.conn().prepare(&sql)?;
            let mut rows = stmt.query(params_from_iter(batch.iter().map(|id| id.0.as_str())))?;
            while let Some(row) = rows.next()? {
                let (id, bytes): (String, Vec<u8>) = (row.get(0)?, row.get(1)?);
                let vector = dequantise(&bytes).ok_or_else(|| StoreError::Corrupt(format!("vector of {id}")))?;
                found.insert(id, vector);
            }
        }
        Ok(ids.iter().map(|id| found.get(&id.0).cloned()).collect())
    }

    /// The events that have no sentence vector (new, their summary changed,
    /// or stored before vectors were kept), with their summaries, in the
    /// order they were stored. New and changed events are dirty, so they
    /// are looked for there first; every event is read only when the
    /// counts say some outside them lack one too (a store migrated, or
    /// ingested without the encoder): reading the summaries of 72,000
    /// events takes a second.
    pub fn summaries_without_vectors(&self) -> Result<Vec<(EventId, String)>> {
        let dirty = self.summaries_lacking_vectors(
            "SELECT e.id, e.summary FROM dirty_events d JOIN events e ON e.id = d.id
             WHERE e.id NOT IN (SELECT id FROM event_vectors) ORDER BY e.seq",
        )?;
        let lacking = self.count_events()? - self.count_event_vectors()?;
        if lacking <= dirty.len() {
            return Ok(dirty);
        }
        self.summaries_lacking_vectors(
            "SELECT id, summary FROM events WHERE id NOT IN (SELECT id FROM event_vectors) ORDER BY seq",
        )
    }

    fn summaries_lacking_vectors(&self, sql: &str) -> Result<Vec<(EventId, String)>> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((EventId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many events have a sentence vector.
    pub fn count_event_vectors(&self) -> Result<usize> {
        Ok(self.conn().query_row("SELECT count(*) FROM event_vectors", [], |r| r.get::<_, i64>(0))? as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event of 2031-05-02 naming no entity, with this summary.
    fn event(id: &str, summary: &str) -> Event {
        Event { summary: summary.into(), ..crate::write::tests::event(id, "2031-05-02", &[]) }
    }

    #[test]
    fn a_quantised_vector_keeps_its_direction() {
        let vector: Vec<f32> = (0..384).map(|k| ((k * 37 % 101) as f32 - 50.0) / 400.0).collect();
        let back = dequantise(&quantise(&vector)).unwrap();
        assert_eq!((quantise(&vector).len(), back.len()), (388, 384));
        let dot = chronicle_model::dot(&vector, &back);
        let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!(dot / (norm(&vector) * norm(&back)) > 0.9999, "{}", dot / (norm(&vector) * norm(&back)));
        assert_eq!(dequantise(&[0, 0]), None);
        assert_eq!(dequantise(&quantise(&[0.0, 0.0])).unwrap(), [0.0, 0.0]);
    }

    #[test]
    fn vectors_are_read_in_the_order_asked_and_missing_ones_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::Store::open(&dir.path().join("v.db")).unwrap();
        store
            .write(|w| {
                w.put_event(&event("a", "Ferries resume."))?;
                w.put_event(&event("b", "The harbour reopens."))?;
                w.put_event_vector(&EventId("b".into()), &[0.0, 1.0])
            })
            .unwrap();
        let (a, b) = (EventId("a".into()), EventId("b".into()));
        let read = store.reader().event_vectors(&[&b, &a, &b]).unwrap();
        assert_eq!(read, [Some(vec![0.0, 1.0]), None, Some(vec![0.0, 1.0])]);
        assert_eq!(store.reader().summaries_without_vectors().unwrap(), [(a, "Ferries resume.".to_string())]);
        assert!(store.check().unwrap().is_empty());
    }

    #[test]
    fn a_changed_summary_loses_its_vector_and_an_unchanged_one_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::Store::open(&dir.path().join("v.db")).unwrap();
        let id = EventId("a".into());
        store
            .write(|w| {
                w.put_event(&event("a", "Ferries resume."))?;
                w.put_event_vector(&id, &[1.0, 0.0])
            })
            .unwrap();
        store.write(|w| w.put_event(&event("a", "Ferries resume."))).unwrap();
        assert_eq!(store.reader().count_event_vectors().unwrap(), 1, "same summary, same vector");
        store.write(|w| w.put_event(&event("a", "Ferries stop again."))).unwrap();
        assert_eq!(store.reader().event_vectors(&[&id]).unwrap(), [None]);
        assert_eq!(store.reader().summaries_without_vectors().unwrap(), [(id, "Ferries stop again.".to_string())]);
    }

    /// Events stored before vectors were kept are not dirty, yet lack one:
    /// they are found too.
    #[test]
    fn events_that_are_not_dirty_and_lack_a_vector_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = crate::Store::open(&dir.path().join("v.db")).unwrap();
        store
            .write(|w| {
                w.put_event(&event("old", "Ferries resume."))?;
                w.mark_related_fresh()?;
                w.put_event(&event("new", "The harbour reopens."))
            })
            .unwrap();
        assert_eq!(store.reader().dirty_events().unwrap(), [EventId("new".into())]);
        let ids: Vec<String> =
            store.reader().summaries_without_vectors().unwrap().into_iter().map(|(id, _)| id.0).collect();
        assert_eq!(ids, ["old", "new"]);
    }
}
