//! The JSON API: the event object of `events --json` (from
//! [`chronicle_publish::event_json`]) behind a few read-only routes.

use crate::error::{ApiFailure, Failure};
use crate::pages::{load_event, load_subject};
use crate::params::{page_of, Filters};
use crate::{openapi, AppState};
use axum::extract::{Path, RawQuery, State};
use axum::http::Uri;
use axum::response::Json;
use chronicle_model::Event;
use chronicle_publish::event_json;
use chronicle_publish::site::chart;
use chronicle_publish::site::entity::timeline_pages;
use chronicle_store::Snapshot;
use serde_json::{json, Value};

/// How many events `/api/events` returns when no limit is given.
pub(crate) const DEFAULT_LIMIT: usize = 100;

type ApiResult = Result<Json<Value>, ApiFailure>;

/// `/api/events?entity=&from=&to=&q=&type=&limit=`, newest first.
pub(crate) async fn events(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let mut query = Filters::parse(raw.as_deref())?.query()?;
    query.limit = Some(query.limit.unwrap_or(DEFAULT_LIMIT));
    let events = state.read(move |snap| with_reports(snap, snap.events(&query)?)).await?;
    Ok(Json(json!({"events": events.iter().map(|(e, reports)| event_json(e, *reports)).collect::<Vec<_>>()})))
}

pub(crate) async fn event(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let (found, reports) = state.read(move |snap| load_event(snap, id)).await?;
    Ok(Json(event_json(&found, reports)))
}

/// Each event with how many reports tell of it, counted in the same
/// snapshot, in one query.
fn with_reports(snap: &Snapshot<'static>, events: Vec<Event>) -> Result<Vec<(Event, usize)>, Failure> {
    let reports = snap.count_reports_of(&events)?;
    Ok(events.into_iter().zip(reports).collect())
}

/// An entity's summary: how many events it has and their span, the
/// entities it appears with most, and one page (`?page=`, from 1: the
/// latest events) of its timeline, oldest first, with each event's score.
/// As for its page, all of it comes from the entity index and the events'
/// columns: no event record is decoded.
pub(crate) async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let page = page_of(raw.as_deref())?;
    let subject = state.read(move |snap| load_subject(snap, &name, page)).await?;
    let events = chart::count(&subject.points);
    let dates = subject.points.iter().filter_map(|p| p.date);
    let timeline: Vec<Value> = subject
        .events
        .iter()
        .map(|e| json!({"id": e.id, "date": e.date, "summary": e.summary, "type": e.event_type, "score": e.score}))
        .collect();
    let partners: Vec<Value> = subject.partners.iter().map(|(name, n)| json!({"name": name, "events": n})).collect();
    Ok(Json(json!({
        "name": subject.name,
        "label": subject.label,
        "events": events,
        "first": dates.clone().min(),
        "last": dates.max(),
        "partners": partners,
        "page": page,
        "pages": timeline_pages(events),
        "timeline": timeline,
    })))
}

/// `/api/status`: `{"boards": [...]}`, each board as `chronicle status --json`
/// prints it.
pub(crate) async fn status(State(state): State<AppState>) -> ApiResult {
    let boards = state.read(|snap| crate::boards(snap, None)).await?;
    Ok(Json(json!({"boards": boards.iter().map(chronicle_publish::status_json).collect::<Vec<_>>()})))
}

pub(crate) async fn openapi() -> Json<Value> {
    Json(openapi::document())
}

/// Any other path under `/api/`.
pub(crate) async fn not_found(uri: Uri) -> ApiFailure {
    ApiFailure(Failure::NotFound(format!("no API route {}; see /api/openapi.json", uri.path())))
}
