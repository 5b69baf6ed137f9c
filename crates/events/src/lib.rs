//! Events: read the happenings an annotated article tells of ([`mentions`]),
//! code each with a PLOVER type, actors and a cooperation–conflict score
//! ([`code`]), and group mentions of one happening into one event
//! ([`Clusterer`], stateful).
//!
//! ```
//! use chronicle_model::Annotation;
//! let coding = chronicle_events::code("Washington imposed sanctions on Belneftekhim.", &Annotation::default());
//! let _ = coding.event_type;
//! ```

use chronicle_model::{Actor, Annotation, Article, EventType, Mention};

/// What coding reads from one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coding {
    pub event_type: Option<EventType>,
    pub source: Vec<Actor>,
    pub target: Vec<Actor>,
    /// Cooperation (+10) to conflict (-10).
    pub score: f32,
}

/// Code one sentence or short passage; `annotation` is its annotation
/// (entities help find the actors).
pub fn code(text: &str, annotation: &Annotation) -> Coding {
    let _ = (text, annotation);
    Coding::default()
}

/// The event mentions of an annotated article: its main event (headline and
/// lead) and the dated background events it refers to.
pub fn mentions(article: &Article, annotation: &Annotation) -> Vec<Mention> {
    let _ = (article, annotation);
    Vec::new()
}

/// One document as the clusterer sees it.
#[derive(Debug, Clone, Default)]
pub struct ClusterDoc {
    pub id: String,
    pub title: String,
    pub text: String,
    pub published: Option<chrono::NaiveDate>,
}

/// The online clusterer: attaches each incoming document to an existing
/// cluster or opens a new one. Stateful; cost per document stays bounded.
#[derive(Default)]
pub struct Clusterer {
    next: usize,
}

impl Clusterer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Assign a document to a cluster and return the cluster's number.
    pub fn assign(&mut self, doc: &ClusterDoc) -> usize {
        let _ = doc;
        self.next += 1;
        self.next - 1
    }
}
