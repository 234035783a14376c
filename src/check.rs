//! CI rules over a [`Report`]: which changes fail a revision and which are only reported,
//! and the renderers of that verdict (summary, GitHub Actions, JSON). Start with [`check`];
//! the rules come from [`crate::config`].

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthChar;

use crate::commitment::CommitmentChange;
use crate::report::{self, ClauseReport, DocumentReport, PairKind, RenderOptions, Report};

/// A kind of change between a document and its revision.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A clause of OLD has no counterpart in NEW.
    Removed,
    /// An aligned clause commits less in NEW.
    Weakened,
    /// A clause of NEW has no counterpart in OLD.
    Added,
    /// An aligned clause is worded differently (split and merged included).
    Modified,
    /// An aligned clause commits more in NEW.
    Strengthened,
    /// An aligned clause changed position relative to its neighbours.
    Moved,
}

impl Change {
    /// Lowercase name as in the rules file and the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Change::Removed => "removed",
            Change::Weakened => "weakened",
            Change::Added => "added",
            Change::Modified => "modified",
            Change::Strengthened => "strengthened",
            Change::Moved => "moved",
        }
    }

    /// A change that loses something the old text said; reported as a warning, not a notice,
    /// when it does not fail.
    pub fn is_loss(self) -> bool {
        matches!(self, Change::Removed | Change::Weakened)
    }
}

/// The changes that fail a check unless the rules file says otherwise.
pub const DEFAULT_FAIL_ON: [Change; 2] = [Change::Removed, Change::Weakened];

/// The commitment level from which a removed, added, modified, strengthened or moved clause
/// counts: 2 is "endeavour/should", so only binding clauses fail by default.
pub const DEFAULT_MIN_LEVEL: u8 = 2;

/// The highest commitment level ("will/shall/must").
pub const MAX_LEVEL: u8 = 3;

/// What fails a check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rules {
    /// Changes that fail the check; every other change is reported only.
    pub fail_on: BTreeSet<Change>,
    /// Commitment level from which a change counts. A weakening always counts: it lowers a
    /// level by definition, and the default is to fail on every one.
    pub min_level: u8,
    /// A fixed similarity cut-off for the comparison, `None` for the relative decision (used by the caller of
    /// [`crate::compare`], not by [`check`]).
    pub threshold: Option<f64>,
    /// Headings whose clauses are ignored: a clause is ignored when any heading of its
    /// section path equals one of these (white space around them aside).
    pub ignore_sections: Vec<String>,
    /// Texts whose clauses are ignored: a change is ignored when one of its clauses, old or
    /// new, contains one of these.
    pub ignore_clauses: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            fail_on: DEFAULT_FAIL_ON.into_iter().collect(),
            min_level: DEFAULT_MIN_LEVEL,
            threshold: None,
            ignore_sections: Vec::new(),
            ignore_clauses: Vec::new(),
        }
    }
}

/// One side of a finding: the clauses of OLD or NEW it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Clause ids, e.g. `["A3"]`.
    pub ids: Vec<String>,
    /// 1-based line of the first clause in its file.
    pub line: usize,
    /// Highest commitment level among the clauses.
    pub level: u8,
    /// The words that set that level.
    pub marker: Option<String>,
    /// The clauses' text, joined.
    pub text: String,
}

/// A change the check found, failing or reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The change that failed, or for a reported change the most telling one.
    pub change: Change,
    /// 1-based line in NEW; for a removed clause the line of the next clause that is still
    /// there, or 1.
    pub line: usize,
    /// The page of NEW that `line` counts on, when NEW is a PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Innermost heading of the clause (NEW's when it has one, else OLD's).
    pub section: Option<String>,
    /// The OLD clauses; none for an added clause.
    pub old: Option<Side>,
    /// The NEW clauses; none for a removed clause.
    pub new: Option<Side>,
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Verdict {
    /// Changes that fail the revision, in NEW line order.
    pub failures: Vec<Finding>,
    /// Changes reported without failing, in NEW line order.
    pub notices: Vec<Finding>,
    /// Changes left out by `ignore_sections` or `ignore_clauses`.
    pub ignored: usize,
}

impl Verdict {
    /// True when no rule fails.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// `passed` or `failed`, as in the JSON.
    pub fn name(&self) -> &'static str {
        if self.passed() { "passed" } else { "failed" }
    }
}

