//! The status boards of a snapshot: the ones the store keeps when they are
//! as fresh as its events (computed with the related lists after each
//! ingest), else computed from the events whose words can tell of a board.

use chronicle_link::status::{Board, CountryOf, StatusKind};
use chronicle_store::{Snapshot, StoreError};

/// Every board (of `kind`, if given), ordered by kind and subject.
pub fn boards(
    snap: &Snapshot<'_>,
    kind: Option<StatusKind>,
    country_of: CountryOf<'_>,
) -> Result<Vec<Board>, StoreError> {
    match snap.status_boards(kind.map(|k| k.as_str()))? {
        Some(rows) => rows.iter().map(|(_, record)| Board::from_record(record).map_err(StoreError::Corrupt)).collect(),
        None => {
            // Only events that hold a board word can tell of a board.
            let events = snap.events_with_words(&chronicle_link::status::board_words())?;
            let mut all = chronicle_link::status::boards_among(&events, country_of, &snap.entity_counts()?);
            all.retain(|b| kind.is_none_or(|k| b.kind == k));
            Ok(all)
        }
    }
}

/// How many boards there are (of `kind`, if given), and `limit` of them
/// from `offset` on: a page of the portal's boards decodes only its own.
pub fn boards_page(
    snap: &Snapshot<'_>,
    kind: Option<StatusKind>,
    offset: usize,
    limit: usize,
    country_of: CountryOf<'_>,
) -> Result<(usize, Vec<Board>), StoreError> {
    match snap.status_boards_page(kind.map(|k| k.as_str()), offset, limit)? {
        Some((total, rows)) => {
            let boards: Result<Vec<Board>, StoreError> =
                rows.iter().map(|r| Board::from_record(r).map_err(StoreError::Corrupt)).collect();
            Ok((total, boards?))
        }
        None => {
            let all = boards(snap, kind, country_of)?;
            Ok((all.len(), all.into_iter().skip(offset).take(limit).collect()))
        }
    }
}
