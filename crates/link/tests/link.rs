//! Integration tests of chronicle-link: status boards over small invented
//! chronicles (Freedonia, Sylvania and their capitals).

use chronicle_link::status::{boards, Board, StatusKind};
use chronicle_link::{relate_all, relate_all_with, relate_changed, relate_changed_with, LinkConfig, Meanings};
use chronicle_model::{
    Actor, EntityLabel, EntityRef, Event, EventId, EventType, Evidence, PartialDate, SourceRef, Span,
};

/// The country table the tests bring: names and capitals of two countries.
fn country(name: &str) -> Option<&'static str> {
    match name {
        "Freedonia" | "Fredonia City" => Some("FRE"),
        "Sylvania" | "Sylvan" => Some("SYL"),
        _ => None,
    }
}

fn entity(name: &str) -> EntityRef {
    let label = if country(name).is_some() { EntityLabel::Location } else { EntityLabel::Person };
    EntityRef { name: name.into(), label }
}

fn event(id: &str, date: Option<&str>, kind: Option<EventType>, sentence: &str, entities: &[&str]) -> Event {
    Event {
        id: EventId(id.into()),
        date: date.map(|d| d.parse::<PartialDate>().unwrap()),
        summary: sentence.into(),
        event_type: kind,
        source_actors: vec![],
        target_actors: vec![],
        entities: entities.iter().map(|e| entity(e)).collect(),
        score: 0.0,
        sources: vec![SourceRef {
            document: Some(format!("doc-{id}")),
            input: None,
            url: None,
            title: None,
            site: Some("Harbour Gazette".into()),
            published: None,
        }],
        evidence: vec![Evidence { document: format!("doc-{id}"), sentence: sentence.into(), span: Span::new(0, 1) }],
        contexts: vec![],
        related: vec![],
        category: None,
    }
}

fn with_source(mut e: Event, name: &str) -> Event {
    e.source_actors = vec![Actor { text: name.into(), entity: Some(name.into()), code: country(name).map(Into::into) }];
    e
}

fn board<'a>(all: &'a [Board], kind: StatusKind, subject: &str) -> &'a Board {
    all.iter().find(|b| b.kind == kind && b.subject == subject).unwrap_or_else(|| panic!("no {subject}: {all:#?}"))
}

fn statuses(b: &Board) -> Vec<(Option<String>, &str)> {
    b.history.iter().map(|c| (c.date.map(|d| d.to_string()), c.status.as_str())).collect()
}

#[test]
fn sanction_is_imposed_clarified_and_eased_in_date_order() {
    let events = [
        with_source(
            event(
                "c",
                Some("2012-05"),
                None,
                "Freedonia eases its sanctions on Gravel Works.",
                &["Freedonia", "Gravel Works"],
            ),
            "Freedonia",
        ),
        with_source(
            event(
                "a",
                Some("2010-01-04"),
                Some(EventType::Sanction),
                "Freedonia imposes sanctions on the Sylvanian miner Gravel Works.",
                &["Freedonia", "Gravel Works"],
            ),
            "Freedonia",
        ),
        event(
            "b",
            Some("2010-02-11"),
            None,
            "The treasury published a clarification of the sanctions on Gravel Works.",
            &["Gravel Works"],
        ),
    ];
    let all = boards(&events, &country);
    let b = board(&all, StatusKind::Sanction, "Gravel Works");
    assert_eq!(b.by.as_deref(), Some("Freedonia"));
    let want = [
        (Some("2010-01-04".into()), "imposed"),
        (Some("2010-02-11".into()), "clarified"),
        (Some("2012-05".into()), "eased"),
    ];
    assert_eq!(statuses(b), want);
    assert_eq!(b.status(), "eased");
    assert_eq!(b.since(), Some(PartialDate::month(2012, 5)));
    assert_eq!(b.history[0].event, EventId("a".into()));
    assert_eq!(b.history[0].source.as_deref(), Some("Harbour Gazette"));
    assert!(b.history[0].sentence.contains("imposes sanctions"));
}

