//! Sparse unit vectors and the running means clusters keep of them.

/// A sparse vector: (term id, weight), sorted by term id.
pub(super) type Vector = Vec<(u32, f32)>;

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
/// The sum is kept sorted by term id: it is read by binary search and
/// stored as it is, so a stored cluster is compared without rebuilding a map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeanVector {
    sum: Vector,
    weight: f32,
}

/// Bytes per term of an encoded [`MeanVector`]: its id and its weight.
const TERM_BYTES: usize = 8;

impl MeanVector {
    fn get(&self, term: u32) -> Option<f32> {
        self.sum.binary_search_by_key(&term, |(t, _)| *t).ok().map(|i| self.sum[i].1)
    }

    /// Mean cosine of `v` (a unit vector) to the members added so far; none
    /// when no member had terms of this kind, so the signal is left out
    /// rather than read as a disagreement.
    pub(super) fn mean_cosine(&self, v: &[(u32, f32)]) -> Option<f32> {
        if self.sum.is_empty() || v.is_empty() {
            return None;
        }
        let dot: f32 = v.iter().filter_map(|(t, w)| self.get(*t).map(|x| x * w)).sum();
        Some(dot / self.weight.max(1e-6))
    }

    /// Add a member (sorted by term id), shrinking the earlier members'
    /// weight by `fade` first, and keep at most about `limit` terms: the
    /// weakest barely move a dot product.
    pub(super) fn add(&mut self, v: &[(u32, f32)], fade: f32, limit: usize) {
        if v.is_empty() {
            return;
        }
        if fade < 1.0 {
            self.sum.iter_mut().for_each(|(_, x)| *x *= fade);
            self.weight *= fade;
        }
        self.sum = merged(&self.sum, v);
        self.weight += 1.0;
        if self.sum.len() > limit * 2 {
            self.sum.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            self.sum.truncate(limit);
            self.sum.sort_by_key(|(t, _)| *t);
        }
    }

    /// The weight and the terms as little-endian bytes, for a store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + self.sum.len() * TERM_BYTES);
        out.extend_from_slice(&self.weight.to_le_bytes());
        for (t, w) in &self.sum {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// The vector [`MeanVector::to_bytes`] wrote; none when the bytes are
    /// not such a vector (cut short, or terms out of order).
    pub fn from_bytes(bytes: &[u8]) -> Option<MeanVector> {
        let (weight, terms) = bytes.split_first_chunk::<4>()?;
        if terms.len() % TERM_BYTES != 0 {
            return None;
        }
        let sum: Vector = terms
            .chunks_exact(TERM_BYTES)
            .map(|c| {
                let (t, w) = c.split_at(4);
                (u32::from_le_bytes(t.try_into().unwrap()), f32::from_le_bytes(w.try_into().unwrap()))
            })
            .collect();
        if sum.windows(2).any(|p| p[0].0 >= p[1].0) {
            return None;
        }
        Some(MeanVector { sum, weight: f32::from_le_bytes(*weight) })
    }
}

/// Two vectors sorted by term id added term by term, sorted by term id.
fn merged(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vector {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mean_vector_reads_back_from_its_bytes() {
        let mut mean = MeanVector::default();
        mean.add(&[(1, 0.6), (7, 0.8)], 1.0, 10);
        mean.add(&[(3, 1.0), (7, 0.5)], 1.0, 10);
        assert_eq!(MeanVector::from_bytes(&mean.to_bytes()), Some(mean.clone()));
        assert_eq!(mean.mean_cosine(&[(7, 1.0)]), Some((0.8 + 0.5) / 2.0));
    }

    #[test]
    fn bytes_cut_short_or_out_of_order_are_no_mean_vector() {
        let mut mean = MeanVector::default();
        mean.add(&[(1, 0.6), (7, 0.8)], 1.0, 10);
        let bytes = mean.to_bytes();
        assert_eq!(MeanVector::from_bytes(&bytes[..bytes.len() - 1]), None);
        let mut swapped = bytes[..4].to_vec();
        swapped.extend_from_slice(&bytes[12..]);
        swapped.extend_from_slice(&bytes[4..12]);
        assert_eq!(MeanVector::from_bytes(&swapped), None);
        assert_eq!(MeanVector::from_bytes(&[]), None);
    }
}
