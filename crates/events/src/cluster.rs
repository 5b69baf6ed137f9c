//! The online clusterer: each arriving document joins the most similar
//! recent cluster or opens a new one.
//!
//! Documents are TF-IDF vectors of their title and lead, with document
//! frequencies counted incrementally as documents arrive; capitalised words
//! (names) weigh more. Candidates come from an inverted index over the
//! clusters' terms, keeping only the latest clusters of each term and those
//! active within a date window, so the cost per document stays flat.

use crate::text::tokenize;
use chrono::NaiveDate;
use std::collections::HashMap;

/// One document as the clusterer sees it.
#[derive(Debug, Clone, Default)]
pub struct ClusterDoc {
    pub id: String,
    pub title: String,
    pub text: String,
    pub published: Option<chrono::NaiveDate>,
}

/// Tuning of the clusterer.
#[derive(Debug, Clone)]
pub struct ClusterConfig {
    /// Cosine similarity a document needs to join a cluster.
    pub threshold: f32,
    /// Days after a cluster's latest document during which it takes new ones.
    pub window_days: i64,
    /// Characters of the text read as the lead.
    pub lead_chars: usize,
    /// Terms kept per document vector and per cluster centroid.
    pub doc_terms: usize,
    pub centroid_terms: usize,
    /// Clusters remembered per term in the inverted index.
    pub postings: usize,
    /// How much the best single member's similarity counts against the
    /// centroid's.
    pub member_weight: f32,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        ClusterConfig {
            threshold: 0.14,
            window_days: 60,
            lead_chars: 3000,
            doc_terms: 60,
            centroid_terms: 300,
            postings: 40,
            member_weight: 0.0,
        }
    }
}

struct Cluster {
    centroid: HashMap<String, f32>,
    /// The latest members' vectors, for single-link similarity.
    members: Vec<Vec<(String, f32)>>,
    latest: Option<NaiveDate>,
}

impl Cluster {
    fn norm(&self) -> f32 {
        self.centroid.values().map(|v| v * v).sum::<f32>().sqrt()
    }
}

/// The online clusterer: attaches each incoming document to an existing
/// cluster or opens a new one. Stateful; cost per document stays bounded.
#[derive(Default)]
pub struct Clusterer {
    config: ClusterConfig,
    df: HashMap<String, u32>,
    docs: u32,
    clusters: Vec<Cluster>,
    index: HashMap<String, Vec<usize>>,
}

/// Member vectors kept per cluster.
const MEMBERS: usize = 12;

/// Cosine of two normalised sparse vectors.
fn cosine(a: &[(String, f32)], b: &[(String, f32)]) -> f32 {
    a.iter().map(|(t, w)| b.iter().find(|(u, _)| u == t).map_or(0.0, |(_, x)| w * x)).sum()
}

const STOPWORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "that",
    "with",
    "this",
    "from",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "its",
    "his",
    "her",
    "their",
    "they",
    "but",
    "not",
    "you",
    "who",
    "which",
    "will",
    "would",
    "said",
    "says",
    "been",
    "after",
    "about",
    "more",
    "than",
    "also",
    "into",
    "over",
    "what",
    "when",
    "where",
    "how",
    "our",
    "out",
    "one",
    "two",
    "new",
    "all",
    "can",
    "could",
    "there",
    "some",
    "other",
    "just",
    "like",
    "your",
    "him",
    "she",
    "them",
    "may",
    "most",
    "only",
    "then",
    "its",
    "year",
    "years",
    "time",
    "people",
    "updated",
    "news",
    "image",
    "photo",
    "copyright",
    "getty",
    "images",
    "share",
    "comments",
];

impl Clusterer {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_config(config: ClusterConfig) -> Self {
        Clusterer { config, ..Self::default() }
    }

