//! Writing a verdict: the summary, GitHub Actions workflow commands, the JSON report with a
//! `check` object, and the Markdown job summary.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use super::{Change, Finding, Rules, Side, Verdict};
use crate::commitment::Level;
use crate::report::safe::visible;
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
    for note in &verdict.notes {
        writeln!(out, "note: {}", not_a_command(&visible(note)))?;
    }
    write_verdict_line(report, verdict, out)?;
    for finding in &verdict.failures {
        writeln!(
            out,
            "  FAIL {} {}:{}",
            describe(finding),
            visible(&report.b.path),
            finding.line
        )?;
        writeln!(
            out,
            "       {}",
            not_a_command(&abbreviate(finding_text(finding)))
        )?;
    }
    // Losses below the rules' level are named too: a reader should see what went.
    let losses: Vec<&Finding> = verdict
        .notices
        .iter()
        .filter(|f| f.change.is_loss())
        .collect();
    for finding in losses.iter().take(MAX_ANNOTATIONS_PER_KIND) {
        writeln!(
            out,
            "  note {} {}:{}: {}",
            describe(finding),
            visible(&report.b.path),
            finding.line,
            not_a_command(&abbreviate(finding_text(finding)))
        )?;
    }
    if losses.len() > MAX_ANNOTATIONS_PER_KIND {
        writeln!(
            out,
            "  and {} more reported losses (--format json lists every one)",
            losses.len() - MAX_ANNOTATIONS_PER_KIND
        )?;
    }
    write_counts(report, verdict, out)
}

/// `declcmp check OLD -> NEW: failed (…)`, the paths made [`visible`] so that a line break
/// in a file name cannot start a line of its own (a workflow command, a fake verdict).
fn write_verdict_line(report: &Report, verdict: &Verdict, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "declcmp check {} -> {}: {}",
        visible(&report.a.path),
        visible(&report.b.path),
        verdict_sentence(verdict)
    )
}

/// Writes one workflow command per finding (`::error` for failures; `::warning` for a
/// reported removal or weakening, `::notice` for other reported changes), then the counts.
pub(super) fn render_github(
    report: &Report,
    verdict: &Verdict,
    annotated_file: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let file = escape_property(&visible(annotated_file));
    for note in &verdict.notes {
        writeln!(
            out,
            "::warning title=declcmp rules::{}",
            escape_data(&visible(note))
        )?;
    }
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
    let mut shown: Vec<(&str, usize)> = Vec::new();
    for (command, finding) in commands {
        let count = match shown.iter_mut().find(|(c, _)| *c == command) {
            Some((_, n)) => n,
            None => {
                shown.push((command, 0));
                &mut shown.last_mut().expect("just pushed").1
            }
        };
        *count += 1;
        if *count > MAX_ANNOTATIONS_PER_KIND {
            continue;
        }
        let message = format!(
            "{}: {}",
            describe(finding),
            abbreviate(finding_text(finding))
        );
        writeln!(
            out,
            "::{command} file={file},line={},title=declcmp::{}",
            finding.line,
            escape_data(&visible(&message))
        )?;
    }
    for (command, n) in shown {
        if n > MAX_ANNOTATIONS_PER_KIND {
            writeln!(
                out,
                "declcmp: and {} more {command}s not annotated (GitHub shows {MAX_ANNOTATIONS_PER_KIND} of a kind per step): see the step summary",
                n - MAX_ANNOTATIONS_PER_KIND
            )?;
        }
    }
    write_verdict_line(report, verdict, out)?;
    write_counts(report, verdict, out)
}

/// Annotations written per kind (error, warning, notice): GitHub shows at most 10 of each
/// per step and drops the rest silently, so declcmp says how many it left out instead.
pub const MAX_ANNOTATIONS_PER_KIND: usize = 10;

