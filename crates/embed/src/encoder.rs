//! The encoder: word pieces → BERT → mean pooling → unit vectors.

use std::path::{Path, PathBuf};

use candle_core::{Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config, DTYPE};
use rayon::prelude::*;
use tokenizers::{Encoding, Tokenizer, TruncationParams};

use crate::pooling::{l2_normalise, mean_over_mask};
use crate::{EmbedError, DIMENSIONS};

/// Longest input in word pieces, [CLS] and [SEP] included; longer texts are
/// cut, as sentence-transformers does for this model (`max_seq_length`).
pub const MAX_WORD_PIECES: usize = 256;

/// Texts run through the model together. Texts are sorted by length first,
/// so a batch pads little; 32 is what sentence-transformers uses.
const BATCH_SIZE: usize = 32;

/// all-MiniLM-L6-v2 opened from a directory of installed weights.
pub struct SentenceEncoder {
    tokenizer: Tokenizer,
    model: BertModel,
    device: Device,
}

impl SentenceEncoder {
    /// Reads `config.json`, `tokenizer.json` and `model.safetensors` from
    /// `dir`. The error names the directory or the file that is missing or
    /// cannot be read.
    pub fn open(dir: &Path) -> Result<SentenceEncoder, EmbedError> {
        if !dir.is_dir() {
            return Err(EmbedError::MissingDirectory { dir: dir.to_path_buf() });
        }
        let config = read_config(&required(dir, "config.json")?)?;
        let tokenizer = read_tokenizer(&required(dir, "tokenizer.json")?)?;
        let device = Device::Cpu;
        let model = read_model(&required(dir, "model.safetensors")?, &config, &device)?;
        Ok(SentenceEncoder { tokenizer, model, device })
    }

    /// One unit vector of [`DIMENSIONS`] floats per text, in the order
    /// given. The same texts always give the same vectors. Batches of
    /// texts are encoded on the threads of the rayon pool at once; see
    /// [`crate::keep_element_wise_ops_on_one_thread`] for the threads
    /// inside a batch.
    ///
    /// # Panics
    /// Only if the model itself fails (see [`SentenceEncoder::try_encode`]),
    /// which no input text causes.
    pub fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        self.try_encode(texts).unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`SentenceEncoder::encode`], with a failure of the model returned
    /// rather than raised.
    pub fn try_encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let pieces = self.word_pieces(texts)?;
        let batches = batches_by_length(&pieces);
        // Batches run side by side on the rayon pool: each batch's vectors
        // depend only on its own texts, so which thread runs it changes no
        // float, and `collect` keeps the batches in order.
        let encoded: Vec<Vec<Vec<f32>>> = batches
            .par_iter()
            .map(|batch| {
                self.encode_batch(&batch.iter().map(|&i| &pieces[i]).collect::<Vec<_>>())
                    .map_err(|e| EmbedError::Encode { texts: batch.len(), reason: e.to_string() })
            })
            .collect::<Result<_, _>>()?;
        let mut vectors = vec![Vec::new(); texts.len()];
        for (batch, batch_vectors) in batches.into_iter().zip(encoded) {
            for (i, vector) in batch.into_iter().zip(batch_vectors) {
                vectors[i] = vector;
            }
        }
        Ok(vectors)
    }

    fn word_pieces(&self, texts: &[&str]) -> Result<Vec<Encoding>, EmbedError> {
        texts
            .iter()
            .map(|text| self.tokenizer.encode(*text, true))
            .collect::<Result<_, _>>()
            .map_err(|e| EmbedError::Encode { texts: texts.len(), reason: format!("tokenizer: {e}") })
    }

    /// Runs one batch: pads to its longest member, masks the padding out of
    /// both attention and the mean.
    fn encode_batch(&self, batch: &[&Encoding]) -> candle_core::Result<Vec<Vec<f32>>> {
        let width = batch.iter().map(|e| e.len()).max().unwrap_or(0);
        let mut ids = Vec::with_capacity(batch.len() * width);
        let mut mask = Vec::with_capacity(batch.len() * width);
        for encoding in batch {
            let pad = width - encoding.len();
            ids.extend(encoding.get_ids().iter().copied().chain(std::iter::repeat_n(0, pad)));
            mask.extend(encoding.get_attention_mask().iter().copied().chain(std::iter::repeat_n(0, pad)));
        }
        let shape = (batch.len(), width);
        let ids = Tensor::from_vec(ids, shape, &self.device)?;
        let mask = Tensor::from_vec(mask, shape, &self.device)?;
        let token_types = ids.zeros_like()?;
        let hidden = self.model.forward(&ids, &token_types, Some(&mask))?;
        l2_normalise(&mean_over_mask(&hidden, &mask)?)?.to_vec2()
    }
}

/// Indices of the encodings grouped into batches of similar length, so
/// that padding costs little. The sort is stable, so the grouping (and
/// with it every float) depends only on the input.
fn batches_by_length(pieces: &[Encoding]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..pieces.len()).collect();
    order.sort_by_key(|&i| pieces[i].len());
    order.chunks(BATCH_SIZE).map(<[usize]>::to_vec).collect()
}

fn required(dir: &Path, name: &str) -> Result<PathBuf, EmbedError> {
    let file = dir.join(name);
    if file.is_file() {
        Ok(file)
    } else {
        Err(EmbedError::MissingFile { file })
    }
}

fn bad(file: &Path, reason: impl ToString) -> EmbedError {
    EmbedError::BadFile { file: file.to_path_buf(), reason: reason.to_string() }
}

fn read_config(file: &Path) -> Result<Config, EmbedError> {
    let text = std::fs::read_to_string(file).map_err(|e| bad(file, e))?;
    let config: Config = serde_json::from_str(&text).map_err(|e| bad(file, e))?;
    if config.hidden_size != DIMENSIONS {
        return Err(bad(file, format!("hidden_size is {}, expected {DIMENSIONS}", config.hidden_size)));
    }
    Ok(config)
}

/// The shipped tokenizer.json pads and cuts every text to 128 pieces; this
/// encoder pads per batch itself and cuts at [`MAX_WORD_PIECES`] instead.
fn read_tokenizer(file: &Path) -> Result<Tokenizer, EmbedError> {
    let mut tokenizer = Tokenizer::from_file(file).map_err(|e| bad(file, e))?;
    tokenizer.with_padding(None);
    tokenizer
        .with_truncation(Some(TruncationParams { max_length: MAX_WORD_PIECES, ..Default::default() }))
        .map_err(|e| bad(file, e))?;
    Ok(tokenizer)
}

/// The weights are read into memory (about 90 MB) rather than mapped, so
/// that no unsafe code is needed and a file changed later cannot matter.
fn read_model(file: &Path, config: &Config, device: &Device) -> Result<BertModel, EmbedError> {
    let bytes = std::fs::read(file).map_err(|e| bad(file, e))?;
    let weights = VarBuilder::from_buffered_safetensors(bytes, DTYPE, device).map_err(|e| bad(file, e))?;
    BertModel::load(weights, config).map_err(|e| bad(file, e))
}
