//! Inverted indexes from features to events, sorted by date so that a
//! frequent feature yields only the events nearest in time.

use crate::features::{Feature, Features};
use chronicle_model::EntityLabel;
use std::collections::HashMap;

pub struct Index {
    /// Feature → (day, event index), sorted by day; undated events last.
    postings: HashMap<Feature, Vec<(i32, usize)>>,
    total: usize,
    /// Each event's linking features as numbered terms sorted by number,
    /// so that what two events share is found by a merge of integers.
    terms: Vec<Vec<Term>>,
    /// Length of each event's rarity-weighted feature vector, for cosines.
    norms: Vec<f32>,
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
    pub fn build(features: &[Features]) -> Index {
        let mut postings: HashMap<Feature, Vec<(i32, usize)>> = HashMap::new();
        for (i, f) in features.iter().enumerate() {
            for key in &f.keys {
                postings.entry(key.clone()).or_default().push((f.day.unwrap_or(i32::MAX), i));
            }
        }
        for list in postings.values_mut() {
            list.sort_unstable();
        }
        let mut index = Index { postings, total: features.len(), terms: Vec::new(), norms: Vec::new() };
        // Numbered in sorted order, so that sums over shared terms run in
        // the same order on every run and give the same scores.
        let mut sorted: Vec<&Feature> = index.postings.keys().collect();
        sorted.sort_unstable();
        let numbers: HashMap<&Feature, u32> = sorted.into_iter().zip(0..).collect();
        index.terms = features.iter().map(|f| index.terms_of(f, &numbers)).collect();
        index.norms = index.terms.iter().map(|t| t.iter().map(|t| t.rarity * t.rarity).sum::<f32>().sqrt()).collect();
        index
    }

    fn terms_of(&self, features: &Features, numbers: &HashMap<&Feature, u32>) -> Vec<Term> {
        let mut terms: Vec<Term> = features
            .keys
            .iter()
            .filter(|k| self.weight(k) > 0.0)
            .map(|k| Term { id: numbers[k], rarity: self.rarity(k), kind: kind_of(k, features) })
            .collect();
        terms.sort_unstable_by_key(|t| t.id);
        terms
    }

    /// The linking features of event `i`, sorted by number.
    pub fn terms(&self, i: usize) -> &[Term] {
        &self.terms[i]
    }

    /// Length of event `i`'s rarity-weighted feature vector.
    pub fn norm(&self, i: usize) -> f32 {
        self.norms[i]
    }

    /// Rarity-weighted strength of sharing `feature` (zero for a feature
    /// only one event has, which links nothing).
    pub fn weight(&self, feature: &Feature) -> f32 {
        let df = self.postings.get(feature).map_or(0, Vec::len);
        if df < 2 {
            return 0.0;
        }
        feature.boost() * ((self.total as f32 + 1.0) / df as f32).ln().max(0.1)
    }

    /// How rare `feature` is, from 0 (every event has it) to 1 (one event
    /// has it): the inverse document frequency over its largest value, so
    /// that it means the same in a store of ten thousand events as in one
    /// of a hundred thousand.
    pub fn rarity(&self, feature: &Feature) -> f32 {
        let df = self.postings.get(feature).map_or(1, Vec::len).max(1);
        let most = (self.total as f32 + 1.0).ln().max(f32::EPSILON);
        ((self.total as f32 + 1.0) / df as f32).ln().max(0.0) / most
    }

    /// The largest inverse document frequency of this set of events, to
    /// bring weights to the scale of [`Index::rarity`].
    pub fn most_rare(&self) -> f32 {
        (self.total as f32 + 1.0).ln().max(f32::EPSILON)
    }

    /// Up to `window` events with `feature`, nearest to `day` first.
    pub fn neighbours(&self, feature: &Feature, day: Option<i32>, window: usize) -> impl Iterator<Item = usize> + '_ {
        let list = self.postings.get(feature).map_or(&[][..], Vec::as_slice);
        let day = day.unwrap_or(i32::MAX);
        let at = list.partition_point(|&(d, _)| d < day);
        let lo = at.saturating_sub(window / 2);
        let hi = (lo + window).min(list.len());
        let lo = hi.saturating_sub(window);
        list[lo..hi].iter().map(|&(_, i)| i)
    }
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
