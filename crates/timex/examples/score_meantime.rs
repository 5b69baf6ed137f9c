//! Score `find` on MEANTIME (CAT XML) documents: the tokens are joined
//! back into text, each TIMEX3 spans its anchor tokens, and the document
//! date is the TIMEX3 whose `functionInDocument` is `CREATION_TIME`, or
//! else the date written on the article's date line.
//! Given the corpus root, only `intra-doc_annotation` is read, so each
//! document counts once.
//!
//! ```text
//! cargo run --release -p chronicle-timex --example score_meantime -- DIR [--verbose]
//! ```

mod common;

use chrono::NaiveDate;
use common::{attr, unescape, Doc, Gold};
use std::collections::HashMap;
use std::path::Path;

/// Tokens that attach to the one before them without a space.
fn glued(token: &str) -> bool {
    matches!(token, "," | "." | ":" | ";" | "?" | "!" | ")" | "'s" | "'" | "%" | "n't")
}

fn read_cat(path: &Path) -> Option<Doc> {
    let raw = std::fs::read_to_string(path).ok()?;
    // MEANTIME annotates only the first sentences of each article; score
    // only the text up to the last sentence any markable touches.
    let mut sentence_of: HashMap<String, usize> = HashMap::new();
    for chunk in raw.split("<token ").skip(1) {
        let tag = format!(" {}", chunk.split('>').next()?);
        let sent = attr(&tag, "sentence").and_then(|s| s.parse().ok()).unwrap_or(0);
        sentence_of.insert(attr(&tag, "t_id")?, sent);
    }
    let markables = raw.split("</token>").last().unwrap_or("");
    let last_sentence = markables
        .split("t_id=\"")
        .skip(1)
        .filter_map(|s| sentence_of.get(s.split('"').next()?))
        .max()
        .copied()
        .unwrap_or(usize::MAX);
    let mut text = String::new();
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut sentence = None;
    for chunk in raw.split("<token ").skip(1) {
        let (tag, rest) = chunk.split_once('>')?;
        let word = unescape(rest.split("</token>").next()?);
        let id = attr(&format!(" {tag}"), "t_id")?;
        let sent = attr(&format!(" {tag}"), "sentence");
        if sent.as_deref().and_then(|s| s.parse::<usize>().ok()).is_some_and(|n| n > last_sentence) {
            break;
        }
        if !text.is_empty() {
            if sent != sentence {
                text.push('\n');
            } else if !glued(&word) && !text.ends_with(['(', '$']) {
                text.push(' ');
            }
        }
        sentence = sent;
        let start = text.len();
        text.push_str(&word);
        spans.insert(id, (start, text.len()));
    }
    let mut gold = Vec::new();
    let mut dct = None;
    for block in raw.split("<TIMEX3 ").skip(1) {
        let block = block.split("</TIMEX3>").next()?;
        let head = format!(" {}", block.split('>').next()?);
        // `<TIMEX3 ... />` is a time the text implies but never writes
        // (a `TAG_DESCRIPTOR` only): it has no extent to find, and the
        // token anchors after it belong to other markables.
        if head.ends_with('/') {
            continue;
        }
        let value = attr(&head, "value").unwrap_or_default();
        if attr(&head, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            let head = value.get(..10).unwrap_or("");
            dct = NaiveDate::parse_from_str(head, "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(head, "%d-%m-%Y"))
                .ok();
        }
        let anchors: Vec<(usize, usize)> =
            block.split("t_id=\"").skip(1).filter_map(|s| spans.get(s.split('"').next()?).copied()).collect();
        let (Some(first), Some(last)) = (anchors.iter().map(|a| a.0).min(), anchors.iter().map(|a| a.1).max()) else {
            continue;
        };
        gold.push(Gold { start: first, end: last, value });
    }
    gold.sort_by_key(|g| g.start);
    let dct = dct.or_else(|| date_line(&text));
    let name = path.file_name()?.to_string_lossy().into_owned();
    Some(Doc { name, dct, text, gold })
}

/// The date on the article's date line (its second line, under the
/// title), for the few documents whose creation time is not marked as
/// such: a pipeline reads it as the publication date.
fn date_line(text: &str) -> Option<NaiveDate> {
    let line = text.lines().nth(1)?;
    let found = chronicle_timex::find(line, None);
    found.iter().find_map(|t| NaiveDate::parse_from_str(&t.value, "%Y-%m-%d").ok())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args.iter().find(|a| !a.starts_with("--")).expect("usage: score_meantime DIR [--verbose]");
    // The corpus holds every document twice: with its intra-document
    // annotation and again with the cross-document one, whose entity and
    // event mentions run past the six sentences where time expressions
    // were annotated. The first is read when the root is given.
    let root = Path::new(dir);
    let intra = root.join("intra-doc_annotation");
    let root = if intra.is_dir() { intra.as_path() } else { root };
    let docs: Vec<Doc> = common::files(root, "xml").iter().filter_map(|f| read_cat(f)).collect();
    common::score(&docs, verbose);
}
