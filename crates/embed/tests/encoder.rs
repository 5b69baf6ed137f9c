//! The encoder against reference vectors that Python sentence-transformers
//! produced for the same texts (`fixtures/minilm_reference.json`, texts of
//! our own writing), and its errors for missing or broken weights.
//!
//! Tests that need the weights say they are skipped when none are installed
//! (run `scripts/setup-embeddings`, or set CHRONICLE_MINILM).

use std::path::Path;

use chronicle_embed::{cosine, locate, EmbedError, SentenceEncoder, DIMENSIONS};

struct Reference {
    texts: Vec<String>,
    vectors: Vec<Vec<f32>>,
}

fn reference() -> Reference {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minilm_reference.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let texts = json["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
    let vectors = json["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap() as f32).collect())
        .collect();
    Reference { texts, vectors }
}

fn installed_encoder() -> Option<SentenceEncoder> {
    let Some(dir) = locate() else {
        println!("skipped: no embedding weights installed (scripts/setup-embeddings)");
        return None;
    };
    Some(SentenceEncoder::open(&dir).unwrap_or_else(|e| panic!("{e}")))
}

/// The Python vectors are not normalised by the reference script beyond
/// what the model's own Normalize module does; normalising here keeps the
/// comparison about direction.
fn unit(v: &[f32]) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.iter().map(|x| x / norm).collect()
}

#[test]
fn encode_agrees_with_sentence_transformers() {
    let Some(encoder) = installed_encoder() else { return };
    let reference = reference();
    let texts: Vec<&str> = reference.texts.iter().map(String::as_str).collect();
    let ours = encoder.encode(&texts);
    assert_eq!(ours.len(), texts.len());
    for (i, (mine, theirs)) in ours.iter().zip(&reference.vectors).enumerate() {
        assert_eq!(mine.len(), DIMENSIONS);
        let agreement = cosine(mine, &unit(theirs));
        println!("text {i}: cosine with the reference {agreement:.7}");
        assert!(agreement >= 0.999, "text {i}: cosine with the reference {agreement}");
    }
}

#[test]
fn similar_reports_are_nearer_than_unrelated_ones() {
    let Some(encoder) = installed_encoder() else { return };
    let reference = reference();
    let texts: Vec<&str> = reference.texts.iter().take(3).map(String::as_str).collect();
    let v = encoder.encode(&texts);
    let (storm_gale, storm_orchestra, gale_orchestra) =
        (cosine(&v[0], &v[1]), cosine(&v[0], &v[2]), cosine(&v[1], &v[2]));
    let r: Vec<Vec<f32>> = reference.vectors.iter().map(|x| unit(x)).collect();
    assert!(
        storm_gale > storm_orchestra && storm_gale > gale_orchestra,
        "{storm_gale} {storm_orchestra} {gale_orchestra}"
    );
    // The same ordering as the reference, pair by pair.
    assert_eq!(
        storm_orchestra > gale_orchestra,
        cosine(&r[0], &r[2]) > cosine(&r[1], &r[2]),
        "{storm_orchestra} {gale_orchestra}"
    );
}

#[test]
fn vectors_have_unit_length_and_keep_input_order() {
    let Some(encoder) = installed_encoder() else { return };
    let texts = ["A short one.", "", "A much longer text about the city council voting on the new budget for schools."];
    let together = encoder.encode(&texts);
    for (text, vector) in texts.iter().zip(&together) {
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "{text:?}: norm {norm}");
        let alone = &encoder.encode(&[text])[0];
        assert!(cosine(vector, alone) > 0.9999, "{text:?} differs when encoded alone");
    }
    assert!(encoder.encode(&[]).is_empty());
}

#[test]
fn encode_is_deterministic() {
    let Some(encoder) = installed_encoder() else { return };
    let texts = ["Ministers met in Lisbon on Tuesday.", "Floods closed the railway line."];
    assert_eq!(encoder.encode(&texts), encoder.encode(&texts));
}

#[test]
fn open_names_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-weights");
    let err = SentenceEncoder::open(&missing).err().expect("opening a missing directory must fail");
    assert!(matches!(err, EmbedError::MissingDirectory { .. }), "{err:?}");
    assert!(err.to_string().contains("no-such-weights"), "{err}");
}

#[test]
fn open_names_the_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.json"), "{}").unwrap();
    let err = SentenceEncoder::open(dir.path()).err().expect("a directory without weights must fail");
    // config.json is present but empty of fields: that is a bad file, named.
    assert!(err.to_string().contains("config.json"), "{err}");
    assert!(matches!(err, EmbedError::BadFile { .. }), "{err:?}");
    std::fs::remove_file(dir.path().join("config.json")).unwrap();
    let err = SentenceEncoder::open(dir.path()).err().unwrap();
    assert!(matches!(&err, EmbedError::MissingFile { file } if file.ends_with("config.json")), "{err:?}");
}

#[test]
fn open_names_a_broken_weights_file() {
    let Some(installed) = locate() else {
        println!("skipped: no embedding weights installed (scripts/setup-embeddings)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for name in ["config.json", "tokenizer.json"] {
        std::fs::copy(installed.join(name), dir.path().join(name)).unwrap();
    }
    let err = SentenceEncoder::open(dir.path()).err().unwrap();
    assert!(matches!(&err, EmbedError::MissingFile { file } if file.ends_with("model.safetensors")), "{err:?}");
    std::fs::write(dir.path().join("model.safetensors"), b"not a safetensors file").unwrap();
    let err = SentenceEncoder::open(dir.path()).err().unwrap();
    assert!(matches!(&err, EmbedError::BadFile { file, .. } if file.ends_with("model.safetensors")), "{err:?}");
    assert!(err.to_string().contains("model.safetensors"), "{err}");
}

/// Several batches run on separate threads: each text must still get its
/// own vector, in the order given, the same as when it is encoded alone.
#[test]
fn batches_run_side_by_side_keep_order_and_vectors() {
    let Some(encoder) = installed_encoder() else { return };
    let subjects = ["The harbour", "A council vote", "The storm", "Rail workers", "The orchestra", "Farmers"];
    let texts: Vec<String> = (0..100)
        .map(|i| {
            let subject = subjects[i % subjects.len()];
            let detail = "after a long night of talks ".repeat(i % 7);
            format!("{subject} closed on day {i} {detail}in the northern district.")
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let together = encoder.encode(&refs);
    assert_eq!(together.len(), texts.len());
    for (text, vector) in refs.iter().zip(&together) {
        let alone = &encoder.encode(&[text])[0];
        let agreement = cosine(vector, alone);
        assert!(agreement >= 0.99999, "{text:?}: cosine {agreement} with its vector encoded alone");
    }
}
