//! `chronicle code` (PLOVER coding of sentences) and `chronicle cluster`
//! (online clustering of an article stream).

use super::jsonl::for_each_record;
use crate::report::{Reporter, Status};
use chronicle_annotate::Annotator;
use chronicle_embed::SentenceEncoder;
use chronicle_events::{encoded_title, ClusterDoc, Clusterer};
use chronicle_model::{Actor, PartialDate};
use serde::Deserialize;
use serde_json::json;

/// A sentence to code. Its `date`, if given, is not read: coding finds
/// the type and actors of a sentence, which its date does not change.
#[derive(Deserialize)]
struct Sentence {
    id: serde_json::Value,
    text: String,
}

pub fn run_code(inputs: &[String], json: bool) -> anyhow::Result<Status> {
    let annotator = Annotator::new();
    let mut reporter = Reporter::new(json);
    for_each_record(inputs, &mut reporter, |s: Sentence, rep| {
        // Coding reads the entities alone (they name the actors): the
        // time expressions of a full annotation would go unused.
        let annotation = annotator.annotate_entities(&s.text);
        let coding = chronicle_events::code(&s.text, &annotation);
        rep.emit(&json!({
            "id": s.id,
            "type": coding.event_type.map(|t| t.as_str()),
            "source": actors_json(&coding.source),
            "target": actors_json(&coding.target),
            "score": coding.score,
        }))?;
        Ok(())
    })?;
    Ok(reporter.finish()?)
}

fn actors_json(actors: &[Actor]) -> Vec<serde_json::Value> {
    actors.iter().map(|a| json!({"text": a.text, "entity": a.entity, "code": a.code})).collect()
}

#[derive(Deserialize)]
struct ClusterRecord {
    id: serde_json::Value,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    published: Option<String>,
}

/// The canonical names of the entities an article's title and lead (its
/// first `lead_chars` characters, as the clusterer reads it) mention, one
/// per mention, so that the clusterer sees "DPRK" and "Pyongyang" as the
/// North Korea that other reports name. Only the entities are found: the
/// time expressions of a full annotation would go unused.
fn resolved_entities(annotator: &Annotator, title: &str, lead: &str) -> Vec<String> {
    let headed = format!("{title}\n\n{lead}");
    annotator.annotate_entities(&headed).entities.into_iter().filter_map(|e| e.entity).collect()
}

/// The sentence vector of an article's title, as ingest gives the
/// clusterer; none for an article without a title.
fn title_vector(encoder: &SentenceEncoder, title: &str) -> Option<Vec<f32>> {
    encoder.encode(&[encoded_title(title)?]).pop()
}

pub fn run_cluster(inputs: &[String], json: bool) -> anyhow::Result<Status> {
    let annotator = Annotator::new();
    let mut clusterer = Clusterer::new();
    let encoder = super::sentence_encoder();
    let mut reporter = Reporter::new(json);
    for_each_record(inputs, &mut reporter, |r: ClusterRecord, rep| {
        let id = match &r.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let (title, text) = (r.title.unwrap_or_default(), r.text.unwrap_or_default());
        let doc = ClusterDoc {
            id,
            embedding: encoder.as_ref().and_then(|e| title_vector(e, &title)),
            entities: resolved_entities(&annotator, &title, clusterer.config().lead(&text)),
            title,
            text,
            published: r.published.as_deref().and_then(|d| d.parse::<PartialDate>().ok()?.to_naive()),
        };
        let cluster = clusterer.assign(&doc);
        rep.emit(&json!({"id": r.id, "cluster": cluster}))?;
        Ok(())
    })?;
    Ok(reporter.finish()?)
}
