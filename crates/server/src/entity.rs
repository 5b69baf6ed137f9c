//! Entity pages (one entity's timeline, its score chart and the entities
//! it appears with most) and dyad pages (the events of two entities).

use crate::chart;
use crate::error::Failure;
use crate::html::{self, esc};
use crate::AppState;
use axum::extract::{Path, State};
use axum::response::Html;
use chronicle_model::{EntityLabel, Event};
use chronicle_store::{EventQuery, Snapshot};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// How many co-occurring entities an entity page lists.
const TOP_PARTNERS: usize = 12;
/// The most events a timeline lists (the chart still draws them all).
const TIMELINE_MAX: usize = 500;

/// An entity and its events, oldest first.
pub(crate) struct Subject {
    /// The name as the events spell it (the URL may differ in case).
    pub name: String,
    pub label: Option<EntityLabel>,
    pub events: Vec<Event>,
}

impl Subject {
    /// The entity's events, or a 404 when no event names it.
    pub fn load(snap: &Snapshot<'static>, name: &str) -> Result<Subject, Failure> {
        let query = EventQuery { entity: Some(name.to_string()), ..EventQuery::default() };
        let mut events = snap.events(&query)?;
        let Some(known) = events.iter().flat_map(|e| &e.entities).find(|e| e.name.eq_ignore_ascii_case(name)) else {
            return Err(Failure::NotFound(format!(
                "No event mentions an entity named {name:?}. Names are canonical (\"United States\", not \"US\"); try searching."
            )));
        };
        let (name, label) = (known.name.clone(), Some(known.label));
        // The store lists newest first with undated events last; a timeline
        // runs the other way, undated first.
        events.reverse();
        Ok(Subject { name, label, events })
    }

    /// The entities that share most events with this one, most first.
    pub fn partners(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for event in &self.events {
            let names: HashSet<&str> = event.entities.iter().map(|e| e.name.as_str()).collect();
            for name in names.into_iter().filter(|n| !n.eq_ignore_ascii_case(&self.name)) {
                *counts.entry(name).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, usize)> = counts.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked.truncate(TOP_PARTNERS);
        ranked
    }
}

pub(crate) async fn entity(State(state): State<AppState>, Path(name): Path<String>) -> Result<Html<String>, Failure> {
    let subject = state.read(move |snap| Subject::load(snap, &name)).await?;
    Ok(Html(entity_page(&subject)))
}

fn entity_page(s: &Subject) -> String {
    let label = s.label.map_or(String::new(), |l| format!(" <span class=\"badge\">{}</span>", l.as_str()));
    let mut body = format!("<h1>{}{label}</h1>\n<p class=\"muted\">{}</p>\n", esc(&s.name), span_of(&s.events));
    let _ = write!(body, "<h2>Cooperation and conflict</h2>\n{}", chart::score_chart(&s.events, &s.name));
    let partners = s.partners();
    if !partners.is_empty() {
        body += "<h2>Appears most with</h2>\n<ul class=\"partners\">";
        for (other, n) in &partners {
            let _ = write!(
                body,
                "<li>{} <a class=\"muted\" href=\"/dyad/{}/{}\">{n} shared {}</a></li>",
                html::entity_link(other),
                html::seg(&s.name),
                html::seg(other),
                if *n == 1 { "event" } else { "events" }
            );
        }
        body += "</ul>\n";
    }
    body += &timeline(&s.events, &s.name);
    html::page(&s.name, &body)
}

/// "12 events, 2007-04-25 to 2019-09-17".
fn span_of(events: &[Event]) -> String {
    let first = events.iter().filter_map(|e| e.date).min();
    let last = events.iter().filter_map(|e| e.date).max();
    let n = events.len();
    let noun = if n == 1 { "event" } else { "events" };
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{n} {noun}, {a} to {b}"),
        (Some(a), _) => format!("{n} {noun}, {a}"),
        _ => format!("{n} {noun}"),
    }
}

/// The events, oldest first, with a link to search for the rest.
fn timeline(events: &[Event], entity: &str) -> String {
    let mut out = String::from("<h2>Timeline</h2>\n<ol class=\"timeline\">");
    let none = HashSet::new();
    let skip = events.len().saturating_sub(TIMELINE_MAX);
    for event in &events[skip..] {
        out += &html::event_item(event, &none);
    }
    out += "</ol>\n";
    if skip > 0 {
        let _ = write!(
            out,
            "<p>{skip} earlier events are not listed; <a href=\"/search?{}\">search them</a>.</p>",
            html::qs(&[("entity", entity)])
        );
    }
    out
}

pub(crate) async fn dyad(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
) -> Result<Html<String>, Failure> {
    let (first, second) = state.read(move |snap| dyad_events(snap, &a, &b)).await?;
    Ok(Html(dyad_page(&first, &second)))
}

/// The events of `a` that also involve `b`: `a` as a subject restricted to
/// them, and `b`'s canonical name.
pub(crate) fn dyad_events(snap: &Snapshot<'static>, a: &str, b: &str) -> Result<(Subject, String), Failure> {
    if a.eq_ignore_ascii_case(b) {
        return Err(Failure::BadRequest(format!("a dyad needs two different entities; both are {a:?}")));
    }
    let mut first = Subject::load(snap, a)?;
    let second = Subject::load(snap, b)?.name;
    first.events.retain(|e| e.entities.iter().any(|x| x.name.eq_ignore_ascii_case(&second)));
    Ok((first, second))
}

fn dyad_page(first: &Subject, second: &str) -> String {
    let title = format!("{} and {}", first.name, second);
    let mut body = format!(
        "<h1>{} and {}</h1>\n<p class=\"muted\">{}</p>\n",
        html::entity_link(&first.name),
        html::entity_link(second),
        span_of(&first.events)
    );
    if first.events.is_empty() {
        body += "<p>These two entities never appear in the same event.</p>";
        return html::page(&title, &body);
    }
    let _ = write!(body, "<h2>Cooperation and conflict</h2>\n{}", chart::score_chart(&first.events, &title));
    body += &timeline(&first.events, &first.name);
    html::page(&title, &body)
}
