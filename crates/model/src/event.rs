//! Events: what happened, when, to whom, according to which sources, and
//! what it connects to.

use crate::{EntityLabel, PartialDate, Span};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// PLOVER event types (with the older CAMEO-style names some coders use).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Demand,
    Accuse,
    Disapprove,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    Fight,
    Investigate,
}

impl EventType {
    pub const ALL: [EventType; 20] = [
        EventType::Agree,
        EventType::Consult,
        EventType::Support,
        EventType::Concede,
        EventType::Cooperate,
        EventType::Aid,
        EventType::Retreat,
        EventType::Request,
        EventType::Demand,
        EventType::Accuse,
        EventType::Disapprove,
        EventType::Reject,
        EventType::Threaten,
        EventType::Protest,
        EventType::Sanction,
        EventType::Mobilize,
        EventType::Coerce,
        EventType::Assault,
        EventType::Fight,
        EventType::Investigate,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Demand => "DEMAND",
            EventType::Accuse => "ACCUSE",
            EventType::Disapprove => "DISAPPROVE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
            EventType::Fight => "FIGHT",
            EventType::Investigate => "INVESTIGATE",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        EventType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A stable event id: a short hex string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An actor of an event: its text as written and the code of the country
/// it belongs to, when it belongs to one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub text: String,
    /// Canonical entity name, when resolved.
    pub entity: Option<String>,
    /// ISO 3166-1 alpha-3.
    pub code: Option<String>,
}

/// Whether a mention is what its article is about or something it recalls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionRole {
    /// The happening the article reports (headline and lead).
    Main,
    /// A dated earlier happening the article refers to.
    Background,
    /// An event taken as given from a curated list or chronicle page.
    Curated,
}

/// One article's account of one happening: the sentence it is told in and
/// what can be read from it. Clustering turns mentions into events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// Hash of the article the mention comes from.
    pub document: String,
    pub role: MentionRole,
    /// The sentence, as a span of the article's text.
    pub sentence: Span,
    /// The sentence text itself, kept for summaries and evidence.
    pub text: String,
    /// When the happening happened (not when it was reported); `None` when
    /// neither the text nor a dated article says.
    pub date: Option<PartialDate>,
    /// The time expression the date came from, if any.
    pub date_span: Option<Span>,
    pub event_type: Option<EventType>,
    pub source_actors: Vec<Actor>,
    pub target_actors: Vec<Actor>,
    pub entities: Vec<EntityRef>,
    /// Cooperation (+10) to conflict (-10).
    pub score: f32,
    /// A present-tense one-sentence summary of the happening.
    pub summary: String,
    /// Context labels given by a curated source (story names).
    pub contexts: Vec<String>,
    /// The section a curated source filed it under ("Armed conflicts and
    /// attacks"), when it says.
    #[serde(default)]
    pub category: Option<String>,
}

/// An entity as events refer to it: its canonical name and class.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityRef {
    pub name: String,
    pub label: EntityLabel,
}

/// A source an event was reported in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Hash of the stored document, or `None` for an outlet named by a
    /// curated list without its text.
    pub document: Option<String>,
    pub input: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub site: Option<String>,
    pub published: Option<NaiveDate>,
}

/// The sentence of a source that tells of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Hash of the document the sentence is in.
    pub document: String,
    pub sentence: String,
    pub span: Span,
}

/// A related event and what links the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Related {
    pub id: EventId,
    pub date: Option<PartialDate>,
    pub summary: String,
    /// What links the two: an entity name or a story label.
    pub context: String,
    /// Ranking score; [`Related::CURATED`] for links a curated source gave.
    pub score: f32,
}

impl Related {
    /// The score of a link read from a curated page: it outranks any
    /// computed one and is kept when links are recomputed.
    pub const CURATED: f32 = 1.0e9;

    pub fn is_curated(&self) -> bool {
        self.score >= Self::CURATED
    }
}

/// A real-world happening, told by one or more sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: EventId,
    pub date: Option<PartialDate>,
    pub summary: String,
    pub event_type: Option<EventType>,
    pub source_actors: Vec<Actor>,
    pub target_actors: Vec<Actor>,
    pub entities: Vec<EntityRef>,
    pub score: f32,
    pub sources: Vec<SourceRef>,
    pub evidence: Vec<Evidence>,
    pub contexts: Vec<String>,
    pub related: Vec<Related>,
    /// The section a curated source filed it under, when it says.
    #[serde(default)]
    pub category: Option<String>,
}
