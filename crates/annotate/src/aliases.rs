//! In-document aliases of organisations the catalogue does not know. A
//! story names a company in full once ("General Motors Corporation") and
//! then by a shorter form: the name without its legal form ("General
//! Motors"), its first words ("Ford" for "Ford Motor Company"), its initials
//! ("GM"), or an abbreviation it introduced in brackets ("the European
//! Central Bank (ECB)"). All of them become one entity.

use crate::catalogue::{Catalogue, EntryKind};
use chronicle_model::{EntityLabel, EntityMention};

/// Words of a legal form that end a company's name and are dropped from
/// its canonical name ("Apple Inc." and "Apple" are one entity).
const LEGAL_FORMS: &[&str] = &[
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Corporation",
    "Co.",
    "Co",
    "Company",
    "LLC",
    "L.L.C.",
    "Ltd.",
    "Ltd",
    "Limited",
    "PLC",
    "plc",
    "N.V.",
    "NV",
    "S.A.",
    "SA",
    "SpA",
    "S.p.A.",
    "AG",
    "GmbH",
    "LP",
    "L.P.",
];

/// Small words that initials skip ("Bank of America" is "BA" or "BOA").
const SKIPPED_IN_INITIALS: &[&str] = &["of", "and", "for", "the", "de", "&", "on", "in"];

/// An organisation's name without a trailing legal form ("Ford Motor
/// Company" → "Ford Motor"), keeping at least one word.
pub fn without_legal_form(name: &str) -> &str {
    let mut name = name.trim_end_matches([',', ' ']);
    loop {
        let Some((head, last)) = name.rsplit_once(' ') else { return name };
        if !LEGAL_FORMS.contains(&last) {
            return name;
        }
        name = head.trim_end_matches([',', ' ']);
    }
}

/// "GM", "U.A.W.", "ECB": two to six capitals, dots allowed.
fn is_acronym(name: &str) -> bool {
    let letters: String = name.chars().filter(|c| *c != '.').collect();
    (2..=6).contains(&letters.chars().count()) && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether `acronym` spells the initials of `name`, with or without its
/// small words ("GAO" for "Government Accountability Office").
fn initials_of(acronym: &str, name: &str) -> bool {
    let acronym: String = acronym.chars().filter(|c| *c != '.').collect();
    let words: Vec<&str> = name.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    let initials = |skip: bool| -> String {
        words
            .iter()
            .filter(|w| !(skip && SKIPPED_IN_INITIALS.contains(w)))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    words.len() >= 2 && (initials(true) == acronym || initials(false) == acronym)
}

/// Whether `short` is the first words of the longer `full`.
fn first_words_of(short: &str, full: &str) -> bool {
    full.len() > short.len() && full.starts_with(short) && full[short.len()..].starts_with(' ')
}

/// "Ford Australia", "Airbus UK": a company's name followed by a country
/// is its subsidiary there, another entity.
fn subsidiary(catalogue: &Catalogue, short: &str, full: &str) -> bool {
    let rest = full[short.len()..].trim();
    catalogue.lookup(rest).is_some_and(|(_, e)| matches!(e.kind, EntryKind::Country | EntryKind::Demonym))
}

/// Give the organisations of one document (mentions in text order, already
/// resolved against the catalogue) their in-document canonical names: a
/// name takes the shortest name of the document it begins with ("Ford
/// Motor Company" and "Ford" are "Ford", which other stories also use), and
/// an acronym the name it abbreviates.
pub fn unify_organisations(catalogue: &Catalogue, text: &str, mentions: &mut [EntityMention]) {
    let orgs: Vec<usize> = (0..mentions.len())
        .filter(|&i| mentions[i].label == EntityLabel::Organization && mentions[i].kind.is_none())
        .collect();
    let names: Vec<String> =
        orgs.iter().map(|&i| without_legal_form(mentions[i].entity.as_deref().unwrap_or("")).to_string()).collect();
    let full: Vec<&str> = names.iter().map(String::as_str).filter(|n| !is_acronym(n)).collect();
    let shortest = |name: &str| -> String {
        let stands_for = |s: &&&str| first_words_of(s, name) && !subsidiary(catalogue, s, name);
        full.iter().filter(stands_for).min_by_key(|s| s.len()).unwrap_or(&name).to_string()
    };
    let canonical: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(k, name)| match is_acronym(name) {
            true => introduced_in_brackets(text, mentions, orgs[k], &orgs, &names)
                .or_else(|| most_named(&full, |f| initials_of(name, f)))
                .map_or_else(|| name.clone(), shortest),
            false => shortest(name),
        })
        .collect();
    for (k, &i) in orgs.iter().enumerate() {
        mentions[i].entity = Some(canonical[k].clone()).filter(|n| !n.is_empty());
    }
}

/// The full name, among those `fits`, that the document names most (the
/// first on a tie).
fn most_named<'a>(full: &[&'a str], fits: impl Fn(&str) -> bool) -> Option<&'a str> {
    let count = |n: &str| full.iter().filter(|f| **f == n).count();
    let mut best: Option<&str> = None;
    for f in full.iter().copied().filter(|f| fits(f)) {
        if best.is_none_or(|b| count(f) > count(b)) {
            best = Some(f);
        }
    }
    best
}

/// "the European Central Bank (ECB)": the organisation named just before
/// the bracket that holds mention `at`.
fn introduced_in_brackets<'a>(
    text: &str,
    mentions: &[EntityMention],
    at: usize,
    orgs: &[usize],
    names: &'a [String],
) -> Option<&'a str> {
    let k = orgs.iter().position(|&i| i + 1 == at)?;
    let between = text.get(mentions[at - 1].span.end..mentions[at].span.start)?;
    let closes = text.get(mentions[at].span.end..)?.trim_start().starts_with(')');
    (between.trim() == "(" && closes).then(|| names[k].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_are_dropped_from_the_end_only() {
        assert_eq!(without_legal_form("Harlow Foods Co."), "Harlow Foods");
        assert_eq!(without_legal_form("Harlow Foods Group PLC"), "Harlow Foods Group");
        assert_eq!(without_legal_form("Company of Weavers"), "Company of Weavers");
        assert_eq!(without_legal_form("Inc."), "Inc.");
    }

    #[test]
    fn initials_with_or_without_small_words() {
        assert!(initials_of("BNA", "Bank of North Alba"));
        assert!(initials_of("BONA", "Bank of North Alba"));
        assert!(!initials_of("BN", "Bank of North Alba"));
        assert!(!initials_of("B", "Bank"));
    }
}
