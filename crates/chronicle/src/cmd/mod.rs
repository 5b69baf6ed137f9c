//! One module a subcommand; each returns how its run ended.

mod annotate;
mod code_cluster;
mod documents;
mod extract;
mod ingest;
mod jsonl;
mod query;
mod serve;
mod watch;

use crate::cli::{Args, Command};
use crate::report::Status;

pub fn run(args: Args) -> anyhow::Result<Status> {
    match args.command {
        Command::Extract { json, inputs } => extract::run(&inputs, json),
        Command::Annotate { json, conll: Some(file), .. } => {
            let _ = json;
            annotate::run_conll(&file)
        }
        Command::Annotate { json, conll: None, dct, inputs } => annotate::run(&inputs, dct.as_deref(), json),
        Command::Code { json, inputs } => code_cluster::run_code(&inputs, json),
        Command::Cluster { json, inputs } => code_cluster::run_cluster(&inputs, json),
        Command::Ingest { event_lists, inputs, json, fetch } => {
            ingest::run(&args.db, &inputs, &event_lists, json, &fetch)
        }
        Command::Watch { interval, rounds, max_backoff, json, fetch, feeds } => {
            let every = watch::Schedule {
                interval: seconds("--interval", interval)?,
                rounds,
                max_backoff: seconds("--max-backoff", max_backoff)?,
            };
            watch::run(&args.db, &feeds, &every, &fetch, json)
        }
        Command::Events { json, from, to, entity, query } => {
            query::events(&args.db, query::EventFilter { from, to, entity, query }, json)
        }
        Command::Timeline { json, entity, with } => query::timeline(&args.db, &entity, with.as_deref(), json),
        Command::Export { format, out } => query::export(&args.db, &format, &out),
        Command::Status { json, entity } => query::status(&args.db, entity.as_deref(), json),
        Command::Serve { addr } => serve::run(&args.db, &addr),
        Command::Check => query::check(&args.db),
    }
}

/// A flag's seconds as a duration; zero, negative or not a number is a
/// usage error.
fn seconds(flag: &str, value: f64) -> anyhow::Result<std::time::Duration> {
    match std::time::Duration::try_from_secs_f64(value) {
        Ok(d) if !d.is_zero() => Ok(d),
        _ => anyhow::bail!("{flag} {value}: not a positive number of seconds"),
    }
}

/// The pipeline with the fetch limits the flags set.
fn pipeline(fetch: &crate::cli::FetchFlags) -> anyhow::Result<chronicle_pipeline::Pipeline> {
    let config = chronicle_ingest::fetch::FetchConfig {
        timeout: seconds("--timeout", fetch.timeout)?,
        ..chronicle_ingest::fetch::FetchConfig::default()
    };
    let limits = chronicle_pipeline::WebLimits { linked_per_feed: fetch.linked, concurrency: fetch.concurrency };
    Ok(chronicle_pipeline::Pipeline::with_fetching(&config, limits).with_encoder(sentence_encoder()))
}

/// The sentence encoder, when its weights are installed (`$CHRONICLE_MINILM`
/// or the default directory; see `scripts/setup-embeddings`). Without them
/// clustering reads words and entities alone and related events are
/// ranked by the model without vectors; weights named but unreadable
/// are said once on stderr, and both go on without them.
fn sentence_encoder() -> Option<chronicle_embed::SentenceEncoder> {
    let dir = chronicle_embed::locate()?;
    match chronicle_embed::SentenceEncoder::open(&dir) {
        Ok(encoder) => Some(encoder),
        Err(e) => {
            eprintln!("warning: clustering without sentence vectors, and related events ranked without them: {e}");
            None
        }
    }
}
