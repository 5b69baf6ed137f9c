//! Tokenisation of running text into CoNLL-2003-like tokens: punctuation
//! split off, abbreviations ("U.S.", "Mr.", "Dec.") kept whole, the
//! possessive "'s" and "n't" split. Tokens are byte spans of the text.

use chronicle_model::Span;

/// Abbreviations that keep their period (compared without it).
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Adm", "Maj", "Sen", "Rep", "Gov",
    "Pres", "Rev", "Fr", "St", "Mt", "Ft", "Hon", "Amb", "Messrs", "Mme", "Mlle",
];
const MONTHS: &[&str] = &["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"];
const OTHERS: &[&str] = &[
    "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "vs", "etc", "No", "approx", "Nos", "Ave", "Blvd", "Dept", "Univ",
];

/// How an abbreviation ending a word bears on sentence ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    /// A title or an initial ("Mr.", "J."): never ends a sentence.
    Never,
    /// "U.S.", "Inc.", "Dec.": ends one only before a typical sentence start.
    Maybe,
}

/// Is `word` (with its final period) an abbreviation, and which kind?
pub fn abbreviation(word: &str) -> Option<Abbrev> {
    let stem = word.strip_suffix('.')?;
    if TITLES.contains(&stem) {
        return Some(Abbrev::Never);
    }
    let mut chars = stem.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase().then_some(Abbrev::Never);
    }
    if MONTHS.contains(&stem) || OTHERS.contains(&stem) {
        return Some(Abbrev::Maybe);
    }
    // Letter-dot sequences: "U.S", "e.g", "U.N".
    let dotted = stem.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    (dotted && stem.contains('.')).then_some(Abbrev::Maybe)
}

const OPENERS: &[char] = &['"', '\'', '(', '[', '{', '“', '‘', '«', '„'];
const CLOSERS: &[char] = &['"', '\'', ')', ']', '}', '”', '’', '»', ',', ';', ':', '!', '?'];

/// The tokens of `text` as byte spans.
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                split_chunk(text, s, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

fn split_chunk(text: &str, mut s: usize, mut e: usize, out: &mut Vec<Span>) {
    while let Some(c) = text[s..e].chars().next().filter(|c| OPENERS.contains(c) && s + c.len_utf8() < e) {
        out.push(Span::new(s, s + c.len_utf8()));
        s += c.len_utf8();
    }
    let mut tail = Vec::new();
    loop {
        let word = &text[s..e];
        let Some(c) = word.chars().next_back() else {
            break;
        };
        let n = c.len_utf8();
        if word.len() == n {
            break;
        }
        if word.ends_with("...") && word.len() > 3 {
            tail.push(Span::new(e - 3, e));
            e -= 3;
        } else if CLOSERS.contains(&c) {
            tail.push(Span::new(e - n, e));
            e -= n;
        } else if c == '.' && abbreviation(word).is_none() {
            tail.push(Span::new(e - 1, e));
            e -= 1;
        } else {
            break;
        }
    }
    let word = &text[s..e];
    let clitic = ["'s", "’s", "n't", "n’t", "'S"].iter().find(|c| word.len() > c.len() && word.ends_with(*c));
    match clitic {
        Some(c) => {
            out.push(Span::new(s, e - c.len()));
            out.push(Span::new(e - c.len(), e));
        }
        None if s < e => out.push(Span::new(s, e)),
        None => {}
    }
    out.extend(tail.into_iter().rev());
}
