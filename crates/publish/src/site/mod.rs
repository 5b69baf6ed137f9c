//! The HTML site: the pages `chronicle serve` answers with and
//! `chronicle export --format html` writes to disk, rendered by the same
//! functions. Only the links differ, and [`Links`] decides them: absolute
//! routes for the server, paths relative to the page being written for the
//! static export (so it works from `file://` or any static file server).
//!
//! Nothing here knows HTTP: a page is a `String`, and whether a missing
//! page is a 404 is for the server to say.

pub mod chart;
pub mod entity;
pub mod event;
mod export;
pub mod html;
pub mod pages;
pub mod status;

pub use entity::Subject;
pub use export::{export, Written};

use chronicle_model::PartialDate;
use std::collections::HashMap;
use std::sync::Arc;

/// Where the links of one page point.
#[derive(Debug, Clone)]
pub struct Links {
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    /// The portal's routes, `/event/ID` and the like.
    Server,
    /// Files of a static export; `up` leads from the page being written
    /// back to the export's root (`../../` and so on).
    Files { up: String, entities: Arc<EntityFiles> },
}

/// The file name (without `.html`) of every entity of a static export,
/// keyed by the lower-cased name since names match whatever their case.
/// Names become slugs, and two names with one slug are told apart by a
/// number, so the map must be built once from every name.
#[derive(Debug, Default)]
pub struct EntityFiles(HashMap<String, String>);

impl EntityFiles {
    /// File names for `names`, stable whatever order they come in.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> EntityFiles {
        let mut keys: Vec<String> = names.into_iter().map(str::to_lowercase).collect();
        keys.sort();
        keys.dedup();
        let mut taken = std::collections::HashSet::new();
        let mut files = HashMap::new();
        for key in keys {
            let slug = crate::paths::slug(&key);
            let mut file = slug.clone();
            // A numbered slug may itself be some other name's slug: count on.
            for n in 2.. {
                if taken.insert(file.clone()) {
                    break;
                }
                file = format!("{slug}-{n}");
            }
            files.insert(key, file);
        }
        EntityFiles(files)
    }

    /// The file stem of `name`, if the export has a page for it (an
    /// actor may name an entity no event lists).
    pub fn stem(&self, name: &str) -> Option<&str> {
        self.0.get(&name.to_lowercase()).map(String::as_str)
    }
}

impl Links {
    /// The server's absolute routes.
    pub fn server() -> Links {
        Links { kind: Kind::Server }
    }

    /// Links from a static page written at `page` (a path relative to the
    /// export's root, such as `news/2007/11/13/index.html`).
    pub fn files(page: &str, entities: Arc<EntityFiles>) -> Links {
        let depth = page.matches('/').count();
        Links { kind: Kind::Files { up: "../".repeat(depth), entities } }
    }

    fn is_static(&self) -> bool {
        matches!(self.kind, Kind::Files { .. })
    }

    /// The front page.
    pub fn front(&self) -> String {
        self.file_or("/", "index.html")
    }

    /// A date's page (`None`: the undated events).
    pub fn day(&self, date: Option<&PartialDate>) -> String {
        let dir = crate::paths::day_dir(date);
        match &self.kind {
            Kind::Server => format!("/{dir}"),
            Kind::Files { up, .. } => format!("{up}{dir}/index.html"),
        }
    }

    pub fn event(&self, id: &str) -> String {
        match &self.kind {
            Kind::Server => format!("/event/{}", html::seg(id)),
            Kind::Files { up, .. } => format!("{up}{}", export::event_file(id)),
        }
    }

    /// An entity's page; a static site has pages only for the entities
    /// its events list.
    pub fn entity(&self, name: &str) -> Option<String> {
        match &self.kind {
            Kind::Server => Some(format!("/entity/{}", html::seg(name))),
            Kind::Files { up, entities } => {
                Some(format!("{up}{}", export::entity_file(&html::seg(entities.stem(name)?))))
            }
        }
    }

    /// Page `page` (from 1, the latest events) of an entity's timeline.
    pub fn entity_page(&self, name: &str, page: usize) -> Option<String> {
        match (&self.kind, page) {
            (_, 0) => None,
            (_, 1) => self.entity(name),
            (Kind::Server, n) => Some(format!("/entity/{}?page={n}", html::seg(name))),
            (Kind::Files { up, entities }, n) => {
                Some(format!("{up}{}", export::entity_page_file(&html::seg(entities.stem(name)?), n)))
            }
        }
    }

