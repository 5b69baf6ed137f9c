//! Reading and extracting many inputs in parallel, results in input order.

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
        let results: Vec<Result<Article, Failure>> = chunk.par_iter().map(extract_one).collect();
        for result in results {
            sink(result)?;
        }
    }
    Ok(())
}

fn extract_one(name: &Result<String, chronicle_ingest::InputError>) -> Result<Article, Failure> {
    let name = name.as_ref().map_err(|e| Failure { input: e.input().into(), reason: e.reason().into() })?;
    let doc = chronicle_ingest::read_document(name)
        .map_err(|e| Failure { input: e.input().into(), reason: e.reason().into() })?;
    let mut article = chronicle_extract::extract(doc.content_name(), &doc.bytes)
        .map_err(|e| Failure { input: name.clone(), reason: e.to_string() })?;
    article.input = doc.input;
    article.hash = doc.hash;
    Ok(article)
}
