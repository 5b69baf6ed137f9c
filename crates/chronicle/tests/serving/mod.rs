//! Readers never wait for the writer: `chronicle serve` answers while
//! `chronicle ingest` writes into the same store, and every answer comes
//! from one consistent snapshot: the sources the events cite never go back
//! in number, the last answer cites what the store holds, and no event is
//! seen without the source whose document it came from.

use crate::crash::write_corpus;
use crate::{chronicle, command, stderr};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The serving process, ended when the test is done with it.
struct Serving(Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(dir: &Path, addr: &str) -> Serving {
    let child = command(dir, &["serve", "--addr", addr]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "serve did not listen on {addr}");
        std::thread::sleep(Duration::from_millis(50));
    }
    Serving(child)
}

/// GET over HTTP/1.0, so the answer is the plain body up to the close.
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// The sources the listed events cite now, each event checked to cite one.
fn cited_sources(addr: &str) -> usize {
    let (status, body) = get(addr, "/api/events?limit=1000");
    assert_eq!(status, 200, "{body}");
    let answer: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"));
    let events = answer["events"].as_array().unwrap();
    assert!(events.len() < 1000, "the API's limit would hide sources");
    let cited: Vec<usize> = events.iter().map(|e| e["sources"].as_array().unwrap().len()).collect();
    assert!(cited.iter().all(|&n| n > 0), "an event without its document: {body}");
    cited.iter().sum()
}

#[test]
fn serve_answers_from_consistent_snapshots_while_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    write_corpus(&dir.path().join("first"), 5);
    assert_eq!(chronicle(dir.path(), &["ingest", "first"]).status.code(), Some(0));
    write_corpus(&dir.path().join("corpus"), 200);
    let addr = {
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        free.local_addr().unwrap().to_string()
    };
    let _serving = serve(dir.path(), &addr);
    let before = cited_sources(&addr);
    let mut ingest =
        command(dir.path(), &["ingest", "corpus"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut counts = vec![before];
    let mut during = 0;
    while ingest.try_wait().unwrap().is_none() {
        counts.push(cited_sources(&addr));
        during += 1;
    }
    let done = ingest.wait_with_output().unwrap();
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    counts.push(cited_sources(&addr));
    eprintln!("sources cited, request by request: {counts:?}");
    assert!(during >= 2, "only {during} requests were answered during the ingest");
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "the count went back: {counts:?}");
    assert_eq!(counts[0], 5, "{counts:?}");
    assert_eq!(*counts.last().unwrap(), stored_citations(dir.path()), "the last answer is the store's: {counts:?}");
}

/// The sources the stored events cite, as `chronicle events --json` reads
/// them once ingest is done (an event lists its first reports, so this is
/// not simply the number of reports).
fn stored_citations(dir: &Path) -> usize {
    let out = chronicle(dir, &["events", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = String::from_utf8(out.stdout).unwrap();
    let events: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    events.iter().map(|e| e["sources"].as_array().unwrap().len()).sum()
}
