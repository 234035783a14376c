//! The human-facing formats (table, diff, markdown) and the JSON, from the real binary:
//! snapshots with colour off and a fixed width, and the promises a reader relies on —
//! colour only when asked, every clause shown, tables no wider than `--width`.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

const FORMATS: [&str; 5] = ["table", "diff", "markdown", "json", "html"];

/// Exercises identical, modified (a weaker verb), moved, split, only-in-A and only-in-B,
/// with an astral Han character and an emoji.
const ZH_A: &str = "\
# 合作宣言

## 一、总则

我们愿加强国际合作。我们支持开放共享，反对技术壁垒。我们呼吁各方共同努力，推动人工智能健康发展。

## 二、安全

我们将确保人工智能安全可控。各国应当加强数据保护和隐私保护，并建立跨境数据流动规则。我们反对滥用人工智能技术从事非法活动。

## 三、展望

我们期待未来继续开展对话与交流。
";

const ZH_B: &str = "\
# 合作宣言（修订稿）

## 一、总则

我们支持开放共享，反对技术壁垒。我们将加强国际合作。我们呼吁各方共同努力，推动人工智能健康发展。

## 二、安全

我们将确保人工智能安全可控。各国应当加强数据保护和隐私保护。各国应当建立跨境数据流动规则。我们欢迎新的合作伙伴加入𦡦😀。

## 三、展望

我们期待未来继续开展对话与交流。
";

/// Exercises modified, merged, split, moved, only-in-A, only-in-B and identical, with
/// Markdown-significant characters in the clause text.
const EN_A: &str = "\
# Joint Statement

## Principles

We will strengthen international cooperation on AI safety. We support open research (see [OECD] guidance) and data_sharing. Governments should protect personal data. Governments should protect privacy rights.

## Actions

We commit to publish annual reports on progress. We will establish a network of safety institutes, and we will fund joint evaluations of frontier models. We look forward to meeting again in 2025.
";

const EN_B: &str = "\
# Joint Statement (revised)

## Principles

We may strengthen international cooperation on AI safety. Governments should protect personal data and privacy rights.

## Actions

We will establish a network of safety institutes. We will fund joint evaluations of frontier models. We invite other nations to join this *statement* | today. We look forward to meeting again in 2025. We support open research (see [OECD] guidance) and data_sharing.
";

const SHANGHAI: &str = include_str!("../samples/shanghai-declaration.zh.md");

/// The Shanghai Declaration revised: a firmer verb, a deleted clause, an added one, a
/// moved paragraph, a sentence split in two and two sentences merged into one.
fn shanghai_revision() -> String {
    let moved = "致力于培养更多的人工智能专业人才，加强教育培训与人才交流合作，提高全球范围内人工智能素养与技能水平。\n\n";
    let respect = "尊重各国自主发展的权利";
    let revised = SHANGHAI
        .replace("我们愿积极推进研发", "我们将积极推进研发")
        .replace(
            "加强人工智能的监管与问责机制，确保人工智能技术的合规使用与责任追究。\n\n",
            "我们支持建立人工智能安全国际对话机制，定期交流风险评估经验。\n\n",
        )
        .replace("从事非法活动，共同打击窃取", "从事非法活动。共同打击窃取")
        .replace("安全性的认识。开展科普活动", "安全性的认识，开展科普活动")
        .replace(moved, "");
    let at = revised.find(respect).expect("the sample has the paragraph");
    let end = at + revised[at..].find("\n\n").expect("paragraph end") + 2;
    format!("{}{moved}{}", &revised[..end], &revised[end..])
}

/// A temporary directory holding the named documents; the binary runs inside it with
/// relative paths, so no temporary path reaches the output.
fn workdir(files: &[(&str, &str)]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

/// Runs `declcmp a b args…` in `dir`; returns stdout and the exit code.
fn declcmp(dir: &Path, a: &str, b: &str, args: &[&str]) -> (String, i32) {
    let output = Command::cargo_bin("declcmp")
        .expect("binary")
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .arg(a)
        .arg(b)
        .args(args)
        .output()
        .expect("run declcmp");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "stderr: {stderr}");
    let code = output.status.code().expect("exit code");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        code,
    )
}

/// Runs every format with colour off at width 100, snapshots each, and returns the exit
/// code they agreed on.
fn snapshot_every_format(name: &str, dir: &Path, a: &str, b: &str) -> i32 {
    let mut codes = Vec::new();
    for format in FORMATS {
        let (out, code) = declcmp(
            dir,
            a,
            b,
            &["--format", format, "--color", "never", "--width", "100"],
        );
        insta::assert_snapshot!(format!("{name}_{format}"), out);
        codes.push(code);
    }
    assert!(codes.windows(2).all(|w| w[0] == w[1]), "{codes:?}");
    codes[0]
}

