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
];

pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    // WAL: readers never wait for the writer, and a killed writer leaves
    // only whole transactions behind.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
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
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_one_store_migrates_with_its_full_text_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(
                r#"INSERT INTO events (id, date, precision, summary, data, seq)
                   VALUES ('e1', '2010', 'year', 'Ferries resume', '{"evidence":[{"sentence":"The harbour reopened."}]}', 7);
                   INSERT INTO events_fts (id, summary, evidence) VALUES ('e1', 'Ferries resume', 'The harbour reopened.');
                   PRAGMA user_version = 1;"#,
            )
            .unwrap();
        }
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
}
