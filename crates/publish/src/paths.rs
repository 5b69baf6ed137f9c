//! Where the chronicle's pages live: `news/YYYY/MM/DD/index.md` for a day,
//! `news/YYYY/MM/DD/<slug>.md` for an event.

use chronicle_model::{Event, PartialDate};

/// The longest slug: long enough to tell events apart, short enough for
/// any file system.
const MAX_SLUG: usize = 140;

/// A lower-case, dash-separated file name from a summary.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        if out.len() + word.len() + 1 > MAX_SLUG {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    if out.is_empty() {
        out.push_str("event");
    }
    out
}

/// The folder of a date's day page: `news/2007/04/25`, `news/2007/04`
/// for a month, `news/2007` for a year, `news/undated` for no date.
pub fn day_dir(date: Option<&PartialDate>) -> String {
    match date {
        None => "news/undated".to_string(),
        Some(d) => {
            let mut dir = format!("news/{:04}", d.year);
            if let Some(m) = d.month {
                dir += &format!("/{m:02}");
                if let Some(day) = d.day {
                    dir += &format!("/{day:02}");
                }
            }
            dir
        }
    }
}

/// The day page of a date, as the chronicle links it: `/news/2007/04/25/index.md`.
pub fn day_page(date: Option<&PartialDate>) -> String {
    format!("/{}/index.md", day_dir(date))
}

/// An event's page: `/news/2007/04/25/<slug>-<id prefix>.md`. The id
/// prefix keeps two events with the same summary on one day apart.
pub fn event_page(event: &Event) -> String {
    event_page_of(event.date.as_ref(), &event.summary, &event.id.0)
}

pub fn event_page_of(date: Option<&PartialDate>, summary: &str, id: &str) -> String {
    let short: String = id.chars().take(6).collect();
    format!("/{}/{}-{}.md", day_dir(date), slug(summary), short)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_dashes() {
        assert_eq!(slug("Freedonia's envoy—recalled (again)"), "freedonia-s-envoy-recalled-again");
        assert_eq!(slug("!!!"), "event");
        assert!(slug(&"word ".repeat(100)).len() <= MAX_SLUG);
    }

    #[test]
    fn day_dirs_follow_precision() {
        assert_eq!(day_dir(Some(&PartialDate::day(2007, 4, 25))), "news/2007/04/25");
        assert_eq!(day_dir(Some(&PartialDate::month(2007, 4))), "news/2007/04");
        assert_eq!(day_dir(None), "news/undated");
    }
}
