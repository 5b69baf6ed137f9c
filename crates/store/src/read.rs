//! Read-only snapshots: everything that publishes (CLI queries, the web
//! portal, export) reads through one.

use crate::{Result, StoreError};
use chronicle_model::{Article, EntityLabel, Event, EventId, Mention, PartialDate};
use rusqlite::{params_from_iter, Connection, OpenFlags, OptionalExtension};
use std::path::Path;

enum Conn<'a> {
    Owned(Connection),
    Borrowed(&'a Connection),
    /// A connection of a [`crate::Readers`] pool, which it goes back to
    /// when the snapshot is dropped.
    Pooled(r2d2::PooledConnection<r2d2_sqlite::SqliteConnectionManager>),
}

/// A consistent read-only view of the store.
pub struct Snapshot<'a> {
    conn: Conn<'a>,
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// An entity's canonical name (case-insensitive).
    pub entity: Option<String>,
    /// Full-text query over summaries and evidence sentences.
    pub text: Option<String>,
    pub event_type: Option<String>,
    /// A second entity every listed event must also name (a dyad).
    pub with: Option<String>,
    pub limit: Option<usize>,
    /// How many of the matching events to skip (paging).
    pub offset: usize,
}

/// An event as a list shows it: without the sources, evidence and
/// related lists that make up most of a stored event, and without
/// decoding it. Lists of search results carry the evidence sentences
/// (from the full-text row) to quote the one that matched.
pub type Listed = Event;

impl Snapshot<'static> {
    /// Open its own read-only connection to the store file at `path` and
    /// hold one read transaction, so that every query sees the same state.
    pub fn open(path: &Path) -> Result<Self> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| StoreError::Open { path: path.display().to_string(), reason: e.to_string() })?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        Snapshot::begin(Conn::Owned(conn))
    }

    /// A snapshot over a pooled connection (see [`crate::Readers`]).
    pub(crate) fn pooled(conn: r2d2::PooledConnection<r2d2_sqlite::SqliteConnectionManager>) -> Result<Self> {
        Snapshot::begin(Conn::Pooled(conn))
    }

    /// Hold one read transaction, so that every query sees the same state.
    fn begin(conn: Conn<'static>) -> Result<Self> {
        let snapshot = Snapshot { conn };
        snapshot.conn().execute_batch("BEGIN; SELECT count(*) FROM sqlite_master;")?;
        Ok(snapshot)
    }
}

impl Drop for Snapshot<'_> {
    /// A pooled connection goes back without its read transaction, which
    /// would otherwise keep the writer from checkpointing past it.
    fn drop(&mut self) {
        if let Conn::Pooled(conn) = &self.conn {
            let _ = conn.execute_batch("ROLLBACK");
        }
    }
}

impl<'a> Snapshot<'a> {
    pub(crate) fn borrowed(conn: &'a Connection) -> Self {
        Snapshot { conn: Conn::Borrowed(conn) }
    }

