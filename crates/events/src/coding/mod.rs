//! PLOVER coding of one sentence: the event type from trigger phrases,
//! adjusted for negation and intent, and the source and target actors read
//! from where they stand around the trigger.

pub(crate) mod actors;
pub(crate) mod countries;
pub(crate) mod lexicon;

use crate::text::{tokenize, Token};
use crate::Coding;
use chronicle_model::{Annotation, EventType};
use lexicon::{ATTRIBUTION, INTENT, MAX_GAP, NEGATION, TRIGGERS};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A trigger found in a sentence: token range and type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trigger {
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    pub event_type: Option<EventType>,
}

/// A word pattern: alternatives, each exact or a prefix.
type WordPattern = Vec<(String, bool)>;

/// The trigger patterns, with an index from first words to the patterns
/// that can start there: a sentence's tokens are checked only against the
/// few patterns their word could open, not against all of them.
struct Patterns {
    all: Vec<(Vec<WordPattern>, Option<EventType>)>,
    by_word: HashMap<String, Vec<usize>>,
    /// Prefix alternatives of first words, grouped by their first letter.
    by_prefix: HashMap<char, Vec<(String, usize)>>,
}

impl Patterns {
    /// The patterns that may start at a token, in table order (the order
    /// breaks ties between equally long matches).
    fn starting_at(&self, token: &Token) -> Vec<usize> {
        let mut out: Vec<usize> = self.by_word.get(&token.lower).cloned().unwrap_or_default();
        if let Some(list) = token.lower.chars().next().and_then(|c| self.by_prefix.get(&c)) {
            out.extend(list.iter().filter(|(p, _)| token.lower.starts_with(p.as_str())).map(|(_, i)| *i));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn parse_pattern(pattern: &str) -> Vec<WordPattern> {
    pattern
        .split_whitespace()
        .map(|w| {
            w.split('|')
                .map(|alt| match alt.strip_suffix('*') {
                    Some(p) => (p.to_string(), true),
                    None => (alt.to_string(), false),
                })
                .collect()
        })
        .collect()
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let all: Vec<(Vec<WordPattern>, Option<EventType>)> =
            TRIGGERS.iter().map(|(pat, t)| (parse_pattern(pat), *t)).collect();
        let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_prefix: HashMap<char, Vec<(String, usize)>> = HashMap::new();
        for (i, (words, _)) in all.iter().enumerate() {
            for (alt, prefix) in &words[0] {
                match (prefix, alt.chars().next()) {
                    (true, Some(c)) => by_prefix.entry(c).or_default().push((alt.clone(), i)),
                    _ => by_word.entry(alt.clone()).or_default().push(i),
                }
            }
        }
        Patterns { all, by_word, by_prefix }
    })
}

fn word_matches(pattern: &WordPattern, token: &Token) -> bool {
    token.is_word
        && pattern.iter().any(
            |(w, prefix)| {
                if *prefix {
                    token.lower.starts_with(w.as_str())
                } else {
                    token.lower == *w
                }
            },
        )
}

/// Match a pattern starting at token `i`; returns one past its last token.
fn match_at(pattern: &[WordPattern], tokens: &[Token], i: usize, end: usize) -> Option<usize> {
    if !word_matches(&pattern[0], &tokens[i]) {
        return None;
    }
    let mut pos = i + 1;
    for word in &pattern[1..] {
        let mut found = None;
        for (gap, j) in (pos..end).enumerate() {
            if gap > MAX_GAP || !tokens[j].is_word {
                break;
            }
            if word_matches(word, &tokens[j]) {
                found = Some(j);
                break;
            }
        }
        pos = found? + 1;
    }
    Some(pos)
}

/// All trigger matches in tokens `[0, end)`, blockers removed, earliest
/// first and longest first at one position.
pub(crate) fn triggers(tokens: &[Token], end: usize) -> Vec<Trigger> {
    let patterns = patterns();
    let mut found: Vec<Trigger> = Vec::new();
    for i in 0..end {
        if !tokens[i].is_word {
            continue;
        }
        for p in patterns.starting_at(&tokens[i]) {
            let (pattern, t) = &patterns.all[p];
            if let Some(last) = match_at(pattern, tokens, i, end) {
                found.push(Trigger { first: i, last, event_type: *t });
            }
        }
    }
    let blocked: Vec<(usize, usize)> =
        found.iter().filter(|t| t.event_type.is_none()).map(|t| (t.first, t.last)).collect();
    found.retain(|t| t.event_type.is_some() && !blocked.iter().any(|&(a, b)| t.first < b && a < t.last));
    found.sort_by_key(|t| (t.first, std::cmp::Reverse(t.last - t.first)));
    found
}

/// Where the main clause ends: before a trailing attribution
/// (", a spokesman said"; ", according to …").
pub(crate) fn clause_end(tokens: &[Token]) -> usize {
    let n = tokens.len();
    for i in (0..n).rev() {
        if tokens[i].is_punct(",") || tokens[i].is_punct("—") {
            let tail = &tokens[i + 1..];
            let attributed = tail.iter().take(12).any(|t| ATTRIBUTION.contains(&t.lower.as_str()));
            let has_trigger = !triggers(tail, tail.len()).is_empty();
            if attributed && (!has_trigger || tail.len() < 14) && i > 2 {
                return i;
            }
        }
    }
    n
}

fn preceded_by(tokens: &[Token], at: usize, words: &[&str], window: usize) -> bool {
    let from = at.saturating_sub(window);
    tokens[from..at]
        .iter()
        .rev()
        .take_while(|t| t.is_word || t.is_punct("'") || t.is_punct("’"))
        .any(|t| words.contains(&t.lower.as_str()))
}

/// The type a trigger codes to once negation and intent are read.
fn adjust(t: EventType, tokens: &[Token], at: usize) -> Option<EventType> {
    use EventType::*;
    let verbal = matches!(t, Agree | Threaten | Demand | Reject | Disapprove);
    let positive = lexicon::type_score(t) > 0.0;
    if preceded_by(tokens, at, NEGATION, 3) {
        return positive.then_some(Reject);
    }
    if !verbal && preceded_by(tokens, at, INTENT, 6) {
        return Some(if positive { Agree } else { Threaten });
    }
    Some(t)
}

/// Leading phrases whose triggers are circumstance, not the event:
/// "Despite warnings of starvation, Israel is refusing …".
const CIRCUMSTANCE: &[&str] = &["despite", "amid", "after", "following", "before", "in"];

/// The trigger that carries the sentence's event: the earliest one that is
/// not a proper noun ("Askar") nor inside a leading circumstance phrase.
pub(crate) fn main_trigger(tokens: &[Token], found: &[Trigger]) -> Option<Trigger> {
    let proper = |t: &Trigger| t.first > 0 && tokens[t.first].capitalised && tokens[t.first - 1].is_word;
    let lead_end = tokens
        .first()
        .filter(|t| CIRCUMSTANCE.contains(&t.lower.as_str()))
        .and_then(|_| tokens.iter().position(|t| t.is_punct(",")))
        .unwrap_or(0);
    let usable = || found.iter().filter(|t| !proper(t));
    usable().find(|t| t.first > lead_end).or_else(|| usable().next()).copied()
}

/// Code a sentence (see [`crate::code`]).
pub(crate) fn code_sentence(text: &str, annotation: &Annotation) -> Coding {
    let tokens = tokenize(text);
    let end = clause_end(&tokens);
    let found = triggers(&tokens, end);
    let Some(trigger) = main_trigger(&tokens, &found) else {
        return Coding::default();
    };
    let Some(event_type) = trigger.event_type.and_then(|t| adjust(t, &tokens, trigger.first)) else {
        return Coding::default();
    };
    let (source, target) = actors::assign(text, &tokens, annotation, trigger, end);
    Coding {
        event_type: Some(event_type),
        source,
        target,
        score: lexicon::type_score(event_type),
        trigger: Some(crate::Span::new(tokens[trigger.first].start, tokens[trigger.last - 1].end)),
    }
}
