//! Time expressions: find TIMEX3 expressions (dates, times, durations,
//! sets) in a text and resolve their values against the document creation
//! time (`dct`): "on Tuesday" in an article of 2019-09-18 is `2019-09-17`.
//!
//! Stateless: `find(text, dct) -> Vec<Timex>`, spans are byte offsets.
//!
//! How it works, in the manner of HeidelTime but with rules of our own:
//! `rules` holds one regular expression per kind of expression, built from
//! the word classes of `lexicon`; every match is a candidate, the longest
//! candidates win where they overlap (the earlier rule on a tie), and the
//! normalisers of `resolve` turn the survivors into TIMEX3 values, using
//! `anchor` for calendar arithmetic and `tense` to decide whether a bare
//! "Tuesday" or "March" points back or ahead (the past unless a future cue
//! such as "will" is nearer). In quarterly reports "a year ago" is the same
//! quarter a year back when a quarter was named shortly before (and no
//! "nine months" since), and anaphoric expressions ("that year", "the
//! following month", "later that day", "the previous Friday", "the same
//! period last year", "the year previous", a clock time naming no day)
//! count from the last date the text named, not from the `dct`.
//!
//! Measured with `cargo run --release -p chronicle-timex --example
//! score_tml -- DIR` (TimeML) and `--example score_meantime -- DIR`
//! (MEANTIME CAT XML); `--example probe -- DCT TEXT` shows one sentence.
//!
//! ```
//! use chrono::{Datelike, NaiveDate};
//! let dct = NaiveDate::from_ymd_opt(2008, 3, 11);
//! let found = chronicle_timex::find("The talks ended last year.", dct);
//! assert_eq!(found[0].value, "2007");
//! ```

mod anchor;
mod lexicon;
mod resolve;
mod rules;
mod tense;

use chronicle_model::{Span, Timex, TimexType};
use chrono::{Datelike, NaiveDate};
use regex::Captures;
use resolve::Ctx;
use std::collections::BTreeMap;

/// How far back (in bytes) a mentioned quarter still frames a comparison.
const QUARTER_REACH: usize = 800;

/// A rule's match that its normaliser accepted, kept with its captures
/// for the second, context-aware normalisation.
struct Candidate<'t> {
    start: usize,
    end: usize,
    rule: usize,
    caps: Captures<'t>,
}

/// Find the time expressions of `text`, resolved against `dct` when given.
/// Expressions that need a reference date and have none get no value they
/// cannot know: they are left out or given an underspecified value
/// (`XXXX-03-06`).
pub fn find(text: &str, dct: Option<NaiveDate>) -> Vec<Timex> {
    let rules = rules::rules();
    let mut candidates = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        for caps in rule.regex.captures_iter(text) {
            // A rule may need words around the expression ("25" in "April
            // 24 and 25"); its `span` group then marks the expression.
            let Some(m) = caps.name("span").or_else(|| caps.get(0)) else { continue };
            let ctx =
                Ctx { text, start: m.start(), end: m.end(), dct, quarter: None, reference: None, reference_at: 0 };
            if (rule.norm)(&caps, &ctx).is_some() {
                let (start, end) = (m.start(), m.end());
                candidates.push(Candidate { start, end, rule: i, caps });
            }
        }
    }
    let chosen = select(candidates);
    let mut quarter = None;
    // The last date the text named, for "that year", "the following month".
    let mut reference: Option<String> = None;
    let mut reference_at = 0;
    let mut out = Vec::with_capacity(chosen.len());
    for c in chosen {
        let rule = &rules[c.rule];
        // A quarter talked about more than a few sentences back no longer
        // frames "a year ago".
        let recent = quarter
            .filter(|&(_, at): &((i32, u32), usize)| c.start.saturating_sub(at) <= QUARTER_REACH)
            .map(|(q, _)| q);
        let ctx = Ctx {
            text,
            start: c.start,
            end: c.end,
            dct,
            quarter: recent,
            reference: reference.as_deref(),
            reference_at,
        };
        let Some((kind, value)) = (rule.norm)(&c.caps, &ctx) else {
            continue;
        };
        if rule.name.ends_with("quarter") {
            // The quarter a report is about: "the year-ago quarter" is its
            // comparison, a year before it.
            let comparison = ["ago", "earlier", "prior", "previous", "last year"]
                .iter()
                .any(|w| text[c.start..c.end].to_ascii_lowercase().contains(w));
            let named =
                value.split_once("-Q").and_then(|(y, q)| Some((y.parse::<i32>().ok()?, q.parse::<u32>().ok()?)));
            quarter = named.map(|(y, q)| ((y + i32::from(comparison || past_comparison(y, q, dct)), q), c.end));
        }
        // "For the nine months, ... a year earlier" compares the year to
        // date, no longer the quarter.
        if kind == TimexType::Duration && year_to_date(&value) {
            quarter = None;
        }
        if kind == TimexType::Date && value.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit())) {
            reference = Some(value.clone());
            reference_at = c.end;
        }
        let start = c.start + adjective_determiner(&text[c.start..c.end]);
        out.push(Timex { span: Span::new(start, c.end), kind, value });
    }
    out
}

/// Bytes of a leading determiner to leave out of the span: TimeML marks
/// "the 14-day wait" and "its third-quarter loss" without "the" and "its",
/// which modify the noun, while "the third quarter" keeps its article.
fn adjective_determiner(span: &str) -> usize {
    const UNITS: &[&str] = &["day", "week", "month", "year", "quarter", "hour", "minute", "decade"];
    let Some((first, rest)) = span.split_once(' ') else {
        return 0;
    };
    let determiner = ["the", "its", "their", "his", "her", "a", "an"].iter().any(|d| first.eq_ignore_ascii_case(d));
    let Some((_, unit)) = rest.rsplit_once('-') else {
        return 0;
    };
    let adjective = !rest.contains(' ') && UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u));
    if determiner && adjective {
        first.len() + 1
    } else {
        0
    }
}

/// Whether a quarter named with its year ("the 1988 period") is a past
/// quarter a report compares with: older than the last one finished
/// before the document date, which is what reports are about.
fn past_comparison(year: i32, quarter: u32, dct: Option<NaiveDate>) -> bool {
    let Some(dct) = dct else {
        return false;
    };
    let last = anchor::shift_quarter(dct.year(), anchor::quarter_of(dct.month()), -1);
    year < dct.year() && (year, quarter) < last
}

/// A span of half a year or more counted in months ("the nine months",
/// "the first six months"): the cumulative figures of an earnings report.
fn year_to_date(value: &str) -> bool {
    let months = value.strip_prefix('P').and_then(|v| v.strip_suffix('M')).and_then(|n| n.parse::<u32>().ok());
    months.is_some_and(|n| (6..12).contains(&n))
}

/// The longest candidates, earlier rules breaking ties, without overlaps;
/// returned in text order.
fn select(mut candidates: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    candidates.sort_by_key(|c| (std::cmp::Reverse(c.end - c.start), c.rule, c.start));
    // Chosen spans by start; they never overlap, so only the neighbours
    // on either side of a new candidate can collide with it.
    let mut chosen: BTreeMap<usize, Candidate<'_>> = BTreeMap::new();
    for c in candidates {
        let before = chosen.range(..c.end).next_back().is_some_and(|(_, k)| k.end > c.start);
        if !before {
            chosen.insert(c.start, c);
        }
    }
    chosen.into_values().collect()
}
