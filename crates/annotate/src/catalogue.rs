//! The catalogue of known entities: countries (ISO 3166-1 plus demonyms and
//! capitals), international organisations and well-known people, each with
//! its aliases. Built from `data/catalogue.tsv` (see the crate README for
//! how that file is regenerated).

use crate::ner::hash::{FeatureHash, KeyMap};
use crate::tokens::tokenize;

const CATALOGUE: &str = include_str!("../data/catalogue.tsv");

/// What sort of thing an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    Country,
    /// "Belarusian": the adjective or people of a country.
    Demonym,
    /// "Minsk": a capital, often standing for the country's government.
    Capital,
    Organisation,
    Person,
}

impl EntryKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntryKind::Country => "country",
            EntryKind::Demonym => "demonym",
            EntryKind::Capital => "capital",
            EntryKind::Organisation => "organisation",
            EntryKind::Person => "person",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => EntryKind::Country,
            "demonym" => EntryKind::Demonym,
            "capital" => EntryKind::Capital,
            "organisation" => EntryKind::Organisation,
            "person" => EntryKind::Person,
            _ => return None,
        })
    }

    /// Gazetteer code for NER features (1..=5).
    fn code(&self) -> u8 {
        *self as u8 + 1
    }
}

/// A known entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: EntryKind,
    /// The canonical name: "Belarus", "Minsk", "Alexander Lukashenko".
    pub name: String,
    /// ISO 3166-1 alpha-3 code of the country it belongs to.
    pub country: Option<String>,
}

/// A match of an alias over tokens `start..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliasMatch {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

/// Known entities and an index of their aliases by token sequence.
pub struct Catalogue {
    entries: Vec<Entry>,
    exact: KeyMap<u32>,
    folded: KeyMap<u32>,
    codes: std::collections::HashMap<String, u32>,
    /// Every alias of a person, lower-cased, for spellings the catalogue
    /// does not list.
    people: Vec<(String, u32)>,
    max_tokens: usize,
}

/// How alike two spellings of a name must be (normalised Damerau–
/// Levenshtein similarity) to be the same person: "Loukachenko" and
/// "Lukashenko" are 0.82 alike, "Lukas" and "Lukashenko" 0.5.
const SAME_NAME: f64 = 0.8;

/// Names shorter than this are too short to tell a variant from another
/// name by their spelling.
const FUZZY_MIN_CHARS: usize = 7;

fn seq_hash<'a>(tokens: impl IntoIterator<Item = &'a str>, fold: bool) -> u32 {
    let mut h = FeatureHash::template(7);
    for t in tokens {
        h = if fold { h.lower(t) } else { h.str(t) };
    }
    h.finish()
}

impl Catalogue {
    /// The catalogue embedded in the crate.
    pub fn embedded() -> Self {
        Self::parse(CATALOGUE)
    }

    /// Parse catalogue rows `kind<TAB>name<TAB>ISO3<TAB>alias|alias…`;
    /// malformed rows are skipped.
    pub fn parse(text: &str) -> Self {
        let mut cat = Catalogue {
            entries: Vec::new(),
            exact: KeyMap::default(),
            folded: KeyMap::default(),
            codes: Default::default(),
            people: Vec::new(),
            max_tokens: 1,
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [kind, name, code, aliases] = cols.as_slice() else {
                continue;
            };
            let Some(kind) = EntryKind::parse(kind) else {
                continue;
            };
            let id = cat.entries.len() as u32;
            let country = (!code.is_empty()).then(|| code.to_string());
            if kind == EntryKind::Country {
                cat.codes.insert(code.to_string(), id);
            }
            cat.entries.push(Entry { kind, name: name.to_string(), country });
            for alias in aliases.split('|').chain([*name]).filter(|a| !a.is_empty()) {
                let toks: Vec<&str> = tokenize(alias).iter().map(|s| s.slice(alias)).collect();
                cat.max_tokens = cat.max_tokens.max(toks.len());
                cat.exact.entry(seq_hash(toks.iter().copied(), false)).or_insert(id);
                cat.folded.entry(seq_hash(toks.iter().copied(), true)).or_insert(id);
                if kind == EntryKind::Person {
                    cat.people.push((alias.to_lowercase(), id));
                }
            }
        }
        cat
    }

    pub fn entry(&self, id: usize) -> &Entry {
        &self.entries[id]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry a name or ISO alpha-3 code stands for: exact aliases
    /// first, then ignoring case.
    pub fn lookup(&self, name: &str) -> Option<(usize, &Entry)> {
        if let Some(&id) = self.codes.get(name) {
            return Some((id as usize, &self.entries[id as usize]));
        }
        let toks: Vec<&str> = tokenize(name).iter().map(|s| s.slice(name)).collect();
        let id = self
            .exact
            .get(&seq_hash(toks.iter().copied(), false))
            .or_else(|| self.folded.get(&seq_hash(toks.iter().copied(), true)))?;
        Some((*id as usize, &self.entries[*id as usize]))
    }

    /// The catalogued person a spelling the catalogue does not list stands
    /// for ("Loukachenko"): the alias with as many words that is most alike,
    /// starts with the same letter and is at least [`SAME_NAME`] alike.
    pub fn closest_person(&self, name: &str) -> Option<(usize, &Entry)> {
        let name = name.to_lowercase();
        let words = name.split_whitespace().count();
        if name.chars().count() < FUZZY_MIN_CHARS {
            return None;
        }
        let (_, id) = self
            .people
            .iter()
            .filter(|(alias, _)| {
                alias.split_whitespace().count() == words && alias.chars().next() == name.chars().next()
            })
            .map(|(alias, id)| (strsim::normalized_damerau_levenshtein(alias, &name), *id))
            .filter(|(score, _)| *score >= SAME_NAME)
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        Some((id as usize, &self.entries[id as usize]))
    }

    /// Longest alias matches over a token sequence, left to right; `fold`
    /// ignores case (for all-capital headlines).
    pub fn matches(&self, tokens: &[&str], fold: bool) -> Vec<AliasMatch> {
        let map = if fold { &self.folded } else { &self.exact };
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut best = None;
            let mut h = FeatureHash::template(7);
            for (j, t) in tokens[i..tokens.len().min(i + self.max_tokens)].iter().enumerate() {
                h = if fold { h.lower(t) } else { h.str(t) };
                if let Some(&id) = map.get(&h.finish()) {
                    best = Some(AliasMatch { start: i, end: i + j + 1, entry: id as usize });
                }
            }
            match best {
                Some(m) => {
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Gazetteer codes per token for NER features: the entry kind's code,
    /// plus 8 on tokens continuing a multi-token alias.
    pub fn gaz_codes(&self, tokens: &[&str]) -> Vec<u8> {
        let fold =
            tokens.iter().filter(|t| t.chars().any(char::is_alphabetic)).all(|t| !t.chars().any(char::is_lowercase));
        let mut codes = vec![0u8; tokens.len()];
        for m in self.matches(tokens, fold) {
            let code = self.entries[m.entry].kind.code();
            for (k, c) in codes[m.start..m.end].iter_mut().enumerate() {
                *c = code + if k > 0 { 8 } else { 0 };
            }
        }
        codes
    }
}
