//! Hostile text through the real binary: documents and file names that carry terminal
//! escapes (ESC[8m, OSC 8 links, an OSC 52 clipboard write), carriage returns, C1 controls,
//! bidi overrides and isolates, bidi marks, line separators, tag characters, HTML and
//! entities, mentions and bare links. Whatever the format, no such character reaches the
//! output raw (JSON carries them as escapes of the same value), no tag of the document's
//! becomes markup, and no line becomes a workflow command.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

#[path = "common/raw_control.rs"]
mod raw_control;

use raw_control::is_raw_control;

/// What a hostile heading, title or clause holds.
const HOSTILE: &str = "\u{1b}[8mhidden\u{1b}[0m \u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\ \
     \u{1b}]52;c;ZXZpbA==\u{7} \u{202E}evil\u{202C} \u{2066}iso\u{2069} \u{200E}\u{200F}\u{61C} \
     \u{9b}31m \u{2028} \u{E0041}\u{E0042} <script>alert(1)</script> \
     &lt;/table&gt;&lt;details&gt;&lt;summary&gt;safe to merge&lt;/summary&gt; @octocat www.evil.example";

/// The old version: a title, two headings and clauses that each carry [`HOSTILE`].
fn old_text() -> String {
    format!(
        "# Charter {HOSTILE}\n\n\
         ## Duties {HOSTILE}\n\n\
         The Council shall protect personal data of residents {HOSTILE} at all times.\n\n\
         The Council will publish a register of its systems\r overwritten {HOSTILE} every quarter.\n\n\
         Suppliers must test their models for bias {HOSTILE} before use.\n\n\
         ## Review {HOSTILE}\n\n\
         The charter will be reviewed every two years by the committee.\n"
    )
}

/// The new version: one commitment weakened, one clause reworded, one removed, one added,
/// so every kind of row, line and finding is drawn.
fn new_text() -> String {
    format!(
        "# Charter {HOSTILE}\n\n\
         ## Duties {HOSTILE}\n\n\
         The Council may protect personal data of residents {HOSTILE} at all times.\n\n\
         The Council will publish a public register of its systems\r overwritten {HOSTILE} every year.\n\n\
         Partners are invited to adopt this charter {HOSTILE} freely.\n\n\
         ## Review {HOSTILE}\n\n\
         The charter will be reviewed every two years by the committee.\n"
    )
}

/// A directory with the two versions under hostile file names.
struct Workspace {
    dir: tempfile::TempDir,
    old: PathBuf,
    new: PathBuf,
}

fn workspace() -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old\u{1b}[8m\u{202E}dm.md");
    let new = dir
        .path()
        .join("new\n::error file=evil.md,line=1::All checks passed\u{2066}.md");
    std::fs::write(&old, old_text()).unwrap();
    std::fs::write(&new, new_text()).unwrap();
    Workspace { dir, old, new }
}

fn declcmp(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("declcmp").unwrap();
    command
        .current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1");
    command
}

fn text(bytes: &[u8], what: &str) -> String {
    String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"))
}

/// Panics naming the first raw control of `out` and where it stands.
fn assert_no_raw_controls(out: &str, what: &str) {
    if let Some((at, c)) = out.char_indices().find(|&(_, c)| is_raw_control(c)) {
        let before: String = out[..at].chars().rev().take(60).collect();
        let before: String = before.chars().rev().collect();
        let after: String = out[at..].chars().take(60).collect();
        panic!(
            "{what}: raw U+{:04X} at byte {at}: {before:?} | {after:?}",
            u32::from(c)
        );
    }
}

/// With colour on, every escape sequence is one of the renderer's own colours: an SGR
/// sequence of digits and semicolons, never conceal (8), and no raw control otherwise.
fn assert_only_own_colours(out: &str, what: &str) {
    let mut rest = out;
    let mut plain = String::new();
    while let Some(at) = rest.find('\u{1b}') {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let end = after
            .find('m')
            .unwrap_or_else(|| panic!("{what}: an escape that is no colour"));
        let params = after[..end]
            .strip_prefix('[')
            .unwrap_or_else(|| panic!("{what}: an escape that is no CSI: {:?}", &after[..end]));
        assert!(
            params.chars().all(|c| c.is_ascii_digit() || c == ';'),
            "{what}: an escape that is no colour: {params:?}"
        );
        assert!(
            !params.split(';').any(|p| p == "8"),
            "{what}: conceal in the output"
        );
        rest = &after[end + 1..];
    }
    plain.push_str(rest);
    assert_no_raw_controls(&plain, what);
}

