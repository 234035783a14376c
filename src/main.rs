//! The `declcmp` binary: parse arguments, call the library, map the outcome to an exit code.

mod cli;
mod generate;
mod git_diff;
mod matrix_run;

use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{CheckCli, Cli, ColorChoice, GenerateCli, ReadArgs, RenderCli, ShowArgs};
use declcmp::Lang;
use declcmp::input::InputError;
use declcmp::report::safe::visible;
use declcmp::report::{self, RenderOptions};
use declcmp::{CompareOptions, FormatOptions, ReadOptions, check};

/// What a run ended with.
enum Outcome {
    /// The documents say the same thing.
    Same,
    /// They differ.
    Differ,
    /// `declcmp check`: no rule fails.
    Passed,
    /// `declcmp check`: a rule fails.
    Failed,
    /// `declcmp render`: the saved report was written out.
    Rendered,
    /// `declcmp matrix`: the matrix was written out.
    Matrix,
    /// `declcmp --generate`: the man page or the completions were written out.
    Generated,
    /// git's external-diff call: one file of `git diff` was shown, same or not.
    ShownToGit,
}

/// The exit status after SIGINT, SIGTERM or SIGHUP (128 + SIGINT, as a shell reports an
/// interrupted command).
const INTERRUPTED: i32 = 130;

fn main() -> ExitCode {
    // A signal ends the process without destructors: remove the temporary file of an
    // unfinished `-o` first. Without a handler (it could not be set) the default action
    // stands, as before.
    let _ = ctrlc::set_handler(|| {
        declcmp::output::remove_unfinished();
        std::process::exit(INTERRUPTED);
    });
    let mut args: Vec<OsString> = std::env::args_os().collect();
    // `help TOPIC` is `TOPIC --help` (and a file named `help` reads as `./help`).
    if args.get(1).is_some_and(|arg| arg == "help") {
        return exit_code(help(args.get(2)));
    }
    // `check` as the first argument is the CI mode; any other first argument is a document,
    // so `declcmp a b` parses as it always has (a file named `check` reads as `./check`).
    let outcome = if args.get(1).is_some_and(|arg| arg == "check") {
        args.remove(1);
        CheckCli::try_parse_from(args).map(|cli| run_check(&cli))
    } else if args.get(1).is_some_and(|arg| arg == "matrix") {
        args.remove(1);
        cli::MatrixCli::try_parse_from(args).map(|cli| matrix_run::run(&cli))
    } else if args.get(1).is_some_and(|arg| arg == "render") {
        args.remove(1);
        RenderCli::try_parse_from(args).map(|cli| run_render(&cli))
    } else if args.get(1).is_some_and(|arg| {
        arg.to_str()
            .is_some_and(|a| a == "--generate" || a.starts_with("--generate="))
    }) {
        GenerateCli::try_parse_from(args).map(|cli| run_generate(&cli))
    } else if let Some(call) = git_diff::external_diff(&args[1..]) {
        // As diff(1) is to git: the report is the diff, and differing is no failure.
        let cli_args = args[..1]
            .iter()
            .chain(&call.options)
            .cloned()
            .chain([OsString::from("--")])
            .chain([&call.old_file, &call.new_file].map(|file| {
                // A file named `-` is not stdin here.
                if file == "-" {
                    OsString::from("./-")
                } else {
                    file.clone()
                }
            }));
        Cli::try_parse_from(cli_args).map(|cli| run_external_diff(&cli, &call))
    } else {
        Cli::try_parse_from(args).map(|cli| run(&cli))
    };
    exit_code(outcome)
}

