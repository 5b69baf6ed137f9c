//! Reading JSON Lines inputs record by record: a bad line is a failed input
//! named `FILE:LINE`, and the rest of the file goes on.

use crate::report::Reporter;
use serde::de::DeserializeOwned;
use std::io::{BufRead, BufReader, Read};

/// Call `f` with each record of each input (a path or `-`), reporting
/// unreadable files and malformed lines on `reporter`.
pub fn for_each_record<T: DeserializeOwned>(
    inputs: &[String],
    reporter: &mut Reporter,
    mut f: impl FnMut(T, &mut Reporter) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for input in inputs {
        let reader: Box<dyn Read> = if input == "-" {
            Box::new(std::io::stdin())
        } else {
            match open(input) {
                Ok(r) => r,
                Err(reason) => {
                    reporter.fail(input, &reason)?;
                    continue;
                }
            }
        };
        // Split on \n only: U+2028 and U+2029 are legal inside JSON strings.
        for (i, line) in BufReader::new(reader).split(b'\n').enumerate() {
            let name = format!("{input}:{}", i + 1);
            let line = match line {
                Ok(l) => l,
                Err(e) => {
                    reporter.fail(&name, &e.to_string())?;
                    break;
                }
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            match serde_json::from_slice::<T>(&line) {
                Ok(record) => f(record, reporter)?,
                Err(e) => reporter.fail(&name, &format!("bad JSON record: {e}"))?,
            }
        }
    }
    Ok(())
}

fn open(input: &str) -> Result<Box<dyn Read>, String> {
    let file = std::fs::File::open(input).map_err(|e| e.to_string())?;
    if input.ends_with(".gz") {
        Ok(Box::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Ok(Box::new(file))
    }
}
