//! Integration tests of chronicle-events, over sentences written for them.

use chronicle_events::{code, mentions, ClusterDoc, Clusterer};
use chronicle_model::{
    Annotation, Article, DatePrecision, EventType, MentionRole, PartialDate, Span, Timex, TimexType,
};
use chrono::NaiveDate;
use proptest::prelude::*;

fn codes(actors: &[chronicle_model::Actor]) -> Vec<&str> {
    actors.iter().filter_map(|a| a.code.as_deref()).collect()
}

#[test]
fn sanction_sentence_is_sanction_by_usa() {
    let c = code("The United States froze the assets of two Belarusian refineries on Monday.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Sanction));
    assert_eq!(codes(&c.source), ["USA"]);
    assert!(codes(&c.target).contains(&"BLR"));
    assert!(c.score < 0.0);
}

#[test]
fn prisoner_release_is_retreat_by_belarus() {
    let c = code("Belarus released three jailed opposition activists after a week of talks.", &Annotation::default());
    assert!(matches!(c.event_type, Some(EventType::Retreat | EventType::Concede)), "{c:?}");
    assert_eq!(codes(&c.source), ["BLR"]);
    assert!(c.score > 0.0);
}

#[test]
fn meeting_is_consult() {
    let c = code("The Polish foreign minister met his Lithuanian counterpart in Vilnius.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Consult));
    assert_eq!(codes(&c.source), ["POL"]);
    assert!(codes(&c.target).contains(&"LTU"));
}

#[test]
fn withdrawn_ambassadors_are_sanction_not_retreat() {
    for text in [
        "Ruritania and Freedonia withdrew their ambassadors in 2008.",
        "Freedonia recalled its ambassador from the Ruritanian capital.",
    ] {
        let c = code(text, &Annotation::default());
        assert_eq!(c.event_type, Some(EventType::Sanction), "{text}");
        assert!(c.score < 0.0, "{text}");
    }
}

#[test]
fn planned_exchange_of_ambassadors_is_agree() {
    let c = code("Ruritania and Freedonia plan to exchange ambassadors again.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Agree));
    let c = code("Ruritania restored its embassy in the Freedonian capital.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Support));
}

#[test]
fn suspending_sanctions_is_retreat() {
    let c =
        code("Ruritania extended its partial suspension of sanctions on the Freedonian bank.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Retreat), "{c:?}");
    assert!(c.score > 0.0);
}

#[test]
fn visa_ban_is_sanction_not_coerce() {
    let c = code("Ruritania expanded its visa ban list on Freedonian officials.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Sanction));
    let c = code("The government banned all street protests in the capital.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Coerce));
}

#[test]
fn negated_cooperation_is_reject() {
    let c = code("Norway said it would not accept the new quota proposal.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Reject));
}

#[test]
fn intended_hostile_act_is_threaten() {
    let c = code("Chile plans to impose sanctions on Peru over the fishing dispute.", &Annotation::default());
    assert_eq!(c.event_type, Some(EventType::Threaten));
}

#[test]
fn sentence_without_trigger_has_no_type() {
    let c = code("The weather in the valley was mild this spring.", &Annotation::default());
    assert_eq!(c.event_type, None);
}

const ARTICLE: &str = "Ruritania expelled two Freedonian diplomats on Tuesday. \
The foreign ministry gave no reason. \
Ruritania imposed sanctions on the Freedonian central bank in 2015.";

fn annotated() -> (Article, Annotation) {
    let article = Article {
        hash: "abc".into(),
        published: NaiveDate::from_ymd_opt(2019, 9, 18),
        text: ARTICLE.into(),
        ..Article::default()
    };
    let at = |s: &str| {
        let start = ARTICLE.find(s).unwrap();
        Span::new(start, start + s.len())
    };
    let annotation = Annotation {
        timexes: vec![
            Timex { span: at("Tuesday"), kind: TimexType::Date, value: "2019-09-17".into() },
            Timex { span: at("2015"), kind: TimexType::Date, value: "2015".into() },
        ],
        ..Annotation::default()
    };
    (article, annotation)
}

#[test]
fn article_with_dated_background_yields_two_mentions() {
    let (article, annotation) = annotated();
    let found = mentions(&article, &annotation);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!(found[0].role, MentionRole::Main);
    assert_eq!(found[0].date, Some(PartialDate::day(2019, 9, 17)));
    assert_eq!(found[0].event_type, Some(EventType::Sanction));
    assert_eq!(found[0].document, "abc");
    assert_eq!(found[1].role, MentionRole::Background);
    assert_eq!(found[1].date, Some(PartialDate::year(2015)));
    assert_eq!(found[1].summary, "Ruritania imposes sanctions on the Freedonian central bank.");
}

const RECALLING_LEAD: &str = "Ruritania and Freedonia look to a new start. \
The two countries withdrew their ambassadors in 2008. \
The Freedonian envoy met the Ruritanian president on Tuesday in the capital.";

#[test]
fn lead_sentence_about_a_past_year_is_not_the_main_event() {
    let article = Article {
        hash: "lead".into(),
        published: NaiveDate::from_ymd_opt(2019, 9, 18),
        text: RECALLING_LEAD.into(),
        ..Article::default()
    };
    let at = |s: &str| {
        let start = RECALLING_LEAD.find(s).unwrap();
        Span::new(start, start + s.len())
    };
    let annotation = Annotation {
        timexes: vec![
            Timex { span: at("2008"), kind: TimexType::Date, value: "2008".into() },
            Timex { span: at("Tuesday"), kind: TimexType::Date, value: "2019-09-17".into() },
        ],
        ..Annotation::default()
    };
    let found = mentions(&article, &annotation);
    let main = &found[0];
    assert_eq!(main.role, MentionRole::Main);
    assert!(!main.text.contains("2008"), "the recalled withdrawal became the main event: {main:#?}");
    assert_eq!(main.date, Some(PartialDate::day(2019, 9, 17)), "dated by the recent 'on Tuesday'");
    assert_eq!(main.event_type, Some(EventType::Consult), "the reported meeting, not the untyped opening line");
    let withdrawal = found.iter().find(|m| m.text.contains("2008")).expect("the withdrawal is a background event");
    assert_eq!(withdrawal.role, MentionRole::Background);
    assert_eq!(withdrawal.date, Some(PartialDate::year(2008)));
}

const TOLD_TWICE: &str = "Ruritania recalled its envoy on Friday. \
As you know, we imposed the sanctions in May 2015. \
So we widened the list, then the Gravel Works sanctions in May 2015.";

#[test]
fn one_happening_told_twice_keeps_the_telling_that_names_more() {
    let article = Article {
        hash: "twice".into(),
        published: NaiveDate::from_ymd_opt(2019, 9, 20),
        text: TOLD_TWICE.into(),
        ..Article::default()
    };
    let at = |s: &str, nth: usize| {
        let start = TOLD_TWICE.match_indices(s).nth(nth).unwrap().0;
        Span::new(start, start + s.len())
    };
    let annotation = Annotation {
        timexes: vec![
            Timex { span: at("Friday", 0), kind: TimexType::Date, value: "2019-09-20".into() },
            Timex { span: at("May 2015", 0), kind: TimexType::Date, value: "2015-05".into() },
            Timex { span: at("May 2015", 1), kind: TimexType::Date, value: "2015-05".into() },
        ],
        entities: vec![chronicle_model::EntityMention {
            span: at("Gravel Works", 0),
            label: chronicle_model::EntityLabel::Organization,
            entity: Some("Gravel Works".into()),
            kind: None,
            country: None,
        }],
        ..Annotation::default()
    };
    let found = mentions(&article, &annotation);
    let may: Vec<_> = found.iter().filter(|m| m.date == Some(PartialDate::month(2015, 5))).collect();
    assert_eq!(may.len(), 1, "{found:#?}");
    assert!(may[0].text.contains("Gravel Works"), "{:#?}", may[0]);
}

#[test]
fn undated_article_yields_undated_mentions() {
    let article = Article {
        text: "Protesters blocked the main roads of the capital to demand new elections.".into(),
        ..Article::default()
    };
    let found = mentions(&article, &Annotation::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].date, None);
    assert_eq!(found[0].date.map_or(DatePrecision::Unknown, |d| d.precision()), DatePrecision::Unknown);
}

#[test]
fn clusterer_keeps_two_different_events_apart() {
    let doc = |id: &str, title: &str, text: &str| ClusterDoc {
        id: id.into(),
        title: title.into(),
        text: text.into(),
        published: NaiveDate::from_ymd_opt(2020, 3, 2),
        ..ClusterDoc::default()
    };
    let mut clusterer = Clusterer::new();
    let a = clusterer.assign(&doc(
        "1",
        "Volcano erupts on Lanzarote",
        "The volcano on Lanzarote erupted, forcing villagers to flee lava flows.",
    ));
    let b = clusterer.assign(&doc(
        "2",
        "Lanzarote volcano eruption forces evacuation",
        "Villagers fled lava flows after the Lanzarote volcano erupted.",
    ));
    let c = clusterer.assign(&doc(
        "3",
        "Chess champion retains title in Oslo",
        "The chess champion defended her title after a tiebreak in Oslo.",
    ));
    assert_eq!(a, b);
    assert_ne!(a, c);
}

fn cluster_doc(id: &str, date: &str, title: &str, text: &str) -> ClusterDoc {
    ClusterDoc {
        id: id.into(),
        title: title.into(),
        text: text.into(),
        published: date.parse().ok(),
        ..ClusterDoc::default()
    }
}

/// Unrelated reports, so document frequencies tell common words from rare.
fn background(clusterer: &mut Clusterer) {
    let topics = [
        ("Harvest festival opens in Brindlemoor", "Farmers in Brindlemoor opened the harvest festival with a parade."),
        ("Tram strike halts Castelvar", "Tram drivers in Castelvar walked out over pay, halting the network."),
        ("Storm floods the coast of Ostrava Bay", "Heavy rain flooded roads along Ostrava Bay overnight."),
        ("Museum returns stolen painting", "The national museum said a stolen painting was returned by police."),
    ];
    for (i, (title, text)) in topics.iter().enumerate() {
        clusterer.assign(&cluster_doc(&format!("bg{i}"), "2020-01-01", title, text));
    }
}

#[test]
fn clusterer_joins_reports_sharing_headline_names_despite_different_leads() {
    let mut clusterer = Clusterer::new();
    background(&mut clusterer);
    let a = clusterer.assign(&cluster_doc(
        "1",
        "2020-02-03",
        "Quorvex data breach exposes millions",
        "Hackers stole the records of customers, the company said on Monday, and regulators opened an inquiry.",
    ));
    let b = clusterer.assign(&cluster_doc(
        "2",
        "2020-02-05",
        "Quorvex breach: what customers should do",
        "Experts advise changing passwords and watching bank statements closely this week.",
    ));
    assert_eq!(a, b);
}

#[test]
fn clusterer_lets_a_similarity_fade_with_the_gap_in_days() {
    let text = "Fire crews battled a blaze at the Tarnwick paper mill as smoke drifted over the valley.";
    let near = {
        let mut clusterer = Clusterer::new();
        background(&mut clusterer);
        let a = clusterer.assign(&cluster_doc("1", "2020-03-01", "Fire at Tarnwick mill", text));
        let b = clusterer.assign(&cluster_doc(
            "2",
            "2020-03-03",
            "Tarnwick residents told to keep windows shut",
            "Officials asked residents to keep windows shut while smoke lingered over the valley.",
        ));
        a == b
    };
    let far = {
        let mut clusterer = Clusterer::new();
        background(&mut clusterer);
        let a = clusterer.assign(&cluster_doc("1", "2020-03-01", "Fire at Tarnwick mill", text));
        let b = clusterer.assign(&cluster_doc(
            "2",
            "2020-11-20",
            "Tarnwick residents told to keep windows shut",
            "Officials asked residents to keep windows shut while smoke lingered over the valley.",
        ));
        a == b
    };
    assert!(near, "two days apart the follow-up joins");
    assert!(!far, "eight months later the same words are a new story");
}

#[test]
fn clusterer_mean_similarity_keeps_a_large_cluster_from_absorbing_a_neighbour() {
    let mut clusterer = Clusterer::new();
    background(&mut clusterer);
    let reports = [
        "Voters in Pellmora chose a new parliament as turnout rose above sixty percent.",
        "Pellmora parliament election: the governing party lost its majority as turnout rose.",
        "Counting continued after the Pellmora parliament election, with opposition gains.",
        "Pellmora election results show a hung parliament and record turnout among voters.",
        "Coalition talks loom after Pellmora voters elected a divided parliament.",
    ];
    let first = clusterer.assign(&cluster_doc("e0", "2020-05-10", "Pellmora votes for parliament", reports[0]));
    for (i, text) in reports.iter().enumerate().skip(1) {
        let id = clusterer.assign(&cluster_doc(&format!("e{i}"), "2020-05-11", "Pellmora parliament election", text));
        assert_eq!(id, first);
    }
    let mayor = clusterer.assign(&cluster_doc(
        "m",
        "2020-05-12",
        "Pellmora city mayor resigns over bridge contract",
        "The mayor of Pellmora city resigned after auditors questioned a bridge contract awarded last spring.",
    ));
    assert_ne!(mayor, first);
}

fn with_entities(mut doc: ClusterDoc, entities: &[&str]) -> ClusterDoc {
    doc.entities = entities.iter().map(|e| e.to_string()).collect();
    doc
}

#[test]
fn clusterer_joins_reports_naming_one_entity_by_different_names() {
    // Two reports of one launch that share a few words (rocket, strait):
    // one says "Velmark", the other its capital "Ostrograd", which entity
    // resolution maps to the same country.
    let first = cluster_doc(
        "1",
        "2020-06-01",
        "Velmark fires rocket over the strait",
        "Velmark fired a long-range rocket over the strait at dawn, its military announced.",
    );
    let second = cluster_doc(
        "2",
        "2020-06-01",
        "Ostrograd test alarms neighbours",
        "The launch from Ostrograd prompted emergency meetings in neighbouring capitals; officials condemned the rocket test over the strait.",
    );
    let words_alone = {
        let mut clusterer = Clusterer::new();
        background(&mut clusterer);
        clusterer.assign(&first) == clusterer.assign(&second)
    };
    let mut clusterer = Clusterer::new();
    background(&mut clusterer);
    let a = clusterer.assign(&with_entities(first, &["Velmark", "Velmark"]));
    let b = clusterer.assign(&with_entities(second, &["Velmark", "Velmark"]));
    assert!(!words_alone, "the words alone are too far apart");
    assert_eq!(a, b, "the resolved entity joins them");
}

/// Regression: with the entity signal uncapped, one shared place (an
/// entity cosine of 1) joined two reports sharing no other word.
#[test]
fn clusterer_keeps_apart_different_happenings_in_one_place_named_alike() {
    let mut clusterer = Clusterer::new();
    background(&mut clusterer);
    let snow = [
        (
            "Record snowfall buries the town",
            "Four feet of snow fell on Kettering in two days, breaking the December record as ploughs worked overnight.",
        ),
        ("Town digs out after record snowfall", "Ploughs cleared streets after the record snowfall in Kettering, and schools stayed shut."),
    ];
    let bill = (
        "Homeowner billed a billion dollars for electricity",
        "A homeowner in Kettering received an electricity bill of a billion dollars; the utility blamed a typing error.",
    );
    let place = ["Kettering"];
    let first = clusterer.assign(&with_entities(cluster_doc("s0", "2020-12-27", snow[0].0, snow[0].1), &place));
    let second = clusterer.assign(&with_entities(cluster_doc("s1", "2020-12-27", snow[1].0, snow[1].1), &place));
    let other = clusterer.assign(&with_entities(cluster_doc("b", "2020-12-27", bill.0, bill.1), &place));
    assert_eq!(first, second);
    assert_ne!(other, first, "sharing a place is not sharing a happening");
}

proptest! {
    #[test]
    fn code_and_mentions_never_panic(text in "\\PC{0,300}", date in proptest::option::of(0i64..20000)) {
        let _ = code(&text, &Annotation::default());
        let published = date.and_then(|d| NaiveDate::from_ymd_opt(1990, 1, 1).map(|x| x + chrono::Duration::days(d)));
        let article = Article { text: text.clone(), published, ..Article::default() };
        let _ = mentions(&article, &Annotation::default());
        let _ = chronicle_events::summarize(&text);
    }
}

/// The sentence encoder, when its weights are installed; tests that need
/// it say they are skipped otherwise.
fn installed_encoder() -> Option<chronicle_embed::SentenceEncoder> {
    let Some(dir) = chronicle_embed::locate() else {
        println!("skipped: no embedding weights installed (scripts/setup-embeddings)");
        return None;
    };
    Some(chronicle_embed::SentenceEncoder::open(&dir).unwrap_or_else(|e| panic!("{e}")))
}

/// A report with its title's sentence vector, as `chronicle cluster` gives it.
fn with_title_vector(mut doc: ClusterDoc, encoder: &chronicle_embed::SentenceEncoder) -> ClusterDoc {
    doc.embedding = encoder.encode(&[doc.title.as_str()]).pop();
    doc
}

/// The first report of a dockworkers' walkout.
fn walkout_first_report() -> ClusterDoc {
    cluster_doc(
        "1",
        "2020-04-06",
        "Dockworkers walk off the job in Port Kessel",
        "Dockworkers in Port Kessel stopped work on Monday over unpaid overtime, leaving ships waiting at anchor.",
    )
}

/// A second report of the same walkout, headed in other words, on `date`
/// (empty: undated).
fn walkout_second_report(date: &str) -> ClusterDoc {
    cluster_doc(
        "2",
        date,
        "Dock labourers stop work",
        "Freighters queued outside Kessel on Tuesday as the stoppage entered a second day.",
    )
}

/// Two reports of one walkout, headed in different words: the words alone
/// keep them apart, the titles' sentence vectors bring them together; a
/// different happening in the same port stays apart either way.
#[test]
fn reports_headed_in_other_words_meet_by_their_titles_sentence_vectors() {
    let Some(encoder) = installed_encoder() else { return };
    let first = walkout_first_report();
    let second = walkout_second_report("2020-04-07");
    let other = cluster_doc(
        "3",
        "2020-04-08",
        "Shipbuilding museum opens in a restored warehouse",
        "The museum opened on Wednesday by the quay of Port Kessel, with models of the ships built there.",
    );
    let run = |docs: Vec<ClusterDoc>| {
        let mut clusterer = Clusterer::new();
        background(&mut clusterer);
        docs.iter().map(|d| clusterer.assign(d)).collect::<Vec<_>>()
    };
    let words = run(vec![first.clone(), second.clone(), other.clone()]);
    assert_ne!(words[0], words[1], "the words alone should keep the walkout's reports apart: {words:?}");
    let vectors = run([first, second, other].into_iter().map(|d| with_title_vector(d, &encoder)).collect());
    assert_eq!(vectors[0], vectors[1], "the titles' vectors should join the walkout's reports: {vectors:?}");
    assert_ne!(vectors[0], vectors[2], "a museum opening in the same port is another happening: {vectors:?}");
}

/// Regression: an undated report joined a years-old event by its title's
/// vector alone (no gap to fade, and titles about one relationship read
/// alike across years), and took that event's date. Undated, it is judged
/// by its words and entities.
#[test]
fn an_undated_report_joins_by_its_words_not_by_its_titles_vector() {
    let Some(encoder) = installed_encoder() else { return };
    let first = walkout_first_report();
    let second = walkout_second_report;
    let run = |later: ClusterDoc| {
        let mut clusterer = Clusterer::new();
        background(&mut clusterer);
        let a = clusterer.assign(&with_title_vector(first.clone(), &encoder));
        a == clusterer.assign(&with_title_vector(later, &encoder))
    };
    assert!(run(second("2020-04-07")), "dated, the titles' vectors join the two reports");
    assert!(!run(second("")), "undated, the words alone keep them apart");
}
