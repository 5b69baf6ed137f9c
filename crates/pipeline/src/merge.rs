//! The writing half of ingest: the documents of a chunk and the events
//! they tell of are committed in one transaction, each document inside its
//! own savepoint, so that a document is stored wholly or not at all. A
//! mention joins the stored event of the same happening, or opens a new one.

use crate::clusters::StoreClusters;
use crate::prepare::Prepared;
use crate::Outcome;
use chronicle_events::{ClusterConfig, Clusterer, DocTerms};
use chronicle_model::{
    Actor, Article, DatePrecision, EntityRef, Event, EventId, Evidence, Mention, MentionRole, Related, SourceRef,
};
use chronicle_store::{Store, StoreError, Writer};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// Store a chunk of prepared documents in one transaction; each
/// document's input and outcome, in order. Committing once per chunk
/// rather than once per document writes each page the documents share
/// (the clusterer's term counts, the entity rows) once per chunk: a
/// transaction per document rewrote them to the log for every article.
/// A store error undoes only the failing document: the documents before it
/// are committed, and the error returned with their outcomes; an error that
/// ends the transaction itself (its savepoint cannot be undone) fails the
/// whole chunk, whose outcomes are then not told.
pub fn store_chunk(store: &mut Store, chunk: Vec<Prepared>) -> Result<StoredChunk, StoreError> {
    store.write(|w| {
        let mut done = Vec::with_capacity(chunk.len());
        for doc in chunk {
            let input = doc.input().to_string();
            match w.savepoint(|w| store_prepared(w, doc))? {
                Ok(outcome) => done.push((input, outcome)),
                Err(e) => return Ok(StoredChunk { done, failure: Some(e) }),
            }
        }
        Ok(StoredChunk { done, failure: None })
    })
}

/// What storing a chunk did: each stored document's input and outcome, in
/// order, and the store error that stopped it, if one did.
pub struct StoredChunk {
    pub done: Vec<(String, Outcome)>,
    pub failure: Option<StoreError>,
}

fn store_prepared(w: &Writer<'_>, doc: Prepared) -> Result<Outcome, StoreError> {
    match doc {
        Prepared::Failed { reason, .. } => Ok(Outcome::Failed(reason)),
        Prepared::Known { .. } => Ok(Outcome::Duplicate),
        Prepared::Article { article, kind, mentions, clustering } => {
            store_article(w, &article, kind, &mentions, clustering)
        }
        Prepared::Page { article, sources, mentions, contexts } => {
            if w.has_document(&article.hash)? {
                return Ok(Outcome::Duplicate);
            }
            w.put_document(&article, "event-page")?;
            store_page(w, &sources, &mentions, &contexts)?;
            Ok(Outcome::New { mentions: mentions.len() })
        }
    }
}

/// An article and the events it tells of.
pub(crate) fn store_article(
    w: &Writer<'_>,
    article: &Article,
    kind: &str,
    mentions: &[Mention],
    mut clustering: Option<DocTerms>,
) -> Result<Outcome, StoreError> {
    if w.has_document(&article.hash)? {
        return Ok(Outcome::Duplicate);
    }
    w.put_document(article, kind)?;
    let sources = [article_source(article)];
    let published = article.published;
    for mention in mentions {
        // The article's own happening is clustered (once); the past events
        // it recalls are matched as before.
        match clustering.take_if(|_| mention.role == MentionRole::Main) {
            Some(terms) => attach_main(w, mention, &sources, &terms, published)?,
            None => attach(w, mention, &sources)?,
        };
    }
    Ok(Outcome::New { mentions: mentions.len() })
}

/// An event page: its event, its related events, and the links between
/// them with the page's contexts.
fn store_page(
    w: &Writer<'_>,
    sources: &[SourceRef],
    mentions: &[Mention],
    contexts: &[Option<String>],
) -> Result<(), StoreError> {
    let Some((main, others)) = mentions.split_first() else { return Ok(()) };
    let main_id = attach(w, main, sources)?;
    let mut related = Vec::new();
    for (mention, context) in others.iter().zip(contexts.iter().skip(1)) {
        let id = attach(w, mention, &[])?;
        related.push(Related {
            id,
            date: mention.date,
            summary: mention.summary.clone(),
            context: context.clone().unwrap_or_default(),
            score: Related::CURATED,
        });
    }
    if let Some(mut event) = w.reader().event(&main_id)? {
        for r in related {
            if !event.related.iter().any(|e| e.id == r.id) {
                event.related.push(r);
            }
        }
        w.put_event(&event)?;
    }
    Ok(())
}

