//! The `chronicle` command line end to end, in a temporary folder: exit
//! codes, stdout and stderr, over the bundled sample (articles of our own
//! writing in `samples/`) and, when `../shared` is beside the project, over
//! the seed documents.

mod crash;
mod seeds;
mod serving;
mod web;

use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The chronicle binary with `args`, run in `dir`, deaf to a `CHRONICLE_DB`
/// of the environment that runs the tests.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_chronicle"));
    command.args(args).current_dir(dir).env_remove("CHRONICLE_DB");
    command
}

pub fn chronicle(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().expect("the chronicle binary runs")
}

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn samples() -> PathBuf {
    workspace().join("samples")
}

pub fn json_lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh store holding the bundled sample.
fn ingested_sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let articles = samples().join("articles");
    let events = samples().join("events.jsonl");
    let out = chronicle(dir.path(), &["ingest", articles.to_str().unwrap(), "--events", events.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    dir
}

pub fn events_of(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["events", "--json"];
    all.extend_from_slice(args);
    let out = chronicle(dir, &all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json_lines(&out)
}

#[test]
fn ingest_twice_changes_nothing() {
    let dir = ingested_sample();
    let before = events_of(dir.path(), &[]);
    let articles = samples().join("articles");
    let again = chronicle(dir.path(), &["ingest", articles.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(0));
    assert!(stderr(&again).contains("0 new, 3 duplicate, 0 failed"), "{}", stderr(&again));
    assert_eq!(events_of(dir.path(), &[]), before);
}

#[test]
fn events_are_json_lines_of_event_objects_newest_first() {
    let dir = ingested_sample();
    let all = events_of(dir.path(), &[]);
    assert!(all.len() >= 5, "{all:#?}");
    for event in &all {
        for key in ["id", "date", "date_precision", "summary", "type", "entities", "sources", "related"] {
            assert!(event.get(key).is_some(), "{key} missing in {event}");
        }
        // Every report of it, of which `sources` lists the first.
        let sources = event["sources"].as_array().unwrap().len() as u64;
        assert!(event["reports"].as_u64().is_some_and(|n| n >= sources.max(1)), "{event}");
    }
    let dates: Vec<&str> = all.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
}

#[test]
fn report_is_dated_by_its_weekday_and_keeps_its_source() {
    let dir = ingested_sample();
    // "agreed on Tuesday", in a report published on Wednesday 2019-09-18.
    let day = events_of(dir.path(), &["--from", "2019-09-17", "--to", "2019-09-17"]);
    assert_eq!(day.len(), 1, "{day:#?}");
    assert_eq!(day[0]["date_precision"], "day");
    let source = &day[0]["sources"][0];
    assert_eq!(source["site"], "Riverside Daily");
    assert_eq!(source["published"], "2019-09-18");
    assert!(source["sentences"][0].as_str().unwrap().contains("Tuesday"), "{source}");
}

#[test]
fn background_event_joins_the_curated_event_of_that_day() {
    let dir = ingested_sample();
    // The curated list and the 2008 article both tell of the sanctions of
    // 2007-11-13: one event, with both sources.
    let day = events_of(dir.path(), &["--from", "2007-11-13", "--to", "2007-11-13"]);
    assert_eq!(day.len(), 1, "{day:#?}");
    assert_eq!(day[0]["type"], "SANCTION");
    assert_eq!(day[0]["category"], "International relations", "the curated list's section is kept");
    let sites: Vec<&str> = day[0]["sources"].as_array().unwrap().iter().filter_map(|s| s["site"].as_str()).collect();
    assert!(sites.contains(&"Harbour Ledger"), "{sites:?}");
}

#[test]
fn entity_filter_and_timeline_agree() {
    let dir = ingested_sample();
    let belneftekhim = events_of(dir.path(), &["--entity", "Belneftekhim"]);
    assert!(belneftekhim.len() >= 2, "{belneftekhim:#?}");
    let out = chronicle(dir.path(), &["timeline", "--json", "--entity", "Belneftekhim"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let story = json_lines(&out);
    assert_eq!(story.len(), belneftekhim.len());
    let dates: Vec<&str> = story.iter().filter_map(|e| e["date"].as_str()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "a timeline reads oldest first");
}

#[test]
fn status_tracks_a_sanction_from_imposed_to_eased_with_its_evidence() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["status", "--json", "--entity", "Belneftekhim"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let boards = json_lines(&out);
    let board = boards.iter().find(|b| b["kind"] == "sanction" && b["subject"] == "Belneftekhim").expect("a board");
    assert_eq!(board["by"], "United States");
    assert_eq!((&board["status"], &board["since"]), (&Value::from("eased"), &Value::from("2016-10-26")));
    let first = &board["history"][0];
    assert_eq!((&first["date"], &first["status"]), (&Value::from("2007-11-13"), &Value::from("imposed")));
    assert!(first["evidence"]["sentence"].as_str().unwrap().contains("Belneftekhim"));
    let ids: Vec<Value> = events_of(dir.path(), &[]).into_iter().map(|e| e["id"].clone()).collect();
    assert!(ids.contains(&first["event"]), "each change names a stored event");
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>Sylvania expels two Freedonian diplomats</title><link>https://gazette.example/expelled</link>
<guid>expelled-1</guid><pubDate>Wed, 07 May 2031 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Sylvania expelled two Freedonian diplomats on Tuesday, accusing them of spying on the harbour works.&lt;/p&gt;</description></item>
<item><title>Port Kessel ferries resume</title><link>https://gazette.example/ferries</link>
<guid>ferries-2</guid><pubDate>Thu, 08 May 2031 07:00:00 GMT</pubDate>
<description>The ferry crews of Port Kessel returned to work after their union accepted a new pay offer.</description></item>
</channel></rss>"#;

#[test]
fn feed_entries_are_ingested_as_articles_once_each() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gazette.xml"), FEED).unwrap();
    std::fs::write(dir.path().join("cut.xml"), &FEED[..FEED.len() / 2]).unwrap();
    let out = chronicle(dir.path(), &["ingest", "gazette.xml", "cut.xml"]);
    assert_eq!(out.status.code(), Some(1), "the truncated feed fails, the other is ingested");
    let err = stderr(&out);
    assert!(err.contains("error: cut.xml: unreadable feed"), "{err}");
    assert!(err.contains("2 new"), "{err}");
    let expelled = events_of(dir.path(), &["--from", "2031-05-06", "--to", "2031-05-06"]);
    assert_eq!(expelled.len(), 1, "dated by its 'on Tuesday': {expelled:#?}");
    let source = &expelled[0]["sources"][0];
    assert_eq!(source["site"], "Harbour Gazette");
    assert_eq!(source["url"], "https://gazette.example/expelled");
    assert_eq!(source["input"], "gazette.xml#1");
    let again = chronicle(dir.path(), &["ingest", "gazette.xml"]);
    assert!(stderr(&again).contains("0 new, 2 duplicate"), "{}", stderr(&again));
    let extracted = json_lines(&chronicle(dir.path(), &["extract", "--json", "gazette.xml"]));
    let inputs: Vec<&str> = extracted.iter().filter_map(|a| a["input"].as_str()).collect();
    assert_eq!(inputs, ["gazette.xml#1", "gazette.xml#2"], "extract shows the entries ingest stores");
    assert_eq!(extracted[1]["title"], "Port Kessel ferries resume");
}

#[test]
fn an_article_dump_is_ingested_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let dump = concat!(
        r#"{"title": "Sylvania expels two diplomats", "text": "Sylvania expelled two Freedonian diplomats on Tuesday, accusing them of spying.", "published": "2031-05-07", "url": "https://gazette.example/expelled", "source": "Harbour Gazette"}"#,
        "\n",
        r#"{"title": "A record without its text"}"#,
        "\n",
    );
    std::fs::write(dir.path().join("dump.jsonl"), dump).unwrap();
    let out = chronicle(dir.path(), &["ingest", "dump.jsonl"]);
    assert_eq!(out.status.code(), Some(1), "one line fails, the other is stored");
    assert!(stderr(&out).contains("error: dump.jsonl:2: bad article record: no text"), "{}", stderr(&out));
    let expelled = events_of(dir.path(), &["--from", "2031-05-06", "--to", "2031-05-06"]);
    assert_eq!(expelled.len(), 1, "{expelled:#?}");
    assert_eq!(expelled[0]["sources"][0]["site"], "Harbour Gazette");
    assert_eq!(expelled[0]["sources"][0]["input"], "dump.jsonl:1");
    let again = chronicle(dir.path(), &["ingest", "dump.jsonl"]);
    assert!(stderr(&again).contains("0 new, 1 duplicate, 1 failed"), "{}", stderr(&again));
    let extracted = json_lines(&chronicle(dir.path(), &["extract", "--json", "dump.jsonl"]));
    assert_eq!(extracted[0]["input"], "dump.jsonl:1", "extract reads a dump as ingest does");
    assert_eq!(extracted[1]["input"], "dump.jsonl:2");
    assert!(extracted[1]["error"].as_str().unwrap().contains("no text"));
}

#[test]
fn a_failed_input_is_named_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.html"), [0u8, 159, 146, 150, 0, 0, 1, 2]).unwrap();
    let good = samples().join("articles/2019-09-18-envoys-return.md");
    let out = chronicle(dir.path(), &["ingest", "bad.html", "missing.txt", good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed: exit 1");
    let err = stderr(&out);
    assert!(err.contains("error: bad.html: "), "{err}");
    assert!(err.contains("error: missing.txt: "), "{err}");
    assert!(err.contains("1 new"), "{err}");
    assert!(!events_of(dir.path(), &[]).is_empty());
}

#[test]
fn export_writes_day_pages_and_event_pages_in_the_chronicle_layout() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["export", "--format", "markdown", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let day = dir.path().join("site/news/2007/11/13");
    assert!(day.join("index.md").is_file());
    let page = std::fs::read_dir(&day)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap() != "index.md")
        .expect("an event page beside the day page");
    let text = std::fs::read_to_string(page).unwrap();
    assert!(text.contains("](/news/2007/11/13"), "the date links to its day: {text}");
    assert!(text.contains("### Source:"), "{text}");
    assert!(text.contains("### Related:") && text.contains("_Context: "), "{text}");
}

/// The `href="…"` values of a page, entities decoded.
fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].replace("&amp;", "&")).collect()
}

/// A relative href as the file it names: percent-escapes decoded, any
/// fragment dropped, resolved against the folder of the linking page.
fn target_of(page: &Path, href: &str) -> PathBuf {
    let path = href.split('#').next().unwrap();
    let mut bytes = Vec::new();
    let mut rest = path.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    page.parent().unwrap().join(String::from_utf8(bytes).unwrap())
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    found
}

#[test]
fn html_export_day_page_links_to_an_event_page_that_exists() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["export", "--format", "html", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let day = dir.path().join("site/news/2007/11/13/index.html");
    let html = std::fs::read_to_string(&day).expect("a day page for 2007-11-13");
    assert!(html.contains("<time datetime=\"2007-11-13\">"), "{html}");
    let event = hrefs(&html).into_iter().find(|h| h.contains("event/")).expect("a link to an event");
    let page = target_of(&day, &event);
    let text = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{event} -> {}: {e}", page.display()));
    assert!(text.contains("Belneftekhim") && text.contains("<h3>Source:</h3>"), "{text}");
    assert!(dir.path().join("site/index.html").is_file() && dir.path().join("site/style.css").is_file());
}

#[test]
fn html_export_every_internal_link_points_to_a_file_that_exists() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["export", "--format", "html", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pages = html_files(&dir.path().join("site"));
    assert!(pages.iter().any(|p| p.to_string_lossy().contains("/entity/")), "entity pages are written");
    let mut checked = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        // A static site has no search route to send a form to.
        assert!(!html.contains("<form"), "{}", page.display());
        for href in hrefs(&html) {
            if href.starts_with("https://") || href.starts_with("http://") || href.starts_with('#') {
                continue;
            }
            assert!(!href.starts_with('/') && !href.contains('?'), "{}: {href} needs a server", page.display());
            let target = target_of(page, &href);
            assert!(target.is_file(), "{}: {href} -> {} is missing", page.display(), target.display());
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn html_export_writes_the_status_boards_with_their_history() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["export", "--format", "html", "--out", "site"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let status = std::fs::read_to_string(dir.path().join("site/status.html")).expect("status.html");
    assert!(status.contains("<h2>Sanctions</h2>") && status.contains("Belneftekhim"), "{status}");
    assert!(status.contains("<ol class=\"history\">") && status.contains("href=\"event/"), "{status}");
    let front = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(front.contains("<a href=\"status.html\">Status</a>"), "the footer leads to the boards");
    assert!(front.contains("Search and the JSON API need the live portal"), "{front}");
}

#[test]
fn check_passes_on_a_store_just_written() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("0 problems"), "{}", stderr(&out));
}

#[test]
fn reading_commands_without_a_store_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for args in [&["events"][..], &["timeline", "--entity", "Belarus"], &["check"], &["export", "--out", "x"]] {
        let out = chronicle(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("no store at chronicle.db"), "{args:?}: {}", stderr(&out));
    }
    assert!(!dir.path().join("chronicle.db").exists(), "reading never creates a store");
}

