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

/// The page of every board, grouped by kind.
pub fn status_page(boards: &[Board], links: &Links) -> String {
    let mut body = String::from("<h1>Status boards</h1>\n");
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
    page("Status boards", &body, links)
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
        esc(change.status),
        esc(&change.sentence),
    )
}