pub fn article_source(article: &Article) -> SourceRef {
    SourceRef {
        document: Some(article.hash.clone()),
        input: Some(article.input.clone()),
        url: article.url.clone(),
        title: article.title.clone(),
        site: article.site.clone(),
        published: article.published,
    }
}

/// Join `mention` to the event of the same happening, or open one; returns
/// the event's id.
pub fn attach(w: &Writer<'_>, mention: &Mention, sources: &[SourceRef]) -> Result<EventId, StoreError> {
    let found = find_same(w, mention)?;
    settle(w, mention, sources, found)
}

/// Join an article's main mention to its event: the event stated the same
/// way, else the event whose cluster the article is similar enough to
/// (reports of one happening on other days, by other words), else the same
/// day's event found as for any mention, else a new one. The article then
/// joins the cluster of the event it joined, whichever way it was found,
/// with the article's other writes.
fn attach_main(
    w: &Writer<'_>,
    mention: &Mention,
    sources: &[SourceRef],
    terms: &DocTerms,
    published: Option<NaiveDate>,
) -> Result<EventId, StoreError> {
    let mut clusterer = Clusterer::over(ClusterConfig::default(), StoreClusters::new(w));
    let profile = clusterer.profile(terms)?;
    let choice = clusterer.choose(&profile, published)?;
    let found = match stated_event(w, mention)? {
        Some(stated) => Some(stated),
        None => match choice.cluster().map(|c| w.event_at_seq(c)).transpose()?.flatten() {
            Some(similar) if !another_happening(w, &similar, mention)? => Some(similar),
            _ => find_same_day(w, mention)?,
        },
    };
    let id = settle(w, mention, sources, found)?;
    let cluster = w.event_seq(&id)?.ok_or_else(|| StoreError::Corrupt(format!("event {} has no seq", id.0)))?;
    clusterer.join(cluster, profile, published, choice)?;
    Ok(id)
}

/// Days apart at which two happenings, each dated by its report's own
/// words, are two events however alike their reports.
const STATED_DAYS_APART: i64 = 7;

/// Whether the mention, though its article is like the event's reports,
/// tells of another happening. The clusterer gathers a story: reports of
/// one happening over several days, but also a second missile test like
/// the first, or a country's reprisal. Only dates stated by the reports'
/// own words (not their publication) and the roles of the countries tell
/// these apart:
/// - dated a week or more apart, they are two happenings;
/// - dated to different days, with the mention's doer the event's target
///   and none of its doers (Germany expelling French diplomats the day
///   after France expelled German ones), the mention tells of a reprisal.
///
/// Looser rules (any two stated days, or reversed roles without a date)
/// split many reports of one story, whose leads date what was said about
/// it and whose coding varies from outlet to outlet (see BENCHMARKS
/// "Clustering inside ingest").
fn another_happening(w: &Writer<'_>, event: &Event, mention: &Mention) -> Result<bool, StoreError> {
    let Some(day) = day_stated(mention) else { return Ok(false) };
    let first = w.reader().first_mentions_of(&event.id, 1)?;
    let Some(first_day) = first.first().and_then(day_stated) else { return Ok(false) };
    if (day - first_day).num_days().abs() >= STATED_DAYS_APART {
        return Ok(true);
    }
    let countries = |actors: &[Actor]| -> HashSet<String> { actors.iter().filter_map(|a| a.code.clone()).collect() };
    let doers = countries(&mention.source_actors);
    let reversed =
        doers.is_disjoint(&countries(&event.source_actors)) && !doers.is_disjoint(&countries(&event.target_actors));
    Ok(reversed && day != first_day)
}

/// The day a mention is dated to by a timex of its own text, not by its
/// article's publication.
fn day_stated(mention: &Mention) -> Option<NaiveDate> {
    mention.date_span?;
    mention.date.filter(|d| d.precision() == DatePrecision::Day)?.to_naive()
}

/// Absorb `mention` into the event found for it, or open one, and keep the
/// mention; returns the event's id.
fn settle(
    w: &Writer<'_>,
    mention: &Mention,
    sources: &[SourceRef],
    found: Option<Event>,
) -> Result<EventId, StoreError> {
    let event = match found {
        Some(stored) => {
            let mut event = stored.clone();
            absorb(&mut event, mention, sources);
            // A report that adds nothing to the record (a widely reported
            // event whose list of sources is full) is kept as a mention
            // only; the record is neither rewritten nor relinked.
            if event != stored {
                w.put_event(&event)?;
            }
            event
        }
        None => {
            let event = new_event(mention, sources);
            w.put_event(&event)?;
            event
        }
    };
    w.add_mention(&event.id, mention)?;
    Ok(event.id)
}