fn clause_ids(dir: &Path, a: &str, b: &str) -> Vec<String> {
    let (json, _) = declcmp(dir, a, b, &["--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON report");
    ["a", "b"]
        .iter()
        .flat_map(|side| report[side]["clauses"].as_array().expect("clauses").clone())
        .map(|clause| clause["id"].as_str().expect("id").to_string())
        .collect()
}

/// Whether `id` occurs in `text` as a whole id (`A1` is not found in `A12`).
fn mentions(text: &str, id: &str) -> bool {
    text.match_indices(id).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

fn all_fixtures() -> (TempDir, Vec<(&'static str, &'static str)>) {
    let revision = shanghai_revision();
    let dir = workdir(&[
        ("a.zh.md", ZH_A),
        ("b.zh.md", ZH_B),
        ("a.en.md", EN_A),
        ("b.en.md", EN_B),
        ("shanghai.zh.md", SHANGHAI),
        ("shanghai-revised.zh.md", &revision),
    ]);
    let pairs = vec![
        ("a.zh.md", "b.zh.md"),
        ("a.en.md", "b.en.md"),
        ("shanghai.zh.md", "shanghai-revised.zh.md"),
    ];
    (dir, pairs)
}

#[test]
fn small_chinese_documents() {
    let dir = workdir(&[("a.md", ZH_A), ("b.md", ZH_B)]);
    assert_eq!(
        snapshot_every_format("small_zh", dir.path(), "a.md", "b.md"),
        1
    );
}

#[test]
fn small_english_documents() {
    let dir = workdir(&[("a.md", EN_A), ("b.md", EN_B)]);
    assert_eq!(
        snapshot_every_format("small_en", dir.path(), "a.md", "b.md"),
        1
    );
}

#[test]
fn shanghai_against_itself_is_all_identical() {
    let dir = workdir(&[("shanghai.zh.md", SHANGHAI)]);
    let code = snapshot_every_format(
        "shanghai_self",
        dir.path(),
        "shanghai.zh.md",
        "shanghai.zh.md",
    );
    assert_eq!(code, 0);
}

#[test]
fn shanghai_against_a_revision() {
    let dir = workdir(&[
        ("shanghai.zh.md", SHANGHAI),
        ("revised.zh.md", &shanghai_revision()),
    ]);
    let code = snapshot_every_format(
        "shanghai_revised",
        dir.path(),
        "shanghai.zh.md",
        "revised.zh.md",
    );
    assert_eq!(code, 1);
}

#[test]
fn colour_only_when_asked() {
    let (dir, pairs) = all_fixtures();
    for (a, b) in pairs {
        for format in FORMATS {
            let (never, _) = declcmp(dir.path(), a, b, &["--format", format, "--color", "never"]);
            assert!(
                !never.contains('\x1b'),
                "{format} {a}: escape with --color never"
            );
            let output = Command::cargo_bin("declcmp")
                .expect("binary")
                .current_dir(dir.path())
                .env("NO_COLOR", "1")
                .args([a, b, "--format", format, "--color", "auto"])
                .output()
                .expect("run declcmp");
            assert!(
                !output.stdout.contains(&0x1b),
                "{format} {a}: escape with NO_COLOR=1"
            );
        }
        for format in ["table", "diff"] {
            let (always, _) = declcmp(dir.path(), a, b, &["--format", format, "--color", "always"]);
            assert!(
                always.contains("\x1b["),
                "{format} {a}: no escape with --color always"
            );
        }
    }
}

#[test]
fn every_clause_appears_in_markdown_and_diff() {
    let (dir, pairs) = all_fixtures();
    for (a, b) in pairs {
        let ids = clause_ids(dir.path(), a, b);
        assert!(!ids.is_empty());
        for format in ["markdown", "diff"] {
            let (out, _) = declcmp(dir.path(), a, b, &["--format", format, "--color", "never"]);
            for id in &ids {
                assert!(mentions(&out, id), "{format} of {a}, {b} lacks {id}");
            }
        }
    }
}

#[test]
fn diff_shows_a_moved_clause_once() {
    let dir = workdir(&[("a.md", EN_A), ("b.md", EN_B)]);
    let (out, _) = declcmp(
        dir.path(),
        "a.md",
        "b.md",
        &["--format", "diff", "--color", "never"],
    );
    let moved: Vec<&str> = out.lines().filter(|l| l.starts_with('>')).collect();
    assert!(!moved.is_empty(), "no moved line:\n{out}");
    for line in moved {
        assert!(line.contains("(moved from A"), "{line}");
        let text = "We support open research";
        if line.contains(text) {
            assert_eq!(
                out.matches(text).count(),
                1,
                "moved text shown twice:\n{out}"
            );
        }
    }
}

#[test]
fn table_lines_fit_the_width() {
    let (dir, pairs) = all_fixtures();
    for (a, b) in pairs {
        for width in [100, 72, 50] {
            for extra in [
                &[][..],
                &["--wrap"],
                &["--changes-only"],
                &["--wrap", "--changes-only"],
            ] {
                let width_arg = width.to_string();
                let mut args = vec!["--color", "never", "--width", &width_arg];
                args.extend_from_slice(extra);
                let (out, _) = declcmp(dir.path(), a, b, &args);
                for line in out.lines() {
                    assert!(
                        line.width() <= width,
                        "{a} at {width} {extra:?}: {} columns: {line}",
                        line.width()
                    );
                }
            }
        }
    }
}

/// A width of 0 (given, or reported by a terminal) once gave one-character columns.
#[test]
fn width_zero_falls_back_to_100() {
    let dir = workdir(&[
        ("shanghai.zh.md", SHANGHAI),
        ("revised.zh.md", &shanghai_revision()),
    ]);
    let table = |width: &str| {
        declcmp(
            dir.path(),
            "shanghai.zh.md",
            "revised.zh.md",
            &["--color", "never", "--width", width],
        )
        .0
    };
    assert_eq!(table("0"), table("100"));
}

/// The text column of a table: what stands between the last column rule and the border.
fn text_column(table: &str) -> String {
    table
        .lines()
        .filter_map(|line| {
            let cell = line.rsplit_once('┆')?.1;
            Some(cell.trim_end_matches('│').trim().to_string())
        })
        .collect()
}

#[test]
fn wrap_shows_every_character_of_every_clause() {
    let revision = shanghai_revision();
    let dir = workdir(&[("shanghai.zh.md", SHANGHAI), ("revised.zh.md", &revision)]);
    let (out, _) = declcmp(
        dir.path(),
        "shanghai.zh.md",
        "revised.zh.md",
        &["--color", "never", "--width", "80", "--wrap"],
    );
    let text = text_column(&out);
    let (json, _) = declcmp(
        dir.path(),
        "shanghai.zh.md",
        "revised.zh.md",
        &["--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_str(&json).expect("JSON report");
    for clause in report["a"]["clauses"].as_array().expect("clauses") {
        let clause = clause["text"].as_str().expect("text");
        assert!(text.contains(clause), "not shown whole: {clause}");
    }
}

#[test]
fn changes_only_collapses_identical_clauses_to_a_count() {
    let revision = shanghai_revision();
    let dir = workdir(&[("shanghai.zh.md", SHANGHAI), ("revised.zh.md", &revision)]);
    // An identical clause of the sample, in place in the revision.
    let identical = "鼓励创新思维";
    for format in ["table", "diff"] {
        let args = ["--format", format, "--color", "never", "--width", "100"];
        let (full, _) = declcmp(dir.path(), "shanghai.zh.md", "revised.zh.md", &args);
        let mut changes_args = args.to_vec();
        changes_args.push("--changes-only");
        let (changes, code) = declcmp(dir.path(), "shanghai.zh.md", "revised.zh.md", &changes_args);
        assert_eq!(code, 1);
        assert!(full.contains(identical), "{format}: the sample changed");
        assert!(
            !changes.contains(identical),
            "{format} --changes-only:\n{changes}"
        );
        assert!(
            changes.contains(" identical clauses"),
            "{format}:\n{changes}"
        );
        // Every change is still there.
        for change in ["积极推进研发", "我们支持建立人工智能"] {
            assert!(
                changes.contains(change),
                "{format} lost {change}:\n{changes}"
            );
        }
        assert!(
            changes.lines().count() < full.lines().count(),
            "{format}: not shorter"
        );
    }
    let (diff, _) = declcmp(
        dir.path(),
        "shanghai.zh.md",
        "revised.zh.md",
        &["--format", "diff", "--color", "never", "--changes-only"],
    );
    insta::assert_snapshot!("shanghai_revised_diff_changes_only", diff);
}
