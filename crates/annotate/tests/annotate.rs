//! Golden cases for sentences, entity recognition and resolution (texts
//! written for these tests), a score on CoNLL-2003 eng.testa when the shared
//! data is present, and properties over arbitrary text.

use chronicle_annotate::{sentences, Annotator};
use chronicle_model::{Annotation, EntityMention};
use std::sync::OnceLock;

fn annotator() -> &'static Annotator {
    static A: OnceLock<Annotator> = OnceLock::new();
    A.get_or_init(Annotator::new)
}

fn find<'a>(a: &'a Annotation, text: &str, surface: &str) -> &'a EntityMention {
    a.entities
        .iter()
        .find(|m| m.span.slice(text) == surface)
        .unwrap_or_else(|| panic!("no mention {surface:?} in {:?}", a.entities))
}

#[test]
fn demonym_resolves_to_its_country() {
    let text = "The Belarusian opposition met on a cold morning.";
    let a = annotator().annotate(text, None);
    let m = find(&a, text, "Belarusian");
    assert_eq!(m.entity.as_deref(), Some("Belarus"));
    assert_eq!(m.country.as_deref(), Some("BLR"));
}

#[test]
fn capital_as_actor_stands_for_the_government() {
    let text = "Washington imposed new penalties on the refinery on Tuesday.";
    let a = annotator().annotate(text, None);
    let m = find(&a, text, "Washington");
    assert_eq!(m.entity.as_deref(), Some("United States"));
    assert_eq!(m.country.as_deref(), Some("USA"));
    assert_eq!(m.kind.as_deref(), Some("capital"));
}

#[test]
fn government_named_by_its_country_stands_for_the_country() {
    let text = "The plan was approved on Monday, but the Government of Chile objected.";
    let a = annotator().annotate(text, None);
    let m = find(&a, text, "Government of Chile");
    assert_eq!(m.entity.as_deref(), Some("Chile"));
    assert_eq!(m.country.as_deref(), Some("CHL"));
    assert_eq!(m.kind.as_deref(), Some("government"));
}

#[test]
fn capital_after_in_is_a_city() {
    let text = "Thousands of students marched in Minsk on Sunday.";
    let a = annotator().annotate(text, None);
    let m = find(&a, text, "Minsk");
    assert_eq!(m.entity.as_deref(), Some("Minsk"));
    assert_eq!(m.kind.as_deref(), Some("city"));
    assert_eq!(m.country.as_deref(), Some("BLR"));
}

#[test]
fn surname_resolves_to_earlier_full_name() {
    let text = "David Kramer, a senior diplomat, arrived on Monday. Later Mr. Kramer said the talks went well.";
    let a = annotator().annotate(text, None);
    let later = a
        .entities
        .iter()
        .rfind(|m| m.span.slice(text).ends_with("Kramer") && m.span.start > 10)
        .unwrap_or_else(|| panic!("no later Kramer in {:?}", a.entities));
    assert_eq!(later.entity.as_deref(), Some("David Kramer"));
}

#[test]
fn lone_surname_is_the_family_member_named_most() {
    let text = "Pavel Marek was jailed in May. Pavel Marek denies the charge. \
Pavel Marek's lawyer spoke on Monday. His wife Olga Marek has appealed to the court. \
The government refused to release Marek.";
    let a = annotator().annotate(text, None);
    let last = a.entities.iter().rfind(|m| m.span.slice(text) == "Marek").unwrap_or_else(|| panic!("{:?}", a.entities));
    assert_eq!(last.entity.as_deref(), Some("Pavel Marek"), "{:?}", a.entities);
}

#[test]
fn lone_surname_on_a_tie_is_the_person_named_first() {
    let text =
        "The court jailed Pavel Marek in May. He missed Olga Marek's funeral. The government refused to release Marek.";
    let a = annotator().annotate(text, None);
    let last = a.entities.iter().rfind(|m| m.span.slice(text) == "Marek").unwrap_or_else(|| panic!("{:?}", a.entities));
    assert_eq!(last.entity.as_deref(), Some("Pavel Marek"), "{:?}", a.entities);
}

