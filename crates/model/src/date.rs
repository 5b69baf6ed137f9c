//! Dates of events, which are often known only to the month or the year.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// How much of an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Unknown,
}

impl DatePrecision {
    pub fn as_str(&self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
        }
    }
}

/// A calendar date known to the day, the month or only the year:
/// `2008-03-06`, `2008-03`, `2008`. Ordered chronologically, a less precise
/// date sorting before the more precise dates inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn day(year: i32, month: u32, day: u32) -> Self {
        PartialDate { year, month: Some(month), day: Some(day) }
    }

    pub fn month(year: i32, month: u32) -> Self {
        PartialDate { year, month: Some(month), day: None }
    }

    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    pub fn from_naive(date: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        PartialDate::day(date.year(), date.month(), date.day())
    }

    /// The full date when the day is known.
    pub fn to_naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    pub fn precision(&self) -> DatePrecision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => DatePrecision::Day,
            (Some(_), None) => DatePrecision::Month,
            _ => DatePrecision::Year,
        }
    }

    /// The first day the date can stand for (a month's 1st, a year's 1 January).
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can stand for (a month's last day, a year's
    /// 31 December).
    pub fn last_day(&self) -> Option<chrono::NaiveDate> {
        if let Some(day) = self.to_naive() {
            return Some(day);
        }
        let (year, month) = match self.month {
            Some(12) | None => (self.year + 1, 1),
            Some(m) => (self.year, m + 1),
        };
        chrono::NaiveDate::from_ymd_opt(year, month, 1)?.pred_opt()
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Why a string is not a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError(pub String);

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {:?}", self.0)
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for PartialDate {
    type Err = DateParseError;

    /// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and a longer ISO timestamp
    /// whose first ten characters are a date.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || DateParseError(s.to_string());
        let s = s.trim();
        let head = s.get(..10).filter(|h| s.len() > 10 && h.is_ascii()).unwrap_or(s);
        let mut parts = head.splitn(3, '-');
        let year: i32 = parse_digits(parts.next(), 4).ok_or_else(err)?;
        let month = parts.next().map(|m| parse_digits(m.into(), 2).ok_or_else(err)).transpose()?;
        let day = parts.next().map(|d| parse_digits(d.into(), 2).ok_or_else(err)).transpose()?;
        let date = PartialDate { year, month, day };
        let valid = match (month, day) {
            (Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(year, m, d).is_some(),
            (Some(m), None) => (1..=12).contains(&m),
            _ => true,
        };
        valid.then_some(date).ok_or_else(err)
    }
}

fn parse_digits<T: FromStr>(part: Option<&str>, width: usize) -> Option<T> {
    let part = part?;
    (part.len() == width && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok()).flatten()
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_day_ends_the_month_or_year() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(PartialDate::month(2008, 2).last_day(), day(2008, 2, 29));
        assert_eq!(PartialDate::month(2007, 12).last_day(), day(2007, 12, 31));
        assert_eq!(PartialDate::year(2016).last_day(), day(2016, 12, 31));
        assert_eq!(PartialDate::day(2019, 9, 17).last_day(), day(2019, 9, 17));
    }

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2008-03-06", "2008-03", "2008"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn timestamp_is_cut_to_its_date() {
        let d: PartialDate = "2019-09-18T10:35:00Z".parse().unwrap();
        assert_eq!(d, PartialDate::day(2019, 9, 18));
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in ["2019-02-30", "2019-13", "19", "", "2019-1-1", "abcd"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
    }

    #[test]
    fn orders_chronologically() {
        let year: PartialDate = "2007".parse().unwrap();
        let nov: PartialDate = "2007-11".parse().unwrap();
        let day: PartialDate = "2007-11-13".parse().unwrap();
        assert!(year < nov && nov < day);
    }
}
