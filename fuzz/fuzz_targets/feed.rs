//! Arbitrary bytes as a feed: telling a feed from a page, parsing it, and
//! extracting every entry's fragment as ingest does.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = chronicle_ingest::feed::looks_like_feed(data);
    let Ok(entries) = chronicle_ingest::feed::entries("feed.xml", data) else { return };
    for entry in entries {
        if let Ok(mut article) = chronicle_extract::extract(&entry.document.input, &entry.document.bytes) {
            entry.meta.describe(&mut article);
        }
    }
});