/// The one place outcomes become exit statuses: 0 same or passed, 1 differ or failed, 2
/// trouble; a broken pipe (`declcmp a b | head`) is a quiet 0.
fn exit_code(outcome: Result<anyhow::Result<Outcome>, clap::Error>) -> ExitCode {
    match outcome {
        // --help and --version print to stdout as clap lays them out.
        Err(err) if !err.use_stderr() => {
            let _ = err.print();
            ExitCode::from(0)
        }
        Err(err) => {
            let _ = writeln!(io::stderr(), "declcmp: {}", visible(&one_line(&err)));
            ExitCode::from(2)
        }
        Ok(Ok(
            Outcome::Same
            | Outcome::Passed
            | Outcome::Rendered
            | Outcome::Matrix
            | Outcome::Generated
            | Outcome::ShownToGit,
        )) => ExitCode::from(0),
        Ok(Ok(Outcome::Differ | Outcome::Failed)) => ExitCode::from(1),
        Ok(Err(err)) => {
            if is_broken_pipe(&err) {
                return ExitCode::from(0);
            }
            // The library's messages are whole (path, problem, the OS's reason); `{:#}`
            // would repeat the reason a second time as the error's source. Paths and git's
            // words are made visible: a line break in a file name stays on this line.
            let _ = writeln!(io::stderr(), "declcmp: {}", visible(&err.to_string()));
            ExitCode::from(2)
        }
    }
}

/// `declcmp help [TOPIC]`: the long help of `declcmp`, `declcmp check`, `declcmp render`
/// or `declcmp matrix`, as their `--help` prints it; an unknown topic is a usage error.
fn help(topic: Option<&OsString>) -> Result<anyhow::Result<Outcome>, clap::Error> {
    match topic.map(|t| t.to_str()) {
        None => Cli::try_parse_from(["declcmp", "--help"]).map(|cli| run(&cli)),
        Some(Some("check")) => {
            CheckCli::try_parse_from(["declcmp check", "--help"]).map(|cli| run_check(&cli))
        }
        Some(Some("render")) => {
            RenderCli::try_parse_from(["declcmp render", "--help"]).map(|cli| run_render(&cli))
        }
        Some(Some("matrix")) => cli::MatrixCli::try_parse_from(["declcmp matrix", "--help"])
            .map(|cli| matrix_run::run(&cli)),
        Some(_) => Err(clap::Command::new("declcmp").error(
            clap::error::ErrorKind::InvalidSubcommand,
            format!(
                "help: no such command `{}`; the commands are {} (a file named help is ./help)",
                topic.map_or_else(String::new, |t| t.to_string_lossy().into_owned()),
                cli::COMMANDS.join(", ")
            ),
        )),
    }
}

/// `declcmp --generate KIND`: the man page or a shell's completions on stdout.
fn run_generate(cli: &GenerateCli) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    generate::write(cli.generate, &mut out)?;
    out.flush()?;
    Ok(Outcome::Generated)
}

/// A usage error as one line: clap's message with its continuation lines (possible values,
/// tips) joined, without the usage block and the pointer to --help.
fn one_line(err: &clap::Error) -> String {
    let rendered = err.render().to_string();
    let mut pieces: Vec<&str> = Vec::new();
    let mut lines = rendered.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line.starts_with("Usage:") {
            // The usage block runs to the next blank line.
            lines.by_ref().take_while(|l| !l.is_empty()).for_each(drop);
        } else if !line.is_empty() && !line.starts_with("For more information") {
            pieces.push(line.strip_prefix("error: ").unwrap_or(line));
        }
    }
    pieces.join(" ").replace(" tip: ", "; tip: ")
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

pub(crate) fn read_options(args: &ReadArgs) -> (ReadOptions, FormatOptions) {
    let read = ReadOptions {
        unit: args.unit,
        lang: args.lang.as_deref().and_then(Lang::from_tag),
        encoding: args.encoding.clone(),
    };
    let formats = FormatOptions {
        format: args.input_format,
        ocr: args.ocr,
    };
    (read, formats)
}

