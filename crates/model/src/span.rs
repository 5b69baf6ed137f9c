//! Spans: half-open byte ranges into an article's extracted text.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of **byte** offsets into a text.
///
/// Annotations point into the text instead of copying it, so they cannot
/// drift from it. The JSON interfaces count characters instead; convert at
/// the edge with [`Span::to_chars`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// The spanned text; empty when the span does not fall on char
    /// boundaries of `text` (a span from another text is a bug, not a panic).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The same span counted in Unicode scalar values, as the JSON
    /// interfaces want.
    pub fn to_chars(&self, text: &str) -> (usize, usize) {
        let start = text.get(..self.start).map_or(0, |s| s.chars().count());
        let len = self.slice(text).chars().count();
        (start, start + len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_chars_counts_scalar_values_not_bytes() {
        let text = "Café Minsk";
        let minsk = Span::new(text.find("Minsk").unwrap(), text.len());
        assert_eq!(minsk.to_chars(text), (5, 10));
    }

    #[test]
    fn slice_off_boundary_is_empty_not_a_panic() {
        assert_eq!(Span::new(1, 3).slice("é"), "");
    }
}
