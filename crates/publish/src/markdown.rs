//! The static Markdown export: a day page a date and a page an event, in
//! the layout of a news chronicle's event pages.

use crate::paths;
use chronicle_model::{Event, PartialDate};
use chronicle_store::Snapshot;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {path}: {reason}")]
    Write { path: String, reason: String },
    #[error(transparent)]
    Store(#[from] chronicle_store::StoreError),
}

/// What an export wrote.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Exported {
    pub days: usize,
    pub events: usize,
}

/// Write every stored event's page and every day page under `out`.
pub fn export(snapshot: &Snapshot<'_>, out: &Path) -> Result<Exported, ExportError> {
    let mut by_day: BTreeMap<Option<PartialDate>, Vec<Event>> = BTreeMap::new();
    for event in snapshot.all_events()? {
        by_day.entry(event.date).or_default().push(event);
    }
    let mut done = Exported::default();
    for (date, events) in &by_day {
        write(out, &paths::day_page(date.as_ref()), &day_page(date.as_ref(), events))?;
        for event in events {
            write(out, &paths::event_page(event), &event_page(event))?;
        }
        done.days += 1;
        done.events += events.len();
    }
    Ok(done)
}

/// Write `content` at `page` (relative to `out`), making its folders.
pub(crate) fn write(out: &Path, page: &str, content: &str) -> Result<(), ExportError> {
    let path = out.join(page.trim_start_matches('/'));
    let err = |e: std::io::Error| ExportError::Write { path: path.display().to_string(), reason: e.to_string() };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    std::fs::write(&path, content).map_err(err)
}

fn date_label(date: Option<&PartialDate>) -> String {
    date.map_or_else(|| "Undated".to_string(), |d| d.to_string())
}

/// A day page: the date, then each event's summary linked to its page.
pub fn day_page(date: Option<&PartialDate>, events: &[Event]) -> String {
    let mut page = format!("## {}\n\n", date_label(date));
    for event in events {
        let _ = writeln!(page, "- [{}]({})", one_line(&event.summary), paths::event_page(event));
    }
    page
}

/// An event page: the date linked to its day, the summary as the title,
/// then `### Source:` and `### Related:` lists.
pub fn event_page(event: &Event) -> String {
    let date = event.date.as_ref();
    let mut page = format!(
        "### [{}]({})\n\n#  {} \n\n\n\n\n### Source:\n\n",
        date_label(date),
        paths::day_page(date),
        one_line(&event.summary)
    );
    for (i, source) in event.sources.iter().enumerate() {
        let label = source.site.as_deref().or(source.title.as_deref()).or(source.input.as_deref()).unwrap_or("source");
        let target = source.url.as_deref().or(source.input.as_deref()).unwrap_or("");
        let _ = writeln!(page, "{}. [{}]({})", i + 1, one_line(label), target);
    }
    if !event.related.is_empty() {
        page += "\n### Related:\n\n";
        for (i, r) in event.related.iter().enumerate() {
            let path = paths::event_page_of(r.date.as_ref(), &r.summary, &r.id.0);
            let _ =
                writeln!(page, "{}. [{} ]({}) _Context: {}_", i + 1, one_line(&r.summary), path, one_line(&r.context));
        }
    }
    page
}

/// Markdown list items and links break on newlines and unbalanced
/// brackets; keep the text on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chronicle_model::{EventId, Related, SourceRef};

    fn event() -> Event {
        Event {
            id: EventId("abc123def".into()),
            date: Some(PartialDate::day(2031, 5, 2)),
            summary: "Freedonia and Sylvania agree to reopen their embassies.".into(),
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: vec![],
            score: 0.0,
            sources: vec![SourceRef {
                document: None,
                input: None,
                url: Some("https://gazette.example/embassies".into()),
                title: None,
                site: Some("Harbour Gazette".into()),
                published: None,
            }],
            evidence: vec![],
            contexts: vec![],
            related: vec![Related {
                id: EventId("ffee00".into()),
                date: Some(PartialDate::day(2030, 11, 7)),
                summary: "Sylvania recalls its envoy.".into(),
                context: "Sylvania".into(),
                score: 1.0,
            }],
            category: None,
        }
    }

    #[test]
    fn event_page_has_the_chronicle_layout_and_reads_back() {
        let page = event_page(&event());
        assert!(page.starts_with("### [2031-05-02](/news/2031/05/02/index.md)"));
        assert!(page.contains("### Source:\n\n1. [Harbour Gazette](https://gazette.example/embassies)"));
        assert!(page.contains("_Context: Sylvania_"));
        assert!(page.contains("(/news/2030/11/07/sylvania-recalls-its-envoy-ffee00.md)"));
    }
}
