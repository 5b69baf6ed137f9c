//! Where the installed weights live. The setup step writes them to
//! [`default_dir`]; `CHRONICLE_MINILM` points elsewhere.

use std::path::{Path, PathBuf};

/// The environment variable naming the weights directory. When set it wins,
/// even if wrong, so that a mistyped path fails loudly in `open` rather than
/// silently falling back to another copy.
pub const ENV_VAR: &str = "CHRONICLE_MINILM";

/// The files [`crate::SentenceEncoder::open`] reads from the directory.
pub const REQUIRED_FILES: [&str; 3] = ["config.json", "model.safetensors", "tokenizer.json"];

/// The directory the weights are looked for in: `CHRONICLE_MINILM` if set,
/// else the default directory if it holds every required file, else none
/// (Chronicle then works without the embedding signals). Set to the empty
/// string, the variable turns the encoder off even where weights are
/// installed: encoding is most of an ingest's time, and a user who wants
/// the fast path should not have to uninstall anything or see a warning.
pub fn locate() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(ENV_VAR) {
        return (!dir.is_empty()).then(|| PathBuf::from(dir));
    }
    default_dir().filter(|dir| holds_weights(dir))
}

/// `${XDG_DATA_HOME:-$HOME/.local/share}/chronicle/minilm`, where the setup
/// step installs by default; none when neither variable is set.
pub fn default_dir() -> Option<PathBuf> {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|v| !v.is_empty()).map(|h| Path::new(&h).join(".local/share")))?;
    Some(data_home.join("chronicle").join("minilm"))
}

fn holds_weights(dir: &Path) -> bool {
    REQUIRED_FILES.iter().all(|name| dir.join(name).is_file())
}
