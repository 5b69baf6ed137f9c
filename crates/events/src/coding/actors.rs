//! Actors of a coded sentence: country-coded mentions found through the
//! annotation's entities (when it resolved them) or the fallback table,
//! placed as source or target by where they stand around the trigger.

use super::countries::{lookup, MAX_ALIAS_WORDS};
use super::Trigger;
use crate::text::Token;
use chronicle_model::{Actor, Annotation};

/// An actor mention: its first token and its actor.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub first: usize,
    pub actor: Actor,
}

/// Every country-coded mention of the sentence, in text order.
pub(crate) fn find(text: &str, tokens: &[Token], annotation: &Annotation) -> Vec<Found> {
    let mut found = Vec::new();
    let mut covered = vec![false; tokens.len()];
    for e in &annotation.entities {
        let code = e.country.clone().or_else(|| {
            let name = e.entity.clone().unwrap_or_else(|| e.span.slice(text).to_string());
            super::countries::country_code(&name).map(str::to_string)
        });
        let Some(code) = code else { continue };
        let inside: Vec<usize> =
            (0..tokens.len()).filter(|&i| tokens[i].start >= e.span.start && tokens[i].end <= e.span.end).collect();
        let Some(&first) = inside.first() else {
            continue;
        };
        inside.iter().for_each(|&i| covered[i] = true);
        let actor = Actor { text: e.span.slice(text).to_string(), entity: e.entity.clone(), code: Some(code) };
        found.push(Found { first, actor });
    }
    let mut i = 0;
    while i < tokens.len() {
        match table_match(tokens, i, &covered) {
            Some((len, code)) => {
                let span = tokens[i].start..tokens[i + len - 1].end;
                let actor = Actor { text: text[span].to_string(), entity: None, code: Some(code.into()) };
                found.push(Found { first: i, actor });
                i += len;
            }
            None => i += 1,
        }
    }
    found.sort_by_key(|f| f.first);
    found
}

/// The longest table alias starting at token `i` (capitalised words only).
fn table_match(tokens: &[Token], i: usize, covered: &[bool]) -> Option<(usize, &'static str)> {
    if !tokens[i].capitalised || covered[i] {
        return None;
    }
    for len in (1..=MAX_ALIAS_WORDS).rev() {
        let Some(words) = tokens.get(i..i + len) else {
            continue;
        };
        if words.iter().any(|t| !t.is_word) {
            continue;
        }
        let alias: Vec<&str> = words.iter().map(|t| t.lower.as_str()).collect();
        let alias = alias.join(" ");
        // Short aliases (US, UN, EU) only in capitals, never the pronoun "us".
        if alias.replace('.', "").len() <= 3 && !words.iter().all(|t| t.upper) {
            continue;
        }
        if let Some(code) = lookup(&alias) {
            return Some((len, code));
        }
    }
    None
}

fn distinct(actors: impl Iterator<Item = Actor>, max: usize) -> Vec<Actor> {
    let mut out: Vec<Actor> = Vec::new();
    for a in actors {
        if out.len() < max && !out.iter().any(|o| o.code == a.code) {
            out.push(a);
        }
    }
    out
}

/// Whether the trigger is a passive verb with its agent after "by".
fn passive_agent(tokens: &[Token], trigger: Trigger, end: usize) -> Option<usize> {
    let aux = ["was", "were", "been", "being", "is", "are", "be"];
    let before = trigger.first.checked_sub(1)?;
    let is_passive =
        aux.contains(&tokens[before].lower.as_str()) || before > 0 && aux.contains(&tokens[before - 1].lower.as_str());
    if !is_passive {
        return None;
    }
    (trigger.last..end.min(trigger.last + 6)).find(|&i| tokens[i].lower == "by")
}

/// Source and target actors around a trigger, within the main clause.
pub(crate) fn assign(
    text: &str,
    tokens: &[Token],
    annotation: &Annotation,
    trigger: Trigger,
    end: usize,
) -> (Vec<Actor>, Vec<Actor>) {
    let all = find(text, tokens, annotation);
    let in_clause: Vec<&Found> = all.iter().filter(|f| f.first < end).collect();
    let before: Vec<&Found> = in_clause.iter().copied().filter(|f| f.first < trigger.first).collect();
    let after: Vec<&Found> = in_clause.iter().copied().filter(|f| f.first > trigger.first).collect();
    let (mut source, mut target) = match passive_agent(tokens, trigger, end) {
        Some(by) => {
            let agent = after.iter().filter(|f| f.first > by).map(|f| f.actor.clone());
            (distinct(agent, 2), distinct(before.iter().map(|f| f.actor.clone()), 3))
        }
        None => {
            (distinct(before.iter().map(|f| f.actor.clone()), 2), distinct(after.iter().map(|f| f.actor.clone()), 3))
        }
    };
    if source.is_empty() {
        // "Up to 100 Albanians demonstrated in Serbia": the only actor acts.
        source = distinct(in_clause.iter().chain(all.iter().collect::<Vec<_>>().iter()).map(|f| f.actor.clone()), 1);
    }
    if target.is_empty() {
        // Domestic events: the source acts on its own country.
        let others = before.iter().map(|f| f.actor.clone()).filter(|a| !source.iter().any(|s| s.code == a.code));
        target = distinct(others, 2);
        if target.is_empty() {
            target = source.iter().take(1).cloned().collect();
        }
    }
    (source, target)
}
