//! The event page, in the chronicle's layout: the date linked to its day,
//! the summary as the title, `Source:` with each source's evidence
//! sentence, and `Related:` with the context that links each event.

use crate::error::Failure;
use crate::html::{self, esc};
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::Html;
use chronicle_model::{Actor, Event, EventId, SourceRef};
use std::fmt::Write as _;

pub(crate) async fn event(State(state): State<AppState>, Path(id): Path<String>) -> Result<Html<String>, Failure> {
    let event = state.read(move |snap| Ok(snap.event(&EventId(id.clone()))?.ok_or_else(|| no_event(&id)))).await??;
    Ok(Html(html::page(&event.summary, &event_body(&event))))
}

pub(crate) fn no_event(id: &str) -> Failure {
    Failure::NotFound(format!("There is no event with id {id:?}. Event ids are the hex strings in /event/ links."))
}

fn event_body(event: &Event) -> String {
    let mut body = format!(
        "<article>\n<h3>{}</h3>\n<h1>{}</h1>\n{}",
        html::date_link(event.date.as_ref()),
        esc(&event.summary),
        facts(event)
    );
    body += "<h3>Source:</h3>\n<ol class=\"sources\">";
    for source in &event.sources {
        body += &source_item(event, source);
    }
    body += "</ol>\n";
    let unsourced: Vec<_> = event
        .evidence
        .iter()
        .filter(|e| !event.sources.iter().any(|s| s.document.as_deref() == Some(e.document.as_str())))
        .collect();
    if !unsourced.is_empty() {
        body += "<h3>Evidence:</h3>\n";
        for e in unsourced {
            let _ = write!(body, "<blockquote>{}</blockquote>", esc(&e.sentence));
        }
    }
    if !event.related.is_empty() {
        body += "<h3>Related:</h3>\n<ol class=\"related\">";
        for r in &event.related {
            let _ = write!(
                body,
                "<li><a href=\"{}\">{}</a> <em class=\"context\">Context: {}</em> <span class=\"muted\">{}</span></li>",
                html::event_href(&r.id.0),
                esc(&r.summary),
                esc(&r.context),
                r.date.map(|d| d.to_string()).unwrap_or_default()
            );
        }
        body += "</ol>\n";
    }
    body + "</article>"
}

/// Type, score, actors, entities and contexts as a definition list.
fn facts(event: &Event) -> String {
    let mut dl = String::from("<dl class=\"facts\">");
    if let Some(t) = event.event_type {
        let _ = write!(dl, "<dt>Type</dt><dd><a href=\"/search?{}\">{t}</a></dd>", html::qs(&[("type", t.as_str())]));
    }
    let _ = write!(dl, "<dt>Score</dt><dd>{}</dd>", html::score_badge(event.score));
    for (name, actors) in [("Source actors", &event.source_actors), ("Target actors", &event.target_actors)] {
        if !actors.is_empty() {
            let list: Vec<String> = actors.iter().map(actor).collect();
            let _ = write!(dl, "<dt>{name}</dt><dd>{}</dd>", list.join(", "));
        }
    }
    if !event.entities.is_empty() {
        let list: Vec<String> = event
            .entities
            .iter()
            .map(|e| format!("{} <span class=\"badge\">{}</span>", html::entity_link(&e.name), e.label.as_str()))
            .collect();
        let _ = write!(dl, "<dt>Entities</dt><dd>{}</dd>", list.join(", "));
    }
    if !event.contexts.is_empty() {
        let list: Vec<String> = event.contexts.iter().map(|c| esc(c)).collect();
        let _ = write!(dl, "<dt>Contexts</dt><dd>{}</dd>", list.join(", "));
    }
    dl + "</dl>\n"
}

fn actor(actor: &Actor) -> String {
    let name = match &actor.entity {
        Some(entity) => html::entity_link(entity),
        None => esc(&actor.text),
    };
    match &actor.code {
        Some(code) => format!("{name} <span class=\"badge\">{}</span>", esc(code)),
        None => name,
    }
}

/// One source: its site linked to its URL, its title and date, and the
/// sentences of it that tell of the event.
fn source_item(event: &Event, source: &SourceRef) -> String {
    let label = source.site.as_deref().or(source.title.as_deref()).or(source.input.as_deref()).unwrap_or("source");
    let mut item = match source.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://")) {
        Some(url) => format!("<li><a href=\"{}\" rel=\"nofollow noopener\">{}</a>", esc(url), esc(label)),
        None => format!("<li>{}", esc(label)),
    };
    if let Some(title) = source.title.as_deref().filter(|t| Some(*t) != source.site.as_deref() && *t != label) {
        let _ = write!(item, " — <cite>{}</cite>", esc(title));
    }
    if let Some(published) = source.published {
        let _ = write!(item, " <span class=\"muted\">({published})</span>");
    }
    for evidence in event.evidence.iter().filter(|e| source.document.as_deref() == Some(e.document.as_str())) {
        let _ = write!(item, "<blockquote>{}</blockquote>", esc(&evidence.sentence));
    }
    item + "</li>"
}
