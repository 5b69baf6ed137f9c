//! The one writer path: everything written goes through a [`Writer`] inside
//! the transaction of [`crate::Store::write`].

use crate::{read, Result, StoreError};
use chronicle_model::{Article, Event, EventId, Mention, Related};
use rusqlite::{params, OptionalExtension, Transaction};

/// Writes inside one transaction.
pub struct Writer<'t> {
    pub(crate) tx: &'t Transaction<'t>,
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

impl<'t> Writer<'t> {
    pub(crate) fn new(tx: &'t Transaction<'t>) -> Self {
        Writer { tx }
    }

    /// Reads that see this transaction's own writes.
    pub fn reader(&self) -> read::Snapshot<'_> {
        read::Snapshot::borrowed(self.tx)
    }

    /// Run `f` as one part of a larger transaction, inside a savepoint: if
    /// it fails, what it wrote is undone and its error given as the inner
    /// `Err`, while what the transaction wrote before it stays, to be
    /// committed. The outer `Err` says the transaction itself cannot go on
    /// (the savepoint could not be released or rolled back; SQLite may have
    /// rolled the whole transaction back on a full disk), with the first
    /// error met.
    pub fn savepoint<T>(&self, f: impl FnOnce(&Writer<'t>) -> Result<T>) -> Result<Result<T>> {
        self.tx.execute_batch("SAVEPOINT part")?;
        match f(self) {
            Ok(out) => {
                self.tx.execute_batch("RELEASE part")?;
                Ok(Ok(out))
            }
            Err(e) => match self.tx.execute_batch("ROLLBACK TO part; RELEASE part") {
                Ok(()) => Ok(Err(e)),
                Err(_) => Err(e),
            },
        }
    }

    pub fn has_document(&self, hash: &str) -> Result<bool> {
        let found: Option<i64> =
            self.tx.query_row("SELECT 1 FROM documents WHERE hash = ?1", [hash], |r| r.get(0)).optional()?;
        Ok(found.is_some())
    }

    /// Store a document; `kind` says how it was read (html, text, markdown,
    /// event-page, event-list). A document already stored is left alone.
    pub fn put_document(&self, article: &Article, kind: &str) -> Result<bool> {
        let seq = self.next_seq("documents")?;
        let changed = self.tx.execute(
            "INSERT OR IGNORE INTO documents
               (hash, input, url, title, published, site, language, authors, text, kind, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                article.hash,
                article.input,
                article.url,
                article.title,
                article.published.map(|d| d.to_string()),
                article.site,
                article.language,
                to_json(&article.authors)?,
                article.text,
                kind,
                seq,
            ],
        )?;
        Ok(changed > 0)
    }

    fn next_seq(&self, table: &str) -> Result<i64> {
        let sql = format!("SELECT coalesce(max(seq), 0) + 1 FROM {table}");
        Ok(self.tx.query_row(&sql, [], |r| r.get(0))?)
    }

    /// Insert an event or replace its stored record, keeping its indexes
    /// (entities, full text) in step.
    pub fn put_event(&self, event: &Event) -> Result<()> {
        let existing_seq: Option<i64> =
            self.tx.query_row("SELECT seq FROM events WHERE id = ?1", [&event.id.0], |r| r.get(0)).optional()?;
        let seq = match existing_seq {
            Some(s) => s,
            None => self.next_seq("events")?,
        };
        // Dirty until relinked: the mark that the related lists need
        // recomputing, committed with the event itself.
        self.tx.execute("INSERT OR IGNORE INTO dirty_events (id) VALUES (?1)", [&event.id.0])?;
        self.forget_stale_vector(event)?;
        let precision = event.date.map_or("unknown", |d| d.precision().as_str());
        self.tx.execute(
            "INSERT OR REPLACE INTO events (id, date, precision, summary, type, score, data, seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                event.id.0,
                event.date.map(|d| d.to_string()),
                precision,
                event.summary,
                event.event_type.map(|t| t.as_str()),
                event.score as f64,
                to_json(event)?,
                seq,
            ],
        )?;
        self.index_event(event, seq)
    }

    /// The entity and full-text rows of an event; its full-text row is keyed
    /// by the event's `seq`, so that replacing it is an indexed delete.
    /// Entity rows carry the event's date and score for timelines and
    /// charts, and the partner counts follow the entities that change.
    fn index_event(&self, event: &Event, seq: i64) -> Result<()> {
        let id = &event.id.0;
        let before = self.entity_names(id)?;
        self.tx.execute("DELETE FROM event_entities WHERE event_id = ?1", [id])?;
        let mut insert = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO event_entities (event_id, name, label, date, seq, score)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let date = event.date.map(|d| d.to_string());
        for entity in &event.entities {
            insert.execute(params![id, entity.name, entity.label.as_str(), date, seq, event.score as f64])?;
        }
        let after = self.entity_names(id)?;
        if after != before {
            self.count_partners(&before, -1)?;
            self.count_partners(&after, 1)?;
        }
        self.tx.execute("DELETE FROM events_fts WHERE rowid = ?1", [seq])?;
        let evidence: Vec<&str> = event.evidence.iter().map(|e| e.sentence.as_str()).collect();
        self.tx.execute(
            "INSERT INTO events_fts (rowid, id, summary, evidence) VALUES (?1, ?2, ?3, ?4)",
            params![seq, id, event.summary, evidence.join("\n")],
        )?;
        Ok(())
    }

    /// The entity names stored for event `id`, as stored (one per entity
    /// whatever its case), in order.
    fn entity_names(&self, id: &str) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare_cached("SELECT name FROM event_entities WHERE event_id = ?1 ORDER BY name")?;
        let rows = stmt.query_map([id], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Add `by` (1 or -1) to the shared-event count of every ordered pair
    /// of `names` (the entities of one event); a pair that no event shares
    /// any more is removed.
    fn count_partners(&self, names: &[String], by: i64) -> Result<()> {
        let mut add = self.tx.prepare_cached(
            "INSERT INTO entity_partners (name, partner, events) VALUES (?1, ?2, ?3)
             ON CONFLICT (name, partner) DO UPDATE SET events = events + excluded.events",
        )?;
        let mut drop_empty =
            self.tx.prepare_cached("DELETE FROM entity_partners WHERE name = ?1 AND partner = ?2 AND events <= 0")?;
        for name in names {
            for partner in names.iter().filter(|p| *p != name) {
                add.execute(params![name, partner, by])?;
                if by < 0 {
                    drop_empty.execute(params![name, partner])?;
                }
            }
        }
        Ok(())
    }

    /// Replace the stored status boards (each a JSON record of its kind,
    /// in the order given); written in the transaction that clears the
    /// dirty marks, so they are as fresh as the related lists.
    pub fn set_status_boards(&self, boards: &[(String, String)]) -> Result<()> {
        self.tx.execute("DELETE FROM status_boards", [])?;
        let mut insert = self.tx.prepare_cached("INSERT INTO status_boards (kind, data) VALUES (?1, ?2)")?;
        for (kind, data) in boards {
            insert.execute(params![kind, data])?;
        }
        Ok(())
    }

    /// The related lists are computed again: no event is dirty any more.
    pub fn mark_related_fresh(&self) -> Result<()> {
        self.tx.execute("DELETE FROM dirty_events", [])?;
        Ok(())
    }

    /// Offer each of `offers` in turn to the related list of event `id`:
    /// one joins (or updates its entry) when the list has room or it
    /// outranks the last computed entry; curated entries stay first. The
    /// event is read and written once, however many offers it gets: a
    /// batch makes about fifty offers for every event it changes.
    pub fn offer_related(&self, id: &EventId, offers: &[Related], keep: usize) -> Result<()> {
        let Some(event) = self.reader().event(id)? else { return Ok(()) };
        let mut list = event.related.clone();
        for related in offers {
            list.retain(|r| r.id != related.id || r.is_curated());
            if list.iter().any(|r| r.id == related.id) {
                continue;
            }
            list.push(related.clone());
            list.sort_by(|a, b| b.score.total_cmp(&a.score));
            list.truncate(keep);
        }
        if list != event.related {
            self.write_related(event, list)?;
        }
        Ok(())
    }

    /// Record that `mention` tells of event `id`.
    pub fn add_mention(&self, id: &EventId, mention: &Mention) -> Result<()> {
        self.tx.execute(
            "INSERT INTO mentions (event_id, document, data) VALUES (?1, ?2, ?3)",
            params![id.0, mention.document, to_json(mention)?],
        )?;
        Ok(())
    }

    /// Replace the related list of `stored`, an event the caller has just
    /// read whole from this store (so that it is not read again).
    pub fn set_related(&self, stored: &Event, related: Vec<Related>) -> Result<()> {
        if stored.related == related {
            return Ok(());
        }
        self.write_related(stored.clone(), related)
    }

    fn write_related(&self, mut event: Event, related: Vec<Related>) -> Result<()> {
        event.related = related;
        self.tx.execute("UPDATE events SET data = ?2 WHERE id = ?1", params![event.id.0, to_json(&event)?])?;
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::Store;
    use chronicle_model::{EntityLabel, EntityRef, Event, EventId};

    /// An event on `date` naming these places (also for the other modules' tests).
    pub(crate) fn event(id: &str, date: &str, names: &[&str]) -> Event {
        Event {
            id: EventId(id.into()),
            date: date.parse().ok(),
            summary: format!("Event {id}."),
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: names.iter().map(|n| EntityRef { name: n.to_string(), label: EntityLabel::Location }).collect(),
            score: 1.0,
            sources: vec![],
            evidence: vec![],
            contexts: vec![],
            related: vec![],
            category: None,
        }
    }

    /// A chunk's documents share one transaction: a part that fails is
    /// undone alone (its event and the entity rows and partner counts it
    /// wrote), the parts before and after it are committed.
    #[test]
    fn a_failed_savepoint_undoes_its_part_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        store
            .write(|w| {
                w.savepoint(|w| w.put_event(&event("e1", "2031-05-02", &["Freedonia", "Sylvania"])))??;
                let failed = w.savepoint(|w| {
                    w.put_event(&event("e2", "2031-05-03", &["Freedonia", "Marsovia"]))?;
                    Err::<(), _>(crate::StoreError::Corrupt("a document that cannot be stored".into()))
                })?;
                assert!(failed.is_err());
                w.savepoint(|w| w.put_event(&event("e3", "2031-05-04", &["Sylvania", "Ruritania"])))?
            })
            .unwrap();
        let snap = store.reader();
        let stored = |id: &str| snap.event(&EventId(id.into())).unwrap().is_some();
        assert!(stored("e1") && !stored("e2") && stored("e3"));
        for name in ["Freedonia", "Sylvania", "Marsovia"] {
            assert_eq!(snap.partners(name, 10).unwrap(), snap.partners_counted(name, 10).unwrap(), "{name}");
        }
        assert!(snap.partners("Marsovia", 10).unwrap().is_empty());
    }

    /// The kept counts must follow an event whose entities change when it
    /// is written again (a merge), not only new events.
    #[test]
    fn partner_counts_follow_replaced_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        store
            .write(|w| {
                w.put_event(&event("e1", "2031-05-02", &["Freedonia", "Sylvania", "Marsovia"]))?;
                w.put_event(&event("e2", "2031-05-03", &["Freedonia", "Sylvania"]))?;
                w.put_event(&event("e3", "2031-05-04", &["Sylvania", "Marsovia", "sylvania"]))
            })
            .unwrap();
        // e1 loses Marsovia and gains Ruritania; e2 is written unchanged.
        store
            .write(|w| {
                w.put_event(&event("e1", "2031-05-02", &["Freedonia", "Sylvania", "Ruritania"]))?;
                w.put_event(&event("e2", "2031-05-03", &["Freedonia", "Sylvania"]))
            })
            .unwrap();
        let snap = store.reader();
        for name in ["Freedonia", "sylvania", "Marsovia", "Ruritania", "Atlantis"] {
            assert_eq!(snap.partners(name, 10).unwrap(), snap.partners_counted(name, 10).unwrap(), "{name}");
        }
        assert_eq!(
            snap.partners("Sylvania", 10).unwrap(),
            [("Freedonia".to_string(), 2), ("Marsovia".to_string(), 1), ("Ruritania".to_string(), 1)]
        );
        assert!(snap.partners("Marsovia", 10).unwrap().iter().all(|(p, _)| p != "Freedonia"), "the pair is gone");
    }

    /// A regression of speed: offers to one event used to be read and
    /// written one at a time. Given together, they must leave the list
    /// that offering them one by one leaves: the best `keep`, the curated
    /// entry first, a second offer of one event replacing the first.
    #[test]
    fn offers_given_together_leave_the_list_one_by_one_leaves() {
        let related = |id: &str, score: f32| chronicle_model::Related {
            id: EventId(id.into()),
            date: None,
            summary: format!("Event {id}."),
            context: "Freedonia".into(),
            score,
        };
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let mut stored = event("e", "2031-05-02", &["Freedonia"]);
        stored.related = vec![related("curated", chronicle_model::Related::CURATED), related("x", 0.6)];
        let offers = [related("a", 0.5), related("b", 0.9), related("a", 0.7), related("x", 0.1)];
        store.write(|w| w.put_event(&stored)).unwrap();
        store.write(|w| w.offer_related(&stored.id, &offers, 3)).unwrap();
        let list = store.reader().event(&stored.id).unwrap().unwrap().related;
        let got: Vec<(&str, f32)> = list.iter().map(|r| (r.id.0.as_str(), r.score)).collect();
        assert_eq!(got, [("curated", chronicle_model::Related::CURATED), ("b", 0.9), ("a", 0.7)]);
    }

    /// Events are found by a word in their summary or in any evidence
    /// sentence, case-blind; a prefix finds its longer words, a whole word
    /// only itself ("freed", not "Freedonia").
    #[test]
    fn events_with_words_finds_prefixes_and_whole_words() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let evidence = |sentence: &str| chronicle_model::Evidence {
            document: "d".into(),
            sentence: sentence.into(),
            span: chronicle_model::Span::new(0, 1),
        };
        store
            .write(|w| {
                let mut a = event("a", "2031-05-02", &["Freedonia"]);
                a.summary = "Freedonia holds a vote.".into();
                let mut b = event("b", "2031-05-03", &[]);
                b.evidence = vec![evidence("A first line."), evidence("Sylvania SANCTIONED the miner.")];
                let mut c = event("c", "2031-05-04", &[]);
                c.summary = "Two reporters were freed.".into();
                w.put_event(&a)?;
                w.put_event(&b)?;
                w.put_event(&c)
            })
            .unwrap();
        let snap = store.reader();
        let ids = |words: &[(&str, bool)]| -> Vec<String> {
            snap.events_with_words(words).unwrap().into_iter().map(|e| e.id.0).collect()
        };
        assert_eq!(ids(&[("sanction", true), ("freed", false)]), ["b", "c"]);
        assert_eq!(ids(&[("free", true)]), ["a", "c"]);
        assert!(ids(&[("sanction", false), ("\"quoted", false)]).is_empty());
        assert!(ids(&[]).is_empty());
    }

    /// The candidates of a new mention: the day's events that name one of
    /// its entities, whatever the case, and no event of another day.
    #[test]
    fn event_ids_on_naming_finds_the_days_events_of_those_entities() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        store
            .write(|w| {
                w.put_event(&event("a", "2031-05-02", &["Freedonia", "Sylvania"]))?;
                w.put_event(&event("b", "2031-05-02", &["Marsovia"]))?;
                w.put_event(&event("c", "2031-05-03", &["Freedonia"]))?;
                w.put_event(&event("d", "2031-05-02", &["Sylvania"]))
            })
            .unwrap();
        let snap = store.reader();
        let day: chronicle_model::PartialDate = "2031-05-02".parse().unwrap();
        let ids = |names: &[&str]| -> Vec<String> {
            snap.event_ids_on_naming(&day, names).unwrap().into_iter().map(|id| id.0).collect()
        };
        assert_eq!(ids(&["freedonia", "Sylvania"]), ["a", "d"]);
        assert_eq!(ids(&["Marsovia"]), ["b"]);
        assert!(ids(&["Atlantis"]).is_empty());
        assert!(ids(&[]).is_empty());
    }

    /// Counted together or one at a time, an event's reports are the
    /// distinct documents of its mentions, and never fewer than its listed
    /// sources; an event without mentions counts its sources.
    #[test]
    fn reports_counted_together_are_the_counts_one_by_one() {
        let mention = |document: &str| chronicle_model::Mention {
            document: document.into(),
            role: chronicle_model::MentionRole::Main,
            sentence: chronicle_model::Span::new(0, 1),
            text: "A report.".into(),
            date: None,
            date_span: None,
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: vec![],
            score: 0.0,
            summary: "A report.".into(),
            contexts: vec![],
            category: None,
        };
        let outlet = chronicle_model::SourceRef {
            document: None,
            input: None,
            url: None,
            title: None,
            site: Some("Gazette".into()),
            published: None,
        };
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let told = event("told", "2031-05-02", &[]);
        let mut curated = event("curated", "2031-05-03", &[]);
        curated.sources = vec![outlet.clone(), outlet];
        let once = event("once", "2031-05-04", &[]);
        store
            .write(|w| {
                for e in [&told, &curated, &once] {
                    w.put_event(e)?;
                }
                for document in ["d1", "d2", "d1", ""] {
                    w.add_mention(&told.id, &mention(document))?;
                }
                w.add_mention(&curated.id, &mention(""))?;
                w.add_mention(&once.id, &mention("d3"))
            })
            .unwrap();
        let snap = store.reader();
        let events = [once.clone(), told, curated, once];
        let one_by_one: Vec<usize> = events.iter().map(|e| snap.count_reports(e).unwrap()).collect();
        assert_eq!(one_by_one, [1, 2, 2, 1]);
        assert_eq!(snap.count_reports_of(&events).unwrap(), one_by_one);
        assert!(snap.count_reports_of(&[]).unwrap().is_empty());
    }

    /// The ids of a date's events are those of its events read whole, in
    /// the same order, and of no other date (a month is not its days).
    #[test]
    fn event_ids_on_a_date_are_the_ids_of_its_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        store
            .write(|w| {
                for (id, date) in [("b", "2031-05-02"), ("a", "2031-05-02"), ("m", "2031-05"), ("c", "2031-05-03")] {
                    w.put_event(&event(id, date, &[]))?;
                }
                Ok(())
            })
            .unwrap();
        let snap = store.reader();
        for date in ["2031-05-02", "2031-05", "2031-05-04"] {
            let date: chronicle_model::PartialDate = date.parse().unwrap();
            let whole: Vec<EventId> = snap.events_on(&date).unwrap().into_iter().map(|e| e.id).collect();
            assert_eq!(snap.event_ids_on(&date).unwrap(), whole, "{date}");
        }
        let day: chronicle_model::PartialDate = "2031-05-02".parse().unwrap();
        assert_eq!(snap.event_ids_on(&day).unwrap(), [EventId("b".into()), EventId("a".into())]);
    }

    /// Each entity is counted once per event that names it.
    #[test]
    fn entity_counts_count_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        store
            .write(|w| {
                w.put_event(&event("e1", "2031-05-02", &["Freedonia", "Sylvania"]))?;
                w.put_event(&event("e2", "2031-05-03", &["Freedonia"]))
            })
            .unwrap();
        let mut counts = store.reader().entity_counts().unwrap();
        counts.sort();
        assert_eq!(counts, [("Freedonia".to_string(), 2), ("Sylvania".to_string(), 1)]);
    }

    /// A word in more events than a search sorts walks the events by date
    /// instead: the pages must come out the same either way.
    #[test]
    fn search_of_a_very_common_word_pages_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let n = 2300u32;
        store
            .write(|w| {
                for i in 0..n {
                    // Dates out of the order of writing, some shared.
                    let date = format!("2030-{:02}-{:02}", 1 + (i * 7) % 12, 1 + (i * 13) % 28);
                    let mut e = event(&format!("e{i:05}"), &date, &[]);
                    e.summary = format!("Harbour report {i}.");
                    w.put_event(&e)?;
                }
                let mut rare = event("rare", "2030-06-01", &[]);
                rare.summary = "Harbour lighthouse report.".into();
                w.put_event(&rare)
            })
            .unwrap();
        let snap = store.reader();
        // Newest first as a plain listing sorts them (no search).
        let all: Vec<String> =
            snap.events(&crate::EventQuery::default()).unwrap().into_iter().map(|e| e.id.0).collect();
        assert_eq!(all.len(), n as usize + 1);
        let page = |text: &str, offset: usize| -> Vec<String> {
            let query =
                crate::EventQuery { text: Some(text.into()), limit: Some(50), offset, ..crate::EventQuery::default() };
            snap.listing(&query).unwrap().into_iter().map(|e| e.id.0).collect()
        };
        // Every event matches "harbour": its pages are the newest-first list.
        assert_eq!(page("harbour", 100), all[100..150]);
        assert_eq!(page("Harbour", 0), all[..50]);
        assert_eq!(page("lighthouse harbour", 0), ["rare"]);
    }
}