    /// The JSON records the query's first column gives, decoded.
    fn records<T: serde::de::DeserializeOwned>(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<T>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params, |r| r.get::<_, String>(0))?;
        rows.map(|d| parse(&d?)).collect()
    }

    pub(crate) fn conn(&self) -> &Connection {
        match &self.conn {
            Conn::Owned(c) => c,
            Conn::Borrowed(c) => c,
            Conn::Pooled(c) => c,
        }
    }

    pub fn count_events(&self) -> Result<usize> {
        Ok(self.conn().query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Whether events changed since the related lists were last computed
    /// (also after a process was killed between the two).
    pub fn related_stale(&self) -> Result<bool> {
        Ok(self.conn().query_row("SELECT EXISTS (SELECT 1 FROM dirty_events)", [], |r| r.get(0))?)
    }

    /// Whether a document with these raw bytes' hash is stored.
    pub fn has_document(&self, hash: &str) -> Result<bool> {
        Ok(self.conn().query_row("SELECT EXISTS (SELECT 1 FROM documents WHERE hash = ?1)", [hash], |r| r.get(0))?)
    }

    /// Whether a document read from this URL is stored.
    pub fn has_url(&self, url: &str) -> Result<bool> {
        Ok(self.conn().query_row("SELECT EXISTS (SELECT 1 FROM documents WHERE url = ?1)", [url], |r| r.get(0))?)
    }

    /// The documents the clusterer of ingest has counted, the events that
    /// have a cluster, and the terms it knows. Only tests ask: this
    /// crate's, and the pipeline's through the `test-support` feature.
    #[cfg(any(test, feature = "test-support"))]
    pub fn clustered(&self) -> Result<(usize, usize, usize)> {
        let count =
            |sql: &str| -> Result<usize> { Ok(self.conn().query_row(sql, [], |r| r.get::<_, i64>(0))? as usize) };
        Ok((
            count("SELECT value FROM cluster_counts WHERE key = 'documents'")?,
            count("SELECT count(*) FROM event_clusters")?,
            count("SELECT count(*) FROM cluster_terms")?,
        ))
    }

    pub fn count_documents(&self) -> Result<usize> {
        Ok(self.conn().query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))? as usize)
    }

    pub fn event(&self, id: &EventId) -> Result<Option<Event>> {
        let data: Option<String> =
            self.conn().query_row("SELECT data FROM events WHERE id = ?1", [&id.0], |r| r.get(0)).optional()?;
        data.map(|d| parse(&d)).transpose()
    }

    /// Events matching `query`, newest first (undated ones last).
    pub fn events(&self, query: &EventQuery) -> Result<Vec<Event>> {
        let (sql, args) = select_events("e.data", query, self.many_matches(query)?);
        self.records(&sql, params_from_iter(args.iter()))
    }

    /// Events matching `query` as a list shows them ([`Listed`]), newest
    /// first: read from their columns, not decoded from their records.
    pub fn listing(&self, query: &EventQuery) -> Result<Vec<Listed>> {
        let evidence =
            if query.text.is_some() { "(SELECT evidence FROM events_fts WHERE rowid = e.seq)" } else { "NULL" };
        let columns = format!("e.id, e.date, e.summary, e.type, e.score, {evidence}");
        let (sql, args) = select_events(&columns, query, self.many_matches(query)?);
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, f64>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (id, date, summary, kind, score, evidence) = row?;
            Ok(Event {
                id: EventId(id),
                date: date.map(|d| parse_date(&d)).transpose()?,
                summary,
                event_type: kind.as_deref().and_then(chronicle_model::EventType::parse),
                source_actors: Vec::new(),
                target_actors: Vec::new(),
                entities: Vec::new(),
                score: score as f32,
                sources: Vec::new(),
                evidence: evidence
                    .iter()
                    .flat_map(|e| e.split('\n'))
                    .filter(|s| !s.is_empty())
                    .map(|s| chronicle_model::Evidence {
                        document: String::new(),
                        sentence: s.to_string(),
                        span: chronicle_model::Span::new(0, 0),
                    })
                    .collect(),
                contexts: Vec::new(),
                related: Vec::new(),
                category: None,
            })
        })
        .collect()
    }

    /// Whether `query` is a full-text search (over all entities) whose
    /// word matches so many events that walking the events newest first
    /// finds a page of them sooner than sorting every match by date.
    fn many_matches(&self, query: &EventQuery) -> Result<bool> {
        let Some(text) = query.text.as_deref().and_then(fts_query) else { return Ok(false) };
        if query.entity.is_some() {
            return Ok(false);
        }
        let matches: i64 =
            self.conn().query_row("SELECT count(*) FROM events_fts WHERE events_fts MATCH ?1", [text], |r| r.get(0))?;
        Ok(matches as usize > MANY_MATCHES)
    }

    /// The events written since the related lists were last computed.
    pub fn dirty_events(&self) -> Result<Vec<EventId>> {
        let mut stmt = self.conn().prepare("SELECT id FROM dirty_events")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|r| Ok(EventId(r?))).collect()
    }

    /// Every event, in the order they were first stored.
    pub fn all_events(&self) -> Result<Vec<Event>> {
        self.records("SELECT data FROM events ORDER BY seq", [])
    }

    /// Every event as linking reads it, in the order they were first stored:
    /// id, date, summary, type, entities, contexts and category, without
    /// the sources, evidence and related lists that make up most of a
    /// stored event (so a large store fits in memory to be relinked).
    pub fn events_for_linking(&self) -> Result<Vec<Event>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, date, summary, type, json_extract(data, '$.entities'), json_extract(data, '$.contexts'),
                    json_extract(data, '$.category')
             FROM events ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (id, date, summary, kind, entities, contexts, category) = row?;
            Ok(Event {
                id: EventId(id),
                date: date.and_then(|d| d.parse().ok()),
                summary,
                event_type: kind.as_deref().and_then(chronicle_model::EventType::parse),
                source_actors: Vec::new(),
                target_actors: Vec::new(),
                entities: entities.map(|e| parse(&e)).transpose()?.unwrap_or_default(),
                score: 0.0,
                sources: Vec::new(),
                evidence: Vec::new(),
                contexts: contexts.map(|c| parse(&c)).transpose()?.unwrap_or_default(),
                related: Vec::new(),
                category,
            })
        })
        .collect()
    }

    /// Every event whose summary or evidence holds one of `words` (each a
    /// whole word, or a prefix when its flag is set; case-blind), in the
    /// order they were first stored: the few events worth reading whole,
    /// found through the full-text index.
    pub fn events_with_words(&self, words: &[(&str, bool)]) -> Result<Vec<Event>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let terms: Vec<String> = words
            .iter()
            .map(|(word, prefix)| format!("\"{}\"{}", word.replace('"', "\"\""), if *prefix { "*" } else { "" }))
            .collect();
        self.records(
            "SELECT data FROM events
             WHERE seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?1) ORDER BY seq",
            [terms.join(" OR ")],
        )
    }

    /// How many events name each entity, by the name it is stored under.
    pub fn entity_counts(&self) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn().prepare("SELECT name, count(*) FROM event_entities GROUP BY name")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The ids of the events on a date (exactly that string) that name one
    /// of `names` (case-blind), in the order they were first stored.
    pub fn event_ids_on_naming(&self, date: &PartialDate, names: &[&str]) -> Result<Vec<EventId>> {
        if names.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; names.len()].join(", ");
        let sql = format!(
            "SELECT id FROM events WHERE seq IN
             (SELECT seq FROM event_entities WHERE date = ?1 AND name IN ({marks})) ORDER BY seq"
        );
        let date = date.to_string();
        let args = std::iter::once(date.as_str()).chain(names.iter().copied());
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| r.get::<_, String>(0))?;
        rows.map(|id| Ok(EventId(id?))).collect()
    }

    /// The ids of at most `limit` undated events that name `entity`
    /// (case-blind), the latest stored first: read from the entity index,
    /// where they sit apart from the entity's dated events, however many
    /// of those there are.
    pub fn undated_event_ids_naming(&self, entity: &str, limit: usize) -> Result<Vec<EventId>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT event_id FROM event_entities WHERE name = ?1 AND date IS NULL ORDER BY seq DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![entity, limit as i64], |r| r.get::<_, String>(0))?;
        rows.map(|id| Ok(EventId(id?))).collect()
    }

    /// The ids of the events on a date (exactly that string), in the order
    /// they were first stored: for callers that read the few they want
    /// whole, not every event of a busy day.
    pub fn event_ids_on(&self, date: &PartialDate) -> Result<Vec<EventId>> {
        let mut stmt = self.conn().prepare_cached("SELECT id FROM events WHERE date = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([date.to_string()], |r| r.get::<_, String>(0))?;
        rows.map(|id| Ok(EventId(id?))).collect()
    }

    /// Events on a date (exactly that string: a day, a month or a year).
    pub fn events_on(&self, date: &PartialDate) -> Result<Vec<Event>> {
        self.records("SELECT data FROM events WHERE date = ?1 ORDER BY seq", [date.to_string()])
    }

    /// The dates that have events, newest first.
    pub fn dates(&self) -> Result<Vec<PartialDate>> {
        let mut stmt =
            self.conn().prepare("SELECT DISTINCT date FROM events WHERE date IS NOT NULL ORDER BY date DESC")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|d| parse_date(&d?)).collect()
    }

    /// The `limit` latest dates that have events, newest first: the front
    /// page needs a handful, not every date of the chronicle.
    pub fn latest_dates(&self, limit: usize) -> Result<Vec<PartialDate>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT DISTINCT date FROM events WHERE date IS NOT NULL ORDER BY date DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| r.get::<_, String>(0))?;
        rows.map(|d| parse_date(&d?)).collect()
    }

    /// The nearest dates with events before and after `date`, each one
    /// step down the date index.
    pub fn neighbour_dates(&self, date: &PartialDate) -> Result<(Option<PartialDate>, Option<PartialDate>)> {
        let near = |sql: &str| -> Result<Option<PartialDate>> {
            let found: Option<String> = self.conn().query_row(sql, [date.to_string()], |r| r.get(0))?;
            found.map(|d| parse_date(&d)).transpose()
        };
        Ok((
            near("SELECT max(date) FROM events WHERE date < ?1")?,
            near("SELECT min(date) FROM events WHERE date > ?1")?,
        ))
    }

    /// The events without a date, in the order they were stored.
    pub fn undated_events(&self) -> Result<Vec<Event>> {
        self.records("SELECT data FROM events WHERE date IS NULL ORDER BY seq", [])
    }

    /// The date and score of every event of `entity` (case-insensitive),
    /// as its entity rows carry them (charts read them grouped by date,
    /// [`Snapshot::entity_days`]).
    pub fn entity_scores(&self, entity: &str) -> Result<Vec<(Option<PartialDate>, f32)>> {
        let mut stmt = self.conn().prepare("SELECT date, score FROM event_entities WHERE name = ?1")?;
        let rows = stmt.query_map([entity], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, f64>(1)?)))?;
        rows.map(|row| {
            let (date, score) = row?;
            Ok((date.map(|d| parse_date(&d)).transpose()?, score as f32))
        })
        .collect()
    }

    /// For each date of `entity`'s events (case-insensitive), the mean
    /// score and how many events: the chart of an entity with thousands
    /// of events, grouped as the entity index already orders them.
    pub fn entity_days(&self, entity: &str) -> Result<Vec<(Option<PartialDate>, f32, u32)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT date, avg(score), count(*) FROM event_entities WHERE name = ?1 GROUP BY date")?;
        let rows = stmt
            .query_map([entity], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, f64>(1)?, r.get::<_, i64>(2)?)))?;
        rows.map(|row| {
            let (date, score, n) = row?;
            Ok((date.map(|d| parse_date(&d)).transpose()?, score as f32, n as u32))
        })
        .collect()
    }

    /// How many events name `entity` (case-insensitive), counted in the
    /// entity index.
    pub fn count_entity_events(&self, entity: &str) -> Result<usize> {
        let n: i64 =
            self.conn().query_row("SELECT count(*) FROM event_entities WHERE name = ?1", [entity], |r| r.get(0))?;
        Ok(n as usize)
    }

    /// How `entity` (case-insensitive) is spelled and labelled by its
    /// latest event, if any event names it.
    pub fn entity(&self, entity: &str) -> Result<Option<(String, EntityLabel)>> {
        let found: Option<(String, String)> = self
            .conn()
            .query_row(
                "SELECT name, label FROM event_entities WHERE name = ?1 ORDER BY date DESC, seq DESC LIMIT 1",
                [entity],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        found
            .map(|(name, label)| {
                let label = EntityLabel::parse(&label)
                    .ok_or_else(|| StoreError::Corrupt(format!("entity {name:?} has label {label:?}")))?;
                Ok((name, label))
            })
            .transpose()
    }

    /// The entities that share most events with `entity`, with how many,
    /// most first (ties by name); names as the events spell them. Read
    /// from the counts the writer keeps.
    pub fn partners(&self, entity: &str, limit: usize) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn().prepare(
            "SELECT partner, events FROM entity_partners WHERE name = ?1 ORDER BY events DESC, partner LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![entity, limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        rows.map(|r| Ok(r?)).collect()
    }

    /// The same counts as [`Snapshot::partners`], computed from the entity
    /// rows themselves: what the kept counts must always equal.
    pub fn partners_counted(&self, entity: &str, limit: usize) -> Result<Vec<(String, usize)>> {
        let mut stmt = self.conn().prepare(
            "SELECT name, count(*) AS n FROM event_entities
             WHERE event_id IN (SELECT event_id FROM event_entities WHERE name = ?1)
               AND name <> ?1
             GROUP BY name COLLATE BINARY ORDER BY n DESC, name COLLATE BINARY LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![entity, limit as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        rows.map(|r| Ok(r?)).collect()
    }

    /// How many stored boards there are (of `kind`, if given), and the
    /// records of `limit` of them from `offset` on, in the order they were
    /// written; `None` when they are stale, as for [`Snapshot::status_boards`].
    pub fn status_boards_page(
        &self,
        kind: Option<&str>,
        offset: usize,
        limit: usize,
    ) -> Result<Option<(usize, Vec<String>)>> {
        if self.related_stale()? {
            return Ok(None);
        }
        let total: i64 =
            self.conn()
                .query_row("SELECT count(*) FROM status_boards WHERE ?1 IS NULL OR kind = ?1", [kind], |r| r.get(0))?;
        let mut stmt = self
            .conn()
            .prepare("SELECT data FROM status_boards WHERE ?1 IS NULL OR kind = ?1 ORDER BY seq LIMIT ?2 OFFSET ?3")?;
        let rows = stmt.query_map(rusqlite::params![kind, limit as i64, offset as i64], |r| r.get::<_, String>(0))?;
        Ok(Some((total as usize, rows.collect::<rusqlite::Result<_>>()?)))
    }

    /// The stored status boards as `(kind, record)`, in the order they
    /// were written, when they are as fresh as the events (no event
    /// changed since they were computed); `None` when they are not.
    pub fn status_boards(&self, kind: Option<&str>) -> Result<Option<Vec<(String, String)>>> {
        if self.related_stale()? {
            return Ok(None);
        }
        let mut stmt =
            self.conn().prepare("SELECT kind, data FROM status_boards WHERE ?1 IS NULL OR kind = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([kind], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(Some(rows.collect::<rusqlite::Result<_>>()?))
    }

    /// How many reports tell of `event`: the documents its mentions came
    /// from (its record lists only the first as sources, its mentions keep
    /// them all), and never fewer than the sources it lists (a curated
    /// event's outlets are sources without a stored document).
    pub fn count_reports(&self, event: &Event) -> Result<usize> {
        Ok(self.count_reports_of(std::slice::from_ref(event))?[0])
    }

    /// [`Snapshot::count_reports`] of each of `events`, in their order,
    /// counted in one query: a listing of thousands of events would
    /// otherwise ask once an event. The ids go in as one JSON array, and
    /// the counts come out in its order.
    pub fn count_reports_of(&self, events: &[Event]) -> Result<Vec<usize>> {
        let ids = serde_json::to_string(&events.iter().map(|e| e.id.0.as_str()).collect::<Vec<_>>())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT (SELECT count(DISTINCT document) FROM mentions WHERE event_id = j.value AND document <> '')
             FROM json_each(?1) j ORDER BY j.key",
        )?;
        let counted = stmt.query_map([ids], |r| r.get::<_, i64>(0))?;
        counted.zip(events).map(|(n, event)| Ok((n? as usize).max(event.sources.len()))).collect()
    }

    /// The first `limit` mentions of event `id`, in the order they were told.
    pub fn first_mentions_of(&self, id: &EventId, limit: usize) -> Result<Vec<Mention>> {
        let sql = "SELECT data FROM mentions WHERE event_id = ?1 ORDER BY rowid LIMIT ?2";
        self.records(sql, rusqlite::params![&id.0, limit as i64])
    }

    pub fn document(&self, hash: &str) -> Result<Option<Article>> {
        self.conn()
            .query_row(
                "SELECT hash, input, url, title, published, site, language, authors, text
                 FROM documents WHERE hash = ?1",
                [hash],
                |r| {
                    Ok((
                        Article {
                            hash: r.get(0)?,
                            input: r.get(1)?,
                            url: r.get(2)?,
                            title: r.get(3)?,
                            published: r.get::<_, Option<String>>(4)?.and_then(|d| d.parse().ok()),
                            site: r.get(5)?,
                            language: r.get(6)?,
                            authors: Vec::new(),
                            text: r.get(8)?,
                        },
                        r.get::<_, String>(7)?,
                    ))
                },
            )
            .optional()?
            .map(|(mut article, authors)| {
                article.authors = parse(&authors)?;
                Ok(article)
            })
            .transpose()
    }
}

/// Beyond this many matches a search walks the events by date (see
/// [`select_events`]): sorting m matches reads m index entries, walking
/// reads about page × events / m, and the two meet near the square root
/// of 50 × 72,000 (the portal events of 2002–2018).
const MANY_MATCHES: usize = 2000;

/// The SQL of the events matching `query`, selecting `columns` of
/// `events e`, newest first, and its arguments. The page of matches is
/// chosen first from keys and dates alone, and only its rows are read
/// whole. An entity's events are walked down the entity index, which
/// holds their dates: in date order, so a page of them reads no more
/// rows than it shows.
///
/// With `walk_dates`, a full-text search walks the events newest first
/// down the (date, seq) index and keeps those that match, rather than
/// sorting every match.
fn select_events(columns: &str, query: &EventQuery, walk_dates: bool) -> (String, Vec<String>) {
    let mut args: Vec<String> = Vec::new();
    let mut arg = |value: String| {
        args.push(value);
        format!("?{}", args.len())
    };
    let (mut page, id) = match &query.entity {
        Some(entity) => (
            format!("SELECT x.seq AS seq, x.date AS date FROM event_entities x WHERE x.name = {}", arg(entity.clone())),
            "x.event_id",
        ),
        // Matches of a full-text search are many and scattered: their
        // dates are read from the (seq, date) index, not from their rows.
        None if walk_dates => (
            "SELECT x.seq AS seq, x.date AS date FROM events x INDEXED BY events_by_date_seq WHERE 1 = 1".to_string(),
            "x.id",
        ),
        None if query.text.is_some() => (
            "SELECT x.seq AS seq, x.date AS date FROM events x INDEXED BY events_by_seq_date WHERE 1 = 1".to_string(),
            "x.id",
        ),
        None => ("SELECT x.seq AS seq, x.date AS date FROM events x WHERE 1 = 1".to_string(), "x.id"),
    };
    if let Some(from) = query.from {
        page += &format!(" AND x.date >= {}", arg(from.to_string()));
    }
    if let Some(to) = query.to {
        // A bound of 2008 or 2008-03 includes every day inside it.
        page += &format!(" AND x.date <= {}", arg(format!("{to}\u{10FFFF}")));
    }
    if let Some(other) = &query.with {
        page += &format!(
            " AND EXISTS (SELECT 1 FROM event_entities y WHERE y.event_id = {id} AND y.name = {})",
            arg(other.clone())
        );
    }
    if let Some(kind) = &query.event_type {
        page += &format!(" AND x.seq IN (SELECT seq FROM events WHERE type = {})", arg(kind.to_ascii_uppercase()));
    }
    if let Some(text) = query.text.as_deref().and_then(fts_query) {
        // Full-text rows share their event's `seq` as rowid: matching on
        // it walks the `seq` index, not the text ids of every match.
        page += &format!(" AND x.seq IN (SELECT rowid FROM events_fts WHERE events_fts MATCH {})", arg(text));
    }
    // NULL dates are the smallest values: newest first puts them last.
    page += " ORDER BY x.date DESC, x.seq DESC";
    if let Some(limit) = query.limit {
        page += &format!(" LIMIT {limit}");
    }
    if query.offset > 0 {
        if query.limit.is_none() {
            page += " LIMIT -1";
        }
        page += &format!(" OFFSET {}", query.offset);
    }
    let sql = format!(
        "WITH page AS MATERIALIZED ({page})
         SELECT {columns} FROM page p JOIN events e ON e.seq = p.seq ORDER BY p.date DESC, p.seq DESC"
    );
    (sql, args)
}

fn parse_date(text: &str) -> Result<PartialDate> {
    text.parse().map_err(|e| StoreError::Corrupt(format!("{e}")))
}

fn parse<T: serde::de::DeserializeOwned>(data: &str) -> Result<T> {
    serde_json::from_str(data).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Turn what a user typed into an FTS5 query that cannot be a syntax error:
/// each word quoted, all required.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| format!("\"{w}\"")).collect();
    (!words.is_empty()).then(|| words.join(" "))
}
