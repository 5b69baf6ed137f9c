use std::path::PathBuf;

/// Why the encoder could not be opened (or, rarely, could not encode). Each names the directory or file
/// so that the message alone tells the user what to fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmbedError {
    #[error("embedding weights: {dir} is not a directory (run scripts/setup-embeddings, or set CHRONICLE_MINILM to the directory holding config.json, model.safetensors and tokenizer.json)")]
    MissingDirectory { dir: PathBuf },
    #[error("embedding weights: {file} is missing (run scripts/setup-embeddings to install it)")]
    MissingFile { file: PathBuf },
    #[error("embedding weights: cannot read {file}: {reason}")]
    BadFile { file: PathBuf, reason: String },
    /// The opened model failed on a batch: a bug or an exhausted machine,
    /// never a property of the input text.
    #[error("embedding: the model failed on a batch of {texts} texts: {reason}")]
    Encode { texts: usize, reason: String },
}
