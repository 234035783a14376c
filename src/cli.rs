//! Command-line arguments (clap types only, no logic).

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, Parser, ValueEnum};

use declcmp::Unit;
use declcmp::check::{self, Change};
use declcmp::document::format::InputFormat;
use declcmp::matrix::RowOrder;
use declcmp::matrix::render::MatrixFormat;
use declcmp::report::Format;

/// Compare two policy declarations clause by clause.
///
/// Exit status: 0 when every clause pairs as identical, 1 when anything differs, 2 on
/// trouble.
#[derive(Debug, Parser)]
#[command(
    name = "declcmp",
    version,
    about,
    long_about,
    after_help = "CI mode: `declcmp check OLD NEW` fails a revision by rules; see `declcmp help check`.\nA saved JSON report: `declcmp render REPORT.json --format F`; see `declcmp help render`.\nOne against many: `declcmp matrix FOCUS OTHER...` (a clause grid, themes, similarity); see `declcmp help matrix`.\nA man page or shell completions: `declcmp --generate man|complete-bash|complete-zsh|complete-fish|complete-powershell`.\nAs git's diff driver: `GIT_EXTERNAL_DIFF=declcmp git diff` (see the README)."
)]
pub struct Cli {
    /// The first document (Markdown, text, PDF, DOCX or HTML; `-` reads stdin).
    pub a: String,
    /// The second document.
    pub b: String,
    /// How the report is shown.
    #[command(flatten)]
    pub show: ShowArgs,
    /// How both documents are read.
    #[command(flatten)]
    pub read: ReadArgs,
    /// How clauses are matched.
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Print per-stage timings and counts (clauses, pairs scored, pairs) to stderr.
    #[arg(long)]
    pub stats: bool,
}

/// Check a revision of a declaration against rules (the CI mode).
///
/// Compares OLD with NEW and fails on the changes the rules name: by default a removed clause
/// of commitment level 1 or more, and any weakened or reversed commitment. Rules come from --config FILE,
/// else ./declcmp.toml when it exists; flags replace the file's values.
///
/// Exit status: 0 when the revision passes, 1 when a rule fails, 2 on trouble.
#[derive(Debug, Parser)]
#[command(
    name = "declcmp check",
    bin_name = "declcmp check",
    version,
    about,
    long_about
)]
pub struct CheckCli {
    /// The document as it was: a path, `-` for stdin, or `REV:path` for a git revision.
    pub old: String,
    /// The revision to check, named as OLD is.
    pub new: String,
    /// Rules file (default: ./declcmp.toml when it exists).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Changes that fail the check, comma-separated [default: removed,weakened,reversed].
    #[arg(
        long,
        value_parser = named::<Change>(Change::NAMES),
        value_delimiter = ',',
        value_name = "CHANGE"
    )]
    pub fail_on: Option<Vec<Change>>,
    /// Commitment level (0-3) from which a change other than a weakening or reversal counts [default: 1].
    #[arg(long, value_name = "LEVEL", value_parser = clap::value_parser!(u8).range(0..=3))]
    pub min_level: Option<u8>,
    /// A fixed similarity cut-off in [0, 1] [default: decided relative to the two documents].
    #[arg(long, value_parser = parse_threshold, allow_negative_numbers = true)]
    pub threshold: Option<f64>,
    /// Ignore clauses under this heading (repeatable).
    #[arg(long, value_name = "HEADING")]
    pub ignore_section: Option<Vec<String>>,
    /// Ignore changes to clauses containing this text (repeatable).
    #[arg(long, value_name = "TEXT")]
    pub ignore_clause: Option<Vec<String>>,
    /// Output format: summary, github (workflow commands; also appends a Markdown report to
    /// $GITHUB_STEP_SUMMARY), json (the report with a `check` object).
    #[arg(
        long,
        short = 'f',
        value_parser = named::<check::Format>(check::Format::NAMES),
        default_value = "summary"
    )]
    pub format: check::Format,
    /// How both documents are read.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Render a saved JSON report in another format.
///
/// Reads what `declcmp A B --format json` (or `declcmp check --format json`) wrote and
/// prints it as that comparison would have in --format, byte for byte: a CI job keeps the
/// JSON as an artifact and renders a table, a diff or Markdown from it later.
///
/// Exit status: 0 when the report was rendered, 2 on trouble.
#[derive(Debug, Parser)]
#[command(
    name = "declcmp render",
    bin_name = "declcmp render",
    version,
    about,
    long_about
)]
pub struct RenderCli {
    /// The saved report: a path, `-` for stdin, or `REV:path` for a git revision.
    pub report: String,
    /// How the report is shown.
    #[command(flatten)]
    pub show: ShowArgs,
}

