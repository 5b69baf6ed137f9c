//! The linear-chain tagger: per-tag weights of observation features, tag
//! transition weights, and Viterbi decoding restricted to valid IOB2.
//!
//! File format (little-endian): `CHNER1`, the scale (f32), the transition
//! table ((T+1)·T i16, the last row from the sentence start), the
//! lower-case vocabulary (count u32, sorted u32 keys), then the features
//! (count u32; each a u32 key, a u16 mask of the tags it weighs, and one
//! i16 weight a set bit).

use super::hash::KeyMap;

/// Number of IOB2 tags.
pub const T: usize = 9;

/// The tags in model order.
pub const TAGS: [&str; T] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

/// The tag index of an IOB2 tag string (unknown strings are `O`).
pub fn tag_index(tag: &str) -> usize {
    TAGS.iter().position(|t| *t == tag).unwrap_or(0)
}

/// May `next` follow `prev` (`None`: the sentence start) in IOB2?
pub fn allowed(prev: Option<usize>, next: usize) -> bool {
    if next == 0 || next % 2 == 1 {
        return true;
    }
    // I-X (even, > 0) needs B-X (next - 1) or I-X before it.
    matches!(prev, Some(p) if p == next || p + 1 == next)
}

/// A trained tagger.
#[derive(Clone, Default)]
pub struct Model {
    pub(crate) index: KeyMap<u32>,
    pub(crate) rows: Vec<[f32; T]>,
    /// `trans[prev][next]`, `trans[T][next]` from the sentence start.
    pub(crate) trans: [[f32; T]; T + 1],
    pub(crate) lc_vocab: Vec<u32>,
}

/// Why a model file cannot be read.
#[derive(Debug)]
pub struct ModelFormatError(pub &'static str);

impl std::fmt::Display for ModelFormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad NER model file: {}", self.0)
    }
}

impl std::error::Error for ModelFormatError {}

impl Model {
    /// Is this lower-case word key in the vocabulary of ordinary words?
    pub fn lc_known(&self, key: u32) -> bool {
        self.lc_vocab.binary_search(&key).is_ok()
    }

    /// Tag-score vectors for each token from its features.
    pub fn emissions(&self, feats: &[u32], offsets: &[usize]) -> Vec<[f32; T]> {
        offsets
            .windows(2)
            .map(|w| {
                let mut s = [0f32; T];
                for key in &feats[w[0]..w[1]] {
                    if let Some(&row) = self.index.get(key) {
                        for (a, b) in s.iter_mut().zip(&self.rows[row as usize]) {
                            *a += b;
                        }
                    }
                }
                s
            })
            .collect()
    }

    /// The best valid IOB2 tag sequence for the emission scores.
    pub fn viterbi(&self, em: &[[f32; T]]) -> Vec<usize> {
        viterbi(em, &self.trans)
    }

    pub fn num_features(&self) -> usize {
        self.rows.len()
    }

    /// Serialise, keeping weights whose magnitude is at least `min_weight`.
    pub fn to_bytes(&self, min_weight: f32) -> Vec<u8> {
        let max = self.rows.iter().flatten().chain(self.trans.iter().flatten()).fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |w: f32| (w / scale).round() as i16;
        let mut out = b"CHNER1".to_vec();
        out.extend(scale.to_le_bytes());
        for w in self.trans.iter().flatten() {
            out.extend(q(*w).to_le_bytes());
        }
        out.extend((self.lc_vocab.len() as u32).to_le_bytes());
        for k in &self.lc_vocab {
            out.extend(k.to_le_bytes());
        }
        let mut entries: Vec<(u32, &[f32; T])> =
            self.index.iter().map(|(k, r)| (*k, &self.rows[*r as usize])).collect();
        entries.sort_by_key(|e| e.0);
        let kept: Vec<(u32, u16, &[f32; T])> = entries
            .into_iter()
            .filter_map(|(k, row)| {
                let mask = row
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| w.abs() >= min_weight && q(**w) != 0)
                    .fold(0u16, |m, (t, _)| m | 1 << t);
                (mask != 0).then_some((k, mask, row))
            })
            .collect();
        out.extend((kept.len() as u32).to_le_bytes());
        for (k, mask, row) in kept {
            out.extend(k.to_le_bytes());
            out.extend(mask.to_le_bytes());
            for (t, w) in row.iter().enumerate() {
                if mask & 1 << t != 0 {
                    out.extend(q(*w).to_le_bytes());
                }
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelFormatError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(6)? != b"CHNER1" {
            return Err(ModelFormatError("missing CHNER1 header"));
        }
        let scale = f32::from_le_bytes(r.take(4)?.try_into().unwrap_or_default());
        let mut m = Model::default();
        for row in m.trans.iter_mut() {
            for w in row.iter_mut() {
                *w = f32::from(r.i16()?) * scale;
            }
        }
        let n = r.u32()? as usize;
        m.lc_vocab = (0..n).map(|_| r.u32()).collect::<Result<_, _>>()?;
        let n = r.u32()? as usize;
        m.rows.reserve(n);
        m.index.reserve(n);
        for i in 0..n {
            let key = r.u32()?;
            let mask = u16::from_le_bytes(r.take(2)?.try_into().unwrap_or_default());
            let mut row = [0f32; T];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & 1 << t != 0 {
                    *w = f32::from(r.i16()?) * scale;
                }
            }
            m.rows.push(row);
            m.index.insert(key, i as u32);
        }
        Ok(m)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelFormatError> {
        let s = self.bytes.get(self.at..self.at + n).ok_or(ModelFormatError("truncated"))?;
        self.at += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelFormatError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default()))
    }
    fn i16(&mut self) -> Result<i16, ModelFormatError> {
        Ok(i16::from_le_bytes(self.take(2)?.try_into().unwrap_or_default()))
    }
}

/// Viterbi over valid IOB2 sequences.
pub fn viterbi(em: &[[f32; T]], trans: &[[f32; T]; T + 1]) -> Vec<usize> {
    if em.is_empty() {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut score = [neg; T];
    for t in 0..T {
        if allowed(None, t) {
            score[t] = trans[T][t] + em[0][t];
        }
    }
    let mut back = vec![[0u8; T]; em.len()];
    for i in 1..em.len() {
        let mut next = [neg; T];
        for t in 0..T {
            for p in 0..T {
                if score[p] == neg || !allowed(Some(p), t) {
                    continue;
                }
                let s = score[p] + trans[p][t];
                if s > next[t] {
                    next[t] = s;
                    back[i][t] = p as u8;
                }
            }
            next[t] += em[i][t];
        }
        score = next;
    }
    let mut best = (0..T).fold(0, |b, t| if score[t] > score[b] { t } else { b });
    let mut path = vec![0; em.len()];
    for i in (0..em.len()).rev() {
        path[i] = best;
        best = back[i][best] as usize;
    }
    path
}