/// Markdown: the document's tags stay text (`\<`), mentions and bare `www.` links are
/// broken; only the brief's own `<details>` and `<summary>` are tags.
fn assert_markdown_is_inert(out: &str, what: &str) {
    for (at, _) in out.match_indices('<') {
        let escaped = out[..at].ends_with('\\');
        let own = ["<details>", "</details>", "<summary>", "</summary>"]
            .iter()
            .any(|tag| out[at..].starts_with(tag));
        assert!(
            escaped || own,
            "{what}: a live tag at {at}: {:?}",
            &out[at..]
        );
    }
    assert!(!out.contains("@octocat"), "{what}: a live mention");
    assert!(!out.contains(" www.evil"), "{what}: a live link");
    assert!(
        out.contains("@&#8203;octocat"),
        "{what}: the mention is shown"
    );
}

/// HTML: the page's own elements only, the document's markup and entities as text.
fn assert_html_is_inert(out: &str, what: &str) {
    assert!(!out.contains("<script"), "{what}: a script");
    for (open, close) in [("<table", "</table>"), ("<details", "</details>")] {
        assert_eq!(
            out.matches(open).count(),
            out.matches(close).count(),
            "{what}: {close} injected"
        );
    }
    // The Markdown reader decodes the entities: the tags they spell are shown as text.
    assert!(
        out.contains("&lt;/table&gt;&lt;details&gt;&lt;summary&gt;safe to merge"),
        "{what}: the decoded entities are shown as text"
    );
}