/// Compare one declaration against many (a clause grid, themes, document similarity).
///
/// The first document is the focus; every other is aligned against it with the same
/// decisions as `declcmp FOCUS OTHER`, words weighed over the whole set. Shows the focus's
/// clauses against every other document ("shared by k of N"), which themes each document
/// addresses and how firmly (and which the focus lacks), and how close the documents are to
/// each other. A directory stands for the documents in it; a quoted glob (`'corpus/*.md'`)
/// is expanded.
///
/// Exit status: 0 when the matrix was written, 2 on trouble.
#[derive(Debug, Parser)]
#[command(
    name = "declcmp matrix",
    bin_name = "declcmp matrix",
    version,
    about,
    long_about
)]
pub struct MatrixCli {
    /// The focus document, then the others (files, directories or globs).
    #[arg(value_name = "FOCUS", required = true)]
    pub focus: String,
    /// The documents to compare with the focus: at least one.
    #[arg(value_name = "OTHER", required = true)]
    pub others: Vec<String>,
    /// Output format: table (terminal tables), markdown (a brief), json (the
    /// declcmp.matrix/1 contract), html (one self-contained page).
    #[arg(long, short = 'f', value_parser = named::<MatrixFormat>(MatrixFormat::NAMES), default_value = "table")]
    pub format: MatrixFormat,
    /// Order of the clause grid: document (the focus's order) or shared (fewest documents
    /// sharing first, most last). The JSON keeps document order.
    #[arg(long, value_parser = named::<RowOrder>(RowOrder::NAMES), default_value = "document")]
    pub sort: RowOrder,
    /// A theme taxonomy of your own: the layout of data/themes.tsv (id, English name,
    /// Chinese name, source, concept ids of data/concepts.tsv).
    #[arg(long, value_name = "FILE")]
    pub themes: Option<PathBuf>,
    /// Write the matrix to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Table width in columns (default: the terminal's, else 100; 0 also means 100).
    #[arg(long)]
    pub width: Option<u16>,
    /// How clauses are matched, in each pair as `declcmp FOCUS OTHER` matches them.
    #[command(flatten)]
    pub matching: MatchArgs,
    /// Print per-stage timings and counts to stderr.
    #[arg(long)]
    pub stats: bool,
    /// How every document is read.
    #[command(flatten)]
    pub read: ReadArgs,
}

/// `declcmp --generate KIND`: a man page or shell completions on stdout.
#[derive(Debug, Parser)]
#[command(name = "declcmp", version)]
pub struct GenerateCli {
    /// Print the man page (roff) or the completions of a shell to stdout, and exit.
    #[arg(long, value_enum, value_name = "KIND")]
    pub generate: Generate,
}

/// What `declcmp --generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page, `declcmp.1` (all three commands in one page).
    Man,
    /// Completions for bash.
    CompleteBash,
    /// Completions for zsh.
    CompleteZsh,
    /// Completions for fish.
    CompleteFish,
    /// Completions for PowerShell.
    CompletePowershell,
}

/// The commands `declcmp` answers, `declcmp help TOPIC` included.
pub const COMMANDS: [&str; 3] = ["check", "render", "matrix"];

/// `declcmp` as one clap command with `check` and `render` as subcommands and `--generate`
/// among its options: what the completions describe. The binary parses each command with
/// its own parser instead (see `main.rs`), so `declcmp a b` never reads a document name as
/// a command.
pub fn documented_command() -> clap::Command {
    comparison_command()
        .subcommand(CheckCli::command().name("check").bin_name("declcmp check"))
        .subcommand(
            RenderCli::command()
                .name("render")
                .bin_name("declcmp render"),
        )
        .subcommand(
            MatrixCli::command()
                .name("matrix")
                .bin_name("declcmp matrix"),
        )
        .args_conflicts_with_subcommands(true)
        .subcommand_negates_reqs(true)
}

/// The plain comparison's command with `--generate` among its options.
pub fn comparison_command() -> clap::Command {
    let generate = GenerateCli::command()
        .get_arguments()
        .find(|arg| arg.get_id() == "generate")
        .cloned()
        .expect("GenerateCli has --generate")
        .required(false)
        .exclusive(true);
    Cli::command().arg(generate)
}

/// How a report is shown: options `declcmp` and `declcmp render` share.
#[derive(Debug, Clone, clap::Args)]
pub struct ShowArgs {
    /// Output format: table (terminal tables), diff (clause-level unified diff with
    /// word-level changes), markdown (a brief for issues and reports), json (the
    /// declcmp.report/1 contract), html (one self-contained side-by-side page).
    #[arg(long, short = 'f', value_parser = named::<Format>(Format::NAMES), default_value = "table")]
    pub format: Format,
    /// Write the report to FILE (atomically) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Table width in columns (default: the terminal's, else 100; 0 also means 100).
    #[arg(long)]
    pub width: Option<u16>,
    /// Table: wrap clause text in its cell instead of cutting it to the width.
    #[arg(long)]
    pub wrap: bool,
    /// Table and diff: collapse runs of identical clauses to a count, showing only changes.
    #[arg(long)]
    pub changes_only: bool,
}

/// How clauses are matched: options `declcmp` and `declcmp matrix` share.
#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    /// A fixed similarity cut-off in [0, 1] [default: decided relative to the documents
    /// compared].
    #[arg(long, value_parser = parse_threshold, allow_negative_numbers = true)]
    pub threshold: Option<f64>,
    /// Between two different texts, count a pair as the same commitment from this
    /// confidence in [0, 1] up (lower finds more pairs, and more wrong ones) [default: the
    /// fitted 0.30].
    #[arg(long, value_name = "C", value_parser = parse_threshold, allow_negative_numbers = true)]
    pub min_confidence: Option<f64>,
}

