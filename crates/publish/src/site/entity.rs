//! Entity pages (one entity's timeline, its score chart and the entities
//! it appears with most) and dyad pages (the events of two entities).
//!
//! An entity may have tens of thousands of events. Its page lists one page
//! of its timeline, read as a list shows events (not decoded); the chart
//! and the span come from the dates and scores the entity index holds,
//! and the partners from the counts the store keeps.

use super::chart::{self, Point, MAX_DOTS};
use super::html::{self, esc};
use super::Links;
use chronicle_model::{EntityLabel, Event};
use chronicle_store::{EventQuery, Snapshot, StoreError};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// How many co-occurring entities an entity page lists.
const TOP_PARTNERS: usize = 12;
/// How many events one page of a timeline lists (the chart still draws
/// them all).
pub const TIMELINE_PAGE: usize = 100;

/// How many pages a timeline of `events` events takes: at least one.
pub fn timeline_pages(events: usize) -> usize {
    events.div_ceil(TIMELINE_PAGE).max(1)
}

/// An entity, the events its page lists and what its page says of all.
pub struct Subject {
    /// The name as the events spell it (the URL may differ in case).
    pub name: String,
    pub label: Option<EntityLabel>,
    /// The events its page lists, oldest first: every one (from
    /// [`Subject::from_events`]), or one page of [`TIMELINE_PAGE`].
    pub events: Vec<Event>,
    /// Date and score of every event (or of every date, for many), for
    /// the chart and the span.
    pub points: Vec<Point>,
    /// The entities that share most events with this one, most first.
    pub partners: Vec<(String, usize)>,
    /// Which page of the timeline `events` is, from 1 (the latest).
    pub page: usize,
}

impl Subject {
    /// What page `page` (from 1, the latest events) of the entity's
    /// timeline shows; `None` when no event names it. Small entities are
    /// read whole as a list, so the chart can name every dot.
    pub fn load(snap: &Snapshot<'_>, name: &str, page: usize) -> Result<Option<Subject>, StoreError> {
        let Some((name, label)) = snap.entity(name)? else { return Ok(None) };
        let page = page.max(1);
        let days = snap.entity_days(&name)?;
        let total: usize = days.iter().map(|d| d.2 as usize).sum();
        let mut query = EventQuery { entity: Some(name.clone()), ..EventQuery::default() };
        let (mut events, points) = if total <= MAX_DOTS {
            let all = snap.listing(&query)?;
            let points = all.iter().rev().map(Point::of).collect();
            let listed = all.into_iter().skip((page - 1) * TIMELINE_PAGE).take(TIMELINE_PAGE).collect();
            (listed, points)
        } else {
            query.limit = Some(TIMELINE_PAGE);
            query.offset = (page - 1) * TIMELINE_PAGE;
            let points = days
                .into_iter()
                .map(|(date, score, events)| Point { date, score, summary: String::new(), events })
                .collect();
            (snap.listing(&query)?, points)
        };
        // The store lists newest first with undated events last; a timeline
        // runs the other way, undated first.
        events.reverse();
        let partners = snap.partners(&name, TOP_PARTNERS)?;
        Ok(Some(Subject { name, label: Some(label), events, points, partners, page }))
    }

    /// What page `page` (from 1, the latest events) of the events `first`
    /// shares with `second` shows, as their dyad page does, and the second
    /// name as the events spell it; `None` when no event names one of them.
    pub fn dyad(
        snap: &Snapshot<'_>,
        first: &str,
        second: &str,
        page: usize,
    ) -> Result<Option<(Subject, String)>, StoreError> {
        let (Some((name, label)), Some((other, _))) = (snap.entity(first)?, snap.entity(second)?) else {
            return Ok(None);
        };
        // Walk the events of the rarer of the two and look the other up
        // in each: the same events, in the same order, from fewer rows.
        let (walk, check) = if snap.count_entity_events(&name)? <= snap.count_entity_events(&other)? {
            (&name, &other)
        } else {
            (&other, &name)
        };
        let query = EventQuery { entity: Some(walk.clone()), with: Some(check.clone()), ..EventQuery::default() };
        // Newest first: every shared event is a point of the chart, and
        // the page's share of them is listed.
        let all = snap.listing(&query)?;
        let points = all.iter().rev().map(Point::of).collect();
        let page = page.max(1);
        let mut events: Vec<Event> = all.into_iter().skip((page - 1) * TIMELINE_PAGE).take(TIMELINE_PAGE).collect();
        events.reverse();
        Ok(Some((Subject { name, label: Some(label), events, points, partners: Vec::new(), page }, other)))
    }

