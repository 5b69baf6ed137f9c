//! The store: one embedded SQLite file holding documents, events, their
//! sources and evidence, entity and full-text indexes.
//!
//! Stateful by nature. There is one writer path, [`Store::write`], which
//! runs a closure inside one transaction, within which [`Writer::savepoint`]
//! keeps each document's part: a document and everything derived from it
//! are committed together or not at all. Readers ([`Snapshot`]) see a
//! consistent state and never wait for the writer (SQLite's WAL mode).
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let store = chronicle_store::Store::open(&dir.path().join("c.db")).unwrap();
//! assert_eq!(store.snapshot().unwrap().count_events().unwrap(), 0);
//! ```

mod clusters;
mod feeds;
mod read;
mod readers;
mod schema;
mod vectors;
mod write;

pub use clusters::StoredCluster;
pub use feeds::FeedState;
pub use read::{EventQuery, Listed, Snapshot};
pub use readers::Readers;
pub use vectors::{dequantise, quantise};
pub use write::Writer;

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A store failure. The store is ours to keep sound, so these are internal
/// errors except [`StoreError::Open`], which names the file the user gave.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open store {path}: {reason}")]
    Open { path: String, reason: String },
    #[error("store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("store: corrupt record: {0}")]
    Corrupt(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The store file, open for writing.
pub struct Store {
    path: PathBuf,
    conn: Connection,
}

impl Store {
    /// Open (or create) the store at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let open_err =
            |e: &dyn std::fmt::Display| StoreError::Open { path: path.display().to_string(), reason: e.to_string() };
        let mut conn = Connection::open(path).map_err(|e| open_err(&e))?;
        schema::configure(&conn).map_err(|e| open_err(&e))?;
        schema::migrate(&mut conn).map_err(|e| open_err(&e))?;
        Ok(Store { path: path.to_path_buf(), conn })
    }

    /// Run `f` inside one transaction: everything it writes is committed
    /// when it returns `Ok`, and nothing when it errs or the process dies.
    pub fn write<T>(&mut self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&Writer::new(&tx))?;
        tx.commit()?;
        Ok(out)
    }

    /// The store's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A read-only view of the store as it is now.
    pub fn snapshot(&self) -> Result<Snapshot<'static>> {
        Snapshot::open(&self.path)
    }

    /// Reads through the writer's own connection (sees its own writes).
    pub fn reader(&self) -> Snapshot<'_> {
        Snapshot::borrowed(&self.conn)
    }

    /// SQLite's integrity check plus our own invariants; the problems found.
    pub fn check(&self) -> Result<Vec<String>> {
        schema::check(&self.conn)
    }
}
