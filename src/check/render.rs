//! Writing a verdict: the summary, GitHub Actions workflow commands, the JSON report with a
//! `check` object, and the Markdown job summary.

use std::io::{self, Write};

use serde::Serialize;

use super::{Change, Finding, Rules, Side, Verdict};
use crate::commitment::Level;
use crate::report::{self, RenderOptions, Report};

/// Display width at which clause text is cut in the summary and annotations: enough to
/// recognise a clause, short enough for one log line.
pub(super) const TEXT_COLUMNS: usize = 60;

/// The output formats of `declcmp check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// What failed, then counts, for people reading a CI log.
    #[default]
    Summary,
    /// GitHub Actions workflow commands (`::error`, `::warning`, `::notice`).
    Github,
    /// The `declcmp.report/1` JSON report with a `check` object added.
    Json,
}

named!(Format {
    Summary => "summary",
    Github => "github",
    Json => "json",
});

/// Renders the verdict of a check in `format`. `annotated_file` is the path GitHub
/// annotations name: NEW's path in the working tree (`docs/policy.md` for
/// `HEAD:docs/policy.md`), which the caller knows and a renderer does not.
pub fn render(
    report: &Report,
    rules: &Rules,
    verdict: &Verdict,
    format: Format,
    annotated_file: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Summary => render_summary(report, verdict, out),
        Format::Github => render_github(report, verdict, annotated_file, out),
        Format::Json => render_json(report, rules, verdict, out),
    }
}

/// Writes the verdict line, each failure, and the counts.
pub(super) fn render_summary(
    report: &Report,
    verdict: &Verdict,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "declcmp check {} -> {}: {}",
        report.a.path,
        report.b.path,
        verdict_sentence(verdict)
    )?;
    for finding in &verdict.failures {
        writeln!(
            out,
            "  FAIL {} {}:{}",
            describe(finding),
            report.b.path,
            finding.line
        )?;
        writeln!(out, "       {}", abbreviate(finding_text(finding)))?;
    }
    write_counts(report, verdict, out)
}

/// Writes one workflow command per finding (`::error` for failures; `::warning` for a
/// reported removal or weakening, `::notice` for other reported changes), then the counts.
pub(super) fn render_github(
    report: &Report,
    verdict: &Verdict,
    annotated_file: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let file = escape_property(annotated_file);
    let commands = verdict
        .failures
        .iter()
        .map(|f| ("error", f))
        .chain(verdict.notices.iter().map(|f| {
            let command = if f.change.is_loss() {
                "warning"
            } else {
                "notice"
            };
            (command, f)
        }));
    for (command, finding) in commands {
        let message = format!(
            "{}: {}",
            describe(finding),
            abbreviate(finding_text(finding))
        );
        writeln!(
            out,
            "::{command} file={file},line={},title=declcmp::{}",
            finding.line,
            escape_data(&message)
        )?;
    }
    writeln!(
        out,
        "declcmp check {} -> {}: {}",
        report.a.path,
        report.b.path,
        verdict_sentence(verdict)
    )?;
    write_counts(report, verdict, out)
}

/// The `check` object added to the JSON report.
#[derive(Serialize)]
struct CheckJson<'a> {
    verdict: &'static str,
    rules: &'a Rules,
    failures: &'a [Finding],
    notices: &'a [Finding],
    ignored: usize,
}

/// The report with the verdict added; the report's fields stay where the schema has them.
#[derive(Serialize)]
struct CheckedReport<'a> {
    #[serde(flatten)]
    report: &'a Report,
    check: CheckJson<'a>,
}

