//! RSS and Atom feeds: each entry becomes a document of its own, with the
//! metadata the feed gives (title, link, date, authors, the feed's title as
//! the site) and the entry's content or summary as its body.
//!
//! Parsing is `feed-rs`'s (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed). What is
//! ours is telling a feed from a page and turning entries into documents
//! whose hash stays the same when the feed is read again, so re-reading a
//! feed stores only its new entries.

use crate::{content_hash, RawDocument};
use chrono::NaiveDate;

/// One entry of a feed, ready to be extracted like any document.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    /// The document: its input is `FEED#N` (the N-th entry, from 1), its
    /// bytes an HTML fragment of the entry's title and body.
    pub document: RawDocument,
    pub meta: EntryMeta,
    /// Whether the entry carries its article's content; one that carries
    /// only a summary points to the article by its link.
    pub full: bool,
}

/// What the feed says of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryMeta {
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<NaiveDate>,
    pub authors: Vec<String>,
    /// The feed's own title, standing for the site.
    pub site: Option<String>,
}

impl EntryMeta {
    /// Give the article extracted from this entry what the feed says of it:
    /// the feed's title, link, date, authors and site outrank what the
    /// extractor guessed from the entry's fragment.
    pub fn describe(self, article: &mut chronicle_model::Article) {
        article.title = self.title.or(article.title.take());
        article.url = self.url.or(article.url.take());
        article.published = self.published.or(article.published);
        article.site = self.site.or(article.site.take());
        if !self.authors.is_empty() {
            article.authors = self.authors;
        }
    }
}

/// Whether the opening bytes are those of an RSS or Atom feed rather than a
/// page: an XML root named `rss`, `feed` or `rdf:RDF`.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if !head.starts_with('<') {
        return false;
    }
    let Some(root) = first_element(head) else { return false };
    root == "rss" || root == "feed" || root == "rdf:rdf"
}

/// The name of the first element that is not a declaration, comment or
/// processing instruction.
fn first_element(head: &str) -> Option<&str> {
    let mut rest = head;
    loop {
        let at = rest.find('<')?;
        rest = &rest[at + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(&rest[..end]);
    }
}

/// The entries of `bytes` when they are an RSS or Atom feed, or why that
/// feed cannot be read; `None` when they are no feed at all.
pub fn entries_if_feed(input: &str, bytes: &[u8]) -> Option<Result<Vec<FeedEntry>, String>> {
    looks_like_feed(bytes).then(|| entries(input, bytes))
}

/// The entries of the feed `input` whose bytes are `bytes`, or why it cannot
/// be read (a truncated or malformed feed).
pub fn entries(input: &str, bytes: &[u8]) -> Result<Vec<FeedEntry>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("unreadable feed: {e}"))?;
    let site = feed.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    Ok(feed.entries.into_iter().enumerate().map(|(i, e)| entry(input, i + 1, e, site.clone())).collect())
}

fn entry(input: &str, n: usize, e: feed_rs::model::Entry, site: Option<String>) -> FeedEntry {
    let title = e.title.map(|t| t.content.trim().to_string()).filter(|t| !t.is_empty());
    let url = e.links.first().map(|l| l.href.clone());
    let content = e.content.and_then(|c| c.body).filter(|b| !b.trim().is_empty());
    let full = content.is_some();
    let body = content.or_else(|| e.summary.map(|s| s.content)).unwrap_or_default();
    let published = e.published.or(e.updated).map(|d| d.date_naive());
    let authors = e.authors.into_iter().filter_map(|p| p.name).map(|n| n.trim().to_string()).filter(|a| !a.is_empty());
    let authors = authors.collect();
    let html = fragment(title.as_deref(), published, &body);
    // The entry's identity, not the feed file's: the same entry read from a
    // later copy of the feed has the same hash.
    let identity = format!("{}\n{}\n{}", e.id, url.as_deref().unwrap_or_default(), html);
    let document = RawDocument {
        input: format!("{input}#{n}"),
        hash: content_hash(identity.as_bytes()),
        bytes: html.into_bytes(),
        charset: None,
    };
    FeedEntry { document, meta: EntryMeta { title, url, published, authors, site }, full }
}

