//! Reading MEANTIME's CAT XML (the English `intra_cross-doc_annotation`
//! files): the tokens joined back into text, the document date, and each
//! ENTITY_MENTION with its syntactic type and the cross-document entity
//! instance its REFERS_TO link names.

pub mod clusters;

use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A gold entity mention: bytes `start..end` of the document text.
pub struct GoldMention {
    pub start: usize,
    pub end: usize,
    /// NAM, PRE.NAM, NOM, PRO, …; empty where the annotators gave none.
    pub syntactic: String,
    /// PER, ORG, LOC, PRO, FIN, MIX; empty when no instance is linked.
    pub class: String,
    /// The corpus-wide entity instance, shared across documents.
    pub instance: String,
}

pub struct Doc {
    pub name: String,
    /// The text up to here had every entity mention annotated (the first
    /// sentences); after it only those the corpus-level pass linked.
    pub annotated_end: usize,
    pub dct: Option<NaiveDate>,
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

/// The CAT files under `dir`: its `intra_cross-doc_annotation` folder when
/// `dir` is the corpus root, else `dir` itself, walked recursively.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let cross = dir.join("intra_cross-doc_annotation");
    let mut out = Vec::new();
    walk(if cross.is_dir() { &cross } else { dir }, &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

/// Tokens that attach to the one before them without a space.
fn glued(token: &str) -> bool {
    matches!(token, "," | "." | ":" | ";" | "?" | "!" | ")" | "'s" | "'" | "%" | "n't")
}

fn attr(e: &BytesStart, name: &str) -> String {
    attr_present(e, name).unwrap_or_default()
}

fn attr_present(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned())
}

/// What the XML holds, before the text is cut to the annotated sentences.
#[derive(Default)]
struct Raw {
    /// (t_id, sentence, word) in document order.
    tokens: Vec<(String, usize, String)>,
    /// m_id → (syntactic type, anchor t_ids). Mentions the corpus-level
    /// pass added carry no syntactic type at all.
    mentions: Vec<(String, Option<String>, Vec<String>)>,
    /// ENTITY m_id → (class, instance id).
    entities: HashMap<String, (String, String)>,
    /// REFERS_TO source m_id → target m_id.
    refers: HashMap<String, String>,
    dct: Option<NaiveDate>,
}

fn read_raw(xml: &str) -> Result<Raw, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut raw = Raw::default();
    let mut token: Option<(String, usize, String)> = None;
    let mut mention: Option<(String, Option<String>, Vec<String>)> = None;
    let mut refers_sources: Vec<String> = Vec::new();
    let mut in_refers = false;
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "token" => token = Some((attr(&e, "t_id"), attr(&e, "sentence").parse().unwrap_or(0), String::new())),
                "ENTITY_MENTION" => mention = Some((attr(&e, "m_id"), attr_present(&e, "syntactic_type"), Vec::new())),
                "token_anchor" => {
                    if let Some(m) = mention.as_mut() {
                        m.2.push(attr(&e, "t_id"));
                    }
                }
                "ENTITY" => {
                    raw.entities.insert(attr(&e, "m_id"), (attr(&e, "ent_type"), attr(&e, "instance_id")));
                }
                "TIMEX3" if attr(&e, "functionInDocument") == "CREATION_TIME" => raw.dct = date(&attr(&e, "value")),
                "REFERS_TO" => in_refers = true,
                "source" if in_refers => refers_sources.push(attr(&e, "m_id")),
                "target" if in_refers => {
                    for s in refers_sources.drain(..) {
                        raw.refers.insert(s, attr(&e, "m_id"));
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(tok) = token.as_mut() {
                    tok.2.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(tok) = token.as_mut() {
                    match r.resolve_char_ref()? {
                        Some(c) => tok.2.push(c),
                        None => tok.2.push_str(quick_xml::escape::resolve_predefined_entity(&r).unwrap_or("")),
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "token" => raw.tokens.extend(token.take()),
                "ENTITY_MENTION" => raw.mentions.extend(mention.take()),
                "REFERS_TO" => in_refers = false,
                _ => {}
            },
            _ => {}
        }
    }
    Ok(raw)
}

fn date(value: &str) -> Option<NaiveDate> {
    let head = value.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(head, "%d-%m-%Y")).ok()
}

/// Read one CAT file. MEANTIME annotates the first sentences of each
/// article fully and later ones only for the entities linked across
/// documents; the text stops after the last sentence any mention touches.
pub fn read(path: &Path) -> Result<Doc, String> {
    let xml = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let raw = read_raw(&xml).map_err(|e| e.to_string())?;
    let sentence_of: HashMap<&str, usize> = raw.tokens.iter().map(|(id, s, _)| (id.as_str(), *s)).collect();
    let last = raw.mentions.iter().flat_map(|m| &m.2).filter_map(|t| sentence_of.get(t.as_str())).max();
    let fully_annotated = raw
        .mentions
        .iter()
        .filter(|m| m.1.is_some())
        .flat_map(|m| &m.2)
        .filter_map(|t| sentence_of.get(t.as_str()))
        .max();
    let mut annotated_end = 0;
    let mut text = String::new();
    let mut spans: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut previous = None;
    for (id, sentence, word) in raw.tokens.iter().filter(|t| last.is_none_or(|l| t.1 <= *l)) {
        if !text.is_empty() {
            if previous != Some(*sentence) {
                text.push('\n');
            } else if !glued(word) && !text.ends_with(['(', '$']) {
                text.push(' ');
            }
        }
        previous = Some(*sentence);
        spans.insert(id, (text.len(), text.len() + word.len()));
        text.push_str(word);
        if fully_annotated.is_some_and(|f| *sentence <= *f) {
            annotated_end = text.len();
        }
    }
    let mut mentions = Vec::new();
    for (m_id, syntactic, anchors) in &raw.mentions {
        let at: Vec<(usize, usize)> = anchors.iter().filter_map(|t| spans.get(t.as_str()).copied()).collect();
        let (Some(start), Some(end)) = (at.iter().map(|a| a.0).min(), at.iter().map(|a| a.1).max()) else {
            continue;
        };
        let (class, instance) = raw.refers.get(m_id).and_then(|e| raw.entities.get(e)).cloned().unwrap_or_default();
        let syntactic = syntactic.clone().unwrap_or_default();
        mentions.push(GoldMention { start, end, syntactic, class, instance });
    }
    mentions.sort_by_key(|m| (m.start, m.end));
    let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Doc { name, annotated_end, dct: raw.dct, text, mentions })
}
