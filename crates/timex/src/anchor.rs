//! Calendar arithmetic on the document date and TIMEX3 value formatting.
//!
//! Everything here is pure: a date in, a date or a value string out.

use chrono::{Datelike, Duration, NaiveDate};

/// Which way an expression without an explicit "last"/"next" points from
/// the document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Past,
    Future,
    /// No tense cue found: the resolver picks what news usage makes likely.
    Unknown,
}

pub fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn ym(year: i32, month: u32) -> String {
    format!("{year:04}-{month:02}")
}

/// The ISO week value `2008-W11`.
pub fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub fn quarter_of(month: u32) -> u32 {
    (month - 1) / 3 + 1
}

/// The year and month `n` months away from `year`-`month`.
pub fn shift_month(year: i32, month: u32, n: i32) -> (i32, u32) {
    let total = year * 12 + month as i32 - 1 + n;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// The year and quarter `n` quarters away.
pub fn shift_quarter(year: i32, quarter: u32, n: i32) -> (i32, u32) {
    let total = year * 4 + quarter as i32 - 1 + n;
    (total.div_euclid(4), total.rem_euclid(4) as u32 + 1)
}

pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// The weekday `wd` (Monday = 0) nearest `dct` in `dir`, counting the
/// document date itself: news says "Friday" for the day it is published.
pub fn weekday_near(dct: NaiveDate, wd: u32, dir: Direction) -> Option<NaiveDate> {
    let today = dct.weekday().num_days_from_monday() as i64;
    let wd = wd as i64;
    let offset = match dir {
        Direction::Future => (wd - today).rem_euclid(7),
        Direction::Past | Direction::Unknown => -(today - wd).rem_euclid(7),
    };
    add_days(dct, offset)
}

/// The weekday `wd` of the ISO week `weeks` weeks from `dct`'s.
pub fn weekday_in_week(dct: NaiveDate, wd: u32, weeks: i64) -> Option<NaiveDate> {
    let today = dct.weekday().num_days_from_monday() as i64;
    add_days(dct, weeks * 7 + wd as i64 - today)
}

/// The year a month (and day) without a year most likely falls in.
pub fn year_for(dct: NaiveDate, month: u32, day: Option<u32>, dir: Direction) -> i32 {
    let y = dct.year();
    let key = |m: u32, d: u32| m * 100 + d;
    let this = key(dct.month(), if day.is_some() { dct.day() } else { 0 });
    let that = key(month, day.unwrap_or(0));
    match dir {
        // A date a few weeks the "wrong" side of the document date is
        // still this year's: "by Jan. 14" in a story of Jan. 15.
        Direction::Past if that > this && that - this > 100 => y - 1,
        Direction::Future if that < this && this - that > 100 => y + 1,
        Direction::Unknown => {
            // The nearest occurrence, but news looks back: a date ahead
            // wins only when it is near and nearer than the one behind.
            // A whole month is as near as its nearest day: its first day
            // ahead, its last day behind.
            let (first, last) = match day {
                Some(d) => (d.min(28), d.min(28)),
                None => (1, 28),
            };
            let at = |year: i32, d: u32| NaiveDate::from_ymd_opt(year, month, d);
            let (Some(this_year), Some(before), Some(after)) = (at(y, first), at(y - 1, last), at(y + 1, first)) else {
                return y;
            };
            let (past, future) =
                if this_year <= dct { (at(y, last).unwrap_or(this_year), after) } else { (before, this_year) };
            let back = (dct - past).num_days().max(0);
            let ahead = (future - dct).num_days();
            if ahead <= 75 && ahead < back {
                future.year()
            } else {
                past.year()
            }
        }
        _ => y,
    }
}

/// The last day a season ends, for "last summer": the season of `year`.
fn season_end(year: i32, code: &str) -> Option<NaiveDate> {
    let (y, m, d) = match code {
        "SP" => (year, 5, 31),
        "SU" => (year, 8, 31),
        "FA" => (year, 11, 30),
        _ => (year + 1, 2, 28),
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

fn season_start(year: i32, code: &str) -> Option<NaiveDate> {
    let m = match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    NaiveDate::from_ymd_opt(year, m, 1)
}

/// The year of the season `code` the document calls last (-1), this (0)
/// or next (+1).
pub fn season_year(dct: NaiveDate, code: &str, shift: i32) -> i32 {
    let y = dct.year();
    match shift {
        s if s < 0 => {
            if season_end(y, code).is_some_and(|end| end < dct) {
                y
            } else {
                y - 1
            }
        }
        s if s > 0 => {
            if season_start(y, code).is_some_and(|start| start > dct) {
                y
            } else {
                y + 1
            }
        }
        _ => y,
    }
}

/// Day `nth` (1-based) weekday `wd` of a month: Thanksgiving is the 4th
/// Thursday of November.
pub fn nth_weekday(year: i32, month: u32, wd: u32, nth: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset = (wd as i64 - first.weekday().num_days_from_monday() as i64).rem_euclid(7);
    add_days(first, offset + 7 * (nth as i64 - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekdays_point_back_by_default() {
        // 2019-09-18 is a Wednesday.
        assert_eq!(weekday_near(d(2019, 9, 18), 1, Direction::Unknown), Some(d(2019, 9, 17)));
        assert_eq!(weekday_near(d(2019, 9, 18), 3, Direction::Future), Some(d(2019, 9, 19)));
        assert_eq!(weekday_near(d(2019, 9, 18), 2, Direction::Past), Some(d(2019, 9, 18)));
    }

    #[test]
    fn seasons_and_months() {
        assert_eq!(season_year(d(2008, 3, 11), "SU", -1), 2007);
        assert_eq!(year_for(d(2008, 3, 11), 11, Some(13), Direction::Past), 2007);
        assert_eq!(shift_month(2008, 1, -1), (2007, 12));
        assert_eq!(week(d(2008, 3, 11)), "2008-W11");
    }
}