/// An HTML page of the entry, so that the page extractor reads it as it
/// reads any article: the title as its heading, the date in a `<time>`.
fn fragment(title: Option<&str>, published: Option<NaiveDate>, body: &str) -> String {
    let title = title.map(escape).unwrap_or_default();
    let time = published.map(|d| format!("<time datetime=\"{d}\">{d}</time>")).unwrap_or_default();
    let body = if body.contains('<') { body.to_string() } else { format!("<p>{}</p>", escape(body)) };
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{time}{body}</article></body></html>"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Ferries resume after the strike</title><link>https://gazette.example/ferries</link>
<guid>ferries-1</guid><pubDate>Tue, 06 May 2031 09:30:00 GMT</pubDate>
<description>&lt;p&gt;The ferry crews of Port Kessel returned to work on Tuesday after their union accepted a new pay offer.&lt;/p&gt;</description></item>
<item><title>Council approves the harbour budget</title><link>https://gazette.example/budget</link>
<description>The council of Port Kessel approved the harbour budget for next year.</description></item>
</channel></rss>"#;

    #[test]
    fn rss_items_become_documents_with_their_metadata() {
        assert!(looks_like_feed(RSS.as_bytes()));
        let found = entries("news.xml", RSS.as_bytes()).unwrap();
        assert_eq!(found.len(), 2);
        let first = &found[0];
        assert_eq!(first.document.input, "news.xml#1");
        assert_eq!(first.meta.title.as_deref(), Some("Ferries resume after the strike"));
        assert_eq!(first.meta.url.as_deref(), Some("https://gazette.example/ferries"));
        assert_eq!(first.meta.published, NaiveDate::from_ymd_opt(2031, 5, 6));
        assert_eq!(first.meta.site.as_deref(), Some("Harbour Gazette"));
        let html = String::from_utf8(first.document.bytes.clone()).unwrap();
        assert!(html.contains("<p>The ferry crews of Port Kessel returned"), "{html}");
        assert!(String::from_utf8_lossy(&found[1].document.bytes).contains("<p>The council of Port Kessel"));
        assert!(!first.full, "an RSS description is a summary");
    }

    #[test]
    fn an_entry_keeps_its_hash_in_a_later_copy_of_the_feed() {
        let later = RSS.replace("<channel><title>Harbour Gazette</title>", "<channel><title>Harbour Gazette</title><item><title>New</title><description>A new entry.</description></item>");
        let before = entries("a.xml", RSS.as_bytes()).unwrap();
        let after = entries("b.xml", later.as_bytes()).unwrap();
        assert_eq!(after.len(), 3);
        assert_eq!(after[1].document.hash, before[0].document.hash);
        assert_eq!(after[2].document.hash, before[1].document.hash);
    }

    #[test]
    fn atom_is_a_feed_and_a_page_is_not() {
        let atom = r#"<?xml version="1.0"?><!-- mirror --><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><id>urn:w:1</id><title>Talks open</title><updated>2031-05-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;Talks opened in Marsovia.&lt;/p&gt;</content></entry></feed>"#;
        assert!(looks_like_feed(atom.as_bytes()));
        let found = entries("wire.atom", atom.as_bytes()).unwrap();
        assert_eq!(found[0].meta.published, NaiveDate::from_ymd_opt(2031, 5, 2));
        assert!(found[0].full, "Atom content is the article");
        assert!(!looks_like_feed(b"<!DOCTYPE html><html><body><p>A page.</p></body></html>"));
        assert!(!looks_like_feed(b"Plain text about a feed <rss> tag."));
    }

    #[test]
    fn truncated_feed_is_an_error_not_a_panic() {
        let cut = &RSS.as_bytes()[..RSS.len() / 2];
        assert!(looks_like_feed(cut));
        let err = entries("cut.xml", cut).unwrap_err();
        assert!(err.starts_with("unreadable feed"), "{err}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        #[test]
        fn never_panics_on_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1024)) {
            let _ = looks_like_feed(&bytes);
            let _ = entries("any.xml", &bytes);
        }

        #[test]
        fn never_panics_on_near_feeds(items in "(<item>|</item>|<title>[a-z ]{0,12}</title>|<pubDate>[A-Za-z0-9 ,:+]{0,30}</pubDate>|<description>[a-z&;<> ]{0,30}</description>|<guid>[a-z0-9]{0,6}</guid>){0,12}") {
            let feed = format!("<rss version=\"2.0\"><channel><title>T</title>{items}</channel></rss>");
            if let Ok(found) = entries("near.xml", feed.as_bytes()) {
                for (i, entry) in found.iter().enumerate() {
                    proptest::prop_assert_eq!(&entry.document.input, &format!("near.xml#{}", i + 1));
                }
            }
        }
    }
}
