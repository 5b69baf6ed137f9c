//! Named-entity recognition: a linear-chain averaged-perceptron tagger over
//! CoNLL-2003 IOB2 tags (PER, ORG, LOC, MISC), trained by
//! `examples/train_ner.rs` and embedded as `model/ner.bin`.

pub mod clusters;
pub mod features;
pub mod hash;
pub mod model;
pub mod train;

use crate::catalogue::Catalogue;
use clusters::Clusters;
use model::{Model, TAGS};
use std::ops::Range;

const EMBEDDED: &[u8] = include_bytes!("../../model/ner.bin");

/// The tagger: a model plus the catalogue that feeds its gazetteer features.
pub struct Tagger {
    model: Model,
    clusters: Clusters,
}

impl Tagger {
    /// The model embedded in the crate.
    pub fn embedded() -> Self {
        // The embedded file is built and tested with the crate: failing to
        // read it is a build defect, and an empty model tags everything O.
        Tagger { model: Model::from_bytes(EMBEDDED).unwrap_or_default(), clusters: Clusters::embedded() }
    }

    /// A model with the embedded clusters.
    pub fn from_model(model: Model) -> Self {
        Tagger { model, clusters: Clusters::embedded() }
    }

    /// A model with the clusters it was trained with.
    pub fn from_parts(model: Model, clusters: Clusters) -> Self {
        Tagger { model, clusters }
    }

    /// Tag indices (into [`TAGS`]) for one sentence's tokens, the sentence
    /// taken as its own document.
    pub fn tag(&self, tokens: &[&str], catalogue: &Catalogue) -> Vec<usize> {
        let idx = features::DocIndex::new(&[tokens.to_vec()]);
        self.tag_in(tokens, catalogue, Some((&idx, 0)))
    }

    /// Tag indices for every sentence of a document: other mentions of a
    /// word in the document inform each one.
    pub fn tag_document(&self, sentences: &[Vec<&str>], catalogue: &Catalogue) -> Vec<Vec<usize>> {
        let idx = features::DocIndex::new(sentences);
        sentences.iter().enumerate().map(|(s, toks)| self.tag_in(toks, catalogue, Some((&idx, s)))).collect()
    }

    fn tag_in(&self, tokens: &[&str], catalogue: &Catalogue, doc: Option<(&features::DocIndex, usize)>) -> Vec<usize> {
        let gaz = catalogue.gaz_codes(tokens);
        let (mut feats, mut offsets) = (Vec::with_capacity(tokens.len() * 48), Vec::new());
        features::extract(tokens, &gaz, |k| self.model.lc_known(k), &self.clusters, doc, &mut feats, &mut offsets);
        let em = self.model.emissions(&feats, &offsets);
        self.model.viterbi(&em)
    }

    /// IOB2 tag strings for one sentence's tokens.
    pub fn tag_strings(&self, tokens: &[&str], catalogue: &Catalogue) -> Vec<&'static str> {
        self.tag(tokens, catalogue).into_iter().map(|t| TAGS[t]).collect()
    }
}

/// Is this sentence a news dateline ("BRUSSELS 1996-08-22")?
fn is_dateline(tokens: &[&str]) -> bool {
    let date = |w: &str| {
        let b = w.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    };
    let (Some(last), Some(first)) = (tokens.last(), tokens.first()) else { return false };
    tokens.len() >= 2 && tokens.len() <= 8 && date(last) && first.chars().next().is_some_and(char::is_uppercase)
}

/// Split a run of sentences without document marks (CoNLL files stripped
/// of `-DOCSTART-`) into news stories: each story opens with the headline
/// before its dateline. Without datelines the whole run is one document.
pub fn split_documents(sentences: &[Vec<&str>]) -> Vec<Range<usize>> {
    let mut starts = vec![0];
    for i in 1..sentences.len() {
        if is_dateline(&sentences[i]) {
            let start = if is_dateline(&sentences[i - 1]) { i } else { i - 1 };
            if start > *starts.last().unwrap_or(&0) {
                starts.push(start);
            }
        }
    }
    starts.iter().zip(starts.iter().skip(1).chain([&sentences.len()])).map(|(a, b)| *a..*b).collect()
}
