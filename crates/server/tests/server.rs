//! The portal and API over a small invented chronicle (Freedonia, Sylvania,
//! Marsovia), driven through the router without a network.

mod browser;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chronicle_model::{
    Actor, EntityLabel, EntityRef, Event, EventId, EventType, Evidence, Mention, MentionRole, PartialDate, Related,
    SourceRef, Span,
};
use chronicle_store::Store;
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tower::ServiceExt;

pub const TALKS: &str = "a1b2c3d4e5";
pub const THREAT: &str = "f0e1d2c3b4";
pub const GRAIN: &str = "0a0b0c0d0e";
pub const BANK: &str = "99887766aa";
pub const RAILWAY: &str = "5555aaaa00";

fn entity(name: &str, label: EntityLabel) -> EntityRef {
    EntityRef { name: name.into(), label }
}

fn country(name: &str) -> EntityRef {
    entity(name, EntityLabel::Location)
}

fn actor(name: &str, code: &str) -> Actor {
    Actor { text: name.into(), entity: Some(name.into()), code: Some(code.into()) }
}

fn gazette(doc: &str, title: &str) -> SourceRef {
    SourceRef {
        document: Some(doc.into()),
        input: Some(format!("feeds/{doc}.html")),
        url: Some(format!("https://gazette.example/{doc}")),
        title: Some(title.into()),
        site: Some("Harbour Gazette".into()),
        published: "2031-05-03".parse().ok(),
    }
}

fn related(id: &str, date: &str, summary: &str, context: &str) -> Related {
    Related {
        id: EventId(id.into()),
        date: date.parse().ok(),
        summary: summary.into(),
        context: context.into(),
        score: 1.0,
    }
}

fn event(id: &str, date: Option<&str>, kind: Option<EventType>, summary: &str, score: f32) -> Event {
    Event {
        id: EventId(id.into()),
        date: date.map(|d| d.parse::<PartialDate>().unwrap()),
        summary: summary.into(),
        event_type: kind,
        source_actors: vec![],
        target_actors: vec![],
        entities: vec![],
        score,
        sources: vec![],
        evidence: vec![],
        contexts: vec![],
        related: vec![],
        category: None,
    }
}

/// Five events: two on one day, one known only to the month, one undated.
pub fn chronicle() -> Vec<Event> {
    let mut talks = event(
        TALKS,
        Some("2031-05-02"),
        Some(EventType::Consult),
        "Freedonia and Sylvania hold border talks in Marsovia.",
        4.0,
    );
    talks.entities = vec![
        country("Freedonia"),
        country("Sylvania"),
        country("Marsovia"),
        entity("Rufus T. Firefly", EntityLabel::Person),
    ];
    talks.source_actors = vec![actor("Freedonia", "FRD")];
    talks.target_actors = vec![actor("Sylvania", "SYL")];
    talks.sources = vec![gazette("doc1", "Border talks open")];
    talks.evidence = vec![Evidence {
        document: "doc1".into(),
        sentence:
            "Envoys of Freedonia met their Sylvanian counterparts on Friday for the first border talks in a decade."
                .into(),
        span: Span::new(0, 20),
    }];
    talks.contexts = vec!["Freedonia–Sylvania border".into()];
    talks.related =
        vec![related(THREAT, "2031-04-20", "Sylvania threatens to close the Marsovia crossing.", "Sylvania")];

    let mut threat = event(
        THREAT,
        Some("2031-04-20"),
        Some(EventType::Threaten),
        "Sylvania threatens to close the Marsovia crossing.",
        -6.0,
    );
    threat.entities = vec![country("Sylvania"), country("Marsovia")];
    threat.sources = vec![gazette("doc2", "Crossing may shut")];
    threat.related =
        vec![related(TALKS, "2031-05-02", "Freedonia and Sylvania hold border talks in Marsovia.", "Marsovia")];

    let mut grain = event(
        GRAIN,
        Some("2031-04-20"),
        Some(EventType::Aid),
        "Freedonia sends grain to Marsovia's <flood> victims & families.",
        7.0,
    );
    grain.entities = vec![country("Freedonia"), country("Marsovia")];

    let mut bank = event(
        BANK,
        Some("2030-11"),
        Some(EventType::Sanction),
        "Freedonia sanctions the Sylvanian bank Trentino Trust.",
        -5.0,
    );
    bank.entities =
        vec![country("Freedonia"), country("Sylvania"), entity("Trentino Trust", EntityLabel::Organization)];

    let mut railway = event(RAILWAY, None, None, "Sylvania and Freedonia once shared a railway.", 2.0);
    railway.entities = vec![country("Sylvania"), country("Freedonia")];
    vec![talks, threat, grain, bank, railway]
}

