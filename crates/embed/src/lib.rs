//! Sentence embeddings: all-MiniLM-L6-v2 (a six-layer BERT trained by
//! sentence-transformers) run on the CPU with candle, from weights that a
//! setup step (`scripts/setup-embeddings`) installed beforehand. Nothing is
//! downloaded here: [`locate`] finds the installed directory and
//! [`SentenceEncoder::open`] reads it, or says which file is missing or bad.
//!
//! An article, mention or event text becomes a vector of [`DIMENSIONS`]
//! floats of unit length, so that [`cosine`] of two of them is their dot.

mod encoder;
mod error;
mod locate;
mod pooling;
mod threads;

pub use encoder::{SentenceEncoder, MAX_WORD_PIECES};
pub use error::EmbedError;
pub use locate::{default_dir, locate, ENV_VAR, REQUIRED_FILES};
pub use threads::{keep_element_wise_ops_on_one_thread, CANDLE_THREADS_VAR};

/// Length of every vector [`SentenceEncoder::encode`] returns.
pub const DIMENSIONS: usize = 384;

/// Cosine similarity of two vectors from [`SentenceEncoder::encode`]. They
/// are already of unit length, so this is their dot product; vectors of
/// different lengths are compared over their common prefix.
pub use chronicle_model::dot as cosine;
