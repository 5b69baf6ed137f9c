//! The status boards page: for sanctions, detentions and diplomatic ties,
//! what holds now and the history of each change, every change linked to
//! its event and quoting the sentence it was read from.

use super::html::{date_link, entity_link, esc, page};
use super::Links;
use chronicle_link::status::{Board, Change, StatusKind};
use std::fmt::Write as _;

const SECTIONS: [(StatusKind, &str); 3] = [
    (StatusKind::Sanction, "Sanctions"),
    (StatusKind::Detention, "Detentions"),
    (StatusKind::Diplomatic, "Diplomatic ties"),
];

/// How many boards one page of the portal's status boards shows.
pub const BOARDS_PAGE: usize = 100;

/// Which part of the boards a page shows: one kind or all, and which page
/// of them. A static export shows every board on one page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Part {
    pub kind: Option<StatusKind>,
    /// From 1.
    pub page: usize,
    /// How many boards there are in all (of `kind`).
    pub total: usize,
}

/// The page of every board, grouped by kind.
pub fn status_page(boards: &[Board], links: &Links) -> String {
    status_part(boards, &Part { kind: None, page: 1, total: boards.len() }, links)
}

/// A page of boards (`boards` are the page's), grouped by kind, with
/// links to each kind and to the pages before and after.
pub fn status_part(boards: &[Board], part: &Part, links: &Links) -> String {
    let mut body = String::from("<h1>Status boards</h1>\n");
    body.push_str(&kind_links(part, links));
    if boards.is_empty() {
        body.push_str("<p>No sanction, detention or diplomatic tie is tracked yet.</p>\n");
    }
    for (kind, title) in SECTIONS {
        let of_kind: Vec<&Board> = boards.iter().filter(|b| b.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(body, "<section class=\"boards\">\n<h2>{title}</h2>");
        for board in of_kind {
            body.push_str(&board_block(board, links));
        }
        body.push_str("</section>\n");
    }
    body.push_str(&pager(part, boards.len(), links));
    page("Status boards", &body, links)
}

/// "All · Sanctions · Detentions · Diplomatic ties", where the site can
/// show one kind alone.
fn kind_links(part: &Part, links: &Links) -> String {
    let Some(all) = links.status_part(None, 1) else { return String::new() };
    let mut nav = String::from("<nav class=\"kinds\" aria-label=\"Kinds of boards\">");
    let mut items = vec![(None, "All", all)];
    for (kind, title) in SECTIONS {
        items.extend(links.status_part(Some(kind), 1).map(|href| (Some(kind), title, href)));
    }
    let shown: Vec<String> = items
        .into_iter()
        .map(|(kind, title, href)| {
            let current = if kind == part.kind { " aria-current=\"page\"" } else { "" };
            format!("<a href=\"{}\"{current}>{title}</a>", esc(&href))
        })
        .collect();
    nav.push_str(&shown.join(" · "));
    nav.push_str("</nav>\n");
    nav
}

/// Links to the pages of boards before and after this one.
fn pager(part: &Part, shown: usize, links: &Links) -> String {
    let before = (part.page.max(1) - 1) * BOARDS_PAGE;
    let newer = (part.page > 1).then(|| links.status_part(part.kind, part.page - 1)).flatten();
    let older = (before + shown < part.total).then(|| links.status_part(part.kind, part.page + 1)).flatten();
    if newer.is_none() && older.is_none() {
        return String::new();
    }
    let link = |href: Option<String>, rel: &str, text: String| {
        href.map_or("<span></span>".to_string(), |h| format!("<a rel=\"{rel}\" href=\"{}\">{text}</a>", esc(&h)))
    };
    format!(
        "<nav class=\"pager\" aria-label=\"Other boards\">{}{}</nav>\n",
        link(newer, "prev", "← previous boards".to_string()),
        link(
            older,
            "next",
            format!(
                "boards {}–{} of {} →",
                before + shown + 1,
                (before + shown + BOARDS_PAGE).min(part.total),
                part.total
            )
        )
    )
}

fn board_block(board: &Board, links: &Links) -> String {
    let by = board.by.as_deref().map(|b| format!(" by {}", entity_link(b, links))).unwrap_or_default();
    let since = board.since().map(|d| format!(" since {}", date_link(Some(&d), links))).unwrap_or_default();
    let mut block = format!(
        "<article class=\"board\">\n<h3>{}{by}: <span class=\"state\">{}</span>{since}</h3>\n<ol class=\"history\">\n",
        subject(board, links),
        esc(board.status()),
    );
    for change in &board.history {
        block.push_str(&change_item(change, links));
    }
    block.push_str("</ol>\n</article>\n");
    block
}

/// The subject linked to its entity page; a dyad ("Belarus–United States")
/// links each party.
fn subject(board: &Board, links: &Links) -> String {
    match board.kind {
        StatusKind::Diplomatic => board.subject.split('–').map(|p| entity_link(p, links)).collect::<Vec<_>>().join("–"),
        _ => entity_link(&board.subject, links),
    }
}

fn change_item(change: &Change, links: &Links) -> String {
    let source = change.source.as_deref().map(|s| format!(" <cite>{}</cite>", esc(s))).unwrap_or_default();
    format!(
        "<li>{} <a href=\"{}\">{}</a><blockquote>{}{source}</blockquote></li>\n",
        date_link(change.date.as_ref(), links),
        esc(&links.event(&change.event.0)),
        esc(&change.status),
        esc(&change.sentence),
    )
}