#[test]
fn clarification_does_not_replace_the_state() {
    let events = [
        with_source(
            event(
                "a",
                Some("2010-01-04"),
                Some(EventType::Sanction),
                "Freedonia imposes sanctions on Gravel Works.",
                &["Freedonia", "Gravel Works"],
            ),
            "Freedonia",
        ),
        event(
            "b",
            Some("2010-02-11"),
            None,
            "A clarification of the sanctions on Gravel Works followed.",
            &["Gravel Works"],
        ),
    ];
    let all = boards(&events, &country);
    let b = board(&all, StatusKind::Sanction, "Gravel Works");
    assert_eq!((b.status(), b.since()), ("imposed", Some(PartialDate::day(2010, 1, 4))));
}

#[test]
fn recalled_sanctions_do_not_reopen_a_board() {
    // A regression: "after Freedonia imposed sanctions" in a later event
    // read as a new imposition on that later day.
    let events = [event(
        "a",
        Some("2016-04-25"),
        Some(EventType::Agree),
        "Sylvania is ready to talk, years after Freedonia imposed sanctions on Gravel Works.",
        &["Sylvania", "Freedonia", "Gravel Works"],
    )];
    assert!(boards(&events, &country).iter().all(|b| b.kind != StatusKind::Sanction));
}

#[test]
fn demand_for_release_means_detained_until_released() {
    let events = [
        event(
            "a",
            Some("2008-03-05"),
            Some(EventType::Demand),
            "Freedonia urged Sylvania to release Ivo Marek.",
            &["Freedonia", "Sylvania", "Ivo Marek"],
        ),
        event(
            "b",
            Some("2008-08-16"),
            Some(EventType::Retreat),
            "Sylvania freed Ivo Marek after two years in jail.",
            &["Sylvania", "Ivo Marek"],
        ),
    ];
    let all = boards(&events, &country);
    let b = board(&all, StatusKind::Detention, "Ivo Marek");
    assert_eq!(
        statuses(b),
        [(Some("2008-03-05".into()), "detained"), (Some("2008-08-16".into()), "released")],
        "{all:#?}"
    );
}

#[test]
fn unnamed_prisoners_are_tracked_by_the_country_that_holds_them() {
    let events = [
        event(
            "a",
            None,
            Some(EventType::Retreat),
            "The government in Sylvan releases several political prisoners.",
            &["Sylvan"],
        ),
        event("b", Some("2001"), None, "Sylvania joins the Harbour League.", &["Sylvania", "Harbour League"]),
        event("c", Some("2002"), None, "Sylvania leaves the Harbour League.", &["Sylvania", "Harbour League"]),
    ];
    let all = boards(&events, &country);
    let b = board(&all, StatusKind::Detention, "political prisoners in Sylvania");
    assert_eq!((b.status(), b.since()), ("released", None), "undated stays undated");
}

#[test]
fn capital_and_country_are_one_party_of_a_dyad() {
    let events = [
        event(
            "a",
            Some("2008"),
            Some(EventType::Sanction),
            "Sylvania recalled its ambassador from Fredonia City.",
            &["Sylvania", "Fredonia City"],
        ),
        event(
            "b",
            Some("2019-09-17"),
            Some(EventType::Agree),
            "Freedonia and Sylvania agreed to exchange ambassadors again.",
            &["Freedonia", "Sylvania", "Freedonia"],
        ),
        event(
            "c",
            Some("2016-04-25"),
            Some(EventType::Consult),
            "Freedonia and Sylvania discussed the possible return of their ambassadors.",
            &["Freedonia", "Sylvania"],
        ),
    ];
    let all = boards(&events, &country);
    let diplomatic: Vec<&Board> = all.iter().filter(|b| b.kind == StatusKind::Diplomatic).collect();
    assert_eq!(diplomatic.len(), 1, "{diplomatic:#?}");
    assert_eq!(diplomatic[0].subject, "Freedonia–Sylvania");
    assert_eq!(statuses(diplomatic[0]), [(Some("2008".into()), "withdrawn"), (Some("2019-09-17".into()), "restored")]);
}

