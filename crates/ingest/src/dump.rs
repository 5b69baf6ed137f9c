//! JSON Lines dumps of articles, one `{"text", "title", "published",
//! "url", "source", "authors", "id"}` object a line (all but `text`
//! optional): each line is a document of its own, keyed by the hash of the
//! line, so a dump read again, or grown and read again, adds only what is
//! new. A bad line is one failed input, named `FILE:LINE`.
//!
//! Curated *event* lists are JSON Lines too, but they come through
//! `ingest --events`; a `.jsonl` named as an input is read as articles.

use crate::content_hash;
use chronicle_model::Article;
use serde::Deserialize;

/// Whether an input's name says it is a JSON Lines dump.
pub fn is_dump(content_name: &str) -> bool {
    let lower = content_name.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

#[derive(Deserialize)]
struct Record {
    text: Option<String>,
    title: Option<String>,
    #[serde(alias = "date")]
    published: Option<String>,
    url: Option<String>,
    #[serde(alias = "site")]
    source: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
}

/// The articles of a dump (their input is `FILE:LINE`, their hash the
/// line's), or for each bad line its input and why.
pub fn articles(input: &str, bytes: &[u8]) -> Vec<Result<Article, (String, String)>> {
    // Split on \n only: U+2028 and U+2029 are legal inside JSON strings.
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(i, line)| {
            let at = format!("{input}:{}", i + 1);
            article(&at, line).map_err(|reason| (at, reason))
        })
        .collect()
}

fn article(at: &str, line: &[u8]) -> Result<Article, String> {
    let record: Record = serde_json::from_slice(line).map_err(|e| format!("bad article record: {e}"))?;
    let text = record.text.filter(|t| !t.trim().is_empty()).ok_or("bad article record: no text")?;
    Ok(Article {
        input: at.to_string(),
        hash: content_hash(line),
        text,
        title: record.title.filter(|t| !t.trim().is_empty()),
        published: record.published.as_deref().and_then(|d| d.get(..10)).and_then(|d| d.parse().ok()),
        url: record.url,
        site: record.source,
        authors: record.authors,
        language: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const DUMP: &str = concat!(
        r#"{"id": 1, "title": "Ferries resume", "text": "The ferry crews of Port Kessel returned to work.", "published": "2031-05-06T09:30:00Z", "url": "https://gazette.example/ferries", "source": "Harbour Gazette"}"#,
        "\n",
        r#"{"title": "No text here"}"#,
        "\n\n",
        r#"{"text": "Talks opened in Marsovia\u2028on Friday.", "date": "2031-05-02"}"#,
        "\n",
        r#"{"text": "truncated"#,
    );

    #[test]
    fn each_line_is_an_article_and_each_bad_line_a_named_failure() {
        let found = articles("dump.jsonl", DUMP.as_bytes());
        assert_eq!(found.len(), 4);
        let first = found[0].as_ref().unwrap();
        assert_eq!(first.input, "dump.jsonl:1");
        assert_eq!(first.title.as_deref(), Some("Ferries resume"));
        assert_eq!(first.published, NaiveDate::from_ymd_opt(2031, 5, 6));
        assert_eq!(first.site.as_deref(), Some("Harbour Gazette"));
        assert_eq!(found[1].as_ref().unwrap_err().0, "dump.jsonl:2");
        let third = found[2].as_ref().unwrap();
        assert_eq!(third.input, "dump.jsonl:4", "lines keep their numbers");
        assert!(third.text.contains('\u{2028}'), "U+2028 inside a string does not split the line");
        assert_eq!(third.published, NaiveDate::from_ymd_opt(2031, 5, 2));
        let (at, reason) = found[3].as_ref().unwrap_err();
        assert_eq!(at, "dump.jsonl:5");
        assert!(reason.starts_with("bad article record"), "{reason}");
    }

    #[test]
    fn dumps_are_told_by_their_name() {
        assert!(is_dump("news.jsonl") && is_dump("NEWS.NDJSON"));
        assert!(!is_dump("news.json") && !is_dump("page.html"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn never_panics_and_names_every_bad_line(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512)) {
            for found in articles("any.jsonl", &bytes) {
                if let Err((input, reason)) = found {
                    proptest::prop_assert!(input.starts_with("any.jsonl:") && !reason.is_empty());
                }
            }
        }

        #[test]
        fn never_panics_on_near_records(published in "\\PC{0,14}", text in "\\PC{0,20}") {
            let line = serde_json::json!({"text": text, "published": published}).to_string();
            let _ = articles("near.jsonl", line.as_bytes());
        }
    }
}
