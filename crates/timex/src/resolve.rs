//! Normalisers: from a rule's match to a TIMEX3 type and value, anchored on
//! the document date. A normaliser returns `None` to reject a match (a year
//! that is really an amount, "may" the verb) or when the value needs a
//! document date there is none of.

use crate::anchor::{self, Direction};
use crate::lexicon;
use crate::tense;
use chronicle_model::TimexType;
use chrono::{Datelike, NaiveDate};
use regex::Captures;

/// What a normaliser knows besides its match.
pub struct Ctx<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
    pub dct: Option<NaiveDate>,
    /// The quarter (year, number) the document last talked about, for "a
    /// year ago" in a quarterly report meaning that quarter a year before.
    pub quarter: Option<(i32, u32)>,
    /// The value of the last date expression before this one, the time a
    /// narrative has moved to: "that year" is its year.
    pub reference: Option<&'t str>,
    /// Where that expression ends in the text.
    pub reference_at: usize,
}

impl Ctx<'_> {
    pub fn direction(&self) -> Direction {
        tense::direction(self.text, self.start, self.end)
    }

    /// Up to `n` bytes of text before the match (cut on a char boundary).
    pub fn before(&self, n: usize) -> &str {
        let mut from = self.start.saturating_sub(n);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        &self.text[from..self.start]
    }

    pub fn after(&self, n: usize) -> &str {
        let mut to = (self.end + n).min(self.text.len());
        while !self.text.is_char_boundary(to) {
            to -= 1;
        }
        &self.text[self.end..to]
    }
}

pub type Found = Option<(TimexType, String)>;
pub type Normalise = fn(&Captures, &Ctx) -> Found;

fn group<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn has(c: &Captures, name: &str) -> bool {
    c.name(name).is_some()
}

fn lower(c: &Captures, name: &str) -> String {
    group(c, name).unwrap_or("").to_ascii_lowercase()
}

fn date(v: String) -> Found {
    Some((TimexType::Date, v))
}

fn parse_year(s: &str) -> Option<i32> {
    let y: i32 = s.trim_start_matches('\'').parse().ok()?;
    Some(match (s.len(), y) {
        (2, y) if y < 30 => 2000 + y,
        (2, y) => 1900 + y,
        _ => y,
    })
}

/// Month names in prose are capitalised; "may" and "march" in lower case
/// are verbs. "May" also opens sentences as a verb, so it needs a day, a
/// year or a preposition.
fn month_word(c: &Captures, ctx: &Ctx, bare: bool) -> Option<u32> {
    let word = group(c, "month")?;
    if !word.starts_with(|ch: char| ch.is_ascii_uppercase()) {
        return None;
    }
    let lw = word.to_ascii_lowercase();
    if bare && (lw == "may" || lw == "march" || lw.len() <= 4 && !lw.ends_with('.')) && !has(c, "mod") {
        let prev = ctx.before(12).to_ascii_lowercase();
        let ok = [
            "in ", "since ", "until ", "by ", "of ", "early ", "late ", "last ", "next ", "mid-", "the ", "before ",
            "after ", "from ", "through ", "to ", "between ",
        ];
        if !ok.iter().any(|p| prev.ends_with(p)) && !joined_to_month(ctx) {
            return None;
        }
    }
    lexicon::month_number(word)
}

/// "between April and June": a month name joined by "and" or "or" to
/// the month named just before it.
fn joined_to_month(ctx: &Ctx) -> bool {
    let before = ctx.before(20);
    let Some(rest) = before.strip_suffix(" and ").or_else(|| before.strip_suffix(" or ")) else {
        return false;
    };
    let word = rest.rsplit(|ch: char| !(ch.is_ascii_alphabetic() || ch == '.')).next().unwrap_or("");
    word.starts_with(|ch: char| ch.is_ascii_uppercase()) && lexicon::is_month_name(word)
}

pub fn explicit_date(c: &Captures, _: &Ctx) -> Found {
    let y = parse_year(group(c, "year")?)?;
    let m: u32 = group(c, "month")?.parse().ok()?;
    let d: u32 = group(c, "day")?.parse().ok()?;
    let day = NaiveDate::from_ymd_opt(y, m, d)?;
    match (group(c, "h"), group(c, "min")) {
        (Some(h), Some(min)) => Some((TimexType::Time, format!("{}T{h}:{min}", anchor::ymd(day)))),
        _ => date(anchor::ymd(day)),
    }
}

/// "March 11, 2008", "11 March", "last November 13th", "Thursday, March 6th".
pub fn month_day(c: &Captures, ctx: &Ctx) -> Found {
    match named_day(c, ctx)? {
        NamedDay::Day(day) => date(anchor::ymd(day)),
        NamedDay::Yearless(m, d) => date(format!("XXXX-{m:02}-{d:02}")),
    }
}

/// What a month and day name: a day, or without a year in the text or a
/// document date to choose one, the month and day alone.
enum NamedDay {
    Day(NaiveDate),
    Yearless(u32, u32),
}

/// The day of [`month_day`], in the year the text gives or, from the
/// document date, the one its tense and modifier ("last", "next") point to.
fn named_day(c: &Captures, ctx: &Ctx) -> Option<NamedDay> {
    let m = month_word(c, ctx, false)?;
    let d: u32 = group(c, "day")?.parse().ok()?;
    // "March 1999" is month-year, "Jan. 1 2000" needs the comma-less year.
    if ctx.after(1).starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    let year = match group(c, "year") {
        Some(y) => parse_year(y)?,
        None => {
            let Some(dct) = ctx.dct else {
                // A month and day that no year has (February 30th) is not one.
                NaiveDate::from_ymd_opt(2000, m, d)?;
                return Some(NamedDay::Yearless(m, d));
            };
            let dir = match lower(c, "mod").as_str() {
                "last" | "this past" => Direction::Past,
                "next" | "this coming" => Direction::Future,
                _ => month_direction(ctx),
            };
            anchor::year_for(dct, m, Some(d), dir)
        }
    };
    NaiveDate::from_ymd_opt(year, m, d).map(NamedDay::Day)
}