#[test]
fn sanctions_of_two_actors_on_one_country_are_two_boards() {
    let events = [
        with_source(
            event(
                "a",
                Some("2010"),
                Some(EventType::Sanction),
                "Freedonia imposes sanctions on Sylvania.",
                &["Freedonia", "Sylvania"],
            ),
            "Freedonia",
        ),
        with_source(
            event(
                "b",
                Some("2011"),
                Some(EventType::Sanction),
                "The Harbour League imposes sanctions on Sylvania.",
                &["Harbour League", "Sylvania"],
            ),
            "Harbour League",
        ),
    ];
    let all = boards(&events, &country);
    let on_sylvania: Vec<Option<&str>> = all
        .iter()
        .filter(|b| b.kind == StatusKind::Sanction && b.subject == "Sylvania")
        .map(|b| b.by.as_deref())
        .collect();
    assert_eq!(on_sylvania, [Some("Freedonia"), Some("Harbour League")]);
}

/// A regression: a large store read every event whole for its boards. It
/// now reads the events that hold a board word, and names countries by
/// counts over every event; the boards must come out the same.
#[test]
fn boards_among_the_worded_events_are_the_boards_of_all() {
    let mut events = vec![with_source(
        event(
            "a",
            Some("2010"),
            Some(EventType::Sanction),
            "Fredonia City imposes sanctions on Sylvania.",
            &["Fredonia City", "Sylvania"],
        ),
        "Fredonia City",
    )];
    for (i, day) in ["2010-03-01", "2010-03-02", "2010-03-03"].into_iter().enumerate() {
        let text = "Freedonia opens a new harbour on its northern coast.";
        events.push(event(&format!("h{i}"), Some(day), None, text, &["Freedonia"]));
    }
    let words = chronicle_link::status::board_words();
    let holds_a_board_word = |e: &Event| {
        let text = e.summary.to_lowercase();
        let mut tokens = text.split(|c: char| !c.is_alphanumeric());
        tokens.any(|t| words.iter().any(|&(w, prefix)| if prefix { t.starts_with(w) } else { t == w }))
    };
    let worded: Vec<Event> = events.iter().filter(|e| holds_a_board_word(e)).cloned().collect();
    assert_eq!(worded.len(), 1, "only the sanction holds a board word");
    let counts: Vec<(&str, usize)> = events.iter().flat_map(|e| &e.entities).map(|e| (e.name.as_str(), 1)).collect();
    let among = chronicle_link::status::boards_among(&worded, &country, &counts);
    let all = boards(&events, &country);
    assert_eq!(among, all);
    assert_eq!(all[0].by.as_deref(), Some("Freedonia"), "the name most events use: {all:#?}");
}

#[test]
fn same_section_ranks_first_among_equally_linked_events() {
    let filed = |id: &str, date: &str, text: &str, category: &str| {
        let mut e = event(id, Some(date), None, text, &["Sylvania"]);
        e.category = Some(category.into());
        e
    };
    let events = [
        filed("quake", "2020-03-01", "An earthquake strikes northern Sylvania.", "Disasters and accidents"),
        filed("vote", "2020-03-02", "Sylvania holds a vote on its new constitution.", "Politics and elections"),
        filed("aftershock", "2020-03-02", "A strong aftershock hits Sylvania again.", "Disasters and accidents"),
    ];
    let related = relate_all(&events, &LinkConfig::default());
    let first = &related[0][0];
    assert_eq!(first.id, EventId("aftershock".into()), "{related:#?}");
    assert_eq!(first.context, "Sylvania");
}

#[test]
fn events_sharing_only_rare_words_are_related_and_named_by_a_word() {
    let events = [
        event("a", Some("2020-03-01"), None, "A volcano erupts, spreading ash over three valleys.", &[]),
        event("b", Some("2020-03-03"), None, "Ash from the volcano grounds flights for a second day.", &[]),
        event("c", Some("2020-03-02"), None, "Parliament passes the budget after a long debate.", &[]),
        event("d", Some("2020-03-02"), None, "The budget debate in parliament runs into the night.", &[]),
    ];
    let related = relate_all(&events, &LinkConfig::default());
    let first = &related[0][0];
    assert_eq!(first.id, EventId("b".into()), "{related:#?}");
    assert!(["volcano", "ash"].contains(&first.context.as_str()), "{first:?}");
}

