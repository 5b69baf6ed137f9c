//! What annotation adds to an article: sentences, entity mentions and time
//! expressions, each a span of the article's text plus its attributes.

use crate::Span;
use serde::{Deserialize, Serialize};

/// The CoNLL-2003 entity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organization,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityLabel {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityLabel::Person => "PER",
            EntityLabel::Organization => "ORG",
            EntityLabel::Location => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => EntityLabel::Person,
            "ORG" => EntityLabel::Organization,
            "LOC" => EntityLabel::Location,
            "MISC" => EntityLabel::Misc,
            _ => return None,
        })
    }
}

/// A mention of a named entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    pub label: EntityLabel,
    /// The canonical name the mention resolves to ("Alexander Lukashenko"
    /// for "Lukaschenko"), or `None` when it resolves to nothing known.
    pub entity: Option<String>,
    /// A finer kind: "country", "capital", "leader", "organisation", …
    pub kind: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country the entity belongs to, when
    /// it belongs to one ("BLR" for Minsk used as the government).
    pub country: Option<String>,
}

/// TimeML TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression with its TIMEX3 value resolved against the document
/// date: `2008-03-06`, `2007-11`, `2007-SU`, `2019-W38`, `P3D`, `PRESENT_REF`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
}

/// Everything annotation found in one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub sentences: Vec<Span>,
    pub entities: Vec<EntityMention>,
    pub timexes: Vec<Timex>,
}

impl Annotation {
    /// The entity mentions inside a span (a sentence, say).
    pub fn entities_in<'a>(&'a self, span: &'a Span) -> impl Iterator<Item = &'a EntityMention> {
        self.entities.iter().filter(move |e| span.contains(&e.span))
    }

    /// The time expressions inside a span.
    pub fn timexes_in<'a>(&'a self, span: &'a Span) -> impl Iterator<Item = &'a Timex> {
        self.timexes.iter().filter(move |t| span.contains(&t.span))
    }
}
