//! Word tokens with byte offsets, and a fallback sentence splitter for
//! texts that arrive without an annotation.

use chronicle_model::Span;

/// A word or a punctuation mark of a text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    /// Lowercased text.
    pub lower: String,
    pub is_word: bool,
    /// Starts with an uppercase letter.
    pub capitalised: bool,
    /// Every letter is uppercase (acronyms: US, UN, EU).
    pub upper: bool,
}

impl Token {
    pub fn is_punct(&self, p: &str) -> bool {
        !self.is_word && self.lower == p
    }
}

fn joins_word(prev: char, c: char, next: Option<char>) -> bool {
    let next_alnum = next.is_some_and(|n| n.is_alphanumeric());
    match c {
        '-' => prev.is_alphanumeric() && next_alnum,
        // "U.S", "U.N", "5.1": a dot between single letters or digits.
        '.' => next_alnum && (prev.is_ascii_digit() || prev.is_uppercase()),
        // "25,000"
        ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
        _ => false,
    }
}

/// Split a text into word and punctuation tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let next = chars.get(j + 1).map(|x| x.1);
                if d.is_alphanumeric() || joins_word(chars[j - 1].1, d, next) {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            out.push(word(text, start, end));
            i = j;
        } else {
            let end = chars.get(i + 1).map_or(text.len(), |x| x.0);
            if !c.is_whitespace() {
                out.push(Token { start, end, lower: c.to_string(), is_word: false, capitalised: false, upper: false });
            }
            i += 1;
        }
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Token {
    let s = &text[start..end];
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    Token {
        start,
        end,
        lower: s.to_lowercase(),
        is_word: true,
        capitalised: s.chars().next().is_some_and(char::is_uppercase),
        upper: !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()),
    }
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "sgt", "capt", "gov", "sen", "rep", "prof", "jan", "feb", "mar",
    "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "inc", "corp", "co", "jr", "sr",
];

/// Sentences of a text: split after `.`, `!` or `?` before an uppercase
/// letter, a quote or a digit, and at line breaks; abbreviations and
/// initials do not end a sentence.
pub(crate) fn sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Extracted text keeps one paragraph (or headline) a line.
        let stop = b == b'\n' || matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, i);
        if stop {
            push_trimmed(text, start, i + 1, &mut spans);
            start = i + 1;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut spans);
    spans
}

fn ends_sentence(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let rest = rest.trim_start_matches(['"', '\'', '”', '’', ')']);
    let Some(first_ws) = rest.chars().next() else {
        return true;
    };
    if !first_ws.is_whitespace() {
        return false;
    }
    let next = rest.trim_start().chars().next();
    if !next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c)) {
        return false;
    }
    if text.as_bytes()[i] != b'.' {
        return true;
    }
    let before = &text[..i];
    let last: String =
        before.chars().rev().take_while(|c| c.is_alphanumeric()).collect::<Vec<_>>().into_iter().rev().collect();
    let single_initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
    !(single_initial || ABBREVIATIONS.contains(&last.to_lowercase().as_str()))
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        spans.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_acronyms_and_numbers_whole() {
        let t: Vec<String> = tokenize("The U.S. gave 5.1 million.").into_iter().map(|t| t.lower).collect();
        assert_eq!(t, ["the", "u.s", ".", "gave", "5.1", "million", "."]);
    }

    #[test]
    fn splits_sentences_but_not_initials() {
        let text = "Mr. Smith met J. Doe. They talked.\n\nNext paragraph";
        let s: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(s, ["Mr. Smith met J. Doe.", "They talked.", "Next paragraph"]);
    }
}