#[test]
fn belneftekhim_is_a_known_belarusian_organisation() {
    let text = "Washington imposed sanctions on Belneftekhim in November.";
    let a = annotator().annotate(text, None);
    let m =
        a.entities.iter().find(|m| m.span.slice(text) == "Belneftekhim").unwrap_or_else(|| panic!("{:?}", a.entities));
    assert_eq!(m.entity.as_deref(), Some("Belneftekhim"));
    assert_eq!(m.country.as_deref(), Some("BLR"));
    assert_eq!(m.label, chronicle_model::EntityLabel::Organization, "the catalogue's class outranks the tagger's");
}

#[test]
fn spelling_variants_are_one_person() {
    let text = "Lukaschenko spoke first. Alexander Lukashenko then left the hall, and Lukashenko did not return.";
    let a = annotator().annotate(text, None);
    let names: Vec<_> =
        a.entities.iter().filter(|m| m.span.slice(text).contains("Luka")).map(|m| m.entity.clone()).collect();
    assert!(names.len() >= 3, "{:?}", a.entities);
    assert!(names.iter().all(|n| n.as_deref() == Some("Alexander Lukashenko")), "{names:?}");
    assert!(a
        .entities
        .iter()
        .filter(|m| m.span.slice(text).contains("Luka"))
        .all(|m| m.country.as_deref() == Some("BLR")));
}

fn entity_of(a: &Annotation, text: &str, surface: &str) -> Option<String> {
    find(a, text, surface).entity.clone()
}

#[test]
fn company_without_its_legal_form_is_one_entity() {
    let text = "Norvik Shipping Corporation reported a loss on Tuesday. Analysts said Norvik Shipping had cut prices.";
    let a = annotator().annotate(text, None);
    assert_eq!(
        entity_of(&a, text, "Norvik Shipping Corporation").as_deref(),
        Some("Norvik Shipping"),
        "{:?}",
        a.entities
    );
    assert_eq!(entity_of(&a, text, "Norvik Shipping").as_deref(), Some("Norvik Shipping"));
}

#[test]
fn company_named_by_its_first_words_is_one_entity() {
    let text = "Talbrook Motor Company will close two plants in Ohio. Talbrook said 900 workers would lose their jobs.";
    let a = annotator().annotate(text, None);
    assert_eq!(entity_of(&a, text, "Talbrook Motor Company").as_deref(), Some("Talbrook"), "{:?}", a.entities);
    assert_eq!(entity_of(&a, text, "Talbrook").as_deref(), Some("Talbrook"));
}

#[test]
fn acronym_introduced_in_brackets_is_the_organisation() {
    let text = "The Nordic Rail Authority (NRA) halted trains on Friday. The NRA said repairs would take a week.";
    let a = annotator().annotate(text, None);
    let ours: Vec<_> = a.entities.iter().filter(|m| m.span.slice(text) == "NRA").map(|m| m.entity.clone()).collect();
    assert_eq!(ours.len(), 2, "{:?}", a.entities);
    assert!(ours.iter().all(|e| e.as_deref() == Some("Nordic Rail Authority")), "{ours:?}");
}

#[test]
fn acronym_of_initials_is_the_organisation_named_in_full() {
    let text = "Workers at Vestra Steel Works voted to strike. A VSW spokesman said talks had failed.";
    let a = annotator().annotate(text, None);
    assert_eq!(entity_of(&a, text, "VSW").as_deref(), Some("Vestra Steel Works"), "{:?}", a.entities);
}

#[test]
fn subsidiary_in_a_country_stays_apart() {
    let text = "Talbrook Motor Company cut its forecast. Talbrook Australia will close its plant, Talbrook said.";
    let a = annotator().annotate(text, None);
    assert_eq!(entity_of(&a, text, "Talbrook Australia").as_deref(), Some("Talbrook Australia"), "{:?}", a.entities);
    assert_eq!(entity_of(&a, text, "Talbrook Motor Company").as_deref(), Some("Talbrook"));
}

