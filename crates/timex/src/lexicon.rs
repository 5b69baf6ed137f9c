//! Words of time: month, weekday, season and unit names, number words.
//!
//! Each table pairs the regex alternation the patterns use with the parser
//! that turns a matched word back into a number, so both stay in one place.

use regex::Regex;
use std::sync::OnceLock;

/// Month names and their abbreviations (longest first, so the regex
/// alternation prefers "September" over "Sept." over "Sep").
pub const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan\.|feb\.|mar\.|apr\.|jun\.|jul\.|aug\.|sept\.|sep\.|oct\.|nov\.|dec\.|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

/// Whether `word` is a month name or its abbreviation, as `MONTH` lists
/// them ("June", "Sept.", "dec"), and nothing longer ("Marine").
pub fn is_month_name(word: &str) -> bool {
    static WHOLE_MONTH: OnceLock<Regex> = OnceLock::new();
    WHOLE_MONTH.get_or_init(|| Regex::new(&format!("(?i)^{MONTH}$")).expect("MONTH is a valid pattern")).is_match(word)
}

/// Full weekday names; abbreviations ("Sun", "Wed") are too ambiguous in prose.
pub const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

/// Seasons, with the TIMEX3 season codes they map to.
pub const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";

/// Number words up to ninety-nine plus the few larger round numbers news uses.
pub const NUMBER_WORD: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|one hundred|hundred|a dozen|a couple of|a couple|couple of|a few|few|several|many|some|a|an)";

/// A count: digits or number words.
pub fn count_pattern() -> String {
    format!(r"(?:\d+(?:\.\d+)?|{NUMBER_WORD})")
}

/// Units a duration or a relative date can count in.
pub const UNIT: &str = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|quarters?|decades?|centuries|century)";

/// Unit words as they start a following word, for telling a count ("two
/// thousand years") from a year read out.
pub const UNIT_WORDS: &[&str] = &["year", "month", "week", "day", "hour", "minute", "decade", "centur"];

pub fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let n = match w.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

/// Monday = 0 … Sunday = 6, as `chrono::Weekday::num_days_from_monday`.
pub fn weekday_number(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let n = match w.get(..3)? {
        "mon" => 0,
        "tue" => 1,
        "wed" => 2,
        "thu" => 3,
        "fri" => 4,
        "sat" => 5,
        "sun" => 6,
        _ => return None,
    };
    Some(n)
}

pub fn season_code(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

fn small_number(word: &str) -> Option<u32> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    if let Some(i) = ONES.iter().position(|w| *w == word) {
        return Some(i as u32);
    }
    let mut parts = word.split(['-', ' ']);
    let tens = parts.next()?;
    let t = TENS.iter().position(|w| *w == tens)? as u32 * 10 + 20;
    match parts.next() {
        None => Some(t),
        Some(one) => Some(t + ONES[1..10].iter().position(|w| *w == one)? as u32 + 1),
    }
}

/// The value of a count: `Some(Some(n))` for a known number, `Some(None)` for
/// a vague one ("several", "a few"), `None` when the word is no count at all.
pub fn count_value(word: &str) -> Option<Option<f64>> {
    let w = word.trim().to_ascii_lowercase();
    if let Ok(n) = w.parse::<f64>() {
        return Some(Some(n));
    }
    Some(match w.as_str() {
        "a" | "an" => Some(1.0),
        "a couple" | "a couple of" | "couple of" => Some(2.0),
        "a dozen" => Some(12.0),
        "a hundred" | "one hundred" | "hundred" => Some(100.0),
        "a few" | "few" | "several" | "many" | "some" => None,
        _ => Some(f64::from(small_number(&w)?)),
    })
}

/// The TIMEX3 unit letter of a unit word and whether it is a time (`PT…`)
/// unit; decades and centuries are counted in years.
pub fn unit_code(word: &str) -> Option<(&'static str, u32, bool)> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "year" => ("Y", 1, false),
        "month" => ("M", 1, false),
        "week" => ("W", 1, false),
        "day" => ("D", 1, false),
        "quarter" => ("Q", 1, false),
        "decade" => ("Y", 10, false),
        "century" | "centurie" => ("Y", 100, false),
        "hour" => ("H", 1, true),
        "minute" => ("M", 1, true),
        "second" => ("S", 1, true),
        _ => return None,
    })
}

/// Ordinals as written out, for "the first quarter", "the 20th century".
pub fn ordinal_value(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    Some(match w.as_str() {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" | "final" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_words_and_digits() {
        assert_eq!(count_value("three"), Some(Some(3.0)));
        assert_eq!(count_value("twenty-four"), Some(Some(24.0)));
        assert_eq!(count_value("11"), Some(Some(11.0)));
        assert_eq!(count_value("several"), Some(None));
        assert_eq!(count_value("blue"), None);
    }

    #[test]
    fn month_and_weekday_names() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(weekday_number("Thursday"), Some(3));
    }

    #[test]
    fn month_names_are_whole_words_of_the_month_list() {
        for word in ["June", "Sept.", "Sept", "dec", "SEPTEMBER", "may"] {
            assert!(is_month_name(word), "{word}");
        }
        for word in ["Marine", "Junes", "decade", "Sept.ember", ""] {
            assert!(!is_month_name(word), "{word}");
        }
    }
}
