//! What an event offers for linking: its entities, stories and rare words.

use chronicle_model::{EntityLabel, Event};

/// One linkable feature of an event.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    Story(String),
    Entity(String),
    Word(String),
}

impl Feature {
    /// Stories and entities name a link in preference to words.
    pub fn is_context(&self) -> bool {
        !matches!(self, Feature::Word(_))
    }

    pub fn is_story(&self) -> bool {
        matches!(self, Feature::Story(_))
    }

    pub fn label(&self) -> &str {
        match self {
            Feature::Story(s) | Feature::Entity(s) | Feature::Word(s) => s,
        }
    }

    /// How much a shared feature of this kind counts, before rarity.
    pub fn boost(&self) -> f32 {
        match self {
            Feature::Story(_) => 3.0,
            Feature::Entity(_) => 2.0,
            Feature::Word(_) => 1.0,
        }
    }
}

/// The features of one event, and its day number for the time prior.
pub struct Features {
    pub keys: Vec<Feature>,
    pub day: Option<i32>,
    pub event_type: Option<chronicle_model::EventType>,
    pub category: Option<String>,
    /// Entity names with their class, sorted by name: the re-ranker weighs
    /// a shared place apart from a shared person or organisation.
    pub labels: Vec<(String, EntityLabel)>,
    /// Country codes of the event's source and target actors (its dyad).
    pub actors: Vec<String>,
    /// Whether the summary is a bare heading ("Syrian Civil War"), as
    /// curated lists put above the items of a story, rather than a sentence.
    pub heading: bool,
}

const STOPWORDS: &[&str] = &[
    "about", "after", "against", "also", "among", "amid", "been", "before", "being", "between", "both", "during",
    "from", "have", "into", "more", "most", "other", "over", "says", "said", "since", "some", "than", "that", "their",
    "them", "there", "these", "they", "this", "those", "three", "through", "under", "were", "what", "when", "where",
    "which", "while", "will", "with", "would", "people", "first", "year", "years", "least",
];

impl Features {
    pub fn of(event: &Event) -> Features {
        let mut keys: Vec<Feature> = event.contexts.iter().map(|s| Feature::Story(s.clone())).collect();
        keys.extend(event.entities.iter().map(|e| Feature::Entity(e.name.clone())));
        keys.extend(words(&event.summary).map(Feature::Word));
        keys.sort();
        keys.dedup();
        let day = event.date.and_then(|d| d.first_day()).map(|d| {
            use chrono::Datelike;
            d.num_days_from_ce()
        });
        let mut labels: Vec<(String, EntityLabel)> = event.entities.iter().map(|e| (e.name.clone(), e.label)).collect();
        labels.sort_by(|a, b| a.0.cmp(&b.0));
        labels.dedup_by(|a, b| a.0 == b.0);
        let mut actors: Vec<String> =
            event.source_actors.iter().chain(&event.target_actors).filter_map(|a| a.code.clone()).collect();
        actors.sort();
        actors.dedup();
        let heading = is_heading(&event.summary);
        Features { keys, day, event_type: event.event_type, category: event.category.clone(), labels, actors, heading }
    }

    /// The features of an event whose story labels are withheld, as when
    /// learning from labelled events.
    pub fn withheld(event: &Event) -> Features {
        Features::of(&Event { contexts: Vec::new(), related: Vec::new(), ..event.clone() })
    }

    /// The class of a named entity of this event.
    pub fn label_of(&self, name: &str) -> Option<EntityLabel> {
        self.labels.binary_search_by(|(n, _)| n.as_str().cmp(name)).ok().map(|at| self.labels[at].1)
    }
}

/// A few words without a closing full stop: a heading, not a sentence.
fn is_heading(summary: &str) -> bool {
    let summary = summary.trim();
    !summary.ends_with('.') && summary.split_whitespace().count() <= 8
}

/// Lower-cased content words of a summary.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}
