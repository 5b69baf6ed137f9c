//! Publishing: the event object every JSON surface shares
//! ([`event_json`]), paths and slugs of the chronicle's pages ([`paths`]),
//! the static Markdown export ([`markdown`]) in the layout of a news
//! chronicle's event pages, and the HTML [`site`] that the portal serves
//! and the HTML export writes.
//!
//! Reads a store snapshot; writes nothing to the store.
//!
//! ```
//! assert_eq!(chronicle_publish::paths::slug("U.S. eases sanctions!"), "u-s-eases-sanctions");
//! ```

pub mod boards;
mod json;
pub mod markdown;
pub mod paths;
pub mod site;

pub use json::{event_json, status_json};
