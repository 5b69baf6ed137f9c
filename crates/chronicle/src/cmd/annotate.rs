//! `chronicle annotate`: sentences, entities and time expressions as JSON
//! (character offsets), or IOB2 tags over CoNLL-2003 columns.

use super::documents::for_each_extracted;
use super::jsonl::for_each_record;
use crate::report::{Reporter, Status};
use chronicle_annotate::Annotator;
use chronicle_model::{Annotation, PartialDate, Span};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::json;
use std::io::Write;

/// A record of a `.jsonl` input: its text is annotated as given.
#[derive(Deserialize)]
struct TextRecord {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    published: Option<String>,
}

struct Doc {
    id: serde_json::Value,
    text: String,
    published: Option<NaiveDate>,
}

const CHUNK: usize = 256;

pub fn run(inputs: &[String], dct: Option<&str>, json: bool) -> anyhow::Result<Status> {
    let dct = dct.map(parse_day).transpose()?;
    let annotator = Annotator::new();
    let mut reporter = Reporter::new(json);
    let (records, documents): (Vec<String>, Vec<String>) =
        inputs.iter().cloned().partition(|i| i.ends_with(".jsonl") || i.ends_with(".jsonl.gz"));
    let mut pending = Vec::new();
    for_each_record(&records, &mut reporter, |r: TextRecord, rep| {
        let published = r.published.as_deref().and_then(|p| p.parse::<PartialDate>().ok()?.to_naive());
        pending.push(Doc { id: r.id, text: r.text, published: published.or(dct) });
        if pending.len() >= CHUNK {
            emit_all(&annotator, std::mem::take(&mut pending), rep)?;
        }
        Ok(())
    })?;
    emit_all(&annotator, pending, &mut reporter)?;
    let mut pending = Vec::new();
    for_each_extracted(&documents, |result| {
        match result {
            Ok(a) => pending.push(Doc { id: a.input.into(), text: a.text, published: a.published.or(dct) }),
            Err(f) => reporter.fail(&f.input, &f.reason)?,
        }
        if pending.len() >= CHUNK {
            emit_all(&annotator, std::mem::take(&mut pending), &mut reporter)?;
        }
        Ok(())
    })?;
    emit_all(&annotator, pending, &mut reporter)?;
    Ok(reporter.finish()?)
}

fn parse_day(s: &str) -> anyhow::Result<NaiveDate> {
    s.parse::<PartialDate>()
        .ok()
        .and_then(|d| d.to_naive())
        .ok_or_else(|| anyhow::anyhow!("--dct {s:?} is not a date (YYYY-MM-DD)"))
}

fn emit_all(annotator: &Annotator, docs: Vec<Doc>, reporter: &mut Reporter) -> anyhow::Result<()> {
    let annotated: Vec<(Doc, Annotation)> = docs
        .into_par_iter()
        .map(|d| {
            let a = annotator.annotate(&d.text, d.published);
            (d, a)
        })
        .collect();
    for (doc, annotation) in annotated {
        reporter.emit(&annotation_json(&doc, &annotation))?;
    }
    Ok(())
}

fn annotation_json(doc: &Doc, a: &Annotation) -> serde_json::Value {
    let chars = CharIndex::new(&doc.text);
    let span = |s: &Span| (chars.at(s.start), chars.at(s.end));
    json!({
        "id": doc.id,
        "published": doc.published.map(|d| d.to_string()),
        "text": doc.text,
        "sentences": a.sentences.iter().map(|s| { let (b, e) = span(s); [b, e] }).collect::<Vec<_>>(),
        "entities": a.entities.iter().map(|m| { let (b, e) = span(&m.span); json!({
            "start": b, "end": e, "text": m.span.slice(&doc.text), "label": m.label.as_str(),
            "entity": m.entity, "kind": m.kind, "country": m.country,
        })}).collect::<Vec<_>>(),
        "timexes": a.timexes.iter().map(|t| { let (b, e) = span(&t.span); json!({
            "start": b, "end": e, "text": t.span.slice(&doc.text), "type": t.kind.as_str(), "value": t.value,
        })}).collect::<Vec<_>>(),
    })
}

/// Byte offset → character offset, built once a text so that converting
/// many spans stays linear.
struct CharIndex(Vec<u32>);

impl CharIndex {
    fn new(text: &str) -> Self {
        let mut map = vec![0u32; text.len() + 1];
        let mut count = 0u32;
        for (i, c) in text.char_indices() {
            for slot in &mut map[i..i + c.len_utf8()] {
                *slot = count;
            }
            count += 1;
        }
        map[text.len()] = count;
        CharIndex(map)
    }

    fn at(&self, byte: usize) -> u32 {
        self.0.get(byte).copied().unwrap_or(*self.0.last().unwrap_or(&0))
    }
}

/// `annotate --conll FILE`: the token is the first column, a blank line
/// ends a sentence, `-DOCSTART-` lines pass through and divide documents
/// (without them, datelines open stories), tagged document by document.
pub fn run_conll(file: &str) -> anyhow::Result<Status> {
    let text = if file == "-" {
        std::io::read_to_string(std::io::stdin())?
    } else {
        std::fs::read_to_string(file).map_err(|e| anyhow::anyhow!("{file}: {e}"))?
    };
    let blocks = conll_blocks(&text);
    let annotator = Annotator::new();
    // Documents: the sentences between `-DOCSTART-` lines, or, in a file
    // without them, the stories its datelines open.
    let mut docs: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    for (i, b) in blocks.iter().chain([&Block::DocStart]).enumerate() {
        if matches!(b, Block::DocStart) {
            if i > start {
                docs.push(start..i);
            }
            start = i + 1;
        }
    }
    if !blocks.iter().any(|b| matches!(b, Block::DocStart)) {
        let sents: Vec<Vec<&str>> =
            blocks.iter().map(|b| if let Block::Sentence(t) = b { t.clone() } else { Vec::new() }).collect();
        docs = chronicle_annotate::ner::split_documents(&sents);
    }
    let mut tagged: Vec<Vec<String>> = vec![Vec::new(); blocks.len()];
    let per_doc: Vec<Vec<Vec<String>>> = docs
        .par_iter()
        .map(|r| {
            let sents: Vec<Vec<&str>> = blocks[r.clone()]
                .iter()
                .map(|b| if let Block::Sentence(t) = b { t.clone() } else { Vec::new() })
                .collect();
            annotator.tag_document_tokens(&sents)
        })
        .collect();
    for (r, tags) in docs.iter().zip(per_doc) {
        for (i, t) in r.clone().zip(tags) {
            tagged[i] = t;
        }
    }
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for (block, tags) in blocks.iter().zip(tagged) {
        match block {
            Block::Sentence(tokens) => {
                for (token, tag) in tokens.iter().zip(tags) {
                    writeln!(out, "{token}\t{tag}")?;
                }
                writeln!(out)?;
            }
            Block::DocStart => writeln!(out, "-DOCSTART-\tO\n")?,
        }
    }
    out.flush()?;
    Ok(Status::Clean)
}

enum Block<'a> {
    Sentence(Vec<&'a str>),
    DocStart,
}

fn conll_blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut current = Vec::new();
    for line in text.split('\n') {
        let token = line.split_whitespace().next();
        match token {
            None => {
                if !current.is_empty() {
                    blocks.push(Block::Sentence(std::mem::take(&mut current)));
                }
            }
            Some("-DOCSTART-") => blocks.push(Block::DocStart),
            Some(t) => current.push(t),
        }
    }
    if !current.is_empty() {
        blocks.push(Block::Sentence(current));
    }
    blocks
}
