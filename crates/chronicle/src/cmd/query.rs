//! The reading commands: `events`, `timeline`, `export` and `check`. Each
//! reads one store snapshot.

use crate::report::{Reporter, Status};
use chronicle_model::{Event, PartialDate};
use chronicle_store::{EventQuery, Snapshot, Store};
use std::path::Path;

/// Filters of `events`, as given on the command line.
pub struct EventFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub entity: Option<String>,
    pub query: Option<String>,
}

pub fn events(db: &Path, filter: EventFilter, json: bool) -> anyhow::Result<Status> {
    let query = EventQuery {
        from: parse_date("--from", filter.from.as_deref())?,
        to: parse_date("--to", filter.to.as_deref())?,
        entity: filter.entity,
        text: filter.query,
        ..EventQuery::default()
    };
    let snapshot = open_snapshot(db)?;
    let mut reporter = Reporter::new(json);
    emit_events(&mut reporter, &snapshot, &snapshot.events(&query)?, json)?;
    Ok(reporter.finish()?)
}

/// The events of one entity, or of a dyad, oldest first.
pub fn timeline(db: &Path, entity: &str, with: Option<&str>, json: bool) -> anyhow::Result<Status> {
    let snapshot = open_snapshot(db)?;
    let query = EventQuery { entity: Some(entity.to_string()), ..EventQuery::default() };
    let mut events = snapshot.events(&query)?;
    if let Some(other) = with {
        events.retain(|e| e.entities.iter().any(|x| x.name.eq_ignore_ascii_case(other)));
    }
    // Newest first from the store; a story reads oldest first, undated last.
    events.reverse();
    events.sort_by_key(|e| e.date.is_none());
    let mut reporter = Reporter::new(json);
    emit_events(&mut reporter, &snapshot, &events, json)?;
    Ok(reporter.finish()?)
}

/// The status boards, optionally those involving one entity.
pub fn status(db: &Path, entity: Option<&str>, json: bool) -> anyhow::Result<Status> {
    let snapshot = open_snapshot(db)?;
    let boards = chronicle_publish::boards::boards(&snapshot, None, &chronicle_events::country_code)?;
    let mut reporter = Reporter::new(json);
    for board in boards.iter().filter(|b| entity.is_none_or(|e| b.involves(e))) {
        if json {
            reporter.emit(&chronicle_publish::status_json(board))?;
            continue;
        }
        let since = board.since().map_or_else(|| "undated".to_string(), |d| d.to_string());
        let by = board.by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
        reporter.line(&format!(
            "{:<10} {}{by}: {} since {since}",
            board.kind.as_str(),
            board.subject,
            board.status()
        ))?;
    }
    Ok(reporter.finish()?)
}

/// The static site: Markdown pages, or the portal's HTML pages with
/// relative links (open `OUT/index.html`, or serve OUT as it is).
pub fn export(db: &Path, format: &str, out: &Path) -> anyhow::Result<Status> {
    if format != "markdown" && format != "html" {
        anyhow::bail!("unknown export format {format:?}: the formats are markdown and html");
    }
    let snapshot = open_snapshot(db)?;
    if format == "html" {
        let done = chronicle_publish::site::export(&snapshot, out, &chronicle_events::country_code)?;
        eprintln!(
            "export: {} events on {} days, {} entities, {} entity pairs, {} status boards written to {}",
            done.events,
            done.days,
            done.entities,
            done.dyads,
            done.boards,
            out.display()
        );
        return Ok(Status::Clean);
    }
    let done = chronicle_publish::markdown::export(&snapshot, out)?;
    eprintln!("export: {} events on {} days written to {}", done.events, done.days, out.display());
    Ok(Status::Clean)
}

pub fn check(db: &Path) -> anyhow::Result<Status> {
    require_store(db)?;
    let store = Store::open(db)?;
    let problems = store.check()?;
    for problem in &problems {
        eprintln!("check: {}: {problem}", db.display());
    }
    let snapshot = store.reader();
    eprintln!(
        "check: {} documents, {} events, {} problems",
        snapshot.count_documents()?,
        snapshot.count_events()?,
        problems.len()
    );
    Ok(if problems.is_empty() { Status::Clean } else { Status::SomeFailed })
}

/// A snapshot of an existing store.
fn open_snapshot(db: &Path) -> anyhow::Result<Snapshot<'static>> {
    require_store(db)?;
    Ok(Store::open(db)?.snapshot()?)
}

/// Reading commands never create a store: opening one would.
pub fn require_store(db: &Path) -> anyhow::Result<()> {
    if !db.exists() {
        anyhow::bail!("no store at {} (run chronicle ingest first, or give --db)", db.display());
    }
    Ok(())
}

fn parse_date(flag: &str, value: Option<&str>) -> anyhow::Result<Option<PartialDate>> {
    value.map(|v| v.parse::<PartialDate>().map_err(|e| anyhow::anyhow!("{flag} {v:?}: {e}"))).transpose()
}

/// Each event as an object of JSON Lines (with how many reports tell of
/// it, counted for all of them at once) or as a line of text.
fn emit_events(reporter: &mut Reporter, snapshot: &Snapshot<'_>, events: &[Event], json: bool) -> anyhow::Result<()> {
    if json {
        for (event, reports) in events.iter().zip(snapshot.count_reports_of(events)?) {
            reporter.emit(&chronicle_publish::event_json(event, reports))?;
        }
        return Ok(());
    }
    for event in events {
        let date = event.date.map_or_else(|| "undated".to_string(), |d| d.to_string());
        let kind = event.event_type.map_or("-", |t| t.as_str());
        reporter.line(&format!("{date:<10}  {kind:<11} {}  [{}]", event.summary, event.id))?;
    }
    Ok(())
}
