//! One module a subcommand; each returns how its run ended.

mod annotate;
mod code_cluster;
mod documents;
mod extract;
mod ingest;
mod jsonl;
mod query;
mod serve;

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
        Command::Ingest { event_lists, inputs, json } => ingest::run(&args.db, &inputs, &event_lists, json),
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
