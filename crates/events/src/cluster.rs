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
//! Candidates come from an inverted index over the clusters' terms, keeping
//! only the latest clusters of each term and those active within a date
//! window, so the cost per document stays flat as clusters accumulate.

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
    /// Similarity (mean cosine to the members, after the time fade) a
    /// document needs to join a cluster.
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
    /// Share of the closest member's cosine in the similarity; the rest is
    /// the mean cosine.
    pub member_weight: f32,
    /// Factor by which the earlier members' weight shrinks each time a
    /// document joins (1.0: all members count alike).
    pub fade: f32,
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
            member_weight: 0.0,
            fade: 1.0,
        }
    }
}

/// A sparse vector: (term id, weight), sorted by term id.
type Vector = Vec<(u32, f32)>;

struct Cluster {
    /// Weighted sum of the members' unit vectors.
    sum: HashMap<u32, f32>,
    /// Sum of the members' weights, so `sum / weight` is their mean.
    weight: f32,
    /// The latest members' vectors, for the closest-member cosine.
    members: Vec<Vector>,
    latest: Option<NaiveDate>,
}

/// Member vectors kept per cluster.
const MEMBERS: usize = 12;
/// Leading terms of a document used to find candidates and to index it.
const INDEX_TERMS: usize = 20;
/// Clusters scored per document.
const CANDIDATES: usize = 32;

/// Cosine of two unit vectors sorted by term id.
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
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

