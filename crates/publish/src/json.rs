//! The event object of `events --json`, `timeline --json` and the web API.

use chronicle_link::status::Board;
use chronicle_model::{Actor, Event};
use serde_json::{json, Value};

/// An event as INTERFACES.md shows it: id, date and its precision, summary,
/// type, actors, entities, sources (with their evidence sentences) and
/// related events with the context that links them; and `reports`, how
/// many reports tell of it (from `Snapshot::count_reports`), since `sources` lists
/// only the first of them.
pub fn event_json(event: &Event, reports: usize) -> Value {
    let precision = event.date.map_or("unknown", |d| d.precision().as_str());
    json!({
        "id": event.id,
        "date": event.date,
        "date_precision": precision,
        "summary": event.summary,
        "type": event.event_type,
        "score": event.score,
        "source_actors": actors(&event.source_actors),
        "target_actors": actors(&event.target_actors),
        "entities": event.entities.iter().map(|e| json!({"name": e.name, "label": e.label})).collect::<Vec<_>>(),
        "contexts": event.contexts,
        "category": event.category,
        "sources": event.sources.iter().map(|s| {
            let sentences: Vec<&str> = event.evidence.iter()
                .filter(|e| s.document.as_deref() == Some(e.document.as_str()))
                .map(|e| e.sentence.as_str())
                .collect();
            json!({
                "input": s.input, "url": s.url, "title": s.title, "site": s.site,
                "published": s.published.map(|d| d.to_string()),
                "sentences": sentences,
            })
        }).collect::<Vec<_>>(),
        "related": event.related.iter().map(|r| json!({
            "id": r.id, "date": r.date, "summary": r.summary, "context": r.context,
        })).collect::<Vec<_>>(),
        "reports": reports,
    })
}

fn actors(actors: &[Actor]) -> Vec<Value> {
    actors.iter().map(|a| json!({"text": a.text, "entity": a.entity, "code": a.code})).collect()
}

/// A status board as `status --json` shows it: the subject, its latest
/// state and since when, and every change with its event and evidence.
pub fn status_json(board: &Board) -> Value {
    json!({
        "subject": board.subject,
        "kind": board.kind.as_str(),
        "by": board.by,
        "status": board.status(),
        "since": board.since().map(|d| d.to_string()),
        "history": board.history.iter().map(|c| json!({
            "date": c.date.map(|d| d.to_string()),
            "status": c.status,
            "event": c.event,
            "evidence": {"source": c.source, "sentence": c.sentence},
        })).collect::<Vec<_>>(),
    })
}
