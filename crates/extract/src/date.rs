//! Publication dates from the strings pages carry them in: ISO stamps,
//! `18.09.2019`, `September 18, 2019`, `18. September 2019`, and URL paths
//! such as `/2019/09/18/`. Every date is kept within 1990..=today: a page
//! never was published in the future.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use regex::Regex;
use std::sync::LazyLock;

/// Month names (and their common abbreviations) in the languages of the
/// pages we meet most: English, German, French, Spanish, Italian, Dutch, Portuguese.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("janeiro", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("fevereiro", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("maart", 3),
    ("março", 3),
    ("mär", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mei", 5),
    ("maio", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, n)| n)
}

const MONTH_RE: &str = r"[A-Za-zÀ-ÿ]{3,10}\.?";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)").unwrap());
// No `\b` before the day: pages glue a label to it ("Erstellt am09.02.2022").
static DMY_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\D)(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b").unwrap());
static MDY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")).unwrap()
});
static DMY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(\d{{1,2}})(?:st|nd|rd|th|\.|º)?\s*(?:de\s+)?({MONTH_RE})\s*(?:de\s+)?,?\s*((?:19|20)\d\d)\b"
    ))
    .unwrap()
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|\.|$)").unwrap()
});
/// A day-first date as a path segment: `/29-10-2021`.
static URL_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/(0[1-9]|[12]\d|3[01])[_-](0[1-9]|1[0-2])[_-]((?:19|20)\d\d)(?:/|[_.-]|$)").unwrap());
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])").unwrap());

/// The latest acceptable date: today.
/// The wall-clock time of a timestamp, after its date: `T03:37:41+00:00`,
/// ` 00:25:56 GMT`, `23:30:59` (no offset).
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[T ](\d{1,2}):(\d\d)(?::(\d\d))?(?:[.,]\d+)?\s*(Z|GMT|UTC|[+-]\d\d:?\d\d)?").unwrap()
});

/// A timestamp: its date as written, the time of day and the UTC offset
/// in minutes, when it carries them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub offset: Option<i32>,
}

impl Stamp {
    /// Written in UTC: the date may be the day before or after the local one.
    pub fn is_utc(&self) -> bool {
        self.time.is_some() && self.offset == Some(0)
    }

    fn at(&self) -> Option<NaiveDateTime> {
        self.time.map(|t| self.date.and_time(t))
    }
}

/// A date and, when written next to it, its time and offset.
pub fn parse_stamp(s: &str) -> Option<Stamp> {
    let date = parse_date(s)?;
    let Some(c) = CLOCK.captures(head(s, 80)) else {
        return Some(Stamp { date, time: None, offset: None });
    };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let time = NaiveTime::from_hms_opt(num(1)?, num(2)?, num(3).unwrap_or(0));
    Some(Stamp { date, time, offset: time.and(c.get(4)).map(|m| offset_minutes(m.as_str())) })
}

/// At most the first `max` bytes of `s`, cut at a character boundary.
fn head(s: &str, max: usize) -> &str {
    let mut cut = s.len().min(max);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

fn offset_minutes(z: &str) -> i32 {
    let digits: String = z.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return 0; // Z, GMT, UTC
    }
    let (h, m) = (digits[..2].parse::<i32>().unwrap_or(0), digits[2..].parse::<i32>().unwrap_or(0));
    if z.starts_with('-') {
        -(h * 60 + m)
    } else {
        h * 60 + m
    }
}

/// The date of `utc` as the page's own clock wrote it, when `other` is the
/// same moment in local time: an offset that adds up, or, with no offset
/// written, the same minute and second a whole number of hours away.
pub fn same_moment_local(utc: &Stamp, other: &Stamp) -> Option<NaiveDate> {
    let (a, b) = (utc.at()?, other.at()?);
    if other.offset == Some(0) || a.date() == b.date() {
        return None;
    }
    let same = match other.offset {
        Some(off) => b - chrono::Duration::minutes(off.into()) == a,
        None => {
            let gap = (b - a).num_seconds();
            gap % 3600 == 0 && gap.abs() <= 14 * 3600
        }
    };
    same.then_some(other.date)
}

/// The latest acceptable date: today.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date if it lies within 1990..=today.
pub fn plausible(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(year, month, day)?;
    (d.year() >= 1990 && d <= today()).then_some(d)
}

/// The first date in a string, in any of the supported shapes; ISO-like
/// stamps are preferred because they are unambiguous.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() > 4000 {
        return parse_date(head(s, 4000));
    }
    if let Some(c) = COMPACT.captures(s) {
        if let Some(d) = ymd(&c[1], &c[2], &c[3]) {
            return Some(d);
        }
    }
    let candidates = [
        ISO.captures(s).and_then(|c| ymd(&c[1], &c[2], &c[3])).map(|d| (ISO.find(s).unwrap().start(), d)),
        text_date(s),
        DMY_NUM.captures(s).and_then(|c| ymd(&c[3], &c[2], &c[1])).map(|d| (DMY_NUM.find(s).unwrap().start(), d)),
    ];
    candidates.into_iter().flatten().min_by_key(|(pos, _)| *pos).map(|(_, d)| d)
}

/// A date written with a month name, and where it starts.
pub fn text_date(s: &str) -> Option<(usize, NaiveDate)> {
    let mdy = MDY_TEXT.captures_iter(s).find_map(|c| {
        let d = plausible(c[3].parse().ok()?, month_number(&c[1])?, c[2].parse().ok()?)?;
        Some((c.get(0)?.start(), d))
    });
    let dmy = DMY_TEXT.captures_iter(s).find_map(|c| {
        let d = plausible(c[3].parse().ok()?, month_number(&c[2])?, c[1].parse().ok()?)?;
        Some((c.get(0)?.start(), d))
    });
    [mdy, dmy].into_iter().flatten().min_by_key(|(pos, _)| *pos)
}

