//! Reading and extracting many inputs in parallel, results in input order.

use chronicle_ingest::{contents, feed, read_document, Contents};
use chronicle_model::Article;
use rayon::prelude::*;

/// A failed input and why.
pub struct Failure {
    pub input: String,
    pub reason: String,
}

/// How many documents are read and extracted at once: enough to keep every
/// core busy, few enough that memory stays bounded on huge batches.
const CHUNK: usize = 64;

/// Expand `inputs`, read and extract each document, and hand the results to
/// `sink` in input order.
pub fn for_each_extracted(
    inputs: &[String],
    mut sink: impl FnMut(Result<Article, Failure>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let names = chronicle_ingest::expand_inputs(inputs);
    for chunk in names.chunks(CHUNK) {
        let results: Vec<Result<Article, Failure>> = chunk.par_iter().flat_map_iter(extract_input).collect();
        for result in results {
            sink(result)?;
        }
    }
    Ok(())
}

/// The articles of one input: one, one an entry for a feed, or one a line
/// for a dump (as ingest reads them, so that `extract` shows what `ingest`
/// will store).
fn extract_input(name: &Result<String, chronicle_ingest::InputError>) -> Vec<Result<Article, Failure>> {
    let input_failure =
        |e: &chronicle_ingest::InputError| Failure { input: e.input().into(), reason: e.reason().into() };
    let doc = match name.as_ref().map_err(input_failure).and_then(|n| read_document(n).map_err(|e| input_failure(&e))) {
        Ok(doc) => doc,
        Err(failure) => return vec![Err(failure)],
    };
    let failure = |(input, reason): (String, String)| Failure { input, reason };
    match contents(doc) {
        Ok(Contents::Document(doc)) => vec![extract_one(doc, "")],
        Ok(Contents::Entries(entries)) => entries.into_iter().map(entry_article).collect(),
        Ok(Contents::Articles(found)) => found.into_iter().map(|a| a.map_err(failure)).collect(),
        Err(e) => vec![Err(failure(e))],
    }
}

fn entry_article(entry: feed::FeedEntry) -> Result<Article, Failure> {
    let mut article = extract_one(entry.document, "entry.html")?;
    entry.meta.describe(&mut article);
    Ok(article)
}

/// Extract one document; `name` overrides the name whose extension tells
/// the format (a feed entry is HTML whatever its feed is called).
fn extract_one(doc: chronicle_ingest::RawDocument, name: &str) -> Result<Article, Failure> {
    let name = if name.is_empty() { doc.content_name() } else { name };
    let mut article = chronicle_extract::extract(name, &doc.bytes)
        .map_err(|e| Failure { input: doc.input.clone(), reason: e.to_string() })?;
    article.input = doc.input;
    article.hash = doc.hash;
    Ok(article)
}