    /// Page `page` (from 1, the latest events) of the events two entities
    /// share.
    pub fn dyad_page(&self, a: &str, b: &str, page: usize) -> Option<String> {
        match (&self.kind, page) {
            (_, 0) => None,
            (_, 1) => self.dyad(a, b),
            (Kind::Server, n) => Some(format!("/dyad/{}/{}?page={n}", html::seg(a), html::seg(b))),
            (Kind::Files { up, entities }, n) => {
                let (a, b) = (html::seg(entities.stem(a)?), html::seg(entities.stem(b)?));
                Some(format!("{up}{}", export::dyad_page_file(&a, &b, n)))
            }
        }
    }

    /// The page of the events two entities share.
    pub fn dyad(&self, a: &str, b: &str) -> Option<String> {
        match &self.kind {
            Kind::Server => Some(format!("/dyad/{}/{}", html::seg(a), html::seg(b))),
            Kind::Files { up, entities } => {
                let (a, b) = (html::seg(entities.stem(a)?), html::seg(entities.stem(b)?));
                Some(format!("{up}{}", export::dyad_file(&a, &b)))
            }
        }
    }

    /// A search with these parameters; a static site has none.
    pub fn search(&self, pairs: &[(&str, &str)]) -> Option<String> {
        match self.kind {
            Kind::Server if pairs.iter().all(|(_, v)| v.is_empty()) => Some("/search".into()),
            Kind::Server => Some(format!("/search?{}", html::qs(pairs))),
            Kind::Files { .. } => None,
        }
    }

    /// The status boards.
    pub fn status(&self) -> Option<String> {
        Some(self.file_or("/status", "status.html"))
    }

    /// Page `page` (from 1) of the status boards of `kind` (or all); a
    /// static site has every board on one page.
    pub fn status_part(&self, kind: Option<chronicle_link::status::StatusKind>, page: usize) -> Option<String> {
        if self.is_static() || page == 0 {
            return None;
        }
        let kind = kind.map_or("", |k| k.as_str());
        let page = if page == 1 { String::new() } else { page.to_string() };
        self.search_like("/status", &[("kind", kind), ("page", &page)])
    }

    fn search_like(&self, route: &str, pairs: &[(&str, &str)]) -> Option<String> {
        if pairs.iter().all(|(_, v)| v.is_empty()) {
            Some(route.to_string())
        } else {
            Some(format!("{route}?{}", html::qs(pairs)))
        }
    }

    /// The JSON API's description; a static site has no API.
    pub fn api(&self) -> Option<String> {
        (!self.is_static()).then(|| "/api/openapi.json".to_string())
    }

    /// The stylesheet to link to; `None` means inline it (the server
    /// saves a request, an export saves repeating it in every file).
    pub fn stylesheet(&self) -> Option<String> {
        self.is_static().then(|| self.file_or("/style.css", "style.css"))
    }

    fn file_or(&self, route: &str, file: &str) -> String {
        match &self.kind {
            Kind::Server => route.to_string(),
            Kind::Files { up, .. } => format!("{up}{file}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_links_climb_back_to_the_root() {
        let files = Arc::new(EntityFiles::new(["Freedonia"]));
        let links = Links::files("news/2031/05/02/index.html", files);
        assert_eq!(links.event("a1b2"), "../../../../event/a1b2.html");
        assert_eq!(links.day(None), "../../../../news/undated/index.html");
        assert_eq!(links.entity("FREEDONIA").as_deref(), Some("../../../../entity/freedonia.html"));
        assert_eq!(links.entity("Sylvania"), None);
        assert_eq!(links.search(&[("q", "x")]), None);
        assert_eq!(Links::server().entity("U.S. Navy").as_deref(), Some("/entity/U.S.%20Navy"));
    }

    #[test]
    fn entity_names_with_one_slug_get_apart_files() {
        let files = EntityFiles::new(["U.S.", "U S", "u.s."]);
        let (a, b) = (files.stem("U S").unwrap(), files.stem("U.S.").unwrap());
        assert_ne!(a, b);
        assert_eq!(files.stem("u.s."), Some(b));
        assert!(a.starts_with("u-s") && b.starts_with("u-s"));
    }
}