/// "the week of March 6": the ISO week holding that day.
pub fn week_of_date(c: &Captures, ctx: &Ctx) -> Found {
    match named_day(c, ctx)? {
        NamedDay::Day(day) => date(anchor::week(day)),
        // Without a document date the day has no year, nor its week.
        NamedDay::Yearless(..) => None,
    }
}

/// "the last week of March": the ISO week holding most of that week's
/// days inside the month (as ISO's first week holds January 4th).
pub fn week_of_month(c: &Captures, ctx: &Ctx) -> Found {
    let m = month_word(c, ctx, false)?;
    let year = match group(c, "year") {
        Some(y) => parse_year(y)?,
        None => anchor::year_for(ctx.dct?, m, None, month_direction(ctx)),
    };
    let day = match lower(c, "ord").as_str() {
        "last" | "final" => {
            let (y, next) = anchor::shift_month(year, m, 1);
            anchor::add_days(NaiveDate::from_ymd_opt(y, next, 1)?, -4)?
        }
        ord => NaiveDate::from_ymd_opt(year, m, 4 + 7 * (lexicon::ordinal_value(ord)? - 1))?,
    };
    date(anchor::week(day))
}

pub fn month_year(c: &Captures, ctx: &Ctx) -> Found {
    let m = month_word(c, ctx, false)?;
    date(anchor::ym(parse_year(group(c, "year")?)?, m))
}

pub fn month_of_year(c: &Captures, ctx: &Ctx) -> Found {
    let m = month_word(c, ctx, false)?;
    let dct = ctx.dct?;
    let y = match lower(c, "rel").as_str() {
        "last" => dct.year() - 1,
        "next" => dct.year() + 1,
        _ => dct.year(),
    };
    date(anchor::ym(y, m))
}

pub fn month_alone(c: &Captures, ctx: &Ctx) -> Found {
    let m = month_word(c, ctx, true)?;
    let Some(dct) = ctx.dct else {
        return date(format!("XXXX-{m:02}"));
    };
    let y = dct.year();
    let year = match lower(c, "mod").as_str() {
        "last" | "this past" => {
            if m < dct.month() {
                y
            } else {
                y - 1
            }
        }
        "next" | "this coming" => {
            if m > dct.month() {
                y
            } else {
                y + 1
            }
        }
        "this" => y,
        _ => anchor::year_for(dct, m, None, month_direction(ctx)),
    };
    date(anchor::ym(year, m))
}

/// Months a few weeks away are named without a year in either direction,
/// so only a future cue overrides taking the nearest occurrence.
fn month_direction(ctx: &Ctx) -> Direction {
    match ctx.direction() {
        Direction::Future => Direction::Future,
        _ => Direction::Unknown,
    }
}

/// A four-digit number that is a year, not an amount: "1998", "fiscal 1989".
pub fn year(c: &Captures, ctx: &Ctx) -> Found {
    let y = group(c, "year")?;
    let before = ctx.before(2);
    let after = ctx.after(3);
    if before.ends_with(['$', '#', '-', '/', '.'])
        || before.ends_with(", ") && !has(c, "fiscal") && {
            // "1,998" style amounts and "12, 1998" handled by the date rules.
            let b = ctx.before(3);
            b.starts_with(|ch: char| ch.is_ascii_digit())
        }
    {
        return None;
    }
    if after.starts_with(['%', '-'])
        || after.starts_with(",0")
        || after.starts_with('.') && after[1..].starts_with(|ch: char| ch.is_ascii_digit())
    {
        return None;
    }
    if after.starts_with(',') && after[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    date(format!("{:04}", parse_year(y)?))
}

/// "the cars of the 70s and 80s": a decade of the last century without
/// its apostrophe, after "the" or after another decade ("in his 30s" is
/// an age).
pub fn bare_decade(c: &Captures, ctx: &Ctx) -> Found {
    let pre = lower(c, "pre");
    let listed = || {
        let before = ctx.before(12 + pre.len()).to_ascii_lowercase();
        let before = before.trim_end().strip_suffix(pre.as_str()).unwrap_or("").trim_end();
        before.ends_with("0s")
    };
    if pre != "the" && !listed() {
        return None;
    }
    date(format!("19{}", group(c, "ndec")?))
}

/// "since '82": a year written with its last two digits.
pub fn apostrophe_year(c: &Captures, _: &Ctx) -> Found {
    let digits = group(c, "year")?;
    date(format!("{:04}", parse_year(digits)?))
}

pub fn decade(c: &Captures, _: &Ctx) -> Found {
    if let Some(d) = group(c, "sdec") {
        return date(format!("19{d}"));
    }
    if let Some(word) = group(c, "word") {
        const TENS: [&str; 8] =
            ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];
        let i = TENS.iter().position(|t| word.eq_ignore_ascii_case(t))?;
        return date(format!("19{}", i + 2));
    }
    date(format!("{}{}", group(c, "cent")?, group(c, "dec")?))
}

pub fn century(c: &Captures, _: &Ctx) -> Found {
    let n = lexicon::ordinal_value(group(c, "ord")?)?;
    date(format!("{:02}", n.checked_sub(1)?))
}

/// The year a quarter or half belongs to, from what precedes it.
fn period_year(c: &Captures, ctx: &Ctx) -> Option<i32> {
    if let Some(y) = group(c, "year") {
        return parse_year(y);
    }
    let pre = lower(c, "pre");
    if let Some(y) = pre.split([' ', '-', '\'']).find(|w| w.len() == 4 && w.parse::<i32>().is_ok()) {
        return y.parse().ok();
    }
    let dct = ctx.dct?;
    let ago = lower(c, "ago");
    let back = pre.contains("year-ago")
        || pre.contains("year-earlier")
        || pre.contains("last year")
        || ago.contains("year ago")
        || ago.contains("earlier")
        || ago.contains("last year");
    let ahead = pre.contains("next year") || ago.contains("next year");
    Some(dct.year() + i32::from(ahead) - i32::from(back))
}

