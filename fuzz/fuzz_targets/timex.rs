//! Arbitrary text through the time-expression annotator, with a document
//! date taken from the first two bytes (or none): spans must be ordered
//! and fall on character boundaries.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<2>() else { return };
    let days = u16::from_le_bytes(*head);
    // Day 0 stands for "no document date"; others fall in 1900–2079.
    let dct =
        (days != 0).then(|| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(u64::from(days % 65_000)));
    let text = String::from_utf8_lossy(rest);
    let mut last_end = 0;
    for timex in chronicle_timex::find(&text, dct) {
        assert!(timex.span.start < timex.span.end && timex.span.start >= last_end);
        assert!(text.is_char_boundary(timex.span.start) && text.is_char_boundary(timex.span.end));
        last_end = timex.span.end;
    }
});
