//! Entity pages (one entity's timeline, its score chart and the entities
//! it appears with most) and dyad pages (the events of two entities).

use super::html::{self, esc};
use super::{chart, Links};
use chronicle_model::{EntityLabel, Event};
use chronicle_store::{EventQuery, Snapshot, StoreError};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// How many co-occurring entities an entity page lists.
const TOP_PARTNERS: usize = 12;
/// The most events a timeline lists (the chart still draws them all).
const TIMELINE_MAX: usize = 500;

/// An entity and its events, oldest first.
pub struct Subject {
    /// The name as the events spell it (the URL may differ in case).
    pub name: String,
    pub label: Option<EntityLabel>,
    pub events: Vec<Event>,
}

impl Subject {
    /// The entity's events, or `None` when no event names it.
    pub fn load(snap: &Snapshot<'_>, name: &str) -> Result<Option<Subject>, StoreError> {
        let query = EventQuery { entity: Some(name.to_string()), ..EventQuery::default() };
        let mut events = snap.events(&query)?;
        // The store lists newest first with undated events last; a timeline
        // runs the other way, undated first.
        events.reverse();
        Ok(Subject::from_events(name, events))
    }

    /// The subject `name` of `events` (oldest first), spelled as its
    /// latest event spells it; `None` when no event names it.
    pub fn from_events(name: &str, events: Vec<Event>) -> Option<Subject> {
        let known = events.iter().rev().flat_map(|e| &e.entities).find(|e| e.name.eq_ignore_ascii_case(name))?;
        let (name, label) = (known.name.clone(), Some(known.label));
        Some(Subject { name, label, events })
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

/// An entity's page: its span, chart, partners and timeline.
pub fn entity_page(s: &Subject, links: &Links) -> String {
    let label = s.label.map_or(String::new(), |l| format!(" <span class=\"badge\">{}</span>", l.as_str()));
    let mut body = format!("<h1>{}{label}</h1>\n<p class=\"muted\">{}</p>\n", esc(&s.name), span_of(&s.events));
    let _ = write!(body, "<h2>Cooperation and conflict</h2>\n{}", chart::score_chart(&s.events, &s.name));
    let partners = s.partners();
    if !partners.is_empty() {
        body += "<h2>Appears most with</h2>\n<ul class=\"partners\">";
        for (other, n) in &partners {
            let shared = format!("{n} shared {}", if *n == 1 { "event" } else { "events" });
            let shared = match links.dyad(&s.name, other) {
                Some(href) => format!("<a class=\"muted\" href=\"{}\">{shared}</a>", esc(&href)),
                None => format!("<span class=\"muted\">{shared}</span>"),
            };
            let _ = write!(body, "<li>{} {shared}</li>", html::entity_link(other, links));
        }
        body += "</ul>\n";
    }
    body += &timeline(&s.events, &s.name, links);
    html::page(&s.name, &body, links)
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
fn timeline(events: &[Event], entity: &str, links: &Links) -> String {
    let mut out = String::from("<h2>Timeline</h2>\n<ol class=\"timeline\">");
    let none = HashSet::new();
    let skip = events.len().saturating_sub(TIMELINE_MAX);
    for event in &events[skip..] {
        out += &html::event_item(event, &none, links);
    }
    out += "</ol>\n";
    if skip > 0 {
        let _ = write!(out, "<p>{skip} earlier events are not listed");
        if let Some(href) = links.search(&[("entity", entity)]) {
            let _ = write!(out, "; <a href=\"{}\">search them</a>", esc(&href));
        }
        out += ".</p>";
    }
    out
}

impl Subject {
    /// The same subject with only the events that also involve `other`.
    pub fn shared_with(&self, other: &str) -> Subject {
        let events =
            self.events.iter().filter(|e| e.entities.iter().any(|x| x.name.eq_ignore_ascii_case(other))).cloned();
        Subject { name: self.name.clone(), label: self.label, events: events.collect() }
    }
}

/// The page of the events `first` shares with `second`.
pub fn dyad_page(first: &Subject, second: &str, links: &Links) -> String {
    let title = format!("{} and {}", first.name, second);
    let mut body = format!(
        "<h1>{} and {}</h1>\n<p class=\"muted\">{}</p>\n",
        html::entity_link(&first.name, links),
        html::entity_link(second, links),
        span_of(&first.events)
    );
    if first.events.is_empty() {
        body += "<p>These two entities never appear in the same event.</p>";
        return html::page(&title, &body, links);
    }
    let _ = write!(body, "<h2>Cooperation and conflict</h2>\n{}", chart::score_chart(&first.events, &title));
    body += &timeline(&first.events, &first.name, links);
    html::page(&title, &body, links)
}
