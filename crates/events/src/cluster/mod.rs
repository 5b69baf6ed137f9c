//! The online clusterer: each arriving document joins the most similar
//! recent cluster or opens a new one.
//!
//! Documents are TF-IDF vectors of their title and lead, with sublinear term
//! frequencies and document frequencies counted incrementally as documents
//! arrive. Title words weigh more, names (capitalised words inside a
//! sentence) more again, and a run of capitalised words ("Falcon Heavy")
//! also counts as one phrase term, since shared names are what tell two
//! stories about the same thing from two stories about the same kind of
//! thing.
//!
//! A document's similarity to a cluster is its mean cosine to the cluster's
//! members (average link, read off the sum of their vectors, with older
//! members fading so a running story can drift), blended with its cosine to
//! the closest recent member. Unlike the cosine to a normalised centroid,
//! the mean does not grow with the cluster's size, so one threshold suits
//! small and large clusters alike. The similarity fades with the days since
//! the cluster's latest document.
//!
//! When the caller resolves the entities of the title and lead (`chronicle
//! cluster` does), their mean cosine is a second signal, averaged in with a
//! weight: reports naming a country by its capital or its initials meet.
//! It counts at most a few times the words' own cosine, so two happenings
//! in one place, which share every name but no other word, stay apart.
//!
//! Candidates come from an inverted index over the clusters' terms, keeping
//! only the latest clusters of each term and those active within a date
//! window, so the cost per document stays flat as clusters accumulate.

mod signals;
mod sparse;
mod terms;

use signals::Signals;

use chrono::NaiveDate;
use sparse::{cosine, strongest_unit, MeanVector, Vector};
use std::collections::HashMap;

/// One document as the clusterer sees it.
#[derive(Debug, Clone, Default)]
pub struct ClusterDoc {
    pub id: String,
    pub title: String,
    pub text: String,
    pub published: Option<chrono::NaiveDate>,
    /// Canonical names of the entities the title and lead mention, one per
    /// mention, as the caller's entity resolution gives them ("DPRK" and
    /// "Pyongyang" both as "North Korea"); empty when not resolved.
    pub entities: Vec<String>,
}

/// Tuning of the clusterer.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Similarity (the article's mean cosine to the members, with the other
    /// signals and the time fade) a document needs to join its most similar
    /// cluster.
    pub threshold: f32,
    /// Days after a cluster's latest document during which it takes new ones.
    pub window_days: i64,
    /// Days of gap after which a similarity counts half.
    pub half_life_days: f32,
    /// Characters of the text read as the lead.
    pub lead_chars: usize,
    /// Weight of a title word against a lead word.
    pub title_weight: f32,
    /// Extra factor for names and capitalised phrases.
    pub name_weight: f32,
    /// Terms kept per document vector and per cluster sum.
    pub doc_terms: usize,
    pub centroid_terms: usize,
    /// Clusters remembered per term in the inverted index.
    pub postings: usize,
    /// Factor by which the earlier members' weight shrinks each time a
    /// document joins (1.0: all members count alike).
    pub fade: f32,
    /// Share of the closest member's cosine in the article signal; the rest
    /// is the mean cosine.
    pub member_weight: f32,
    /// Weight of the resolved entities' mean cosine beside the article's (1.0).
    pub entity_signal: f32,
    /// The entity signal counts at most this many times the article's.
    pub entity_cap: f32,
}

impl ClusterConfig {
    /// How similar a document is to a cluster: the article signal (the mean
    /// cosine blended with the closest member's) averaged with the entity
    /// signal by its weight, halved every `half_life_days` of gap. The
    /// entity signal counts at most `entity_cap` times the article signal:
    /// shared names help reports that share some words meet, but two
    /// happenings in one place share all their names and none of their words.
    fn similarity(&self, s: &Signals) -> f32 {
        let m = self.member_weight;
        let article = (1.0 - m) * s.article + m * s.closest;
        let entities = s.entities.min(self.entity_cap * article);
        let mixed = (article + self.entity_signal * entities) / (1.0 + self.entity_signal);
        mixed * 0.5f32.powf(s.gap_days / self.half_life_days.max(1e-3))
    }
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.10,
            window_days: 365,
            half_life_days: 180.0,
            lead_chars: 3000,
            title_weight: 4.0,
            name_weight: 1.5,
            doc_terms: 60,
            centroid_terms: 300,
            postings: 40,
            fade: 1.0,
            member_weight: 0.0,
            entity_signal: 0.5,
            entity_cap: 3.0,
        }
    }
}

