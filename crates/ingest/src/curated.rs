//! Curated event lists: JSON Lines of `{"date", "text", "outlets",
//! "stories", "category"}` records, each already one event.

use chronicle_model::PartialDate;
use serde::Deserialize;

/// One record of a curated event list.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CuratedEvent {
    pub date: PartialDate,
    pub text: String,
    #[serde(default, deserialize_with = "strings")]
    pub outlets: Vec<String>,
    #[serde(default, deserialize_with = "strings")]
    pub stories: Vec<String>,
    #[serde(default)]
    pub category: Option<String>,
}

/// Outlets and stories come as strings or as `{"name": …}` objects; null
/// and empty entries are dropped.
fn strings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Item {
        Text(String),
        Named { name: String },
        Other(serde::de::IgnoredAny),
    }
    let items: Option<Vec<Item>> = Option::deserialize(d)?;
    Ok(items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| match i {
            Item::Text(s) | Item::Named { name: s } => Some(s.trim().to_string()),
            Item::Other(_) => None,
        })
        .filter(|s| !s.is_empty())
        .collect())
}

/// Parse one line of a curated list. Blank lines give `Ok(None)`.
pub fn parse_line(line: &str) -> Result<Option<CuratedEvent>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let event: CuratedEvent = serde_json::from_str(line).map_err(|e| e.to_string())?;
    if event.text.trim().is_empty() {
        return Err("record has an empty text".into());
    }
    Ok(Some(event))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_record() {
        let line = r#"{"date": "2016-04-25", "text": "Envoys meet.", "outlets": ["Wire"], "stories": ["Talks"], "category": "Politics"}"#;
        let e = parse_line(line).unwrap().unwrap();
        assert_eq!(e.date.to_string(), "2016-04-25");
        assert_eq!(e.outlets, ["Wire"]);
        assert_eq!(e.stories, ["Talks"]);
    }

    #[test]
    fn optional_fields_may_be_missing_or_null() {
        let e = parse_line(r#"{"date": "2016", "text": "A thing.", "outlets": null}"#).unwrap().unwrap();
        assert!(e.outlets.is_empty() && e.stories.is_empty() && e.category.is_none());
    }

    #[test]
    fn bad_records_are_errors_not_panics() {
        assert!(parse_line(r#"{"text": "no date"}"#).is_err());
        assert!(parse_line(r#"{"date": "2016-02-31", "text": "x"}"#).is_err());
        assert!(parse_line(r#"{"date": "2016-02-01", "text": "  "}"#).is_err());
        assert!(parse_line("{truncated").is_err());
        assert_eq!(parse_line("   "), Ok(None));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn never_panics_on_lines(line in "\\PC{0,200}") {
            let _ = parse_line(&line);
        }

        #[test]
        fn never_panics_on_near_records(date in "[0-9-]{0,12}", outlets in "(\"[a-z]{0,4}\"|\\{\"name\": \"[a-z]{0,4}\"\\}|null|1|\\[\\]|,){0,6}") {
            let _ = parse_line(&format!(r#"{{"date": "{date}", "text": "x", "outlets": [{outlets}]}}"#));
        }
    }
}