/// A store holding `chronicle()`, in a temp dir kept alive by the caller.
pub fn store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("chronicle.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|w| {
            for event in chronicle() {
                w.put_event(&event)?;
            }
            Ok(())
        })
        .unwrap();
    (dir, db)
}

struct Reply {
    status: StatusCode,
    location: Option<String>,
    content_type: String,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        assert!(self.content_type.starts_with("application/json"), "{}", self.content_type);
        serde_json::from_str(&self.body).unwrap()
    }
}

async fn get(db: &Path, uri: &str) -> Reply {
    let request = Request::get(uri).body(Body::empty()).unwrap();
    let response = chronicle_server::router(db.to_path_buf()).oneshot(request).await.unwrap();
    let header = |name| response.headers().get(name).map(|v| v.to_str().unwrap().to_string());
    let (status, location, content_type) =
        (response.status(), header(header::LOCATION), header(header::CONTENT_TYPE).unwrap_or_default());
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply { status, location, content_type, body: String::from_utf8(bytes.to_vec()).unwrap() }
}

async fn ok(db: &Path, uri: &str) -> String {
    let reply = get(db, uri).await;
    assert_eq!(reply.status, StatusCode::OK, "{uri}: {}", reply.body);
    reply.body
}

async fn redirects(db: &Path, uri: &str, to: &str) {
    let reply = get(db, uri).await;
    assert_eq!(reply.status, StatusCode::PERMANENT_REDIRECT, "{uri}: {}", reply.body);
    assert_eq!(reply.location.as_deref(), Some(to), "{uri}");
}

async fn fails(db: &Path, uri: &str, status: StatusCode) -> Reply {
    let reply = get(db, uri).await;
    assert_eq!(reply.status, status, "{uri}: {}", reply.body);
    reply
}

#[tokio::test]
async fn front_page_lists_the_latest_days_grouped_by_type() {
    let (_dir, db) = store();
    let page = ok(&db, "/").await;
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("name=\"viewport\""));
    for date in ["2031-05-02", "2031-04-20", "2030-11"] {
        assert!(page.contains(&format!(">{date}</time>")), "{date}");
    }
    assert!(page.contains("<h3 class=\"muted\">THREATEN</h3>"));
    assert!(page.contains(&format!("href=\"/event/{TALKS}\"")));
    // Summaries are escaped, never markup.
    assert!(page.contains("Marsovia&#39;s &lt;flood&gt; victims &amp; families"));
    assert!(!page.contains("<flood>"));
}

#[tokio::test]
async fn day_page_links_to_the_days_before_and_after() {
    let (_dir, db) = store();
    let page = ok(&db, "/news/2031/04/20").await;
    assert!(page.contains(&format!("href=\"/event/{THREAT}\"")));
    assert!(page.contains(&format!("href=\"/event/{GRAIN}\"")));
    assert!(!page.contains(&format!("href=\"/event/{TALKS}\"")));
    assert!(page.contains("rel=\"prev\" href=\"/news/2030/11\""));
    assert!(page.contains("rel=\"next\" href=\"/news/2031/05/02\""));
    assert!(ok(&db, "/news/2030/11").await.contains(BANK));
    assert!(ok(&db, "/news/undated").await.contains(RAILWAY));
}

#[tokio::test]
async fn exported_paths_redirect_to_their_pages() {
    let (_dir, db) = store();
    redirects(&db, "/news/2031/04/20/index.md", "/news/2031/04/20").await;
    redirects(&db, "/news/2031/4/20", "/news/2031/04/20").await;
    redirects(&db, "/news/undated/index.md", "/news/undated").await;
    let threat = chronicle().into_iter().find(|e| e.id.0 == THREAT).unwrap();
    let exported = chronicle_publish::paths::event_page(&threat);
    redirects(&db, &exported, &format!("/event/{THREAT}")).await;
    // Imported chronicles link by slug alone.
    redirects(&db, "/news/2031/04/20/sylvania-threatens-to-close.md", &format!("/event/{THREAT}")).await;
}