/// Reads both documents, refusing stdin for both (it can be read once) and warning on
/// stderr about any bytes replaced by U+FFFD.
fn read_both(
    a: &str,
    b: &str,
    read: &ReadOptions,
    formats: FormatOptions,
) -> anyhow::Result<(
    declcmp::document::Document,
    declcmp::document::Document,
    Vec<String>,
)> {
    if a == "-" && b == "-" {
        anyhow::bail!(
            "{}: standard input can be read only once; give `-` for one document",
            declcmp::input::STDIN_DISPLAY_PATH
        );
    }
    let mut all = Vec::new();
    let mut read_one = |spec: &str| -> anyhow::Result<declcmp::document::Document> {
        let (document, warnings) = declcmp::read_document_as(spec, read, formats)?;
        for warning in &warnings {
            let _ = writeln!(io::stderr(), "declcmp: warning: {}", visible(warning));
        }
        all.extend(warnings);
        Ok(document)
    };
    let (a, b) = (read_one(a)?, read_one(b)?);
    Ok((a, b, all))
}

fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let (read, formats) = read_options(&cli.read);
    let (a, b, warnings) = read_both(&cli.a, &cli.b, &read, formats)?;
    let read_took = started.elapsed();
    let read_peak = declcmp::stats::peak_kib();
    let options = cli.matching.compare_options(cli.read.unit);
    let (mut report, mut stats) = declcmp::compare_with_stats(&a, &b, &options);
    report.warnings = warnings;
    stats.prepend_stage("read", read_took, read_peak);
    let rendering = Instant::now();
    emit(&report, &cli.show, &[Path::new(&cli.a), Path::new(&cli.b)])?;
    if cli.stats {
        stats.push_stage("render", rendering.elapsed());
        writeln!(io::stderr(), "{stats}")?;
    }
    Ok(if report.is_same() {
        Outcome::Same
    } else {
        Outcome::Differ
    })
}

/// One file of `git diff` (see [`git_diff`]): git's two files compared as `declcmp A B`
/// compares (in `--format diff` unless the options name another, and `--changes-only`),
/// labelled with the path in the repository. A side declcmp cannot read as a document (a
/// binary file, an undecodable one) is said in one line on stdout, as git says "Binary
/// files differ", and `git diff` goes on with the next file.
fn run_external_diff(cli: &Cli, call: &git_diff::ExternalDiff) -> anyhow::Result<Outcome> {
    let (read, formats) = read_options(&cli.read);
    let read_one =
        |spec: &str, label: &str| -> anyhow::Result<Option<declcmp::document::Document>> {
            match declcmp::read_document_as(spec, &read, formats) {
                Ok((mut document, warnings)) => {
                    for warning in warnings {
                        let warning = warning.replace(spec, label);
                        let _ = writeln!(io::stderr(), "declcmp: warning: {}", visible(&warning));
                    }
                    document.path = label.to_string();
                    Ok(Some(document))
                }
                Err(
                    err @ (declcmp::Error::Format(_)
                    | declcmp::Error::Input(
                        InputError::Binary { .. }
                        | InputError::Undecodable { .. }
                        | InputError::TooLarge { .. },
                    )),
                ) => {
                    let reason = err.to_string().replace(spec, label);
                    writeln!(io::stdout(), "declcmp: {}; not compared", visible(&reason))?;
                    Ok(None)
                }
                Err(err) => Err(anyhow::anyhow!(err.to_string().replace(spec, label))),
            }
        };
    let Some(a) = read_one(&cli.a, &call.old_label)? else {
        return Ok(Outcome::ShownToGit);
    };
    let Some(b) = read_one(&cli.b, &call.new_label)? else {
        return Ok(Outcome::ShownToGit);
    };
    let options = cli.matching.compare_options(cli.read.unit);
    let report = declcmp::compare(&a, &b, &options);
    let format_given = call.options.iter().any(|option| {
        option
            .to_str()
            .is_some_and(|o| o == "--format" || o.starts_with("--format=") || o.starts_with("-f"))
    });
    let mut shown = cli.show.clone();
    if !format_given {
        shown.format = report::Format::Diff;
    }
    // git shows a changed file's changes, not all of it.
    shown.changes_only = true;
    emit(&report, &shown, &[Path::new(&cli.a), Path::new(&cli.b)])?;
    Ok(Outcome::ShownToGit)
}

