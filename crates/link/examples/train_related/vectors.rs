//! The sentence vectors of the training events' summaries, kept in a cache
//! file so that a second training run encodes only texts it has not seen:
//! encoding the 57,000 summaries of 2002–2015 takes many minutes.
//!
//! The file is a run of records, each a text's hash (FNV-1a, 8 bytes) and
//! its vector (384 little-endian floats); new records are appended after
//! each chunk encoded, and a record cut short by a killed run is dropped
//! when the file is read.

use chronicle_embed::{SentenceEncoder, DIMENSIONS};
use chronicle_model::Event;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many summaries are encoded between two appends to the file.
const CHUNK: usize = 1024;

const RECORD: usize = 8 + 4 * DIMENSIONS;

pub struct Cache {
    encoder: SentenceEncoder,
    path: PathBuf,
    known: HashMap<u64, Vec<f32>>,
}

impl Cache {
    /// The encoder of the weights in `weights`, and the vectors already
    /// cached at `path` (none if the file does not exist yet).
    pub fn open(weights: &Path, path: &Path) -> Result<Cache, String> {
        let encoder = SentenceEncoder::open(weights).map_err(|e| e.to_string())?;
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let known: HashMap<u64, Vec<f32>> = bytes.chunks_exact(RECORD).map(record).collect();
        eprintln!("{}: {} sentence vectors cached", path.display(), known.len());
        Ok(Cache { encoder, path: path.to_path_buf(), known })
    }

    /// The vector of each event's summary, in order, encoding (and
    /// caching) those not seen before.
    pub fn vectors(&mut self, events: &[Event]) -> Result<Vec<Option<Vec<f32>>>, String> {
        let mut missing: Vec<&str> = events.iter().map(|e| e.summary.as_str()).filter(|s| !self.has(s)).collect();
        missing.sort_unstable();
        missing.dedup();
        for (k, chunk) in missing.chunks(CHUNK).enumerate() {
            let vectors = self.encoder.try_encode(chunk).map_err(|e| e.to_string())?;
            self.append(chunk, vectors)?;
            eprintln!("encoded {} of {} summaries", (k * CHUNK + chunk.len()), missing.len());
        }
        Ok(events.iter().map(|e| self.known.get(&hash(&e.summary)).cloned()).collect())
    }

    fn has(&self, text: &str) -> bool {
        self.known.contains_key(&hash(text))
    }

    fn append(&mut self, texts: &[&str], vectors: Vec<Vec<f32>>) -> Result<(), String> {
        let fail = |e: std::io::Error| format!("{}: {e}", self.path.display());
        let file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path).map_err(fail)?;
        let mut out = std::io::BufWriter::new(file);
        for (text, vector) in texts.iter().zip(vectors) {
            out.write_all(&hash(text).to_le_bytes()).map_err(fail)?;
            for x in &vector {
                out.write_all(&x.to_le_bytes()).map_err(fail)?;
            }
            self.known.insert(hash(text), vector);
        }
        out.flush().map_err(fail)
    }
}

/// One record of the file: a text's hash and its vector.
fn record(bytes: &[u8]) -> (u64, Vec<f32>) {
    let number = |b: &[u8]| f32::from_le_bytes(b.try_into().expect("four bytes"));
    let key = u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
    (key, bytes[8..].chunks_exact(4).map(number).collect())
}

/// FNV-1a of the text: the key of its vector.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}
