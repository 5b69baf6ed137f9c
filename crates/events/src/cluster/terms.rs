//! The terms an article is compared by: content words of its title and
//! lead, runs of names as phrases, and the entities its caller resolved.

use super::ClusterConfig;
use crate::text::tokenize;
use std::collections::HashMap;

/// Occurrences of a term in a text, and whether any occurrence was a name
/// (capitalised inside a sentence).
pub(super) type Counts = HashMap<String, (f32, bool)>;

/// Entity terms live beside the words but never collide with them: a word
/// never starts with a control character.
const ENTITY_MARK: char = '\u{1}';

/// Lowercased, purely numeric tokens carry little topic and vary by story.
fn is_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

const STOPWORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "that",
    "with",
    "this",
    "from",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "its",
    "his",
    "her",
    "their",
    "they",
    "but",
    "not",
    "you",
    "who",
    "which",
    "will",
    "would",
    "said",
    "says",
    "been",
    "after",
    "about",
    "more",
    "than",
    "also",
    "into",
    "over",
    "what",
    "when",
    "where",
    "how",
    "our",
    "out",
    "one",
    "two",
    "new",
    "all",
    "can",
    "could",
    "there",
    "some",
    "other",
    "just",
    "like",
    "your",
    "him",
    "she",
    "them",
    "may",
    "most",
    "only",
    "then",
    "its",
    "year",
    "years",
    "time",
    "people",
    "updated",
    "news",
    "image",
    "photo",
    "copyright",
    "getty",
    "images",
    "share",
    "comments",
];

/// Count the content words of a text and their adjacent-name pairs; flag a
/// term as a name when any occurrence is capitalised inside a sentence.
pub(super) fn count(text: &str) -> Counts {
    let mut counts = Counts::new();
    let tokens = tokenize(text);
    let mut previous_name: Option<&str> = None;
    for (i, t) in tokens.iter().enumerate() {
        let word = t.lower.as_str();
        if !t.is_word || word.chars().count() < 3 || STOPWORDS.contains(&word) || is_number(word) {
            previous_name = None;
            continue;
        }
        let name = t.capitalised && i > 0 && tokens[i - 1].is_word;
        let entry = counts.entry(word.to_string()).or_default();
        entry.0 += 1.0;
        entry.1 |= name;
        if let (true, Some(prev)) = (name, previous_name) {
            let entry = counts.entry(format!("{prev} {word}")).or_default();
            entry.0 += 1.0;
            entry.1 = true;
        }
        previous_name = if t.capitalised { Some(word) } else { None };
    }
    counts
}

/// The lead: the first `chars` characters of a text.
pub(super) fn lead(text: &str, chars: usize) -> &str {
    let end = text.char_indices().nth(chars).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Term frequencies of a whole article: occurrences in the lead count
/// sublinearly, a title occurrence adds `title_weight` (titles name the
/// story), and names weigh `name_weight` times more.
pub(super) fn article_terms(title: &Counts, lead: &Counts, config: &ClusterConfig) -> HashMap<String, f32> {
    let factor = |name: bool| if name { config.name_weight } else { 1.0 };
    let mut tf: HashMap<String, f32> =
        lead.iter().map(|(term, &(n, name))| (term.clone(), (1.0 + n.ln()) * factor(name))).collect();
    for (term, &(_, name)) in title {
        *tf.entry(term.clone()).or_default() += config.title_weight * factor(name);
    }
    tf
}

/// Term frequencies of the resolved entities (one name per mention, so a
/// name repeated is an entity the article is about).
pub(super) fn entity_terms(entities: &[String]) -> HashMap<String, f32> {
    let mut counts: HashMap<String, f32> = HashMap::new();
    for name in entities {
        let name = name.trim();
        if !name.is_empty() {
            *counts.entry(format!("{ENTITY_MARK}{}", name.to_lowercase())).or_default() += 1.0;
        }
    }
    counts.values_mut().for_each(|n| *n = 1.0 + n.ln());
    counts
}
