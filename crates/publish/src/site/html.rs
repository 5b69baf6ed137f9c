//! HTML building blocks: escaping, the page frame, links and the pieces
//! several pages share. Everything interpolated into markup goes through
//! [`esc`] (text and attribute values) or [`seg`]/[`qs`] (URLs); every
//! href comes from [`Links`].

use super::Links;
use chronicle_model::{Event, PartialDate};
use std::collections::HashSet;
use std::fmt::Write as _;

/// The portal's whole stylesheet: small enough to inline in every page
/// the server sends.
pub const STYLE: &str = include_str!("style.css");

/// Escape text for HTML content and double- or single-quoted attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encode one URL path segment (an entity name may hold `/` or `?`).
pub fn seg(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A query string from pairs, form-encoded; empty values are left out.
pub fn qs(pairs: &[(&str, &str)]) -> String {
    let mut ser = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        ser.append_pair(k, v);
    }
    ser.finish()
}

/// A whole page: the frame around `body`. A static site has no search
/// box and no API to point to.
pub fn page(title: &str, body: &str, links: &Links) -> String {
    let style = match links.stylesheet() {
        Some(href) => format!("<link rel=\"stylesheet\" href=\"{}\">", esc(&href)),
        None => format!("<style>{STYLE}</style>"),
    };
    let front = esc(&links.front());
    let quick = links.search(&[]).map_or_else(String::new, |action| {
        format!(
            "\n<form class=\"quick\" action=\"{}\" method=\"get\" role=\"search\">\
<label for=\"quick-q\" class=\"sr\">Search events</label>\
<input id=\"quick-q\" name=\"q\" type=\"search\" placeholder=\"Search events\">\
<button>Search</button></form>",
            esc(&action)
        )
    });
    let mut footer = format!("<a href=\"{front}\">Latest</a>");
    if let Some(search) = links.search(&[]) {
        let _ = write!(footer, " · <a href=\"{}\">Search</a>", esc(&search));
    }
    if let Some(status) = links.status() {
        let _ = write!(footer, " · <a href=\"{}\">Status</a>", esc(&status));
    }
    if let Some(api) = links.api() {
        let _ = write!(footer, " · <a href=\"{}\">API</a>", esc(&api));
    }
    if links.search(&[]).is_none() {
        footer += " · <span class=\"muted\">Search and the JSON API need the live portal (<code>chronicle serve</code>).</span>";
    }
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title} · Chronicle</title>\n{style}\n</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">Skip to content</a>\n\
<header><a class=\"brand\" href=\"{front}\">Chronicle</a>{quick}</header>\n\
<main id=\"main\">\n{body}\n</main>\n\
<footer>{footer}</footer>\n</body>\n</html>\n",
        title = esc(title)
    )
}

/// A date linked to its page (`None`: the undated events).
pub fn date_link(date: Option<&PartialDate>, links: &Links) -> String {
    let href = esc(&links.day(date));
    match date {
        Some(d) => format!("<a href=\"{href}\"><time datetime=\"{d}\">{d}</time></a>"),
        None => format!("<a href=\"{href}\">Undated</a>"),
    }
}

/// An entity's name linked to its page, or plain where it has none.
pub fn entity_link(name: &str, links: &Links) -> String {
    match links.entity(name) {
        Some(href) => format!("<a href=\"{}\">{}</a>", esc(&href), esc(name)),
        None => esc(name),
    }
}

/// A small label naming an event's type, if it has one.
pub fn type_badge(event: &Event) -> String {
    event.event_type.map_or_else(String::new, |t| format!("<span class=\"badge\">{}</span> ", t.as_str()))
}

/// A cooperation–conflict score with its sign and a class for its colour.
pub fn score_badge(score: f32) -> String {
    let class = if score > 0.0 {
        "coop"
    } else if score < 0.0 {
        "conf"
    } else {
        "neutral"
    };
    format!("<span class=\"score {class}\" title=\"cooperation (+10) to conflict (-10)\">{score:+.1}</span>")
}

/// One event as a list item: date, type, summary linked to its page.
pub fn event_item(event: &Event, terms: &HashSet<String>, links: &Links) -> String {
    let mut item = format!(
        "<li>{} {}<a href=\"{}\">{}</a> {}",
        date_link(event.date.as_ref(), links),
        type_badge(event),
        esc(&links.event(&event.id.0)),
        highlight(&event.summary, terms),
        score_badge(event.score)
    );
    if !terms.is_empty() {
        let hit = event.evidence.iter().find(|e| contains_term(&e.sentence, terms));
        if let Some(evidence) = hit.filter(|e| e.sentence != event.summary) {
            let _ = write!(item, "<blockquote>{}</blockquote>", highlight(&evidence.sentence, terms));
        }
    }
    item.push_str("</li>");
    item
}

/// The lower-cased words of a search query, as the store matches them.
pub fn terms(query: &str) -> HashSet<String> {
    words(query).filter(|(_, is_word)| *is_word).map(|(w, _)| w.to_lowercase()).collect()
}

/// Split text into runs of word characters and runs of the rest.
fn words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let is_word = first.is_alphanumeric();
        let end = rest.find(|c: char| c.is_alphanumeric() != is_word).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((run, is_word))
    })
}

fn contains_term(text: &str, terms: &HashSet<String>) -> bool {
    words(text).any(|(w, is_word)| is_word && terms.contains(&w.to_lowercase()))
}

/// Escape `text`, wrapping each whole word that is a search term in `<mark>`.
pub fn highlight(text: &str, terms: &HashSet<String>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (run, is_word) in words(text) {
        if is_word && terms.contains(&run.to_lowercase()) {
            let _ = write!(out, "<mark>{}</mark>", esc(run));
        } else {
            out.push_str(&esc(run));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<a href='x'>&\"</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }

    #[test]
    fn segments_encode_slashes_and_unicode() {
        assert_eq!(seg("U.S./NATO é"), "U.S.%2FNATO%20%C3%A9");
    }

    #[test]
    fn highlight_marks_whole_words_case_insensitively_and_escapes() {
        let t = terms("talks");
        assert_eq!(highlight("Talks <resume>; stalks", &t), "<mark>Talks</mark> &lt;resume&gt;; stalks");
    }
}
