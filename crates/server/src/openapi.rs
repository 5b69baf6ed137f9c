//! The OpenAPI 3 description of the JSON API, served at `/api/openapi.json`.
//! A table, not logic: keep it in step with `api.rs`.

use crate::api::DEFAULT_LIMIT;
use crate::params::MAX_LIMIT;
use chronicle_model::EventType;
use serde_json::{json, Value};

fn query_param(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn path_param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "description": description, "schema": {"type": "string"}})
}

fn json_response(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn error_response(description: &str) -> Value {
    json_response(description, json!({"$ref": "#/components/schemas/Error"}))
}

pub(crate) fn document() -> Value {
    let date = json!({"type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$", "example": "2019-09-17"});
    let types: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Chronicle API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only access to a chronicle of dated, linked world events. Dates are ISO 8601 and may be known only to the month or year."
        },
        "paths": {
            "/api/events": {"get": {
                "summary": "Events matching every given filter, newest first",
                "parameters": [
                    query_param("q", "Words that must all appear in the summary or an evidence sentence", json!({"type": "string"})),
                    query_param("entity", "Canonical entity name, case-insensitive", json!({"type": "string"})),
                    query_param("from", "Earliest date (YYYY, YYYY-MM or YYYY-MM-DD)", date.clone()),
                    query_param("to", "Latest date, inclusive of every day inside a month or year", date.clone()),
                    query_param("type", "PLOVER event type, case-insensitive", json!({"type": "string", "enum": types})),
                    query_param("limit", "Most events to return", json!({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT})),
                ],
                "responses": {
                    "200": json_response("The events", json!({"type": "object", "required": ["events"], "properties": {
                        "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}}})),
                    "400": error_response("A malformed parameter, named in the message"),
                }
            }},
            "/api/event/{id}": {"get": {
                "summary": "One event",
                "parameters": [path_param("id", "Event id")],
                "responses": {
                    "200": json_response("The event", json!({"$ref": "#/components/schemas/Event"})),
                    "404": error_response("No event has this id"),
                }
            }},
            "/api/entity/{name}": {"get": {
                "summary": "An entity's timeline, score over time and most frequent partners",
                "parameters": [
                    path_param("name", "Canonical entity name, case-insensitive"),
                    query_param("page", "Page of the timeline, from 1 (the latest 100 events)", json!({"type": "integer", "minimum": 1})),
                ],
                "responses": {
                    "200": json_response("The entity", json!({"$ref": "#/components/schemas/Entity"})),
                    "404": error_response("No event mentions this entity, or the timeline has no such page"),
                }
            }},
            "/api/status": {"get": {
                "summary": "Status boards: sanctions, detentions and diplomatic ties, with the history of each",
                "responses": {
                    "200": json_response("The boards", json!({"type": "object", "properties": {"boards": {"type": "array", "items": {"type": "object", "properties": {
                        "subject": {"type": "string"}, "kind": {"type": "string", "enum": ["sanction", "detention", "diplomatic"]},
                        "by": {"type": "string", "nullable": true}, "status": {"type": "string"}, "since": {"type": "string", "nullable": true},
                        "history": {"type": "array", "items": {"type": "object"}}
                    }}}}})),
                }
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": json_response("OpenAPI 3 document", json!({"type": "object"}))}
            }}
        },
        "components": {"schemas": schemas(date)}
    })
}

fn schemas(date: Value) -> Value {
    let nullable_date = json!({"type": "string", "nullable": true, "example": "2019-09-17"});
    let text = json!({"type": "string"});
    let nullable_text = json!({"type": "string", "nullable": true});
    let actor = json!({"type": "object", "properties": {"text": text, "entity": nullable_text, "code": nullable_text}});
    json!({
        "Error": {"type": "object", "required": ["error"], "properties": {"error": text}},
        "Event": {"type": "object", "required": ["id", "date", "date_precision", "summary", "sources", "related"], "properties": {
            "id": text,
            "date": nullable_date,
            "date_precision": {"type": "string", "enum": ["day", "month", "year", "unknown"]},
            "summary": text,
            "type": nullable_text,
            "score": {"type": "number", "minimum": -10, "maximum": 10, "description": "Cooperation (+10) to conflict (-10)"},
            "source_actors": {"type": "array", "items": actor},
            "target_actors": {"type": "array", "items": actor},
            "entities": {"type": "array", "items": {"type": "object", "properties": {
                "name": text, "label": {"type": "string", "enum": ["PER", "ORG", "LOC", "MISC"]}}}},
            "contexts": {"type": "array", "items": text},
            "sources": {"type": "array", "items": {"type": "object", "properties": {
                "input": nullable_text, "url": nullable_text, "title": nullable_text, "site": nullable_text,
                "published": nullable_date, "sentences": {"type": "array", "items": text}}}},
            "reports": {"type": "integer", "description": "How many reports tell of the event; sources lists the first 50"},
            "related": {"type": "array", "description": "Best first", "items": {"type": "object", "properties": {
                "id": text, "date": nullable_date, "summary": text,
                "context": {"type": "string", "description": "What links the two events"}}}}
        }},
        "Entity": {"type": "object", "required": ["name", "events", "page", "pages", "timeline"], "properties": {
            "name": text,
            "label": nullable_text,
            "events": {"type": "integer", "description": "All of its events, on every page"},
            "first": date.clone(),
            "last": date,
            "partners": {"type": "array", "items": {"type": "object", "properties": {
                "name": text, "events": {"type": "integer"}}}},
            "page": {"type": "integer", "description": "This page of the timeline, from 1 (the latest events)"},
            "pages": {"type": "integer"},
            "timeline": {"type": "array", "description": "One page of 100 events, oldest first", "items": {"type": "object", "properties": {
                "id": text, "date": nullable_date, "summary": text, "type": nullable_text, "score": {"type": "number"}}}}
        }}
    })
}