/// The `check` object added to the JSON report.
#[derive(Serialize)]
struct CheckJson<'a> {
    verdict: &'static str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    rules_from: &'a str,
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
            notes: &verdict.notes,
            rules_from: &verdict.rules_from,
            rules,
            failures: &verdict.failures,
            notices: &verdict.notices,
            ignored: verdict.ignored,
        },
    };
    // As `--format json` writes it: controls and bidi marks in strings as JSON escapes.
    let mut escaped = report::safe::JsonControlsEscaped::new(out);
    serde_json::to_writer_pretty(&mut escaped, &checked)?;
    drop(escaped);
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
    for note in &verdict.notes {
        writeln!(out, "> **Note:** {}", markdown_cell(note))?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} → {}",
        code_span(&report.a.path),
        code_span(&report.b.path)
    )?;
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
                markdown_cell(&clause_ids(f)),
                f.line,
                markdown_cell(f.section.as_deref().unwrap_or("")),
                markdown_cell(&commitment_note(f).unwrap_or_default()),
                markdown_cell(&abbreviate(finding_text(f)))
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
        "clauses: {} old, {} new; {} identical, {} modified, {} removed, {} added, {} moved, {} weakened, {} strengthened, {} reversed",
        s.clauses_a,
        s.clauses_b,
        s.identical,
        s.modified,
        s.only_a,
        s.only_b,
        s.moved,
        s.weakened,
        s.strengthened,
        s.reversed
    )
}

/// `removed A3 in 二、安全 (level 3: 将) at` — change, clauses, section and commitment.
fn describe(finding: &Finding) -> String {
    let mut text = format!("{} {}", finding.change.name(), clause_ids(finding));
    if let Some(section) = &finding.section {
        text.push_str(&format!(" in {}", visible(section)));
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
            visible(&marker(a)),
            visible(&marker(b)),
            a.level,
            b.level
        )),
        (Some(s), None) | (None, Some(s)) if s.level > Level::Note || s.marker.is_some() => {
            Some(format!("level {}: {}", s.level, visible(&marker(s))))
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

/// Collapses white space, makes controls [`visible`] and cuts `text` to [`TEXT_COLUMNS`]
/// display columns, then `…` (the stand-ins count towards the width).
pub(super) fn abbreviate(text: &str) -> String {
    let text = crate::text::collapse_whitespace(text);
    crate::text::abbreviate(&visible(&text), TEXT_COLUMNS + 1)
}

/// A line of document text that cannot be read as a workflow command: GitHub's runner
/// takes any log line that starts with `::` after white space as one, whichever format
/// printed it, so a leading `:` is written `\u{3a}`.
fn not_a_command(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim_start();
    if trimmed.starts_with("::") {
        let lead = text.len() - trimmed.len();
        Cow::Owned(format!("{}\\u{{3a}}{}", &text[..lead], &trimmed[1..]))
    } else {
        Cow::Borrowed(text)
    }
}

/// Escapes a workflow command's message by GitHub's rules (`%`, CR and LF as `%25`, `%0D`,
/// `%0A`). Callers make the text [`visible`] first, so the annotation shows no raw escape
/// or bidi control either.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value: a message's escapes, and `:` and `,`,
/// which end a property.
pub(super) fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Document text for a cell of the job summary's table, which GitHub renders as Markdown
/// with HTML allowed: controls made [`visible`] (a line break cannot end the row), `|`
/// escaped for the table, and every character that Markdown or HTML would act on written as
/// a character reference (`&` too, so `&lt;/table&gt;` stays text when it is decoded).
/// `@`, `www.` and `://` get a zero-width space (`&#8203;`) after them, the rule Renovate
/// and Dependabot use, so a name does not become a mention that notifies and an address
/// does not become a live link.
pub(super) fn markdown_cell(text: &str) -> String {
    let text = visible(text);
    let mut out = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '|' => out.push_str("\\|"),
            '`' | '*' | '_' | '[' | ']' | '~' | '\\' | '!' | '#' | '$' => {
                out.push_str(&format!("&#{};", u32::from(c)));
            }
            '@' => out.push_str("@&#8203;"),
            _ => out.push(c),
        }
        let rest = &text[at..];
        if rest.starts_with("www.") || rest.starts_with("://") {
            // After the `w` or the `:`: the autolink needs `www.` or `://` whole.
            out.push_str("&#8203;");
        }
    }
    out
}

/// `text` as a Markdown code span that nothing in it can end: fenced by one backtick more
/// than its longest run of backticks, padded with a space where it starts or ends with a
/// backtick or a space (CommonMark strips one such pair), controls made [`visible`].
pub(super) fn code_span(text: &str) -> String {
    let text = visible(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = [text.chars().next(), text.chars().last()]
        .into_iter()
        .flatten()
        .any(|c| c == '`' || c == ' ');
    let pad = if pad { " " } else { "" };
    format!("{fence}{pad}{text}{pad}{fence}")
}
