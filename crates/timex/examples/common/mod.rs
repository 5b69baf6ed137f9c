//! Shared by the scorer examples: a document with gold TIMEX3 spans and the
//! scoring of `evaluate.py timex` (overlap match, exact span preferred;
//! value F1 = relaxed F1 × share of matched values that are equal).

use chrono::NaiveDate;

pub struct Gold {
    pub start: usize,
    pub end: usize,
    pub value: String,
}

pub struct Doc {
    pub name: String,
    pub dct: Option<NaiveDate>,
    pub text: String,
    pub gold: Vec<Gold>,
}

fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (end + 60).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text[from..to].replace('\n', " ")
}

/// Run `find` over the documents, print misses, spurious and correct
/// expressions (in that order) when `verbose`, then the
/// scores in the layout of `evaluate.py`.
pub fn score(docs: &[Doc], verbose: bool) {
    let (mut n_gold, mut n_pred, mut strict, mut relaxed, mut value_ok) = (0, 0, 0, 0, 0);
    let clock = std::time::Instant::now();
    let mut misses = Vec::new();
    let mut spurious = Vec::new();
    let mut hits = Vec::new();
    for doc in docs {
        let pred = chronicle_timex::find(&doc.text, doc.dct);
        n_gold += doc.gold.len();
        n_pred += pred.len();
        let mut used = vec![false; pred.len()];
        for g in &doc.gold {
            let mut hit = None;
            for (i, p) in pred.iter().enumerate() {
                if used[i] || !(p.span.start < g.end && g.start < p.span.end) {
                    continue;
                }
                hit = Some(i);
                if p.span.start == g.start && p.span.end == g.end {
                    break;
                }
            }
            let gtext = &doc.text[g.start..g.end];
            let around = context(&doc.text, g.start, g.end);
            let Some(i) = hit else {
                misses.push(format!("{} MISS {gtext:?} {} dct={:?} | {around}", doc.name, g.value, doc.dct));
                continue;
            };
            used[i] = true;
            let p = &pred[i];
            relaxed += 1;
            strict += usize::from(p.span.start == g.start && p.span.end == g.end);
            if p.value == g.value {
                value_ok += 1;
                let ptext = p.span.slice(&doc.text);
                hits.push(format!("{} OK {gtext:?} gold={} pred={ptext:?} {} | {around}", doc.name, g.value, p.value));
            } else {
                let ptext = p.span.slice(&doc.text);
                misses.push(format!(
                    "{} VALUE {gtext:?} gold={} pred={ptext:?} {} dct={:?} | {around}",
                    doc.name, g.value, p.value, doc.dct
                ));
            }
        }
        for (i, p) in pred.iter().enumerate() {
            if !used[i] {
                let around = context(&doc.text, p.span.start, p.span.end);
                spurious.push(format!("{} SPURIOUS {:?} {} | {around}", doc.name, p.span.slice(&doc.text), p.value));
            }
        }
    }
    let secs = clock.elapsed().as_secs_f64();
    let f1 = |tp: usize| {
        let p = tp as f64 / n_pred.max(1) as f64;
        let r = tp as f64 / n_gold.max(1) as f64;
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let relaxed_f1 = f1(relaxed);
    let value_f1 = relaxed_f1 * value_ok as f64 / relaxed.max(1) as f64;
    if verbose {
        misses.iter().chain(&spurious).chain(&hits).for_each(|m| println!("  {m}"));
    }
    println!("documents {}, gold timexes {n_gold}, predicted {n_pred}", docs.len());
    println!("strict F1 {:.4}  relaxed F1 {relaxed_f1:.4}  value F1 {value_f1:.4}", f1(strict));
    println!("find: {:.3} s, {:.0} docs/s", secs, docs.len() as f64 / secs.max(1e-9));
}

/// The files under `dir` (recursively) whose names end in `ext`, sorted.
pub fn files(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The value of attribute `name` in the text of a tag.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(tag[at..].split('"').next()?.to_string())
}
