//! Events: read the happenings an annotated article tells of ([`mentions`]),
//! code each with a PLOVER type, actors and a cooperation–conflict score
//! ([`code`]), and group articles about one happening as they arrive
//! ([`Clusterer`], whose state lives where the caller keeps it).
//!
//! Coding is rule-based: trigger phrases per PLOVER type (see
//! `coding/lexicon.rs`), negation ("did not accept" → REJECT) and intent
//! ("will withdraw" → AGREE, "plans to impose" → THREATEN), and actors read
//! from the sentence around the trigger, resolved to country codes through
//! the annotation's entities or a small fallback table.
//!
//! ```
//! use chronicle_model::{Annotation, EventType};
//! let coding = chronicle_events::code("Washington imposed sanctions on Minsk.", &Annotation::default());
//! assert_eq!(coding.event_type, Some(EventType::Sanction));
//! assert_eq!(coding.source[0].code.as_deref(), Some("USA"));
//! assert_eq!(coding.target[0].code.as_deref(), Some("BLR"));
//! ```

mod cluster;
mod coding;
mod mentions;
mod summary;
mod text;

use chronicle_model::{Actor, Annotation, Article, EventType, Mention, Span};

pub use cluster::{
    encoded_title, nearest_clusters, Active, Choice, ClusterConfig, ClusterDoc, ClusterId, ClusterMeans, ClusterState,
    Clusterer, Counted, DenseMean, DocTerms, MeanVector, MemoryClusters, NearestQuery, Profile,
};
pub use coding::countries::country_code;
pub use coding::lexicon::type_score;
pub use summary::summarize;

/// What coding reads from one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coding {
    pub event_type: Option<EventType>,
    pub source: Vec<Actor>,
    pub target: Vec<Actor>,
    /// Cooperation (+10) to conflict (-10).
    pub score: f32,
    /// The trigger phrase the type was read from, as a span of the text.
    pub trigger: Option<Span>,
}

/// Code one sentence or short passage; `annotation` is its annotation, with
/// spans relative to `text` (entities help find the actors; an empty
/// annotation is fine).
pub fn code(text: &str, annotation: &Annotation) -> Coding {
    coding::code_sentence(text, annotation)
}

/// The event mentions of an annotated article: its main event (headline and
/// lead) and the dated background events it refers to.
pub fn mentions(article: &Article, annotation: &Annotation) -> Vec<Mention> {
    mentions::mentions(article, annotation)
}
