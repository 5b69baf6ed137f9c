//! The publication date of an HTML page, chosen among the dates it
//! carries: the Open Graph `article:published_time`, then JSON-LD
//! `datePublished`, then other meta tags made for it, then a `<time>` (or
//! microdata, RDFa, hAtom element, or a short date line whose class says
//! `published`) marked as the publication, then any `<time>`, then generic
//! `date` meta tags, then the URL; modification dates only as a last
//! resort. (When none is found, the caller looks at the app state, the
//! text and date-named elements.)
//!
//! A timestamp written in UTC may fall on another day than the one the
//! page shows its readers (an evening article in the Americas is dated the
//! next morning in UTC): when the page also writes the same moment in
//! local time, or its URL carries the neighbouring day, that day wins; and
//! a stamp at a whole hour late in the UTC day is a local midnight.

use crate::date::{date_in_url, parse_date, parse_stamp, same_moment_local, short_year_date, Stamp};
use chrono::{NaiveDate, Timelike};
use scraper::{Html, Selector};
use std::collections::HashMap;
use std::sync::LazyLock;

/// The Open Graph publication time: what the page tells the sites that
/// share it, and (when it differs from JSON-LD by days) the date of the
/// version the reader sees, republished or not. Asked before JSON-LD.
const OPEN_GRAPH_KEYS: &[&str] = &["article:published_time", "og:article:published_time"];

/// Other meta tags made to carry the publication date, most specific
/// first (after the Open Graph ones, asked before JSON-LD).
const PUBLISHED_KEYS: &[&str] = &[
    "datepublished",
    "article.published",
    "published_time",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "citation_publication_date",
    "og:published_time",
    "article:published",
    "article_date_original",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "release_date",
];

/// Meta tags that may hold any date of the page (often the last edit):
/// weaker than a `<time>` the page marks as its publication.
const GENERIC_KEYS: &[&str] = &[
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_date",
    "date",
    "date.available",
    "created",
];

/// Meta tags that carry a modification date: a last resort.
const MODIFIED_KEYS: &[&str] = &["og:updated_time", "article:modified_time", "datemodified", "last-modified"];

/// `<time>`, microdata and RDFa dates (`property="schema:dateCreated"`),
/// and hAtom's `published` elements, which carry the stamp in their `title`
/// (matched by the class test below, which takes any `published` class).
/// Also the short elements whose class says "published" and whose text
/// is a date line (`<span class="field-published-at">le 07 Mai 2020</span>`):
/// a publication marked up without `<time>`.
static TIME: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse(
        "time, [itemprop=datePublished], [itemprop=dateCreated], [property$=datePublished], \
         [property$=dateCreated], [class*=published]",
    )
    .expect("static selector")
});

/// Elements whose class speaks of a date, wherever they sit (a figure's
/// caption holds the date line of some pages).
static DATE_CLASS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse(r#"[class*="date"], [class*="datum"]"#).expect("static selector"));

/// A `<time>` (or `itemprop` date) of the page and what its names say.
struct TimeElement {
    stamp: Stamp,
    published: bool,
    modified: bool,
}

/// What JSON-LD and the meta tags said, as the page wrote it.
pub(crate) struct Sources<'a> {
    pub metas: &'a HashMap<String, String>,
    pub ld_published: Option<&'a str>,
    pub ld_modified: Option<NaiveDate>,
    pub url: Option<&'a str>,
}

