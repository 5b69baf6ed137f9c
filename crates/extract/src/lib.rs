//! Extraction: from a document's bytes to an [`Article`]: its own text
//! (no menus, footers, share bars or lists of unrelated headlines), title,
//! publication date, authors, site and language.
//!
//! Stateless: `extract(name, bytes) -> Result<Article, ExtractError>`.
//! The caller has already decompressed `.gz` input and sets `hash`.
//!
//! Three readers share one output shape:
//! - HTML ([`html`]): the encoding is detected ([`decode`]), the page parsed
//!   with html5ever, boilerplate subtrees pruned, and the main content found
//!   as the DOM subtree that maximises "good" text minus link-heavy,
//!   menu-like text; metadata comes from JSON-LD, meta tags, `<time>` and
//!   the URL ([`meta`], [`date`]; which date to trust: `pubdate`).
//! - plain text ([`plain`]): page furniture that survived a copy-paste
//!   (repeated header lines, menus, skip links, footers, trailing lists of
//!   unrelated headlines) is dropped line by line.
//! - Markdown ([`markdown`]): markup is dropped, then as plain text.
//!
//! ```
//! let article = chronicle_extract::extract("note.txt", b"Minsk, 5 March.\n\nTalks resumed today.").unwrap();
//! assert!(article.text.contains("Talks resumed"));
//! ```

use chronicle_model::Article;

pub mod date;
pub mod decode;
pub mod html;
pub mod markdown;
pub mod meta;
pub mod plain;
mod pubdate;
mod text;

/// Inputs larger than this are refused: a news page is far smaller, and the
/// cap keeps the time and memory of one document bounded.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Why a document could not be extracted. Always the input's fault, never
/// ours: callers report it with the input's name and go on.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ExtractError {
    #[error("empty document")]
    Empty,
    #[error("binary data, not text ({0})")]
    Binary(String),
    #[error("no article text found")]
    NoText,
    #[error("document too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
}

/// The kind of document, told from its name and its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Plain,
}

/// Extract the article from a document's (decompressed) bytes. `name` is
/// the input as the user gave it; it goes into `Article::input` and its
/// extension hints at the format.
pub fn extract(name: &str, bytes: &[u8]) -> Result<Article, ExtractError> {
    extract_with_charset(name, bytes, None)
}

/// [`extract`] for a document whose server named its charset, which then
/// decides the decoding unless the bytes start with a byte order mark.
pub fn extract_with_charset(name: &str, bytes: &[u8], charset: Option<&str>) -> Result<Article, ExtractError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ExtractError::TooLarge { size: bytes.len(), limit: MAX_INPUT_BYTES });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    decode::check_binary(bytes)?;
    let source = decode::decode_hinted(bytes, charset);
    let mut article = match detect_format(name, &source) {
        Format::Html => html::extract_html(&source),
        Format::Markdown => markdown_article(&source),
        Format::Plain => plain::extract_plain(&source),
    };
    article.input = name.to_string();
    article.text = text::nfc(article.text);
    article.title = article.title.map(text::nfc);
    if article.text.trim().is_empty() {
        return Err(ExtractError::NoText);
    }
    Ok(article)
}

/// A Markdown document: its text as plain text, and what its front matter
/// says where the text itself does not (the heading stays the title).
fn markdown_article(source: &str) -> Article {
    let mut article = plain::extract_plain(&markdown::to_plain(source));
    let front = markdown::front_matter(source);
    if article.title.is_none() {
        article.title = front.title;
    }
    if let Some(date) = front.date.as_deref().and_then(date::parse_date) {
        article.published = Some(date);
    }
    article.site = article.site.or(front.site);
    article.url = article.url.or(front.url);
    if article.authors.is_empty() {
        article.authors = front.authors;
    }
    article
}

/// Tell HTML, Markdown and plain text apart: the extension first, then a
/// look at the opening of the text.
pub fn detect_format(name: &str, source: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        return Format::Markdown;
    }
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return Format::Html;
    }
    let head: String = source.chars().take(4096).collect::<String>().to_ascii_lowercase();
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || trimmed.starts_with("<?xml") && head.contains("<html")
        || ["<head", "<body", "<div", "<p>", "<meta", "<title"].iter().any(|t| head.contains(t))
    {
        return Format::Html;
    }
    Format::Plain
}
