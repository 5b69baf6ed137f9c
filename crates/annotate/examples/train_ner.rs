//! Train the NER model on CoNLL-2003 columns, scoring on a development
//! file after each epoch and saving the best averaged model.
//!
//! ```sh
//! cargo run --release -p chronicle-annotate --example train_ner -- \
//!     ../shared/data/ner/conll2003/eng.train ../shared/data/ner/conll2003/eng.testa \
//!     crates/annotate/model/ner.bin [EPOCHS]
//! ```

use chronicle_annotate::catalogue::Catalogue;
use chronicle_annotate::ner::clusters::Clusters;
use chronicle_annotate::ner::model::{Model, TAGS};
use chronicle_annotate::ner::train::{Example, Trainer};
use chronicle_annotate::ner::Tagger;
use std::error::Error;
use std::time::Instant;

/// Weights smaller than this are dropped from the saved model.
const MIN_WEIGHT: f32 = 0.0;

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (train_path, dev_path, out) = match args.as_slice() {
        [a, b, c, ..] => (a, b, c),
        _ => return Err("usage: train_ner TRAIN DEV OUT [EPOCHS]".into()),
    };
    let epochs: usize = args.get(3).map(|e| e.parse()).transpose()?.unwrap_or(12);
    let catalogue = Catalogue::embedded();
    let train = read_conll(train_path)?;
    let dev = read_conll(dev_path)?;
    let mut examples: Vec<Example> = Vec::new();
    let by_document = std::env::var_os("NER_BY_SENTENCE").is_none();
    for doc in &train {
        let shared = std::rc::Rc::new(doc.iter().map(|(toks, _)| toks.clone()).collect::<Vec<_>>());
        for (index, (toks, tags)) in doc.iter().enumerate() {
            let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
            let mut ex = Example::new(toks.clone(), tags, catalogue.gaz_codes(&refs));
            // Stories (by `-DOCSTART-` or datelines) are documents, as
            // `annotate` sees an article; `NER_BY_SENTENCE` learns without.
            if by_document {
                ex.doc = shared.clone();
                ex.index = index;
            } else {
                ex.doc = std::rc::Rc::new(vec![toks.clone()]);
            }
            examples.push(ex);
        }
    }
    // The embedded clusters unless `NER_CLUSTERS` names another file.
    let clusters = match std::env::var("NER_CLUSTERS") {
        Ok(path) => Clusters::from_tsv(&std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?),
        Err(_) => Clusters::embedded(),
    };
    let started = Instant::now();
    let mut trainer = Trainer::new(&examples, 1, &clusters);
    let mut order: Vec<usize> = (0..trainer.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut best: Option<(f64, Vec<u8>)> = None;
    for epoch in 1..=epochs {
        shuffle(&mut order, &mut seed);
        trainer.epoch(&order);
        let bytes = trainer.averaged().to_bytes(MIN_WEIGHT);
        let model = Model::from_bytes(&bytes)?;
        let tagger = Tagger::from_parts(model, clusters.clone());
        let f1 = evaluate(&tagger, &catalogue, &dev, true, false);
        let f1_sent = evaluate(&tagger, &catalogue, &dev, false, false);
        eprintln!(
            "epoch {epoch}: dev F1 {f1:.4} by document, {f1_sent:.4} by sentence ({:.0?} elapsed, {} bytes)",
            started.elapsed(),
            bytes.len()
        );
        // Chosen on the mode the model is used in.
        let score = if by_document { f1 } else { f1_sent };
        if best.as_ref().is_none_or(|(b, _)| score > *b) {
            best = Some((score, bytes));
        }
    }
    let (f1, bytes) = best.ok_or("no epochs")?;
    std::fs::write(out, &bytes)?;
    let model = Model::from_bytes(&bytes)?;
    eprintln!("saved {out}: {} bytes, {} features, dev F1 {f1:.4}", bytes.len(), model.num_features());
    let tagger = Tagger::from_parts(model, clusters.clone());
    eprintln!("by document:");
    evaluate(&tagger, &catalogue, &dev, true, true);
    eprintln!("by sentence:");
    evaluate(&tagger, &catalogue, &dev, false, true);
    Ok(())
}

type Sentence = (Vec<String>, Vec<String>);