/// A candidate cluster of an arriving document and what was measured.
struct Candidate {
    cluster: usize,
    signals: Signals,
}

/// A document's vectors, one per signal, each of unit length.
struct Profile {
    /// Title and lead together, sorted by term id.
    article: Vector,
    /// The strongest terms of `article`, heaviest first: they find the
    /// candidates and index the cluster.
    leading: Vector,
    entities: Vector,
}

#[derive(Default)]
struct Cluster {
    article: MeanVector,
    entities: MeanVector,
    /// The latest members' article vectors, for the closest-member cosine.
    members: Vec<Vector>,
    latest: Option<NaiveDate>,
}

/// Member vectors kept per cluster.
const MEMBERS: usize = 12;
/// Leading terms of a document used to find candidates and to index it.
const INDEX_TERMS: usize = 20;
/// Clusters scored per document.
const CANDIDATES: usize = 32;
/// Leading entities of a document that also find candidates and index it,
/// so that reports naming one entity by different names meet.
const INDEX_ENTITIES: usize = 5;
/// Entity terms kept per document.
const ENTITY_TERMS: usize = 30;

/// The online clusterer: attaches each incoming document to an existing
/// cluster or opens a new one. Stateful; cost per document stays bounded.
#[derive(Default)]
pub struct Clusterer {
    config: ClusterConfig,
    /// Term ids, so vectors are cheap to store and compare.
    vocabulary: HashMap<String, u32>,
    /// Documents seen per term id.
    df: Vec<u32>,
    docs: u32,
    clusters: Vec<Cluster>,
    index: HashMap<u32, Vec<usize>>,
}

