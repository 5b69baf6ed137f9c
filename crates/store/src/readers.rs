//! A pool of read-only connections for a long-running reader (the
//! portal): opening a connection per request costs the schema parse and
//! starts from a cold page cache, which on a large store made the pages
//! that read thousands of rows slow under load.

use crate::{Result, Snapshot, StoreError};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::OpenFlags;
use std::path::Path;

/// How much of the file each connection maps into memory: reads of mapped
/// pages skip SQLite's own copy, and the OS page cache is shared by all.
const MMAP_BYTES: i64 = 1 << 30;
/// Each connection's own page cache, in KiB (SQLite's negative form).
const CACHE_KIB: i64 = 32 * 1024;

/// Read-only connections to one store, reused across snapshots. Each
/// snapshot still holds its own read transaction, so readers see one
/// consistent state and never wait for the writer (WAL).
#[derive(Clone)]
pub struct Readers {
    pool: r2d2::Pool<SqliteConnectionManager>,
    path: String,
}

impl Readers {
    /// Up to `size` connections to the store at `path`, opened as needed.
    pub fn open(path: &Path, size: u32) -> Result<Readers> {
        let manager = SqliteConnectionManager::file(path)
            .with_flags(OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .with_init(|conn| {
                conn.busy_timeout(std::time::Duration::from_secs(30))?;
                conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
                conn.pragma_update(None, "cache_size", -CACHE_KIB)
            });
        let shown = path.display().to_string();
        let pool = r2d2::Pool::builder()
            .max_size(size.max(1))
            .min_idle(Some(1))
            .build(manager)
            .map_err(|e| StoreError::Open { path: shown.clone(), reason: e.to_string() })?;
        Ok(Readers { pool, path: shown })
    }

    /// A consistent read-only view of the store as it is now.
    pub fn snapshot(&self) -> Result<Snapshot<'static>> {
        let conn = self.pool.get().map_err(|e| StoreError::Open { path: self.path.clone(), reason: e.to_string() })?;
        Snapshot::pooled(conn)
    }
}
