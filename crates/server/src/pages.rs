//! The pages that list events: the front page, date pages (and the
//! exported Markdown paths that lead to them), search, and the 404 page.

use crate::error::Failure;
use crate::html::{self, esc};
use crate::params::Filters;
use crate::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chronicle_model::{Event, EventType, PartialDate};
use chronicle_publish::paths;
use chronicle_store::Snapshot;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

pub(crate) use crate::entity::{dyad, entity};
pub(crate) use crate::event::event;

/// How many of the latest dates the front page shows.
const FRONT_DAYS: usize = 7;
/// How many results a search page shows when no limit is given.
const SEARCH_LIMIT: usize = 200;
/// The shortest slug prefix that may name an event.
const MIN_SLUG: usize = 12;

pub(crate) async fn front(State(state): State<AppState>) -> Result<Html<String>, Failure> {
    state.read(front_page).await.map(Html)
}

fn front_page(snap: &Snapshot<'static>) -> Result<String, Failure> {
    let total = snap.count_events()?;
    let mut body = String::from("<h1>The latest days</h1>\n");
    let dates = snap.dates()?;
    if dates.is_empty() {
        body += "<p>No dated events yet. Add some with <code>chronicle ingest</code>.</p>";
    }
    for date in dates.iter().take(FRONT_DAYS) {
        let events = snap.events_on(date)?;
        let _ = write!(body, "<section><h2>{}</h2>\n{}</section>\n", html::date_link(Some(date)), grouped(&events));
    }
    if let Some(older) = dates.get(FRONT_DAYS) {
        let _ = write!(body, "<p><a href=\"{}\">Older days →</a></p>", html::day_href(older));
    }
    let _ = write!(body, "<p class=\"muted\">{total} events in the chronicle.</p>");
    Ok(html::page("Latest", &body))
}

/// A date's events grouped by type (in PLOVER order, untyped last).
fn grouped(events: &[Event]) -> String {
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
                html::event_href(&event.id.0),
                html::highlight(&event.summary, &none),
                html::score_badge(event.score)
            );
        }
        out += "</ul>\n";
    }
    out
}

/// `/news/…`: a date page, or an exported path that redirects to one or
/// to an event.
pub(crate) async fn news(State(state): State<AppState>, Path(path): Path<String>) -> Result<Response, Failure> {
    let parts: Vec<String> = path.split('/').filter(|p| !p.is_empty()).map(String::from).collect();
    state.read(move |snap| route_news(snap, &parts)).await
}

fn route_news(snap: &Snapshot<'static>, parts: &[String]) -> Result<Response, Failure> {
    let missing = || Failure::NotFound(format!("There is no date page at /news/{}.", parts.join("/")));
    if parts.first().map(String::as_str) == Some("undated") {
        return match parts.get(1).map(String::as_str) {
            None => Ok(Html(undated_page(snap)?).into_response()),
            Some("index.md") if parts.len() == 2 => Ok(Redirect::permanent("/news/undated").into_response()),
            Some(file) if parts.len() == 2 => event_file(snap, None, file),
            _ => Err(missing()),
        };
    }
    let numeric = parts.iter().take(3).take_while(|p| p.bytes().all(|b| b.is_ascii_digit())).count();
    if numeric == 0 || parts.len() > numeric + 1 {
        return Err(missing());
    }
    let date = parse_path_date(&parts[..numeric]).ok_or_else(missing)?;
    let canonical = html::day_href(&date);
    match parts.get(numeric).map(String::as_str) {
        None if canonical.trim_start_matches("/news/") == parts.join("/") => {
            Ok(Html(date_page(snap, &date)?).into_response())
        }
        None | Some("index.md") => Ok(Redirect::permanent(&canonical).into_response()),
        Some(file) => event_file(snap, Some(&date), file),
    }
}

/// `2007`, `2007/4`, `2007/04/25` (days and months may lack their zero).
fn parse_path_date(parts: &[String]) -> Option<PartialDate> {
    let year = parts.first().filter(|y| y.len() == 4)?;
    let mut text = year.clone();
    for part in &parts[1..] {
        if part.is_empty() || part.len() > 2 {
            return None;
        }
        let _ = write!(text, "-{:0>2}", part);
    }
    text.parse().ok()
}

