//! Candidates by meaning: the clusters whose members' sentence vectors are
//! closest to an arriving document's, beside those its words bring.
//!
//! Reports of one happening told in other words ("Deadliest shootings in
//! US history" beside "Mass shooting at Las Vegas concert") share too few
//! leading terms for the postings to bring their cluster, though their
//! titles mean nearly the same. The search is bounded the same way in
//! every home of the clusterer: only the `among` most recently active
//! clusters of the window are compared, so the cost per document stays
//! flat however many events a store holds.

use super::dense::DenseMean;
use super::state::ClusterId;
use chrono::NaiveDate;

/// What to look for: the `k` clusters nearest `vector` among the `among`
/// latest active on or after `since`.
#[derive(Debug, Clone, Copy)]
pub struct NearestQuery<'a> {
    pub vector: &'a [f32],
    pub since: NaiveDate,
    pub among: usize,
    pub k: usize,
}

/// A cluster as the search reads it: its number, its latest date and the
/// mean of its members' sentence vectors.
pub type Active<'a> = (ClusterId, NaiveDate, &'a DenseMean);

/// The `k` clusters of `active` nearest the query's vector, closest first,
/// each with its latest date (so the caller need not read it again).
/// Only clusters active since `since` and holding sentence vectors count,
/// and of those only the `among` latest (the latest opened first among
/// equal dates): a home that already read just those gets the same answer
/// as one that passes every cluster.
pub fn nearest_clusters<'a>(
    active: impl IntoIterator<Item = Active<'a>>,
    q: &NearestQuery,
) -> Vec<(ClusterId, NaiveDate)> {
    let mut recent: Vec<Active<'a>> =
        active.into_iter().filter(|(_, latest, mean)| *latest >= q.since && !mean.is_empty()).collect();
    recent.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    recent.truncate(q.among);
    let mut scored: Vec<(ClusterId, NaiveDate, f32)> =
        recent.into_iter().filter_map(|(c, latest, mean)| Some((c, latest, mean.mean_cosine(q.vector)?))).collect();
    // Closest first; the earliest opened among equal cosines, so runs repeat.
    scored.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    scored.into_iter().take(q.k).map(|(c, latest, _)| (c, latest)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean(v: &[f32]) -> DenseMean {
        let mut m = DenseMean::default();
        m.add(v, 1.0);
        m
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2031, 5, d).unwrap()
    }

    fn ids(found: Vec<(ClusterId, NaiveDate)>) -> Vec<ClusterId> {
        found.into_iter().map(|(c, _)| c).collect()
    }

    #[test]
    fn the_nearest_clusters_come_closest_first() {
        let (a, b, c) = (mean(&[1.0, 0.0]), mean(&[0.6, 0.8]), mean(&[0.0, 1.0]));
        let active = [(0, day(1), &a), (1, day(2), &b), (2, day(3), &c)];
        let q = NearestQuery { vector: &[0.0, 1.0], since: day(1), among: 10, k: 2 };
        assert_eq!(nearest_clusters(active, &q), vec![(2, day(3)), (1, day(2))]);
    }

    #[test]
    fn only_the_latest_active_clusters_with_vectors_are_compared() {
        let (close, far, empty) = (mean(&[0.0, 1.0]), mean(&[1.0, 0.0]), DenseMean::default());
        let active = [(0, day(1), &close), (1, day(5), &far), (2, day(6), &empty), (3, day(4), &far)];
        let since_second = NearestQuery { vector: &[0.0, 1.0], since: day(2), among: 10, k: 3 };
        assert_eq!(
            ids(nearest_clusters(active, &since_second)),
            vec![1, 3],
            "a cluster idle since before the window is left out"
        );
        let latest_one = NearestQuery { since: day(1), among: 1, ..since_second };
        assert_eq!(
            ids(nearest_clusters(active, &latest_one)),
            vec![1],
            "only the latest cluster with vectors is compared"
        );
    }
}
