//! Fetching documents over HTTP(S): feeds and article pages named by URL.
//!
//! The client is `ureq` (blocking, rustls). What is ours: the limits every
//! request keeps (timeouts, a size cap, a bounded number of redirects), the
//! conditional headers of a poll, and turning an answer into a
//! [`RawDocument`] through the same path as a file ([`RawDocument::from_raw`]),
//! with the charset the server declared kept as a hint for the extractor.

use crate::{RawDocument, MAX_DOCUMENT_BYTES};
use std::time::Duration;

/// Whether an input names a document on the web rather than a file.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The limits every request keeps.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// For connecting, and again for the whole exchange including the body:
    /// a server that trickles its answer is given up on.
    pub timeout: Duration,
    /// Bodies larger than this are refused (after decompression).
    pub max_bytes: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig { timeout: Duration::from_secs(30), max_bytes: MAX_DOCUMENT_BYTES, max_redirects: 5 }
    }
}

/// What a poll already knows of a resource, sent as `If-None-Match` and
/// `If-Modified-Since` so that an unchanged resource costs no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful answer.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// `304 Not Modified`: the copy already read still holds.
    NotModified,
    /// A body (status 2xx), as a document whose input is the URL, with the
    /// validators to send next time.
    Document { document: RawDocument, status: u16, validators: Validators },
}

/// Why a fetch failed, naming the URL; `retry_after` is the wait the
/// server asked for (`Retry-After` in seconds or as an HTTP date).
#[derive(Debug, Clone, PartialEq)]
pub struct FetchError {
    pub url: String,
    pub reason: String,
    pub status: Option<u16>,
    pub retry_after: Option<Duration>,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.url, self.reason)
    }
}

impl std::error::Error for FetchError {}

impl FetchError {
    pub fn new(url: &str, reason: impl ToString) -> Self {
        FetchError { url: url.to_string(), reason: reason.to_string(), status: None, retry_after: None }
    }
}

/// A blocking HTTP client with chronicle's limits; cheap to clone and
/// shareable between threads (connections are pooled).
#[derive(Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    max_bytes: u64,
}

/// Named so that site owners can tell who reads their feeds.
const USER_AGENT: &str = concat!("chronicle/", env!("CARGO_PKG_VERSION"), " (news chronicle; feed reader)");

impl Fetcher {
    pub fn new(config: &FetchConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_connect(Some(config.timeout))
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .user_agent(USER_AGENT)
            // Statuses are answers to read (304, Retry-After), not errors.
            .http_status_as_error(false)
            .build()
            .new_agent();
        Fetcher { agent, max_bytes: config.max_bytes }
    }

    /// GET `url`, conditionally when `known` holds validators.
    pub fn fetch(&self, url: &str, known: &Validators) -> Result<Fetched, FetchError> {
        let mut request = self.agent.get(url);
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| FetchError::new(url, describe(&e)))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Fetched::NotModified);
        }
        if !(200..300).contains(&status) {
            let reason = response.status().canonical_reason().unwrap_or("");
            return Err(FetchError {
                status: Some(status),
                retry_after: header(&response, "retry-after").and_then(|v| retry_after(&v)),
                ..FetchError::new(url, format!("HTTP {status} {reason}").trim_end())
            });
        }
        let validators =
            Validators { etag: header(&response, "etag"), last_modified: header(&response, "last-modified") };
        let charset = header(&response, "content-type").and_then(|t| charset(&t));
        let raw = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| FetchError::new(url, describe(&e)))?;
        let mut document = RawDocument::from_raw(url, raw).map_err(|e| FetchError::new(url, e.reason()))?;
        document.charset = charset;
        Ok(Fetched::Document { document, status, validators })
    }
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_string())
}

/// Failures in words a reader of the log understands.
fn describe(err: &ureq::Error) -> String {
    match err {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        ureq::Error::BodyExceedsLimit(limit) => format!("larger than {} MiB", limit / (1024 * 1024)),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        other => other.to_string(),
    }
}

/// The `charset` parameter of a `Content-Type` value.
fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        let value = value.trim().trim_matches('"');
        (name.trim().eq_ignore_ascii_case("charset") && !value.is_empty()).then(|| value.to_ascii_lowercase())
    })
}

/// A `Retry-After` value: delay seconds, or an HTTP date (a date in the
/// past asks for no wait).
fn retry_after(value: &str) -> Option<Duration> {
    if let Ok(seconds) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value.trim()).ok()?;
    Some(at.duration_since(std::time::SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://gazette.example/feed.xml") && is_url("HTTP://gazette.example/"));
        assert!(!is_url("http.txt") && !is_url("feeds/https.xml") && !is_url("-"));
    }

    #[test]
    fn charset_parameter_is_read_from_content_type() {
        assert_eq!(charset("text/html; charset=Windows-1251").as_deref(), Some("windows-1251"));
        assert_eq!(charset("text/html;charset=\"koi8-r\"").as_deref(), Some("koi8-r"));
        assert_eq!(charset("text/html"), None);
        assert_eq!(charset("text/html; charset="), None);
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        assert_eq!(retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO), "a past date asks no wait");
        let later = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(600));
        let wait = retry_after(&later).unwrap();
        assert!(wait > Duration::from_secs(500) && wait <= Duration::from_secs(600), "{wait:?}");
        assert_eq!(retry_after("soon"), None);
    }
}
