//! A stand-in for `chronicle code --json` and `chronicle cluster --json`, so
//! the evaluation tools can score this crate alone:
//! `cargo run --release -p chronicle-events --example events_cli -- code --json FILE`.

use chronicle_events::{code, ClusterDoc, Clusterer};
use chronicle_model::Annotation;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

fn actors(list: &[chronicle_model::Actor]) -> Value {
    list.iter().map(|a| json!({"text": a.text, "code": a.code})).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(cmd), Some(path)) = (args.get(1), args.last()) else {
        eprintln!("usage: events_cli code|cluster --json FILE");
        std::process::exit(2);
    };
    let file = std::fs::File::open(path).expect("input file");
    let out = std::io::stdout();
    let mut out = out.lock();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<f64>().ok());
    let mut config = chronicle_events::ClusterConfig::default();
    // CLUSTER_* variables override the tuning, for threshold sweeps.
    let set = |k: &str, field: &mut f32| {
        if let Some(v) = env(k) {
            *field = v as f32;
        }
    };
    set("CLUSTER_THRESHOLD", &mut config.threshold);
    set("CLUSTER_TITLE", &mut config.title_weight);
    set("CLUSTER_NAME", &mut config.name_weight);
    set("CLUSTER_FADE", &mut config.fade);
    set("CLUSTER_HALF_LIFE", &mut config.half_life_days);
    set("CLUSTER_ENTITY_SIGNAL", &mut config.entity_signal);
    set("CLUSTER_ENTITY_CAP", &mut config.entity_cap);
    set("CLUSTER_EMBEDDING_SIGNAL", &mut config.embedding_signal);
    set("CLUSTER_EMBEDDING_FLOOR", &mut config.embedding_floor);
    if let Some(w) = env("CLUSTER_WINDOW") {
        config.window_days = w as i64;
    }
    if let Some(l) = env("CLUSTER_LEAD") {
        config.lead_chars = l as usize;
    }
    if let Some(k) = env("CLUSTER_NEAREST") {
        config.nearest = k as usize;
    }
    if let Some(l) = env("CLUSTER_DOC_TERMS") {
        config.doc_terms = l as usize;
    }
    let mut clusterer = Clusterer::with_config(config);
    let encoder = chronicle_embed::locate().map(|dir| chronicle_embed::SentenceEncoder::open(&dir).expect("weights"));
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read");
        if line.trim().is_empty() {
            continue;
        }
        let rec: Value = serde_json::from_str(&line).expect("json");
        let id = rec["id"].clone();
        let text = rec["text"].as_str().unwrap_or("");
        let obj = if cmd == "code" {
            let c = code(text, &Annotation::default());
            json!({"id": id, "type": c.event_type.map(|t| t.as_str()), "source": actors(&c.source),
                   "target": actors(&c.target), "score": c.score})
        } else {
            let published = rec["published"].as_str().and_then(|s| s.get(..10)).and_then(|s| s.parse().ok());
            let doc = ClusterDoc {
                id: id.as_str().unwrap_or("").to_string(),
                title: rec["title"].as_str().unwrap_or("").to_string(),
                text: text.to_string(),
                published,
                // Resolved entities, when the records carry them (the
                // `chronicle` binary resolves them itself).
                entities: rec["entities"]
                    .as_array()
                    .map(|list| list.iter().filter_map(|e| e.as_str().map(String::from)).collect())
                    .unwrap_or_default(),
                // The title's sentence vector, as `chronicle cluster` gives
                // it, when the encoder's weights are installed.
                embedding: encoder.as_ref().and_then(|e| {
                    let title = rec["title"].as_str().unwrap_or("").trim();
                    (!title.is_empty()).then(|| e.encode(&[title]).pop()).flatten()
                }),
            };
            json!({"id": id, "cluster": clusterer.assign(&doc)})
        };
        writeln!(out, "{obj}").expect("write");
    }
}