/// Writes the `declcmp.report/1` JSON report with a `check` object (verdict, rules,
/// failures, notices, ignored) added, followed by a newline.
pub(super) fn render_json(
    report: &Report,
    rules: &Rules,
    verdict: &Verdict,
    out: &mut dyn Write,
) -> io::Result<()> {
    let checked = CheckedReport {
        report,
        check: CheckJson {
            verdict: verdict.name(),
            rules,
            failures: &verdict.failures,
            notices: &verdict.notices,
            ignored: verdict.ignored,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &checked)?;
    writeln!(out)
}

/// Writes the verdict as Markdown (a heading and a table of failures), then the Markdown
/// report: what a GitHub job summary shows.
pub fn render_step_summary(
    report: &Report,
    verdict: &Verdict,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## declcmp check: {}", verdict_sentence(verdict))?;
    writeln!(out)?;
    writeln!(out, "`{}` → `{}`", report.a.path, report.b.path)?;
    writeln!(out)?;
    if !verdict.failures.is_empty() {
        writeln!(
            out,
            "| Change | Clause | Line | Section | Commitment | Text |"
        )?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for f in &verdict.failures {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                f.change.name(),
                escape_cell(&clause_ids(f)),
                f.line,
                escape_cell(f.section.as_deref().unwrap_or("")),
                escape_cell(&commitment_note(f).unwrap_or_default()),
                escape_cell(&abbreviate(finding_text(f)))
            )?;
        }
        writeln!(out)?;
    }
    report::render(
        report,
        report::Format::Markdown,
        &RenderOptions::default(),
        out,
    )?;
    writeln!(out)
}

fn verdict_sentence(verdict: &Verdict) -> String {
    format!(
        "{} ({} failing, {} reported, {} ignored)",
        verdict.name(),
        verdict.failures.len(),
        verdict.notices.len(),
        verdict.ignored
    )
}

fn write_counts(report: &Report, verdict: &Verdict, out: &mut dyn Write) -> io::Result<()> {
    let mut reported: Vec<(Change, usize)> = Vec::new();
    for f in &verdict.notices {
        match reported.iter_mut().find(|(c, _)| *c == f.change) {
            Some((_, n)) => *n += 1,
            None => reported.push((f.change, 1)),
        }
    }
    reported.sort();
    if !reported.is_empty() {
        let list: Vec<String> = reported
            .iter()
            .map(|(c, n)| format!("{n} {}", c.name()))
            .collect();
        writeln!(out, "reported, not failing: {}", list.join(", "))?;
    }
    let s = &report.summary;
    writeln!(
        out,
        "clauses: {} old, {} new; {} identical, {} modified, {} removed, {} added, {} moved, {} weakened, {} strengthened",
        s.clauses_a,
        s.clauses_b,
        s.identical,
        s.modified,
        s.only_a,
        s.only_b,
        s.moved,
        s.weakened,
        s.strengthened
    )
}

/// `removed A3 in 二、安全 (level 3: 将) at` — change, clauses, section and commitment.
fn describe(finding: &Finding) -> String {
    let mut text = format!("{} {}", finding.change.name(), clause_ids(finding));
    if let Some(section) = &finding.section {
        text.push_str(&format!(" in {section}"));
    }
    if let Some(note) = commitment_note(finding) {
        text.push_str(&format!(" ({note})"));
    }
    text
}

fn clause_ids(finding: &Finding) -> String {
    let ids = |s: &Option<Side>| s.as_ref().map(|s| s.ids.join("+"));
    match (ids(&finding.old), ids(&finding.new)) {
        (Some(a), Some(b)) => format!("{a} -> {b}"),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => String::new(),
    }
}

/// `将 → 愿, level 3 → 1` for a pair, `level 3: 将` for one side; none when nothing commits.
fn commitment_note(finding: &Finding) -> Option<String> {
    let marker = |s: &Side| s.marker.clone().unwrap_or_else(|| "-".to_string());
    match (&finding.old, &finding.new) {
        (Some(a), Some(b)) if a.level != b.level || a.marker != b.marker => Some(format!(
            "{} → {}, level {} → {}",
            marker(a),
            marker(b),
            a.level,
            b.level
        )),
        (Some(s), None) | (None, Some(s)) if s.level > Level::Note || s.marker.is_some() => {
            Some(format!("level {}: {}", s.level, marker(s)))
        }
        _ => None,
    }
}

fn finding_text(finding: &Finding) -> &str {
    finding
        .new
        .as_ref()
        .or(finding.old.as_ref())
        .map_or("", |s| s.text.as_str())
}

/// Collapses white space and cuts `text` to [`TEXT_COLUMNS`] display columns, then `…`.
pub(super) fn abbreviate(text: &str) -> String {
    crate::text::abbreviate(&crate::text::collapse_whitespace(text), TEXT_COLUMNS + 1)
}

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}
