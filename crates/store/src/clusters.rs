//! What the online clusterer of ingest remembers, kept in the store so that
//! it survives between runs and changes with each article's own writes.
//!
//! The store knows nothing of how clusters are compared: it keeps the
//! clusterer's term ids and document frequencies, the documents counted,
//! each cluster's means as the bytes the clusterer gives, and the latest
//! clusters listed under each term. A cluster is an event, keyed by the
//! event's `seq` (its number in the order events were opened).

use crate::write::Writer;
use crate::Result;
use chronicle_model::{Event, EventId};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

/// A cluster as stored: its latest date and its means, as bytes (the
/// sentence vectors' mean empty when none was given).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredCluster {
    pub latest: Option<NaiveDate>,
    pub article: Vec<u8>,
    pub entities: Vec<u8>,
    pub embedding: Vec<u8>,
}

impl Writer<'_> {
    /// Count one more clustered document holding `terms` (sorted and
    /// distinct): new terms get the next ids in this order, every term's
    /// document frequency grows by one. Returns the documents counted so
    /// far and each term's id and frequency, in order.
    pub fn count_cluster_document(&self, terms: &[&str]) -> Result<(u32, Vec<(u32, u32)>)> {
        let documents: u32 = self.tx.query_row(
            "UPDATE cluster_counts SET value = value + 1 WHERE key = 'documents' RETURNING value",
            [],
            |r| r.get(0),
        )?;
        let mut next: u32 =
            self.tx.query_row("SELECT value FROM cluster_counts WHERE key = 'terms'", [], |r| r.get(0))?;
        let before = next;
        let mut upsert = self.tx.prepare_cached(
            "INSERT INTO cluster_terms (term, id, df) VALUES (?1, ?2, 1)
             ON CONFLICT (term) DO UPDATE SET df = df + 1 RETURNING id, df",
        )?;
        let mut counted = Vec::with_capacity(terms.len());
        for term in terms {
            let (id, df): (u32, u32) = upsert.query_row(params![term, next], |r| Ok((r.get(0)?, r.get(1)?)))?;
            if id == next {
                next += 1;
            }
            counted.push((id, df));
        }
        if next != before {
            self.tx.execute("UPDATE cluster_counts SET value = ?1 WHERE key = 'terms'", [next])?;
        }
        Ok((documents, counted))
    }

    /// The clusters listed under a term, the latest last.
    pub fn cluster_postings(&self, term: u32) -> Result<Vec<u64>> {
        let mut stmt = self.tx.prepare_cached("SELECT clusters FROM cluster_postings WHERE term = ?1")?;
        let bytes: Option<Vec<u8>> = stmt.query_row([term], |r| r.get(0)).optional()?;
        Ok(bytes
            .unwrap_or_default()
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(c.try_into().expect("chunks of eight")))
            .collect())
    }

    pub fn set_cluster_postings(&self, term: u32, clusters: &[u64]) -> Result<()> {
        let bytes: Vec<u8> = clusters.iter().flat_map(|c| c.to_le_bytes()).collect();
        self.tx
            .prepare_cached("INSERT OR REPLACE INTO cluster_postings (term, clusters) VALUES (?1, ?2)")?
            .execute(params![term, bytes])?;
        Ok(())
    }

    /// The latest date of a cluster's documents; none when it has none, is
    /// undated, or is no cluster yet.
    pub fn cluster_latest(&self, cluster: u64) -> Result<Option<NaiveDate>> {
        let mut stmt = self.tx.prepare_cached("SELECT latest FROM event_clusters WHERE seq = ?1")?;
        let latest: Option<Option<String>> = stmt.query_row([cluster as i64], |r| r.get(0)).optional()?;
        Ok(latest.flatten().and_then(|d| d.parse().ok()))
    }

    pub fn event_cluster(&self, cluster: u64) -> Result<Option<StoredCluster>> {
        let mut stmt =
            self.tx.prepare_cached("SELECT latest, article, entities, embedding FROM event_clusters WHERE seq = ?1")?;
        let found = stmt
            .query_row([cluster as i64], |r| {
                Ok(StoredCluster {
                    latest: r.get::<_, Option<String>>(0)?.and_then(|d| d.parse().ok()),
                    article: r.get(1)?,
                    entities: r.get(2)?,
                    embedding: r.get(3)?,
                })
            })
            .optional()?;
        Ok(found)
    }

    /// The `limit` clusters most recently active on or after `since` that
    /// hold sentence vectors, latest first (the latest opened first among
    /// equal dates), each with its latest date and its sentence bytes: what
    /// the clusterer's search by meaning compares. The index on `latest`
    /// keeps this a walk over those rows alone, however many are stored.
    pub fn recent_cluster_vectors(&self, since: NaiveDate, limit: usize) -> Result<Vec<(u64, NaiveDate, Vec<u8>)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT seq, latest, embedding FROM event_clusters
             WHERE latest >= ?1 AND length(embedding) > 0
             ORDER BY latest DESC, seq DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![since.to_string(), limit as i64], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?, r.get::<_, Vec<u8>>(2)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, latest, bytes) = row?;
            if let Ok(latest) = latest.parse() {
                out.push((seq, latest, bytes));
            }
        }
        Ok(out)
    }

    pub fn put_event_cluster(&self, cluster: u64, stored: &StoredCluster) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO event_clusters (seq, latest, article, entities, embedding)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                cluster as i64,
                stored.latest.map(|d| d.to_string()),
                stored.article,
                stored.entities,
                stored.embedding
            ])?;
        Ok(())
    }

    /// The cluster number of a stored event: its `seq`.
    pub fn event_seq(&self, id: &EventId) -> Result<Option<u64>> {
        let mut stmt = self.tx.prepare_cached("SELECT seq FROM events WHERE id = ?1")?;
        Ok(stmt.query_row([&id.0], |r| r.get::<_, i64>(0)).optional()?.map(|s| s as u64))
    }

    /// The event whose cluster number (`seq`) this is.
    pub fn event_at_seq(&self, seq: u64) -> Result<Option<Event>> {
        let mut stmt = self.tx.prepare_cached("SELECT id FROM events WHERE seq = ?1")?;
        let id: Option<String> = stmt.query_row([seq as i64], |r| r.get(0)).optional()?;
        match id {
            Some(id) => self.reader().event(&EventId(id)),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn terms_keep_their_ids_and_count_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        store.write(|w| w.count_cluster_document(&["bridge", "harbour"])).unwrap();
        let second = store.write(|w| w.count_cluster_document(&["ferry", "harbour"])).unwrap();
        assert_eq!(second, (2, vec![(2, 1), (1, 2)]), "a new term takes the next id; a known one its own");
    }

    #[test]
    fn postings_and_clusters_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let cluster = StoredCluster {
            latest: "2031-03-04".parse().ok(),
            article: vec![1, 2, 3],
            entities: vec![],
            embedding: vec![4, 5, 6, 7],
        };
        store
            .write(|w| {
                assert_eq!(w.cluster_postings(7)?, Vec::<u64>::new());
                w.set_cluster_postings(7, &[3, 1, 2])?;
                w.put_event_cluster(5, &cluster)
            })
            .unwrap();
        store
            .write(|w| {
                assert_eq!(w.cluster_postings(7)?, [3, 1, 2]);
                assert_eq!(w.event_cluster(5)?, Some(cluster.clone()));
                assert_eq!(w.cluster_latest(5)?, cluster.latest);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn recent_cluster_vectors_are_the_latest_active_with_vectors_latest_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let cluster = |latest: &str, embedding: Vec<u8>| StoredCluster {
            latest: latest.parse().ok(),
            article: vec![],
            entities: vec![],
            embedding,
        };
        let rows = store
            .write(|w| {
                w.put_event_cluster(1, &cluster("2031-03-01", vec![1; 8]))?;
                w.put_event_cluster(2, &cluster("2031-03-09", vec![2; 8]))?;
                w.put_event_cluster(3, &cluster("2031-03-09", vec![3; 8]))?;
                w.put_event_cluster(4, &cluster("2031-03-10", vec![]))?;
                w.put_event_cluster(5, &cluster("2031-03-05", vec![5; 8]))?;
                w.recent_cluster_vectors("2031-03-02".parse().unwrap(), 2)
            })
            .unwrap();
        let seqs: Vec<u64> = rows.iter().map(|(seq, _, _)| *seq).collect();
        assert_eq!(seqs, [3, 2], "the latest first, the latest opened among equal dates; none without vectors");
        assert_eq!(rows[0].2, vec![3; 8]);
    }

    /// The search by meaning runs for every article: it must walk the
    /// index on `latest`, not scan every stored cluster.
    #[test]
    fn recent_cluster_vectors_walk_the_index_on_latest() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let plan = store
            .write(|w| {
                let mut stmt = w.tx.prepare(
                    "EXPLAIN QUERY PLAN SELECT seq, latest, embedding FROM event_clusters
                     WHERE latest >= ?1 AND length(embedding) > 0 ORDER BY latest DESC, seq DESC LIMIT ?2",
                )?;
                let details = stmt.query_map(params!["2031-03-02", 10], |r| r.get::<_, String>(3))?;
                Ok(details.collect::<rusqlite::Result<Vec<_>>>()?.join("; "))
            })
            .unwrap();
        assert!(plan.contains("event_clusters_by_latest"), "{plan}");
    }
}
