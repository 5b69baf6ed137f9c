//! Score entity mentions and their resolution on MEANTIME (English,
//! `intra_cross-doc_annotation`): each document's text is annotated with
//! its date; our mentions are aligned to the gold mentions by overlap
//! (the same span first, else the largest overlap), one to one.
//!
//! MEANTIME annotates every entity mention in the first six sentences of an
//! article (title, date line and four more) and, after them, only the
//! mentions of entities linked across documents; only that first part is
//! scored, gold mentions and ours alike (the rest is annotated as context).
//!
//! Scored gold mentions: proper names, i.e. syntactic type NAM or PRE.NAM
//! ("Japanese" in "Japanese banks" is a PRE.NAM of Japan), of the classes
//! PER, ORG and LOC (products and financial entities are left out: we do
//! not resolve them). A mention of ours overlapping no gold mention at all
//! is a false positive; one overlapping only unscored gold mentions
//! (common nouns, pronouns, products) is neither right nor wrong.
//!
//! Resolution is scored over the aligned gold mentions: do two of them
//! resolve to the same entity (our `entity`) exactly when they are the same
//! gold entity instance? Pairs inside one document and pairs across two
//! documents are counted apart; BCubed is given for both. The baseline
//! row takes the mention's own words as its entity.
//!
//! ```text
//! cargo run --release -p chronicle-annotate --example score_meantime_entities -- DIR [--verbose]
//! ```

mod meantime;

use chronicle_annotate::Annotator;
use chronicle_model::EntityMention;
use meantime::clusters::{self, Item, Pr};
use meantime::{Doc, GoldMention};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const NAMED: &[&str] = &["NAM", "PRE.NAM"];
const CLASSES: &[&str] = &["PER", "ORG", "LOC"];

fn scored(doc: &Doc, g: &GoldMention) -> bool {
    g.end <= doc.annotated_end
        && NAMED.contains(&g.syntactic.as_str())
        && CLASSES.contains(&g.class.as_str())
        && !g.instance.is_empty()
}

fn overlap(g: &GoldMention, p: &EntityMention) -> usize {
    g.end.min(p.span.end).saturating_sub(g.start.max(p.span.start))
}

/// For each scored gold mention, the index of the mention of ours it is
/// aligned to.
fn align(doc: &Doc, pred: &[EntityMention]) -> Vec<(usize, Option<usize>)> {
    let mut used = vec![false; pred.len()];
    let mut out = Vec::new();
    for (gi, g) in doc.mentions.iter().enumerate().filter(|(_, g)| scored(doc, g)) {
        let exact = |p: &EntityMention| p.span.start == g.start && p.span.end == g.end;
        let best = (0..pred.len())
            .filter(|&i| !used[i] && overlap(g, &pred[i]) > 0)
            .max_by_key(|&i| (exact(&pred[i]), overlap(g, &pred[i])));
        if let Some(i) = best {
            used[i] = true;
        }
        out.push((gi, best));
    }
    out
}

#[derive(Default)]
struct Detection {
    gold: usize,
    found: usize,
    predicted: usize,
    false_positive: usize,
    by_class: BTreeMap<String, (usize, usize)>,
}

/// One aligned mention: document, gold instance, our entity, our words.
struct Aligned {
    doc: usize,
    instance: String,
    entity: String,
    surface: String,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let Some(dir) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: score_meantime_entities DIR [--verbose]");
        std::process::exit(2);
    };
    let annotator = Annotator::new();
    let mut docs = Vec::new();
    for path in meantime::files(Path::new(dir)) {
        match meantime::read(&path) {
            Ok(doc) => docs.push(doc),
            Err(e) => eprintln!("error: {}: {e}", path.display()),
        }
    }
    if docs.is_empty() {
        eprintln!("error: {dir}: no MEANTIME CAT files");
        std::process::exit(1);
    }
    let mut detection = Detection::default();
    let mut aligned = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        let pred = annotator.annotate(&doc.text, doc.dct).entities;
        let pairs = align(doc, &pred);
        count_detection(&mut detection, doc, &pred, &pairs, verbose);
        for (gi, pi) in pairs {
            let (g, Some(p)) = (&doc.mentions[gi], pi.map(|i| &pred[i])) else { continue };
            let surface = p.span.slice(&doc.text).to_string();
            let entity = p.entity.clone().unwrap_or_else(|| surface.clone());
            aligned.push(Aligned { doc: d, instance: g.instance.clone(), entity, surface });
        }
    }
    if verbose {
        print_resolution_errors(&aligned);
    }
    print_detection(&detection, docs.len());
    print_resolution(&aligned);
}

