//! Event mentions of an article: the main event of its lead, dated by a
//! day timex of the lead or the publication date, and the background events
//! it recalls with a past date of their own.

use crate::summary::summary_for;
use crate::{code, Coding};
use chronicle_model::{Annotation, Article, EntityRef, Mention, MentionRole, PartialDate, Span, Timex, TimexType};

/// How many sentences of the text count as the lead.
const LEAD: usize = 3;

/// How many sentences may date the main event when its own sentence does not.
const DATING: usize = 8;

/// Words of pages' furniture, never an event.
const BOILERPLATE: &[&str] = &[
    "copyright",
    "all rights reserved",
    "subscribe",
    "click here",
    "sign up",
    "newsletter",
    "cookies",
    "follow us",
    "read more",
    "advertisement",
];

fn is_boilerplate(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    sentence.split_whitespace().count() < 5 || BOILERPLATE.iter().any(|b| lower.contains(b))
}

/// The annotation of one sentence, its spans made relative to the sentence.
fn sentence_annotation(annotation: &Annotation, span: Span) -> Annotation {
    let shift = |s: Span| Span::new(s.start - span.start, s.end - span.start);
    Annotation {
        sentences: vec![shift(span)],
        entities: annotation
            .entities_in(&span)
            .map(|e| chronicle_model::EntityMention { span: shift(e.span), ..e.clone() })
            .collect(),
        timexes: annotation.timexes_in(&span).map(|t| Timex { span: shift(t.span), ..t.clone() }).collect(),
    }
}

/// A dated timex of a sentence: its date and span, when the value is a
/// calendar date (`2008`, `2008-03`, `2008-03-06`).
fn timex_dates<'a>(annotation: &'a Annotation, span: &'a Span) -> impl Iterator<Item = (PartialDate, Span)> + 'a {
    annotation
        .timexes_in(span)
        .filter(|t| t.kind == TimexType::Date)
        .filter_map(|t| t.value.parse::<PartialDate>().ok().map(|d| (d, t.span)))
}

fn not_after(date: PartialDate, published: Option<PartialDate>) -> bool {
    match (date.first_day(), published.and_then(|p| p.to_naive())) {
        (Some(d), Some(p)) => d <= p,
        _ => true,
    }
}

struct Coded {
    span: Span,
    coding: Coding,
    local: Annotation,
}

fn entities(annotation: &Annotation, text: &str, span: &Span) -> Vec<EntityRef> {
    let mut out: Vec<EntityRef> = Vec::new();
    for e in annotation.entities_in(span) {
        let name = e.entity.clone().unwrap_or_else(|| e.span.slice(text).to_string());
        if !name.is_empty() && !out.iter().any(|o| o.name == name) {
            out.push(EntityRef { name, label: e.label });
        }
    }
    out
}

fn mention(
    article: &Article,
    annotation: &Annotation,
    c: &Coded,
    role: MentionRole,
    date: Option<(PartialDate, Option<Span>)>,
) -> Mention {
    let sentence = c.span.slice(&article.text);
    Mention {
        document: article.hash.clone(),
        role,
        sentence: c.span,
        text: sentence.to_string(),
        date: date.map(|d| d.0),
        date_span: date.and_then(|d| d.1),
        event_type: c.coding.event_type,
        source_actors: c.coding.source.clone(),
        target_actors: c.coding.target.clone(),
        entities: entities(annotation, &article.text, &c.span),
        score: c.coding.score,
        summary: summary_for(sentence, &c.coding, &c.local),
        contexts: Vec::new(),
        category: None,
    }
}

