//! Query parameters: parsed by hand from the raw query string so that a bad
//! value becomes a 400 that names the parameter, never a 500.

use crate::error::Failure;
use chronicle_model::{EventType, PartialDate};
use chronicle_store::EventQuery;

/// The most events one request lists.
pub(crate) const MAX_LIMIT: usize = 1000;

/// The filters shared by `/search` and `/api/events`, as the user typed them
/// (kept to fill the search form back in) and as a store query.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filters {
    pub q: String,
    pub from: String,
    pub to: String,
    pub entity: String,
    pub event_type: String,
    pub limit: Option<usize>,
    /// Which page of results a search shows, from 1.
    pub page: usize,
}

impl Filters {
    /// Read the known parameters of a raw query string; unknown ones are
    /// ignored and a repeated one keeps its last value.
    pub fn parse(raw: Option<&str>) -> Result<Filters, Failure> {
        let mut filters = Filters { page: 1, ..Filters::default() };
        for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let value = value.trim().to_string();
            match key.as_ref() {
                "q" => filters.q = value,
                "from" => filters.from = value,
                "to" => filters.to = value,
                "entity" => filters.entity = value,
                "type" => filters.event_type = value,
                "limit" => filters.limit = parse_limit(&value)?,
                "page" => filters.page = parse_page(&value)?,
                _ => {}
            }
        }
        filters.query()?;
        Ok(filters)
    }

    /// Whether the user asked for anything at all.
    pub fn is_empty(&self) -> bool {
        self.q.is_empty()
            && self.from.is_empty()
            && self.to.is_empty()
            && self.entity.is_empty()
            && self.event_type.is_empty()
    }

    /// The store query these filters stand for.
    pub fn query(&self) -> Result<EventQuery, Failure> {
        let from = parse_date("from", &self.from)?;
        let to = parse_date("to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f.first_day() > t.first_day() {
                return Err(Failure::BadRequest(format!("from ({f}) is after to ({t}): nothing can match")));
            }
        }
        Ok(EventQuery {
            from,
            to,
            entity: non_empty(&self.entity),
            text: non_empty(&self.q),
            event_type: parse_type(&self.event_type)?.map(|t| t.as_str().to_string()),
            limit: self.limit,
            ..EventQuery::default()
        })
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

pub(crate) fn parse_date(name: &str, value: &str) -> Result<Option<PartialDate>, Failure> {
    if value.is_empty() {
        return Ok(None);
    }
    value.parse().map(Some).map_err(|e| Failure::BadRequest(format!("{name}: {e}")))
}

fn parse_type(value: &str) -> Result<Option<EventType>, Failure> {
    if value.is_empty() {
        return Ok(None);
    }
    EventType::parse(value).map(Some).ok_or_else(|| {
        let known: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        Failure::BadRequest(format!("type: unknown event type {value:?}; one of {}", known.join(", ")))
    })
}

/// The most pages deep a listing goes: far past any real result list, and
/// low enough that no offset overflows.
const MAX_PAGE: usize = 100_000;

/// A page number, from 1; empty means the first.
pub(crate) fn parse_page(value: &str) -> Result<usize, Failure> {
    if value.is_empty() {
        return Ok(1);
    }
    match value.parse::<usize>() {
        Ok(n) if (1..=MAX_PAGE).contains(&n) => Ok(n),
        _ => Err(Failure::BadRequest(format!("page: expected a whole number from 1 to {MAX_PAGE}, got {value:?}"))),
    }
}

/// The `page` parameter of a raw query string (other parameters ignored).
pub(crate) fn page_of(raw: Option<&str>) -> Result<usize, Failure> {
    let mut page = 1;
    for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
        if key == "page" {
            page = parse_page(value.trim())?;
        }
    }
    Ok(page)
}

fn parse_limit(value: &str) -> Result<Option<usize>, Failure> {
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<usize>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(Some(n)),
        _ => Err(Failure::BadRequest(format!("limit: expected a whole number from 1 to {MAX_LIMIT}, got {value:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_values_name_their_parameter() {
        for (raw, name) in [
            ("from=notadate", "from"),
            ("to=2019-02-30", "to"),
            ("limit=-1", "limit"),
            ("limit=0", "limit"),
            ("type=PARTY", "type"),
            ("page=0", "page"),
            ("page=x", "page"),
        ] {
            match Filters::parse(Some(raw)) {
                Err(Failure::BadRequest(m)) => assert!(m.starts_with(name), "{raw}: {m}"),
                other => panic!("{raw}: {other:?}"),
            }
        }
    }

    #[test]
    fn good_values_become_a_store_query() {
        let f = Filters::parse(Some("q=talks&from=2030&to=2031-05&type=consult&limit=5&x=1")).unwrap();
        let q = f.query().unwrap();
        assert_eq!(q.text.as_deref(), Some("talks"));
        assert_eq!(q.from, Some(PartialDate::year(2030)));
        assert_eq!(q.event_type.as_deref(), Some("CONSULT"));
        assert_eq!(q.limit, Some(5));
    }

    #[test]
    fn reversed_range_is_a_bad_request() {
        assert!(Filters::parse(Some("from=2031&to=2030")).is_err());
    }
}