fn count_detection(
    det: &mut Detection,
    doc: &Doc,
    pred: &[EntityMention],
    pairs: &[(usize, Option<usize>)],
    verbose: bool,
) {
    let matched: BTreeSet<usize> = pairs.iter().filter_map(|p| p.1).collect();
    for &(gi, pi) in pairs {
        let g = &doc.mentions[gi];
        let class = det.by_class.entry(g.class.clone()).or_default();
        class.0 += 1;
        class.1 += usize::from(pi.is_some());
        if pi.is_none() && verbose {
            println!("{} MISS {} {:?}", doc.name, g.class, &doc.text[g.start..g.end]);
        }
    }
    det.gold += pairs.len();
    det.found += matched.len();
    for (_, p) in pred.iter().enumerate().filter(|(i, _)| !matched.contains(i)) {
        if p.span.end > doc.annotated_end || doc.mentions.iter().any(|g| overlap(g, p) > 0) {
            continue;
        }
        det.false_positive += 1;
        if verbose {
            println!("{} SPURIOUS {:?} {:?}", doc.name, p.label, p.span.slice(&doc.text));
        }
    }
    det.predicted = det.found + det.false_positive;
}

fn print_detection(det: &Detection, docs: usize) {
    let p = det.found as f64 / det.predicted.max(1) as f64;
    let r = det.found as f64 / det.gold.max(1) as f64;
    let f = Pr { precision: p, recall: r }.f1();
    println!("MEANTIME English, {docs} documents; scored: named (NAM, PRE.NAM) PER, ORG, LOC mentions");
    println!();
    println!("| mention detection | gold | found | ours scored | P | R | F1 |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!("| all | {} | {} | {} | {p:.4} | {r:.4} | {f:.4} |", det.gold, det.found, det.predicted);
    for (class, (gold, found)) in &det.by_class {
        println!("| {class} | {gold} | {found} | | | {:.4} | |", *found as f64 / (*gold).max(1) as f64);
    }
    println!();
}

fn print_resolution(aligned: &[Aligned]) {
    println!("| resolution ({} aligned mentions) | within P | within R | within F1 | across P | across R | across F1 | BCubed doc F1 | BCubed corpus F1 |", aligned.len());
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, system) in [("resolver", true), ("baseline: the mention's words", false)] {
        let items: Vec<Item> = aligned
            .iter()
            .map(|a| Item { doc: a.doc, gold: &a.instance, system: if system { &a.entity } else { &a.surface } })
            .collect();
        let row = |pr: Pr| format!("{:.4} | {:.4} | {:.4}", pr.precision, pr.recall, pr.f1());
        println!(
            "| {name} | {} | {} | {:.4} | {:.4} |",
            row(clusters::within_document(&items)),
            row(clusters::across_documents(&items)),
            clusters::bcubed(&items, true).f1(),
            clusters::bcubed(&items, false).f1()
        );
    }
}

/// Gold entities we split, and entities of ours that join gold entities.
fn print_resolution_errors(aligned: &[Aligned]) {
    let mut by_gold: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut by_ours: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for a in aligned {
        *by_gold.entry(&a.instance).or_default().entry(&a.entity).or_default() += 1;
        by_ours.entry(&a.entity).or_default().insert(&a.instance);
    }
    for (instance, ours) in by_gold.iter().filter(|(_, o)| o.len() > 1) {
        let written: BTreeSet<(&str, &str)> = aligned
            .iter()
            .filter(|a| a.instance == *instance)
            .map(|a| (a.entity.as_str(), a.surface.as_str()))
            .collect();
        println!("SPLIT {instance}: {ours:?} written {written:?}");
    }
    for (entity, gold) in by_ours.iter().filter(|(_, g)| g.len() > 1) {
        let surfaces: BTreeSet<&str> =
            aligned.iter().filter(|a| a.entity == *entity).map(|a| a.surface.as_str()).collect();
        println!("JOINED {entity:?}: {} gold entities, written {surfaces:?}", gold.len());
    }
}