#[tokio::test]
async fn unknown_dates_and_paths_are_helpful_404s() {
    let (_dir, db) = store();
    for uri in
        ["/news/2031/04/21", "/news/2031/13/01", "/news/abc", "/news/2031/04/20/nothing.md", "/news/2031/04/20/a/b"]
    {
        let reply = fails(&db, uri, StatusCode::NOT_FOUND).await;
        assert!(reply.content_type.starts_with("text/html"), "{uri}");
        assert!(reply.body.contains("href=\"/search\""), "{uri}");
    }
    let reply = fails(&db, "/news/2031/04/21", StatusCode::NOT_FOUND).await;
    assert!(reply.body.contains("nearest date with events"));
    let reply = fails(&db, "/no/such/page", StatusCode::NOT_FOUND).await;
    assert!(reply.body.contains("There is no page at /no/such/page."));
}

#[tokio::test]
async fn event_page_has_the_chronicle_layout() {
    let (_dir, db) = store();
    let page = ok(&db, &format!("/event/{TALKS}")).await;
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("missing {needle:?}"));
    // Date linked to its day, then the summary, then sources, then related.
    assert!(at("<a href=\"/news/2031/05/02\">") < at("<h1>Freedonia and Sylvania hold border talks"));
    assert!(at("<h1>") < at("<h3>Source:</h3>"));
    assert!(at("<h3>Source:</h3>") < at("<h3>Related:</h3>"));
    assert!(page.contains("<a href=\"https://gazette.example/doc1\" rel=\"nofollow noopener\">Harbour Gazette</a>"));
    assert!(page.contains("<blockquote>Envoys of Freedonia met their Sylvanian counterparts"));
    assert!(page.contains(&format!("<a href=\"/event/{THREAT}\">Sylvania threatens")));
    assert!(page.contains("Context: Sylvania"));
    assert!(page.contains("<a href=\"/entity/Rufus%20T.%20Firefly\">Rufus T. Firefly</a>"));
    assert!(page.contains(">CONSULT</a>"));
    assert!(page.contains("Source actors") && page.contains("FRD"));
}

#[tokio::test]
async fn unknown_event_is_a_404_page() {
    let (_dir, db) = store();
    let reply = fails(&db, "/event/deadbeef", StatusCode::NOT_FOUND).await;
    assert!(reply.body.contains("There is no event with id &quot;deadbeef&quot;"));
}

#[tokio::test]
async fn entity_page_charts_scores_and_lists_partners() {
    let (_dir, db) = store();
    // Names match whatever their case.
    let page = ok(&db, "/entity/freedonia").await;
    assert!(page.contains("<h1>Freedonia <span class=\"badge\">LOC</span></h1>"));
    let svg = &page[page.find("<svg").expect("an svg chart")..page.find("</svg>").unwrap()];
    assert!(svg.contains("<polyline class=\"line\" points=\""));
    assert_eq!(svg.matches("<circle").count(), 3, "the dated events of Freedonia but one month-dated: {svg}");
    assert!(svg.contains("1 undated not shown"));
    assert!(page.contains("href=\"/dyad/Freedonia/Sylvania\">3 shared events</a>"));
    // The timeline runs oldest first.
    assert!(page.find(BANK).unwrap() < page.find(GRAIN).unwrap());
    assert!(page.find(GRAIN).unwrap() < page.find(TALKS).unwrap());
    fails(&db, "/entity/Atlantis", StatusCode::NOT_FOUND).await;
}

