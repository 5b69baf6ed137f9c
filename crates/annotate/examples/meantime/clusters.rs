//! Agreement of two clusterings of the same mentions: pairwise precision
//! and recall of "the same entity", and BCubed. Each mention carries its
//! document, its gold entity and the system's entity.

use std::collections::HashMap;
use std::hash::Hash;

/// One aligned mention.
pub struct Item<'a> {
    pub doc: usize,
    pub gold: &'a str,
    pub system: &'a str,
}

/// Precision and recall from counts.
#[derive(Default, Clone, Copy)]
pub struct Pr {
    pub precision: f64,
    pub recall: f64,
}

impl Pr {
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision, self.recall);
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Pairs sharing a key, summed over the keys.
fn pairs<K: Hash + Eq>(keys: impl Iterator<Item = K>) -> usize {
    let mut counts: HashMap<K, usize> = HashMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    counts.values().map(|n| n * (n - 1) / 2).sum()
}

/// (same gold, same system, same in both) pair counts; `per_doc` keys the
/// clusters by document too, so that only pairs inside a document count.
fn pair_counts(items: &[Item], per_doc: bool) -> [usize; 3] {
    let doc = |i: &Item| if per_doc { i.doc } else { 0 };
    [
        pairs(items.iter().map(|i| (doc(i), i.gold))),
        pairs(items.iter().map(|i| (doc(i), i.system))),
        pairs(items.iter().map(|i| (doc(i), i.gold, i.system))),
    ]
}

/// Pairwise precision and recall over pairs of mentions in one document.
pub fn within_document(items: &[Item]) -> Pr {
    let [gold, system, both] = pair_counts(items, true);
    Pr { precision: ratio(both, system), recall: ratio(both, gold) }
}

/// Pairwise precision and recall over pairs of mentions in two different
/// documents: all pairs less those inside a document.
pub fn across_documents(items: &[Item]) -> Pr {
    let all = pair_counts(items, false);
    let within = pair_counts(items, true);
    let [gold, system, both] = [0, 1, 2].map(|k| all[k] - within[k]);
    Pr { precision: ratio(both, system), recall: ratio(both, gold) }
}

/// BCubed precision and recall, clusters taken per document (`per_doc`)
/// or over the whole corpus.
pub fn bcubed(items: &[Item], per_doc: bool) -> Pr {
    let doc = |i: &Item| if per_doc { i.doc } else { 0 };
    let mut gold: HashMap<(usize, &str), usize> = HashMap::new();
    let mut system: HashMap<(usize, &str), usize> = HashMap::new();
    let mut both: HashMap<(usize, &str, &str), usize> = HashMap::new();
    for i in items {
        *gold.entry((doc(i), i.gold)).or_default() += 1;
        *system.entry((doc(i), i.system)).or_default() += 1;
        *both.entry((doc(i), i.gold, i.system)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for i in items {
        let shared = both[&(doc(i), i.gold, i.system)] as f64;
        p += shared / system[&(doc(i), i.system)] as f64;
        r += shared / gold[&(doc(i), i.gold)] as f64;
    }
    let n = items.len().max(1) as f64;
    Pr { precision: p / n, recall: r / n }
}
