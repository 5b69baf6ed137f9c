//! `chronicle export --format html`: the portal's pages written as files,
//! with links relative to each page so the site works from disk or from
//! any static file server.
//!
//! Layout: `index.html` (the latest days), `news/YYYY/MM/DD/index.html`
//! (a date; `news/YYYY/MM/` for a month, `news/undated/`),
//! `event/ID.html`, `entity/NAME.html` (the latest events of its timeline,
//! `entity/NAME/page-N.html` the earlier pages), `dyad/A/B.html` (the
//! entity pages' shared-events links; `dyad/A/B/page-N.html` the earlier
//! pages), `status.html` (every status board with its history) and
//! `style.css`. The search form and the API need the live portal; each
//! page's footer says so.

use super::entity::{dyad_page, entity_page, timeline_pages, Subject, TIMELINE_PAGE};
use super::event::event_page;
use super::pages::{day_page, front_page, undated_page, Day};
use super::status::status_page;
use super::{html, EntityFiles, Links};
use crate::markdown::{write, ExportError};
use chronicle_link::status::CountryOf;
use chronicle_model::{Event, PartialDate};
use chronicle_store::Snapshot;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// What an HTML export wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub days: usize,
    pub events: usize,
    pub entities: usize,
    pub dyads: usize,
    pub boards: usize,
}

/// An event's file: ids are hex, but anything else is made file-safe.
pub(crate) fn event_file(id: &str) -> String {
    let stem: String =
        id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("event/{stem}.html")
}

/// An entity's file, from its stem: a slug, which may hold non-ASCII
/// letters (links percent-encode them; the file name keeps them).
pub(crate) fn entity_file(stem: &str) -> String {
    format!("entity/{stem}.html")
}

/// Page `page` of an entity's timeline: the first is [`entity_file`], the
/// others in a folder of its own, so no other entity's file can be one.
pub(crate) fn entity_page_file(stem: &str, page: usize) -> String {
    if page == 1 {
        return entity_file(stem);
    }
    format!("entity/{stem}/page-{page}.html")
}

pub(crate) fn dyad_file(a: &str, b: &str) -> String {
    format!("dyad/{a}/{b}.html")
}

/// Page `page` of a dyad's events: the first is [`dyad_file`].
pub(crate) fn dyad_page_file(a: &str, b: &str, page: usize) -> String {
    if page == 1 {
        return dyad_file(a, b);
    }
    format!("dyad/{a}/{b}/page-{page}.html")
}

/// Write the whole site under `out`; `country_of` names the countries of
/// the status boards, as for the portal.
pub fn export(snap: &Snapshot<'_>, out: &Path, country_of: CountryOf<'_>) -> Result<Written, ExportError> {
    let events = snap.all_events()?;
    let entities = Arc::new(EntityFiles::new(events.iter().flat_map(|e| &e.entities).map(|e| e.name.as_str())));
    let page = |path: &str| (path.to_string(), Links::files(path, entities.clone()));
    let mut done = Written::default();

    write(out, "style.css", html::STYLE)?;
    let (path, links) = page("index.html");
    write(out, &path, &front_page(snap, &links)?)?;
    done.days = write_days(snap, out, &events, &page)?;
    let boards = crate::boards::boards(snap, None, country_of)?;
    let (path, links) = page("status.html");
    write(out, &path, &status_page(&boards, &links))?;
    done.boards = boards.len();
    for (event, reports) in events.iter().zip(snap.count_reports_of(&events)?) {
        let (path, links) = page(&event_file(&event.id.0));
        write(out, &path, &event_page(event, reports, &links))?;
        done.events += 1;
    }
    for subject in subjects(&events) {
        // Every name of `subjects` comes from an event, so has a stem.
        let Some(a) = entities.stem(&subject.name) else { continue };
        for (other, _) in &subject.partners {
            let Some(b) = entities.stem(other) else { continue };
            let render = |shared: &Subject, links: &Links| dyad_page(shared, other, links);
            write_timeline_pages(out, subject.shared_with(other), |n| dyad_page_file(a, b, n), render, &page)?;
            done.dyads += 1;
        }
        write_timeline_pages(out, subject, |n| entity_page_file(a, n), entity_page, &page)?;
        done.entities += 1;
    }
    Ok(done)
}

/// Every page of a timeline (an entity's, or a dyad's), each linking to
/// the next earlier and later ones: page `n` is rendered by `render` into
/// `file_of(n)`. `subject` holds all the events (as
/// [`Subject::from_events`] and [`Subject::shared_with`] make it); a page
/// lists the latest [`TIMELINE_PAGE`] of those it is given, so each page
/// drops the events the one before it listed.
fn write_timeline_pages(
    out: &Path,
    mut subject: Subject,
    file_of: impl Fn(usize) -> String,
    render: impl Fn(&Subject, &Links) -> String,
    page: &impl Fn(&str) -> (String, Links),
) -> Result<(), ExportError> {
    for n in 1..=timeline_pages(subject.events.len()) {
        subject.page = n;
        let (path, links) = page(&file_of(n));
        write(out, &path, &render(&subject, &links))?;
        // Page 1 holds the latest events; the events run oldest first.
        subject.events.truncate(subject.events.len().saturating_sub(TIMELINE_PAGE));
    }
    Ok(())
}

