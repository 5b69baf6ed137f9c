//! The JSON API: the event object of `events --json` (from
//! [`chronicle_publish::event_json`]) behind a few read-only routes.

use crate::error::{ApiFailure, Failure};
use crate::pages::{no_entity, no_event};
use crate::params::Filters;
use crate::{openapi, AppState};
use axum::extract::{Path, RawQuery, State};
use axum::http::Uri;
use axum::response::Json;
use chronicle_model::EventId;
use chronicle_publish::event_json;
use chronicle_publish::site::Subject;
use serde_json::{json, Value};

/// How many events `/api/events` returns when no limit is given.
pub(crate) const DEFAULT_LIMIT: usize = 100;

type ApiResult = Result<Json<Value>, ApiFailure>;

/// `/api/events?entity=&from=&to=&q=&type=&limit=`, newest first.
pub(crate) async fn events(State(state): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let mut query = Filters::parse(raw.as_deref())?.query()?;
    query.limit = Some(query.limit.unwrap_or(DEFAULT_LIMIT));
    let events = state.read(move |snap| Ok(snap.events(&query)?)).await?;
    Ok(Json(json!({"events": events.iter().map(event_json).collect::<Vec<_>>()})))
}

pub(crate) async fn event(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = state.read(move |snap| Ok(snap.event(&EventId(id.clone()))?.ok_or_else(|| no_event(&id)))).await??;
    Ok(Json(event_json(&found)))
}

/// An entity's summary: its events' span, the entities it appears with
/// most, and its timeline (oldest first) with each event's score.
pub(crate) async fn entity(State(state): State<AppState>, Path(name): Path<String>) -> ApiResult {
    // The JSON summary lists the whole timeline: every event is needed.
    let subject = state.read(move |snap| Subject::load_all(snap, &name)?.ok_or_else(|| no_entity(&name))).await?;
    let dates = subject.events.iter().filter_map(|e| e.date);
    let timeline: Vec<Value> = subject
        .events
        .iter()
        .map(|e| json!({"id": e.id, "date": e.date, "summary": e.summary, "type": e.event_type, "score": e.score}))
        .collect();
    let partners: Vec<Value> = subject.partners.iter().map(|(name, n)| json!({"name": name, "events": n})).collect();
    Ok(Json(json!({
        "name": subject.name,
        "label": subject.label,
        "events": subject.events.len(),
        "first": dates.clone().min(),
        "last": dates.max(),
        "partners": partners,
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
