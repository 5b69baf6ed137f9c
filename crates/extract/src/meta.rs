//! Metadata of an HTML page: title, publication date, authors, site name,
//! canonical URL and language, from JSON-LD, `<meta>` tags, `<time>`
//! elements, bylines and the URL, most trustworthy source first.

use crate::date::parse_date;
use crate::text::{char_len, collapse_ws};
use chronicle_model::Article;
use chrono::NaiveDate;
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

static META: LazyLock<Selector> = LazyLock::new(|| sel("meta"));
static JSON_LD: LazyLock<Selector> = LazyLock::new(|| sel(r#"script[type="application/ld+json"]"#));
static TITLE: LazyLock<Selector> = LazyLock::new(|| sel("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| sel("h1"));
static HEADINGS: LazyLock<Selector> =
    LazyLock::new(|| sel("h1, h2, h3, .entry-title, .post-title, .headline, .article-title, [itemprop=headline]"));
static CANONICAL: LazyLock<Selector> = LazyLock::new(|| sel(r#"link[rel="canonical"]"#));
static HTML_EL: LazyLock<Selector> = LazyLock::new(|| sel("html"));
static BYLINE: LazyLock<Selector> = LazyLock::new(|| {
    sel(
        r#"[rel=author], [itemprop=author], .author, .byline, .author-name, .byline__name, .article-author, .post-author, .autor, .c-byline__author"#,
    )
});

/// All metadata of a parsed page (the text is left empty).
pub fn metadata(doc: &Html) -> Article {
    let metas = meta_map(doc);
    let ld = json_ld(doc);
    let get = |k: &str| metas.get(k).map(String::as_str).filter(|v| !v.trim().is_empty());
    let url = doc
        .select(&CANONICAL)
        .find_map(|e| e.attr("href"))
        .or_else(|| get("og:url"))
        .filter(|u| u.starts_with("http"))
        .map(|u| u.trim().to_string());
    let site = get("og:site_name").or(ld.site.as_deref()).or_else(|| get("application-name")).map(clean);
    let title = title(doc, &metas, &ld, site.as_deref());
    let sources = crate::pubdate::Sources {
        metas: &metas,
        ld_published: ld.published.as_deref(),
        ld_modified: ld.modified,
        url: url.as_deref(),
    };
    let published = crate::pubdate::published(doc, &sources);
    let language = doc
        .select(&HTML_EL)
        .find_map(|e| e.attr("lang").or(e.attr("xml:lang")))
        .or_else(|| get("content-language"))
        .or_else(|| get("og:locale"))
        .map(|l| l.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase())
        .filter(|l| (2..=3).contains(&l.len()));
    Article { url, title, published, authors: authors(doc, &metas, &ld), site, language, ..Article::default() }
}

/// Meta tags by lowercased name, property or itemprop (the first value wins).
fn meta_map(doc: &Html) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for e in doc.select(&META) {
        let Some(content) = e.attr("content").or(e.attr("datetime")) else {
            continue;
        };
        for key in [e.attr("property"), e.attr("name"), e.attr("itemprop"), e.attr("http-equiv")].into_iter().flatten()
        {
            map.entry(key.trim().to_ascii_lowercase()).or_insert_with(|| content.to_string());
        }
    }
    map
}

/// What JSON-LD says about the article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    /// As written: its time and offset matter (see [`crate::pubdate`]).
    published: Option<String>,
    modified: Option<NaiveDate>,
    authors: Vec<String>,
    site: Option<String>,
}

fn json_ld(doc: &Html) -> LinkedData {
    let mut ld = LinkedData::default();
    for script in doc.select(&JSON_LD) {
        let raw: String = script.text().collect();
        let raw = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw) else {
            continue;
        };
        // Iterate, never recurse: JSON-LD graphs can nest deeply.
        let mut stack = vec![&value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(obj) => {
                    let kind = obj.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    let is_article = ["Article", "Posting", "Report", "NewsArticle", "BlogPosting", "WebPage"]
                        .iter()
                        .any(|k| kind.contains(k));
                    if is_article || obj.contains_key("datePublished") {
                        if ld.published.is_none() {
                            ld.published = obj
                                .get("datePublished")
                                .and_then(Value::as_str)
                                .filter(|s| parse_date(s).is_some())
                                .map(str::to_string);
                        }
                        if ld.modified.is_none() {
                            ld.modified = obj.get("dateModified").and_then(Value::as_str).and_then(parse_date);
                        }
                        if ld.headline.is_none() && !kind.contains("WebPage") {
                            ld.headline = obj.get("headline").and_then(Value::as_str).map(clean);
                        }
                        if ld.authors.is_empty() && !kind.contains("WebPage") {
                            ld.authors = obj.get("author").map(person_names).unwrap_or_default();
                        }
                        if ld.site.is_none() {
                            ld.site =
                                obj.get("publisher").and_then(|p| p.get("name")).and_then(Value::as_str).map(clean);
                        }
                    }
                    stack.extend(obj.iter().filter(|(k, _)| *k == "@graph" || *k == "mainEntity").map(|(_, v)| v));
                }
                _ => {}
            }
        }
    }
    ld
}

fn person_names(v: &Value) -> Vec<String> {
    let one = |p: &Value| match p {
        Value::String(s) => Some(clean(s)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(clean),
        _ => None,
    };
    match v {
        Value::Array(items) => items.iter().filter_map(one).filter(|n| !n.is_empty()).collect(),
        v => one(v).filter(|n| !n.is_empty()).into_iter().collect(),
    }
}

fn clean(s: &str) -> String {
    collapse_ws(s)
}

/// The headline: og:title or JSON-LD, else the heading that the page's
/// `<title>` names (less its " | Site" part), else the lone `<h1>`, else
/// the first part of `<title>`.
fn title(doc: &Html, metas: &HashMap<String, String>, ld: &LinkedData, site: Option<&str>) -> Option<String> {
    let og = metas.get("og:title").or(metas.get("twitter:title")).map(|t| clean(t)).filter(|t| !t.is_empty());
    let page_title = doc.select(&TITLE).next().map(|e| clean(&e.text().collect::<String>())).filter(|t| !t.is_empty());
    // An h1 that the page's own titles contain is the headline.
    let first_h1 = doc.select(&H1).map(|e| clean(&e.text().collect::<String>())).find(|t| !t.is_empty());
    // Blog themes put the blog's name in the h1 and the post's title in
    // a lower heading: an h1 naming the site is no headline.
    let names_site = |h: &str| {
        site.is_some_and(|s| s.eq_ignore_ascii_case(h))
            || page_title.as_deref().is_some_and(|t| {
                let parts = title_parts(t);
                parts.len() > 1 && parts.last().is_some_and(|last| last.eq_ignore_ascii_case(h))
            })
    };
    if let Some(h1) = first_h1.filter(|h| char_len(h) < 300 && !names_site(h)) {
        if [&og, &ld.headline, &page_title].iter().any(|c| c.as_ref().is_some_and(|c| c.contains(h1.as_str()))) {
            return Some(h1);
        }
    }
    if let Some(t) = og.or_else(|| ld.headline.clone()) {
        return Some(strip_site_suffix(&t, site));
    }
    let headings: Vec<String> = doc
        .select(&HEADINGS)
        .take(30)
        .map(|e| clean(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty() && char_len(t) < 300)
        .collect();
    if let Some(page_title) = &page_title {
        let parts = title_parts(page_title);
        let wanted: Vec<String> = if parts.len() > 1 {
            vec![parts[0].to_lowercase(), parts[..parts.len() - 1].join(" - ").to_lowercase()]
        } else {
            vec![page_title.to_lowercase()]
        };
        if let Some(h) = headings.iter().find(|h| wanted.contains(&h.to_lowercase())) {
            return Some(h.clone());
        }
        if let Some(h) = headings.iter().find(|h| char_len(h) >= 15 && page_title.starts_with(h.as_str())) {
            return Some(h.clone());
        }
    }
    let h1s: Vec<&String> = doc
        .select(&H1)
        .take(3)
        .filter_map(|e| headings.iter().find(|h| **h == clean(&e.text().collect::<String>())))
        .collect();
    if h1s.len() == 1 {
        return Some(h1s[0].clone());
    }
    page_title.map(|t| strip_site_suffix(&t, site))
}

const TITLE_SEPARATORS: [&str; 8] = [" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " / "];

fn title_parts(title: &str) -> Vec<String> {
    let Some(sep) = TITLE_SEPARATORS.iter().find(|s| title.contains(*s)) else {
        return vec![title.to_string()];
    };
    title.split(sep).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// "Talks resume | Daily News" → "Talks resume".
pub fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let (head_len, tail_len) = (char_len(head), char_len(tail));
            let tail_is_site = site
                .is_some_and(|s| tail.eq_ignore_ascii_case(s) || tail.contains(s) || s.contains(tail))
                || (tail.contains('.') && !tail.contains(' '))
                || (site.is_none() && tail_len <= 25 && head_len >= 2 * tail_len);
            if tail_is_site && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

fn authors(doc: &Html, metas: &HashMap<String, String>, ld: &LinkedData) -> Vec<String> {
    let from_meta = [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
        "citation_author",
        "byl",
        "twitter:creator",
    ]
    .iter()
    .filter_map(|k| metas.get(*k))
    .map(|v| without_byline_label(&clean(v)))
    .find(|v| !v.is_empty() && !v.starts_with("http") && !v.starts_with('@') && char_len(v) < 100);
    if !ld.authors.is_empty() {
        return dedup(ld.authors.clone());
    }
    if let Some(a) = from_meta {
        return split_names(&a);
    }
    for e in doc.select(&BYLINE).take(10) {
        let text = byline_text(e);
        if !text.is_empty() && char_len(&text) < 80 {
            return split_names(&text);
        }
    }
    Vec::new()
}

fn byline_text(e: ElementRef) -> String {
    without_byline_label(&clean(&e.text().collect::<String>()))
}

/// "Posted by", "Eingestellt von", "Publié par", "~": the label a byline
/// puts before the name; " am 26/10/13", " on 4 May": the date after it.
static BYLINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^(?:(?:posted|written|published|eingestellt|veröffentlicht|geschrieben|verfasst|publié|publicado|escrito|pubblicato)\s+",
        r"(?:by|von|par|por|da)\b|by\b|von\b|vom\b|par\b|por\b|di\b|door\b|autor(?:in)?\b|authors?|text\b|~)\s*:?\s*"
    ))
    .unwrap()
});
static BYLINE_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\s+(?:am|on|at|le|el|il)\s+\d.*$").unwrap());

fn without_byline_label(t: &str) -> String {
    let t = BYLINE_LABEL.replace(t.trim(), "");
    BYLINE_DATE.replace(&t, "").trim().to_string()
}

/// A date or time beside the name ("2022", "07 Dezember", "13:36 Uhr");
/// a user name may carry digits ("delta201"), but not with spaces or
/// separators around them.
fn is_date_part(p: &str) -> bool {
    p.chars().any(|c| c.is_ascii_digit()) && (p.chars().all(|c| c.is_ascii_digit()) || p.contains([' ', ':', '.', '/']))
}

fn split_names(s: &str) -> Vec<String> {
    let parts: Vec<String> = s
        .split([',', ';', '|'])
        .flat_map(|p| p.split(" and ").flat_map(|q| q.split(" und ")).flat_map(|q| q.split(" & ")))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty() && !is_date_part(p))
        .collect();
    dedup(parts)
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}