/// "the third quarter", "third-quarter", "the year-ago quarter", "the
/// fourth quarter of 1989". A quarter without a number is the last one
/// finished before the document date.
pub fn quarter(c: &Captures, ctx: &Ctx) -> Found {
    // "a quarter-century", "quarter-to-quarter": a fraction or a comparison.
    if ctx.after(1) == "-" {
        return None;
    }
    let y = period_year(c, ctx)?;
    let q = match group(c, "ord") {
        Some(o) => lexicon::ordinal_value(o)?,
        None => {
            let dct = ctx.dct?;
            let pre = lower(c, "pre");
            if pre.trim().is_empty() {
                return None;
            }
            let (_, q) = anchor::shift_quarter(dct.year(), anchor::quarter_of(dct.month()), -1);
            if pre.contains("this") || pre.contains("current") {
                anchor::quarter_of(dct.month())
            } else {
                q
            }
        }
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    // "the fourth quarter" in January reports the one just past; in
    // August it is the coming one, nearer than last year's, unless the
    // sentence is in the past tense.
    let named_year = has(c, "year")
        || !lower(c, "pre").trim().is_empty() && lower(c, "pre").chars().any(|ch| ch.is_ascii_digit() || ch == '\'');
    let y = match ctx.dct {
        Some(dct)
            if !named_year
                && !has(c, "ago")
                && y == dct.year()
                && q > anchor::quarter_of(dct.month())
                && match ctx.direction() {
                    Direction::Past => true,
                    Direction::Future => false,
                    // Only the next quarter is nearer ahead than back in
                    // last year (the one after it is a tie, which goes
                    // back: news reports more than it forecasts).
                    Direction::Unknown => q != anchor::quarter_of(dct.month()) + 1,
                } =>
        {
            y - 1
        }
        _ => y,
    };
    date(format!("{y:04}-Q{q}"))
}

/// Whether the word "of" follows the expression ("the summer of love",
/// "the last half of the match"), not a word starting with it ("often").
fn of_follows(ctx: &Ctx) -> bool {
    let after = ctx.after(4);
    after.starts_with(" of") && !after[3..].starts_with(char::is_alphanumeric)
}

pub fn half(c: &Captures, ctx: &Ctx) -> Found {
    // "the last half of the '80s", "the second half of the match": a half
    // of something other than a year.
    if of_follows(ctx) {
        return None;
    }
    let mut y = period_year(c, ctx)?;
    if let (Some(dct), Some(rel)) = (ctx.dct, group(c, "rel")) {
        y = dct.year()
            + match rel.to_ascii_lowercase().as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
    }
    let h = if lower(c, "ord") == "first" { 1 } else { 2 };
    date(format!("{y:04}-H{h}"))
}

pub fn season(c: &Captures, ctx: &Ctx) -> Found {
    let word = lower(c, "season");
    let code = lexicon::season_code(&word)?;
    let m = lower(c, "mod");
    if let Some(y) = group(c, "year") {
        return date(format!("{:04}-{code}", parse_year(y)?));
    }
    // "fall" and "spring" are verbs and nouns too: without a modifier or
    // an "in" they are no season.
    if m.is_empty() && !ctx.before(4).to_ascii_lowercase().ends_with("in ") {
        return None;
    }
    if m == "the" && of_follows(ctx) {
        return None;
    }
    let Some(dct) = ctx.dct else {
        return date(format!("XXXX-{code}"));
    };
    // "last summer" is last year's: in news the season just past is
    // "this summer" or "the summer".
    let year = match m.as_str() {
        "last" => dct.year() - 1,
        "this past" => anchor::season_year(dct, code, -1),
        "next" | "this coming" => anchor::season_year(dct, code, 1),
        _ => dct.year(),
    };
    date(format!("{year:04}-{code}"))
}

fn unit_value(dct: NaiveDate, unit: &str, shift: i32) -> Option<String> {
    Some(match unit {
        "year" | "fiscal year" | "financial year" => format!("{:04}", dct.year() + shift),
        "month" => {
            let (y, m) = anchor::shift_month(dct.year(), dct.month(), shift);
            anchor::ym(y, m)
        }
        "week" => anchor::week(anchor::add_days(dct, 7 * i64::from(shift))?),
        "weekend" => format!("{}-WE", anchor::week(anchor::add_days(dct, 7 * i64::from(shift))?)),
        "quarter" => {
            let (y, q) = anchor::shift_quarter(dct.year(), anchor::quarter_of(dct.month()), shift);
            format!("{y:04}-Q{q}")
        }
        "decade" => format!("{:03}", (dct.year() + 10 * shift).div_euclid(10)),
        "century" => format!("{:02}", (dct.year() + 100 * shift).div_euclid(100)),
        "day" => anchor::ymd(anchor::add_days(dct, i64::from(shift))?),
        _ => return None,
    })
}

/// A unit word written with a capital inside a phrase ("This Week", "60
/// Minutes") is part of a title, a programme or a column name.
fn titled_unit(c: &Captures) -> bool {
    group(c, "unit").is_some_and(|u| u.starts_with(|ch: char| ch.is_ascii_uppercase()))
}

/// A date value split into what it names: `1998-10-23` is year 1998,
/// month 10, day 23; `1988-Q2` is year 1988, quarter 2.
struct Parts {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
    quarter: Option<u32>,
}

fn parts(value: &str) -> Option<Parts> {
    let year = value.get(..4)?.parse().ok()?;
    let rest = value.get(4..).unwrap_or("");
    let quarter = rest.strip_prefix("-Q").and_then(|q| q.get(..1)?.parse().ok());
    let month: Option<u32> = rest.get(1..3).filter(|_| rest.starts_with('-')).and_then(|m| m.parse().ok());
    let day = rest.get(4..6).filter(|_| month.is_some()).and_then(|d| d.parse().ok());
    let quarter = quarter.or(month.map(anchor::quarter_of));
    Some(Parts { year, month, day, quarter })
}

/// The day a value names in full (`1998-10-23`); `None` for a coarser
/// or underspecified value (`1998-10`, `XXXX-10-23`).
fn full_day(value: &str) -> Option<NaiveDate> {
    let p = parts(value)?;
    NaiveDate::from_ymd_opt(p.year, p.month?, p.day?)
}

/// "that year", "the following month", "the previous quarter": counted
/// from the date the text last named. `None` when that date is too coarse
/// for the unit (a month after a bare year), so the caller falls back on
/// the document date.
fn anaphoric_value(reference: &str, unit: &str, shift: i32) -> Option<String> {
    let p = parts(reference)?;
    Some(match unit {
        "year" | "fiscal year" | "financial year" => format!("{:04}", p.year + shift),
        "month" => {
            let (y, m) = anchor::shift_month(p.year, p.month?, shift);
            anchor::ym(y, m)
        }
        "quarter" => {
            let (y, q) = anchor::shift_quarter(p.year, p.quarter?, shift);
            format!("{y:04}-Q{q}")
        }
        "day" => anchor::ymd(anchor::add_days(full_day(reference)?, i64::from(shift))?),
        _ => return None,
    })
}

/// The day the text last named in full, the narrative's "now".
fn narrative_day(ctx: &Ctx) -> Option<NaiveDate> {
    full_day(ctx.reference?)
}

/// How far back (in bytes, about two sentences) a day the text named
/// still sets the day of a clock time or a part of the day naming none.
const DAY_REACH: usize = 400;

/// The narrative's day, when it was named shortly before the expression:
/// "flew on Tuesday ... at 18:00 UTC". Further back, the date named is
/// more often background than the day being told.
fn recent_day(ctx: &Ctx) -> Option<NaiveDate> {
    narrative_day(ctx).filter(|_| ctx.start.saturating_sub(ctx.reference_at) <= DAY_REACH)
}

/// The day a clock time, a part of the day or "overnight" naming no day
/// falls on: the narrative's when named shortly before, else the
/// document's.
fn day_of_telling(ctx: &Ctx) -> Option<NaiveDate> {
    recent_day(ctx).or(ctx.dct)
}

/// Whether a relative word points into the narrative rather than at the
/// document date: "that", "the following", "the previous", "the same".
fn anaphoric(rel: &str) -> bool {
    matches!(rel, "that" | "the following" | "the previous" | "the same" | "that same")
}

/// "last year", "this week", "next month", "earlier this month", "the
/// past year" (a duration), "the current quarter".
pub fn relative_unit(c: &Captures, ctx: &Ctx) -> Found {
    let rel = lower(c, "rel");
    let unit = lower(c, "unit");
    if titled_unit(c) {
        return None;
    }
    if rel == "the past" && !has(c, "edge") && unit != "year" {
        let (code, mul, _) = lexicon::unit_code(unit.split(' ').next_back()?)?;
        return Some((TimexType::Duration, format!("P{mul}{code}")));
    }
    let shift = match rel.as_str() {
        "last" | "the previous" | "past" | "the last" | "the past" => -1,
        "next" | "the following" | "the coming" | "coming" | "the next" => 1,
        _ => 0,
    };
    if anaphoric(&rel) {
        if let Some(v) = ctx.reference.and_then(|r| anaphoric_value(r, &unit, shift)) {
            return date(v);
        }
    }
    let dct = ctx.dct?;
    date(unit_value(dct, &unit, shift)?)
}

/// "the year before", "the month previous": one unit before the date
/// the text last named, else before the document's. Only at the end of a
/// clause: "the year before the war" counts from the war.
pub fn unit_before(c: &Captures, ctx: &Ctx) -> Found {
    let next = ctx.after(1);
    if !(next.is_empty() || next.starts_with(['.', ',', ';', ':', ')', '\'', '"', '\n'])) {
        return None;
    }
    let unit = lower(c, "unit");
    if let Some(v) = ctx.reference.and_then(|r| anaphoric_value(r, &unit, -1)) {
        return date(v);
    }
    date(unit_value(ctx.dct?, &unit, -1)?)
}

/// "the next day", "that same day", "earlier that day": a day of the
/// narrative, counted from the last full date named (or the document's).
pub fn relative_day(c: &Captures, ctx: &Ctx) -> Found {
    let rel = lower(c, "rel");
    let shift = match rel.as_str() {
        "the following" | "the next" => 1,
        "the previous" => -1,
        _ => 0,
    };
    // A bare "that day" mostly points at an event ("trades made that
    // day"), not at a date; "earlier that day" does name a day.
    let edged = c.get(0)?.as_str().len() > rel.len() + " day".len();
    if rel.starts_with("that") && !edged {
        return None;
    }
    if let Some(v) = ctx.reference.and_then(|r| anaphoric_value(r, "day", shift)) {
        return date(v);
    }
    date(anchor::ymd(anchor::add_days(ctx.dct?, i64::from(shift))?))
}

/// "the same period last year": the period the text last named (a month,
/// a quarter), a year back; in a quarterly report, its quarter.
pub fn same_period_year_ago(_: &Captures, ctx: &Ctx) -> Found {
    let named = ctx.reference.and_then(|r| {
        let p = parts(r)?;
        // A day or a bare year names no period to compare.
        (p.day.is_none() && (p.month.is_some() || p.quarter.is_some())).then(|| {
            let rest = r[4..].split('T').next().unwrap_or("");
            format!("{:04}{rest}", p.year - 1)
        })
    });
    match (named, ctx.quarter) {
        (Some(v), _) => date(v),
        (None, Some((y, q))) => date(format!("{:04}-Q{q}", y - 1)),
        (None, None) => date(format!("{:04}", ctx.dct?.year() - 1)),
    }
}

/// "the day" a market ended ("the index closed the day 2% up"): the day
/// the narrative is on, else the document's.
pub fn the_day(_: &Captures, ctx: &Ctx) -> Found {
    let day = narrative_day(ctx).or(ctx.dct)?;
    date(anchor::ymd(day))
}

/// "year-earlier", "the year-ago period": the same quarter a year back
/// when the document is about a quarter, else last year.
pub fn year_ago(c: &Captures, ctx: &Ctx) -> Found {
    let dct = ctx.dct?;
    // "year-ago levels" compare with last year as a whole.
    let what = lower(c, "what");
    let next = ctx.after(8).to_ascii_lowercase();
    let what = if what.is_empty() && next.starts_with(" level") { "level".to_string() } else { what };
    match ctx.quarter {
        Some((y, q)) if what != "level" && what != "levels" => date(format!("{:04}-Q{q}", y - 1)),
        _ => date(format!("{:04}", dct.year() - 1)),
    }
}

pub fn vague_ref(c: &Captures, ctx: &Ctx) -> Found {
    let text = c.get(0)?.as_str().to_ascii_lowercase();
    let _ = ctx;
    let future = text.contains("coming") || text.contains("next") || text.contains("upcoming");
    date(if future { "FUTURE_REF" } else { "PAST_REF" }.to_string())
}

fn count(c: &Captures) -> Option<Option<f64>> {
    let n = lexicon::count_value(group(c, "n")?)?;
    let half = has(c, "half") || has(c, "half2");
    Some(n.map(|v| v + if half { 0.5 } else { 0.0 }))
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// "three days ago", "a year earlier", "two weeks from now".
pub fn ago(c: &Captures, ctx: &Ctx) -> Found {
    let unit = lower(c, "unit");
    let (code, mul, time) = lexicon::unit_code(&unit)?;
    let rel = lower(c, "rel");
    let back = matches!(rel.as_str(), "ago" | "earlier" | "before");
    let Some(n) = count(c)? else {
        return date(if back { "PAST_REF" } else { "FUTURE_REF" }.to_string());
    };
    let dct = ctx.dct?;
    let sign = if back { -1.0 } else { 1.0 };
    let k = (n * f64::from(mul) * sign).round() as i32;
    let value = match (code, time) {
        (_, true) => anchor::ymd(dct),
        ("Y", _) => match ctx.quarter {
            Some((y, q)) if k == -1 => format!("{:04}-Q{q}", y - 1),
            _ => format!("{:04}", dct.year() + k),
        },
        ("Q", _) => unit_value(dct, "quarter", k)?,
        ("M", _) => unit_value(dct, "month", k)?,
        ("W", _) => unit_value(dct, "week", k)?,
        _ => anchor::ymd(anchor::add_days(dct, i64::from(k))?),
    };
    date(value)
}

fn duration_value(n: Option<f64>, unit: &str) -> Option<String> {
    let (code, mul, time) = lexicon::unit_code(unit)?;
    let t = if time { "T" } else { "" };
    // A half goes to the next smaller unit: "2 1/2 years" is `P2Y6M`.
    let half = match (code, time) {
        ("Y", false) if mul == 1 => Some("6M"),
        ("D", false) => Some("T12H"),
        ("H", true) => Some("30M"),
        ("M", true) => Some("30S"),
        _ => None,
    };
    Some(match n {
        Some(v) if v.fract() == 0.5 && v >= 1.0 && half.is_some() => {
            format!("P{t}{}{code}{}", v.trunc() as i64, half.unwrap_or(""))
        }
        Some(v) => format!("P{t}{}{code}", number(v * f64::from(mul))),
        None => format!("P{t}X{code}"),
    })
}

/// "three days", "two years", "11-year", "the past two months", "a week".
pub fn duration(c: &Captures, ctx: &Ctx) -> Found {
    let unit = lower(c, "unit");
    let n_word = lower(c, "n");
    // "a second look", "one day he…" are no durations.
    if unit == "second" && (n_word == "a" || n_word == "an") {
        return None;
    }
    if (n_word == "some" || n_word == "many") && !unit.ends_with('s') {
        return None;
    }
    // "a years-long feud" counts no single year.
    if (n_word == "a" || n_word == "an") && unit.ends_with('s') {
        return None;
    }
    if titled_unit(c) {
        return None;
    }
    // "$5 a year" and "twice a day" are rates, left to the set rules.
    let prev = ctx.before(7).trim_end().to_ascii_lowercase();
    let rate =
        prev.ends_with(|ch: char| ch.is_ascii_digit()) || ["once", "twice", "times"].iter().any(|w| prev.ends_with(w));
    if n_word == "a" && rate {
        return None;
    }
    // "three-quarters" and "a quarter-century" are fractions.
    if unit.starts_with("quarter") && (c.get(0)?.as_str().contains('-') || ctx.after(1) == "-") {
        return None;
    }
    // Ages ("a 6-year-old", "52 years old") are no time expressions.
    let rest = ctx.after(5).to_ascii_lowercase();
    if rest.starts_with("-old") || rest.starts_with(" old") {
        return None;
    }
    if someday(c, ctx) {
        return date("FUTURE_REF".to_string());
    }
    let n = count(c)?;
    Some((TimexType::Duration, duration_value(n, &unit)?))
}

/// "he will one day lead", "she hopes she one day returns": "one day"
/// between a subject or modal and its verb is some day to come, not a
/// span of a day ("in the job one day").
fn someday(c: &Captures, ctx: &Ctx) -> bool {
    const BEFORE: &[&str] =
        &["will", "would", "could", "might", "may", "can", "should", "he", "she", "they", "we", "i", "you", "it"];
    let whole = c.get(0).map_or("", |m| m.as_str());
    if !whole.eq_ignore_ascii_case("one day") {
        return false;
    }
    let before = ctx.before(12).to_ascii_lowercase();
    let previous = before.split_whitespace().next_back().unwrap_or("");
    before.ends_with(' ') && BEFORE.contains(&previous)
}

pub fn half_unit(c: &Captures, _: &Ctx) -> Found {
    let v = match lower(c, "unit").as_str() {
        "hour" => "PT30M",
        "day" => "PT12H",
        "year" => "P6M",
        "decade" => "P5Y",
        _ => "P50Y",
    };
    Some((TimexType::Duration, v.to_string()))
}

/// Bare plural units ("for years", "in recent weeks"): vague durations,
/// only after a preposition that makes them temporal.
pub fn plural_unit(c: &Captures, ctx: &Ctx) -> Found {
    let prev = ctx.before(8).to_ascii_lowercase();
    let whole = c.get(0).map_or(0, |m| m.as_str().len()) > lower(c, "unit").len();
    if !whole && !["for ", "over ", "within ", "in ", "lasting ", "took ", "take "].iter().any(|p| prev.ends_with(p)) {
        return None;
    }
    if of_follows(ctx) || ctx.after(6).trim_start().starts_with("ago") {
        return None;
    }
    Some((TimexType::Duration, duration_value(None, &lower(c, "unit"))?))
}

/// "a years-long slump" is of some years, "a day-long meeting" and "the
/// worst single-day fall" of one day.
pub fn unit_long(c: &Captures, _: &Ctx) -> Found {
    let unit = if has(c, "single") { lower(c, "single") } else { lower(c, "unit") };
    let n = if unit.ends_with('s') { None } else { Some(1.0) };
    Some((TimexType::Duration, duration_value(n, &unit)?))
}

pub fn set_every(c: &Captures, _: &Ctx) -> Found {
    let unit = lower(c, "unit");
    if let Some(wd) = lexicon::weekday_number(&unit).filter(|_| unit.ends_with("day") && unit.len() > 5) {
        return Some((TimexType::Set, every_weekday(wd)));
    }
    let n = match group(c, "n") {
        Some(w) if w.eq_ignore_ascii_case("other") => Some(2.0),
        Some(_) => count(c)?,
        None => Some(1.0),
    };
    let unit = match unit.as_str() {
        "night" | "morning" => "day",
        u => u,
    };
    Some((TimexType::Set, duration_value(n, unit)?))
}

/// "each July", "every summer": the month or season of every year.
pub fn set_of_year(c: &Captures, ctx: &Ctx) -> Found {
    let part = match group(c, "season") {
        Some(s) => lexicon::season_code(s)?.to_string(),
        None => format!("{:02}", month_word(c, ctx, false)?),
    };
    Some((TimexType::Set, format!("XXXX-{part}")))
}

/// "on Mondays", "Tuesday nights": every such day (or part of it).
pub fn weekday_set(c: &Captures, _: &Ctx) -> Found {
    let wd = lexicon::weekday_number(group(c, "wd")?)?;
    let part = match lower(c, "part").as_str() {
        "" => String::new(),
        parts => format!("T{}", part_of_day(parts)),
    };
    Some((TimexType::Set, format!("{}{part}", every_weekday(wd))))
}

/// The week day numbered `wd` (0 for Monday) of any week: "XXXX-WXX-1" is
/// every Monday, or an undated "Monday".
fn every_weekday(wd: u32) -> String {
    format!("XXXX-WXX-{}", wd + 1)
}

/// TimeML's code of a part of the day, "mornings" as "morning": MO, AF,
/// EV, NI.
fn part_of_day(word: &str) -> &'static str {
    match word.trim_end_matches('s') {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        _ => "NI",
    }
}

pub fn set_adverb(c: &Captures, _: &Ctx) -> Found {
    let v = match lower(c, "word").as_str() {
        "daily" | "nightly" | "twice a day" => "P1D",
        "weekly" => "P1W",
        "biweekly" => "P2W",
        "monthly" => "P1M",
        "quarterly" => "P3M",
        "semiannually" => "P6M",
        "hourly" => "PT1H",
        _ => "P1Y",
    };
    Some((TimexType::Set, v.to_string()))
}

/// The day "today", "yesterday", "Friday" name relative to the document date.
fn anchor_day(word: &str, ctx: &Ctx) -> Option<NaiveDate> {
    let dct = ctx.dct?;
    match word.to_ascii_lowercase().as_str() {
        "today" | "tonight" | "this" | "the" | "" => Some(dct),
        "yesterday" | "last" => anchor::add_days(dct, -1),
        "tomorrow" => anchor::add_days(dct, 1),
        w => anchor::weekday_near(dct, lexicon::weekday_number(w)?, ctx.direction()),
    }
}

/// "10:35 a.m.", "6 p.m. Tuesday", "midnight Friday".
pub fn clock(c: &Captures, ctx: &Ctx) -> Found {
    let (h, min) = if let Some(word) = group(c, "word") {
        // "High Noon", "high noon comes today": a showdown, not a clock.
        if ctx.before(5).eq_ignore_ascii_case("high ") {
            return None;
        }
        (if word.eq_ignore_ascii_case("noon") || word.eq_ignore_ascii_case("midday") { 12 } else { 24 }, 0)
    } else {
        let mut h: u32 = group(c, "h")?.parse().ok()?;
        let min: u32 = group(c, "min").map_or(Ok(0), str::parse).ok()?;
        // "4 in the morning" is 4 a.m., "6 in the evening" 6 p.m.
        let ap = match lower(c, "ap") {
            ap if ap.ends_with("morning") => "a".to_string(),
            ap if ap.starts_with("in ") => "p".to_string(),
            ap => ap,
        };
        if has(c, "ap") && (h > 12 || h == 0) {
            return None;
        }
        if ap.starts_with('p') && h < 12 {
            h += 12;
        } else if ap.starts_with('a') && h == 12 {
            h = 0;
        }
        (h, min)
    };
    let word = group(c, "anchor1").or(group(c, "anchor2"));
    let dated = match (ctx.dct, group(c, "day")) {
        // "5 p.m. EST Nov. 9"
        (Some(dct), Some(d)) => {
            let m = month_word(c, ctx, false)?;
            let d: u32 = d.parse().ok()?;
            let y = anchor::year_for(dct, m, Some(d), month_direction(ctx));
            NaiveDate::from_ymd_opt(y, m, d)
        }
        // A clock time naming no day is on the day the narrative is on.
        _ => match word {
            Some(w) => anchor_day(w, ctx),
            None => day_of_telling(ctx),
        },
    };
    let day = match dated {
        Some(d) => anchor::ymd(d),
        None => "XXXX-XX-XX".to_string(),
    };
    // A clock given in UTC is a zoned time: `T18:00Z`.
    let zone = if has(c, "tz") && !has(c, "ap") { "Z" } else { "" };
    let clock = format!("{h:02}:{min:02}{zone}");
    Some((TimexType::Time, format!("{day}T{clock}")))
}

/// "this morning", "Wednesday night", "last night", "yesterday afternoon".
pub fn day_part(c: &Captures, ctx: &Ctx) -> Found {
    let part = part_of_day(&lower(c, "part"));
    let anchor_word = lower(c, "anchor");
    // "in the morning" is the document's day; "the night of Oct. 23" and
    // "the night the plane went down" are other days.
    if anchor_word == "the" {
        let before = ctx.before(8).to_ascii_lowercase();
        if ctx.dct.is_none() || !(before.ends_with("in ") || before.ends_with("during ")) {
            return None;
        }
    }
    // "in the morning", like a bare clock time, is on the narrative's day.
    let day = if anchor_word == "the" { day_of_telling(ctx)? } else { anchor_day(&anchor_word, ctx)? };
    Some((TimexType::Time, format!("{}T{part}", anchor::ymd(day))))
}

pub fn weekend(c: &Captures, ctx: &Ctx) -> Found {
    let dct = ctx.dct?;
    let shift = match lower(c, "rel").as_str() {
        "last" | "this past" => -1,
        "next" | "this coming" => 1,
        _ => match ctx.direction() {
            Direction::Future => 0,
            _ if dct.weekday().num_days_from_monday() >= 5 => 0,
            _ => -1,
        },
    };
    date(format!("{}-WE", anchor::week(anchor::add_days(dct, 7 * shift)?)))
}

/// "Tuesday", "last Friday", "Wednesday of last week"; without a document
/// date, every such weekday.
pub fn weekday(c: &Captures, ctx: &Ctx) -> Found {
    match ctx.dct {
        Some(_) => date(anchor::ymd(weekday_date(c, ctx)?)),
        None => date(every_weekday(lexicon::weekday_number(group(c, "wd")?)?)),
    }
}

/// The day of [`weekday`], counted from the document date; `None` without
/// one.
fn weekday_date(c: &Captures, ctx: &Ctx) -> Option<NaiveDate> {
    let wd = lexicon::weekday_number(group(c, "wd")?)?;
    let dct = ctx.dct?;
    let rel = lower(c, "rel");
    if c.get(0)?.as_str().to_ascii_lowercase().contains("week") {
        let weeks = match rel.as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        return anchor::weekday_in_week(dct, wd, weeks);
    }
    // "the previous Friday" counts from the day the narrative is on,
    // "last Friday" from the document date.
    let from = match narrative_day(ctx) {
        Some(day) if anaphoric(&rel) => day,
        _ => dct,
    };
    match rel.as_str() {
        "last" | "the previous" | "this past" => anchor::weekday_near(anchor::add_days(from, -1)?, wd, Direction::Past),
        "next" | "the following" | "this coming" => {
            anchor::weekday_near(anchor::add_days(from, 1)?, wd, Direction::Future)
        }
        // "Wednesday's ruling" names a day the news already happened on.
        _ if ctx.after(2) == "'s" => anchor::weekday_near(dct, wd, Direction::Past),
        _ => anchor::weekday_near(dct, wd, ctx.direction()),
    }
}

/// "the day before yesterday", "the day after tomorrow", "the day before
/// last Tuesday": the day on either side of the day named.
pub fn day_beside(c: &Captures, ctx: &Ctx) -> Found {
    let shift = if lower(c, "dir") == "before" { -1 } else { 1 };
    let named = match lower(c, "wd").as_str() {
        "yesterday" => anchor::add_days(ctx.dct?, -1)?,
        "tomorrow" => anchor::add_days(ctx.dct?, 1)?,
        _ => weekday_date(c, ctx)?,
    };
    date(anchor::ymd(anchor::add_days(named, shift)?))
}

pub fn holiday(c: &Captures, ctx: &Ctx) -> Found {
    let name = lower(c, "name");
    let (m, d) = match name.as_str() {
        n if n.starts_with("christmas eve") => (12, 24),
        n if n.starts_with("christmas") => (12, 25),
        "new year's eve" => (12, 31),
        n if n.starts_with("new year") => (1, 1),
        "independence day" => (7, 4),
        "halloween" => (10, 31),
        "valentine's day" => (2, 14),
        n if n.starts_with("thanksgiving") => (11, 0),
        "memorial day" => (5, 0),
        "labor day" => (9, 0),
        "election day" => (11, 1),
        _ => return None,
    };
    let Some(dct) = ctx.dct else {
        return (d > 0).then(|| (TimexType::Date, format!("XXXX-{m:02}-{d:02}")));
    };
    let dir = match lower(c, "mod").as_str() {
        "last" => Direction::Past,
        "next" => Direction::Future,
        _ => ctx.direction(),
    };
    let y = anchor::year_for(dct, m, Some(d.max(1)), dir);
    let day = match (m, d) {
        (11, 0) => anchor::nth_weekday(y, 11, 3, 4)?,
        (9, 0) => anchor::nth_weekday(y, 9, 0, 1)?,
        // The Tuesday after the first Monday.
        (11, 1) => anchor::add_days(anchor::nth_weekday(y, 11, 0, 1)?, 1)?,
        (5, 0) => anchor::nth_weekday(y, 5, 0, 4).and_then(|d| {
            // The last Monday of May.
            let next = anchor::add_days(d, 7)?;
            Some(if next.month() == 5 { next } else { d })
        })?,
        _ => NaiveDate::from_ymd_opt(y, m, d)?,
    };
    date(anchor::ymd(day))
}

/// "today", "now", "yesterday", "recently", "the future".
pub fn deictic(c: &Captures, ctx: &Ctx) -> Found {
    let word = lower(c, "word");
    let shift = match word.as_str() {
        "today" | "tonight" => Some(0),
        "yesterday" => Some(-1),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(shift) = shift {
        let Some(dct) = ctx.dct else {
            return (shift == 0).then(|| (TimexType::Date, "PRESENT_REF".to_string()));
        };
        return date(anchor::ymd(anchor::add_days(dct, shift)?));
    }
    // "overnight" is the night before the day the narrative is on.
    if word == "overnight" {
        let day = day_of_telling(ctx)?;
        return Some((TimexType::Time, format!("{}TNI", anchor::ymd(anchor::add_days(day, -1)?))));
    }
    // "the past three summers" counts periods the rules do not know; it
    // is no bare "the past".
    if word == "the past" {
        let next = ctx.after(16).split_whitespace().next().unwrap_or("");
        if lexicon::count_value(next).is_some_and(|n| n.is_some()) {
            return None;
        }
    }
    let v = match word.as_str() {
        "recently" | "recent" | "the past" | "previously" | "lately" | "former" => "PAST_REF",
        "the future" | "soon" => "FUTURE_REF",
        "once again" | "to date" | "the time being" => return None,
        "so far this year" => return date(format!("{:04}", ctx.dct?.year())),
        _ => "PRESENT_REF",
    };
    if word == "former" {
        return None;
    }
    // "the past two months" and "now-defunct" belong to other readings.
    if word == "now" && ctx.after(1) == "-" {
        return None;
    }
    if word == "soon" && !soon_is_a_time(ctx) {
        return None;
    }
    date(v.to_string())
}

/// "will soon begin", "as soon as possible" point ahead; "as soon as
/// he arrives", "soon after the vote", "soon-to-open" and "was soon
/// released" only order events.
fn soon_is_a_time(ctx: &Ctx) -> bool {
    let after = ctx.after(12).to_ascii_lowercase();
    if after.starts_with(" after") || after.starts_with(" before") || after.starts_with('-') {
        return false;
    }
    let conjunction = ctx.before(3).eq_ignore_ascii_case("as ") && after.starts_with(" as ");
    // "He was soon released", "cash that soon became a flood" tell of the
    // past: soon after something else.
    let previous = ctx.before(8).split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
    let following = ctx.after(40);
    let next = following.split_whitespace().next().unwrap_or("").trim_matches(|ch: char| !ch.is_ascii_alphabetic());
    let past = ["was", "were", "had"].contains(&previous.as_str()) || tense::is_past_verb(next);
    (!conjunction || after.starts_with(" as possible")) && !past
}

pub fn year_end(_: &Captures, ctx: &Ctx) -> Found {
    date(format!("{:04}", ctx.dct?.year()))
}

/// "nineteen ninety-six", "the year two thousand", "the winter of nineteen
/// ninety-four": years read out in broadcast transcripts.
pub fn spoken_year(c: &Captures, ctx: &Ctx) -> Found {
    // "two thousand years" is a count.
    let next = ctx.after(12).trim_start().to_ascii_lowercase();
    if lexicon::UNIT_WORDS.iter().any(|u| next.starts_with(u)) {
        return None;
    }
    let words = lower(c, "words").replace(" and", "");
    let mut parts = words.splitn(2, ' ');
    let head = parts.next()?;
    let rest = parts.next().unwrap_or("").trim();
    let year = if head == "two" {
        let tail = rest.trim_start_matches("thousand").trim();
        2000 + if tail.is_empty() { 0 } else { lexicon::count_value(tail)??.round() as i32 }
    } else {
        let rest = rest.trim_start_matches("hundred").trim();
        1900 + lexicon::count_value(rest)??.round() as i32
    };
    if has(c, "month") {
        let m = month_word(c, ctx, false)?;
        return date(anchor::ym(year, m));
    }
    match group(c, "season").and_then(lexicon::season_code) {
        Some(code) => date(format!("{year:04}-{code}")),
        None => date(format!("{year:04}")),
    }
}

/// "the year", "the fiscal year", "the full year": the document's year,
/// or a year-long duration when it is "the year ended Sept. 30".
pub fn the_year(c: &Captures, ctx: &Ctx) -> Found {
    let text = c.get(0)?.as_str().to_ascii_lowercase();
    if !text.starts_with("the") && !has(c, "which") {
        return None;
    }
    let after = ctx.after(12).to_ascii_lowercase();
    // "the year ended Sept. 30" is the twelve months up to that day; the
    // span stays "the year", as TimeML marks it.
    if after.starts_with(" ended ") || after.starts_with(" ending ") {
        return Some((TimexType::Duration, "P1Y".to_string()));
    }
    // "from a fiscal year to a calendar year": no particular year.
    if ctx.before(2).eq_ignore_ascii_case("a ") {
        return None;
    }
    if after.starts_with(" ago")
        || after.starts_with(" earlier")
        || after.starts_with(" before")
        || after.starts_with("-")
    {
        return None;
    }
    let dct = ctx.dct?;
    let back = lower(c, "which").contains("latest");
    date(format!("{:04}", dct.year() - i32::from(back)))
}

pub fn future_ref(_: &Captures, _: &Ctx) -> Found {
    date("FUTURE_REF".to_string())
}
