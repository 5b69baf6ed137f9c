//! The `chronicle` command line: flags are parsed into a validated command,
//! library code does the work, and the exit status is decided here alone
//! (0 all inputs processed, 1 some failed, 2 usage error or nothing done).

mod cli;
mod cmd;
mod report;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Before any thread starts: it sets an environment variable.
    chronicle_embed::keep_element_wise_ops_on_one_thread();
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let usage = err.use_stderr();
            let _ = err.print();
            return ExitCode::from(if usage { 2 } else { 0 });
        }
    };
    match cmd::run(args) {
        Ok(report::Status::Clean) => ExitCode::SUCCESS,
        Ok(report::Status::SomeFailed) => ExitCode::from(1),
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
