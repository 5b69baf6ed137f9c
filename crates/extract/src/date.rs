//! Publication dates from the strings pages carry them in: ISO stamps,
//! `18.09.2019`, `September 18, 2019`, `18. September 2019`, and URL paths
//! such as `/2019/09/18/`. Every date is kept within 1990..=today: a page
//! never was published in the future.

use chrono::{Datelike, NaiveDate};
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
static DMY_NUM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d\d)\b").unwrap());
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
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])").unwrap());

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
        let mut cut = 4000;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        return parse_date(&s[..cut]);
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

/// A date in a URL path: `/2019/09/18/`, `/2019-09-18-title`, `/20190918/`.
pub fn date_in_url(url: &str) -> Option<NaiveDate> {
    URL_DATE.captures_iter(url).find_map(|c| ymd(&c[1], &c[2], &c[3]))
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
    fn finds_dates_in_urls() {
        assert_eq!(date_in_url("https://x.org/news/2019/09/18/talks/"), NaiveDate::from_ymd_opt(2019, 9, 18));
        assert_eq!(date_in_url("https://x.org/2019-09-18-talks"), NaiveDate::from_ymd_opt(2019, 9, 18));
        assert_eq!(date_in_url("https://x.org/item/12345"), None);
    }
}
