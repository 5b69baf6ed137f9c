//! One module a subcommand; each returns how its run ended.

mod annotate;
mod code_cluster;
mod documents;
mod extract;
mod jsonl;

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
        Command::Ingest { .. } | Command::Events { .. } | Command::Export { .. } | Command::Check => {
            anyhow::bail!("not built yet")
        }
    }
}
