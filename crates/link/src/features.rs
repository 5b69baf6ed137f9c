//! What an event offers for linking: its entities, stories and rare words.

use chronicle_model::Event;

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
        Features { keys, day, event_type: event.event_type, category: event.category.clone() }
    }
}

/// Lower-cased content words of a summary.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
}
