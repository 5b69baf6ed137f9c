//! What one document holds: a page or text to extract, the entries of a
//! feed, or the articles of a dump. Decided here once, so that `extract`
//! and `ingest` read every input alike.

use crate::{dump, feed, RawDocument};
use chronicle_model::Article;

/// The contents of one document.
pub enum Contents {
    /// A page, text or Markdown document to extract.
    Document(RawDocument),
    /// A feed's entries, each a document with what the feed says of it.
    Entries(Vec<feed::FeedEntry>),
    /// A dump's articles, given whole, or for a bad line its input and why.
    Articles(Vec<Result<Article, (String, String)>>),
}

/// Tell what `doc` holds; a feed that cannot be read is an error naming
/// the input.
pub fn contents(doc: RawDocument) -> Result<Contents, (String, String)> {
    if let Some(read) = feed::entries_if_feed(&doc.input, &doc.bytes) {
        return read.map(Contents::Entries).map_err(|reason| (doc.input, reason));
    }
    if dump::is_dump(doc.content_name()) {
        return Ok(Contents::Articles(dump::articles(&doc.input, &doc.bytes)));
    }
    Ok(Contents::Document(doc))
}
