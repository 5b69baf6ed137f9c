//! The portal's pages as HTTP: each route finds what it shows, turns
//! what is missing into a 404 and a bad parameter into a 400, and leaves
//! the markup to [`chronicle_publish::site`], which the static export
//! shares. Search lives here alone: a static site has none.

use crate::error::Failure;
use crate::params::{self, Filters};
use crate::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chronicle_link::status::StatusKind;
use chronicle_model::{Event, EventId, EventType, PartialDate};
use chronicle_publish::paths;
use chronicle_publish::site::html::{self, esc};
use chronicle_publish::site::pages::Day;
use chronicle_publish::site::status::{Part, BOARDS_PAGE};
use chronicle_publish::site::{self, Links, Subject};
use chronicle_store::Snapshot;
use std::fmt::Write as _;

/// How many results a search page shows when no limit is given: a page
/// is read and rendered whole, so it is kept short, with a link to the
/// next.
const SEARCH_LIMIT: usize = 50;
/// The shortest slug prefix that may name an event.
const MIN_SLUG: usize = 12;

/// `/status?kind=&page=`: a page of the status boards, all kinds or one.
pub(crate) async fn status(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Html<String>, Failure> {
    let (kind, page) = status_params(raw.as_deref())?;
    state
        .read(move |snap| {
            let (total, shown) = chronicle_publish::boards::boards_page(
                snap,
                kind,
                (page - 1) * BOARDS_PAGE,
                BOARDS_PAGE,
                &chronicle_events::country_code,
            )?;
            let part = Part { kind, page, total };
            if shown.is_empty() && page > 1 {
                return Err(Failure::NotFound(format!("There are only {} boards: no page {page}.", part.total)));
            }
            Ok(site::status::status_part(&shown, &part, &Links::server()))
        })
        .await
        .map(Html)
}

fn status_params(raw: Option<&str>) -> Result<(Option<StatusKind>, usize), Failure> {
    let mut kind = None;
    let mut page = 1;
    for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        match key.as_ref() {
            "kind" if value.is_empty() => kind = None,
            "kind" => {
                kind = Some(StatusKind::parse(&value).ok_or_else(|| {
                    Failure::BadRequest(format!(
                        "kind: unknown kind of board {value:?}; one of sanction, detention, diplomatic"
                    ))
                })?)
            }
            "page" => page = params::parse_page(&value)?,
            _ => {}
        }
    }
    Ok((kind, page))
}

pub(crate) async fn front(State(state): State<AppState>) -> Result<Html<String>, Failure> {
    state.read(|snap| Ok(site::pages::front_page(snap, &Links::server())?)).await.map(Html)
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
            Some("index.md") if parts.len() == 2 => Ok(Redirect::permanent(&Links::server().day(None)).into_response()),
            Some(file) if parts.len() == 2 => event_file(snap, None, file),
            _ => Err(missing()),
        };
    }
    let numeric = parts.iter().take(3).take_while(|p| p.bytes().all(|b| b.is_ascii_digit())).count();
    if numeric == 0 || parts.len() > numeric + 1 {
        return Err(missing());
    }
    let date = parse_path_date(&parts[..numeric]).ok_or_else(missing)?;
    let canonical = Links::server().day(Some(&date));
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
        None => site::pages::undated(snap)?,
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
    Ok(Redirect::permanent(&Links::server().event(&event.id.0)).into_response())
}

fn date_page(snap: &Snapshot<'static>, date: &PartialDate) -> Result<String, Failure> {
    let day = Day::load(snap, date)?;
    if day.events.is_empty() {
        return Err(Failure::NotFound(format!(
            "No events are dated {date}.{}",
            day.older.or(day.newer).map_or(String::new(), |d| format!(" The nearest date with events is {d}."))
        )));
    }
    Ok(site::pages::day_page(date, &day, &Links::server()))
}

fn undated_page(snap: &Snapshot<'static>) -> Result<String, Failure> {
    let events = site::pages::undated(snap)?;
    if events.is_empty() {
        return Err(Failure::NotFound("Every event in the chronicle has a date.".into()));
    }
    Ok(site::pages::undated_page(&events, &Links::server()))
}

/// `/event/ID`.
pub(crate) async fn event(State(state): State<AppState>, Path(id): Path<String>) -> Result<Html<String>, Failure> {
    let (event, reports) = state.read(move |snap| load_event(snap, id)).await?;
    Ok(Html(site::event::event_page(&event, reports, &Links::server())))
}

/// The event `id` and how many reports tell of it.
pub(crate) fn load_event(snap: &Snapshot<'static>, id: String) -> Result<(Event, usize), Failure> {
    let id = EventId(id);
    let event = snap.event(&id)?.ok_or_else(|| no_event(&id.0))?;
    let reports = snap.count_reports(&event)?;
    Ok((event, reports))
}

fn no_event(id: &str) -> Failure {
    Failure::NotFound(format!("There is no event with id {id:?}. Event ids are the hex strings in /event/ links."))
}

