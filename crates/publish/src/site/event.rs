//! The event page, in the chronicle's layout: the date linked to its day,
//! the summary as the title, `Source:` with each source's evidence
//! sentence, and `Related:` with the context that links each event.

use super::html::{self, esc};
use super::Links;
use chronicle_model::{Actor, Event, SourceRef};
use std::fmt::Write as _;

/// An event's whole page; `reports` is how many documents tell of it (the
/// record lists the first of them as its sources).
pub fn event_page(event: &Event, reports: usize, links: &Links) -> String {
    html::page(&event.summary, &event_body(event, reports, links), links)
}

fn event_body(event: &Event, reports: usize, links: &Links) -> String {
    let mut body = format!(
        "<article>\n<h3>{}</h3>\n<h1>{}</h1>\n{}",
        html::date_link(event.date.as_ref(), links),
        esc(&event.summary),
        facts(event, links)
    );
    body += "<h3>Source:</h3>\n<ol class=\"sources\">";
    for source in &event.sources {
        body += &source_item(event, source);
    }
    body += "</ol>\n";
    if let Some(more) = reports.checked_sub(event.sources.len()).filter(|&n| n > 0) {
        let _ =
            writeln!(body, "<p class=\"muted\">and {more} more report{} of it</p>", if more == 1 { "" } else { "s" });
    }
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
                esc(&links.event(&r.id.0)),
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
fn facts(event: &Event, links: &Links) -> String {
    let mut dl = String::from("<dl class=\"facts\">");
    if let Some(t) = event.event_type {
        let kind = match links.search(&[("type", t.as_str())]) {
            Some(href) => format!("<a href=\"{}\">{t}</a>", esc(&href)),
            None => t.to_string(),
        };
        let _ = write!(dl, "<dt>Type</dt><dd>{kind}</dd>");
    }
    let _ = write!(dl, "<dt>Score</dt><dd>{}</dd>", html::score_badge(event.score));
    for (name, actors) in [("Source actors", &event.source_actors), ("Target actors", &event.target_actors)] {
        if !actors.is_empty() {
            let list: Vec<String> = actors.iter().map(|a| actor(a, links)).collect();
            let _ = write!(dl, "<dt>{name}</dt><dd>{}</dd>", list.join(", "));
        }
    }
    if !event.entities.is_empty() {
        let list: Vec<String> = event
            .entities
            .iter()
            .map(|e| format!("{} <span class=\"badge\">{}</span>", html::entity_link(&e.name, links), e.label.as_str()))
            .collect();
        let _ = write!(dl, "<dt>Entities</dt><dd>{}</dd>", list.join(", "));
    }
    if !event.contexts.is_empty() {
        let list: Vec<String> = event.contexts.iter().map(|c| esc(c)).collect();
        let _ = write!(dl, "<dt>Contexts</dt><dd>{}</dd>", list.join(", "));
    }
    dl + "</dl>\n"
}

fn actor(actor: &Actor, links: &Links) -> String {
    let name = match &actor.entity {
        Some(entity) => html::entity_link(entity, links),
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

#[cfg(test)]
mod tests {
    use super::*;
    use chronicle_model::EventId;

    fn reported_by(sites: &[&str]) -> Event {
        let source = |site: &&str| SourceRef {
            document: Some(format!("doc-{site}")),
            input: None,
            url: None,
            title: None,
            site: Some(site.to_string()),
            published: None,
        };
        Event {
            id: EventId("a1".into()),
            date: "2031-05-02".parse().ok(),
            summary: "Freedonia opens the Harbour Bridge.".into(),
            event_type: None,
            source_actors: vec![],
            target_actors: vec![],
            entities: vec![],
            score: 0.0,
            sources: sites.iter().map(source).collect(),
            evidence: vec![],
            contexts: vec![],
            related: vec![],
            category: None,
        }
    }

    /// An event lists its first reports as sources; the page says how many
    /// more there are, and says nothing when it lists them all.
    #[test]
    fn the_page_counts_the_reports_beyond_the_listed_sources() {
        let event = reported_by(&["Harbour Gazette", "Sylvan Times"]);
        let page = event_page(&event, 7, &Links::server());
        assert!(page.contains("and 5 more reports of it"), "{page}");
        assert!(page.contains("Sylvan Times"));
        let page = event_page(&event, 3, &Links::server());
        assert!(page.contains("and 1 more report of it"), "{page}");
        for reports in [0, 2] {
            assert!(!event_page(&event, reports, &Links::server()).contains("more report"));
        }
    }
}
