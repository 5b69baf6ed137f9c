//! Publishing: the event object every JSON surface shares
//! ([`event_json`]), paths and slugs of the chronicle's pages ([`paths`]),
//! and the static Markdown export ([`markdown`]) in the layout of a news
//! chronicle's event pages.
//!
//! Reads a store snapshot; writes nothing to the store.
//!
//! ```
//! assert_eq!(chronicle_publish::paths::slug("U.S. eases sanctions!"), "u-s-eases-sanctions");
//! ```

mod json;
pub mod markdown;
pub mod paths;

pub use json::{event_json, status_json};
