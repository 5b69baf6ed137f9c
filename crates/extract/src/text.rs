//! Small text helpers shared by the readers.

/// Collapse runs of whitespace (including no-break spaces) to one space,
/// and drop the invisible characters that only guide line breaking (soft
/// hyphens, word joiners): left in, they split the words a reader sees.
pub fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.push_str(word);
        } else {
            out.extend(word.chars().filter(|c| !is_invisible(*c)));
        }
    }
    out
}

/// Soft hyphen, zero-width (non-)joiners, word joiner, byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// The canonical composed form (NFC) of `s`. Pages write the same letter
/// either as one code point or as a base and combining marks (Bengali
/// "ড়", a German "ü" typed as "u" and a diaeresis); searching, comparing
/// and counting characters need one spelling of it.
pub fn nfc(s: String) -> String {
    let nfc = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    if nfc.is_normalized(&s) {
        return s;
    }
    nfc.normalize(&s).into_owned()
}

/// The number of characters (scalar values) in `s`.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Join paragraphs with a blank line, skipping empty ones.
pub fn join_paragraphs<I: IntoIterator<Item = S>, S: AsRef<str>>(paras: I) -> String {
    let mut out = String::new();
    for p in paras {
        let p = p.as_ref().trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    out
}
