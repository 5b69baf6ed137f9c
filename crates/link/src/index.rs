//! Inverted indexes from features to events, sorted by date so that a
//! frequent feature yields only the events nearest in time.

use crate::features::{Feature, Features};
use chronicle_model::EntityLabel;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The events' features and the inverted index over them.
pub struct Index {
    features: Vec<Features>,
    postings: HashMap<Feature, Posting>,
    /// Each event's terms, made when first asked for: a ranking reads
    /// those of the events it ranks and of their candidates, a few dozen
    /// per changed event, not those of every event of the store.
    terms: Vec<OnceLock<Terms>>,
    /// (day, event index) of every event, sorted by day; undated events
    /// last: where to look for events near in time that share no feature.
    by_day: Vec<(i32, usize)>,
}

/// The events with one feature, and the feature's number.
struct Posting {
    number: u32,
    /// (day, event index), sorted by day; undated events last.
    events: Vec<(i32, usize)>,
}

/// An event's linking features as numbered terms sorted by number, so
/// that what two events share is found by a merge of integers, and the
/// length of its rarity-weighted feature vector, for cosines.
struct Terms {
    list: Vec<Term>,
    norm: f32,
}

/// A linking feature of one event (one that another event has too): its
/// number in the index, its rarity and its kind.
#[derive(Debug, Clone, Copy)]
pub struct Term {
    pub id: u32,
    pub rarity: f32,
    pub kind: TermKind,
}

/// What kind of feature a term is; an entity by its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    Story,
    Place,
    Person,
    Organisation,
    OtherEntity,
    Word,
}

impl Index {
    pub fn build(features: Vec<Features>) -> Index {
        let mut lists: HashMap<Feature, Vec<(i32, usize)>> = HashMap::new();
        for (i, f) in features.iter().enumerate() {
            for key in &f.keys {
                lists.entry(key.clone()).or_default().push((f.day.unwrap_or(i32::MAX), i));
            }
        }
        // Numbered in sorted order, so that sums over shared terms run in
        // the same order on every run and give the same scores.
        let mut sorted: Vec<(Feature, Vec<(i32, usize)>)> = lists.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let postings = sorted
            .into_iter()
            .zip(0..)
            .map(|((feature, mut events), number)| {
                events.sort_unstable();
                (feature, Posting { number, events })
            })
            .collect();
        let terms = features.iter().map(|_| OnceLock::new()).collect();
        let mut by_day: Vec<(i32, usize)> =
            features.iter().enumerate().map(|(i, f)| (f.day.unwrap_or(i32::MAX), i)).collect();
        by_day.sort_unstable();
        Index { features, postings, terms, by_day }
    }

    /// The index of events as the ranking reads them.
    pub fn of(events: &[chronicle_model::Event]) -> Index {
        Index::build(events.iter().map(Features::of).collect())
    }

    /// How many events the index holds.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// The features of event `i`.
    pub fn features(&self, i: usize) -> &Features {
        &self.features[i]
    }

    fn terms_of(&self, i: usize) -> &Terms {
        self.terms[i].get_or_init(|| {
            let features = &self.features[i];
            // A feature only one event has links nothing (its weight is 0).
            let mut list: Vec<Term> = features
                .keys
                .iter()
                .filter_map(|k| {
                    let posting = self.postings.get(k).filter(|p| p.events.len() >= 2)?;
                    let rarity = self.rarity_of(posting.events.len());
                    Some(Term { id: posting.number, rarity, kind: kind_of(k, features) })
                })
                .collect();
            list.sort_unstable_by_key(|t| t.id);
            let norm = list.iter().map(|t| t.rarity * t.rarity).sum::<f32>().sqrt();
            Terms { list, norm }
        })
    }

    /// The linking features of event `i`, sorted by number.
    pub fn terms(&self, i: usize) -> &[Term] {
        &self.terms_of(i).list
    }

    /// Length of event `i`'s rarity-weighted feature vector.
    pub fn norm(&self, i: usize) -> f32 {
        self.terms_of(i).norm
    }

    /// Rarity-weighted strength of sharing `feature` (zero for a feature
    /// only one event has, which links nothing).
    pub fn weight(&self, feature: &Feature) -> f32 {
        let df = self.postings.get(feature).map_or(0, |p| p.events.len());
        if df < 2 {
            return 0.0;
        }
        feature.boost() * ((self.total() + 1.0) / df as f32).ln().max(0.1)
    }

    /// How rare `feature` is, from 0 (every event has it) to 1 (one event
    /// has it): the inverse document frequency over its largest value, so
    /// that it means the same in a store of ten thousand events as in one
    /// of a hundred thousand.
    pub fn rarity(&self, feature: &Feature) -> f32 {
        self.rarity_of(self.postings.get(feature).map_or(1, |p| p.events.len()))
    }

    /// The rarity of a feature `df` events have.
    fn rarity_of(&self, df: usize) -> f32 {
        ((self.total() + 1.0) / df.max(1) as f32).ln().max(0.0) / self.most_rare()
    }

    /// How many events the index holds.
    fn total(&self) -> f32 {
        self.features.len() as f32
    }

    /// The largest inverse document frequency of this set of events, to
    /// bring weights to the scale of [`Index::rarity`].
    pub fn most_rare(&self) -> f32 {
        (self.total() + 1.0).ln().max(f32::EPSILON)
    }

    /// Up to `window` events with `feature`, nearest to `day` first.
    pub fn neighbours(&self, feature: &Feature, day: Option<i32>, window: usize) -> impl Iterator<Item = usize> + '_ {
        let list = self.postings.get(feature).map_or(&[][..], |p| p.events.as_slice());
        around(list, day, window)
    }

    /// Up to `window` events of any feature, the nearest to `day` in time.
    pub fn near_in_time(&self, day: Option<i32>, window: usize) -> impl Iterator<Item = usize> + '_ {
        around(&self.by_day, day, window)
    }
}

/// Up to `window` events of a list sorted by day, those nearest to `day`
/// (as many before as after, where the list allows).
fn around(list: &[(i32, usize)], day: Option<i32>, window: usize) -> impl Iterator<Item = usize> + '_ {
    let day = day.unwrap_or(i32::MAX);
    let at = list.partition_point(|&(d, _)| d < day);
    let lo = at.saturating_sub(window / 2);
    let hi = (lo + window).min(list.len());
    let lo = hi.saturating_sub(window);
    list[lo..hi].iter().map(|&(_, i)| i)
}

fn kind_of(feature: &Feature, features: &Features) -> TermKind {
    match feature {
        Feature::Story(_) => TermKind::Story,
        Feature::Word(_) => TermKind::Word,
        Feature::Entity(name) => match features.label_of(name) {
            Some(EntityLabel::Location) => TermKind::Place,
            Some(EntityLabel::Person) => TermKind::Person,
            Some(EntityLabel::Organization) => TermKind::Organisation,
            _ => TermKind::OtherEntity,
        },
    }
}
