//! Chronicle event pages: the Markdown layout Chronicle itself exports (and
//! that news chronicles publish): a date heading linked to its day page, the
//! summary as the title, `### Source:` and `### Related:` lists.
//!
//! ```text
//! ### [2007-04-25](/news/2007/04/25/index.md)
//! #  The summary.
//! ### Source:
//! 1. [Outlet](https://example.org/story)
//! ### Related:
//! 1. [Other summary](/news/2017/09/14/slug.md) _Context: Belarus_
//! ```

use chronicle_model::PartialDate;

/// An event page, read.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPage {
    pub date: PartialDate,
    pub summary: String,
    pub sources: Vec<PageSource>,
    pub related: Vec<PageRelated>,
}

/// A `### Source:` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSource {
    pub site: String,
    pub url: String,
}

/// A `### Related:` entry: the other event, dated by its link path.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRelated {
    pub summary: String,
    pub path: String,
    pub date: Option<PartialDate>,
    pub context: Option<String>,
}

#[derive(PartialEq)]
enum Section {
    Head,
    Sources,
    Related,
    Other,
}

/// Read a page in the event-page layout; `None` when the text is not one
/// (no date heading, or no summary title).
pub fn parse(text: &str) -> Option<EventPage> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let date = date_heading(lines.next()?)?;
    let summary = lines.next()?.strip_prefix("# ")?.trim().to_string();
    if summary.is_empty() {
        return None;
    }
    let mut page = EventPage { date, summary, sources: Vec::new(), related: Vec::new() };
    let mut section = Section::Head;
    for line in lines {
        if let Some(heading) = line.strip_prefix("###") {
            section = match heading.trim().trim_end_matches(':').to_ascii_lowercase().as_str() {
                "source" | "sources" => Section::Sources,
                "related" => Section::Related,
                _ => Section::Other,
            };
            continue;
        }
        let Some((label, target, rest)) = list_link(line) else { continue };
        match section {
            Section::Sources => page.sources.push(PageSource { site: label, url: target }),
            Section::Related => page.related.push(PageRelated {
                date: date_from_path(&target),
                context: context_label(rest),
                summary: label,
                path: target,
            }),
            Section::Head | Section::Other => {}
        }
    }
    Some(page)
}

/// `### [2007-04-25](/news/2007/04/25/index.md)` → 2007-04-25.
fn date_heading(line: &str) -> Option<PartialDate> {
    let (label, _, _) = link(line.strip_prefix("###")?.trim())?;
    label.parse().ok()
}

/// `1. [label](target) rest` → (label, target, rest).
fn list_link(line: &str) -> Option<(String, String, &str)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let item = line.get(digits..)?.strip_prefix('.')?.trim_start();
    if digits == 0 {
        return None;
    }
    link(item)
}

/// `[label](target) rest`, where the label may itself hold brackets.
fn link(text: &str) -> Option<(String, String, &str)> {
    let text = text.strip_prefix('[')?;
    let close = text.rfind("](")?;
    let label = text[..close].trim().to_string();
    let after = &text[close + 2..];
    let end = after.find(')')?;
    Some((label, after[..end].trim().to_string(), &after[end + 1..]))
}

/// `_Context: Belarus_` → Belarus.
fn context_label(rest: &str) -> Option<String> {
    let rest = rest.trim().trim_matches('_').trim();
    let label = rest.strip_prefix("Context:")?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// `/news/2017/08/3/slug.md` → 2017-08-03 (days and months may lack their
/// leading zero).
fn date_from_path(path: &str) -> Option<PartialDate> {
    let mut parts = path.split('/').skip_while(|p| *p != "news").skip(1);
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    format!("{year:04}-{month:02}-{day:02}").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "### [2031-05-02](/news/2031/05/02/index.md)\n\n\
        #  Freedonia and Sylvania agree to reopen their embassies. \n\n\n\
        ### Source:\n\n1. [Harbour Gazette](https://gazette.example/embassies)\n\n\
        ### Related:\n\n\
        1. [Sylvania recalls its envoy [update]. ](/news/2030/11/7/sylvania-recalls.md) _Context: Sylvania_\n\
        2. [Talks stall. ](/news/2030/01/15/talks-stall.md)\n";

    #[test]
    fn reads_date_summary_sources_and_related() {
        let page = parse(PAGE).unwrap();
        assert_eq!(page.date.to_string(), "2031-05-02");
        assert_eq!(page.summary, "Freedonia and Sylvania agree to reopen their embassies.");
        assert_eq!(page.sources[0].site, "Harbour Gazette");
        assert_eq!(page.related.len(), 2);
        assert_eq!(page.related[0].summary, "Sylvania recalls its envoy [update].");
        assert_eq!(page.related[0].date.unwrap().to_string(), "2030-11-07");
        assert_eq!(page.related[0].context.as_deref(), Some("Sylvania"));
        assert_eq!(page.related[1].context, None);
    }

    #[test]
    fn an_ordinary_article_is_not_an_event_page() {
        assert!(parse("Freedonia reopens its embassy\n\nThe ministry said on Monday ...").is_none());
        assert!(parse("### [not a date](/x)\n# Title").is_none());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC*") {
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_near_pages(tail in "[\\[\\]()#_:0-9./a-z \n]{0,200}") {
            let _ = parse(&format!("### [2031-05-02](/news/2031/05/02/index.md)\n# T\n{tail}"));
        }
    }
}
