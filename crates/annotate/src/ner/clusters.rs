//! Word clusters learnt from unlabelled text (`examples/word_clusters.rs`):
//! each known lower-case word has a path of up to four cluster digits,
//! whose prefixes are coarser clusters. They let the tagger generalise
//! from the words of its training data to words it has only seen in
//! unlabelled news.

use super::features::vocab_key;
use super::hash::KeyMap;

const EMBEDDED: &str = include_str!("../../data/clusters.tsv");

/// Lower-case word keys to cluster paths, a digit `d` as the nibble `d + 1`
/// (first level lowest), so that every prefix is a distinct code.
#[derive(Clone, Default)]
pub struct Clusters {
    paths: KeyMap<(u16, u8)>,
}

impl Clusters {
    /// The clusters shipped with the crate.
    pub fn embedded() -> Self {
        Self::from_tsv(EMBEDDED)
    }

    /// Read `word<TAB>path<TAB>case` lines; malformed lines are skipped.
    pub fn from_tsv(text: &str) -> Self {
        let mut paths = KeyMap::default();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(word), Some(path)) = (cols.next(), cols.next()) else { continue };
            let case = match cols.next() {
                Some("l") => 1,
                Some("m") => 2,
                Some("c") => 3,
                _ => 0,
            };
            let code = path
                .bytes()
                .take(4)
                .enumerate()
                .filter(|(_, b)| b.is_ascii_digit() && *b < b'8')
                .fold(0u16, |c, (k, b)| c | u16::from(b - b'0' + 1) << (4 * k));
            if code != 0 {
                paths.insert(vocab_key(word), (code, case));
            }
        }
        Clusters { paths }
    }

    /// The path code of a lower-case word key (0: unknown).
    pub fn path(&self, key: u32) -> u16 {
        self.paths.get(&key).map_or(0, |p| p.0)
    }

    /// How the word is written inside sentences of unlabelled text: 1
    /// mostly lower case, 2 mixed, 3 capitalised, 0 unknown.
    pub fn case(&self, key: u32) -> u8 {
        self.paths.get(&key).map_or(0, |p| p.1)
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }
}

/// The first `levels` digits of a path code.
pub fn prefix(code: u16, levels: u32) -> u16 {
    if levels >= 4 {
        code
    } else {
        code & ((1u16 << (4 * levels)) - 1)
    }
}
