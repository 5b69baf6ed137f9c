//! `chronicle serve`: the portal and JSON API on a local address.

use crate::report::Status;
use std::net::SocketAddr;
use std::path::Path;

pub fn run(db: &Path, addr: &str) -> anyhow::Result<Status> {
    let addr: SocketAddr = addr.parse().map_err(|e| anyhow::anyhow!("--addr {addr:?}: {e}"))?;
    super::query::require_store(db)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(chronicle_server::serve(db.to_path_buf(), addr))?;
    Ok(Status::Clean)
}