#[test]
fn an_entity_names_the_link_before_a_rarer_shared_word() {
    let events = [
        event("a", Some("2020-03-01"), None, "Sylvania reports a volcano erupting.", &["Sylvania"]),
        event("b", Some("2020-03-02"), None, "The volcano in Sylvania erupts again.", &["Sylvania"]),
        event("c", Some("2020-03-02"), None, "Freedonia and Sylvania meet.", &["Sylvania", "Freedonia"]),
    ];
    // The naming is the first pass's; the learned order of a set of three
    // events says little, so the first pass's order is checked here.
    let first_pass = LinkConfig { candidates: 0, ..LinkConfig::default() };
    let related = relate_all(&events, &first_pass);
    assert_eq!(related[0][0].id, EventId("b".into()), "{related:#?}");
    assert_eq!(related[0][0].context, "Sylvania");
    let reranked = relate_all(&events, &LinkConfig::default());
    assert!(reranked[0].iter().all(|r| r.context == "Sylvania"), "{reranked:#?}");
}

/// Events of one story reported over a few days, and the same names in
/// the news a year later: the re-ranked list keeps the story's own days
/// first, and its scores are probabilities.
#[test]
fn reranked_lists_keep_a_story_together_and_score_probabilities() {
    let mut events = Vec::new();
    for (n, day) in ["2020-03-01", "2020-03-02", "2020-03-03", "2020-03-04"].iter().enumerate() {
        let text = format!("Floods in Sylvania: rivers burst their banks near Sylvan, report {n}.");
        events.push(event(&format!("flood{n}"), Some(day), None, &text, &["Sylvania", "Sylvan"]));
    }
    for (n, day) in ["2021-05-01", "2021-05-20", "2021-06-11"].iter().enumerate() {
        let text = format!("Floods in Sylvania: rivers burst their banks near Sylvan, report {n}.");
        events.push(event(&format!("later{n}"), Some(day), None, &text, &["Sylvania", "Sylvan"]));
    }
    for (n, day) in ["2020-03-02", "2020-07-09", "2020-11-30"].iter().enumerate() {
        let text = format!("Freedonia opens a new school, number {n}.");
        events.push(event(&format!("school{n}"), Some(day), None, &text, &["Freedonia"]));
    }
    let related = relate_all(&events, &LinkConfig::default());
    let first: Vec<&str> = related[0].iter().take(3).map(|r| r.id.0.as_str()).collect();
    assert_eq!(first, ["flood1", "flood2", "flood3"], "{related:#?}");
    assert!(related[0].iter().all(|r| (0.0..=1.0).contains(&r.score)), "{related:#?}");
    assert!(related[0].iter().all(|r| !r.id.0.starts_with("school")), "{related:#?}");
}

/// When a changed event's neighbourhood is the whole set, the communities
/// `relate_changed` finds around it are those of the whole set, and so is
/// its list.
#[test]
fn a_changed_event_is_ranked_as_relate_all_ranks_it() {
    let mut events = Vec::new();
    for (n, day) in ["2020-03-01", "2020-03-02", "2020-03-03", "2020-03-09"].iter().enumerate() {
        let text = format!("Floods in Sylvania: rivers burst their banks near Sylvan, report {n}.");
        events.push(event(&format!("flood{n}"), Some(day), None, &text, &["Sylvania", "Sylvan"]));
    }
    events.push(event("school", Some("2020-03-02"), None, "Sylvania opens a new school.", &["Sylvania"]));
    let config = LinkConfig::default();
    let all = relate_all(&events, &config);
    let changed = relate_changed(&events, &[0], &config);
    assert_eq!(changed.lists.len(), 1);
    let (at, list) = &changed.lists[0];
    assert_eq!(*at, 0);
    let ids = |l: &[chronicle_model::Related]| l.iter().map(|r| (r.id.0.clone(), r.score)).collect::<Vec<_>>();
    assert_eq!(ids(list), ids(&all[0]));
}

/// Unit vectors standing for summaries' meanings: `k` of `n` axes.
fn axis(k: usize, n: usize) -> Option<Vec<f32>> {
    Some((0..n).map(|d| if d == k { 1.0 } else { 0.0 }).collect())
}

