//! Entity pages (one entity's timeline, its score chart and the entities
//! it appears with most) and dyad pages (the events of two entities).
//!
//! An entity may have tens of thousands of events. Its page decodes only
//! the events its timeline lists; the chart and the span come from the
//! dates and scores alone, and the partners are counted by the store.

use super::chart::{self, Point};
use super::html::{self, esc};
use super::Links;
use chronicle_model::{EntityLabel, Event};
use chronicle_store::{EventQuery, Snapshot, StoreError};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// How many co-occurring entities an entity page lists.
const TOP_PARTNERS: usize = 12;
/// The most events a timeline lists (the chart still draws them all).
pub const TIMELINE_MAX: usize = 500;

/// An entity, the latest of its events and what its page says of all.
pub struct Subject {
    /// The name as the events spell it (the URL may differ in case).
    pub name: String,
    pub label: Option<EntityLabel>,
    /// Its events, oldest first: every one, or (from [`Subject::load`])
    /// only the latest [`TIMELINE_MAX`], the ones its timeline lists.
    pub events: Vec<Event>,
    /// Date and score of every event, for the chart and the span.
    pub points: Vec<Point>,
    /// The entities that share most events with this one, most first.
    pub partners: Vec<(String, usize)>,
}

impl Subject {
    /// What the entity's page shows, decoding no more events than its
    /// timeline lists; `None` when no event names it.
    pub fn load(snap: &Snapshot<'_>, name: &str) -> Result<Option<Subject>, StoreError> {
        let latest = EventQuery { entity: Some(name.to_string()), limit: Some(TIMELINE_MAX), ..EventQuery::default() };
        let mut events = snap.events(&latest)?;
        // The store lists newest first with undated events last; a timeline
        // runs the other way, undated first.
        events.reverse();
        let Some(mut subject) = Subject::from_events(name, events) else { return Ok(None) };
        if subject.events.len() == TIMELINE_MAX {
            // Perhaps not all: chart every event from its date and score
            // (too many for dots, so no summaries), let the store count
            // the partners.
            subject.points = snap
                .entity_scores(name)?
                .into_iter()
                .map(|(date, score)| Point { date, score, summary: String::new() })
                .collect();
            subject.partners = snap.partners(&subject.name, TOP_PARTNERS)?;
        }
        Ok(Some(subject))
    }

    /// Every event of the entity, for its JSON summary and for dyads.
    pub fn load_all(snap: &Snapshot<'_>, name: &str) -> Result<Option<Subject>, StoreError> {
        let query = EventQuery { entity: Some(name.to_string()), ..EventQuery::default() };
        let mut events = snap.events(&query)?;
        events.reverse();
        Ok(Subject::from_events(name, events))
    }

    /// The subject `name` of `events` (all of its events, oldest first),
    /// spelled as its latest event spells it; `None` when no event names it.
    pub fn from_events(name: &str, events: Vec<Event>) -> Option<Subject> {
        let known = events.iter().rev().flat_map(|e| &e.entities).find(|e| e.name.eq_ignore_ascii_case(name))?;
        let (name, label) = (known.name.clone(), Some(known.label));
        let points = events.iter().map(Point::of).collect();
        let partners = partners_in(&events, &name);
        Some(Subject { name, label, events, points, partners })
    }

    /// The same subject with only the events that also involve `other`
    /// (of the events it holds: load it with [`Subject::load_all`]).
    pub fn shared_with(&self, other: &str) -> Subject {
        let events: Vec<Event> = self
            .events
            .iter()
            .filter(|e| e.entities.iter().any(|x| x.name.eq_ignore_ascii_case(other)))
            .cloned()
            .collect();
        let points = events.iter().map(Point::of).collect();
        let partners = partners_in(&events, &self.name);
        Subject { name: self.name.clone(), label: self.label, events, points, partners }
    }
}

/// The entities that share most of `events` with `name`, most first.
fn partners_in(events: &[Event], name: &str) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for event in events {
        let names: HashSet<&str> = event.entities.iter().map(|e| e.name.as_str()).collect();
        for other in names.into_iter().filter(|n| !n.eq_ignore_ascii_case(name)) {
            *counts.entry(other).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(TOP_PARTNERS);
    ranked
}

/// An entity's page: its span, chart, partners and timeline.
pub fn entity_page(s: &Subject, links: &Links) -> String {
    let label = s.label.map_or(String::new(), |l| format!(" <span class=\"badge\">{}</span>", l.as_str()));
    let mut body = format!("<h1>{}{label}</h1>\n<p class=\"muted\">{}</p>\n", esc(&s.name), span_of(&s.points));
    let _ = write!(body, "<h2>Cooperation and conflict</h2>\n{}", chart::score_chart(&s.points, &s.name));
    if !s.partners.is_empty() {
        body += "<h2>Appears most with</h2>\n<ul class=\"partners\">";
        for (other, n) in &s.partners {
            let shared = format!("{n} shared {}", if *n == 1 { "event" } else { "events" });
            let shared = match links.dyad(&s.name, other) {
                Some(href) => format!("<a class=\"muted\" href=\"{}\">{shared}</a>", esc(&href)),
                None => format!("<span class=\"muted\">{shared}</span>"),
            };
            let _ = write!(body, "<li>{} {shared}</li>", html::entity_link(other, links));
        }
        body += "</ul>\n";
    }
    body += &timeline(s, links);
    html::page(&s.name, &body, links)
}

/// "12 events, 2007-04-25 to 2019-09-17".
fn span_of(points: &[Point]) -> String {
    let first = points.iter().filter_map(|p| p.date).min();
    let last = points.iter().filter_map(|p| p.date).max();
    let n = points.len();
    let noun = if n == 1 { "event" } else { "events" };
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{n} {noun}, {a} to {b}"),
        (Some(a), _) => format!("{n} {noun}, {a}"),
        _ => format!("{n} {noun}"),
    }
}

/// The latest events, oldest first, with a link to search for the rest.
fn timeline(s: &Subject, links: &Links) -> String {
    let mut out = String::from("<h2>Timeline</h2>\n<ol class=\"timeline\">");
    let none = HashSet::new();
    let listed = &s.events[s.events.len().saturating_sub(TIMELINE_MAX)..];
    for event in listed {
        out += &html::event_item(event, &none, links);
    }
    out += "</ol>\n";
    let skip = s.points.len().saturating_sub(listed.len());
    if skip > 0 {
        let _ = write!(out, "<p>{skip} earlier events are not listed");
        if let Some(href) = links.search(&[("entity", &s.name)]) {
            let _ = write!(out, "; <a href=\"{}\">search them</a>", esc(&href));
        }
        out += ".</p>";
    }
    out
}

/// The page of the events `first` shares with `second` (`first` as made
/// by [`Subject::shared_with`]).
pub fn dyad_page(first: &Subject, second: &str, links: &Links) -> String {
    let title = format!("{} and {}", first.name, second);
    let mut body = format!(
        "<h1>{} and {}</h1>\n<p class=\"muted\">{}</p>\n",
        html::entity_link(&first.name, links),
        html::entity_link(second, links),
        span_of(&first.points)
    );
    if first.events.is_empty() {
        body += "<p>These two entities never appear in the same event.</p>";
        return html::page(&title, &body, links);
    }
    let _ = write!(body, "<h2>Cooperation and conflict</h2>\n{}", chart::score_chart(&first.points, &title));
    body += &timeline(first, links);
    html::page(&title, &body, links)
}
