//! Bytes to text: refuse binary data, then find the encoding from a byte
//! order mark, the charset the server sent (for fetched documents), a
//! `<meta charset>` / `http-equiv` declaration, valid UTF-8, or a
//! statistical guess (chardetng), in that order.

use crate::ExtractError;
use encoding_rs::Encoding;

/// Refuse data that is not text: NUL bytes or many control characters in
/// the first 64 KiB (UTF-16 with a BOM is text and passes).
pub fn check_binary(bytes: &[u8]) -> Result<(), ExtractError> {
    if Encoding::for_bom(bytes).is_some() {
        return Ok(());
    }
    let head = &bytes[..bytes.len().min(65536)];
    // A few stray NULs happen in real pages; many mean binary data.
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul * 200 > head.len() {
        return Err(ExtractError::Binary(format!("{nul} NUL bytes in the first {} bytes", head.len())));
    }
    let control = head.iter().filter(|&&b| b < 0x20 && !matches!(b, 0 | b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)).count();
    if control * 50 > head.len() {
        return Err(ExtractError::Binary(format!("{control} control bytes in the first {} bytes", head.len())));
    }
    Ok(())
}

/// Decode a document whose server named its charset (`Content-Type`): as
/// in browsers, that outranks what the page itself declares, and a label
/// no encoding answers to is ignored.
pub fn decode_hinted(bytes: &[u8], charset: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom_len..]).0.into_owned();
    }
    let sent = charset.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    if let Some(encoding) = sent.or_else(|| declared_encoding(bytes)) {
        // A page declaring a legacy charset is sometimes UTF-8 after all.
        if encoding != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() {
            return String::from_utf8_lossy(bytes).into_owned();
        }
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_string();
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(&bytes[..bytes.len().min(1 << 20)], true);
    let encoding = detector.guess(None, true);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset a page declares in its first 4 KiB of markup.
pub fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(pos) = rest.find("charset") {
        rest = &rest[pos + "charset".len()..];
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value.find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c))).unwrap_or(value.len());
        if let Some(enc) = Encoding::for_label(&value.as_bytes()[..end]) {
            // UTF-16 declared inside an ASCII-compatible page is a lie.
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(encoding_rs::UTF_8);
            }
            return Some(enc);
        }
    }
    None
}
