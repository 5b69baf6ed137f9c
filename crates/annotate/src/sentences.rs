//! Rule-based sentence splitting over tokens: a sentence ends at `.`, `!`
//! or `?` (and any closing quotes) before a capitalised word, unless the
//! period belongs to an abbreviation; a blank line always ends one, a
//! single newline does unless the line plainly runs on.

use crate::tokens::{abbreviation, tokenize, Abbrev};
use chronicle_model::Span;

/// Capitalised words that typically open a sentence, so that "the U.S. The
/// talks…" ends one after "U.S.".
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "However",
    "Meanwhile",
    "There",
    "Then",
    "When",
    "After",
    "Before",
    "If",
    "As",
    "Some",
    "Many",
    "Most",
    "Both",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Yet",
    "So",
    "Still",
];

/// Split a text into sentences (byte spans, trimmed of surrounding space).
pub fn sentences(text: &str) -> Vec<Span> {
    sentence_tokens(text).into_iter().map(|toks| Span::new(toks[0].start, toks[toks.len() - 1].end)).collect()
}

/// The tokens of each sentence of `text`.
pub fn sentence_tokens(text: &str) -> Vec<Vec<Span>> {
    let tokens = tokenize(text);
    let mut out: Vec<Vec<Span>> = Vec::new();
    let mut current: Vec<Span> = Vec::new();
    for (i, tok) in tokens.iter().enumerate() {
        if let Some(prev) = current.last() {
            if line_break(text, prev, tok) {
                out.push(std::mem::take(&mut current));
            }
        }
        current.push(*tok);
        if ends_sentence(text, &tokens, i) {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Does the gap between two tokens hold a paragraph break, or a line break
/// after a line that does not run on?
fn line_break(text: &str, prev: &Span, next: &Span) -> bool {
    let gap = &text[prev.end..next.start];
    let newlines = gap.matches('\n').count();
    if newlines >= 2 {
        return true;
    }
    if newlines == 0 {
        return false;
    }
    let last = text[prev.start..prev.end].chars().next_back().unwrap_or(' ');
    let runs_on = last.is_lowercase() || matches!(last, ',' | ';' | ':' | '-' | '–');
    let next_lower = text[next.start..].chars().next().is_some_and(char::is_lowercase);
    !(runs_on || next_lower)
}

fn ends_sentence(text: &str, tokens: &[Span], i: usize) -> bool {
    let is_closer = |w: &str| matches!(w, "\"" | "”" | "’" | "'" | ")" | "»");
    let mut word = tokens[i].slice(text);
    // A closing quote right after the period ends the sentence in its stead.
    if is_closer(word) && i > 0 && tokens[i - 1].end == tokens[i].start {
        word = tokens[i - 1].slice(text);
    }
    let terminal = matches!(word, "." | "!" | "?" | "...") || word.len() > 1 && word.ends_with('.');
    if !terminal {
        return false;
    }
    let Some(following) = tokens.get(i + 1).map(|t| t.slice(text)) else {
        return true;
    };
    if is_closer(following) && tokens[i].end == tokens[i + 1].start {
        return false;
    }
    let abbrev = if word.len() > 1 { abbreviation(word) } else { None };
    match abbrev {
        Some(Abbrev::Never) => false,
        Some(Abbrev::Maybe) => STARTERS.contains(&following),
        None => opens_sentence(following),
    }
}

fn opens_sentence(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(«-–—".contains(c))
}
