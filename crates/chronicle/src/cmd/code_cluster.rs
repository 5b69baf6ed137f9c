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

/// How many records `chronicle cluster` reads before encoding their titles
/// together: the encoder runs a batch's texts side by side, where one title
/// at a time left a core idle. The output keeps the input's order and lags
/// it by fewer records than this.
const TITLE_BATCH: usize = 64;

pub fn run_cluster(inputs: &[String], json: bool) -> anyhow::Result<Status> {
    let annotator = Annotator::new();
    let mut clusterer = Clusterer::new();
    let encoder = super::sentence_encoder();
    let mut reporter = Reporter::new(json);
    let mut pending: Vec<ClusterRecord> = Vec::with_capacity(TITLE_BATCH);
    let mut assign = |records: Vec<ClusterRecord>, rep: &mut Reporter| {
        assign_batch(records, encoder.as_ref(), &annotator, &mut clusterer, rep)
    };
    for_each_record(inputs, &mut reporter, |r: ClusterRecord, rep| {
        pending.push(r);
        if pending.len() == TITLE_BATCH {
            assign(std::mem::take(&mut pending), rep)?;
        }
        Ok(())
    })?;
    assign(pending, &mut reporter)?;
    Ok(reporter.finish()?)
}

/// Assign each record to its cluster, in order, and report it; the
/// records' titles are encoded together first.
fn assign_batch(
    records: Vec<ClusterRecord>,
    encoder: Option<&SentenceEncoder>,
    annotator: &Annotator,
    clusterer: &mut Clusterer,
    rep: &mut Reporter,
) -> anyhow::Result<()> {
    let titles: Vec<Option<&str>> = records.iter().map(|r| encoded_title(r.title.as_deref()?)).collect();
    let vectors = title_vectors(encoder, &titles);
    for (r, embedding) in records.into_iter().zip(vectors) {
        let id = match &r.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let (title, text) = (r.title.unwrap_or_default(), r.text.unwrap_or_default());
        let doc = ClusterDoc {
            id,
            embedding,
            entities: resolved_entities(annotator, &title, clusterer.config().lead(&text)),
            title,
            text,
            published: r.published.as_deref().and_then(|d| d.parse::<PartialDate>().ok()?.to_naive()),
        };
        let cluster = clusterer.assign(&doc);
        rep.emit(&json!({"id": r.id, "cluster": cluster}))?;
    }
    Ok(())
}

/// The sentence vector of each title, as ingest gives the clusterer, the
/// titles encoded in one call; none for a record without a title, or
/// without an encoder.
fn title_vectors(encoder: Option<&SentenceEncoder>, titles: &[Option<&str>]) -> Vec<Option<Vec<f32>>> {
    let Some(encoder) = encoder else { return vec![None; titles.len()] };
    let present: Vec<&str> = titles.iter().flatten().copied().collect();
    let mut vectors = encoder.encode(&present).into_iter();
    titles.iter().map(|t| t.and_then(|_| vectors.next())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The titles of a batch are encoded in one call; each vector must go
    /// back to its own record, past the records without a title.
    #[test]
    fn title_vectors_go_to_their_own_records_past_untitled_ones() {
        let titles = [Some("Floods reach the capital"), None, Some("A rocket test alarms neighbours"), None];
        assert_eq!(title_vectors(None, &titles), vec![None; 4], "no encoder, no vectors");
        let Some(dir) = chronicle_embed::locate() else {
            eprintln!("skipped the encoded half: no MiniLM weights installed (run scripts/setup-embeddings)");
            return;
        };
        let encoder = SentenceEncoder::open(&dir).expect("installed weights open");
        let alone = |t: &str| encoder.encode(&[t]).pop();
        let vectors = title_vectors(Some(&encoder), &titles);
        assert_eq!(vectors.len(), 4);
        assert_eq!((vectors[1].is_none(), vectors[3].is_none()), (true, true));
        for k in [0, 2] {
            let (batched, single) = (vectors[k].as_ref().unwrap(), alone(titles[k].unwrap()).unwrap());
            assert!(chronicle_embed::cosine(batched, &single) > 0.99999, "record {k} got another record's vector");
        }
    }
}