/// Applies `rules` to the changes of `report`.
pub fn check(report: &Report, rules: &Rules) -> Verdict {
    let mut verdict = Verdict::default();
    let index_a = id_index(&report.a);
    let index_b = id_index(&report.b);
    let mut pair_of_a = vec![None; report.a.clauses.len()];
    for (p, pair) in report.pairs.iter().enumerate() {
        for &i in &pair.a_index {
            pair_of_a[i] = Some(p);
        }
    }
    let mut judge = |changes: &[Change], finding: Finding, clauses: &[&ClauseReport]| {
        if rules.ignores(clauses) {
            verdict.ignored += 1;
            return;
        }
        let level = [&finding.old, &finding.new]
            .into_iter()
            .flatten()
            .map(|s| s.level)
            .max()
            .unwrap_or(0);
        let failing = changes
            .iter()
            .copied()
            .find(|&c| rules.fail_on.contains(&c) && rules.counts(c, level));
        match failing {
            Some(change) => verdict.failures.push(Finding { change, ..finding }),
            None => verdict.notices.push(finding),
        }
    };

    for pair in &report.pairs {
        let mut changes = Vec::new();
        match pair.commitment_change {
            CommitmentChange::Weakened => changes.push(Change::Weakened),
            CommitmentChange::Strengthened => changes.push(Change::Strengthened),
            CommitmentChange::Same => {}
        }
        if pair.kind != PairKind::Identical {
            changes.push(Change::Modified);
        }
        if pair.moved {
            changes.push(Change::Moved);
        }
        let Some(&primary) = changes.first() else {
            continue;
        };
        let old = side(&report.a, &pair.a_index);
        let new = side(&report.b, &pair.b_index);
        let clauses: Vec<&ClauseReport> = pair
            .a_index
            .iter()
            .map(|&i| &report.a.clauses[i])
            .chain(pair.b_index.iter().map(|&j| &report.b.clauses[j]))
            .collect();
        let finding = Finding {
            change: primary,
            line: new.line,
            page: pair.b_index.first().and_then(|&j| report.b.clauses[j].page),
            section: section_of(&clauses),
            old: Some(old),
            new: Some(new),
        };
        judge(&changes, finding, &clauses);
    }
    for id in &report.unmatched_a {
        let Some(&i) = index_a.get(id.as_str()) else {
            continue;
        };
        let clause = &report.a.clauses[i];
        // Where the clause would have stood in NEW: before the next OLD clause still there.
        let (page, line) = (i + 1..report.a.clauses.len())
            .find_map(|k| pair_of_a[k])
            .and_then(|p| {
                report.pairs[p]
                    .b_index
                    .iter()
                    .map(|&j| (report.b.clauses[j].page, report.b.clauses[j].line))
                    .min()
            })
            .unwrap_or((None, 1));
        let finding = Finding {
            change: Change::Removed,
            line,
            page,
            section: clause.section.clone(),
            old: Some(side(&report.a, &[i])),
            new: None,
        };
        judge(&[Change::Removed], finding, &[clause]);
    }
    for id in &report.unmatched_b {
        let Some(&j) = index_b.get(id.as_str()) else {
            continue;
        };
        let clause = &report.b.clauses[j];
        let finding = Finding {
            change: Change::Added,
            line: clause.line,
            page: clause.page,
            section: clause.section.clone(),
            old: None,
            new: Some(side(&report.b, &[j])),
        };
        judge(&[Change::Added], finding, &[clause]);
    }
    // A removed clause sorts before the clause it stood before; the sort is stable, so ties
    // keep pair order.
    let order = |f: &Finding| (f.page, f.line, f.new.is_some());
    verdict.failures.sort_by_key(order);
    verdict.notices.sort_by_key(order);
    verdict
}

impl Rules {
    /// Whether a change at commitment `level` (the highest of its clauses) counts.
    fn counts(&self, change: Change, level: u8) -> bool {
        change == Change::Weakened || level >= self.min_level
    }

