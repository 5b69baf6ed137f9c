//! Entity resolution: mention text to a canonical entity. Known entities
//! come from the [`Catalogue`]; people not in it resolve within the document
//! ("Mr. Kramer" to an earlier "David Kramer"); capitals used as actors
//! ("Washington said") and a country's named government ("the Canadian
//! Government") stand for the country.

use crate::catalogue::{Catalogue, EntryKind};
use chronicle_model::{EntityLabel, EntityMention};

/// What a name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The canonical name ("Belarus", "Alexander Lukashenko").
    pub name: String,
    /// "country", "demonym", "capital", "city", "organisation", "person".
    pub kind: &'static str,
    /// ISO 3166-1 alpha-3 code of the country it belongs to.
    pub country: Option<String>,
}

/// Titles and honorifics dropped before matching a person's name.
const TITLES: &[&str] = &[
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Prof.",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Prime",
    "Minister",
    "Gen.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Sir",
    "Lady",
    "Lord",
    "Madame",
    "Monsieur",
    "Herr",
    "Frau",
];

/// Prepositions after which a capital is a place, not a government.
const LOCATIVE: &[&str] =
    &["in", "at", "near", "to", "from", "outside", "into", "around", "across", "via", "toward", "towards"];

/// Resolve a name against the catalogue alone.
pub fn resolve_name(catalogue: &Catalogue, name: &str) -> Option<Resolved> {
    let name = name.trim();
    let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
    let (_, entry) = catalogue.lookup(name)?;
    let country_name = |code: &Option<String>| {
        code.as_deref()
            .and_then(|c| catalogue.lookup(c))
            .map(|(_, e)| e.name.clone())
            .unwrap_or_else(|| entry.name.clone())
    };
    let name = match entry.kind {
        // A demonym and a capital acting stand for the country.
        EntryKind::Demonym | EntryKind::Capital => country_name(&entry.country),
        _ => entry.name.clone(),
    };
    Some(Resolved { name, kind: entry.kind.as_str(), country: entry.country.clone() })
}

/// Fill `entity`, `kind` and `country` of a document's mentions, in text
/// order. `text` is the document; `before(m)` is the word before a mention.
pub fn resolve_mentions(catalogue: &Catalogue, text: &str, mentions: &mut [EntityMention]) {
    // Full names of people seen so far, latest last.
    let mut people: Vec<(String, Option<Resolved>)> = Vec::new();
    for m in mentions.iter_mut() {
        let surface = m.span.slice(text);
        let found = if m.label == EntityLabel::Person {
            resolve_person(catalogue, surface, &mut people)
        } else {
            // A catalogued person's spelling outranks the tagger's class,
            // as a catalogued name does.
            resolve_name(catalogue, surface)
                .map(|r| locate_capital(r, catalogue, surface, word_before(text, m.span.start)))
                .or_else(|| resolve_government(catalogue, surface))
                .or_else(|| closest_person(catalogue, surface))
        };
        match found {
            Some(r) => {
                m.label = label_of(r.kind).unwrap_or(m.label);
                m.entity = Some(r.name);
                m.kind = Some(r.kind.to_string());
                m.country = r.country;
            }
            None => m.entity = Some(surface.trim_start_matches("the ").to_string()).filter(|s| !s.is_empty()),
        }
    }
    crate::aliases::unify_organisations(catalogue, text, mentions);
}

/// The class a catalogued kind of entity belongs to, which outranks the
/// tagger's guess ("Belneftekhim" tagged LOC is a catalogued organisation).
/// Demonyms keep the tagger's MISC.
fn label_of(kind: &str) -> Option<EntityLabel> {
    match kind {
        "organisation" | "government" => Some(EntityLabel::Organization),
        "person" | "leader" => Some(EntityLabel::Person),
        "country" | "capital" | "city" => Some(EntityLabel::Location),
        _ => None,
    }
}

/// A capital after "in", "to", "from"… is the city itself.
fn locate_capital(r: Resolved, catalogue: &Catalogue, surface: &str, before: &str) -> Resolved {
    if r.kind != "capital" || !LOCATIVE.contains(&before.to_lowercase().as_str()) {
        return r;
    }
    let city = catalogue.lookup(surface).map(|(_, e)| e.name.clone()).unwrap_or_else(|| surface.to_string());
    Resolved { name: city, kind: "city", country: r.country }
}

fn resolve_person(
    catalogue: &Catalogue,
    surface: &str,
    people: &mut Vec<(String, Option<Resolved>)>,
) -> Option<Resolved> {
    let words: Vec<&str> = surface.split_whitespace().skip_while(|w| TITLES.contains(w)).collect();
    let name = words.join(" ");
    if name.is_empty() {
        return None;
    }
    let known =
        resolve_name(catalogue, &name).filter(|r| r.kind == "person").or_else(|| closest_person(catalogue, &name));
    if words.len() >= 2 {
        people.push((name.clone(), known.clone()));
        return Some(known.unwrap_or(Resolved { name, kind: "person", country: None }));
    }
    // A lone surname (or first name) refers to the full name ending (or
    // beginning) with it that the text has named most, and on a tie the one
    // it named first: a story introduces its principal first ("Alyaksandr
    // Kazulin ... Iryna Kazulin's funeral ... let Kazulin appeal").
    let fits = |full: &str| {
        let mut parts = full.split_whitespace();
        parts.next_back() == Some(name.as_str()) || full.split_whitespace().next() == Some(name.as_str())
    };
    let times = |full: &str| people.iter().filter(|(f, _)| f == full).count();
    let first = |full: &str| people.iter().position(|(f, _)| f == full);
    let earlier = people
        .iter()
        .enumerate()
        .filter(|(_, (full, _))| fits(full))
        .max_by_key(|(at, (full, _))| (times(full), std::cmp::Reverse(first(full).unwrap_or(*at))))
        .map(|(_, person)| person);
    match earlier {
        Some((full, resolved)) => {
            Some(resolved.clone().unwrap_or(Resolved { name: full.clone(), kind: "person", country: None }))
        }
        None => Some(known.unwrap_or(Resolved { name, kind: "person", country: None })),
    }
}

/// "the US Government", "Canadian government", "Government of Chile": the
/// government of a country stands for the country, as its capital acting
/// does.
fn resolve_government(catalogue: &Catalogue, surface: &str) -> Option<Resolved> {
    let name = surface.trim();
    let name = name.strip_prefix("the ").or_else(|| name.strip_prefix("The ")).unwrap_or(name);
    let country = name
        .strip_suffix(" Government")
        .or_else(|| name.strip_suffix(" government"))
        .or_else(|| name.strip_prefix("Government of "))?;
    let r = resolve_name(catalogue, country)?;
    matches!(r.kind, "country" | "demonym").then_some(Resolved { name: r.name, kind: "government", country: r.country })
}

/// A catalogued person spelt in a way the catalogue does not list: names
/// are transliterated many ways ("Lukashenko", "Lukaschenko",
/// "Loukachenko").
fn closest_person(catalogue: &Catalogue, name: &str) -> Option<Resolved> {
    let (_, entry) = catalogue.closest_person(name)?;
    Some(Resolved { name: entry.name.clone(), kind: "person", country: entry.country.clone() })
}

/// The word just before byte `at`, without trailing punctuation.
fn word_before(text: &str, at: usize) -> &str {
    let head = text.get(..at).unwrap_or("").trim_end();
    let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    head[start..].trim_matches(|c: char| !c.is_alphanumeric())
}