/// Every date's page and the undated page; how many were written.
fn write_days(
    snap: &Snapshot<'_>,
    out: &Path,
    events: &[Event],
    page: &impl Fn(&str) -> (String, Links),
) -> Result<usize, ExportError> {
    let mut by_date: HashMap<Option<PartialDate>, Vec<Event>> = HashMap::new();
    for event in events {
        by_date.entry(event.date).or_default().push(event.clone());
    }
    // Newest first, in the store's own order of dates.
    let dates = snap.dates()?;
    let mut written = 0;
    for (i, date) in dates.iter().enumerate() {
        let day = Day {
            events: by_date.remove(&Some(*date)).unwrap_or_default(),
            older: dates.get(i + 1).copied(),
            newer: i.checked_sub(1).map(|j| dates[j]),
        };
        let (path, links) = page(&format!("{}/index.html", crate::paths::day_dir(Some(date))));
        write(out, &path, &day_page(date, &day, &links))?;
        written += 1;
    }
    if let Some(undated) = by_date.remove(&None) {
        let (path, links) = page(&format!("{}/index.html", crate::paths::day_dir(None)));
        write(out, &path, &undated_page(&undated, &links))?;
        written += 1;
    }
    Ok(written)
}

/// Every entity with its events, oldest first as its page shows them
/// (undated first, then by date, then in the order they were stored).
fn subjects(events: &[Event]) -> Vec<Subject> {
    let mut by_name: BTreeMap<String, (String, Vec<&Event>)> = BTreeMap::new();
    for event in events {
        let mut seen: Vec<String> = Vec::new();
        for entity in &event.entities {
            let key = entity.name.to_lowercase();
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            by_name.entry(key).or_insert_with(|| (entity.name.clone(), Vec::new())).1.push(event);
        }
    }
    by_name
        .into_values()
        .filter_map(|(name, mut list)| {
            // The store compares dates as text; so does the timeline.
            list.sort_by_cached_key(|e| e.date.map(|d| d.to_string()));
            Subject::from_events(&name, list.into_iter().cloned().collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chronicle_model::{EntityLabel, EntityRef, EventId};
    use chronicle_store::Store;
    use std::path::PathBuf;

    fn freedonia_event(i: usize) -> Event {
        Event {
            id: EventId(format!("{i:010x}")),
            date: Some(PartialDate::day(2030, 1 + (i / 28) as u32 % 12, 1 + (i % 28) as u32)),
            summary: format!("Freedonia event {i}."),
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: [Some("Freedonia"), (i < 150).then_some("Sylvania")]
                .into_iter()
                .flatten()
                .map(|name| EntityRef { name: name.into(), label: EntityLabel::Location })
                .collect(),
            score: 1.0,
            sources: vec![],
            evidence: vec![],
            contexts: vec![],
            related: vec![],
            category: None,
        }
    }

    /// The `rel=prev` link of a timeline page: its earlier events.
    fn earlier_page(html: &str) -> Option<&str> {
        let at = html.find("rel=\"prev\" href=\"")? + "rel=\"prev\" href=\"".len();
        Some(&html[at..at + html[at..].find('"')?])
    }

    /// The pages of a timeline from `first` on, following each page's
    /// link to its earlier events; the timeline part of each.
    fn walk_timeline(first: PathBuf) -> Vec<String> {
        let (mut file, mut pages) = (first, Vec::new());
        loop {
            let html = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let href = earlier_page(&html).map(str::to_string);
            // The chart names every event: keep the timeline's links only.
            pages.push(html[html.find("<h2>Timeline</h2>").unwrap()..].to_string());
            let Some(href) = href else { return pages };
            file = file.parent().unwrap().join(href);
        }
    }

    fn listed(pages: &[String]) -> usize {
        pages.iter().map(|p| p.matches("event/").count()).sum()
    }

    /// The export once wrote only the first page of a timeline, and its
    /// pager had nowhere to lead: the earlier events were out of reach.
    #[test]
    fn static_export_links_every_page_of_a_long_timeline() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("chronicle.db")).unwrap();
        store.write(|w| (0..250).try_for_each(|i| w.put_event(&freedonia_event(i)))).unwrap();
        let out = dir.path().join("site");
        export(&store.snapshot().unwrap(), &out, &|_| None).unwrap();

        let pages = walk_timeline(out.join("entity/freedonia.html"));
        assert_eq!(pages.len(), 3, "250 events make three pages of 100");
        assert_eq!(listed(&pages), 250, "every event is listed once");
        assert!(pages[2].contains("Freedonia event 0.") && pages[2].contains("200 later events"), "{}", pages[2]);
        assert!(out.join("entity/freedonia/page-3.html").is_file());
        // The 150 events Freedonia shares with Sylvania: two dyad pages.
        let shared = walk_timeline(out.join("dyad/freedonia/sylvania.html"));
        assert_eq!((shared.len(), listed(&shared)), (2, 150));
    }
}
