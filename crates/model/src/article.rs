//! Articles: what extraction makes of one input document.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One document's main text and metadata, as extraction left it.
///
/// `hash` is the hex digest of the document's raw bytes: the store keys
/// documents by it, so ingesting the same bytes twice changes nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The input as the user named it (a path, `-`, a URL).
    pub input: String,
    pub hash: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub authors: Vec<String>,
    pub site: Option<String>,
    pub language: Option<String>,
    /// The article's own text, paragraphs separated by a blank line.
    pub text: String,
}
