//! A page's raw bytes through the whole extraction path: binary check,
//! encoding detection and decoding, format detection, HTML parsing, main
//! text and metadata. The first byte picks the name the page arrives under,
//! so the extension-driven and content-sniffed paths are both exercised.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = ["page.html", "page", "note.txt", "note.md"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(article) = chronicle_extract::extract(name, bytes) {
        assert!(!article.text.trim().is_empty(), "an extracted article has text");
    }
});