/// An entity page once decoded every event of its entity, which took most
/// of a second for the largest; it now decodes only the events its
/// timeline lists and asks the store for the rest. The counts, chart and
/// partners must still cover every event.
#[tokio::test]
async fn entity_page_beyond_its_timeline_still_counts_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("chronicle.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|w| {
            for i in 0..520u32 {
                let date = format!("2030-{:02}-{:02}", 1 + i / 28 % 12, 1 + i % 28);
                let date = if i < 336 { date.replacen("2030", "2029", 1) } else { date };
                let mut e = event(&format!("{i:010x}"), Some(&date), None, &format!("Freedonia event {i}."), 1.0);
                e.entities = vec![country("Freedonia")];
                // Only the oldest events name Sylvania: none of them is listed.
                if i < 15 {
                    e.entities.push(country("Sylvania"));
                }
                w.put_event(&e)?;
            }
            Ok(())
        })
        .unwrap();
    let page = ok(&db, "/entity/Freedonia").await;
    assert!(page.contains("520 events, 2029-01-01 to 2030-07-16"), "{}", &page[..2000]);
    assert!(page.contains("<a rel=\"prev\" href=\"/entity/Freedonia?page=2\">← 420 earlier events</a>"));
    assert_eq!(page.matches("<li><a href=\"/news/").count(), 100);
    // The last page lists the 20 oldest, and leads back to later ones.
    let last = ok(&db, "/entity/freedonia?page=6").await;
    assert_eq!(last.matches("<li><a href=\"/news/").count(), 20);
    assert!(last.contains("Freedonia event 0.") && !last.contains("Freedonia event 20."));
    assert!(last.contains("<a rel=\"next\" href=\"/entity/Freedonia?page=5\">500 later events →</a>"));
    assert!(!last.contains("earlier events"));
    fails(&db, "/entity/Freedonia?page=7", StatusCode::NOT_FOUND).await;
    fails(&db, "/entity/Freedonia?page=0", StatusCode::BAD_REQUEST).await;
    assert!(page.contains("href=\"/dyad/Freedonia/Sylvania\">15 shared events</a>"));
    let svg = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
    assert!(svg.contains(">2029-01-01</text>") && svg.contains(">2030-07-16</text>"), "{svg}");
    assert_eq!(svg.matches("<circle").count(), 0, "too many events for dots");
    // The dyad still sees every event; the API counts them all and pages
    // its timeline as the page does.
    assert!(ok(&db, "/dyad/Freedonia/Sylvania").await.contains("15 events"));
    let api = get(&db, "/api/entity/freedonia").await.json();
    assert_eq!((api["events"].as_u64(), api["pages"].as_u64(), api["page"].as_u64()), (Some(520), Some(6), Some(1)));
    assert_eq!((api["first"].as_str(), api["last"].as_str()), (Some("2029-01-01"), Some("2030-07-16")));
    assert_eq!(api["timeline"].as_array().unwrap().len(), 100);
    let oldest = get(&db, "/api/entity/freedonia?page=6").await.json();
    let timeline = oldest["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 20);
    assert_eq!(timeline[0]["summary"], "Freedonia event 0.");
    fails(&db, "/api/entity/Freedonia?page=7", StatusCode::NOT_FOUND).await.json();
    fails(&db, "/api/entity/Freedonia?page=0", StatusCode::BAD_REQUEST).await.json();
}

