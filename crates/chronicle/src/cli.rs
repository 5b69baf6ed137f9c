//! Command-line flags, as INTERFACES.md sets them out.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "chronicle", version, about = "Turns news articles into a linked, dated chronicle of events.")]
pub struct Args {
    /// The store file (default: chronicle.db in the working directory).
    #[arg(long, global = true, env = "CHRONICLE_DB", default_value = "chronicle.db")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Extract main text and metadata from pages (HTML, text, Markdown, .gz).
    Extract {
        #[arg(long)]
        json: bool,
        /// Files, folders (walked recursively) or - for standard input.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Sentences, entities and time expressions.
    Annotate {
        #[arg(long)]
        json: bool,
        /// Read CoNLL-2003 columns from FILE and write token<TAB>IOB2 tag.
        #[arg(long, value_name = "FILE", conflicts_with = "inputs")]
        conll: Option<String>,
        /// Document date for inputs without one (YYYY-MM-DD).
        #[arg(long)]
        dct: Option<String>,
        /// Files, folders, - for standard input, or .jsonl of {id, text, published}.
        #[arg(required_unless_present = "conll")]
        inputs: Vec<String>,
    },
    /// Code sentences with a PLOVER event type, actors and a score.
    Code {
        #[arg(long)]
        json: bool,
        /// JSON Lines of {id, text, date}.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Cluster a stream of articles into events.
    Cluster {
        #[arg(long)]
        json: bool,
        /// JSON Lines of {id, title, text, published, url, source}, in arrival order.
        #[arg(required = true)]
        inputs: Vec<String>,
    },
    /// Ingest articles (and curated event lists) into the store.
    Ingest {
        /// A curated event list: JSON Lines of {date, text, outlets, stories, category}.
        #[arg(long = "events", value_name = "FILE.jsonl")]
        event_lists: Vec<String>,
        /// Files, folders, - for standard input, or http(s) URLs of RSS/Atom
        /// feeds and article pages.
        inputs: Vec<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        fetch: FetchFlags,
    },
    /// Poll RSS/Atom feeds and ingest their new entries, until interrupted
    /// (Ctrl-C or SIGTERM end it between two feeds).
    ///
    /// Each poll is a conditional request (If-None-Match, If-Modified-Since)
    /// with what the store remembers of the feed; an unchanged feed answers
    /// 304 and costs nothing. A failing feed waits twice as long after each
    /// failure, up to --max-backoff, and never less than its Retry-After.
    /// Entries and articles already stored are not read again.
    Watch {
        /// Seconds between two polls of a feed.
        #[arg(long, value_name = "SECS", default_value_t = 300.0)]
        interval: f64,
        /// Stop after this many rounds (a round polls every feed that is due).
        #[arg(long, value_name = "N")]
        rounds: Option<u64>,
        /// The longest wait, in seconds, after a feed's failures.
        #[arg(long, value_name = "SECS", default_value_t = 3600.0)]
        max_backoff: f64,
        /// One object a poll on stdout: {feed, status, new, duplicate, failed, next_poll_secs}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        fetch: FetchFlags,
        /// http(s) URLs of RSS or Atom feeds.
        #[arg(required = true, value_name = "FEED_URL")]
        feeds: Vec<String>,
    },
    /// List the stored events, newest first.
    Events {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        entity: Option<String>,
        /// Full-text search over summaries and evidence.
        #[arg(long = "query", short = 'q')]
        query: Option<String>,
    },
    /// Write the chronicle as static pages.
    Export {
        /// markdown (day and event pages), or html (the portal's pages
        /// with relative links: open OUT/index.html or serve OUT as is).
        #[arg(long, default_value = "markdown")]
        format: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The events of an entity, or of two (a dyad), oldest first: the story.
    Timeline {
        #[arg(long)]
        json: bool,
        #[arg(long, required = true)]
        entity: String,
        /// A second entity: only the events they share.
        #[arg(long)]
        with: Option<String>,
    },
    /// Status boards: sanctions, detentions and diplomatic ties, what holds
    /// now and which event changed it.
    Status {
        #[arg(long)]
        json: bool,
        /// Only the boards whose subject or actor is this entity.
        #[arg(long)]
        entity: Option<String>,
    },
    /// Serve the portal and its JSON API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
    },
    /// Check the store's integrity.
    Check,
}

/// Limits on what is fetched over HTTP(S).
#[derive(clap::Args, Debug, Clone)]
pub struct FetchFlags {
    /// Seconds one request may take, connecting and reading the body included.
    #[arg(long, value_name = "SECS", env = "CHRONICLE_FETCH_TIMEOUT", default_value_t = 30.0)]
    pub timeout: f64,
    /// Linked article pages fetched for one feed read, for entries that
    /// carry only a summary (the rest are read from their summary).
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub linked: usize,
    /// Requests under way at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,
}
