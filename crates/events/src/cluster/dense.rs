//! The running mean a cluster keeps of its members' sentence vectors.

/// The sum of the unit sentence vectors of a cluster's members and their
/// count, so that a dot product with it divided by `weight` is the mean
/// cosine to them (average link, as for the words). Empty while no member
/// had a sentence vector: a store written without an encoder, or a cluster
/// opened before one was set up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DenseMean {
    sum: Vec<f32>,
    weight: f32,
}

impl DenseMean {
    /// Mean cosine of `v` (a unit vector) to the members added so far; none
    /// when the cluster has no vector or its length differs, so the signal
    /// is left out rather than read as a disagreement.
    pub(super) fn mean_cosine(&self, v: &[f32]) -> Option<f32> {
        if self.sum.is_empty() || self.sum.len() != v.len() {
            return None;
        }
        Some(chronicle_model::dot(&self.sum, v) / self.weight.max(1e-6))
    }

    /// Add a member's vector, shrinking the earlier members' weight by
    /// `fade` first. A vector of another length than the sum's (another
    /// model) restarts the mean: the two cannot be compared.
    pub(super) fn add(&mut self, v: &[f32], fade: f32) {
        if v.is_empty() {
            return;
        }
        if self.sum.len() != v.len() {
            self.sum = vec![0.0; v.len()];
            self.weight = 0.0;
        }
        if fade < 1.0 {
            self.sum.iter_mut().for_each(|x| *x *= fade);
            self.weight *= fade;
        }
        self.sum.iter_mut().zip(v).for_each(|(s, x)| *s += x);
        self.weight += 1.0;
    }

    pub fn is_empty(&self) -> bool {
        self.sum.is_empty()
    }

    /// The weight and the sum as little-endian bytes, for a store; no
    /// bytes at all for an empty mean.
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.sum.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(4 * (1 + self.sum.len()));
        out.extend_from_slice(&self.weight.to_le_bytes());
        self.sum.iter().for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        out
    }

    /// The mean [`DenseMean::to_bytes`] wrote; none when the bytes are not
    /// whole numbers.
    pub fn from_bytes(bytes: &[u8]) -> Option<DenseMean> {
        if bytes.is_empty() {
            return Some(DenseMean::default());
        }
        if !bytes.len().is_multiple_of(4) || bytes.len() < 8 {
            return None;
        }
        let mut numbers = bytes.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().expect("chunks of four")));
        let weight = numbers.next()?;
        Some(DenseMean { sum: numbers.collect(), weight })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dense_mean_reads_back_from_its_bytes() {
        let mut mean = DenseMean::default();
        mean.add(&[0.6, 0.8], 1.0);
        mean.add(&[1.0, 0.0], 1.0);
        assert_eq!(DenseMean::from_bytes(&mean.to_bytes()), Some(mean.clone()));
        assert_eq!(mean.mean_cosine(&[1.0, 0.0]), Some((0.6 + 1.0) / 2.0));
        assert_eq!(DenseMean::from_bytes(&[]), Some(DenseMean::default()));
        assert_eq!(DenseMean::from_bytes(&mean.to_bytes()[..5]), None);
    }

    #[test]
    fn an_empty_mean_or_a_vector_of_another_length_gives_no_signal() {
        let mut mean = DenseMean::default();
        assert_eq!(mean.mean_cosine(&[1.0, 0.0]), None);
        mean.add(&[1.0, 0.0], 1.0);
        assert_eq!(mean.mean_cosine(&[1.0, 0.0, 0.0]), None);
        mean.add(&[0.0, 0.0, 1.0], 1.0);
        assert_eq!(mean.mean_cosine(&[0.0, 0.0, 1.0]), Some(1.0), "another model's vector restarts the mean");
    }
}