#[test]
fn transliteration_not_in_the_catalogue_is_the_catalogued_person() {
    let text = "President Loukachenko received the envoy in his residence on Friday.";
    let a = annotator().annotate(text, None);
    let m = a
        .entities
        .iter()
        .find(|m| m.span.slice(text).contains("Loukachenko"))
        .unwrap_or_else(|| panic!("{:?}", a.entities));
    assert_eq!(m.entity.as_deref(), Some("Alexander Lukashenko"), "{:?}", a.entities);
    assert_eq!(m.country.as_deref(), Some("BLR"));
}

#[test]
fn short_or_unlike_names_are_not_taken_for_catalogued_people() {
    let a = annotator();
    assert!(a.catalogue().closest_person("Lukas").is_none(), "too short to judge by spelling");
    assert!(a.catalogue().closest_person("Lukaszewski").is_none(), "a different name");
    assert!(a.catalogue().closest_person("Zelenskij").is_some_and(|(_, e)| e.name == "Volodymyr Zelensky"));
}

#[test]
fn international_organisations_in_running_text_resolve() {
    let text = "The OSCE sent observers while NATO held drills, and the UN and the EU called for calm.";
    let a = annotator().annotate(text, None);
    for (surface, name) in [("OSCE", "OSCE"), ("NATO", "NATO"), ("UN", "United Nations"), ("EU", "European Union")] {
        let m = find(&a, text, surface);
        assert_eq!(m.entity.as_deref(), Some(name), "{surface}");
        assert_eq!(m.label, chronicle_model::EntityLabel::Organization, "{surface}");
    }
}

#[test]
fn organisations_and_codes_resolve() {
    let a = annotator();
    assert_eq!(a.resolve("EU").map(|r| r.name), Some("European Union".into()));
    assert_eq!(a.resolve("NATO").map(|r| r.kind), Some("organisation"));
    assert_eq!(a.resolve("BLR").map(|r| r.name), Some("Belarus".into()));
    assert_eq!(a.resolve("the United States").and_then(|r| r.country), Some("USA".into()));
    assert_eq!(a.resolve("Minsk").map(|r| (r.name, r.kind)), Some(("Belarus".into(), "capital")));
    assert_eq!(a.resolve("Belarusians").and_then(|r| r.country), Some("BLR".into()));
    assert!(a.resolve("Nowhereland").is_none());
}

#[test]
fn sentences_split_around_us_abbreviation() {
    let text = "The U.S. Treasury named the firm on Friday. Its chief, Mr. Ivanov, denied it.\n\nA new paragraph";
    let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
    assert_eq!(
        got,
        ["The U.S. Treasury named the firm on Friday.", "Its chief, Mr. Ivanov, denied it.", "A new paragraph"]
    );
}

#[test]
fn sentences_end_after_us_before_a_sentence_start() {
    let text = "The envoy flew to the U.S. The talks resumed on Dec. 3 in Vienna. \"We agree,\" he said. \"Good.\" Then silence.";
    let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
    assert_eq!(
        got,
        [
            "The envoy flew to the U.S.",
            "The talks resumed on Dec. 3 in Vienna.",
            "\"We agree,\" he said.",
            "\"Good.\"",
            "Then silence."
        ]
    );
}

#[test]
fn initials_do_not_end_sentences() {
    let text = "Officials met George W. Bush at noon.";
    assert_eq!(sentences(text).len(), 1);
}

fn valid_iob2(tags: &[String]) -> bool {
    let mut prev = "O".to_string();
    for t in tags {
        if let Some(label) = t.strip_prefix("I-") {
            if prev != format!("B-{label}") && prev != format!("I-{label}") {
                return false;
            }
        } else if t != "O" && !t.starts_with("B-") {
            return false;
        }
        prev = t.clone();
    }
    true
}

#[test]
fn tag_tokens_gives_valid_iob2() {
    let toks = ["Officials", "of", "the", "European", "Commission", "met", "Peter", "Novak", "in", "Vilnius", "."];
    let tags = annotator().tag_tokens(&toks);
    assert_eq!(tags.len(), toks.len());
    assert!(valid_iob2(&tags), "{tags:?}");
    assert_eq!(tags[9], "B-LOC");
    assert_eq!(&tags[6..8], ["B-PER", "I-PER"]);
    assert!(annotator().tag_tokens(&[]).is_empty());
}

