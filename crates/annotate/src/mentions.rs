//! Entity mentions of a text: the tagger's spans, plus high-precision
//! catalogue matches (countries, capitals, organisations, known people)
//! the tagger missed.

use crate::catalogue::{Catalogue, EntryKind};
use crate::ner::model::TAGS;
use crate::ner::Tagger;
use chronicle_model::{EntityLabel, EntityMention, Span};

/// Mentions in text order.
pub fn find(tagger: &Tagger, catalogue: &Catalogue, text: &str, sentences: &[Vec<Span>]) -> Vec<EntityMention> {
    let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(|t| t.slice(text)).collect()).collect();
    // The model is trained story by story: other mentions of a word in the
    // text inform each one.
    let tags: Vec<Vec<usize>> = tagger.tag_document(&words, catalogue);
    let mut out = Vec::new();
    for ((spans, toks), tags) in sentences.iter().zip(&words).zip(&tags) {
        let mut found = chunks(spans, tags);
        for m in catalogue.matches(toks, false) {
            let span = Span::new(spans[m.start].start, spans[m.end - 1].end);
            if !found.iter().any(|f| f.span.overlaps(&span)) {
                found.push(mention(span, label_of(catalogue.entry(m.entry).kind)));
            }
        }
        found.sort_by_key(|m| m.span.start);
        out.extend(found);
    }
    out
}

fn label_of(kind: EntryKind) -> EntityLabel {
    match kind {
        EntryKind::Country | EntryKind::Capital => EntityLabel::Location,
        EntryKind::Demonym => EntityLabel::Misc,
        EntryKind::Organisation => EntityLabel::Organization,
        EntryKind::Person => EntityLabel::Person,
    }
}

fn mention(span: Span, label: EntityLabel) -> EntityMention {
    EntityMention { span, label, entity: None, kind: None, country: None }
}

/// Mentions from one sentence's IOB2 tag indices.
fn chunks(spans: &[Span], tags: &[usize]) -> Vec<EntityMention> {
    let mut out: Vec<EntityMention> = Vec::new();
    let mut open: Option<(EntityLabel, usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let (bio, label) = TAGS[t].split_once('-').unwrap_or(("O", ""));
        let label = EntityLabel::parse(label);
        match (bio, label, open.as_mut()) {
            ("I", Some(l), Some((ol, _, end))) if *ol == l => *end = i,
            (_, Some(l), _) => {
                if let Some((ol, s, e)) = open.take() {
                    out.push(mention(Span::new(spans[s].start, spans[e].end), ol));
                }
                open = Some((l, i, i));
            }
            _ => {
                if let Some((ol, s, e)) = open.take() {
                    out.push(mention(Span::new(spans[s].start, spans[e].end), ol));
                }
            }
        }
    }
    if let Some((ol, s, e)) = open {
        out.push(mention(Span::new(spans[s].start, spans[e].end), ol));
    }
    out
}
