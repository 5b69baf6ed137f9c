//! The pages that list events by date: the front page (the latest days),
//! a date's page with its neighbours, and the undated events.

use super::html;
use super::Links;
use chronicle_model::{Event, EventType, PartialDate};
use chronicle_store::{Snapshot, StoreError};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

/// How many of the latest dates the front page shows.
pub const FRONT_DAYS: usize = 7;

/// The front page: the latest days' events, and a way to older ones.
pub fn front_page(snap: &Snapshot<'_>, links: &Links) -> Result<String, StoreError> {
    let total = snap.count_events()?;
    let mut body = String::from("<h1>The latest days</h1>\n");
    let dates = snap.latest_dates(FRONT_DAYS + 1)?;
    if dates.is_empty() {
        body += "<p>No dated events yet. Add some with <code>chronicle ingest</code>.</p>";
    }
    for date in dates.iter().take(FRONT_DAYS) {
        let events = snap.events_on(date)?;
        let _ = write!(
            body,
            "<section><h2>{}</h2>\n{}</section>\n",
            html::date_link(Some(date), links),
            grouped(&events, links)
        );
    }
    if let Some(older) = dates.get(FRONT_DAYS) {
        let _ = write!(body, "<p><a href=\"{}\">Older days →</a></p>", html::esc(&links.day(Some(older))));
    }
    let _ = write!(body, "<p class=\"muted\">{total} events in the chronicle.</p>");
    Ok(html::page("Latest", &body, links))
}

/// A date's events grouped by type (in PLOVER order, untyped last).
pub fn grouped(events: &[Event], links: &Links) -> String {
    let mut groups: BTreeMap<(bool, Option<EventType>), Vec<&Event>> = BTreeMap::new();
    for event in events {
        groups.entry((event.event_type.is_none(), event.event_type)).or_default().push(event);
    }
    let none = HashSet::new();
    let mut out = String::new();
    for ((_, kind), events) in groups {
        let name = kind.map_or("Other", |t| t.as_str());
        let _ = write!(out, "<h3 class=\"muted\">{name}</h3>\n<ul>");
        for event in events {
            let _ = write!(
                out,
                "<li>{}<a href=\"{}\">{}</a> {}</li>",
                html::type_badge(event),
                html::esc(&links.event(&event.id.0)),
                html::highlight(&event.summary, &none),
                html::score_badge(event.score)
            );
        }
        out += "</ul>\n";
    }
    out
}

/// A date's events and the nearest dates with events on either side.
#[derive(Debug, Default)]
pub struct Day {
    pub events: Vec<Event>,
    pub older: Option<PartialDate>,
    pub newer: Option<PartialDate>,
}

impl Day {
    pub fn load(snap: &Snapshot<'_>, date: &PartialDate) -> Result<Day, StoreError> {
        let (older, newer) = snap.neighbour_dates(date)?;
        Ok(Day { events: snap.events_on(date)?, older, newer })
    }
}

/// A date's page, with links to the days before and after.
pub fn day_page(date: &PartialDate, day: &Day, links: &Links) -> String {
    let mut pager = String::from("<nav class=\"pager\" aria-label=\"Other days\">");
    match &day.older {
        Some(d) => {
            let _ = write!(pager, "<a rel=\"prev\" href=\"{}\">← {d}</a>", html::esc(&links.day(Some(d))));
        }
        None => pager += "<span></span>",
    }
    if let Some(d) = &day.newer {
        let _ = write!(pager, "<a rel=\"next\" href=\"{}\">{d} →</a>", html::esc(&links.day(Some(d))));
    }
    pager += "</nav>";
    let body =
        format!("{pager}<h1><time datetime=\"{date}\">{date}</time></h1>\n{}{pager}", grouped(&day.events, links));
    html::page(&date.to_string(), &body, links)
}

/// The events without a date, in the order they were stored.
pub fn undated(snap: &Snapshot<'_>) -> Result<Vec<Event>, StoreError> {
    snap.undated_events()
}

/// The page of the events without a date.
pub fn undated_page(events: &[Event], links: &Links) -> String {
    html::page("Undated", &format!("<h1>Undated events</h1>\n{}", grouped(events, links)), links)
}
