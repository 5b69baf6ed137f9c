//! Curated event lists: each record is an event already. Records are
//! annotated and coded in parallel, then written a batch a transaction;
//! each record is stored as its own document, so a list ingested again, or
//! grown and ingested again, adds only what is new.

use crate::merge::attach;
use crate::prepare::curated_mention;
use crate::{Outcome, Pipeline, Summary};
use chronicle_ingest::curated::{parse_line, CuratedEvent};
use chronicle_model::{Article, Mention, SourceRef};
use chronicle_store::{Store, StoreError};
use rayon::prelude::*;
use std::io::{BufRead, BufReader, Read};

/// Records written in one transaction.
const BATCH: usize = 1000;

struct Record {
    input: String,
    article: Article,
    sources: Vec<SourceRef>,
    mention: Mention,
}

pub fn ingest_list(
    pipeline: &Pipeline,
    store: &mut Store,
    path: &str,
    progress: &mut dyn FnMut(&str, &Outcome),
) -> Result<Summary, StoreError> {
    let mut summary = Summary::default();
    let mut report = |input: &str, outcome: Outcome, summary: &mut Summary| {
        summary.count(&outcome);
        progress(input, &outcome);
    };
    let reader = match open(path) {
        Ok(r) => r,
        Err(reason) => {
            report(path, Outcome::Failed(reason), &mut summary);
            return Ok(summary);
        }
    };
    let mut batch: Vec<(String, CuratedEvent, String)> = Vec::new();
    // Split on \n only: U+2028 and U+2029 are legal inside JSON strings.
    for (i, line) in BufReader::new(reader).split(b'\n').enumerate() {
        let input = format!("{path}:{}", i + 1);
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                report(&input, Outcome::Failed(format!("unreadable: {e}")), &mut summary);
                break;
            }
        };
        let text = String::from_utf8_lossy(&line);
        match parse_line(&text) {
            Ok(Some(event)) => batch.push((input, event, text.trim().to_string())),
            Ok(None) => {}
            Err(reason) => report(&input, Outcome::Failed(format!("bad event record: {reason}")), &mut summary),
        }
        if batch.len() >= BATCH {
            write_batch(pipeline, store, std::mem::take(&mut batch), &mut |i, o| report(i, o, &mut summary))?;
        }
    }
    write_batch(pipeline, store, batch, &mut |i, o| report(i, o, &mut summary))?;
    Ok(summary)
}

fn open(path: &str) -> Result<Box<dyn Read>, String> {
    if path == "-" {
        return Ok(Box::new(std::io::stdin()));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    Ok(if path.ends_with(".gz") { Box::new(flate2::read::MultiGzDecoder::new(file)) } else { Box::new(file) })
}

fn write_batch(
    pipeline: &Pipeline,
    store: &mut Store,
    batch: Vec<(String, CuratedEvent, String)>,
    report: &mut dyn FnMut(&str, Outcome),
) -> Result<(), StoreError> {
    let records: Vec<Record> =
        batch.into_par_iter().map(|(input, event, line)| record(pipeline, input, event, &line)).collect();
    let outcomes = store.write(|w| {
        let mut outcomes = Vec::with_capacity(records.len());
        for r in &records {
            if w.has_document(&r.article.hash)? {
                outcomes.push(Outcome::Duplicate);
                continue;
            }
            w.put_document(&r.article, "event-record")?;
            attach(w, &r.mention, &r.sources)?;
            outcomes.push(Outcome::New { mentions: 1 });
        }
        Ok(outcomes)
    })?;
    for (r, outcome) in records.iter().zip(outcomes) {
        report(&r.input, outcome);
    }
    Ok(())
}

fn record(pipeline: &Pipeline, input: String, event: CuratedEvent, line: &str) -> Record {
    let hash = chronicle_ingest::content_hash(line.as_bytes());
    let article = Article {
        input: input.clone(),
        hash: hash.clone(),
        title: Some(event.text.clone()),
        published: event.date.to_naive(),
        site: event.outlets.first().cloned(),
        text: event.text.clone(),
        ..Article::default()
    };
    let sources = event
        .outlets
        .iter()
        .map(|outlet| SourceRef {
            document: Some(hash.clone()),
            input: Some(input.clone()),
            url: None,
            title: None,
            site: Some(outlet.clone()),
            published: None,
        })
        .collect();
    let mention = curated_mention(
        &hash,
        Some(event.date),
        &event.text,
        &event.stories,
        event.category.as_deref(),
        pipeline.annotator(),
    );
    Record { input, article, sources, mention }
}