/// Two candidates that share the same names with an event, on the same
/// days: the one whose summary means what the event's does ranks first
/// when the sentence vectors are read, whichever the first pass put first.
#[test]
fn the_candidate_alike_in_meaning_ranks_first_when_vectors_are_read() {
    let events = [
        event("battle", Some("2020-03-01"), None, "Sylvania: fighting near the Sylvan bridge.", &["Sylvania"]),
        event("ballot", Some("2020-03-02"), None, "Sylvania: voting near the Sylvan bridge.", &["Sylvania"]),
        event("shelling", Some("2020-03-02"), None, "Sylvania: shelling near the Sylvan bridge.", &["Sylvania"]),
    ];
    let config = LinkConfig::default();
    let without = relate_all(&events, &config);
    for alike in [1, 2] {
        let vectors: Vec<Option<Vec<f32>>> = (0..3).map(|k| axis(if k == alike { 0 } else { k }, 3)).collect();
        let with = relate_all_with(&events, &config, Some(&vectors as &(dyn Meanings + Sync)));
        assert_eq!(with[0][0].id, events[alike].id, "without vectors: {without:#?}\nwith: {with:#?}");
    }
}

/// Asked events, recorded: what linking a changed event reads.
struct Recorded<'v> {
    vectors: &'v Vec<Option<Vec<f32>>>,
    asked: std::cell::RefCell<Vec<usize>>,
}

impl Meanings for Recorded<'_> {
    fn vectors(&self, events: &[usize]) -> Vec<Option<Vec<f32>>> {
        self.asked.borrow_mut().extend_from_slice(events);
        self.vectors.vectors(events)
    }
}

/// Linking one changed event into a large set asks for the vectors of the
/// event and its candidates, not of the whole set: the store reads them.
#[test]
fn a_changed_event_asks_for_the_vectors_of_its_candidates_only() {
    let mut events = Vec::new();
    for n in 0..400 {
        let day = format!("2020-{:02}-{:02}", n / 28 % 12 + 1, n % 28 + 1);
        events.push(event(&format!("e{n}"), Some(&day), None, &format!("Sylvania report {n}."), &["Sylvania"]));
    }
    let vectors: Vec<Option<Vec<f32>>> = (0..events.len()).map(|k| axis(k % 7, 7)).collect();
    for by_meaning in [0, 5] {
        let recorded = Recorded { vectors: &vectors, asked: Default::default() };
        let config = LinkConfig { by_meaning, meaning_window: 60, ..LinkConfig::default() };
        let changes = relate_changed_with(&events, &[5], &config, Some(&recorded));
        assert_eq!(changes.lists.len(), 1);
        let asked = recorded.asked.into_inner();
        // The event and its candidates, and when drawing by meaning the
        // event and the window of events nearest in time it searches.
        let most = 1 + config.candidates + by_meaning + if by_meaning > 0 { 1 + config.meaning_window } else { 0 };
        assert!(asked.contains(&5) && asked.len() <= most, "{} asked, at most {most}", asked.len());
    }
}

/// A flood in Sylvania on 2020-03-01, a report of rivers bursting their
/// banks on `river_date` that shares no name or word with it but means the
/// same (the two share a vector), and six other events of 2020-03-02, each
/// with its own vector, written by `filler` and naming `filler_entities`.
fn flood_and_river(
    river_date: &str,
    filler: impl Fn(usize) -> String,
    filler_entities: &[&str],
) -> (Vec<Event>, Vec<Option<Vec<f32>>>) {
    let mut events = vec![
        event("flood", Some("2020-03-01"), None, "Floods reach the capital of Sylvania.", &["Sylvania"]),
        event("river", Some(river_date), None, "Rivers burst their banks after storms.", &[]),
    ];
    for n in 0..6 {
        events.push(event(&format!("e{n}"), Some("2020-03-02"), None, &filler(n), filler_entities));
    }
    let vectors = (0..events.len()).map(|k| axis(if k < 2 { 0 } else { k }, 9)).collect();
    (events, vectors)
}

