//! Score `find` on TimeML (`*.tml`) files the way `evaluate.py timex` does.
//!
//! ```text
//! cargo run --release -p chronicle-timex --example score_tml -- DIR [--verbose]
//! ```

mod common;

use chrono::NaiveDate;
use common::{attr, unescape, Doc, Gold};
use std::path::Path;

fn read_tml(path: &Path) -> Option<Doc> {
    let raw = std::fs::read_to_string(path).ok()?;
    let dct = raw.find("<DCT>").and_then(|at| attr(&raw[at..], "value"));
    let dct = dct.and_then(|v| NaiveDate::parse_from_str(v.get(..10)?, "%Y-%m-%d").ok());
    let body_start = raw.find("<TEXT>")? + "<TEXT>".len();
    let body = &raw[body_start..raw.rfind("</TEXT>")?];
    let (mut text, mut gold, mut stack) = (String::new(), Vec::new(), Vec::new());
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&unescape(&rest[..lt]));
        let gt = lt + rest[lt..].find('>')?;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            stack.push((text.len(), attr(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((start, value)) = stack.pop() {
                gold.push(Gold { start, end: text.len(), value });
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&unescape(rest));
    let name = path.file_name()?.to_string_lossy().into_owned();
    Some(Doc { name, dct, text, gold })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let dir = args.iter().find(|a| !a.starts_with("--")).expect("usage: score_tml DIR [--verbose]");
    let docs: Vec<Doc> = common::files(Path::new(dir), "tml").iter().filter_map(|f| read_tml(f)).collect();
    common::score(&docs, verbose);
}