    /// The subject `name` of `events` (all of its events, oldest first),
    /// spelled as its latest event spells it; `None` when no event names it.
    pub fn from_events(name: &str, events: Vec<Event>) -> Option<Subject> {
        let known = events.iter().rev().flat_map(|e| &e.entities).find(|e| e.name.eq_ignore_ascii_case(name))?;
        let (name, label) = (known.name.clone(), Some(known.label));
        let points = events.iter().map(Point::of).collect();
        let partners = partners_in(&events, &name);
        Some(Subject { name, label, events, points, partners, page: 1 })
    }

    /// The same subject with only the events that also involve `other`
    /// (of the events it holds: make it with [`Subject::from_events`]).
    pub fn shared_with(&self, other: &str) -> Subject {
        let events: Vec<Event> = self
            .events
            .iter()
            .filter(|e| e.entities.iter().any(|x| x.name.eq_ignore_ascii_case(other)))
            .cloned()
            .collect();
        let points = events.iter().map(Point::of).collect();
        let partners = partners_in(&events, &self.name);
        Subject { name: self.name.clone(), label: self.label, events, points, partners, page: 1 }
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
    body += &timeline(s, links, |page| links.entity_page(&s.name, page));
    html::page(&s.name, &body, links)
}

/// "12 events, 2007-04-25 to 2019-09-17".
fn span_of(points: &[Point]) -> String {
    let first = points.iter().filter_map(|p| p.date).min();
    let last = points.iter().filter_map(|p| p.date).max();
    let n = chart::count(points);
    let noun = if n == 1 { "event" } else { "events" };
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{n} {noun}, {a} to {b}"),
        (Some(a), _) => format!("{n} {noun}, {a}"),
        _ => format!("{n} {noun}"),
    }
}

/// One page of the events, oldest first, with links to the pages of
/// earlier and later events where the site has them, and otherwise a
/// link to search for the rest.
fn timeline(s: &Subject, links: &Links, page_link: impl Fn(usize) -> Option<String>) -> String {
    let mut out = String::from("<h2>Timeline</h2>\n<ol class=\"timeline\">");
    let none = HashSet::new();
    let listed = &s.events[s.events.len().saturating_sub(TIMELINE_PAGE)..];
    for event in listed {
        out += &html::event_item(event, &none, links);
    }
    out += "</ol>\n";
    let newer = (s.page - 1) * TIMELINE_PAGE;
    let earlier = chart::count(&s.points).saturating_sub(newer + listed.len());
    let (older_page, newer_page) = (page_link(s.page + 1), page_link(s.page - 1));
    if let (true, Some(href)) = (earlier > 0, &older_page) {
        let _ = write!(out, "<nav class=\"pager\" aria-label=\"Other events\"><a rel=\"prev\" href=\"{}\">← {earlier} earlier events</a>", esc(href));
        match (s.page > 1, &newer_page) {
            (true, Some(href)) => {
                let _ = write!(out, "<a rel=\"next\" href=\"{}\">{newer} later events →</a>", esc(href));
            }
            _ => out += "<span></span>",
        }
        out += "</nav>";
    } else if earlier > 0 {
        let _ = write!(out, "<p>{earlier} earlier events are not listed");
        if let Some(href) = links.search(&[("entity", &s.name)]) {
            let _ = write!(out, "; <a href=\"{}\">search them</a>", esc(&href));
        }
        out += ".</p>";
    } else if let (true, Some(href)) = (s.page > 1, &newer_page) {
        let _ = write!(out, "<nav class=\"pager\" aria-label=\"Other events\"><span></span><a rel=\"next\" href=\"{}\">{newer} later events →</a></nav>", esc(href));
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
    body += &timeline(first, links, |page| links.dyad_page(&first.name, second, page));
    html::page(&title, &body, links)
}