impl MatchArgs {
    /// The comparison these options and `unit` ask for.
    pub fn compare_options(&self, unit: Unit) -> declcmp::CompareOptions {
        declcmp::CompareOptions {
            threshold: self.threshold,
            unit,
            min_confidence: self.min_confidence,
            ..declcmp::CompareOptions::default()
        }
    }
}

/// How the documents are read: options `declcmp` and `declcmp check` share.
#[derive(Debug, clap::Args)]
pub struct ReadArgs {
    /// Unit of comparison: sentence, or paragraph (paragraphs, list items, table rows).
    #[arg(long, value_parser = named::<Unit>(Unit::NAMES), default_value = "sentence")]
    pub unit: Unit,
    /// Language of both documents instead of detecting it (zh or en).
    #[arg(long, value_parser = ["zh", "en"])]
    pub lang: Option<String>,
    /// Decode both inputs with this encoding (e.g. gb18030, utf-16le, big5).
    #[arg(long, value_parser = parse_encoding)]
    pub encoding: Option<String>,
    /// Read both inputs in this format instead of telling it from their content.
    #[arg(long, value_parser = named::<InputFormat>(InputFormat::NAMES), default_value = "auto")]
    pub input_format: InputFormat,
    /// Read a PDF without a text layer by OCR (needs tesseract and pdftoppm installed).
    #[arg(long)]
    pub ocr: bool,
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

/// A value parser over one of the library's option enums: clap lists its names in --help,
/// errors and completions, and the enum's `FromStr` turns the name given into the value.
fn named<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Debug,
{
    PossibleValuesParser::new(names).map(|name| {
        name.parse::<T>()
            .expect("clap admits only the names the enum lists")
    })
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

/// A WHATWG encoding label that [`declcmp::input`] can decode with, checked before any
/// input is read.
fn parse_encoding(value: &str) -> Result<String, String> {
    match declcmp::input::encoding_for_label(value) {
        Some(_) => Ok(value.to_string()),
        None => Err("not a supported encoding label (e.g. utf-8, gb18030, big5, utf-16le)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
        CheckCli::command().debug_assert();
        RenderCli::command().debug_assert();
        MatrixCli::command().debug_assert();
        GenerateCli::command().debug_assert();
        documented_command().debug_assert();
    }

    #[test]
    fn documented_command_has_the_commands_and_generate() {
        let command = documented_command();
        let names: Vec<&str> = command
            .get_subcommands()
            .map(clap::Command::get_name)
            .collect();
        assert_eq!(names, COMMANDS);
        assert!(
            command
                .get_arguments()
                .any(|arg| arg.get_long() == Some("generate"))
        );
        let check = command.find_subcommand("check").expect("check");
        assert!(
            check
                .get_arguments()
                .any(|arg| arg.get_long() == Some("fail-on"))
        );
    }

    #[test]
    fn check_flags_parse() {
        let cli = CheckCli::try_parse_from([
            "declcmp check",
            "a.md",
            "b.md",
            "--fail-on",
            "removed,added",
            "--min-level",
            "3",
            "--ignore-section",
            "序言",
            "--ignore-section",
            "附件",
        ])
        .unwrap();
        assert_eq!(cli.fail_on, Some(vec![Change::Removed, Change::Added]));
        assert_eq!(cli.min_level, Some(3));
        assert_eq!(
            cli.ignore_section,
            Some(vec!["序言".to_string(), "附件".to_string()])
        );
        assert!(CheckCli::try_parse_from(["declcmp check", "a", "b", "--min-level", "4"]).is_err());
    }

    #[test]
    fn threshold_is_checked() {
        assert!(parse_threshold("0.3").is_ok());
        for bad in ["1.5", "-0.1", "NaN", "inf", "x"] {
            assert!(parse_threshold(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_help_names_the_fitted_confidence() {
        use clap::CommandFactory;
        let command = Cli::command();
        let help = command
            .get_arguments()
            .find(|arg| arg.get_id() == "min_confidence")
            .and_then(|arg| arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        let fitted = format!("{:.2}", declcmp::tuning::CrossModel::DEFAULT.same);
        assert!(help.contains(&fitted), "{help:?} should name {fitted}");
    }

    #[test]
    fn negative_threshold_is_a_value_not_a_flag() {
        let err = Cli::try_parse_from(["declcmp", "a", "b", "--threshold", "-0.1"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
        let err = CheckCli::try_parse_from(["declcmp check", "a", "b", "--threshold", "-0.1"])
            .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ValueValidation);
    }

    #[test]
    fn encoding_labels_are_checked() {
        for good in ["gbk", "GB18030", "big5", "utf-16le", "UTF-8"] {
            assert!(parse_encoding(good).is_ok(), "{good}");
        }
        for bad in ["foo", "iso-2022-kr", ""] {
            assert!(parse_encoding(bad).is_err(), "{bad}");
        }
    }
}
