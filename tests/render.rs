//! `declcmp render`: a saved JSON report renders byte for byte as the comparison printed,
//! in every format, on the samples and on corpus pairs (the cross-document and long ones
//! included); a file that is not such a report is refused with one line and exit 2.

mod common;

use assert_cmd::Command;

const FORMATS: [&str; 4] = ["table", "diff", "markdown", "json"];

fn declcmp() -> Command {
    let mut command = Command::cargo_bin("declcmp").expect("the declcmp binary is built");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Compares A with B in each format and with JSON rendered again, in both units.
fn assert_round_trips(a: &str, b: &str) {
    for unit in ["sentence", "paragraph"] {
        let style = ["--unit", unit, "--color", "never", "--width", "120"];
        let json = declcmp()
            .args([a, b, "--format", "json"])
            .args(style)
            .output()
            .expect("declcmp runs")
            .stdout;
        assert!(!json.is_empty(), "{a} {b}: no JSON");
        for format in FORMATS {
            let direct = declcmp()
                .args([a, b, "--format", format])
                .args(style)
                .output()
                .expect("declcmp runs")
                .stdout;
            let rendered = declcmp()
                .args(["render", "-", "--format", format, "--color", "never"])
                .args(["--width", "120"])
                .write_stdin(json.clone())
                .output()
                .expect("declcmp render runs");
            assert_eq!(rendered.status.code(), Some(0), "{a} {b} {format}");
            assert!(
                rendered.stdout == direct,
                "{a} {b} --unit {unit}: render --format {format} differs from the comparison"
            );
        }
    }
}

#[test]
fn saved_reports_of_the_samples_render_as_the_comparison_printed() {
    assert_round_trips(
        "samples/shanghai-declaration.zh.md",
        "samples/shanghai-declaration.revised.zh.md",
    );
    assert_round_trips(
        "samples/community-ai-charter.v1.en.md",
        "samples/community-ai-charter.v2.en.md",
    );
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn saved_reports_of_corpus_pairs_render_as_the_comparison_printed() {
    let corpus = common::shared_path("corpus");
    let path = |name: &str| corpus.join(name).to_string_lossy().into_owned();
    for (a, b) in [
        ("bletchley-declaration.en.md", "seoul-declaration.en.md"),
        (
            "shanghai-declaration.zh.md",
            "ai-capacity-building-action-plan.zh.md",
        ),
        (
            "oecd-ai-recommendation-2019.en.md",
            "oecd-ai-recommendation-2024.en.md",
        ),
        (
            "unga-res-78-311.en.md",
            "ai-capacity-building-action-plan.zh.md",
        ),
    ] {
        assert_round_trips(&path(a), &path(b));
    }
}

#[test]
fn a_check_report_renders_without_its_verdict() {
    let (a, b) = (
        "samples/shanghai-declaration.zh.md",
        "samples/shanghai-declaration.revised.zh.md",
    );
    let checked = declcmp()
        .args(["check", a, b, "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    let direct = declcmp()
        .args([a, b, "--format", "diff"])
        .output()
        .unwrap()
        .stdout;
    let rendered = declcmp()
        .args(["render", "-", "--format", "diff"])
        .write_stdin(checked)
        .output()
        .unwrap();
    assert_eq!(rendered.status.code(), Some(0));
    assert_eq!(rendered.stdout, direct);
}

#[test]
fn what_is_not_a_report_is_refused_with_one_line() {
    for (input, says) in [
        ("not json", "not a declcmp.report/1 JSON report"),
        (r#"{"schema":"declcmp.report/2"}"#, "declcmp.report/2"),
        (r#"{"schema":"declcmp.report/1"}"#, "missing field"),
    ] {
        let output = declcmp()
            .args(["render", "-"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{input}");
        assert!(
            output.stdout.is_empty(),
            "{input}: printed a partial report"
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{input}: {stderr}");
    }
    // A pair naming a clause the report lacks.
    let json = declcmp()
        .args([
            "samples/community-ai-charter.v1.en.md",
            "samples/community-ai-charter.v2.en.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap()
        .stdout;
    let broken = String::from_utf8(json).unwrap().replacen(
        "\"a\": [\n        \"A1\"",
        "\"a\": [\n        \"A999\"",
        1,
    );
    let output = declcmp()
        .args(["render", "-"])
        .write_stdin(broken)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("A999"));
}
