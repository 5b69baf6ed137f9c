//! Training: a structured averaged perceptron (Collins 2002) over the
//! features of [`super::features`], decoding with Viterbi at every step.

use super::clusters::Clusters;
use super::features;
use super::hash::KeyMap;
use super::model::{tag_index, viterbi, Model, T};

/// A training sentence: tokens, gazetteer codes and gold tag indices.
pub struct Example {
    /// The document's other sentences, for document features (empty: none).
    pub doc: std::rc::Rc<Vec<Vec<String>>>,
    /// This sentence's number in `doc`.
    pub index: usize,
    pub tokens: Vec<String>,
    pub gaz: Vec<features::GazCode>,
    pub tags: Vec<usize>,
}

impl Example {
    pub fn new(tokens: Vec<String>, tags: &[String], gaz: Vec<features::GazCode>) -> Self {
        Example { doc: Default::default(), index: 0, tokens, gaz, tags: tags.iter().map(|t| tag_index(t)).collect() }
    }
}

struct Prepared {
    feats: Vec<u32>,
    offsets: Vec<usize>,
    tags: Vec<usize>,
}

/// The trainer's state: current and summed weights for averaging.
pub struct Trainer {
    model: Model,
    sums: Vec<[f32; T]>,
    trans_sums: [[f32; T]; T + 1],
    step: f32,
    data: Vec<Prepared>,
}

impl Trainer {
    /// Index the features of the training data and the lower-case
    /// vocabulary (words seen in lower case at least `min_lc` times).
    pub fn new(train: &[Example], min_lc: usize, clusters: &Clusters) -> Self {
        let mut counts: KeyMap<usize> = KeyMap::default();
        for ex in train {
            for w in &ex.tokens {
                if w.chars().any(char::is_lowercase) && !w.chars().any(char::is_uppercase) {
                    *counts.entry(features::vocab_key(w)).or_default() += 1;
                }
            }
        }
        let mut lc_vocab: Vec<u32> = counts.into_iter().filter(|(_, n)| *n >= min_lc).map(|(k, _)| k).collect();
        lc_vocab.sort_unstable();
        let model = Model { lc_vocab, ..Model::default() };
        let mut cached: Option<(*const Vec<Vec<String>>, features::DocIndex)> = None;
        let data = train
            .iter()
            .map(|ex| {
                let ptr = std::rc::Rc::as_ptr(&ex.doc);
                if cached.as_ref().is_none_or(|(p, _)| *p != ptr) {
                    let sents: Vec<Vec<&str>> = ex.doc.iter().map(|s| s.iter().map(String::as_str).collect()).collect();
                    cached = Some((ptr, features::DocIndex::new(&sents)));
                }
                let idx = cached.as_ref().map(|(_, i)| i).filter(|_| !ex.doc.is_empty());
                prepare(&model, clusters, ex, idx)
            })
            .collect();
        Trainer { model, sums: Vec::new(), trans_sums: [[0.0; T]; T + 1], step: 1.0, data }
    }

    /// One pass over the training data in the given order.
    pub fn epoch(&mut self, order: &[usize]) {
        for &i in order {
            let ex = &self.data[i];
            let em = self.model.emissions(&ex.feats, &ex.offsets);
            let guess = viterbi(&em, &self.model.trans);
            if guess != ex.tags {
                let (feats, offsets, gold) = (ex.feats.clone(), ex.offsets.clone(), ex.tags.clone());
                self.update(&feats, &offsets, &gold, 1.0);
                self.update(&feats, &offsets, &guess, -1.0);
            }
            self.step += 1.0;
        }
    }

    fn update(&mut self, feats: &[u32], offsets: &[usize], tags: &[usize], d: f32) {
        let c = self.step;
        let mut prev = T;
        for (i, &t) in tags.iter().enumerate() {
            self.model.trans[prev][t] += d;
            self.trans_sums[prev][t] += c * d;
            prev = t;
            for key in &feats[offsets[i]..offsets[i + 1]] {
                let next = self.model.rows.len() as u32;
                let row = *self.model.index.entry(*key).or_insert(next) as usize;
                if row == self.model.rows.len() {
                    self.model.rows.push([0.0; T]);
                    self.sums.push([0.0; T]);
                }
                self.model.rows[row][t] += d;
                self.sums[row][t] += c * d;
            }
        }
    }

    /// The averaged model (weights `w - sum / step`).
    pub fn averaged(&self) -> Model {
        let mut m = self.model.clone();
        for (row, sum) in m.rows.iter_mut().zip(&self.sums) {
            for (w, s) in row.iter_mut().zip(sum) {
                *w -= s / self.step;
            }
        }
        for (row, sum) in m.trans.iter_mut().zip(&self.trans_sums) {
            for (w, s) in row.iter_mut().zip(sum) {
                *w -= s / self.step;
            }
        }
        m
    }

    pub fn len(&self) -> usize {
        self.data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }
}

fn prepare(model: &Model, clusters: &Clusters, ex: &Example, idx: Option<&features::DocIndex>) -> Prepared {
    let toks: Vec<&str> = ex.tokens.iter().map(String::as_str).collect();
    let (mut feats, mut offsets) = (Vec::new(), Vec::new());
    let doc = idx.map(|i| (i, ex.index));
    features::extract(&toks, &ex.gaz, |k| model.lc_known(k), clusters, doc, &mut feats, &mut offsets);
    Prepared { feats, offsets, tags: ex.tags.clone() }
}
