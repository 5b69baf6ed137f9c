//! The web portal and JSON API behind `chronicle serve`.
//!
//! Every request reads its own read-only store [`Snapshot`] (over a pooled
//! connection), so readers see one consistent state and never wait for a
//! running `chronicle ingest`.
//! Pages are rendered on the server by [`chronicle_publish::site`] (shared
//! with `chronicle export --format html`), from plain `format!` helpers
//! that escape everything they interpolate; the only HTTP and JSON
//! response shapes of the project live here.
//!
//! Routes: `/` (latest days), `/news/YYYY/MM/DD` (a day; the exported
//! `…/index.md` and `…/<slug>.md` forms redirect), `/event/ID`,
//! `/entity/NAME`, `/dyad/A/B`, `/search`, and the JSON API under `/api/`
//! (described by `/api/openapi.json`).
//!
//! ```no_run
//! # async fn run() -> Result<(), chronicle_server::ServerError> {
//! let addr = "127.0.0.1:8080".parse().unwrap();
//! chronicle_server::serve("chronicle.db".into(), addr).await
//! # }
//! ```

mod api;
mod error;
mod openapi;
mod pages;
mod params;

use axum::routing::get;
use axum::Router;
use chronicle_store::{Readers, Snapshot, Store, StoreError};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use error::Failure;
pub use error::ServerError;

/// What every handler shares: where the store is, and the read-only
/// connections to it, opened on the first request.
#[derive(Clone)]
pub(crate) struct AppState {
    db: Arc<PathBuf>,
    readers: Arc<OnceLock<Readers>>,
}

/// Read connections kept open: enough for the requests two cores serve at
/// once, and for a few more waiting on the disk.
const READERS: u32 = 8;

impl AppState {
    fn new(db: PathBuf) -> Self {
        AppState { db: Arc::new(db), readers: Arc::new(OnceLock::new()) }
    }

    /// The state over a store already opened (and brought up to date),
    /// with its read connections.
    fn opened(db: PathBuf, readers: Readers) -> Self {
        AppState { db: Arc::new(db), readers: Arc::new(OnceLock::from(readers)) }
    }

    fn snapshot(&self) -> Result<Snapshot<'static>, Failure> {
        if let Some(readers) = self.readers.get() {
            return Ok(readers.snapshot()?);
        }
        let readers = open_readers(&self.db)?;
        Ok(self.readers.get_or_init(|| readers).snapshot()?)
    }

    /// Run `f` over a fresh snapshot on the blocking pool: SQLite reads
    /// must not stall the async workers.
    pub(crate) async fn read<T, F>(&self, f: F) -> Result<T, Failure>
    where
        T: Send + 'static,
        F: FnOnce(&Snapshot<'static>) -> Result<T, Failure> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || f(&state.snapshot()?))
            .await
            .map_err(|e| Failure::Internal(format!("request task failed: {e}")))?
    }
}

/// The status boards (of one kind, if given): those the store keeps, or
/// computed from every event while an ingest has not yet refreshed them.
pub(crate) fn boards(
    snap: &Snapshot<'static>,
    kind: Option<chronicle_link::status::StatusKind>,
) -> Result<Vec<chronicle_link::status::Board>, Failure> {
    Ok(chronicle_publish::boards::boards(snap, kind, &chronicle_events::country_code)?)
}

/// The portal and API over the store at `db`, without binding a socket
/// (tests drive it with `tower::ServiceExt::oneshot`).
pub fn router(db: PathBuf) -> Router {
    routes(AppState::new(db))
}

fn routes(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::front))
        .route("/news/{*path}", get(pages::news))
        .route("/event/{id}", get(pages::event))
        .route("/entity/{name}", get(pages::entity))
        .route("/dyad/{a}/{b}", get(pages::dyad))
        .route("/search", get(pages::search))
        .route("/status", get(pages::status))
        .route("/api/events", get(api::events))
        .route("/api/event/{id}", get(api::event))
        .route("/api/entity/{name}", get(api::entity))
        .route("/api/status", get(api::status))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/{*rest}", get(api::not_found))
        .fallback(pages::not_found)
        .with_state(state)
}

/// The store's read connections. The store is opened for writing once
/// first, to bring its schema up to date: read-only connections cannot.
fn open_readers(db: &Path) -> Result<Readers, StoreError> {
    Store::open(db)?;
    Readers::open(db, READERS)
}

/// Serve the portal on `addr` until the process is stopped.
///
/// The store is opened (its schema brought up to date) and its read
/// connections made once, before binding, so a bad `--db` is reported at
/// once rather than on the first request.
pub async fn serve(db: PathBuf, addr: SocketAddr) -> Result<(), ServerError> {
    let readers = open_readers(&db)?;
    readers.snapshot()?;
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|e| ServerError::Bind { addr, reason: e.to_string() })?;
    let local = listener.local_addr().unwrap_or(addr);
    eprintln!("chronicle: serving {} on http://{local}/", db.display());
    axum::serve(listener, routes(AppState::opened(db, readers))).await.map_err(|e| ServerError::Serve(e.to_string()))
}
