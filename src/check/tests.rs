use super::render::{
    TEXT_COLUMNS, abbreviate, code_span, escape_property, markdown_cell, render_github,
    render_json, render_summary,
};
use super::*;
use crate::commitment::Commitment;
use crate::commitment::CommitmentChange;
use crate::report::{ClauseReport, DocumentReport, PairKind, Report};
use crate::report::{Comparison, Pair, SCHEMA, Schema, Summary};

fn clause(side: char, n: usize, section: &[&str], text: &str, level: u8) -> ClauseReport {
    ClauseReport {
        id: format!("{side}{n}"),
        line: n * 2,
        page: None,
        section: section.last().map(std::string::ToString::to_string),
        section_path: section
            .iter()
            .map(std::string::ToString::to_string)
            .collect(),
        text: text.to_string(),
        commitment: Commitment {
            level: Level::from_number(level).unwrap(),
            marker: (level > 0).then(|| "将".to_string()),
        },
    }
}

fn document(path: &str, clauses: Vec<ClauseReport>) -> DocumentReport {
    DocumentReport {
        path: path.to_string(),
        title: None,
        lang: crate::lang::Lang::Zh,
        encoding: "UTF-8".to_string(),
        format: crate::document::format::InputFormat::Markdown,
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
        stronger_in: None,
        evidence: Vec::new(),
        also: false,
        confidence: 1.0,
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
        schema: Schema,
        a,
        b,
        pairs: vec![
            pair(0, 0, PairKind::Identical, CommitmentChange::Same),
            pair(1, 1, PairKind::Modified, CommitmentChange::Weakened),
            pair(3, 2, PairKind::Modified, CommitmentChange::Same),
        ],
        related: Vec::new(),
        unmatched_a: vec!["A3".to_string()],
        unmatched_b: vec!["B4".to_string()],
        summary: Summary::default(),
        comparison: Comparison {
            unit: crate::segment::Unit::Sentence,
            threshold: None,
            min_confidence: None,
            relation: crate::report::Relation::Revision,
            limits: Vec::new(),
        },
        warnings: Vec::new(),
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
    report.a.clauses[1].commitment.level = Level::Encourage;
    report.b.clauses[1].commitment.level = Level::Note;
    let rules = Rules {
        min_level: Level::Binding,
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
    report.a.clauses[2].commitment.level = Level::Note;
    let verdict = check(&report, &Rules::default());
    assert_eq!(changes(&verdict.failures), [(Change::Weakened, 4)]);
    assert!(verdict.notices.iter().any(|f| f.change == Change::Removed));
}

#[test]
fn fail_on_chooses_the_changes() {
    let rules = Rules {
        fail_on: [Change::Added, Change::Modified].into_iter().collect(),
        min_level: Level::Note,
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
        .failures
        .iter()
        .chain(&verdict.notices)
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
    render_github(&report, &verdict, "new.md", &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("::error file=new.md,line=4,title=declcmp::weakened A2 -> B2"));
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
        serde_json::json!(["removed", "reversed", "weakened"])
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
fn job_summary_cells_keep_entities_and_markup_as_text() {
    assert_eq!(
        markdown_cell("&lt;/table&gt;<details>"),
        "&amp;lt;/table&amp;gt;&lt;details&gt;"
    );
    assert_eq!(markdown_cell("a|b`c"), "a\\|b&#96;c");
    assert_eq!(markdown_cell("@admin"), "@&#8203;admin");
    assert_eq!(
        markdown_cell("www.x.io https://y"),
        "w&#8203;ww.x.io https:&#8203;//y"
    );
    assert_eq!(
        markdown_cell("line\nbreak\u{202E}"),
        "line␊break&#92;u{202e}"
    );
    assert_eq!(markdown_cell("我们将加强合作。"), "我们将加强合作。");
}

#[test]
fn job_summary_code_spans_outlast_any_backtick_run() {
    assert_eq!(code_span("policy.md"), "`policy.md`");
    assert_eq!(code_span("a`b"), "``a`b``");
    assert_eq!(code_span("``x"), "``` ``x ```");
    assert_eq!(code_span("new\n.md"), "`new␊.md`");
}

#[test]
fn hostile_text_stays_inside_its_workflow_command() {
    let mut report = report();
    report.b.path = "new.md\n::error file=evil.md,line=1::All checks passed".to_string();
    for clause in &mut report.b.clauses {
        clause.text = format!(
            "\u{1b}]52;c;ZXZpbA==\u{7}\u{202E}{}\r\n::error::x",
            clause.text
        );
        clause.section = Some("\u{1b}[8mhidden\n::warning::y".to_string());
    }
    let verdict = check(&report, &Rules::default());
    let mut out = Vec::new();
    render_github(&report, &verdict, &report.b.path, &mut out).unwrap();
    render_summary(&report, &verdict, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        !out.contains(['\u{1b}', '\r', '\u{202E}', '\u{7}']),
        "{out}"
    );
    // The only lines a runner reads as commands are the annotations, each naming the file
    // as one escaped property.
    for line in out.lines().filter(|l| l.trim_start().starts_with("::")) {
        assert!(
            line.starts_with("::")
                && line.contains(" file=new.md␊%3A%3Aerror file=evil.md%2Cline=1"),
            "{line}"
        );
    }
    assert!(
        out.contains("declcmp check old.md -> new.md␊::error"),
        "{out}"
    );
}
