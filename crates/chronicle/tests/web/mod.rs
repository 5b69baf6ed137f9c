//! Fetching over HTTP: `chronicle ingest URL...` and `chronicle watch`
//! against a server of our own on the loopback address, including slow,
//! failing and malformed feeds. Timeouts are set short by flag so that
//! every test stays fast; no timing is asserted beyond generous bounds.

mod loopback;

use crate::{chronicle, events_of, json_lines, stderr};
use loopback::{Reply, Server};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const RSS: &str = "application/rss+xml";

/// An Atom feed whose entries carry their whole article.
fn atom(title: &str, reports: &[(&str, &str)]) -> String {
    let entries: String = reports
        .iter()
        .map(|(id, text)| {
            format!(
                "<entry><id>urn:test:{id}</id><title>Report {id}</title><updated>2031-03-03T08:00:00Z</updated>\
                 <link href=\"https://wire.example/{id}\"/><content type=\"html\">&lt;p&gt;{text}&lt;/p&gt;</content></entry>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{title}</title>\
         <id>urn:test:{title}</id><updated>2031-03-03T08:00:00Z</updated>{entries}</feed>"
    )
}

const REPORTS: &[(&str, &str)] = &[
    ("expulsion", "Freedonia expelled two diplomats of Sylvania on Monday, March 3, 2031, officials said."),
    ("treaty", "Marsovia signed a trade agreement with Ruritania on Monday, March 3, 2031, in the capital."),
];

/// The JSON objects of a run's stdout that have `key`.
fn objects_with(out: &std::process::Output, key: &str) -> Vec<serde_json::Value> {
    json_lines(out).into_iter().filter(|o| o.get(key).is_some()).collect()
}

#[test]
fn feed_with_etag_answers_not_modified_and_nothing_is_read_again() {
    let body = atom("Wire", REPORTS);
    let server = Server::start(move |r| match r.header("if-none-match") {
        Some("\"v1\"") => Reply::status(304).with("ETag", "\"v1\""),
        _ => Reply::ok("application/atom+xml", body.clone()).with("ETag", "\"v1\""),
    });
    let dir = tempfile::tempdir().unwrap();
    let feed = server.url("/feed.atom");
    let out = chronicle(dir.path(), &["watch", "--json", "--rounds", "2", "--interval", "0.2", &feed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let polls = objects_with(&out, "feed");
    assert_eq!(polls.len(), 2, "{polls:?}");
    assert_eq!((polls[0]["status"].as_str(), polls[0]["new"].as_u64()), (Some("read"), Some(2)));
    assert_eq!(polls[1]["status"], "not-modified");
    let requests = server.requests_for("/feed.atom");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""), "the stored ETag is sent back");
    assert!(requests[0].header("user-agent").is_some_and(|ua| ua.starts_with("chronicle/")));
    // Read again in full (no validators with ingest): every entry is known.
    let again = chronicle(dir.path(), &["ingest", "--json", &feed]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let summary = objects_with(&again, "duplicate").pop().unwrap();
    assert_eq!((summary["new"].as_u64(), summary["duplicate"].as_u64()), (Some(0), Some(2)), "{summary}");
}

/// `watch` keeps each feed's state between rounds rather than reading it
/// back: a feed named twice must still be one feed, polled once a round.
#[test]
fn a_feed_named_twice_is_polled_once_a_round() {
    let body = atom("Wire", &REPORTS[..1]);
    let server = Server::start(move |_| Reply::ok("application/atom+xml", body.clone()));
    let dir = tempfile::tempdir().unwrap();
    let feed = server.url("/twice.atom");
    let out = chronicle(dir.path(), &["watch", "--json", "--rounds", "2", "--interval", "0.2", &feed, &feed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(objects_with(&out, "feed").len(), 2);
    assert_eq!(server.requests_for("/twice.atom").len(), 2);
}

#[test]
fn last_modified_is_remembered_by_the_store_between_runs() {
    const STAMP: &str = "Mon, 03 Mar 2031 08:00:00 GMT";
    let body = atom("Gazette", &REPORTS[..1]);
    let server = Server::start(move |r| match r.header("if-modified-since") {
        Some(STAMP) => Reply::status(304),
        _ => Reply::ok("application/atom+xml", body.clone()).with("Last-Modified", STAMP),
    });
    let dir = tempfile::tempdir().unwrap();
    let feed = server.url("/gazette");
    for expected in ["read", "not-modified"] {
        let out = chronicle(dir.path(), &["watch", "--json", "--rounds", "1", "--interval", "0.2", &feed]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(objects_with(&out, "feed")[0]["status"], expected);
    }
    let requests = server.requests_for("/gazette");
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("if-modified-since"), Some(STAMP), "a new process sends the stored date");
}

#[test]
fn a_slow_feed_times_out_by_name_and_the_other_feed_is_read() {
    let good = atom("Wire", REPORTS);
    let server = Server::start(move |r| match r.path.as_str() {
        "/slow" => Reply::ok(RSS, good.clone()).after(Duration::from_secs(20)),
        _ => Reply::ok("application/atom+xml", good.clone()),
    });
    let dir = tempfile::tempdir().unwrap();
    let (slow, fast) = (server.url("/slow"), server.url("/fast"));
    let started = Instant::now();
    let out = chronicle(dir.path(), &["ingest", "--json", "--timeout", "0.5", &slow, &fast]);
    assert!(started.elapsed() < Duration::from_secs(15), "the timeout ends the wait");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("error: {slow}: timed out")), "{}", stderr(&out));
    let summary = objects_with(&out, "new").pop().unwrap();
    assert_eq!((summary["new"].as_u64(), summary["failed"].as_u64()), (Some(2), Some(1)), "{summary}");
}

#[test]
fn a_failing_feed_backs_off_honours_retry_after_and_recovers() {
    let body = atom("Wire", REPORTS);
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&calls);
    let server = Server::start(move |_| match counted.fetch_add(1, Ordering::SeqCst) {
        0 => Reply::status(500),
        1 => Reply::status(503).with("Retry-After", "1"),
        _ => Reply::ok("application/atom+xml", body.clone()),
    });
    let dir = tempfile::tempdir().unwrap();
    let feed = server.url("/feed");
    let out = chronicle(dir.path(), &["watch", "--json", "--rounds", "3", "--interval", "0.1", &feed]);
    assert_eq!(out.status.code(), Some(1), "failed polls are failures: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("error: {feed}: HTTP 500")), "{err}");
    assert!(err.contains(&format!("error: {feed}: HTTP 503")), "{err}");
    let polls = objects_with(&out, "feed");
    assert_eq!(
        (polls.last().unwrap()["status"].as_str(), polls.last().unwrap()["new"].as_u64()),
        (Some("read"), Some(2))
    );
    let at: Vec<Instant> = server.requests_for("/feed").iter().map(|r| r.at).collect();
    assert_eq!(at.len(), 3);
    assert!(at[1] - at[0] >= Duration::from_millis(200), "one failure waits twice the interval");
    assert!(at[2] - at[1] >= Duration::from_secs(1), "Retry-After outranks the shorter backoff");
}

#[test]
fn a_truncated_feed_is_a_named_failure_and_other_feeds_are_read() {
    let whole = atom("Wire", REPORTS);
    let cut = whole[..whole.len() / 2].to_string();
    let server = Server::start(move |r| match r.path.as_str() {
        "/cut" => Reply::ok(RSS, cut.clone()),
        "/missing" => Reply::status(404),
        _ => Reply::ok("application/atom+xml", whole.clone()),
    });
    let dir = tempfile::tempdir().unwrap();
    let (cut, missing, whole) = (server.url("/cut"), server.url("/missing"), server.url("/whole"));
    let out = chronicle(dir.path(), &["ingest", "--json", &cut, &missing, &whole]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(&format!("error: {cut}: unreadable feed")), "{err}");
    assert!(err.contains(&format!("error: {missing}: HTTP 404")), "{err}");
    let summary = objects_with(&out, "new").pop().unwrap();
    assert_eq!((summary["new"].as_u64(), summary["failed"].as_u64()), (Some(2), Some(2)), "{summary}");
    // Polled, the same truncated feed fails by name and the sound one is read.
    let out = chronicle(dir.path(), &["watch", "--json", "--rounds", "1", "--interval", "0.2", &cut, &whole]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("error: {cut}: unreadable feed")), "{}", stderr(&out));
    assert_eq!(objects_with(&out, "feed")[0]["feed"], whole.as_str());
}

#[test]
fn a_refused_connection_is_a_named_failure() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/feed", closed.local_addr().unwrap());
    drop(closed);
    let dir = tempfile::tempdir().unwrap();
    let out = chronicle(dir.path(), &["ingest", "--timeout", "2", &url]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains(&format!("error: {url}: ")), "{}", stderr(&out));
}

#[test]
fn an_article_url_is_an_article_with_its_url_and_its_servers_charset() {
    let mut page = b"<html><head><meta charset=\"utf-8\"><title>Caf".to_vec();
    page.push(0xE9); // Windows-1252, as the server says and the page does not
    page.extend_from_slice(
        b" talks</title></head><body><article><h1>Talks at the harbour caf\xe9</h1>\
          <p>Freedonia expelled two diplomats of Sylvania on Monday, March 3, 2031, officials said.</p>\
          <p>The talks were held in a harbour caf\xe9 of the capital.</p></article></body></html>",
    );
    let server = Server::start(move |_| Reply::ok("text/html; charset=windows-1252", page.clone()));
    let dir = tempfile::tempdir().unwrap();
    let url = server.url("/news/expulsion");
    let out = chronicle(dir.path(), &["ingest", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events = events_of(dir.path(), &[]);
    let source = events.iter().flat_map(|e| e["sources"].as_array().unwrap()).find(|s| s["url"] == url.as_str());
    let source = source.unwrap_or_else(|| panic!("no source with the URL: {events:?}"));
    assert_eq!(source["input"], url.as_str());
    assert_eq!(source["title"], "Talks at the harbour café", "decoded as the server said");
    // Named again, the stored article is not fetched again.
    let again = chronicle(dir.path(), &["ingest", &url]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(server.requests_for("/news/expulsion").len(), 1);
}

#[test]
fn feed_entries_with_summaries_are_read_from_their_linked_pages_once() {
    // The feed names its pages by absolute URL, known once the server runs.
    let address = Arc::new(std::sync::OnceLock::<String>::new());
    let base = Arc::clone(&address);
    let srv = Server::start(move |r| {
        let base = base.get().cloned().unwrap_or_default();
        match r.path.as_str() {
            "/rss" => Reply::ok(
                RSS,
                format!(
                    "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Gazette</title>\
                     <item><title>Diplomats expelled</title><link>{base}/a/1</link><description>Two diplomats leave.</description></item>\
                     <item><title>Trade agreement signed</title><link>{base}/a/2</link><description>A deal is signed.</description></item>\
                     </channel></rss>"
                ),
            ),
            "/a/1" => Reply::ok("text/html", format!("<html><body><article><p>{}</p></article></body></html>", REPORTS[0].1)),
            "/a/2" => Reply::ok("text/html", format!("<html><body><article><p>{}</p></article></body></html>", REPORTS[1].1)),
            _ => Reply::status(404),
        }
    });
    address.set(srv.url("")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let feed = srv.url("/rss");
    let out = chronicle(dir.path(), &["ingest", "--json", &feed]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!((srv.requests_for("/a/1").len(), srv.requests_for("/a/2").len()), (1, 1));
    let events = events_of(dir.path(), &[]);
    let expulsion =
        events.iter().find(|e| e["summary"].as_str().unwrap().contains("expel")).expect("the article's event");
    let source = &expulsion["sources"][0];
    assert_eq!(source["url"], srv.url("/a/1").as_str());
    assert_eq!(source["title"], "Diplomats expelled", "the feed's title for its entry");
    assert_eq!(source["site"], "Harbour Gazette");
    // Read again: the linked pages are stored under their URLs, not fetched.
    let again = chronicle(dir.path(), &["ingest", "--json", &feed]);
    let summary = objects_with(&again, "duplicate").pop().unwrap();
    assert_eq!((summary["new"].as_u64(), summary["duplicate"].as_u64()), (Some(0), Some(2)), "{summary}");
    assert_eq!((srv.requests_for("/a/1").len(), srv.requests_for("/a/2").len()), (1, 1));
}

#[test]
fn watch_prints_each_poll_as_it_ends_and_sigterm_stops_it_cleanly() {
    let body = atom("Wire", REPORTS);
    let server = Server::start(move |_| Reply::ok("application/atom+xml", body.clone()));
    let dir = tempfile::tempdir().unwrap();
    let feed = server.url("/feed");
    let mut watch = crate::command(dir.path(), &["watch", "--json", "--interval", "300", &feed])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The poll's line arrives while watch still runs (stdout was once held
    // back in a buffer until the end), and by then the poll is committed.
    let stdout = watch.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line);
        let _ = send.send(line);
    });
    let line = receive.recv_timeout(Duration::from_secs(60));
    let term = std::process::Command::new("kill").args(["-TERM", &watch.id().to_string()]).status().unwrap();
    assert!(term.success());
    let line = line.expect("the first poll is printed while watch runs");
    let poll: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!((poll["status"].as_str(), poll["new"].as_u64()), (Some("read"), Some(2)), "{line}");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = watch.try_wait().unwrap() {
            break status;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "watch did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0), "a clean stop, not death by the signal");
    assert_eq!(server.requests_for("/feed").len(), 1, "the sleep was cut short, not waited out");
    let check = chronicle(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}