fn run(command: &mut Command, what: &str) -> Output {
    let output = command.output().unwrap();
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{what}: exit {code:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn no_format_lets_hostile_text_reach_the_output_raw() {
    let ws = workspace();
    for format in ["table", "diff", "markdown", "json", "html"] {
        for extra in [&[][..], &["--wrap", "--changes-only", "--width", "60"][..]] {
            let what = format!("--format {format} {extra:?}");
            let output = run(
                declcmp(ws.dir.path())
                    .arg(&ws.old)
                    .arg(&ws.new)
                    .args(["--format", format, "--color", "never"])
                    .args(extra),
                &what,
            );
            let out = text(&output.stdout, &what);
            let err = text(&output.stderr, &what);
            assert_no_raw_controls(&out, &what);
            assert_no_raw_controls(&err, &format!("{what} (stderr)"));
            assert!(err.contains("hidden control character(s)"), "{what}: {err}");
            // The report says it too, so a file written with -o carries the warning.
            let warned = match format {
                "table" => out.starts_with("warning: ") && out.contains("hidden control"),
                "markdown" => out.contains("> **Warning:** ") && out.contains("hidden control"),
                "html" => out.contains("<p class=\"warning\">Warning: "),
                "json" => out.contains("\"warnings\": [") && out.contains("hidden control"),
                _ => true,
            };
            assert!(
                warned,
                "{what}: the report does not carry the warning:\n{out}"
            );
            match format {
                "markdown" => assert_markdown_is_inert(&out, &what),
                "html" => assert_html_is_inert(&out, &what),
                "json" => {
                    let report: Value = serde_json::from_str(&out)
                        .unwrap_or_else(|e| panic!("{what}: not JSON: {e}"));
                    // The escapes carry the same characters: a program reads the text.
                    let title = report["a"]["title"].as_str().unwrap();
                    assert!(title.contains("\u{202E}evil\u{202C}"), "{title:?}");
                    assert!(title.contains("\u{1b}[8m") && title.contains('\u{E0041}'));
                }
                _ => {}
            }
        }
    }
}

#[test]
fn colours_are_the_renderers_own_whatever_the_document_holds() {
    let ws = workspace();
    for format in ["table", "diff"] {
        for extra in [&[][..], &["--wrap", "--changes-only", "--width", "50"][..]] {
            let what = format!("--format {format} --color always {extra:?}");
            let output = run(
                declcmp(ws.dir.path())
                    .arg(&ws.old)
                    .arg(&ws.new)
                    .args(["--format", format, "--color", "always"])
                    .args(extra),
                &what,
            );
            assert_only_own_colours(&text(&output.stdout, &what), &what);
        }
    }
}

#[test]
fn check_in_every_format_keeps_hostile_text_inert() {
    let ws = workspace();
    let summary_file = ws.dir.path().join("step-summary.md");
    for format in ["summary", "github", "json"] {
        let what = format!("check --format {format}");
        let output = run(
            declcmp(ws.dir.path())
                .arg("check")
                .arg(&ws.old)
                .arg(&ws.new)
                .args(["--format", format, "--fail-on", "removed,weakened,added"])
                .env("GITHUB_STEP_SUMMARY", &summary_file),
            &what,
        );
        assert_eq!(output.status.code(), Some(1), "{what}: the check fails");
        let out = text(&output.stdout, &what);
        assert_no_raw_controls(&out, &what);
        assert_no_raw_controls(&text(&output.stderr, &what), &format!("{what} (stderr)"));
        // Only the annotations are workflow commands, whatever a path or clause says.
        for line in out.lines().filter(|l| l.trim_start().starts_with("::")) {
            assert!(format == "github", "{what}: a workflow command: {line}");
            assert!(
                ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|c| line.starts_with(c)),
                "{what}: {line}"
            );
            // The file property is one property: the path's `:` and `,` are escaped.
            let file = line.split_once("file=").map_or("", |(_, rest)| rest);
            let property = file.split(',').next().unwrap_or("");
            assert!(!property.contains(':'), "{what}: {line}");
            assert!(
                property.contains("new␊%3A%3Aerror file=evil.md%2C"),
                "{line}"
            );
        }
        if format == "json" {
            let report: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(report["check"]["verdict"], "failed");
            assert!(
                report["b"]["path"]
                    .as_str()
                    .unwrap()
                    .contains("\n::error file=evil.md")
            );
        }
    }
    let summary = std::fs::read_to_string(&summary_file).unwrap();
    assert_no_raw_controls(&summary, "the job summary");
    assert_markdown_is_inert(&summary, "the job summary");
}

#[test]
fn a_hostile_saved_report_renders_inert_in_every_format() {
    let ws = workspace();
    let output = run(
        declcmp(ws.dir.path())
            .arg(&ws.old)
            .arg(&ws.new)
            .args(["--format", "json"]),
        "the report",
    );
    // What only a saved report can carry: an encoding, a limit, a marker and an evidence
    // term of anyone's choosing.
    let mut report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["a"]["encoding"] = Value::from(format!("utf-8{HOSTILE}"));
    report["comparison"]["limits"] = Value::from(vec![format!("a limit {HOSTILE}")]);
    for clause in report["a"]["clauses"].as_array_mut().unwrap() {
        clause["commitment"]["marker"] = Value::from(format!("shall{HOSTILE}"));
    }
    for pair in report["pairs"].as_array_mut().unwrap() {
        pair["evidence"] = serde_json::json!([{ "term": format!("term{HOSTILE}"), "weight": 0.5 }]);
    }
    let saved = ws.dir.path().join("report.json");
    std::fs::write(&saved, serde_json::to_vec(&report).unwrap()).unwrap();
    for format in ["table", "diff", "markdown", "json", "html"] {
        let what = format!("render --format {format}");
        let output = run(
            declcmp(ws.dir.path())
                .arg("render")
                .arg(&saved)
                .args(["--format", format, "--color", "never", "--width", "200"]),
            &what,
        );
        let out = text(&output.stdout, &what);
        assert_no_raw_controls(&out, &what);
        match format {
            "markdown" => assert_markdown_is_inert(&out, &what),
            "html" => assert_html_is_inert(&out, &what),
            "json" => {
                let back: Value = serde_json::from_str(&out).unwrap();
                assert_eq!(back["a"]["encoding"], report["a"]["encoding"]);
            }
            _ => assert!(out.contains("a limit ␛[8mhidden"), "{what}: {out}"),
        }
    }
}

#[test]
fn a_clause_past_the_scored_length_is_named_and_still_compared_whole() {
    // One sentence of some 90 KB, longer than the part of a clause that is scored, that
    // differs only at its very end: identity still reads the whole text.
    let body = "we will ensure data privacy and security ".repeat(2_200);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), format!("{body}for all.\n")).unwrap();
    std::fs::write(dir.path().join("b.md"), format!("{body}for some.\n")).unwrap();
    let output = run(
        declcmp(dir.path()).args(["a.md", "b.md", "--format", "json"]),
        "a long clause",
    );
    assert_eq!(output.status.code(), Some(1), "the texts differ");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["identical"], 0);
    assert_eq!(report["summary"]["modified"], 1);
    let limits: Vec<&str> = report["comparison"]["limits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(limits.len(), 2, "{limits:?}");
    assert!(limits[0].starts_with("clause A1 is 90"), "{limits:?}");
    assert!(
        limits[1].contains("only its first 65536 bytes"),
        "{limits:?}"
    );
    // Both whole texts are reported.
    assert!(
        report["b"]["clauses"][0]["text"]
            .as_str()
            .unwrap()
            .ends_with("for some.")
    );
}
