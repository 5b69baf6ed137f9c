//! The plain data model every Chronicle stage speaks: articles, spans into
//! their text, entity mentions, time expressions, event mentions, events and
//! the links between them.
//!
//! This crate has no I/O, no async, no web and no database: stages depend on
//! it and not on each other.
//!
//! ```
//! use chronicle_model::{PartialDate, Span};
//! let d: PartialDate = "2007-11".parse().unwrap();
//! assert_eq!(d.to_string(), "2007-11");
//! let text = "Minsk responded.";
//! assert_eq!(Span::new(0, 5).slice(text), "Minsk");
//! ```

mod annotation;
mod article;
mod date;
mod event;
mod span;
mod vector;

pub use annotation::{Annotation, EntityLabel, EntityMention, Timex, TimexType};
pub use article::Article;
pub use date::{DatePrecision, PartialDate};
pub use event::{Actor, EntityRef, Event, EventId, EventType, Evidence, Mention, MentionRole, Related, SourceRef};
pub use span::Span;
pub use vector::dot;