#[test]
fn scores_on_conll_testa_when_shared_data_present() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ner/conll2003/eng.testa");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipped: ../shared/data absent");
        return;
    };
    let mut sentences: Vec<(Vec<&str>, Vec<String>)> = Vec::new();
    for block in text.split("\n\n") {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .map(|l| l.split_whitespace().collect())
            .filter(|c: &Vec<&str>| c.len() >= 2 && c[0] != "-DOCSTART-")
            .collect();
        if !rows.is_empty() {
            sentences
                .push((rows.iter().map(|r| r[0]).collect(), rows.iter().map(|r| r[r.len() - 1].to_string()).collect()));
        }
    }
    let f1 = |guesses: &[Vec<String>]| {
        let (mut tp, mut guessed, mut gold) = (0usize, 0usize, 0usize);
        for ((_, want), got) in sentences.iter().zip(guesses) {
            assert!(valid_iob2(got));
            let (w, g) = (chunks(want), chunks(got));
            gold += w.len();
            guessed += g.len();
            tp += g.iter().filter(|c| w.contains(c)).count();
        }
        let (p, r) = (tp as f64 / guessed.max(1) as f64, tp as f64 / gold.max(1) as f64);
        2.0 * p * r / (p + r)
    };
    // Sentence by sentence, as `tag_tokens` sees isolated sentences.
    let by_sentence: Vec<Vec<String>> = sentences.iter().map(|(t, _)| annotator().tag_tokens(t)).collect();
    let f1_sentence = f1(&by_sentence);
    // Story by story, as `annotate --conll` tags the file.
    let toks: Vec<Vec<&str>> = sentences.iter().map(|(t, _)| t.clone()).collect();
    let by_story: Vec<Vec<String>> = chronicle_annotate::ner::split_documents(&toks)
        .into_iter()
        .flat_map(|r| annotator().tag_document_tokens(&toks[r]))
        .collect();
    let f1_story = f1(&by_story);
    println!("eng.testa F1 {f1_sentence:.4} by sentence, {f1_story:.4} by story");
    assert!(f1_sentence > 0.88, "F1 {f1_sentence:.4} by sentence");
    assert!(f1_story > 0.92, "F1 {f1_story:.4} by story");
}

fn chunks(tags: &[String]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in tags.iter().enumerate() {
        if let Some(l) = t.strip_prefix("B-") {
            let end = (i + 1..tags.len()).find(|&k| tags[k] != format!("I-{l}")).unwrap_or(tags.len());
            out.push((l.to_string(), i, end));
        }
    }
    out
}

mod properties {
    use super::annotator;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn never_panics_and_spans_fall_on_char_boundaries(text in "\\PC{0,200}|[A-Za-z .,'\"\\n]{0,200}") {
            let a = annotator().annotate(&text, None);
            for s in &a.sentences {
                prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end) && s.start < s.end);
            }
            for m in &a.entities {
                prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
                prop_assert!(m.span.start < m.span.end);
            }
        }

        #[test]
        fn tag_tokens_is_total(toks in proptest::collection::vec("\\PC{1,12}", 0..30)) {
            let refs: Vec<&str> = toks.iter().map(String::as_str).collect();
            prop_assert_eq!(annotator().tag_tokens(&refs).len(), refs.len());
        }
    }
}

#[test]
fn cluster_file_parses_paths_prefixes_and_case() {
    use chronicle_annotate::ner::clusters::{prefix, Clusters};
    use chronicle_annotate::ner::features::vocab_key;
    let c = Clusters::from_tsv("harbour\t3105\tl\nquayside\t31\tc\nbroken line\nodd\t9x\tl\n");
    assert_eq!(c.len(), 2);
    let harbour = c.path(vocab_key("Harbour"));
    assert_eq!(prefix(harbour, 2), c.path(vocab_key("quayside")));
    assert_ne!(harbour, c.path(vocab_key("quayside")));
    assert_eq!(c.case(vocab_key("harbour")), 1);
    assert_eq!(c.case(vocab_key("quayside")), 3);
    assert_eq!(c.path(vocab_key("odd")), 0);
    assert_eq!(c.path(vocab_key("unseen")), 0);
}

