//! Arbitrary text through the publication-date parsers: ISO and written
//! dates, timestamps with zones, dates in running text and in URLs.
#![no_main]

use chronicle_extract::date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = date::parse_date(&text);
    let _ = date::date_in_url(&text);
    if let Some((at, _)) = date::text_date(&text) {
        assert!(text.is_char_boundary(at));
    }
    if let Some(stamp) = date::parse_stamp(&text) {
        let _ = date::same_moment_local(&stamp, &stamp);
    }
});
