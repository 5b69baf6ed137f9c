//! Inverted indexes from features to events, sorted by date so that a
//! frequent feature yields only the events nearest in time.

use crate::features::{Feature, Features};
use std::collections::HashMap;

pub struct Index {
    /// Feature → (day, event index), sorted by day; undated events last.
    postings: HashMap<Feature, Vec<(i32, usize)>>,
    total: usize,
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
        Index { postings, total: features.len() }
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