#[test]
fn bad_dates_and_formats_are_usage_errors() {
    let dir = ingested_sample();
    let out = chronicle(dir.path(), &["events", "--from", "last week"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--from"), "{}", stderr(&out));
    let out = chronicle(dir.path(), &["export", "--format", "pdf", "--out", "x"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Two reports of one launch sharing only a few words; one names the
/// country by its capital, which entity resolution maps to the country, and
/// that shared entity is what brings them together.
#[test]
fn cluster_meets_a_country_named_by_its_capital() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        (
            "bg0",
            "Harvest festival opens in the valley",
            "Farmers opened the harvest festival with a parade of tractors.",
        ),
        ("bg1", "Tram drivers walk out over pay", "Tram drivers walked out over pay, halting the network for a day."),
        ("bg2", "Storm floods the coast road", "Heavy rain flooded the coast road overnight and closed two bridges."),
        (
            "bg3",
            "Museum gets a stolen painting back",
            "The museum said police had returned a painting stolen last year.",
        ),
        (
            "a",
            "North Korea fires rocket over the sea",
            "North Korea fired a long-range rocket over the sea at dawn, its military announced.",
        ),
        (
            "b",
            "Pyongyang test alarms neighbours",
            "Pyongyang fired a rocket at dawn, prompting emergency meetings in neighbouring capitals; officials \
             condemned the long-range rocket test over the sea.",
        ),
    ];
    let lines: Vec<String> = records
        .iter()
        .map(|(id, title, text)| json!({"id": id, "title": title, "text": text, "published": "2020-06-01"}).to_string())
        .collect();
    std::fs::write(dir.path().join("articles.jsonl"), lines.join("\n")).unwrap();
    // Words and entities alone: the titles' sentence vectors are not what
    // this test is about.
    let out = without_weights(command(dir.path(), &["cluster", "--json", "articles.jsonl"]), dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let cluster: HashMap<String, Value> =
        json_lines(&out).into_iter().map(|r| (r["id"].as_str().unwrap().to_string(), r["cluster"].clone())).collect();
    assert_eq!(cluster.len(), records.len());
    assert_eq!(cluster["a"], cluster["b"], "Pyongyang resolves to North Korea: {cluster:?}");
    assert_ne!(cluster["a"], cluster["bg0"]);
}

/// `cluster` encodes titles a batch at a time: a stream longer than one
/// batch, with untitled records and a bad line among them, still reports
/// every record once, in the order read, and names the bad line.
#[test]
fn cluster_reports_a_long_stream_in_its_order_across_batches() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = (0..150)
        .map(|n| {
            let title = if n % 7 == 0 { Value::Null } else { json!(format!("Harbour report number {n}")) };
            json!({"id": format!("r{n}"), "title": title, "text": format!("Ships came in, day {n}."), "published": "2020-06-01"})
                .to_string()
        })
        .collect();
    lines.insert(70, "{not json".into());
    std::fs::write(dir.path().join("articles.jsonl"), lines.join("\n")).unwrap();
    let out = chronicle(dir.path(), &["cluster", "--json", "articles.jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = json_lines(&out);
    let ids: Vec<&str> = records.iter().filter_map(|r| r["id"].as_str()).collect();
    let expected: Vec<String> = (0..150).map(|n| format!("r{n}")).collect();
    assert_eq!(ids, expected);
    assert!(records.iter().filter(|r| r["id"].is_string()).all(|r| r["cluster"].is_number()), "{records:?}");
    assert!(
        records.iter().any(|r| r["input"].as_str().is_some_and(|i| i.ends_with("articles.jsonl:71"))),
        "{records:?}"
    );
}

/// Run `command` as on a machine with no sentence encoder installed: no
/// `$CHRONICLE_MINILM`, and a home and data directory (`dir`) without weights.
fn without_weights(mut command: std::process::Command, dir: &Path) -> Output {
    command.env_remove("CHRONICLE_MINILM").env("HOME", dir).env("XDG_DATA_HOME", dir.join("data"));
    command.output().unwrap()
}

/// Weights named by `$CHRONICLE_MINILM` but not there: `cluster` says so
/// once and clusters exactly as without an encoder.
#[test]
fn cluster_with_unreadable_weights_warns_and_clusters_as_without_them() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        ("a", "Dockworkers walk off the job in Port Kessel", "Dockworkers stopped work over unpaid overtime."),
        ("b", "Dock labourers stop work", "Freighters queued outside Kessel as the stoppage entered a second day."),
        ("c", "Shipbuilding museum opens in a restored warehouse", "The museum opened by the quay of Port Kessel."),
    ];
    let lines: Vec<String> = records
        .iter()
        .map(|(id, title, text)| json!({"id": id, "title": title, "text": text, "published": "2020-04-06"}).to_string())
        .collect();
    std::fs::write(dir.path().join("articles.jsonl"), lines.join("\n")).unwrap();
    let args = ["cluster", "--json", "articles.jsonl"];
    let absent = without_weights(command(dir.path(), &args), dir.path());
    let missing = dir.path().join("no-weights-here");
    let unreadable = command(dir.path(), &args).env("CHRONICLE_MINILM", &missing).output().unwrap();
    assert_eq!(absent.status.code(), Some(0), "{}", stderr(&absent));
    assert_eq!(unreadable.status.code(), Some(0), "{}", stderr(&unreadable));
    assert!(stderr(&absent).is_empty(), "no weights installed is no warning: {}", stderr(&absent));
    let warning = stderr(&unreadable);
    assert!(warning.contains("warning: clustering without sentence vectors"), "{warning}");
    assert!(warning.contains("no-weights-here"), "the warning names the directory: {warning}");
    assert_eq!(unreadable.stdout, absent.stdout);
    assert_eq!(json_lines(&absent).len(), records.len());
}

/// `code` finds actors through the entities alone (a capital stands for
/// its country), whether or not a record carries a date, and names a bad
/// record without stopping.
#[test]
fn code_types_sentences_and_names_their_actors_by_country() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id": "s1", "text": "The United States imposed new sanctions on Belarus on Tuesday.", "date": "2007-11-13"}"#,
        r#"{"id": 2, "text": "Minsk welcomed the decision of Washington to return its ambassador."}"#,
        r#"{"text": "A record without an id."}"#,
    ];
    std::fs::write(dir.path().join("sentences.jsonl"), lines.join("\n")).unwrap();
    let out = chronicle(dir.path(), &["code", "--json", "sentences.jsonl"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let coded = json_lines(&out);
    let codes =
        |v: &Value| v.as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!((coded[0]["id"].as_str(), coded[0]["type"].as_str()), (Some("s1"), Some("SANCTION")));
    assert_eq!(
        (codes(&coded[0]["source"]), codes(&coded[0]["target"])),
        (vec!["USA".to_string()], vec!["BLR".to_string()])
    );
    assert_eq!((coded[1]["id"].as_u64(), codes(&coded[1]["source"])), (Some(2), vec!["BLR".to_string()]));
    assert_eq!(codes(&coded[1]["target"]), ["USA"]);
    assert!(coded[2]["input"].as_str().is_some_and(|i| i.ends_with("sentences.jsonl:3")), "{:?}", coded[2]);
}

/// Weights named but not there: `ingest` warns, ranks related events by
/// the model without sentence vectors, says so, and succeeds.
#[test]
fn ingest_without_readable_weights_ranks_without_sentence_vectors_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let events = samples().join("events.jsonl");
    let out = command(dir.path(), &["ingest", "--events", events.to_str().unwrap()])
        .env("CHRONICLE_MINILM", dir.path().join("no-weights-here"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let warning =
        "warning: clustering without sentence vectors, and related events ranked without them: embedding weights:";
    assert!(err.contains(warning) && err.contains("no-weights-here"), "{err}");
    assert!(err.contains("related: ranked without sentence vectors (model/related.json"), "{err}");
}

/// `CHRONICLE_MINILM` set to the empty string turns the encoder off even
/// where weights are installed: no warning, the model without vectors.
/// The installed files here are empty, so an ingest that tried to read
/// them would warn.
#[test]
fn an_empty_chronicle_minilm_turns_the_encoder_off_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let installed = dir.path().join("data/chronicle/minilm");
    std::fs::create_dir_all(&installed).unwrap();
    for name in chronicle_embed::REQUIRED_FILES {
        std::fs::write(installed.join(name), "").unwrap();
    }
    let events = samples().join("events.jsonl");
    let out = command(dir.path(), &["ingest", "--events", events.to_str().unwrap()])
        .env("CHRONICLE_MINILM", "")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(err.contains("related: ranked without sentence vectors (model/related.json"), "{err}");
}

/// With the MiniLM weights installed, `ingest` encodes each event's
/// summary once and ranks related events by the model that reads them.
#[test]
fn ingest_with_the_weights_ranks_with_sentence_vectors_and_says_so() {
    if chronicle_embed::locate().is_none() {
        eprintln!("skipped: no MiniLM weights installed (run scripts/setup-embeddings)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let events = samples().join("events.jsonl");
    let out = chronicle(dir.path(), &["ingest", "--events", events.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("related: ranked with sentence vectors (model/related-meaning.json; 4 summaries"), "{err}");
    let again = chronicle(dir.path(), &["ingest", "--events", events.to_str().unwrap()]);
    assert!(!stderr(&again).contains("summaries encoded"), "nothing new, no relink: {}", stderr(&again));
}
