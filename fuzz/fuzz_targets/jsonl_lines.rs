//! Arbitrary bytes as JSON Lines: an article dump (every line an article
//! or a named error) and a curated event list (every line an event, a
//! blank, or an error).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for result in chronicle_ingest::dump::articles("dump.jsonl", data) {
        if let Err((input, reason)) = result {
            assert!(input.starts_with("dump.jsonl:") && !reason.is_empty());
        }
    }
    for line in String::from_utf8_lossy(data).split('\n') {
        let _ = chronicle_ingest::curated::parse_line(line);
    }
});
