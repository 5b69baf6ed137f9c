//! Tense direction: does a bare "Tuesday" or "March" point back or ahead?
//!
//! News mostly reports what happened, so the past is the default; a
//! future cue ("will", "is expected to") near the expression in its
//! sentence turns it forward. The nearest cue wins; reporting verbs
//! ("said") only count when nothing else does, because "will meet
//! Tuesday, officials said" is about the future.

use crate::anchor::Direction;

const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "going",
    "expected",
    "expects",
    "scheduled",
    "plans",
    "planned",
    "upcoming",
    "tomorrow",
    "would",
    "might",
    "planning",
    "soon",
    "resume",
    "until",
    "effective",
    "should",
];

const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "took",
    "came",
    "went",
    "left",
    "met",
    "began",
    "rose",
    "fell",
    "won",
    "lost",
    "made",
    "gave",
    "got",
    "held",
    "saw",
    "knew",
    "ran",
    "sold",
    "bought",
    "paid",
    "spent",
    "brought",
    "sent",
    "struck",
    "hit",
    "shot",
    "put",
    "cut",
    "set",
    "broke",
    "led",
    "became",
    "ago",
    "last",
    "earlier",
    "since",
    "yesterday",
    "began",
    "been",
];

const REPORTING: &[&str] = &["said", "says", "say", "told", "tells", "added", "reported", "announced", "stated"];

/// Auxiliaries after which an "-ed" word is a participle.
const PASSIVE: &[&str] = &["be", "being", "is", "are", "am"];

/// Words ending in "-ed" that are no past tense.
const NOT_PAST: &[&str] = &[
    "need",
    "speed",
    "indeed",
    "feed",
    "seed",
    "breed",
    "bed",
    "red",
    "shed",
    "wed",
    "united",
    "limited",
    "expected",
    "scheduled",
    "planned",
    "proposed",
];

/// The sentence around `start..end`: from the last sentence end before it
/// to the first after it.
fn sentence(text: &str, start: usize, end: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let is_stop = |i: usize| {
        matches!(bytes[i], b'.' | b'!' | b'?' | b'\n')
            && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace())
            && !(bytes[i] == b'.' && i >= 2 && bytes[i - 2] == b'.')
    };
    let from =
        (start.saturating_sub(300)..start).rev().find(|&i| is_stop(i)).map_or(start.saturating_sub(300), |i| i + 1);
    let to = (end..bytes.len().min(end + 300)).find(|&i| is_stop(i)).unwrap_or(bytes.len().min(end + 300));
    (from, to)
}

fn words(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = from;
    std::iter::from_fn(move || {
        while i < to && !(bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
        }
        if i >= to {
            return None;
        }
        let s = i;
        while i < to && (bytes[i].is_ascii_alphabetic() || bytes[i] == b'\'') {
            i += 1;
        }
        Some((s, &text[s..i]))
    })
}

fn classify(word: &str) -> Option<(Direction, bool)> {
    let w = word.to_ascii_lowercase();
    if REPORTING.contains(&w.as_str()) {
        return Some((if w.starts_with("say") || w == "tells" { Direction::Unknown } else { Direction::Past }, true));
    }
    if FUTURE.contains(&w.as_str()) {
        return Some((Direction::Future, false));
    }
    if PAST.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w.as_str())) {
        return Some((Direction::Past, false));
    }
    None
}

/// Whether `word` is a verb in the past tense ("became", "released").
pub fn is_past_verb(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    !["last", "earlier", "since", "yesterday", "ago"].contains(&w.as_str())
        && classify(&w).is_some_and(|(dir, reporting)| dir == Direction::Past && !reporting)
}

/// Whether `word` followed by `rest` is "set to" + verb: a plan, though
/// "set" looks like a past tense.
fn arranged(word: &str, rest: &str) -> bool {
    word.eq_ignore_ascii_case("set") && rest.trim_start().to_ascii_lowercase().starts_with("to ")
}

/// The direction the sentence around `start..end` gives its time
/// expression, `Unknown` when it has no cue.
pub fn direction(text: &str, start: usize, end: usize) -> Direction {
    let (from, to) = sentence(text, start, end);
    let mut best: Option<(usize, Direction)> = None;
    let mut previous = "";
    for (at, word) in words(text, from, to) {
        let after_be = PASSIVE.iter().any(|w| previous.eq_ignore_ascii_case(w));
        previous = word;
        if at >= start && at < end {
            continue;
        }
        // "will be named", "is expected": a participle after a form of
        // "be" takes its tense from the auxiliary, not from "-ed".
        if after_be && word.ends_with("ed") && !FUTURE.contains(&word.to_ascii_lowercase().as_str()) {
            continue;
        }
        let Some((dir, reporting)) = classify(word) else {
            continue;
        };
        // "is set to open": an arrangement for later.
        let dir = if arranged(word, &text[at + word.len()..to]) { Direction::Future } else { dir };
        // Verbs before an expression usually govern it ("met Monday",
        // "will meet on Thursday"); those after it less often.
        let dist = if at < start { start - at - word.len() } else { 2 * (at - end) };
        // "said Friday" and "said on Friday" tie the day to the saying; a
        // reporting verb further away says little about the expression.
        let dist = if reporting && dist > 4 { dist + 20 } else { dist };
        let slot = &mut best;
        if slot.is_none_or(|(d, _)| dist < d) {
            *slot = Some((dist, dir));
        }
    }
    best.map_or(Direction::Unknown, |(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir_of(text: &str, word: &str) -> Direction {
        let start = text.find(word).unwrap();
        direction(text, start, start + word.len())
    }

    #[test]
    fn future_and_past_cues() {
        assert_eq!(dir_of("The board will meet Tuesday, officials said.", "Tuesday"), Direction::Future);
        assert_eq!(dir_of("The board met Tuesday.", "Tuesday"), Direction::Past);
        assert_eq!(dir_of("Tuesday.", "Tuesday"), Direction::Unknown);
    }

    #[test]
    fn regression_set_to_is_a_plan_not_a_past() {
        assert_eq!(dir_of("The trial is set to begin on Wednesday.", "Wednesday"), Direction::Future);
        assert_eq!(dir_of("Rebels set fire to the depot on Wednesday.", "Wednesday"), Direction::Past);
    }
}