/// An exported event page, `<slug>-<id prefix>.md`: redirect to the event.
fn event_file(snap: &Snapshot<'static>, date: Option<&PartialDate>, file: &str) -> Result<Response, Failure> {
    let missing = || Failure::NotFound(format!("No event matches the exported page {file:?}."));
    let stem = file.strip_suffix(".md").ok_or_else(missing)?;
    let events = match date {
        Some(d) => snap.events_on(d)?,
        None => undated(snap)?,
    };
    let prefix = stem.rsplit('-').next().unwrap_or("");
    let by_id = events.iter().find(|e| !prefix.is_empty() && e.id.0.starts_with(prefix));
    // Pages exported elsewhere name events by a slug alone, cut short at
    // their own length: a prefix either way matches, if it is long enough
    // to mean something.
    let by_slug = || {
        events.iter().find(|e| {
            let slug = paths::slug(&e.summary);
            stem.len() >= MIN_SLUG && (slug.starts_with(stem) || stem.starts_with(&slug))
        })
    };
    let event = by_id.or_else(by_slug).ok_or_else(missing)?;
    Ok(Redirect::permanent(&html::event_href(&event.id.0)).into_response())
}

fn date_page(snap: &Snapshot<'static>, date: &PartialDate) -> Result<String, Failure> {
    let events = snap.events_on(date)?;
    let dates = snap.dates()?;
    // `dates` is newest first: the older neighbour comes after, the newer before.
    let older = dates.iter().find(|d| *d < date);
    let newer = dates.iter().rev().find(|d| *d > date);
    let mut pager = String::from("<nav class=\"pager\" aria-label=\"Other days\">");
    match older {
        Some(d) => {
            let _ = write!(pager, "<a rel=\"prev\" href=\"{}\">← {d}</a>", html::day_href(d));
        }
        None => pager += "<span></span>",
    }
    if let Some(d) = newer {
        let _ = write!(pager, "<a rel=\"next\" href=\"{}\">{d} →</a>", html::day_href(d));
    }
    pager += "</nav>";
    if events.is_empty() {
        return Err(Failure::NotFound(format!(
            "No events are dated {date}.{}",
            older.or(newer).map_or(String::new(), |d| format!(" The nearest date with events is {d}."))
        )));
    }
    let body = format!("{pager}<h1><time datetime=\"{date}\">{date}</time></h1>\n{}{pager}", grouped(&events));
    Ok(html::page(&date.to_string(), &body))
}

fn undated(snap: &Snapshot<'static>) -> Result<Vec<Event>, Failure> {
    Ok(snap.all_events()?.into_iter().filter(|e| e.date.is_none()).collect())
}

fn undated_page(snap: &Snapshot<'static>) -> Result<String, Failure> {
    let events = undated(snap)?;
    if events.is_empty() {
        return Err(Failure::NotFound("Every event in the chronicle has a date.".into()));
    }
    Ok(html::page("Undated", &format!("<h1>Undated events</h1>\n{}", grouped(&events))))
}

/// `/search?q=&from=&to=&entity=&type=&limit=`: the form and its results.
pub(crate) async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Html<String>, Failure> {
    let filters = Filters::parse(raw.as_deref())?;
    state.read(move |snap| search_page(snap, &filters)).await.map(Html)
}

fn search_page(snap: &Snapshot<'static>, filters: &Filters) -> Result<String, Failure> {
    let mut body = format!("<h1>Search</h1>\n{}", search_form(filters));
    if filters.is_empty() {
        return Ok(html::page("Search", &body));
    }
    let mut query = filters.query()?;
    query.limit = Some(query.limit.unwrap_or(SEARCH_LIMIT));
    let events = snap.events(&query)?;
    let terms = html::terms(&filters.q);
    let _ = write!(
        body,
        "<h2 aria-live=\"polite\">{} {}</h2>\n<ol class=\"results\">",
        events.len(),
        if events.len() == 1 { "event" } else { "events" }
    );
    for event in &events {
        body += &html::event_item(event, &terms);
    }
    body += "</ol>";
    if events.is_empty() {
        body += "<p>Nothing matches. Every word must appear; try fewer words or a wider range.</p>";
    }
    Ok(html::page(&format!("Search: {}", filters.q), &body))
}

fn search_form(f: &Filters) -> String {
    let mut types = String::from("<option value=\"\">any</option>");
    for t in EventType::ALL {
        let selected = if t.as_str().eq_ignore_ascii_case(&f.event_type) { " selected" } else { "" };
        let _ = write!(types, "<option{selected}>{}</option>", t.as_str());
    }
    format!(
        "<form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">\
<label>Words<input name=\"q\" type=\"search\" value=\"{}\"></label>\
<label>Entity<input name=\"entity\" value=\"{}\"></label>\
<label>From<input name=\"from\" placeholder=\"YYYY-MM-DD\" value=\"{}\"></label>\
<label>To<input name=\"to\" placeholder=\"YYYY-MM-DD\" value=\"{}\"></label>\
<label>Type<select name=\"type\">{types}</select></label>\
<button>Search</button></form>",
        esc(&f.q),
        esc(&f.entity),
        esc(&f.from),
        esc(&f.to)
    )
}

/// Any other path.
pub(crate) async fn not_found(uri: Uri) -> Failure {
    Failure::NotFound(format!("There is no page at {}.", uri.path()))
}