/// Regression: a dyad page listed the latest 100 shared events and sent
/// the rest to a search by the first entity alone; older shared events
/// are now pages of the dyad, as an entity's are.
#[tokio::test]
async fn dyad_page_reaches_events_older_than_its_latest_hundred() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("chronicle.db");
    let mut store = Store::open(&db).unwrap();
    store
        .write(|w| {
            for i in 0..130u32 {
                let date = format!("2030-{:02}-{:02}", 1 + i / 28, 1 + i % 28);
                let mut e = event(&format!("{i:010x}"), Some(&date), None, &format!("Border event {i}."), 1.0);
                e.entities = vec![country("Freedonia"), country("Sylvania")];
                w.put_event(&e)?;
            }
            Ok(())
        })
        .unwrap();
    // The chart names every shared event; the timeline lists a page.
    let timeline = |page: &str| page[page.find("<h2>Timeline</h2>").unwrap()..].to_string();
    let page = ok(&db, "/dyad/Freedonia/Sylvania").await;
    assert!(page.contains("130 events"));
    let first = timeline(&page);
    assert_eq!(first.matches("<li><a href=\"/news/").count(), 100);
    assert!(first.contains("Border event 129.") && !first.contains("Border event 29."));
    assert!(first.contains("<a rel=\"prev\" href=\"/dyad/Freedonia/Sylvania?page=2\">← 30 earlier events</a>"));
    let second = timeline(&ok(&db, "/dyad/sylvania/freedonia?page=2").await);
    assert_eq!(second.matches("<li><a href=\"/news/").count(), 30);
    assert!(second.contains("Border event 0.") && second.contains("Border event 29."));
    assert!(!second.contains("Border event 30."));
    assert!(second.contains("<a rel=\"next\" href=\"/dyad/Sylvania/Freedonia\">100 later events →</a>"));
    fails(&db, "/dyad/Freedonia/Sylvania?page=3", StatusCode::NOT_FOUND).await;
    fails(&db, "/dyad/Freedonia/Sylvania?page=0", StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn dyad_page_lists_events_of_both_entities() {
    let (_dir, db) = store();
    let page = ok(&db, "/dyad/Freedonia/Sylvania").await;
    for id in [TALKS, BANK, RAILWAY] {
        assert!(page.contains(id), "{id}");
    }
    assert!(!page.contains(GRAIN));
    assert!(page.contains("<svg"));
    fails(&db, "/dyad/Freedonia/Atlantis", StatusCode::NOT_FOUND).await;
    fails(&db, "/dyad/Freedonia/freedonia", StatusCode::BAD_REQUEST).await;
    let apart = ok(&db, "/dyad/Trentino%20Trust/Marsovia").await;
    assert!(apart.contains("never appear in the same event"));
}

#[tokio::test]
async fn search_highlights_matches_and_filters() {
    let (_dir, db) = store();
    let page = ok(&db, "/search?q=talks").await;
    assert!(page.contains("border <mark>talks</mark> in Marsovia"));
    assert!(page.contains("<blockquote>Envoys of Freedonia met their Sylvanian counterparts on Friday for the first border <mark>talks</mark>"));
    assert!(page.contains("value=\"talks\""));
    let page = ok(&db, "/search?entity=Marsovia&from=2031-04&to=2031-04&type=").await;
    assert!(page.contains(THREAT) && page.contains(GRAIN) && !page.contains(TALKS));
    let page = ok(&db, "/search?type=aid").await;
    assert!(page.contains(GRAIN) && !page.contains(THREAT));
    assert!(page.contains("<option selected>AID</option>"));
    let empty = ok(&db, "/search").await;
    assert!(empty.contains("<form class=\"search\"") && !empty.contains("<h2"));
    assert!(ok(&db, "/search?q=zeppelin").await.contains("Nothing matches"));
}

#[tokio::test]
async fn search_pages_its_results_with_a_next_link() {
    let (_dir, db) = store();
    let first = ok(&db, "/search?q=freedonia&limit=2").await;
    assert!(first.contains("Events 1–2"), "{first}");
    assert_eq!(first.matches("<li><a href=\"/news/").count(), 2);
    assert!(
        first.contains("<a rel=\"next\" href=\"/search?q=freedonia&amp;limit=2&amp;page=2\">next →</a>"),
        "{first}"
    );
    let second = ok(&db, "/search?q=freedonia&limit=2&page=2").await;
    assert!(second.contains("Events 3–4") && second.contains("<ol class=\"results\" start=\"3\">"), "{second}");
    assert!(second.contains("rel=\"prev\" href=\"/search?q=freedonia&amp;limit=2\"") && !second.contains("next →"));
    // The pages hold every match once between them.
    let all = ok(&db, "/search?q=freedonia").await;
    assert!(all.contains("<h2 aria-live=\"polite\">4 events</h2>") && !all.contains("next →"), "{all}");
    fails(&db, "/search?q=freedonia&page=0", StatusCode::BAD_REQUEST).await;
}

#[tokio::test]
async fn bad_search_parameters_are_400s_that_say_why() {
    let (_dir, db) = store();
    for (uri, says) in [
        ("/search?from=notadate", "from: not an ISO date"),
        ("/search?to=2031-02-30", "to: not an ISO date"),
        ("/search?type=party", "type: unknown event type"),
        ("/search?from=2031&to=2030", "is after to"),
    ] {
        let reply = fails(&db, uri, StatusCode::BAD_REQUEST).await;
        assert!(reply.body.contains(says), "{uri}: {}", reply.body);
    }
}

#[tokio::test]
async fn api_events_filters_and_returns_event_objects() {
    let (_dir, db) = store();
    let all = get(&db, "/api/events").await.json();
    let ids: Vec<&str> = all["events"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    // Newest first, the later-stored first within a day, undated last.
    assert_eq!(ids, [TALKS, GRAIN, THREAT, BANK, RAILWAY]);
    let talks = &all["events"][0];
    assert_eq!(talks["date"], "2031-05-02");
    assert_eq!(talks["date_precision"], "day");
    assert_eq!(talks["type"], "CONSULT");
    assert_eq!(talks["related"][0]["context"], "Sylvania");
    assert_eq!(talks["sources"][0]["site"], "Harbour Gazette");

    let count = |v: Value| v["events"].as_array().unwrap().len();
    assert_eq!(count(get(&db, "/api/events?entity=sylvania&from=2031").await.json()), 2);
    assert_eq!(count(get(&db, "/api/events?q=grain").await.json()), 1);
    assert_eq!(count(get(&db, "/api/events?type=sanction&to=2030-12").await.json()), 1);
    assert_eq!(count(get(&db, "/api/events?limit=2").await.json()), 2);
}

#[tokio::test]
async fn api_bad_parameters_are_json_400s() {
    let (_dir, db) = store();
    for (uri, says) in [
        ("/api/events?limit=-1", "limit"),
        ("/api/events?limit=1000000", "limit"),
        ("/api/events?from=notadate", "from"),
        ("/api/events?type=nope", "type"),
    ] {
        let reply = fails(&db, uri, StatusCode::BAD_REQUEST).await;
        let error = reply.json()["error"].as_str().unwrap().to_string();
        assert!(error.starts_with(says), "{uri}: {error}");
    }
}

#[tokio::test]
async fn api_event_and_entity() {
    let (_dir, db) = store();
    let event = get(&db, &format!("/api/event/{THREAT}")).await.json();
    assert_eq!(event["summary"], "Sylvania threatens to close the Marsovia crossing.");
    assert_eq!(event["score"], -6.0);
    let missing = fails(&db, "/api/event/deadbeef", StatusCode::NOT_FOUND).await;
    assert!(missing.json()["error"].as_str().unwrap().contains("deadbeef"));

    let entity = get(&db, "/api/entity/SYLVANIA").await.json();
    assert_eq!(entity["name"], "Sylvania");
    assert_eq!(entity["label"], "LOC");
    assert_eq!(entity["events"], 4);
    assert_eq!(entity["first"], "2030-11");
    assert_eq!(entity["last"], "2031-05-02");
    assert_eq!(entity["partners"][0], serde_json::json!({"name": "Freedonia", "events": 3}));
    assert_eq!(entity["timeline"].as_array().unwrap().len(), 4);
    assert_eq!((entity["page"].as_u64(), entity["pages"].as_u64()), (Some(1), Some(1)));
    fails(&db, "/api/entity/Atlantis", StatusCode::NOT_FOUND).await.json();
    fails(&db, "/api/nothing/here", StatusCode::NOT_FOUND).await.json();
}

fn mention_from(document: &str) -> Mention {
    Mention {
        document: document.into(),
        role: MentionRole::Main,
        sentence: Span::new(0, 20),
        text: "Envoys of Freedonia met their Sylvanian counterparts.".into(),
        date: None,
        date_span: None,
        event_type: None,
        source_actors: vec![],
        target_actors: vec![],
        entities: vec![],
        score: 0.0,
        summary: "Freedonia and Sylvania hold border talks.".into(),
        contexts: vec![],
        category: None,
    }
}

/// The event page said how many reports an event has beyond the sources
/// it lists; its JSON did not. Both now count the documents of its mentions.
#[tokio::test]
async fn api_events_count_the_reports_beyond_the_listed_sources() {
    let (_dir, db) = store();
    let mut writer = Store::open(&db).unwrap();
    writer
        .write(|w| {
            ["doc1", "doc2", "doc3", "doc3"]
                .iter()
                .try_for_each(|d| w.add_mention(&EventId(TALKS.into()), &mention_from(d)))
        })
        .unwrap();
    let event = get(&db, &format!("/api/event/{TALKS}")).await.json();
    assert_eq!(event["sources"].as_array().unwrap().len(), 1);
    assert_eq!(event["reports"], 3, "three documents, one of them told twice");
    let listed = get(&db, "/api/events").await.json();
    assert_eq!((listed["events"][0]["id"].as_str(), listed["events"][0]["reports"].as_u64()), (Some(TALKS), Some(3)));
    // No document tells of the others: their listed sources are their reports.
    let bank = get(&db, &format!("/api/event/{BANK}")).await.json();
    assert_eq!(bank["reports"].as_u64(), Some(bank["sources"].as_array().unwrap().len() as u64));
}

#[tokio::test]
async fn openapi_document_describes_the_api() {
    let (_dir, db) = store();
    let doc = get(&db, "/api/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in ["/api/events", "/api/event/{id}", "/api/entity/{name}"] {
        assert!(doc["paths"][path]["get"]["responses"]["200"].is_object(), "{path}");
    }
    let params = doc["paths"]["/api/events"]["get"]["parameters"].as_array().unwrap();
    let names: Vec<&str> = params.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["q", "entity", "from", "to", "type", "limit"]);
}

#[tokio::test]
async fn odd_input_is_never_a_server_error() {
    let (_dir, db) = store();
    for uri in [
        "/event/%FF",
        "/entity/%00",
        "/entity/a%2Fb",
        "/news/9999/99/99",
        "/news/0000",
        "/news/2031/04/20/.md",
        "/search?q=%22%22%22*+OR+NEAR(",
        "/search?q=%FF%FE",
        "/api/events?q=)(&limit=99999999999999999999999",
        "/api/events?from=&to=&limit=",
        "/dyad/x",
        "/search?type=%00",
    ] {
        let reply = get(&db, uri).await;
        assert!(reply.status.is_client_error() || reply.status.is_success(), "{uri}: {}", reply.status);
    }
}

#[test]
fn readers_never_wait_for_the_writer() {
    let (_dir, db) = store();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let mut writer = Store::open(&db).unwrap();
    let late = event("7777777777", Some("2031-06-01"), None, "A late event.", 0.0);
    writer
        .write(|w| {
            w.put_event(&late)?;
            // The write transaction is open: a reader still answers, from
            // the last committed state.
            let start = std::time::Instant::now();
            let reply = runtime.block_on(get(&db, "/api/events"));
            assert_eq!(reply.status, StatusCode::OK);
            assert!(!reply.body.contains("7777777777"));
            assert!(start.elapsed() < std::time::Duration::from_secs(5));
            Ok(())
        })
        .unwrap();
    assert!(runtime.block_on(get(&db, "/api/events")).body.contains("7777777777"));
}

#[tokio::test]
async fn status_page_and_api_show_each_board_with_its_event() {
    let (_dir, db) = store();
    let page = ok(&db, "/status").await;
    assert!(page.contains("<h2>Sanctions</h2>"), "{page}");
    assert!(page.contains(&format!("href=\"/event/{BANK}\">imposed</a>")), "the change links to its event: {page}");
    assert!(page.contains("Trentino Trust."), "the evidence is quoted: {page}");
    let api = get(&db, "/api/status").await.json();
    let boards = api["boards"].as_array().unwrap();
    let sanction = boards.iter().find(|b| b["kind"] == "sanction").expect("a sanction board");
    assert_eq!(sanction["status"], "imposed");
    assert_eq!(sanction["since"], "2030-11");
    assert_eq!(sanction["history"][0]["event"], BANK);
    assert!(ok(&db, "/").await.contains("href=\"/status\""), "the footer leads to the boards");
    let sanctions = ok(&db, "/status?kind=sanction").await;
    assert!(sanctions.contains("<a href=\"/status?kind=sanction\" aria-current=\"page\">Sanctions</a>"));
    assert!(sanctions.contains("Trentino Trust"));
    assert!(!ok(&db, "/status?kind=detention").await.contains("Trentino Trust"));
    fails(&db, "/status?kind=party", StatusCode::BAD_REQUEST).await;
    fails(&db, "/status?page=2", StatusCode::NOT_FOUND).await;
}

/// Boards kept in the store are what the page shows once no event is
/// dirty; while one is, the page computes them from the events.
#[tokio::test]
async fn status_page_reads_the_boards_kept_by_the_last_relink() {
    let (_dir, db) = store();
    let mut writer = Store::open(&db).unwrap();
    let kept = chronicle_link::status::Board {
        subject: "Kept Subject".into(),
        kind: chronicle_link::status::StatusKind::Detention,
        by: None,
        history: vec![],
    };
    writer
        .write(|w| {
            w.set_status_boards(&[("detention".into(), kept.to_record())])?;
            w.mark_related_fresh()
        })
        .unwrap();
    let page = ok(&db, "/status").await;
    assert!(page.contains("Kept Subject") && !page.contains("Trentino Trust"), "{page}");
    writer.write(|w| w.put_event(&chronicle()[3])).unwrap();
    let page = ok(&db, "/status").await;
    assert!(!page.contains("Kept Subject") && page.contains("Trentino Trust"), "stale boards are not shown");
}