/// A date in a URL path: `/2019/09/18/`, `/2019-09-18-title`, `/20190918/`,
/// `/18-09-2019`.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    URL_DATE
        .captures_iter(url)
        .find_map(|c| ymd(&c[1], &c[2], &c[3]))
        .or_else(|| URL_DMY.captures_iter(url).find_map(|c| ymd(&c[3], &c[2], &c[1])))
}

static SHORT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})\.(\d{1,2})\.(\d{2})(?:\s*[,|-]?\s*\d{1,2}:\d{2}(?:\s*Uhr)?)?$").unwrap());

/// A date line with a two-digit year, `23.09.22` (optionally with a
/// time): the whole text must be the date, as in a date-named element,
/// for two digits name a year only there. Read as 20xx.
pub fn short_year_date(s: &str) -> Option<NaiveDate> {
    let c = SHORT_YEAR.captures(s.trim())?;
    plausible(2000 + c[3].parse::<i32>().ok()?, c[2].parse().ok()?, c[1].parse().ok()?)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    plausible(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_shapes() {
        let want = NaiveDate::from_ymd_opt(2019, 9, 18);
        for s in [
            "2019-09-18T10:35:00Z",
            "September 18, 2019",
            "18 September 2019",
            "18.09.2019",
            "18. Sept. 2019",
            "Sep 18th, 2019",
            "20190918",
        ] {
            assert_eq!(parse_date(s), want, "{s}");
        }
    }

    #[test]
    fn refuses_future_and_ancient_dates() {
        assert_eq!(parse_date("2999-01-01"), None);
        assert_eq!(parse_date("1980-01-01"), None);
    }

    #[test]
    fn two_digit_years_only_on_a_whole_date_line() {
        assert_eq!(short_year_date(" 23.09.22 "), NaiveDate::from_ymd_opt(2022, 9, 23));
        assert_eq!(short_year_date("23.09.22, 14:05 Uhr"), NaiveDate::from_ymd_opt(2022, 9, 23));
        assert_eq!(short_year_date("Version 1.2.22 released"), None);
        assert_eq!(short_year_date("31.02.22"), None);
    }

    #[test]
    fn finds_dates_in_urls() {
        assert_eq!(date_in_url("https://x.org/news/2019/09/18/talks/"), NaiveDate::from_ymd_opt(2019, 9, 18));
        assert_eq!(date_in_url("https://x.org/2019-09-18-talks"), NaiveDate::from_ymd_opt(2019, 9, 18));
        assert_eq!(date_in_url("https://x.org/item/12345"), None);
        assert_eq!(date_in_url("https://x.org/news/18-09-2019"), NaiveDate::from_ymd_opt(2019, 9, 18));
    }

    #[test]
    fn a_label_glued_to_a_numeric_date_does_not_hide_it() {
        assert_eq!(parse_date("Erstellt am09.02.2022"), NaiveDate::from_ymd_opt(2022, 2, 9));
    }

    #[test]
    fn stamps_keep_their_time_and_offset() {
        let s = parse_stamp("2022-05-04T03:37:37+00:00").unwrap();
        assert!(s.is_utc());
        let s = parse_stamp("Wed, 04 May 2022 00:25:56 GMT").unwrap();
        assert_eq!((s.date.to_string(), s.offset), ("2022-05-04".into(), Some(0)));
        let s = parse_stamp("2022-05-03T23:37:37-04:00").unwrap();
        assert_eq!(s.offset, Some(-240));
        assert!(!parse_stamp("2022-05-03").unwrap().is_utc());
    }

    #[test]
    fn utc_stamp_takes_the_local_day_of_the_same_moment() {
        let utc = parse_stamp("2022-05-04T03:37:37Z").unwrap();
        let day = NaiveDate::from_ymd_opt(2022, 5, 3);
        assert_eq!(same_moment_local(&utc, &parse_stamp("2022-05-03T23:37:37-04:00").unwrap()), day);
        assert_eq!(same_moment_local(&utc, &parse_stamp("2022-05-03 21:37:37").unwrap()), day);
        // Another moment, or the same day anyway: nothing to correct.
        assert_eq!(same_moment_local(&utc, &parse_stamp("2022-05-03T20:00:00-04:00").unwrap()), None);
        assert_eq!(same_moment_local(&utc, &parse_stamp("2022-05-04T05:37:37+02:00").unwrap()), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn date_parsers_never_panic(s in "\\PC{0,60}") {
            let _ = parse_date(&s);
            let _ = date_in_url(&s);
            if let Some((at, _)) = text_date(&s) {
                proptest::prop_assert!(s.is_char_boundary(at));
            }
            if let Some(stamp) = parse_stamp(&s) {
                let _ = same_moment_local(&stamp, &stamp);
            }
        }

        #[test]
        fn date_parsers_never_panic_on_near_dates(s in "[0-9]{0,5}[-/. T:]{0,2}[0-9]{0,3}[-/. T:]{0,2}(May|March|Sept\\.?|[0-9]{0,3})[-/. ,T:+Z]{0,3}[0-9]{0,5}([+-][0-9]{2}:?[0-9]{2})?") {
            let _ = parse_date(&s);
            let _ = parse_stamp(&s);
            let _ = text_date(&s);
            let _ = date_in_url(&format!("https://news.example/{s}/story"));
        }
    }
}