/// How many sources, and evidence sentences, an event's record lists: the
/// first to report it. Every report is also kept as a mention, with its
/// document and sentence, so nothing is lost; but a record that grew with
/// every report of a widely reported event was read and written whole for
/// each new one, and ingest slowed as the store grew.
pub const LISTED_SOURCES: usize = 50;

/// How many of a candidate event's mentions a new mention is compared with:
/// its first reports tell what happening it is.
const COMPARED_MENTIONS: usize = 10;

/// The id of a new event: a digest of its date and summary, so the same
/// happening stated twice gets the same id.
fn event_id(mention: &Mention) -> EventId {
    let date = mention.date.map(|d| d.to_string()).unwrap_or_default();
    let digest = Sha256::digest(format!("{date}\n{}", normalise(&mention.summary)));
    EventId(digest.iter().take(8).map(|b| format!("{b:02x}")).collect())
}

/// The event the mention states the same way (the same date and summary),
/// else the same day's event by [`same_happening`].
fn find_same(w: &Writer<'_>, mention: &Mention) -> Result<Option<Event>, StoreError> {
    match stated_event(w, mention)? {
        Some(event) => Ok(Some(event)),
        None => find_same_day(w, mention),
    }
}

/// The event opened by a mention stated the same way.
fn stated_event(w: &Writer<'_>, mention: &Mention) -> Result<Option<Event>, StoreError> {
    w.reader().event(&event_id(mention))
}

/// The event of the mention's day (or undated) that tells of the same
/// happening.
fn find_same_day(w: &Writer<'_>, mention: &Mention) -> Result<Option<Event>, StoreError> {
    let reader = w.reader();
    let candidates = match mention.date {
        // Two mentions of one happening share an entity (or say nearly the
        // same words, which names the same entities): the day's events that
        // name one of the mention's are the candidates, found by the entity
        // index, not every event of a busy day.
        Some(date) if !mention.entities.is_empty() => {
            let names: Vec<&str> = mention.entities.iter().map(|e| e.name.as_str()).collect();
            reader.event_ids_on_naming(&date, &names)?
        }
        Some(date) => reader.event_ids_on(&date)?,
        None => undated_candidates(w, mention)?,
    };
    // Only the candidates' first mentions are read; an event is read whole
    // once it is found to be the one.
    let said = Said::of(mention);
    for id in candidates {
        let told = reader.first_mentions_of(&id, COMPARED_MENTIONS)?;
        if told.iter().any(|m| same_happening(m, mention, &said)) {
            return reader.event(&id);
        }
    }
    Ok(None)
}

/// How many undated events naming one entity are candidates for an
/// undated mention: the latest stored, so the cost of a mention stays
/// bounded.
const UNDATED_CANDIDATES: usize = 200;

/// Undated events naming one of the mention's first entities, each listed
/// once, by id: only their ids are wanted. They are read apart from the
/// entity's dated events, which would otherwise fill the list first.
fn undated_candidates(w: &Writer<'_>, mention: &Mention) -> Result<Vec<EventId>, StoreError> {
    let (mut out, mut seen) = (Vec::new(), HashSet::new());
    for entity in mention.entities.iter().take(3) {
        let undated = w.reader().undated_event_ids_naming(&entity.name, UNDATED_CANDIDATES)?;
        // An event naming two of the entities is listed twice, apart.
        out.extend(undated.into_iter().filter(|id| seen.insert(id.clone())));
    }
    Ok(out)
}

/// Whether two mentions tell of one happening. Two records of a curated
/// list are two events unless they say the same; an article's mention
/// joins another of the same type sharing an actor, or one that says
/// nearly the same words.
fn same_happening(a: &Mention, b: &Mention, b_said: &Said) -> bool {
    if normalise(&a.summary) == b_said.summary {
        return true;
    }
    if a.role == MentionRole::Curated && b.role == MentionRole::Curated || a.date != b.date {
        return false;
    }
    let shared_entity = a.entities.iter().any(|e| b.entities.iter().any(|f| f.name == e.name));
    let same_type = a.event_type.is_some() && a.event_type == b.event_type;
    same_type && shared_entity || word_overlap(&words(&a.text), &b_said.words) >= 0.6
}

/// A new mention's summary and words, normalised once for all the
/// mentions it is compared with.
struct Said {
    summary: String,
    words: HashSet<String>,
}

impl Said {
    fn of(mention: &Mention) -> Said {
        Said { summary: normalise(&mention.summary), words: words(&mention.text) }
    }
}

fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn words(text: &str) -> HashSet<String> {
    normalise(text).split(' ').map(String::from).collect()
}

fn word_overlap(a: &HashSet<String>, b: &HashSet<String>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / union as f32
}

fn new_event(mention: &Mention, sources: &[SourceRef]) -> Event {
    let mut event = Event {
        id: event_id(mention),
        date: mention.date,
        summary: mention.summary.clone(),
        event_type: mention.event_type,
        source_actors: mention.source_actors.clone(),
        target_actors: mention.target_actors.clone(),
        entities: Vec::new(),
        score: mention.score,
        sources: Vec::new(),
        evidence: Vec::new(),
        contexts: Vec::new(),
        related: Vec::new(),
        category: mention.category.clone(),
    };
    absorb(&mut event, mention, sources);
    event
}

/// Add what a new mention brings: its sources, its sentence as evidence,
/// its entities and contexts, and a type if the event had none.
fn absorb(event: &mut Event, mention: &Mention, sources: &[SourceRef]) {
    for source in sources {
        let known =
            event.sources.iter().any(|s| s.document == source.document && s.url == source.url && s.site == source.site);
        if !known && event.sources.len() < LISTED_SOURCES {
            event.sources.push(source.clone());
        }
    }
    if mention.role != MentionRole::Curated || !mention.document.is_empty() {
        let evidence =
            Evidence { document: mention.document.clone(), sentence: mention.text.clone(), span: mention.sentence };
        if !event.evidence.contains(&evidence) && event.evidence.len() < LISTED_SOURCES {
            event.evidence.push(evidence);
        }
    }
    for entity in &mention.entities {
        if !event.entities.iter().any(|e: &EntityRef| e.name == entity.name) {
            event.entities.push(entity.clone());
        }
    }
    for context in &mention.contexts {
        if !event.contexts.contains(context) {
            event.contexts.push(context.clone());
        }
    }
    if event.category.is_none() {
        event.category = mention.category.clone();
    }
    if event.event_type.is_none() {
        event.event_type = mention.event_type;
        event.score = mention.score;
        event.source_actors = mention.source_actors.clone();
        event.target_actors = mention.target_actors.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chronicle_model::{EntityLabel, Span};

    fn undated(summary: &str, names: &[&str]) -> Mention {
        Mention {
            document: String::new(),
            role: MentionRole::Main,
            sentence: Span::new(0, summary.len()),
            text: summary.into(),
            date: None,
            date_span: None,
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: names.iter().map(|n| EntityRef { name: n.to_string(), label: EntityLabel::Location }).collect(),
            score: 0.0,
            summary: summary.into(),
            contexts: vec![],
            category: None,
        }
    }

    /// Regression: undated candidates were read from the entity's listing
    /// cut at 200 events, newest first, where undated events come last, so
    /// an entity with 200 dated events or more offered none.
    #[test]
    fn undated_mention_joins_the_undated_event_of_an_entity_with_many_dated_events() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let protest = |summary: &str, date: Option<&str>| Mention {
            event_type: Some(chronicle_model::EventType::Protest),
            date: date.map(|d| d.parse().unwrap()),
            ..undated(summary, &["Freedonia"])
        };
        let stored = store
            .write(|w| {
                for day in 0..210 {
                    let date = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap() + chrono::Days::new(day);
                    attach(w, &protest(&format!("Freedonia protest {day}."), Some(&date.to_string())), &[])?;
                }
                attach(w, &protest("Crowds march in the Freedonian capital.", None), &[])
            })
            .unwrap();
        let joined =
            store.write(|w| attach(w, &protest("Marchers fill the squares of Freedonia.", None), &[])).unwrap();
        assert_eq!(joined, stored, "the undated report joins the undated event");
        assert_eq!(store.reader().count_events().unwrap(), 211);
    }

    /// Regression: an undated event naming two of a mention's entities was
    /// listed once per entity, apart, so its mentions were read twice.
    #[test]
    fn undated_candidates_list_an_event_naming_two_entities_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("c.db")).unwrap();
        let both = undated("Freedonia and Sylvania reopen their border.", &["Freedonia", "Sylvania"]);
        let one = undated("Sylvania holds a vote.", &["Sylvania"]);
        store.write(|w| w.put_event(&new_event(&both, &[])).and_then(|_| w.put_event(&new_event(&one, &[])))).unwrap();
        let mention = undated("Talks between Freedonia and Sylvania.", &["Freedonia", "Sylvania"]);
        let found = store.write(|w| undated_candidates(w, &mention)).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.contains(&event_id(&both)) && found.contains(&event_id(&one)));
    }
}