/// `/entity/NAME?page=N`: names match whatever their case; page 1 (the
/// default) lists the latest events.
pub(crate) async fn entity(
    State(state): State<AppState>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, Failure> {
    let page = params::page_of(raw.as_deref())?;
    let subject = state.read(move |snap| load_subject(snap, &name, page)).await?;
    Ok(Html(site::entity::entity_page(&subject, &Links::server())))
}

/// A page of an entity's timeline past its last.
fn no_page(subject: &Subject, page: usize) -> Failure {
    Failure::NotFound(format!(
        "{} has {} events: no page {page} of them.",
        subject.name,
        chronicle_publish::site::chart::count(&subject.points)
    ))
}

/// One page of an entity's timeline; a page past its last is not found.
pub(crate) fn load_subject(snap: &Snapshot<'static>, name: &str, page: usize) -> Result<Subject, Failure> {
    let subject = Subject::load(snap, name, page)?.ok_or_else(|| no_entity(name))?;
    if subject.events.is_empty() && page > 1 {
        return Err(no_page(&subject, page));
    }
    Ok(subject)
}

pub(crate) fn no_entity(name: &str) -> Failure {
    Failure::NotFound(format!(
        "No event mentions an entity named {name:?}. Names are canonical (\"United States\", not \"US\"); try searching."
    ))
}

/// `/dyad/A/B?page=N`: the events two different entities share; page 1
/// (the default) lists the latest of them.
pub(crate) async fn dyad(
    State(state): State<AppState>,
    Path((a, b)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, Failure> {
    if a.eq_ignore_ascii_case(&b) {
        return Err(Failure::BadRequest(format!("a dyad needs two different entities; both are {a:?}")));
    }
    let page = params::page_of(raw.as_deref())?;
    let (first, second) = state.read(move |snap| load_dyad(snap, &a, &b, page)).await?;
    Ok(Html(site::entity::dyad_page(&first, &second, &Links::server())))
}

/// One page of the events two entities share; a page past the last is not
/// found (the first page of a pair that shares none says so).
fn load_dyad(snap: &Snapshot<'static>, a: &str, b: &str, page: usize) -> Result<(Subject, String), Failure> {
    let (first, second) = Subject::dyad(snap, a, b, page)?.ok_or_else(|| {
        let missing = if snap.entity(a).ok().flatten().is_none() { a } else { b };
        no_entity(missing)
    })?;
    if first.events.is_empty() && page > 1 {
        return Err(Failure::NotFound(format!(
            "{} and {second} share {} events: no page {page} of them.",
            first.name,
            chronicle_publish::site::chart::count(&first.points)
        )));
    }
    Ok((first, second))
}

/// `/search?q=&from=&to=&entity=&type=&limit=`: the form and its results.
pub(crate) async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Html<String>, Failure> {
    let filters = Filters::parse(raw.as_deref())?;
    state.read(move |snap| search_page(snap, &filters)).await.map(Html)
}

fn search_page(snap: &Snapshot<'static>, filters: &Filters) -> Result<String, Failure> {
    let links = Links::server();
    let mut body = format!("<h1>Search</h1>\n{}", search_form(filters));
    if filters.is_empty() {
        return Ok(html::page("Search", &body, &links));
    }
    let mut query = filters.query()?;
    let shown = query.limit.unwrap_or(SEARCH_LIMIT);
    let before = (filters.page - 1) * shown;
    // One more than is shown, to know whether there is a next page.
    query.limit = Some(shown + 1);
    query.offset = before;
    let mut events = snap.listing(&query)?;
    let more = events.len() > shown;
    events.truncate(shown);
    let terms = html::terms(&filters.q);
    let heading = if before == 0 && !more {
        format!("{} {}", events.len(), if events.len() == 1 { "event" } else { "events" })
    } else if events.is_empty() {
        format!("No events after the first {before}")
    } else {
        format!("Events {}–{}", before + 1, before + events.len())
    };
    let _ = write!(body, "<h2 aria-live=\"polite\">{heading}</h2>\n<ol class=\"results\" start=\"{}\">", before + 1);
    for event in &events {
        body += &html::event_item(event, &terms, &links);
    }
    body += "</ol>";
    if events.is_empty() && before == 0 {
        body += "<p>Nothing matches. Every word must appear; try fewer words or a wider range.</p>";
    }
    body += &search_pager(filters, more, &links);
    Ok(html::page(&format!("Search: {}", filters.q), &body, &links))
}

/// Links to the previous and next pages of results, with the same filters.
fn search_pager(f: &Filters, more: bool, links: &Links) -> String {
    if f.page == 1 && !more {
        return String::new();
    }
    let limit = f.limit.map(|l| l.to_string()).unwrap_or_default();
    let at = |page: usize| {
        let page = if page == 1 { String::new() } else { page.to_string() };
        let pairs = [
            ("q", f.q.as_str()),
            ("entity", &f.entity),
            ("from", &f.from),
            ("to", &f.to),
            ("type", &f.event_type),
            ("limit", &limit),
            ("page", &page),
        ];
        links.search(&pairs).map(|href| esc(&href)).unwrap_or_default()
    };
    let previous = if f.page > 1 {
        format!("<a rel=\"prev\" href=\"{}\">← previous</a>", at(f.page - 1))
    } else {
        "<span></span>".to_string()
    };
    let next = if more { format!("<a rel=\"next\" href=\"{}\">next →</a>", at(f.page + 1)) } else { String::new() };
    format!("<nav class=\"pager\" aria-label=\"Other results\">{previous}{next}</nav>")
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