/// Documents (split at `-DOCSTART-`) of sentences.
fn read_conll(path: &str) -> Result<Vec<Vec<Sentence>>, Box<dyn Error>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut out: Vec<Vec<Sentence>> = vec![Vec::new()];
    let (mut toks, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines().chain([""]) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !toks.is_empty() {
                if let Some(d) = out.last_mut() {
                    d.push((std::mem::take(&mut toks), std::mem::take(&mut tags)));
                }
            }
            if cols.first() == Some(&"-DOCSTART-") && out.last().is_some_and(|d| !d.is_empty()) {
                out.push(Vec::new());
            }
            continue;
        }
        toks.push(cols[0].to_string());
        tags.push(cols[cols.len() - 1].to_string());
    }
    // No `-DOCSTART-` marks: stories by their datelines.
    if out.len() == 1 {
        let all = out.pop().unwrap_or_default();
        let refs: Vec<Vec<&str>> = all.iter().map(|(t, _)| t.iter().map(String::as_str).collect()).collect();
        let ranges = chronicle_annotate::ner::split_documents(&refs);
        out = ranges.into_iter().map(|r| all[r].to_vec()).collect();
    }
    Ok(out)
}

fn shuffle(v: &mut [usize], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        v.swap(i, (*seed % (i as u64 + 1)) as usize);
    }
}

/// Entity chunks `(label, start, end)` of an IOB2 sequence.
fn chunks(tags: &[&str]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, t) in tags.iter().chain(["O"].iter()).enumerate() {
        let (bio, label) = t.split_once('-').unwrap_or((t, ""));
        let continues = bio == "I" && open.as_ref().is_some_and(|(l, _)| l == label);
        if !continues {
            if let Some((l, s)) = open.take() {
                out.push((l, s, i));
            }
            if bio == "B" || bio == "I" {
                open = Some((label.to_string(), i));
            }
        }
    }
    out
}

fn evaluate(tagger: &Tagger, catalogue: &Catalogue, dev: &[Vec<Sentence>], by_doc: bool, report: bool) -> f64 {
    let labels = ["PER", "ORG", "LOC", "MISC"];
    let mut counts = [[0usize; 3]; 4]; // tp, guessed, gold
    let started = Instant::now();
    let mut ntok = 0;
    let mut pairs = Vec::new();
    for doc in dev {
        let sents: Vec<Vec<&str>> = doc.iter().map(|(t, _)| t.iter().map(String::as_str).collect()).collect();
        let tagged = if by_doc {
            tagger.tag_document(&sents, catalogue)
        } else {
            sents.iter().map(|s| tagger.tag(s, catalogue)).collect()
        };
        ntok += sents.iter().map(Vec::len).sum::<usize>();
        pairs.extend(doc.iter().zip(tagged));
    }
    let secs = started.elapsed().as_secs_f64();
    // `NER_DUMP=FILE`: the final report also writes token, gold and guess.
    if let (true, Ok(path)) = (report, std::env::var("NER_DUMP")) {
        let mut text = String::new();
        for ((toks, gold), guess) in &pairs {
            for ((w, g), p) in toks.iter().zip(gold).zip(guess) {
                text.push_str(&format!("{w} {g} {}\n", TAGS[*p]));
            }
            text.push('\n');
        }
        let _ = std::fs::write(path, text);
    }
    for ((_, gold), guess) in pairs {
        let guess: Vec<&str> = guess.into_iter().map(|t| TAGS[t]).collect();
        let gold: Vec<&str> = gold.iter().map(String::as_str).collect();
        let (g, p) = (chunks(&gold), chunks(&guess));
        for (l, ..) in &g {
            counts[labels.iter().position(|x| x == l).unwrap_or(3)][2] += 1;
        }
        for c in &p {
            let k = labels.iter().position(|x| *x == c.0).unwrap_or(3);
            counts[k][1] += 1;
            if g.contains(c) {
                counts[k][0] += 1;
            }
        }
    }
    let f = |c: [usize; 3]| {
        let p = c[0] as f64 / c[1].max(1) as f64;
        let r = c[0] as f64 / c[2].max(1) as f64;
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    };
    let total = counts.iter().fold([0; 3], |a, c| [a[0] + c[0], a[1] + c[1], a[2] + c[2]]);
    if report {
        for (l, c) in labels.iter().zip(counts) {
            let (p, r, f1) = f(c);
            eprintln!("{l:5} P {p:.4} R {r:.4} F1 {f1:.4}");
        }
        let (p, r, f1) = f(total);
        eprintln!("ALL   P {p:.4} R {r:.4} F1 {f1:.4}; {:.0} tokens/s", ntok as f64 / secs);
    }
    f(total).2
}
