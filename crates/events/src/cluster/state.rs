//! What the clusterer remembers between documents, behind a trait so that
//! one algorithm runs over two homes: memory (`chronicle cluster`, a
//! stream read once) and the store (ingest, where a cluster is an event and
//! everything an article changes is written in the article's transaction).

use super::dense::DenseMean;
use super::nearest::{nearest_clusters, NearestQuery};
use super::sparse::MeanVector;
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::HashMap;

/// A cluster's number: its place in the order clusters were opened, so that
/// among equally good candidates the latest opened comes first.
pub type ClusterId = u64;

/// What a cluster keeps of its members: the mean of their article vectors,
/// the mean of their entity vectors, the mean of their sentence vectors
/// (empty without an encoder), and the latest of their dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterMeans {
    pub article: MeanVector,
    pub entities: MeanVector,
    pub embedding: DenseMean,
    pub latest: Option<NaiveDate>,
}

/// A document counted in the document frequencies.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counted {
    /// Documents counted so far, this one included.
    pub documents: u32,
    /// Each term's id and document frequency (this document included), in
    /// the order the terms were given.
    pub terms: Vec<(u32, u32)>,
}

/// The clusterer's memory. Every method may fail when the state lives in a
/// store; the memory one never does.
pub trait ClusterState {
    type Error;

    /// Count one more document holding `terms` (sorted and distinct): new
    /// terms get the next ids in this order, and every term's document
    /// frequency grows by one.
    fn count_document(&mut self, terms: &[&str]) -> Result<Counted, Self::Error>;

    /// The clusters listed under a term, the latest last.
    fn postings(&self, term: u32) -> Result<Vec<ClusterId>, Self::Error>;

    fn set_postings(&mut self, term: u32, clusters: &[ClusterId]) -> Result<(), Self::Error>;

    /// The latest date of a cluster's members; none when undated.
    fn latest(&self, cluster: ClusterId) -> Result<Option<NaiveDate>, Self::Error>;

    /// What a cluster keeps; empty means for a cluster with no member yet.
    fn means(&self, cluster: ClusterId) -> Result<Cow<'_, ClusterMeans>, Self::Error>;

    fn set_means(&mut self, cluster: ClusterId, means: ClusterMeans) -> Result<(), Self::Error>;

    /// The clusters nearest a sentence vector, each with its latest date
    /// ([`nearest_clusters`]); none where the state keeps no sentence vectors.
    fn nearest(&self, query: &NearestQuery) -> Result<Vec<(ClusterId, NaiveDate)>, Self::Error> {
        let _ = query;
        Ok(Vec::new())
    }
}

/// The clusterer's memory for a stream read once.
#[derive(Default)]
pub struct MemoryClusters {
    /// Term ids, so vectors are cheap to store and compare.
    vocabulary: HashMap<String, u32>,
    /// Documents seen per term id.
    df: Vec<u32>,
    documents: u32,
    clusters: Vec<ClusterMeans>,
    index: HashMap<u32, Vec<ClusterId>>,
}

impl MemoryClusters {
    /// Open a cluster with no member yet.
    pub fn open(&mut self) -> ClusterId {
        self.clusters.push(ClusterMeans::default());
        (self.clusters.len() - 1) as ClusterId
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

    #[cfg(test)]
    pub(super) fn vocabulary(&self) -> &HashMap<String, u32> {
        &self.vocabulary
    }
}

impl ClusterState for MemoryClusters {
    type Error = std::convert::Infallible;

    fn count_document(&mut self, terms: &[&str]) -> Result<Counted, Self::Error> {
        self.documents += 1;
        let terms = terms
            .iter()
            .map(|term| {
                let id = self.term_id(term);
                self.df[id as usize] += 1;
                (id, self.df[id as usize])
            })
            .collect();
        Ok(Counted { documents: self.documents, terms })
    }

    fn postings(&self, term: u32) -> Result<Vec<ClusterId>, Self::Error> {
        Ok(self.index.get(&term).cloned().unwrap_or_default())
    }

    fn set_postings(&mut self, term: u32, clusters: &[ClusterId]) -> Result<(), Self::Error> {
        self.index.insert(term, clusters.to_vec());
        Ok(())
    }

    fn latest(&self, cluster: ClusterId) -> Result<Option<NaiveDate>, Self::Error> {
        Ok(self.clusters.get(cluster as usize).and_then(|c| c.latest))
    }

    fn means(&self, cluster: ClusterId) -> Result<Cow<'_, ClusterMeans>, Self::Error> {
        Ok(match self.clusters.get(cluster as usize) {
            Some(c) => Cow::Borrowed(c),
            None => Cow::Owned(ClusterMeans::default()),
        })
    }

    fn set_means(&mut self, cluster: ClusterId, means: ClusterMeans) -> Result<(), Self::Error> {
        let i = cluster as usize;
        if i >= self.clusters.len() {
            self.clusters.resize_with(i + 1, ClusterMeans::default);
        }
        self.clusters[i] = means;
        Ok(())
    }

    fn nearest(&self, query: &NearestQuery) -> Result<Vec<(ClusterId, NaiveDate)>, Self::Error> {
        let dated =
            self.clusters.iter().enumerate().filter_map(|(i, c)| Some((i as ClusterId, c.latest?, &c.embedding)));
        Ok(nearest_clusters(dated, query))
    }
}