    /// Whether a change over `clauses` (old and new) is ignored: all of them stand in an
    /// ignored section, or one of them contains an ignored text. A clause that moves out of
    /// an ignored section still counts.
    fn ignores(&self, clauses: &[&ClauseReport]) -> bool {
        let in_ignored_section = |c: &ClauseReport| {
            c.section_path.iter().any(|heading| {
                self.ignore_sections
                    .iter()
                    .any(|s| heading.trim() == s.trim())
            })
        };
        let has_ignored_text = |c: &ClauseReport| {
            self.ignore_clauses
                .iter()
                .any(|t| !t.is_empty() && c.text.contains(t.as_str()))
        };
        (!self.ignore_sections.is_empty() && clauses.iter().all(|c| in_ignored_section(c)))
            || clauses.iter().any(|c| has_ignored_text(c))
    }
}

fn id_index(doc: &DocumentReport) -> HashMap<&str, usize> {
    doc.clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect()
}

fn side(doc: &DocumentReport, indices: &[usize]) -> Side {
    let clauses: Vec<&ClauseReport> = indices.iter().map(|&i| &doc.clauses[i]).collect();
    let strongest = clauses
        .iter()
        .max_by_key(|c| c.commitment.level)
        .map(|c| &c.commitment);
    let separator = if doc.lang == "zh" { "" } else { " " };
    Side {
        ids: clauses.iter().map(|c| c.id.clone()).collect(),
        line: clauses.iter().map(|c| c.line).min().unwrap_or(1),
        level: strongest.map_or(0, |c| c.level),
        marker: strongest.and_then(|c| c.marker.clone()),
        text: clauses
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(separator),
    }
}

fn section_of(clauses: &[&ClauseReport]) -> Option<String> {
    // NEW clauses come last; prefer where the clause stands now.
    clauses.iter().rev().find_map(|c| c.section.clone())
}

/// Display width at which clause text is cut in the summary and annotations: enough to
/// recognise a clause, short enough for one log line.
const TEXT_COLUMNS: usize = 60;

/// The output formats of `declcmp check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// What failed, then counts, for people reading a CI log.
    #[default]
    Summary,
    /// GitHub Actions workflow commands (`::error`, `::warning`, `::notice`).
    Github,
    /// The `declcmp.report/1` JSON report with a `check` object added.
    Json,
}

/// Renders the verdict of a check in `format`.
pub fn render(
    report: &Report,
    rules: &Rules,
    verdict: &Verdict,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Summary => render_summary(report, verdict, out),
        Format::Github => render_github(report, verdict, out),
        Format::Json => render_json(report, rules, verdict, out),
    }
}