/// Writes `report` to the output (atomically; never onto one of the `inputs` read) or
/// stdout, coloured and as wide as asked or as the terminal allows.
fn emit(report: &declcmp::Report, shown: &ShowArgs, inputs: &[&Path]) -> anyhow::Result<()> {
    let to_terminal = shown.output.is_none() && io::stdout().is_terminal();
    let color = match shown.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            to_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    // A width of 0, given or reported by the terminal, is no width: the renderers fall back.
    let width = shown.width.filter(|&w| w > 0).unwrap_or_else(|| {
        let terminal = to_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten();
        terminal
            .filter(|&w| w > 0)
            .unwrap_or(report::FALLBACK_WIDTH)
    });
    let render = RenderOptions {
        color,
        width,
        wrap: shown.wrap,
        changes_only: shown.changes_only,
    };
    match shown.output.as_deref() {
        Some(path) => {
            declcmp::output::refuse_input(path, inputs)?;
            declcmp::write_atomically(path, |out| {
                report::render(report, shown.format, &render, out)
            })?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            report::render(report, shown.format, &render, &mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// `declcmp render`: a saved JSON report, read back and written in another format.
fn run_render(cli: &RenderCli) -> anyhow::Result<Outcome> {
    let source = declcmp::input::read_source(&cli.report, None)?;
    let report =
        declcmp::Report::from_json(&source.text).map_err(|reason| declcmp::Error::Report {
            path: source.display_path.clone(),
            reason,
        })?;
    emit(&report, &cli.show, &[Path::new(&cli.report)])?;
    Ok(Outcome::Rendered)
}

fn run_check(cli: &CheckCli) -> anyhow::Result<Outcome> {
    let overrides = check::Overrides {
        fail_on: cli.fail_on.clone(),
        min_level: cli
            .min_level
            .and_then(declcmp::commitment::Level::from_number),
        threshold: cli.threshold,
        ignore_sections: cli.ignore_section.clone(),
        ignore_clauses: cli.ignore_clause.clone(),
    };
    let resolved = check::resolve_for(&cli.old, cli.config.as_deref(), Path::new("."), &overrides)?;
    let rules = resolved.rules;
    let (read, formats) = read_options(&cli.read);
    let (old, new, warnings) = read_both(&cli.old, &cli.new, &read, formats)?;
    let options = CompareOptions {
        threshold: rules.threshold,
        unit: cli.read.unit,
        ..CompareOptions::default()
    };
    let mut report = declcmp::compare(&old, &new, &options);
    report.warnings = warnings;
    let mut verdict = check::check(&report, &rules);
    verdict.notes.extend(resolved.note);
    verdict.rules_from = resolved.source;
    {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        let annotated = workspace_path(&report.b.path);
        check::render(&report, &rules, &verdict, cli.format, annotated, &mut out)?;
        out.flush()?;
    }
    if cli.format == check::Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        append_step_summary(Path::new(&path), &report, &verdict)?;
    }
    Ok(if verdict.passed() {
        Outcome::Passed
    } else {
        Outcome::Failed
    })
}

/// Appends [`check::render_step_summary`] to the file at `path` (`$GITHUB_STEP_SUMMARY`).
fn append_step_summary(
    path: &Path,
    report: &declcmp::Report,
    verdict: &check::Verdict,
) -> declcmp::Result<()> {
    let fail = |source| declcmp::Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(fail)?;
    let mut out = io::BufWriter::new(file);
    check::render_step_summary(report, verdict, &mut out).map_err(fail)?;
    out.flush().map_err(fail)
}

/// The path of a document in the working tree: `HEAD~1:docs/policy.md` names
/// `docs/policy.md` (an existing file whose name has a colon is kept whole).
fn workspace_path(path: &str) -> &str {
    match path.split_once(':') {
        Some((rev, file)) if !rev.is_empty() && !file.is_empty() && !Path::new(path).exists() => {
            file
        }
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_path_strips_a_revision() {
        assert_eq!(workspace_path("HEAD~1:docs/policy.md"), "docs/policy.md");
        assert_eq!(workspace_path("docs/policy.md"), "docs/policy.md");
    }
}
