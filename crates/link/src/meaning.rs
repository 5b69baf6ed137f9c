//! What sentence vectors of the events' summaries say about a pair: how
//! alike the two are in meaning, which shared names and words miss ("a
//! battle near Aleppo" and "rebels shell a Syrian town" share neither).
//!
//! The linker does not encode text: the caller gives each event's vector
//! through [`Meanings`] (the pipeline keeps them in the store), and only
//! the vectors of an event and of its best candidates are asked for, so
//! that linking a few events into a large store reads few.

use chronicle_model::dot as cosine;

/// The names of the signals of meaning, in the order of [`signals`]: the
/// cosine of the two summaries' vectors. Its rank among the event's
/// candidates, its share of the best, and its mean with the best five
/// candidates were tried beside it and added nothing.
pub const NAMES: [&str; 1] = ["meaning"];

/// Where the events' sentence vectors come from.
pub trait Meanings {
    /// The vectors of the events at these indexes (into the events being
    /// linked), in order; `None` for an event that has none.
    fn vectors(&self, events: &[usize]) -> Vec<Option<Vec<f32>>>;

    /// Of the events at `among`, the `k` whose vectors are nearest to event
    /// `i`'s, with their cosines, nearest first (none when `i` has no
    /// vector). Asks for the vectors of `i` and of `among` only.
    fn nearest(&self, i: usize, among: &[usize], k: usize) -> Vec<(usize, f32)> {
        let mut vectors = self.vectors(&[&[i], among].concat());
        let Some(event) = vectors.remove(0) else { return Vec::new() };
        best_of(among.iter().zip(&vectors).filter_map(|(&j, v)| Some((j, cosine(&event, v.as_deref()?)))), k)
    }
}

/// Vectors held in memory, one slot per event.
impl Meanings for Vec<Option<Vec<f32>>> {
    fn vectors(&self, events: &[usize]) -> Vec<Option<Vec<f32>>> {
        events.iter().map(|&i| self.get(i).cloned().flatten()).collect()
    }

    /// As the trait's, without copying the vectors: linking a whole set
    /// compares each event with a thousand others.
    fn nearest(&self, i: usize, among: &[usize], k: usize) -> Vec<(usize, f32)> {
        let Some(event) = self.get(i).and_then(Option::as_deref) else { return Vec::new() };
        let read = among.iter().filter_map(|&j| Some((j, cosine(event, self.get(j)?.as_deref()?))));
        best_of(read, k)
    }
}

/// The `k` pairs of highest cosine, highest first (ties to the smaller
/// event, so that the order depends on the vectors alone).
fn best_of(read: impl Iterator<Item = (usize, f32)>, k: usize) -> Vec<(usize, f32)> {
    let mut all: Vec<(usize, f32)> = read.collect();
    let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if all.len() > k {
        all.select_nth_unstable_by(k, order);
        all.truncate(k);
    }
    all.sort_unstable_by(order);
    all
}

/// The signals of meaning of an event's candidates, in the order given,
/// or `None` for a candidate whose signals cannot be read (it or the event
/// has no vector): the model then reads it as an average candidate.
pub fn signals(event: Option<&[f32]>, candidates: &[Option<Vec<f32>>]) -> Vec<Option<[f32; NAMES.len()]>> {
    candidates.iter().map(|c| Some([cosine(event?, c.as_deref()?)])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }

    #[test]
    fn the_candidate_nearest_in_meaning_reads_the_highest_cosine() {
        let event = unit(&[1.0, 0.0, 0.0]);
        let candidates = vec![Some(unit(&[0.0, 1.0, 0.0])), Some(unit(&[1.0, 1.0, 0.0])), Some(unit(&[1.0, 0.0, 0.0]))];
        let read: Vec<f32> = signals(Some(&event), &candidates).into_iter().map(|s| s.unwrap()[0]).collect();
        assert!(read[0].abs() < 1e-6 && (read[1] - 0.5f32.sqrt()).abs() < 1e-6 && (read[2] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn without_a_vector_there_is_nothing_to_read() {
        let candidates = vec![Some(unit(&[1.0, 0.0])), None];
        assert_eq!(signals(None, &candidates), vec![None, None]);
        let read = signals(Some(&unit(&[1.0, 0.0])), &candidates);
        assert!(read[0].is_some() && read[1].is_none(), "{read:?}");
    }
}