/// Lowercased, purely numeric tokens carry little topic and vary by story.
fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
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

    /// Terms of a document with their term-frequency weights: occurrences
    /// in the lead count sublinearly, a title occurrence adds
    /// `title_weight` (titles name the story), names weigh `name_weight`
    /// times more, and each pair of adjacent names also counts as a phrase.
    fn terms(&self, doc: &ClusterDoc) -> HashMap<String, f32> {
        let lead_end = doc.text.char_indices().nth(self.config.lead_chars).map_or(doc.text.len(), |(i, _)| i);
        let mut lead = HashMap::new();
        self.count(&doc.text[..lead_end], &mut lead);
        let mut title = HashMap::new();
        self.count(&doc.title, &mut title);
        let mut tf: HashMap<String, f32> = HashMap::new();
        for (term, (count, name)) in lead {
            let factor = if name { self.config.name_weight } else { 1.0 };
            tf.insert(term, (1.0 + count.ln()) * factor);
        }
        for (term, (_, name)) in title {
            let factor = if name { self.config.name_weight } else { 1.0 };
            *tf.entry(term).or_default() += self.config.title_weight * factor;
        }
        tf
    }

    /// Count the content words of a text and their adjacent-name pairs;
    /// flag a term as a name when any occurrence is capitalised inside a
    /// sentence.
    fn count(&self, text: &str, counts: &mut HashMap<String, (f32, bool)>) {
        let tokens = tokenize(text);
        let mut previous_name: Option<&str> = None;
        for (i, t) in tokens.iter().enumerate() {
            let word = t.lower.as_str();
            if !t.is_word || word.chars().count() < 3 || STOPWORDS.contains(&word) || is_number(word) {
                previous_name = None;
                continue;
            }
            let name = t.capitalised && i > 0 && tokens[i - 1].is_word;
            let entry = counts.entry(word.to_string()).or_default();
            entry.0 += 1.0;
            entry.1 |= name;
            if let (true, Some(prev)) = (name, previous_name) {
                let entry = counts.entry(format!("{prev} {word}")).or_default();
                entry.0 += 1.0;
                entry.1 = true;
            }
            previous_name = if t.capitalised { Some(word) } else { None };
        }
    }

    fn term_id(&mut self, term: String) -> u32 {
        let next = self.vocabulary.len() as u32;
        let id = *self.vocabulary.entry(term).or_insert(next);
        if id == next {
            self.df.push(0);
        }
        id
    }

    /// The document's unit TF-IDF vector over its strongest terms; counts
    /// the document in the document frequencies first.
    fn vector(&mut self, doc: &ClusterDoc) -> Vector {
        let tf = self.terms(doc);
        self.docs += 1;
        let n = self.docs as f32;
        let mut v: Vector = Vec::with_capacity(tf.len());
        for (term, f) in tf {
            let id = self.term_id(term);
            self.df[id as usize] += 1;
            let idf = ((n + 1.0) / self.df[id as usize] as f32).ln();
            let w = f * idf;
            if w > 0.0 {
                v.push((id, w));
            }
        }
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(self.config.doc_terms);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
        v.iter_mut().for_each(|(_, w)| *w /= norm);
        v
    }

    /// Days from the cluster's latest document to `date` (0 when unknown).
    fn gap(cluster: &Cluster, date: Option<NaiveDate>) -> i64 {
        match (cluster.latest, date) {
            (Some(a), Some(b)) => (b - a).num_days().abs(),
            _ => 0,
        }
    }

    /// Mean cosine to the members blended with the closest member's,
    /// faded by the gap in days.
    fn similarity(&self, cluster: &Cluster, v: &[(u32, f32)], gap: i64) -> f32 {
        let dot: f32 = v.iter().filter_map(|(t, w)| cluster.sum.get(t).map(|x| x * w)).sum();
        let mean = dot / cluster.weight.max(1e-6);
        let m = self.config.member_weight;
        // The closest member costs a cosine per kept member: skip it when unused.
        let closest = if m > 0.0 { cluster.members.iter().map(|x| cosine(v, x)).fold(0.0f32, f32::max) } else { 0.0 };
        let fade = 0.5f32.powf(gap as f32 / self.config.half_life_days.max(1e-3));
        ((1.0 - m) * mean + m * closest) * fade
    }

    /// The indexed clusters sharing the most of the document's leading
    /// terms (at most `CANDIDATES`, the latest first among equals), within
    /// the window: scoring every cluster that shares one common word would
    /// cost a full comparison each.
    fn candidates(&self, leading: &[u32], date: Option<NaiveDate>) -> Vec<usize> {
        let mut found: Vec<usize> = leading.iter().filter_map(|t| self.index.get(t)).flatten().copied().collect();
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

    fn best_cluster(&self, v: &[(u32, f32)], top: &[(u32, f32)], date: Option<NaiveDate>) -> Option<(usize, f32)> {
        let leading: Vec<u32> = top.iter().map(|(t, _)| *t).collect();
        self.candidates(&leading, date)
            .into_iter()
            .map(|c| (c, self.similarity(&self.clusters[c], v, Self::gap(&self.clusters[c], date))))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }

    /// Assign a document to a cluster and return the cluster's number.
    pub fn assign(&mut self, doc: &ClusterDoc) -> usize {
        let mut v = self.vector(doc);
        // The strongest terms find the candidates and index the cluster.
        let top: Vector = v.iter().take(INDEX_TERMS).copied().collect();
        v.sort_by_key(|(t, _)| *t);
        let chosen = self.best_cluster(&v, &top, doc.published);
        let id = match chosen.filter(|(_, s)| *s >= self.config.threshold) {
            Some((c, _)) => c,
            None => {
                self.clusters.push(Cluster { sum: HashMap::new(), weight: 0.0, members: Vec::new(), latest: None });
                self.clusters.len() - 1
            }
        };
        self.add(id, v, doc.published);
        self.index_cluster(id, &top);
        id
    }

    /// Add a member's vector to the cluster, fading the earlier members.
    fn add(&mut self, id: usize, v: Vector, date: Option<NaiveDate>) {
        let (fade, limit) = (self.config.fade, self.config.centroid_terms);
        let cluster = &mut self.clusters[id];
        if fade < 1.0 {
            cluster.sum.values_mut().for_each(|x| *x *= fade);
            cluster.weight *= fade;
        }
        for (t, w) in &v {
            *cluster.sum.entry(*t).or_default() += w;
        }
        cluster.weight += 1.0;
        // Keep the sum bounded: the weakest terms barely move a dot product.
        if cluster.sum.len() > limit * 2 {
            let mut terms: Vec<(u32, f32)> = cluster.sum.drain().collect();
            terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(limit);
            cluster.sum = terms.into_iter().collect();
        }
        cluster.latest = cluster.latest.max(date);
        cluster.members.push(v);
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
