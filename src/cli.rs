//! Command-line arguments (clap types only, no logic).

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use declcmp::report::Format;
use declcmp::segment::Unit;

/// Compare two policy declarations clause by clause.
///
/// Exit status: 0 when every clause pairs as identical, 1 when anything differs, 2 on
/// trouble.
#[derive(Debug, Parser)]
#[command(name = "declcmp", version, about, long_about)]
pub struct Cli {
    /// The first document (Markdown or plain text; `-` reads stdin).
    pub a: String,
    /// The second document.
    pub b: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Unit of comparison.
    #[arg(long, value_enum, default_value_t = Unit::Sentence)]
    pub unit: Unit,
    /// Language of both documents instead of detecting it (zh or en).
    #[arg(long, value_parser = ["zh", "en"])]
    pub lang: Option<String>,
    /// Similarity threshold in [0, 1] below which clauses are not matched.
    #[arg(long, value_parser = parse_threshold)]
    pub threshold: Option<f64>,
    /// Decode both inputs with this encoding (e.g. gb18030, utf-16le, big5).
    #[arg(long)]
    pub encoding: Option<String>,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Table width in columns (default: the terminal's, else 100).
    #[arg(long)]
    pub width: Option<u16>,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

fn parse_threshold(value: &str) -> Result<f64, String> {
    let x: f64 = value
        .parse()
        .map_err(|_| format!("'{value}' is not a number"))?;
    if !x.is_finite() || !(0.0..=1.0).contains(&x) {
        return Err(format!("{value} is outside [0, 1]"));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn threshold_is_checked() {
        assert!(parse_threshold("0.3").is_ok());
        for bad in ["1.5", "-0.1", "NaN", "inf", "x"] {
            assert!(parse_threshold(bad).is_err(), "{bad}");
        }
    }
}