/// The publication date by the order in the module docs.
pub(crate) fn published(doc: &Html, src: &Sources) -> Option<NaiveDate> {
    let get = |k: &&str| src.metas.get(*k).map(String::as_str).filter(|v| !v.trim().is_empty());
    let times = time_elements(doc);
    let chosen = OPEN_GRAPH_KEYS
        .iter()
        .find_map(|k| get(k).and_then(parse_stamp))
        .or_else(|| src.ld_published.and_then(parse_stamp))
        .or_else(|| PUBLISHED_KEYS.iter().find_map(|k| get(k).and_then(parse_stamp)))
        .or_else(|| times.iter().find(|t| t.published).map(|t| t.stamp))
        .or_else(|| times.iter().find(|t| !t.modified).map(|t| t.stamp))
        .or_else(|| GENERIC_KEYS.iter().find_map(|k| get(k).and_then(parse_stamp)));
    let url_date = src.url.and_then(date_in_url);
    if let Some(stamp) = chosen {
        let others: Vec<Stamp> = OPEN_GRAPH_KEYS
            .iter()
            .chain(PUBLISHED_KEYS)
            .chain(GENERIC_KEYS)
            .filter_map(|k| get(k).and_then(parse_stamp))
            // The same moment counts whatever the element's label says.
            .chain(times.iter().map(|t| t.stamp))
            .collect();
        return Some(local_date(&stamp, &others, url_date));
    }
    url_date.or(src.ld_modified).or_else(|| MODIFIED_KEYS.iter().find_map(|k| get(k).and_then(parse_date)))
}

/// The first short element named for dates whose text is a date: the
/// visible date line, for pages that mark it up no other way.
pub(crate) fn date_element_date(doc: &Html) -> Option<NaiveDate> {
    doc.select(&DATE_CLASS).take(50).find_map(|e| {
        let text: String = e.text().collect();
        (text.len() < 80).then(|| parse_date(&text).or_else(|| short_year_date(&text))).flatten()
    })
}

/// The day a UTC stamp shows the page's readers: that of the same moment
/// written in local time, or the URL's day when it lies on the side the
/// hour points to (early in the UTC day: the local day before).
fn local_date(stamp: &Stamp, others: &[Stamp], url_date: Option<NaiveDate>) -> NaiveDate {
    if !stamp.is_utc() {
        return stamp.date;
    }
    if let Some(d) = others.iter().find_map(|o| same_moment_local(stamp, o)) {
        return d;
    }
    if let Some(d) = local_midnight(stamp) {
        return d;
    }
    let hour = stamp.time.map_or(12, |t| t.hour());
    match url_date.map(|u| (u, (u - stamp.date).num_days())) {
        Some((u, -1)) if hour < 12 => u,
        Some((u, 1)) if hour >= 12 => u,
        _ => stamp.date,
    }
}

/// A date without a time, stored as midnight in a zone east of UTC and
/// written out in UTC, reads as 22:00 or 23:00 of the day before: a stamp
/// on such a whole hour means the next day.
fn local_midnight(stamp: &Stamp) -> Option<NaiveDate> {
    let t = stamp.time?;
    let whole_hour = t.minute() == 0 && t.second() == 0 && t.nanosecond() == 0;
    (whole_hour && (20..=23).contains(&t.hour())).then(|| stamp.date.succ_opt()).flatten()
}

fn time_elements(doc: &Html) -> Vec<TimeElement> {
    let mut out = Vec::new();
    for e in doc.select(&TIME).take(50) {
        let value = e
            .attr("datetime")
            .or(e.attr("content"))
            .or(e.attr("title"))
            .map(str::to_string)
            .unwrap_or_else(|| e.text().collect());
        // A long element named `…published…` is a whole block (a comment
        // styled `comment-published`), not a date line.
        let by_class_only = e.value().name() != "time" && e.attr("itemprop").is_none() && e.attr("property").is_none();
        if by_class_only && value.len() >= 80 {
            continue;
        }
        let Some(stamp) = parse_stamp(&value) else {
            continue;
        };
        let names = format!(
            "{} {} {} {}",
            e.attr("class").unwrap_or(""),
            e.attr("itemprop").unwrap_or(""),
            e.attr("property").unwrap_or(""),
            e.attr("pubdate").map_or("", |_| "pubdate")
        )
        .to_ascii_lowercase();
        let published = ["publish", "pubdate", "created"].iter().any(|k| names.contains(k));
        let modified = names.contains("modif") || names.contains("update");
        out.push(TimeElement { stamp, published: published && !modified, modified });
    }
    out
}
