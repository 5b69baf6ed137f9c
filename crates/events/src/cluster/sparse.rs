//! Sparse unit vectors and the running means clusters keep of them.

use std::collections::HashMap;

/// A sparse vector: (term id, weight), sorted by term id.
pub(super) type Vector = Vec<(u32, f32)>;

/// Cosine of two unit vectors sorted by term id.
pub(super) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Keep the `keep` heaviest terms (ties by term id, so runs repeat) and
/// scale them to unit length; the result is sorted by weight, heaviest first.
pub(super) fn strongest_unit(mut v: Vector, keep: usize) -> Vector {
    v.retain(|(_, w)| *w > 0.0);
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(keep);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
    v.iter_mut().for_each(|(_, w)| *w /= norm);
    v
}

/// The weighted sum of the unit vectors of a cluster's members, so that a
/// dot product with it divided by `weight` is the mean cosine to them.
#[derive(Default)]
pub(super) struct MeanVector {
    sum: HashMap<u32, f32>,
    weight: f32,
}

impl MeanVector {
    /// Mean cosine of `v` (a unit vector) to the members added so far; none
    /// when no member had terms of this kind, so the signal is left out
    /// rather than read as a disagreement.
    pub fn mean_cosine(&self, v: &[(u32, f32)]) -> Option<f32> {
        if self.sum.is_empty() || v.is_empty() {
            return None;
        }
        let dot: f32 = v.iter().filter_map(|(t, w)| self.sum.get(t).map(|x| x * w)).sum();
        Some(dot / self.weight.max(1e-6))
    }

    /// Add a member, shrinking the earlier members' weight by `fade`
    /// first, and keep at most about `limit` terms: the weakest barely move
    /// a dot product.
    pub fn add(&mut self, v: &[(u32, f32)], fade: f32, limit: usize) {
        if v.is_empty() {
            return;
        }
        if fade < 1.0 {
            self.sum.values_mut().for_each(|x| *x *= fade);
            self.weight *= fade;
        }
        for (t, w) in v {
            *self.sum.entry(*t).or_default() += w;
        }
        self.weight += 1.0;
        if self.sum.len() > limit * 2 {
            let mut terms: Vec<(u32, f32)> = self.sum.drain().collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(limit);
            self.sum = terms.into_iter().collect();
        }
    }
}
