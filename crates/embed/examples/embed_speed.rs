//! Sentences per second of the encoder over event texts.
//!
//!   cargo run --release -p chronicle-embed --example embed_speed -- FILE [COUNT] [VECTORS_OUT]
//!
//! FILE holds JSON lines (optionally gzipped) with a "text" field, as the
//! portal event dumps do; the first COUNT texts (default 2000) are encoded
//! once to warm up on a few and then timed in full. The number of threads
//! is RAYON_NUM_THREADS (default: every core); candle's element-wise
//! operations stay on one thread as in the chronicle binary, unless
//! CANDLE_NUM_THREADS says otherwise. With VECTORS_OUT, the vectors
//! are written there as JSON lines, to compare with another implementation.

use std::io::{BufRead, BufReader, Read, Write};
use std::time::Instant;

use chronicle_embed::{keep_element_wise_ops_on_one_thread, locate, SentenceEncoder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // As the chronicle binary does; CANDLE_NUM_THREADS, if set, wins.
    keep_element_wise_ops_on_one_thread();
    let mut args = std::env::args().skip(1);
    let file = args.next().ok_or("usage: embed_speed FILE [COUNT] [VECTORS_OUT]")?;
    let count: usize = args.next().map(|c| c.parse()).transpose()?.unwrap_or(2000);
    let vectors_out = args.next();

    let texts = read_texts(&file, count)?;
    let dir = locate().ok_or("no embedding weights installed: run scripts/setup-embeddings")?;
    let encoder = SentenceEncoder::open(&dir)?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();

    encoder.encode(&refs[..refs.len().min(64)]);
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    let vectors = encoder.encode(&refs);
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all".into());
    println!(
        "{} texts in {seconds:.2} s: {:.1} sentences/s (threads: {threads})",
        texts.len(),
        texts.len() as f64 / seconds
    );
    if let Some(cpu) = cpu {
        println!(
            "CPU {cpu:.2} s (user and system, every thread): {:.2} ms per text",
            1000.0 * cpu / texts.len() as f64
        );
    }

    if let Some(out) = vectors_out {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&out)?);
        for vector in &vectors {
            writeln!(out, "{}", serde_json::to_string(vector)?)?;
        }
    }
    Ok(())
}

fn read_texts(file: &str, count: usize) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let raw = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
    let reader: Box<dyn Read> =
        if file.ends_with(".gz") { Box::new(flate2::read::GzDecoder::new(raw)) } else { Box::new(raw) };
    let mut texts = Vec::with_capacity(count);
    for line in BufReader::new(reader).lines().take(count) {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        texts.push(record["text"].as_str().ok_or_else(|| format!("{file}: a line without \"text\""))?.to_string());
    }
    Ok(texts)
}

/// User and system time of the whole process so far, from /proc (Linux);
/// none elsewhere. On a shared machine CPU time moves far less with the
/// load than wall time does.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}
