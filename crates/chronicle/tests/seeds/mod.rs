//! The seed documents of `../shared/seeds`, when they are beside the
//! project: the event page (`000_…`) and four articles on US–Belarus
//! relations become the dated, typed, linked events the product promises.

mod entities;

use crate::{chronicle, events_of, json_lines, stderr, workspace};
use serde_json::Value;
use std::path::PathBuf;

fn seeds() -> Option<PathBuf> {
    let dir = workspace().join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent (the seeds live in ../shared beside the project)", dir.display());
        None
    }
}

/// A store with the seeds ingested twice, from two paths (the second time
/// through a copy): the same story from two files is stored once.
fn ingested() -> Option<(tempfile::TempDir, Vec<Value>)> {
    let seeds = seeds()?;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
    }
    let out = chronicle(dir.path(), &["ingest", seeds.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = events_of(dir.path(), &[]);
    let out = chronicle(dir.path(), &["ingest", "copy"]);
    assert!(stderr(&out).contains("0 new, 5 duplicate"), "{}", stderr(&out));
    assert_eq!(events_of(dir.path(), &[]).len(), first.len(), "no event is created twice");
    Some((dir, first))
}

fn on<'a>(events: &'a [Value], date: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["date"] == date).collect()
}

fn says(event: &Value, words: &str) -> bool {
    event["summary"].as_str().unwrap_or_default().contains(words)
}

#[test]
fn seed_events_have_the_day_they_happened() {
    let Some((_dir, events)) = ingested() else { return };
    // 002, published 2019-09-18: Hale met Lukashenko "on Tuesday".
    let names = |e: &Value| e["entities"].as_array().unwrap().iter().map(|x| x["name"].to_string()).collect::<String>();
    let main = on(&events, "2019-09-17");
    assert!(
        main.iter().any(|e| ["CONSULT", "AGREE"].contains(&e["type"].as_str().unwrap_or(""))
            && names(e).contains("Belarus")
            && names(e).contains("United States")),
        "{main:#?}"
    );
    // 001, published 2008-03-11: "last November 13th" and "Thursday, March 6th".
    let sanctions = on(&events, "2007-11-13");
    assert!(sanctions.iter().all(|e| e["type"] == "SANCTION"), "{sanctions:#?}");
    assert_eq!(sanctions.len(), 1, "one measure told twice in one article is one event: {sanctions:#?}");
    assert!(!on(&events, "2008-03-06").is_empty());
    // 002's background: ambassadors withdrawn in 2008, sanctions eased in 2016.
    assert!(on(&events, "2008").iter().any(|e| says(e, "ambassador")));
    assert!(on(&events, "2016").iter().any(|e| says(e, "sanctions")));
    // Nothing reported in 2019 is dated on the publication day by mistake.
    assert!(on(&events, "2019-09-18").is_empty(), "{:#?}", on(&events, "2019-09-18"));
}

#[test]
fn undated_articles_get_no_invented_date() {
    let Some((_dir, events)) = ingested() else { return };
    let releases: Vec<&Value> =
        events.iter().filter(|e| says(e, "political prisoners") && e["date"].is_null()).collect();
    assert!(!releases.is_empty(), "003/004 tell of releases without a date");
    for event in releases {
        assert_eq!(event["date_precision"], "unknown");
        assert!(["RETREAT", "CONCEDE"].contains(&event["type"].as_str().unwrap_or("")), "{event:#}");
        assert_eq!(event["source_actors"][0]["code"], "BLR", "a concession by Belarus: {event:#}");
    }
}

#[test]
fn event_page_yields_its_event_sources_and_related_contexts() {
    let Some((dir, _)) = ingested() else { return };
    let offer = events_of(dir.path(), &["--from", "2007-04-25", "--to", "2007-04-25"]);
    let offer = offer.iter().find(|e| says(e, "normalize relations")).expect("the 2007 offer of normalisation");
    assert!(!offer["sources"].as_array().unwrap().is_empty());
    let related = offer["related"].as_array().unwrap();
    assert!(related.len() >= 5, "{related:#?}");
    assert!(related.iter().any(|r| r["context"] == "Belarus"), "{related:#?}");
    assert!(related.iter().all(|r| r["date"].is_string()), "related events keep their dates");
}

#[test]
fn seed_timeline_tells_the_us_belarus_story_in_order() {
    let Some((dir, _)) = ingested() else { return };
    let out = chronicle(dir.path(), &["timeline", "--json", "--entity", "Belarus", "--with", "United States"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let story = json_lines(&out);
    let dated: Vec<&str> = story.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(dated.len() >= 4, "{story:#?}");
    assert!(dated.windows(2).all(|w| w[0] <= w[1]));
    assert!(dated[0].starts_with("2007"), "the arc opens in 2007: {dated:?}");
}

fn board<'a>(boards: &'a [Value], kind: &str, subject: &str) -> &'a Value {
    boards
        .iter()
        .find(|b| b["kind"] == kind && b["subject"] == subject)
        .unwrap_or_else(|| panic!("no {kind} board for {subject}: {boards:#?}"))
}

fn changes(board: &Value) -> Vec<(String, String)> {
    let field = |c: &Value, k: &str| c[k].as_str().unwrap_or("undated").to_string();
    board["history"].as_array().unwrap().iter().map(|c| (field(c, "date"), field(c, "status"))).collect()
}

#[test]
fn seed_status_boards_follow_sanctions_detentions_and_ambassadors() {
    let Some((dir, _)) = ingested() else { return };
    let out = chronicle(dir.path(), &["status", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let boards = json_lines(&out);
    let belneftekhim = changes(board(&boards, "sanction", "Belneftekhim"));
    assert!(belneftekhim.contains(&("2007-11-13".into(), "imposed".into())), "{belneftekhim:?}");
    assert!(belneftekhim.contains(&("2008-03-06".into(), "clarified".into())), "{belneftekhim:?}");
    let ties = changes(board(&boards, "diplomatic", "Belarus–United States"));
    assert!(ties.contains(&("2008".into(), "withdrawn".into())), "{ties:?}");
    assert_eq!(ties.last(), Some(&("2019-09-17".into(), "restored".into())), "{ties:?}");
    let kazulin =
        boards.iter().find(|b| b["kind"] == "detention" && b["subject"].as_str().unwrap().contains("Kazulin"));
    assert_eq!(kazulin.map(|b| b["status"].as_str().unwrap()), Some("detained"), "{boards:#?}");
}
