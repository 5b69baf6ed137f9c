//! What annotation adds to an article: sentences, entity mentions and time
//! expressions, each a span of the article's text plus its attributes.

use crate::Span;
use serde::{Deserialize, Serialize};

/// The CoNLL-2003 entity classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    #[serde(rename = "PER")]
    Person,
    #[serde(rename = "ORG")]
    Organization,
    #[serde(rename = "LOC")]
    Location,
    #[serde(rename = "MISC")]
    Misc,
}

impl EntityLabel {
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityLabel::Person => "PER",
            EntityLabel::Organization => "ORG",
            EntityLabel::Location => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => EntityLabel::Person,
            "ORG" => EntityLabel::Organization,
            "LOC" => EntityLabel::Location,
            "MISC" => EntityLabel::Misc,
            _ => return None,
        })
    }
}

/// A mention of a named entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    pub span: Span,
    pub label: EntityLabel,
    /// The canonical name the mention resolves to ("Alexander Lukashenko"
    /// for "Lukaschenko"), or `None` when it resolves to nothing known.
    pub entity: Option<String>,
    /// A finer kind: "country", "capital", "leader", "organisation", …
    pub kind: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country the entity belongs to, when
    /// it belongs to one ("BLR" for Minsk used as the government).
    pub country: Option<String>,
}

/// TimeML TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(&self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// A time expression with its TIMEX3 value resolved against the document
/// date: `2008-03-06`, `2007-11`, `2007-SU`, `2019-W38`, `P3D`, `PRESENT_REF`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub span: Span,
    #[serde(rename = "type")]
    pub kind: TimexType,
    pub value: String,
}

/// Everything annotation found in one text.
///
/// Entities and timexes are kept in text order (by start offset; see
/// [`Annotation::in_text_order`]): the lookups by span rely on it, so that
/// a text of many sentences costs a binary search a sentence rather than a
/// scan of the whole text's annotations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub sentences: Vec<Span>,
    pub entities: Vec<EntityMention>,
    pub timexes: Vec<Timex>,
}

impl Annotation {
    /// Put entities and timexes in text order (a stable sort by start).
    pub fn in_text_order(mut self) -> Self {
        self.entities.sort_by_key(|e| e.span.start);
        self.timexes.sort_by_key(|t| t.span.start);
        self
    }

    /// The entity mentions inside a span (a sentence, say).
    pub fn entities_in<'a>(&'a self, span: &'a Span) -> impl Iterator<Item = &'a EntityMention> {
        within(&self.entities, span, |e| e.span)
    }

    /// The time expressions inside a span.
    pub fn timexes_in<'a>(&'a self, span: &'a Span) -> impl Iterator<Item = &'a Timex> {
        within(&self.timexes, span, |t| t.span)
    }
}

/// The items of `sorted` (in text order) that lie inside `span`: those
/// starting before it are skipped by binary search, and the walk stops at
/// the first that starts after its end.
fn within<'a, T>(sorted: &'a [T], span: &'a Span, span_of: fn(&T) -> Span) -> impl Iterator<Item = &'a T> {
    let first = sorted.partition_point(|item| span_of(item).start < span.start);
    sorted[first..]
        .iter()
        .take_while(move |item| span_of(item).start <= span.end)
        .filter(move |item| span.contains(&span_of(item)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timex(start: usize, end: usize) -> Timex {
        Timex { span: Span::new(start, end), kind: TimexType::Date, value: "2031".into() }
    }

    #[test]
    fn timexes_in_a_span_are_those_it_contains() {
        let annotation = Annotation {
            timexes: vec![timex(0, 4), timex(5, 9), timex(8, 20), timex(21, 25), timex(30, 30)],
            ..Annotation::default()
        };
        let found: Vec<_> = annotation.timexes_in(&Span::new(5, 25)).map(|t| t.span).collect();
        assert_eq!(found, vec![Span::new(5, 9), Span::new(8, 20), Span::new(21, 25)]);
        let empty: Vec<_> = annotation.timexes_in(&Span::new(30, 30)).map(|t| t.span).collect();
        assert_eq!(empty, vec![Span::new(30, 30)]);
        assert_eq!(annotation.timexes_in(&Span::new(10, 12)).count(), 0);
    }

    #[test]
    fn in_text_order_sorts_what_lookups_need_sorted() {
        let annotation = Annotation { timexes: vec![timex(21, 25), timex(0, 4), timex(5, 9)], ..Annotation::default() }
            .in_text_order();
        let found: Vec<_> = annotation.timexes_in(&Span::new(0, 10)).map(|t| t.span).collect();
        assert_eq!(found, vec![Span::new(0, 4), Span::new(5, 9)]);
    }
}
