//! Reporting results and failures the way INTERFACES.md asks: JSON Lines on
//! stdout, one `error: <input>: <reason>` line on stderr per failed input,
//! and a remembered outcome that decides the exit status.

use serde::Serialize;
use std::io::{self, BufWriter, Write};

/// How a run ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Clean,
    SomeFailed,
}

/// Writes JSON Lines to stdout and failures to stderr, counting failures.
pub struct Reporter {
    out: BufWriter<io::Stdout>,
    json: bool,
    failed: usize,
}

impl Reporter {
    pub fn new(json: bool) -> Self {
        Reporter { out: BufWriter::new(io::stdout()), json, failed: 0 }
    }

    /// One JSON object on its own line.
    pub fn emit<T: Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, value)?;
        self.out.write_all(b"\n")
    }

    /// Plain text on stdout (the non-JSON outputs).
    pub fn line(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.write_all(b"\n")
    }

    /// A failed input: named on stderr, and in the JSON output too.
    pub fn fail(&mut self, input: &str, reason: &str) -> io::Result<()> {
        self.failed += 1;
        eprintln!("error: {input}: {reason}");
        if self.json {
            self.emit(&serde_json::json!({"input": input, "error": reason}))?;
        }
        Ok(())
    }

    /// Send what is written so far, for commands that run until stopped.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    pub fn finish(mut self) -> io::Result<Status> {
        self.out.flush()?;
        Ok(if self.failed > 0 { Status::SomeFailed } else { Status::Clean })
    }
}
