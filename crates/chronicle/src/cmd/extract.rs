//! `chronicle extract`: main text and metadata, one JSON object a document.

use super::documents::for_each_extracted;
use crate::report::{Reporter, Status};
use chronicle_model::Article;
use serde_json::json;

pub fn run(inputs: &[String], json: bool) -> anyhow::Result<Status> {
    let mut reporter = Reporter::new(json);
    for_each_extracted(inputs, |result| {
        match result {
            Ok(article) if json => reporter.emit(&article_json(&article))?,
            Ok(article) => reporter.line(&article_text(&article))?,
            Err(f) => reporter.fail(&f.input, &f.reason)?,
        }
        Ok(())
    })?;
    Ok(reporter.finish()?)
}

fn article_json(a: &Article) -> serde_json::Value {
    json!({
        "input": a.input,
        "url": a.url,
        "title": a.title,
        "published": a.published.map(|d| d.to_string()),
        "authors": a.authors,
        "site": a.site,
        "language": a.language,
        "text": a.text,
    })
}

fn article_text(a: &Article) -> String {
    let mut out = format!("== {}\n", a.input);
    if let Some(title) = &a.title {
        out += &format!("title: {title}\n");
    }
    if let Some(date) = a.published {
        out += &format!("published: {date}\n");
    }
    out + "\n" + &a.text + "\n"
}
