//! Reading inputs from disk or standard input, decompressing `.gz`.

use flate2::read::MultiGzDecoder;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Larger documents are refused: no news page is this big, and reading one
/// whole would let a single file exhaust memory.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// One input document, decompressed, with the hash of its raw bytes.
#[derive(Debug, Clone)]
pub struct RawDocument {
    /// The input as the user named it (a path, or `-`).
    pub input: String,
    /// SHA-256 (hex) of the bytes as read, before decompression.
    pub hash: String,
    /// The document's bytes, decompressed.
    pub bytes: Vec<u8>,
    /// The charset its server declared (`Content-Type`), for documents
    /// fetched over HTTP; files carry none.
    pub charset: Option<String>,
}

impl RawDocument {
    pub fn from_bytes(input: &str, bytes: Vec<u8>) -> Self {
        RawDocument { input: input.to_string(), hash: crate::content_hash(&bytes), bytes, charset: None }
    }

    /// A document from its raw bytes as read or received: hashed as they
    /// are, gunzipped when they start with the gzip magic. Files and
    /// fetched bodies both come through here.
    pub fn from_raw(input: &str, raw: Vec<u8>) -> Result<Self, InputError> {
        let hash = crate::content_hash(&raw);
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) { gunzip(&raw, input)? } else { raw };
        Ok(RawDocument { input: input.to_string(), hash, bytes, charset: None })
    }

    /// The input name without a trailing `.gz`, whose extension tells the
    /// format of the content.
    pub fn content_name(&self) -> &str {
        self.input.strip_suffix(".gz").unwrap_or(&self.input)
    }
}

/// Why an input could not be read. Reported with the input's name; the
/// batch goes on.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{input}: {reason}")]
    Unreadable { input: String, reason: String },
}

impl InputError {
    fn new(input: &str, reason: impl ToString) -> Self {
        InputError::Unreadable { input: input.to_string(), reason: reason.to_string() }
    }

    pub fn input(&self) -> &str {
        match self {
            InputError::Unreadable { input, .. } => input,
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            InputError::Unreadable { reason, .. } => reason,
        }
    }
}

/// Expand the inputs the user named into single documents: folders are
/// walked recursively in a stable (sorted) order, hidden files skipped;
/// `http(s)` URLs pass as they are, for the fetcher. A missing path comes
/// back as an error in its place.
pub fn expand_inputs(inputs: &[String]) -> Vec<Result<String, InputError>> {
    let mut out = Vec::new();
    for input in inputs {
        let path = Path::new(input);
        if input == "-" || crate::fetch::is_url(input) || path.is_file() {
            out.push(Ok(input.clone()));
        } else if path.is_dir() {
            out.extend(walk(path));
        } else {
            out.push(Err(InputError::new(input, "no such file or folder")));
        }
    }
    out
}

fn walk(dir: &Path) -> Vec<Result<String, InputError>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|entry| match entry {
            Ok(e) if e.file_type().is_file() => Some(Ok(display(e.path()))),
            Ok(_) => None,
            Err(err) => {
                let name = err.path().map(display).unwrap_or_else(|| display(dir));
                Some(Err(InputError::new(&name, err)))
            }
        })
        .collect()
}

fn display(path: &Path) -> String {
    PathBuf::from(path).to_string_lossy().into_owned()
}

/// Read one input (a path or `-`), decompressing gzip when the name ends in
/// `.gz` or the bytes start with the gzip magic.
pub fn read_document(input: &str) -> Result<RawDocument, InputError> {
    if crate::fetch::is_url(input) {
        return Err(InputError::new(input, "a URL is fetched by `chronicle ingest`, not read as a file"));
    }
    let raw = if input == "-" {
        read_capped(io::stdin().lock(), input)?
    } else {
        let file = std::fs::File::open(input).map_err(|e| InputError::new(input, e))?;
        read_capped(file, input)?
    };
    RawDocument::from_raw(input, raw)
}

fn read_capped(reader: impl Read, input: &str) -> Result<Vec<u8>, InputError> {
    let mut buf = Vec::new();
    reader.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut buf).map_err(|e| InputError::new(input, e))?;
    if buf.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(input));
    }
    Ok(buf)
}

fn too_large(input: &str) -> InputError {
    InputError::new(input, format!("larger than {} MiB", MAX_DOCUMENT_BYTES / (1024 * 1024)))
}

fn gunzip(raw: &[u8], input: &str) -> Result<Vec<u8>, InputError> {
    let mut out = Vec::new();
    MultiGzDecoder::new(raw)
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| InputError::new(input, format!("bad gzip data: {e}")))?;
    if out.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large(input));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).unwrap();
        enc.finish().unwrap()
    }

    #[test]
    fn gzip_is_decompressed_and_hashed_raw() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        let packed = gz(b"Talks resumed.");
        std::fs::write(&path, &packed).unwrap();
        let doc = read_document(path.to_str().unwrap()).unwrap();
        assert_eq!(doc.bytes, b"Talks resumed.");
        assert_eq!(doc.hash, crate::content_hash(&packed));
        assert!(doc.content_name().ends_with("a.txt"));
    }

    #[test]
    fn truncated_gzip_is_a_named_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cut.html.gz");
        let packed = gz(&b"<p>Talks resumed in the capital.</p>".repeat(200));
        std::fs::write(&path, &packed[..packed.len() / 2]).unwrap();
        let err = read_document(path.to_str().unwrap()).unwrap_err();
        assert!(err.to_string().contains("cut.html.gz"), "{err}");
        assert!(err.reason().contains("gzip"), "{err}");
    }

    #[test]
    fn folders_are_walked_sorted_and_hidden_files_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        std::fs::write(dir.path().join(".hidden"), "h").unwrap();
        let found: Vec<String> =
            expand_inputs(&[dir.path().to_string_lossy().into_owned()]).into_iter().map(|r| r.unwrap()).collect();
        assert_eq!(found.len(), 2);
        assert!(found[0].ends_with("a.txt") && found[1].ends_with("b.txt"));
    }

    #[test]
    fn missing_input_is_an_error_in_its_place() {
        let got = expand_inputs(&["/no/such/place".to_string()]);
        assert!(got[0].is_err());
    }
}
