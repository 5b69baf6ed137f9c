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
    let pipeline = chronicle_pipeline::Pipeline::with_fetching(&config, limits);
    Ok(match sentence_encoder() {
        Some(encoder) => pipeline.with_encoder(encoder),
        None => pipeline,
    })
}

/// The sentence encoder of the installed MiniLM weights, if any. Without
/// them Chronicle works as before, ranking related events without
/// sentence vectors; weights named but unreadable are told on stderr.
fn sentence_encoder() -> Option<chronicle_embed::SentenceEncoder> {
    let dir = chronicle_embed::locate()?;
    chronicle_embed::SentenceEncoder::open(&dir)
        .map_err(|e| eprintln!("warning: {e}; related events are ranked without sentence vectors"))
        .ok()
}