/// See [`crate::mentions`].
pub(crate) fn mentions(article: &Article, annotation: &Annotation) -> Vec<Mention> {
    let text = &article.text;
    let spans =
        if annotation.sentences.is_empty() { crate::text::sentences(text) } else { annotation.sentences.clone() };
    let coded: Vec<Coded> = spans
        .into_iter()
        .filter(|s| text.get(s.start..s.end).is_some_and(|t| !is_boilerplate(t)))
        .map(|span| {
            let local = sentence_annotation(annotation, span);
            Coded { span, coding: code(span.slice(text), &local), local }
        })
        .collect();
    let published = article.published.map(PartialDate::from_naive);
    let title = article.title.as_deref().map(str::trim).unwrap_or_default();
    let Some(main_at) = main_sentence(annotation, &coded, published, |c| c.span.slice(text).trim() == title) else {
        return Vec::new();
    };
    let main_date = main_date(annotation, &coded, main_at, published);
    let mut out = vec![mention(article, annotation, &coded[main_at], MentionRole::Main, main_date)];
    let mut seen = vec![(coded[main_at].coding.event_type, main_date.map(|d| d.0))];
    for (i, c) in coded.iter().enumerate() {
        if i == main_at || c.coding.event_type.is_none() {
            continue;
        }
        let Some((date, span)) = timex_dates(annotation, &c.span)
            .find(|(d, _)| not_after(*d, published) && published != Some(*d) && main_date.map(|m| m.0) != Some(*d))
        else {
            continue;
        };
        let found = mention(article, annotation, c, MentionRole::Background, Some((date, Some(span))));
        let key = (c.coding.event_type, Some(date));
        match seen.iter().position(|k| *k == key) {
            // One happening told twice in an article: keep the telling that
            // names more of who was involved ("the Belneftekhim sanction"
            // over "we imposed the sanctions").
            Some(at) if at > 0 && informativeness(&found) > informativeness(&out[at]) => out[at] = found,
            Some(_) => {}
            None => {
                seen.push(key);
                out.push(found);
            }
        }
    }
    out
}

/// How much a mention says of who was involved: its actors and named
/// entities, places and organisations counting double (a person named in a
/// sentence is as often the one speaking as one involved).
fn informativeness(mention: &Mention) -> usize {
    let named: usize =
        mention.entities.iter().map(|e| if e.label == chronicle_model::EntityLabel::Person { 1 } else { 2 }).sum();
    named + mention.source_actors.len() + mention.target_actors.len()
}

/// The first lead sentence that carries an event trigger and is not dated
/// in the past by a time expression of its own ("The two countries withdrew
/// their ambassadors in 2008" recalls, it does not report); else the first
/// such sentence of the opening paragraphs; else the first sentence, coded
/// as it is. The headline gives way to a lead sentence that reports too:
/// the lead says it whole, with the day and the actors.
fn main_sentence(
    annotation: &Annotation,
    coded: &[Coded],
    published: Option<PartialDate>,
    is_headline: impl Fn(&Coded) -> bool,
) -> Option<usize> {
    if coded.is_empty() {
        return None;
    }
    let reports = |c: &Coded| {
        c.coding.event_type.is_some() && !timex_dates(annotation, &c.span).any(|(d, _)| is_past(d, published))
    };
    let first = |n: usize| coded.iter().take(n).position(reports);
    let lead = coded.iter().take(LEAD + 1).position(|c| !is_headline(c) && reports(c));
    Some(lead.or_else(|| first(LEAD)).or_else(|| first(DATING)).unwrap_or(0))
}

/// How many days before publication a report's main event may lie ("on
/// Tuesday" in a Thursday paper); older dates are background.
const RECENT_DAYS: i64 = 7;

/// Whether `date` lies before the news of an article published on
/// `published`: a day more than a week earlier, or a month or year that
/// ended before publication.
fn is_past(date: PartialDate, published: Option<PartialDate>) -> bool {
    let Some(published) = published.and_then(|p| p.to_naive()) else { return false };
    match (date.day, date.last_day()) {
        (Some(_), _) => date.first_day().is_some_and(|d| (published - d).num_days() > RECENT_DAYS),
        (None, Some(last)) => last < published,
        (None, None) => false,
    }
}

/// The main event's date: a day timex of its sentence, else a recent day
/// of the first sentences (news often says "on Tuesday" in the second
/// paragraph), else the publication date, else unknown.
fn main_date(
    annotation: &Annotation,
    coded: &[Coded],
    main_at: usize,
    published: Option<PartialDate>,
) -> Option<(PartialDate, Option<Span>)> {
    let day = |c: &Coded| {
        timex_dates(annotation, &c.span)
            .find(|(d, _)| d.day.is_some() && not_after(*d, published) && !is_past(*d, published))
            .map(|(d, s)| (d, Some(s)))
    };
    day(&coded[main_at]).or_else(|| coded.iter().take(DATING).find_map(day)).or_else(|| published.map(|p| (p, None)))
}