impl Clusterer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_config(config: ClusterConfig) -> Self {
        Clusterer { config, ..Self::default() }
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.vocabulary.get(term) {
            return id;
        }
        let id = self.vocabulary.len() as u32;
        self.vocabulary.insert(term.to_string(), id);
        self.df.push(0);
        id
    }

    /// Count a document's terms in the document frequencies. New terms get
    /// their ids in sorted order, not in the maps' random order: ids break
    /// ties between equal weights, so the same stream always gives the same
    /// clusters.
    fn count_document(&mut self, terms: &[&HashMap<String, f32>]) {
        self.docs += 1;
        let mut keys: Vec<&String> = terms.iter().flat_map(|t| t.keys()).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            let id = self.term_id(key);
            self.df[id as usize] += 1;
        }
    }

    /// TF-IDF weights of counted terms, strongest `keep` first, unit length.
    fn weigh(&self, tf: &HashMap<String, f32>, keep: usize) -> Vector {
        let n = self.docs as f32;
        let v: Vector = tf
            .iter()
            .filter_map(|(term, f)| {
                let id = *self.vocabulary.get(term)?;
                let df = self.df[id as usize] as f32;
                Some((id, f * ((n + 1.0) / df).ln()))
            })
            .collect();
        strongest_unit(v, keep)
    }

    /// The document's vectors; counts the document in the document
    /// frequencies first.
    fn profile(&mut self, doc: &ClusterDoc) -> Profile {
        let title_counts = terms::count(&doc.title);
        let lead_counts = terms::count(terms::lead(&doc.text, self.config.lead_chars));
        let article_tf = terms::article_terms(&title_counts, &lead_counts, &self.config);

        let entity_tf = terms::entity_terms(&doc.entities);
        self.count_document(&[&article_tf, &entity_tf]);
        let mut article = self.weigh(&article_tf, self.config.doc_terms);
        let mut leading: Vector = article.iter().take(INDEX_TERMS).copied().collect();
        article.sort_by_key(|(t, _)| *t);
        let mut entities = self.weigh(&entity_tf, ENTITY_TERMS);
        leading.extend(entities.iter().take(INDEX_ENTITIES).copied());
        entities.sort_by_key(|(t, _)| *t);
        Profile { article, leading, entities }
    }

    /// Days from the cluster's latest document to `date` (0 when unknown).
    fn gap(cluster: &Cluster, date: Option<NaiveDate>) -> i64 {
        match (cluster.latest, date) {
            (Some(a), Some(b)) => (b - a).num_days().abs(),
            _ => 0,
        }
    }

    /// What is measured between the document and a cluster `gap` days
    /// from it.
    fn signals(&self, cluster: &Cluster, p: &Profile, gap: i64) -> Signals {
        let article = cluster.article.mean_cosine(&p.article).unwrap_or(0.0);
        // The closest member costs a cosine per kept member: skip it when unused.
        let closest = if self.config.member_weight > 0.0 {
            cluster.members.iter().map(|x| cosine(&p.article, x)).fold(0.0f32, f32::max)
        } else {
            0.0
        };
        Signals {
            article,
            closest,
            entities: cluster.entities.mean_cosine(&p.entities).unwrap_or(article),
            gap_days: gap as f32,
        }
    }

    /// The indexed clusters sharing the most of the document's leading
    /// terms (at most `CANDIDATES`, the latest first among equals), within
    /// the window: scoring every cluster that shares one common word would
    /// cost a full comparison each.
    fn candidates(&self, leading: &[(u32, f32)], date: Option<NaiveDate>) -> Vec<usize> {
        let mut found: Vec<usize> = leading.iter().filter_map(|(t, _)| self.index.get(t)).flatten().copied().collect();
        found.sort_unstable();
        let mut shared: Vec<(usize, usize)> = Vec::new();
        for c in found {
            match shared.last_mut() {
                Some((last, n)) if *last == c => *n += 1,
                _ => shared.push((c, 1)),
            }
        }
        shared.retain(|&(c, _)| Self::gap(&self.clusters[c], date) <= self.config.window_days);
        shared.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        shared.truncate(CANDIDATES);
        shared.into_iter().map(|(c, _)| c).collect()
    }

    /// The candidate clusters of a document with their signals.
    fn measure(&self, p: &Profile, date: Option<NaiveDate>) -> Vec<Candidate> {
        self.candidates(&p.leading, date)
            .into_iter()
            .map(|c| {
                let cluster = &self.clusters[c];
                Candidate { cluster: c, signals: self.signals(cluster, p, Self::gap(cluster, date)) }
            })
            .collect()
    }

    /// The most similar cluster of the candidates, if similar enough.
    fn decide(&self, candidates: &[Candidate]) -> Option<usize> {
        candidates
            .iter()
            .map(|c| (c.cluster, self.config.similarity(&c.signals)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .filter(|(_, p)| *p >= self.config.threshold)
            .map(|(c, _)| c)
    }

    /// Assign a document to a cluster and return the cluster's number.
    pub fn assign(&mut self, doc: &ClusterDoc) -> usize {
        let profile = self.profile(doc);
        let candidates = self.measure(&profile, doc.published);
        let id = match self.decide(&candidates) {
            Some(c) => c,
            None => {
                self.clusters.push(Cluster::default());
                self.clusters.len() - 1
            }
        };
        self.index_cluster(id, &profile.leading);
        self.add(id, profile, doc.published);
        id
    }

    /// Add a member's vectors to the cluster, fading the earlier members.
    fn add(&mut self, id: usize, p: Profile, date: Option<NaiveDate>) {
        let (fade, limit) = (self.config.fade, self.config.centroid_terms);
        let cluster = &mut self.clusters[id];
        cluster.article.add(&p.article, fade, limit);
        cluster.entities.add(&p.entities, fade, limit);
        cluster.latest = cluster.latest.max(date);
        cluster.members.push(p.article);
        if cluster.members.len() > MEMBERS {
            cluster.members.remove(0);
        }
    }

    /// Make the cluster the latest one listed under each leading term,
    /// forgetting the oldest beyond `postings`.
    fn index_cluster(&mut self, id: usize, leading: &[(u32, f32)]) {
        for (t, _) in leading {
            let list = self.index.entry(*t).or_default();
            if list.last() != Some(&id) {
                list.retain(|&c| c != id);
                list.push(id);
                if list.len() > self.config.postings {
                    list.remove(0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: ids were handed out in a hash map's order, which differs
    /// from run to run, and ids break ties between equal weights, so one
    /// stream could give different clusters on two runs.
    #[test]
    fn term_ids_follow_sorted_order_so_every_run_clusters_alike() {
        let mut clusterer = Clusterer::new();
        let terms: HashMap<String, f32> =
            ["zebra", "apple", "mango", "kiwi", "banana"].iter().map(|t| (t.to_string(), 1.0)).collect();
        clusterer.count_document(&[&terms]);
        let mut by_id: Vec<(&u32, &String)> = clusterer.vocabulary.iter().map(|(t, id)| (id, t)).collect();
        by_id.sort();
        let order: Vec<&str> = by_id.into_iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(order, ["apple", "banana", "kiwi", "mango", "zebra"]);
    }
}
