//! The `declcmp` binary: parse arguments, call the library, map the outcome to an exit code.

mod cli;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, ColorChoice};
use declcmp::lang::Lang;
use declcmp::report::{self, RenderOptions};
use declcmp::{CompareOptions, ReadOptions};

/// What a run ended with.
enum Outcome {
    /// The documents say the same thing.
    Same,
    /// They differ.
    Differ,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    match run(&cli) {
        Ok(Outcome::Same) => ExitCode::from(0),
        Ok(Outcome::Differ) => ExitCode::from(1),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(0);
            }
            let _ = writeln!(io::stderr(), "declcmp: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<declcmp::Error>().is_some_and(
                |e| matches!(e, declcmp::Error::Io(io) if io.kind() == io::ErrorKind::BrokenPipe),
            )
    })
}

fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    let read = ReadOptions {
        unit: cli.unit,
        lang: cli.lang.as_deref().and_then(Lang::from_tag),
        encoding: cli.encoding.clone(),
    };
    let a = declcmp::read_document(&cli.a, &read)?;
    let b = declcmp::read_document(&cli.b, &read)?;
    let options = CompareOptions {
        threshold: cli.threshold,
        unit: cli.unit,
    };
    let report = declcmp::compare(&a, &b, &options);
    let to_terminal = cli.output.is_none() && io::stdout().is_terminal();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let width = cli.width.unwrap_or_else(|| {
        if to_terminal {
            comfy_table::Table::new().width().unwrap_or(100)
        } else {
            100
        }
    });
    let render = RenderOptions { color, width };
    match &cli.output {
        Some(path) => declcmp::write_atomically(path, |out| {
            report::render(&report, cli.format, &render, out)
        })?,
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::render(&report, cli.format, &render, &mut out)?;
            out.flush()?;
        }
    }
    Ok(if report.is_same() {
        Outcome::Same
    } else {
        Outcome::Differ
    })
}
