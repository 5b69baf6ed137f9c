//! `cargo run --example extract_json -- FILES...`: one JSON line a file,
//! the shape of `chronicle extract --json`, for measuring this crate alone.

use std::io::Write;

fn main() {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in std::env::args().skip(1) {
        let line = match std::fs::read(&path) {
            Err(e) => serde_json::json!({"input": path, "error": e.to_string()}),
            Ok(bytes) => match chronicle_extract::extract(&path, &bytes) {
                Ok(a) => serde_json::json!({
                    "input": a.input, "url": a.url, "title": a.title,
                    "published": a.published.map(|d| d.to_string()), "authors": a.authors,
                    "site": a.site, "language": a.language, "text": a.text,
                }),
                Err(e) => serde_json::json!({"input": path, "error": e.to_string()}),
            },
        };
        writeln!(out, "{line}").ok();
    }
}
