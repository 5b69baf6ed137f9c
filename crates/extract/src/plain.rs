//! Plain text that still carries its page: a copy of a web page as text,
//! with the site's header lines, menus, skip links, share and newsletter
//! lines, footers and a trailing list of unrelated headlines. Each rule
//! drops whole lines; what is left is the article, one paragraph a line.
//! The title and date are read off the top when they are visible.

use crate::date::text_date;
use crate::text::{char_len, collapse_ws, join_paragraphs};
use chronicle_model::Article;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

static SKIP_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^(?:\d+\.\s*)?skip to\b").unwrap());
pub(crate) static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sign up|subscribe|newsletter|share this|share on|follow us|receive it directly|get our .{0,30}(?:email|newsletter)|download (?:our|the) app)\b").unwrap()
});
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:privacy (?:notice|policy)|copyright|©|\(c\) \d{4}|all rights reserved|^published by\b|terms of (?:use|service)|cookie (?:policy|settings)|external links to other internet sites)").unwrap()
});
static ASIDE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:read more|read also|see also|related|more on this|also read|watch|listen|image|photo|picture|video|source|credit)\s*:").unwrap()
});
static BACK_TO_TOP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:back to top|top of page|nach oben|zurück nach oben)\W*$").unwrap());
static AUTHOR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:post(?:ed)? by|written by|by|author|von)\s*:?\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})$",
    )
    .unwrap()
});

/// Words that make up site menus.
const MENU_WORDS: &[&str] = &[
    "home",
    "news",
    "about",
    "contact",
    "issues",
    "press",
    "travel",
    "business",
    "countries",
    "youth",
    "education",
    "careers",
    "video",
    "videos",
    "search",
    "login",
    "subscribe",
    "sports",
    "sport",
    "world",
    "politics",
    "opinion",
    "culture",
    "lifestyle",
    "entertainment",
    "tech",
    "technology",
    "science",
    "health",
    "media",
    "events",
    "blog",
    "more",
    "menu",
    "help",
    "faq",
    "services",
    "shop",
    "jobs",
    "weather",
    "economy",
    "markets",
    "live",
    "photos",
    "podcasts",
    "newsletters",
    "archive",
    "topics",
    "regions",
    "español",
    "deutsch",
    "français",
];

/// Extract an article from text that may still carry its page furniture.
pub fn extract_plain(source: &str) -> Article {
    let lines: Vec<String> = source.lines().map(|l| collapse_ws(l.trim_start_matches('\u{feff}'))).collect();
    let mut keep = furniture_free(&lines);
    drop_trailing_headlines(&lines, &mut keep);
    let mut article = Article::default();
    read_header(&lines, &mut keep, &mut article);
    article.text = paragraphs(source, &lines, &keep);
    article
}

/// Which lines survive the line rules.
fn furniture_free(lines: &[String]) -> Vec<bool> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter().filter(|l| !l.is_empty() && char_len(l) < 100) {
        *counts.entry(l.as_str()).or_default() += 1;
    }
    let repeated: Vec<&str> = counts.iter().filter(|(_, &n)| n >= 3).map(|(l, _)| *l).collect();
    let last_content = lines.len();
    let mut keep: Vec<bool> = lines.iter().map(|l| !l.is_empty()).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let short = char_len(line) < 120;
        let drop = repeated
            .iter()
            .any(|r| line == r || short && char_len(r) >= 8 && (line.ends_with(r) || line.starts_with(r)))
            || SKIP_LINK.is_match(line)
            || is_menu(line)
            || (char_len(line) < 250 && NEWSLETTER.is_match(line))
            || (char_len(line) < 400 && FOOTER.is_match(line))
            || line.matches(" | ").count() >= 2
            || ASIDE_LINE.is_match(line);
        if drop {
            keep[i] = false;
        }
        // An image caption: the short line right before "Image: …".
        if ASIDE_LINE.is_match(line) && i > 0 && line.to_lowercase().starts_with(['i', 'p']) {
            if let Some(prev) = (0..i).rev().find(|&j| !lines[j].is_empty()) {
                if char_len(&lines[prev]) < 120 && !ends_sentence(&lines[prev]) {
                    keep[prev] = false;
                }
            }
        }
        // "Back to top" in the last third: the rest is the page footer.
        if BACK_TO_TOP.is_match(line) {
            keep[i] = false;
            if i * 3 >= last_content * 2 {
                keep[i..].iter_mut().for_each(|k| *k = false);
                break;
            }
        }
    }
    keep
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?', ':', '"', '”', '»', ')', ';', '…'])
}

