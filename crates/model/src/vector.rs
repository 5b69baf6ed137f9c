//! Sentence vectors, read the same way by every stage that compares them
//! (the clusterer, the linker, the store's checks).

/// The dot product of two vectors over their common prefix: the cosine of
/// two vectors of unit length, as the sentence encoder gives them.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dot_of_unit_vectors_is_their_cosine_and_a_longer_vector_is_cut() {
        assert_eq!(dot(&[0.6, 0.8], &[0.6, 0.8]), 1.0);
        assert_eq!(dot(&[1.0, 0.0], &[0.0, 1.0]), 0.0);
        assert_eq!(dot(&[0.6, 0.8], &[1.0, 0.0, 5.0]), 0.6);
    }
}
