//! What can go wrong: the user's bad request or missing page (4xx, said
//! plainly) versus our own failure (500, logged), as HTML for pages and as
//! `{"error": "..."}` for the API.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Json, Response};
use chronicle_publish::site::{html, Links};
use chronicle_store::StoreError;
use serde_json::json;
use std::net::SocketAddr;

/// Where to go from an error page.
const HELP: &str = "<p>Try the <a href=\"/\">latest days</a>, \
<a href=\"/search\">search</a>, or the <a href=\"/api/openapi.json\">JSON API</a>.</p>";

/// Why [`crate::serve`] stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: String },
    #[error("server: {0}")]
    Serve(String),
}

/// Why one request failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A parameter the user gave is malformed: name and reason.
    BadRequest(String),
    /// Nothing here: a sentence saying what was looked for.
    NotFound(String),
    /// Ours: the store or the runtime failed.
    Internal(String),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Internal(e.to_string())
    }
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> &str {
        match self {
            Failure::BadRequest(m) | Failure::NotFound(m) => m,
            // Internal details go to the log, not to the reader.
            Failure::Internal(_) => "Something went wrong on our side; the error has been logged.",
        }
    }

    fn log(&self) {
        if let Failure::Internal(reason) = self {
            eprintln!("error: serve: {reason}");
        }
    }
}

/// A failure as an HTML page.
impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        self.log();
        let title = match self {
            Failure::BadRequest(_) => "Bad request",
            Failure::NotFound(_) => "Not found",
            Failure::Internal(_) => "Server error",
        };
        let body = format!("<h1>{title}</h1>\n<p class=\"notice\">{}</p>\n{HELP}", html::esc(self.message()));
        (self.status(), Html(html::page(title, &body, &Links::server()))).into_response()
    }
}

/// A failure of the JSON API: the same statuses, as `{"error": "..."}`.
pub(crate) struct ApiFailure(pub Failure);

impl From<Failure> for ApiFailure {
    fn from(f: Failure) -> Self {
        ApiFailure(f)
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        self.0.log();
        (self.0.status(), Json(json!({"error": self.0.message()}))).into_response()
    }
}