/// Reports of one flood in other words share no rare name or word with
/// the event, so the first pass never brings them; drawn by meaning, the
/// nearest in meaning joins the candidates, named as alike in meaning.
#[test]
fn an_event_sharing_no_feature_is_drawn_by_meaning_and_named_so() {
    let (events, vectors) =
        flood_and_river("2020-03-02", |n| format!("Sylvania report {n} about the capital."), &["Sylvania"]);
    let meanings = Some(&vectors as &(dyn Meanings + Sync));
    let ids = |list: &[chronicle_model::Related]| list.iter().map(|r| r.id.0.clone()).collect::<Vec<_>>();
    let none = LinkConfig { by_meaning: 0, ..LinkConfig::default() };
    let without = relate_all_with(&events, &none, meanings);
    assert!(!ids(&without[0]).contains(&"river".to_string()), "{:#?}", without[0]);
    let drawing = LinkConfig { by_meaning: 1, ..LinkConfig::default() };
    let with = relate_all_with(&events, &drawing, meanings);
    let river = with[0].iter().find(|r| r.id.0 == "river").expect("drawn by meaning");
    assert_eq!(river.context, "alike in meaning");
    // Without vectors nothing is drawn by meaning.
    assert_eq!(ids(&relate_all(&events, &drawing)[0]), ids(&relate_all(&events, &none)[0]));
}

/// Only the events nearest in time are searched by meaning: one a year
/// away, however alike, is not drawn when the window is smaller.
#[test]
fn drawing_by_meaning_searches_the_events_nearest_in_time_only() {
    let (events, vectors) = flood_and_river("2021-03-02", |n| format!("Quiet day {n} in the harbour."), &[]);
    let meanings = Some(&vectors as &(dyn Meanings + Sync));
    let found = |window: usize| {
        let config = LinkConfig { by_meaning: 1, meaning_window: window, ..LinkConfig::default() };
        relate_all_with(&events, &config, meanings)[0].iter().any(|r| r.id.0 == "river")
    };
    assert!(!found(4), "a year away, outside a window of 4");
    assert!(found(20), "inside a window holding every event");
}

/// Without vectors for some events, they are ranked as an average
/// candidate rather than failing, and every list is still made.
#[test]
fn events_without_vectors_are_still_related() {
    let events = [
        event("a", Some("2020-03-01"), None, "Floods in Sylvania.", &["Sylvania"]),
        event("b", Some("2020-03-02"), None, "More floods in Sylvania.", &["Sylvania"]),
        event("c", Some("2020-03-03"), None, "Floods reach Sylvan.", &["Sylvania"]),
    ];
    let vectors = vec![axis(0, 2), None, axis(1, 2)];
    let related = relate_all_with(&events, &LinkConfig::default(), Some(&vectors as &(dyn Meanings + Sync)));
    assert!(related.iter().all(|list| list.len() == 2), "{related:#?}");
}

/// `relate_all` ranks its events side by side on a thread pool: the lists,
/// their order, scores and contexts are the same on one thread as on four,
/// with and without sentence vectors.
#[test]
fn relate_all_gives_the_same_lists_on_one_thread_as_on_four() {
    let (mut events, mut vectors) =
        flood_and_river("2020-03-04", |n| format!("Sylvan harbour report {n}."), &["Sylvan"]);
    for n in 0..30 {
        let day = format!("2020-03-{:02}", 1 + n % 20);
        let (text, names) = if n % 3 == 0 {
            (format!("Freedonia opens school number {n}."), vec!["Freedonia"])
        } else {
            (format!("Floods in Sylvania near Sylvan, report {n}."), vec!["Sylvania", "Sylvan"])
        };
        events.push(event(&format!("x{n}"), Some(&day), None, &text, &names));
        vectors.push(axis(n % 7, 9));
    }
    let config = LinkConfig::default();
    let on = |threads: usize, meanings: Option<&(dyn Meanings + Sync)>| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        let lists = pool.install(|| relate_all_with(&events, &config, meanings));
        lists.iter().map(|l| l.iter().map(|r| (r.id.0.clone(), r.score, r.context.clone())).collect()).collect()
    };
    let seen: Vec<Vec<Vec<(String, f32, String)>>> = vec![on(1, None), on(4, None)];
    assert!(seen[0].iter().filter(|l| !l.is_empty()).count() > 30, "{:#?}", seen[0]);
    assert_eq!(seen[0], seen[1]);
    let meanings = Some(&vectors as &(dyn Meanings + Sync));
    assert_eq!(on(1, meanings), on(4, meanings));
}