/// Writes the verdict line, each failure, and the counts.
pub fn render_summary(report: &Report, verdict: &Verdict, out: &mut dyn Write) -> io::Result<()> {
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
pub fn render_github(report: &Report, verdict: &Verdict, out: &mut dyn Write) -> io::Result<()> {
    let file = escape_property(workspace_path(&report.b.path));
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
pub fn render_json(
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

/// Appends [`render_step_summary`] to the file at `path` (`$GITHUB_STEP_SUMMARY`).
pub fn append_step_summary(path: &Path, report: &Report, verdict: &Verdict) -> crate::Result<()> {
    let fail = |source| crate::Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(fail)?;
    let mut out = io::BufWriter::new(file);
    render_step_summary(report, verdict, &mut out).map_err(fail)?;
    out.flush().map_err(fail)
}

/// The path of a document in the working tree: `HEAD~1:docs/policy.md` names
/// `docs/policy.md` (an existing file whose name has a colon is kept whole).
pub fn workspace_path(path: &str) -> &str {
    match path.split_once(':') {
        Some((rev, file)) if !rev.is_empty() && !file.is_empty() && !Path::new(path).exists() => {
            file
        }
        _ => path,
    }
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
        (Some(s), None) | (None, Some(s)) if s.level > 0 || s.marker.is_some() => {
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

/// Collapses white space and cuts `text` to [`TEXT_COLUMNS`] display columns with `…`.
fn abbreviate(text: &str) -> String {
    let mut out = String::new();
    let mut width = 0;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            width += 1;
        }
        for c in word.chars() {
            width += c.width().unwrap_or(0);
            if width > TEXT_COLUMNS {
                out.push('…');
                return out;
            }
            out.push(c);
        }
    }
    out
}

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitment::Commitment;
    use crate::report::{Comparison, Pair, SCHEMA, Summary};

    fn clause(side: char, n: usize, section: &[&str], text: &str, level: u8) -> ClauseReport {
        ClauseReport {
            id: format!("{side}{n}"),
            line: n * 2,
            page: None,
            section: section.last().map(|s| s.to_string()),
            section_path: section.iter().map(|s| s.to_string()).collect(),
            text: text.to_string(),
            commitment: Commitment {
                level,
                marker: (level > 0).then(|| "将".to_string()),
            },
        }
    }

    fn document(path: &str, clauses: Vec<ClauseReport>) -> DocumentReport {
        DocumentReport {
            path: path.to_string(),
            title: None,
            lang: "zh".to_string(),
            encoding: "UTF-8".to_string(),
            format: "markdown",
            clauses,
        }
    }

    fn pair(a: usize, b: usize, kind: PairKind, change: CommitmentChange) -> Pair {
        Pair {
            a: vec![format!("A{}", a + 1)],
            b: vec![format!("B{}", b + 1)],
            similarity: 0.8,
            kind,
            moved: false,
            commitment_change: change,
            evidence: Vec::new(),
            also: false,
            a_index: vec![a],
            b_index: vec![b],
        }
    }

    /// OLD: preamble A1, binding A2, binding A3 (removed), A4; NEW: B1 = A1, B2 = A2
    /// weakened, B3 = A4 reworded, B4 added.
    fn report() -> Report {
        let preamble = ["宣言", "序言"];
        let body = ["宣言", "一、安全"];
        let a = document(
            "old.md",
            vec![
                clause('A', 1, &preamble, "我们认识到人工智能的机遇。", 0),
                clause('A', 2, &body, "我们将加强合作。", 3),
                clause('A', 3, &body, "我们将建立评估体系。", 3),
                clause('A', 4, &body, "我们支持开放。", 1),
            ],
        );
        let b = document(
            "new.md",
            vec![
                clause('B', 1, &preamble, "我们认识到人工智能的机遇。", 0),
                clause('B', 2, &body, "我们愿加强合作。", 1),
                clause('B', 3, &body, "我们支持开放共享。", 1),
                clause('B', 4, &body, "我们将设立论坛。", 3),
            ],
        );
        Report {
            schema: SCHEMA,
            a,
            b,
            pairs: vec![
                pair(0, 0, PairKind::Identical, CommitmentChange::Same),
                pair(1, 1, PairKind::Modified, CommitmentChange::Weakened),
                pair(3, 2, PairKind::Modified, CommitmentChange::Same),
            ],
            unmatched_a: vec!["A3".to_string()],
            unmatched_b: vec!["B4".to_string()],
            summary: Summary::default(),
            comparison: Comparison {
                unit: crate::segment::Unit::Sentence,
                threshold: None,
                relation: "revision",
                limits: Vec::new(),
            },
        }
    }

    fn changes(findings: &[Finding]) -> Vec<(Change, usize)> {
        findings.iter().map(|f| (f.change, f.line)).collect()
    }

    #[test]
    fn default_rules_fail_on_binding_removal_and_weakening() {
        let verdict = check(&report(), &Rules::default());
        assert!(!verdict.passed());
        // A3 stood before A4, whose counterpart B3 is on line 6.
        assert_eq!(
            changes(&verdict.failures),
            [(Change::Weakened, 4), (Change::Removed, 6)]
        );
        assert_eq!(
            changes(&verdict.notices),
            [(Change::Modified, 6), (Change::Added, 8)]
        );
    }

    #[test]
    fn weakening_counts_below_min_level() {
        let mut report = report();
        report.a.clauses[1].commitment.level = 1;
        report.b.clauses[1].commitment.level = 0;
        let rules = Rules {
            min_level: 3,
            ..Rules::default()
        };
        let verdict = check(&report, &rules);
        assert_eq!(
            changes(&verdict.failures),
            [(Change::Weakened, 4), (Change::Removed, 6)]
        );
    }

    #[test]
    fn removal_below_min_level_is_reported() {
        let mut report = report();
        report.a.clauses[2].commitment.level = 1;
        let verdict = check(&report, &Rules::default());
        assert_eq!(changes(&verdict.failures), [(Change::Weakened, 4)]);
        assert!(verdict.notices.iter().any(|f| f.change == Change::Removed));
    }

    #[test]
    fn fail_on_chooses_the_changes() {
        let rules = Rules {
            fail_on: [Change::Added, Change::Modified].into_iter().collect(),
            min_level: 0,
            ..Rules::default()
        };
        let verdict = check(&report(), &rules);
        // The weakened pair is also modified, so it fails as modified.
        assert_eq!(
            changes(&verdict.failures),
            [
                (Change::Modified, 4),
                (Change::Modified, 6),
                (Change::Added, 8)
            ]
        );
        assert_eq!(changes(&verdict.notices), [(Change::Removed, 6)]);
    }

    #[test]
    fn ignored_section_and_text_leave_changes_out() {
        let mut report = report();
        report.pairs[0].moved = true;
        let rules = Rules {
            ignore_sections: vec![" 序言 ".to_string()],
            ignore_clauses: vec!["评估体系".to_string()],
            ..Rules::default()
        };
        let verdict = check(&report, &rules);
        assert_eq!(verdict.ignored, 2);
        assert_eq!(changes(&verdict.failures), [(Change::Weakened, 4)]);
    }

    #[test]
    fn clause_moved_out_of_an_ignored_section_counts() {
        let mut report = report();
        report.a.clauses[1].section_path = vec!["序言".to_string()];
        let rules = Rules {
            ignore_sections: vec!["序言".to_string()],
            ..Rules::default()
        };
        let verdict = check(&report, &rules);
        assert!(
            verdict
                .failures
                .iter()
                .any(|f| f.change == Change::Weakened)
        );
    }

    #[test]
    fn removal_at_the_end_points_at_line_1() {
        let mut report = report();
        report.pairs.pop();
        report.unmatched_a = vec!["A4".to_string()];
        let verdict = check(&report, &Rules::default());
        let removed: Vec<_> = verdict
            .notices
            .iter()
            .filter(|f| f.change == Change::Removed)
            .collect();
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].line, 1);
    }

    #[test]
    fn github_commands_are_escaped_and_graded() {
        let report = report();
        let verdict = check(&report, &Rules::default());
        let mut out = Vec::new();
        render_github(&report, &verdict, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[0].starts_with("::error file=new.md,line=4,title=declcmp::weakened A2 -> B2")
        );
        assert!(lines[0].contains("将 → 将, level 3 → 1"), "{}", lines[0]);
        assert!(lines[1].starts_with("::error file=new.md,line=6,title=declcmp::removed A3"));
        assert!(lines[2].starts_with("::notice file=new.md,line=6,"));
        assert!(lines[3].starts_with("::notice file=new.md,line=8,"));
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn summary_names_failures() {
        let report = report();
        let verdict = check(&report, &Rules::default());
        let mut out = Vec::new();
        render_summary(&report, &verdict, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with(
            "declcmp check old.md -> new.md: failed (2 failing, 2 reported, 0 ignored)\n"
        ));
        assert!(out.contains("  FAIL removed A3 in 一、安全 (level 3: 将) new.md:6\n"));
        assert!(out.contains("reported, not failing: 1 added, 1 modified\n"));
    }

    #[test]
    fn json_keeps_the_report_and_adds_the_check() {
        let report = report();
        let verdict = check(&report, &Rules::default());
        let mut out = Vec::new();
        render_json(&report, &Rules::default(), &verdict, &mut out).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json["schema"], SCHEMA);
        assert_eq!(json["check"]["verdict"], "failed");
        assert_eq!(json["check"]["failures"][1]["change"], "removed");
        assert_eq!(
            json["check"]["rules"]["fail_on"],
            serde_json::json!(["removed", "weakened"])
        );
    }

    #[test]
    fn abbreviation_cuts_by_width() {
        assert_eq!(abbreviate("a  b\nc"), "a b c");
        let long = "我".repeat(40);
        let cut = abbreviate(&long);
        assert_eq!(cut.chars().count(), TEXT_COLUMNS / 2 + 1);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn workspace_path_strips_a_revision() {
        assert_eq!(workspace_path("HEAD~1:docs/policy.md"), "docs/policy.md");
        assert_eq!(workspace_path("docs/policy.md"), "docs/policy.md");
    }
}