    /// Terms of a document with their raw weights: title words count
    /// twice, names (capitalised inside a sentence) half again.
    fn terms(&self, doc: &ClusterDoc) -> HashMap<String, f32> {
        let mut tf: HashMap<String, f32> = HashMap::new();
        let lead_end = doc.text.char_indices().nth(self.config.lead_chars).map_or(doc.text.len(), |(i, _)| i);
        for (part, weight) in [(doc.title.as_str(), 2.0), (&doc.text[..lead_end], 1.0)] {
            let tokens = tokenize(part);
            for (i, t) in tokens.iter().enumerate() {
                if !t.is_word || t.lower.chars().count() < 3 || STOPWORDS.contains(&t.lower.as_str()) {
                    continue;
                }
                if t.lower.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                    continue;
                }
                let name = t.capitalised && i > 0 && tokens[i - 1].is_word;
                let w = if name { weight * 1.5 } else { weight };
                *tf.entry(t.lower.clone()).or_default() += w;
            }
        }
        tf
    }

    fn vector(&mut self, doc: &ClusterDoc) -> Vec<(String, f32)> {
        let tf = self.terms(doc);
        self.docs += 1;
        for term in tf.keys() {
            *self.df.entry(term.clone()).or_default() += 1;
        }
        let n = self.docs as f32;
        let mut v: Vec<(String, f32)> = tf
            .into_iter()
            .map(|(term, f)| {
                let df = self.df[&term] as f32;
                let w = (1.0 + f.ln()) * ((n + 1.0) / df).ln();
                (term, w)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(self.config.doc_terms);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|(_, w)| *w /= norm);
        v
    }

    fn in_window(&self, cluster: &Cluster, date: Option<NaiveDate>) -> bool {
        match (cluster.latest, date) {
            (Some(a), Some(b)) => (b - a).num_days().abs() <= self.config.window_days,
            _ => true,
        }
    }

    fn best_cluster(&self, v: &[(String, f32)], date: Option<NaiveDate>) -> Option<(usize, f32)> {
        let mut candidates: Vec<usize> =
            v.iter().take(20).filter_map(|(t, _)| self.index.get(t)).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter(|&c| self.in_window(&self.clusters[c], date))
            .map(|c| {
                let cl = &self.clusters[c];
                let dot: f32 = v.iter().filter_map(|(t, w)| cl.centroid.get(t).map(|x| x * w)).sum();
                let centroid = dot / cl.norm().max(1e-6);
                let member = cl.members.iter().map(|m| cosine(v, m)).fold(0.0f32, f32::max);
                (c, centroid.max(self.config.member_weight * member))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// Assign a document to a cluster and return the cluster's number.
    pub fn assign(&mut self, doc: &ClusterDoc) -> usize {
        let v = self.vector(doc);
        let chosen = self.best_cluster(&v, doc.published).filter(|(_, s)| *s >= self.config.threshold);
        let id = match chosen {
            Some((c, _)) => c,
            None => {
                self.clusters.push(Cluster { centroid: HashMap::new(), members: Vec::new(), latest: None });
                self.clusters.len() - 1
            }
        };
        let limit = self.config.centroid_terms;
        let cluster = &mut self.clusters[id];
        for (t, w) in &v {
            *cluster.centroid.entry(t.clone()).or_default() += w;
        }
        if cluster.centroid.len() > limit * 2 {
            let mut terms: Vec<(String, f32)> = cluster.centroid.drain().collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1));
            terms.truncate(limit);
            cluster.centroid = terms.into_iter().collect();
        }
        cluster.latest = cluster.latest.max(doc.published);
        cluster.members.push(v.clone());
        if cluster.members.len() > MEMBERS {
            cluster.members.remove(0);
        }
        for (t, _) in v.iter().take(20) {
            let list = self.index.entry(t.clone()).or_default();
            if list.last() != Some(&id) {
                list.retain(|&c| c != id);
                list.push(id);
                if list.len() > self.config.postings {
                    list.remove(0);
                }
            }
        }
        id
    }
}
