//! The schema and its migrations, numbered by SQLite's `user_version`.

use rusqlite::Connection;

/// Each entry brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, events, their sources, evidence and indexes.
    "CREATE TABLE documents (
        hash TEXT PRIMARY KEY,
        input TEXT NOT NULL,
        url TEXT, title TEXT, published TEXT, site TEXT, language TEXT,
        authors TEXT NOT NULL DEFAULT '[]',
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        date TEXT,
        precision TEXT NOT NULL,
        summary TEXT NOT NULL,
        type TEXT,
        score REAL NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX events_by_date ON events(date);
    CREATE TABLE mentions (
        event_id TEXT NOT NULL REFERENCES events(id),
        document TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX mentions_by_event ON mentions(event_id);
    CREATE INDEX mentions_by_document ON mentions(document);
    CREATE TABLE event_entities (
        event_id TEXT NOT NULL REFERENCES events(id),
        name TEXT NOT NULL,
        label TEXT NOT NULL,
        PRIMARY KEY (event_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX entities_by_name ON event_entities(name COLLATE NOCASE);
    CREATE VIRTUAL TABLE events_fts USING fts5(id UNINDEXED, summary, evidence);",
    // 2: rewriting an event deleted its full-text row by `id`, a column FTS5
    // cannot index, and `max(seq)` had no index: both scanned every event,
    // so ingest slowed with the square of the store. The full-text rows now
    // share the event's `seq` as their rowid.
    "CREATE UNIQUE INDEX events_by_seq ON events(seq);
    CREATE INDEX documents_by_seq ON documents(seq);
    DROP TABLE events_fts;
    CREATE VIRTUAL TABLE events_fts USING fts5(id UNINDEXED, summary, evidence);
    INSERT INTO events_fts (rowid, id, summary, evidence)
        SELECT seq, id, summary,
               coalesce((SELECT group_concat(json_extract(value, '$.sentence'), char(10))
                         FROM json_each(events.data, '$.evidence')), '')
        FROM events;",
    // 3: facts about the store as a whole. `related_stale` is set in the
    // transaction that changes events and cleared by the one that relinks
    // them, so a process killed in between leaves the mark for the next run.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO meta (key, value) VALUES ('related_stale', '1');",
    // 4: the events written since the related lists were last computed, so
    // that relinking touches them and their neighbours, not the whole store.
    "CREATE TABLE dirty_events (id TEXT PRIMARY KEY) WITHOUT ROWID;
    INSERT INTO dirty_events (id) SELECT id FROM events;",
    // 5: whether the related lists are stale is whether any event is dirty;
    // the separate mark of migration 3 said the same thing twice.
    "DROP TABLE meta;",
    // 6: what `chronicle watch` knows of each feed it polls (validators for
    // conditional requests, failures for backing off, when to poll next),
    // and an index to tell an article already stored by its URL.
    "CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        last_status INTEGER,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll INTEGER
    ) WITHOUT ROWID;
    CREATE INDEX documents_by_url ON documents(url);",
    // 7: what the portal's entity and status pages read, kept by the writer
    // rather than computed per request. Entity rows carry their event's
    // date, seq and score, so an entity's timeline and chart are read from
    // one index in date order (names compare case-blind, as every lookup
    // does, so an event names an entity once); `entity_partners` counts the
    // events each pair of entities shares; `status_boards` holds the boards
    // computed with the related lists. Every event is marked dirty so that
    // the next ingest computes the boards of a migrated store. Searches
    // sort their matches by date from an index of (seq, date), without
    // reading the events' rows, or, for a word with very many matches,
    // walk an index of (date, seq) newest first.
    "CREATE TABLE event_entities_v7 (
        event_id TEXT NOT NULL REFERENCES events(id),
        name TEXT NOT NULL COLLATE NOCASE,
        label TEXT NOT NULL,
        date TEXT,
        seq INTEGER NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (event_id, name)
    ) WITHOUT ROWID;
    INSERT OR IGNORE INTO event_entities_v7 (event_id, name, label, date, seq, score)
        SELECT x.event_id, x.name, x.label, e.date, e.seq, e.score
        FROM event_entities x JOIN events e ON e.id = x.event_id ORDER BY x.event_id, x.name;
    DROP TABLE event_entities;
    ALTER TABLE event_entities_v7 RENAME TO event_entities;
    CREATE INDEX entities_by_name ON event_entities(name, date, seq, score);
    CREATE TABLE entity_partners (
        name TEXT NOT NULL COLLATE NOCASE,
        partner TEXT NOT NULL,
        events INTEGER NOT NULL,
        PRIMARY KEY (name, partner)
    ) WITHOUT ROWID;
    INSERT INTO entity_partners (name, partner, events)
        SELECT a.name, b.name, count(*) FROM event_entities a
        JOIN event_entities b ON b.event_id = a.event_id AND b.name <> a.name
        GROUP BY a.name, b.name COLLATE BINARY;
    CREATE INDEX events_by_seq_date ON events(seq, date);
    CREATE INDEX events_by_date_seq ON events(date, seq);
    CREATE TABLE status_boards (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, data TEXT NOT NULL);
    INSERT OR IGNORE INTO dirty_events (id) SELECT id FROM events;",
    // 8: what the online clusterer of ingest remembers, so that reports of
    // one happening on different days join one event: its term ids and
    // document frequencies, the documents and terms counted, each event's
    // cluster (keyed by the event's seq: its latest date and its mean
    // vectors as compact bytes), and the latest clusters listed under each
    // term (a short list of seqs). A migrated store's events have no
    // cluster yet: they are found by the older same-day test until a new
    // report joins them.
    "CREATE TABLE cluster_terms (term TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TABLE cluster_counts (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO cluster_counts (key, value) VALUES ('documents', 0), ('terms', 0);
    CREATE TABLE event_clusters (seq INTEGER PRIMARY KEY, latest TEXT, article BLOB NOT NULL, entities BLOB NOT NULL);
    CREATE TABLE cluster_postings (term INTEGER PRIMARY KEY, clusters BLOB NOT NULL);",
    // 9: each event's cluster keeps the mean of its reports' sentence
    // vectors beside its word and entity means (the sum of the vectors and
    // their weight, as little-endian 32-bit numbers: `DenseMean`); empty
    // while none of its reports was read with a sentence encoder (a store
    // written before, or without the encoder's weights).
    "ALTER TABLE event_clusters ADD COLUMN embedding BLOB NOT NULL DEFAULT x'';",
    // 10: the sentence vector of each event's summary, for the re-ranker of
    // related events (see `vectors.rs`: 384 numbers as bytes, quantised).
    // A migrated store's events have none until an ingest with the
    // encoder computes them.
    "CREATE TABLE event_vectors (id TEXT PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;",
    // 11: the clusterer also looks for the clusters nearest an article in
    // meaning among the most recently active ones; an index on each
    // cluster's latest date lets it read those rows alone.
    "CREATE INDEX event_clusters_by_latest ON event_clusters (latest);",
];

pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    // WAL: readers never wait for the writer, and a killed writer leaves
    // only whole transactions behind.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Statement journals (an UPSERT inside a document's savepoint opens
    // one) in memory: as temporary files they cost some 700,000 writes
    // over a thousand articles.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(())
}

pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > MIGRATIONS.len() {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "store schema version {version} is newer than this chronicle ({})",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}

pub(crate) fn check(conn: &Connection) -> crate::Result<Vec<String>> {
    let mut problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    problems.retain(|p| p != "ok");
    let orphans: i64 =
        conn.query_row("SELECT count(*) FROM mentions WHERE event_id NOT IN (SELECT id FROM events)", [], |r| {
            r.get(0)
        })?;
    if orphans > 0 {
        problems.push(format!("{orphans} mentions point to no event"));
    }
    let unsourced: i64 = conn.query_row(
        "SELECT count(*) FROM mentions WHERE document != '' AND document NOT IN (SELECT hash FROM documents)",
        [],
        |r| r.get(0),
    )?;
    if unsourced > 0 {
        problems.push(format!("{unsourced} mentions point to no document"));
    }
    let lost: i64 =
        conn.query_row("SELECT count(*) FROM event_clusters WHERE seq NOT IN (SELECT seq FROM events)", [], |r| {
            r.get(0)
        })?;
    if lost > 0 {
        problems.push(format!("{lost} clusters belong to no event"));
    }
    // New terms take the counter's value as their id: a counter behind the
    // terms would give a new term a taken id.
    let (counted, terms): (i64, i64) = conn.query_row(
        "SELECT (SELECT value FROM cluster_counts WHERE key = 'terms'), (SELECT count(*) FROM cluster_terms)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if counted != terms {
        problems.push(format!("the clusterer counts {counted} terms but holds {terms}"));
    }
    let strays: i64 =
        conn.query_row("SELECT count(*) FROM event_vectors WHERE id NOT IN (SELECT id FROM events)", [], |r| r.get(0))?;
    if strays > 0 {
        problems.push(format!("{strays} sentence vectors belong to no event"));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store file at `path` as version `version` left it, holding the
    /// rows that `rows` (SQL) writes: what an older Chronicle would open.
    fn store_at_version(path: &std::path::Path, version: usize, rows: &str) {
        let conn = Connection::open(path).unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(rows).unwrap();
        conn.pragma_update(None, "user_version", version).unwrap();
    }

    #[test]
    fn version_one_store_migrates_with_its_full_text_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        store_at_version(
            &path,
            1,
            r#"INSERT INTO events (id, date, precision, summary, data, seq)
               VALUES ('e1', '2010', 'year', 'Ferries resume', '{"evidence":[{"sentence":"The harbour reopened."}]}', 7);
               INSERT INTO events_fts (id, summary, evidence) VALUES ('e1', 'Ferries resume', 'The harbour reopened.');"#,
        );
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn).unwrap();
        let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version, MIGRATIONS.len());
        let found: (i64, String) = conn
            .query_row("SELECT rowid, id FROM events_fts WHERE events_fts MATCH 'harbour'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(found, (7, "e1".to_string()), "the full-text row takes the event's seq as rowid");
    }

    /// A store of version 7 gains the clusterer's tables, empty: its events
    /// have no cluster yet, and the first clustered document counts from one.
    #[test]
    fn version_seven_store_migrates_with_no_clusters_yet() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.db");
        store_at_version(
            &path,
            7,
            "INSERT INTO events (id, date, precision, summary, score, data, seq) VALUES
                   ('e1', '2031-05-02', 'day', 'Talks', 4, '{}', 1);",
        );
        let mut store = crate::Store::open(&path).unwrap();
        assert_eq!(store.reader().clustered().unwrap(), (0, 0, 0));
        let counted = store
            .write(|w| {
                assert_eq!(w.cluster_latest(1)?, None, "the old event has no cluster");
                w.count_cluster_document(&["harbour", "talks"])
            })
            .unwrap();
        assert_eq!(counted, (1, vec![(0, 1), (1, 1)]));
        assert_eq!(store.reader().clustered().unwrap(), (1, 0, 2));
        assert!(store.check().unwrap().is_empty());
        drop(store);
        // A term counter behind the terms would hand out a taken id.
        Connection::open(&path)
            .unwrap()
            .execute("UPDATE cluster_counts SET value = 1 WHERE key = 'terms'", [])
            .unwrap();
        let problems = crate::Store::open(&path).unwrap().check().unwrap();
        assert_eq!(problems, ["the clusterer counts 1 terms but holds 2"]);
    }

    /// A store of version 8 keeps its clusters, each with an empty mean of
    /// sentence vectors: its reports were read without an encoder.
    #[test]
    fn version_eight_store_migrates_its_clusters_with_no_sentence_vectors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v8.db");
        store_at_version(
            &path,
            8,
            "INSERT INTO events (id, date, precision, summary, score, data, seq) VALUES
                   ('e1', '2031-05-02', 'day', 'Talks', 4, '{}', 1);
                 INSERT INTO event_clusters (seq, latest, article, entities) VALUES (1, '2031-05-02', x'01', x'02');",
        );
        let mut store = crate::Store::open(&path).unwrap();
        let cluster = store.write(|w| w.event_cluster(1)).unwrap().expect("the cluster is kept");
        assert_eq!((cluster.article, cluster.entities, cluster.embedding), (vec![1], vec![2], vec![]));
    }

    /// A store of version 5 gains entity rows with their event's date and
    /// partner counts equal to those counted from the rows; an entity
    /// named twice in one event, in two cases, is kept once.
    #[test]
    fn version_five_store_migrates_with_entity_dates_and_partner_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.db");
        store_at_version(
            &path,
            5,
            "INSERT INTO events (id, date, precision, summary, score, data, seq) VALUES
                   ('e1', '2031-05-02', 'day', 'Talks', 4, '{}', 1),
                   ('e2', '2031-04-20', 'day', 'Threat', -6, '{}', 2);
                 INSERT INTO event_entities (event_id, name, label) VALUES
                   ('e1', 'Freedonia', 'LOC'), ('e1', 'Sylvania', 'LOC'), ('e1', 'SYLVANIA', 'LOC'),
                   ('e2', 'Sylvania', 'LOC'), ('e2', 'Marsovia', 'LOC');",
        );
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn).unwrap();
        let snap = crate::Snapshot::borrowed(&conn);
        assert_eq!(snap.partners("sylvania", 10).unwrap(), snap.partners_counted("sylvania", 10).unwrap());
        assert_eq!(snap.partners("sylvania", 10).unwrap(), [("Freedonia".to_string(), 1), ("Marsovia".to_string(), 1)]);
        let scores: Vec<(String, f32)> =
            snap.entity_scores("SYLVANIA").unwrap().into_iter().map(|(d, s)| (d.unwrap().to_string(), s)).collect();
        assert_eq!(scores.len(), 2, "once per event: {scores:?}");
        assert!(scores.contains(&("2031-04-20".to_string(), -6.0)));
        assert!(snap.related_stale().unwrap(), "the next ingest computes the boards");
    }
}