#[test]
fn embedded_clusters_group_like_words() {
    use chronicle_annotate::ner::clusters::{prefix, Clusters};
    use chronicle_annotate::ner::features::vocab_key;
    let c = Clusters::embedded();
    let p = |w: &str| prefix(c.path(vocab_key(w)), 2);
    assert_ne!(p("germany"), 0);
    assert_eq!(p("germany"), p("france"));
    assert_eq!(p("tuesday"), p("thursday"));
    assert_ne!(p("germany"), p("tuesday"));
    assert_eq!(c.case(vocab_key("said")), 1);
    assert_eq!(c.case(vocab_key("germany")), 3);
}

#[test]
fn sentence_initial_adverb_is_not_a_name() {
    let tags = annotator().tag_tokens(&["Obviously", "the", "talks", "in", "Geneva", "failed", "."]);
    assert_eq!(tags[0], "O");
    assert_eq!(tags[4], "B-LOC");
}

#[test]
fn datelines_split_stories() {
    use chronicle_annotate::ner::split_documents;
    let s: Vec<Vec<&str>> = vec![
        vec!["Ferry", "strike", "ends", "."],
        vec!["OSLO", "2001-03-04"],
        vec!["Crews", "went", "back", "to", "work", "."],
        vec!["Wheat", "prices", "steady", "."],
        vec!["ST", "LOUIS", "2001-03-04"],
        vec!["Prices", "held", "on", "2001-03-04", "."],
    ];
    assert_eq!(split_documents(&s), vec![0..3, 3..6]);
    assert_eq!(split_documents(&s[2..3]), vec![0..1]);
    assert!(split_documents(&[]).iter().all(|r| r.is_empty()));
}

#[test]
fn document_tagging_keeps_shape_and_finds_names() {
    let s: Vec<Vec<&str>> = vec![
        vec!["Talks", "resume", "in", "Vienna", "."],
        vec!["Foreign", "Minister", "Anna", "Lindqvist", "arrived", "on", "Monday", "."],
        vec!["Lindqvist", "said", "the", "talks", "would", "go", "on", "."],
    ];
    let tags = annotator().tag_document_tokens(&s);
    assert_eq!(tags.iter().map(Vec::len).collect::<Vec<_>>(), vec![5, 8, 8]);
    assert_eq!(tags[0][3], "B-LOC");
    assert_eq!(tags[1][2..4], ["B-PER", "I-PER"]);
    assert_eq!(tags[2][0], "B-PER");
}

#[test]
fn headline_name_is_read_from_the_story() {
    let s: Vec<Vec<&str>> = vec![
        vec!["SKIING", "-", "HALVORSEN", "TAKES", "SPRINT", "TITLE", "."],
        vec!["LILLEHAMMER", "2001-03-04"],
        vec!["Norway", "'s", "Erik", "Halvorsen", "won", "the", "sprint", "on", "Sunday", "."],
        vec!["Halvorsen", "beat", "the", "Swede", "by", "two", "seconds", "."],
    ];
    let tags = annotator().tag_document_tokens(&s);
    assert_eq!(tags[0][2], "B-PER");
    assert_eq!(tags[2][2..4], ["B-PER", "I-PER"]);
    assert_eq!(tags[3][0], "B-PER");
    assert_eq!(tags[3][3], "B-MISC");
}

/// `annotate_entities` skips the time expressions, and nothing else: the
/// same sentences and mentions, resolved alike and in the same order, as
/// `annotate` finds.
#[test]
fn entities_alone_are_those_annotate_finds() {
    let text = "Minsk said on Thursday that the DPRK envoy met Lukashenko. \
                The Belarusian ministry in Minsk confirmed it a week later, on 6 March 2008.";
    let whole = annotator().annotate(text, None);
    assert!(!whole.timexes.is_empty() && whole.entities.len() >= 3, "{whole:?}");
    let alone = annotator().annotate_entities(text);
    assert!(alone.timexes.is_empty());
    assert_eq!((alone.sentences, alone.entities), (whole.sentences, whole.entities));
}
