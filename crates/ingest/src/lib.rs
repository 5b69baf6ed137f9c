//! Ingest: turn what the user names (files, folders walked recursively,
//! `-` for standard input, `.gz` of any of them) into raw documents, and
//! recognise the two inputs that are events already: chronicle event pages
//! ([`event_page`]) and curated event lists ([`curated`]); RSS and Atom
//! feeds are split into one document an entry ([`feed`]), and JSON Lines
//! dumps of articles into one document a line ([`dump`]). Feeds and
//! articles named by `http(s)` URL are fetched ([`fetch`]) and read through
//! the same path as files.
//!
//! Nothing here interprets an article; that is extraction's job.
//!
//! ```
//! let doc = chronicle_ingest::RawDocument::from_bytes("note.txt", b"Talks resumed.".to_vec());
//! assert_eq!(doc.hash.len(), 64);
//! ```

mod contents;
pub mod curated;
pub mod dump;
pub mod event_page;
pub mod feed;
pub mod fetch;
mod read;

pub use contents::{contents, Contents};
pub use read::{expand_inputs, read_document, InputError, RawDocument, MAX_DOCUMENT_BYTES};

use sha2::{Digest, Sha256};

/// The hex SHA-256 of a document's raw bytes: the key the store uses, so
/// that ingesting the same bytes again changes nothing.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