/// A site menu: several capitalised menu words and no sentence.
fn is_menu(line: &str) -> bool {
    if char_len(line) > 200 || ends_sentence(line) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 5 {
        return false;
    }
    let menu = words.iter().filter(|w| MENU_WORDS.contains(&w.to_lowercase().as_str())).count();
    let capital = words.iter().filter(|w| w.starts_with(|c: char| c.is_uppercase() || c == '&' || c == '|')).count();
    menu >= 2 && capital * 10 >= words.len() * 8
}

/// The list of unrelated headlines after an article: pairs of a headline
/// and a teaser cut off mid-word (no closing punctuation). Two pairs or more.
fn drop_trailing_headlines(lines: &[String], keep: &mut [bool]) {
    let live: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
    let mut end = live.len();
    let mut pairs = 0;
    while end >= 2 {
        let (title, teaser) = (&lines[live[end - 2]], &lines[live[end - 1]]);
        let teaser_cut = char_len(teaser) >= 40 && !ends_sentence(teaser);
        let title_like = (10..160).contains(&char_len(title)) && !title.ends_with('.');
        if !(teaser_cut && title_like) {
            break;
        }
        end -= 2;
        pairs += 1;
    }
    if pairs >= 2 {
        live[end..].iter().for_each(|&i| keep[i] = false);
    }
}

/// Title, author and date from the top of the text; their lines leave the text.
fn read_header(lines: &[String], keep: &mut [bool], article: &mut Article) {
    let top: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).take(12).collect();
    for &i in &top {
        let line = &lines[i];
        if article.published.is_none() && char_len(line) < 60 {
            if let Some((_, d)) = text_date(line) {
                article.published = Some(d);
                keep[i] = false;
                continue;
            }
        }
        if article.authors.is_empty() {
            if let Some(c) = AUTHOR_LINE.captures(line) {
                article.authors.push(c[1].to_string());
                keep[i] = false;
                continue;
            }
        }
    }
    article.title = top
        .iter()
        .filter(|&&i| keep[i])
        .map(|&i| &lines[i])
        .find(|l| {
            (10..200).contains(&char_len(l)) && !l.ends_with(['.', ',', ';', ':']) && l.split_whitespace().count() >= 2
        })
        .cloned();
}

/// The kept lines as paragraphs. Text hard-wrapped at a fixed width is
/// re-flowed: its paragraphs are the blank-line separated blocks.
fn paragraphs(source: &str, lines: &[String], keep: &[bool]) -> String {
    let _ = source;
    let nonempty: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    let wrapped = nonempty.len() >= 4
        && nonempty.iter().all(|l| char_len(l) <= 100)
        && nonempty.iter().filter(|l| (40..=100).contains(&char_len(l))).count() * 10 >= nonempty.len() * 7
        && lines.iter().any(|l| l.is_empty());
    if !wrapped {
        return join_paragraphs(lines.iter().zip(keep).filter(|(_, &k)| k).map(|(l, _)| l));
    }
    let mut paras = Vec::new();
    let mut current = String::new();
    for (line, &k) in lines.iter().zip(keep) {
        if line.is_empty() {
            paras.push(std::mem::take(&mut current));
        } else if k {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    paras.push(current);
    join_paragraphs(paras)
}
