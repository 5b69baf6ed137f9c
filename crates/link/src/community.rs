//! Communities of the candidate graph. Stories are chains: a battle shares
//! a town with one report, the town shares an army with the next, and the
//! last report of the war shares nothing with the first. Each event's
//! best first-pass candidates are edges (weighted by their share of the
//! event's best scores, both ways), and label propagation gathers the
//! events that reach each other in several steps into one community; the
//! re-ranker reads whether a candidate is in the event's community.

/// How many of an event's best first-pass candidates are its edges.
pub const EDGES: usize = 10;

/// At most this many rounds of propagation; it usually settles sooner.
const ROUNDS: usize = 8;

/// The community of every event, from the best candidates of some of them
/// (`best`: an event, then its candidates best first with their
/// first-pass scores). An event with no edge is a community of its own;
/// a community is named by one of its events. Events are visited in
/// ascending order, and a tie between labels goes to the smaller, so the
/// result depends on the graph alone.
pub fn communities<'a>(events: usize, best: impl Iterator<Item = (usize, &'a [(usize, f32)])>) -> Vec<usize> {
    let edges = symmetric_edges(events, best);
    let mut label: Vec<usize> = (0..events).collect();
    let mut votes: std::collections::HashMap<usize, f32> = Default::default();
    for _ in 0..ROUNDS {
        let mut changed = false;
        for (v, around) in edges.iter().enumerate().filter(|(_, around)| !around.is_empty()) {
            votes.clear();
            for &(u, weight) in around {
                *votes.entry(label[u]).or_default() += weight;
            }
            let winner = votes.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))).map(|(&l, _)| l);
            if let Some(winner) = winner.filter(|&w| w != label[v]) {
                label[v] = winner;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    label
}

/// Each event's neighbours with the weight of the edge: the first `EDGES`
/// candidates of each listed event, each weighted by its share of their
/// summed scores, and the same edge seen from the candidate.
fn symmetric_edges<'a>(
    events: usize,
    best: impl Iterator<Item = (usize, &'a [(usize, f32)])>,
) -> Vec<Vec<(usize, f32)>> {
    let mut edges: Vec<Vec<(usize, f32)>> = vec![Vec::new(); events];
    for (i, candidates) in best {
        let candidates = &candidates[..candidates.len().min(EDGES)];
        let total: f32 = candidates.iter().map(|&(_, s)| s).sum();
        if total <= 0.0 {
            continue;
        }
        for &(j, score) in candidates {
            edges[i].push((j, score / total));
            edges[j].push((i, score / total));
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_reached_through_others_share_a_community_and_a_stranger_does_not() {
        // Two triangles sharing the edge 1–2: 0 and 3 share nothing
        // directly, only through 1 and 2.
        let best: Vec<(usize, Vec<(usize, f32)>)> = vec![
            (0, vec![(1, 1.0), (2, 1.0)]),
            (1, vec![(2, 1.0), (0, 1.0), (3, 1.0)]),
            (2, vec![(1, 1.0), (3, 1.0), (0, 1.0)]),
            (3, vec![(1, 1.0), (2, 1.0)]),
        ];
        let label = communities(6, best.iter().map(|(i, c)| (*i, c.as_slice())));
        assert_eq!(label[0], label[3], "{label:?}");
        assert_ne!(label[4], label[0], "an event without candidates is alone");
        assert_eq!((label[4], label[5]), (4, 5));
    }

    #[test]
    fn two_groups_joined_by_a_weak_edge_stay_apart() {
        let mut best: Vec<(usize, Vec<(usize, f32)>)> = Vec::new();
        for group in [0usize, 4] {
            for i in group..group + 4 {
                let mut others: Vec<(usize, f32)> = (group..group + 4).filter(|&j| j != i).map(|j| (j, 5.0)).collect();
                if i == 3 {
                    others.push((4, 0.1));
                }
                best.push((i, others));
            }
        }
        let label = communities(8, best.iter().map(|(i, c)| (*i, c.as_slice())));
        assert!(label[..4].iter().all(|&l| l == label[0]) && label[4..].iter().all(|&l| l == label[4]), "{label:?}");
        assert_ne!(label[0], label[4], "{label:?}");
    }
}
