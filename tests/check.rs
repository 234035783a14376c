//! `declcmp check`, the CI mode, through the real binary: verdicts and exit codes, the rules
//! file and the flags over it, the github and json formats, and git revisions as inputs.

mod common;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

/// Line 9 holds the binding clause the revisions remove; line 5 the preamble's only clause.
const ZH_OLD: &str = "\
# 人工智能安全宣言

## 序言

我们认识到人工智能带来的机遇与挑战。

## 一、安全

我们将建立人工智能安全风险评估体系。

我们将加强人工智能安全领域的国际合作。

我们支持开放源代码的研究与创新。
";

/// [`ZH_OLD`] reworded, every commitment kept.
const ZH_REWORDED: &str = "\
# 人工智能安全宣言

## 序言

我们认识到人工智能带来的巨大机遇与严峻挑战。

## 一、安全

我们将建立健全人工智能安全风险评估体系。

我们将加强人工智能安全领域的国际交流合作。

我们支持开放源代码的研究与创新。
";

/// [`ZH_OLD`] without the risk-assessment clause; the clause after it is now on line 9.
const ZH_REMOVED: &str = "\
# 人工智能安全宣言

## 序言

我们认识到人工智能带来的机遇与挑战。

## 一、安全

我们将加强人工智能安全领域的国际合作。

我们支持开放源代码的研究与创新。
";

/// [`ZH_OLD`] without the preamble's clause (line 5).
const ZH_NO_PREAMBLE: &str = "\
# 人工智能安全宣言

## 序言

## 一、安全

我们将建立人工智能安全风险评估体系。

我们将加强人工智能安全领域的国际合作。

我们支持开放源代码的研究与创新。
";

/// [`ZH_OLD`] with 将 weakened to 愿 on line 11.
const ZH_WEAKENED: &str = "\
# 人工智能安全宣言

## 序言

我们认识到人工智能带来的机遇与挑战。

## 一、安全

我们将建立人工智能安全风险评估体系。

我们愿加强人工智能安全领域的国际合作。

我们支持开放源代码的研究与创新。
";

const EN_OLD: &str = "\
# Frontier AI Safety Commitments

## Testing

Developers shall ensure that frontier models are tested for severe risks before release.

Developers will publish a safety framework before deployment.

## Transparency

We support information sharing between developers and governments.
";

/// [`EN_OLD`] with "shall ensure" weakened to "should encourage" on line 5.
const EN_WEAKENED: &str = "\
# Frontier AI Safety Commitments

## Testing

Developers should encourage that frontier models are tested for severe risks before release.

Developers will publish a safety framework before deployment.

## Transparency

We support information sharing between developers and governments.
";

/// [`EN_OLD`] with one weak (level 1) clause added on line 13.
const EN_ADDED: &str = "\
# Frontier AI Safety Commitments

## Testing

Developers shall ensure that frontier models are tested for severe risks before release.

Developers will publish a safety framework before deployment.

## Transparency

We support information sharing between developers and governments.

We encourage developers to report serious incidents to an independent body.
";

/// A temporary directory holding `old.md` and `new.md`, where `declcmp check` runs.
fn workspace(old: &str, new: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.md"), old).unwrap();
    std::fs::write(dir.path().join("new.md"), new).unwrap();
    dir
}

/// `declcmp check old.md new.md ARGS` in `dir`, with no GitHub environment.
fn check(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("declcmp").unwrap();
    cmd.current_dir(dir)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "old.md", "new.md"])
        .args(args);
    cmd
}

#[test]
fn check_passes_a_reworded_revision() {
    let dir = workspace(ZH_OLD, ZH_REWORDED);
    check(dir.path(), &[])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "declcmp check old.md -> new.md: passed (0 failing,",
        ))
        .stdout(predicate::str::contains("clauses: 4 old, 4 new;"));
}

#[test]
fn check_fails_on_removed_binding_clause() {
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    check(dir.path(), &[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "  FAIL removed A2 in 一、安全 (level 3: 将) new.md:9\n",
        ));
}

/// The removal rule itself, at a level every clause reaches until the lexicon lands. The
/// commitment note between section and line is left to the lexicon's tests.
#[test]
fn check_fails_on_removed_clause_naming_clause_and_line() {
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    check(dir.path(), &["--min-level", "0"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "declcmp check old.md -> new.md: failed (1 failing,",
        ))
        .stdout(predicate::str::contains("  FAIL removed A2 in 一、安全 "))
        .stdout(predicate::str::contains(
            " new.md:9\n       我们将建立人工智能安全风险评估体系。\n",
        ));
}

#[test]
fn check_ignores_a_removal_in_an_ignored_section() {
    let dir = workspace(ZH_OLD, ZH_NO_PREAMBLE);
    check(dir.path(), &["--min-level", "0"]).assert().code(1);
    check(
        dir.path(),
        &["--min-level", "0", "--ignore-section", "序言"],
    )
    .assert()
    .code(0)
    .stdout(predicate::str::contains("1 ignored"));
    std::fs::write(
        dir.path().join("declcmp.toml"),
        "min_level = 0\nignore_sections = [\"序言\"]\n",
    )
    .unwrap();
    check(dir.path(), &[]).assert().code(0);
}

#[test]
fn check_ignores_a_clause_by_text() {
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    check(
        dir.path(),
        &["--min-level", "0", "--ignore-clause", "风险评估"],
    )
    .assert()
    .code(0);
}

#[test]
fn check_fails_on_weakened_commitment() {
    let dir = workspace(ZH_OLD, ZH_WEAKENED);
    check(dir.path(), &[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "  FAIL weakened A3 -> B3 in 一、安全 (将 → 愿",
        ))
        .stdout(predicate::str::contains("new.md:11\n"));
    let dir = workspace(EN_OLD, EN_WEAKENED);
    check(dir.path(), &[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "  FAIL weakened A1 -> B1 in Testing (",
        ))
        .stdout(predicate::str::contains("new.md:5\n"));
}

#[test]
fn check_reads_the_rules_file_and_flags_override_it() {
    let dir = workspace(EN_OLD, EN_ADDED);
    // Additions are reported, not failed, by default.
    check(dir.path(), &[])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("reported, not failing: 1 added"));
    std::fs::write(
        dir.path().join("declcmp.toml"),
        "fail_on = [\"added\"]\nmin_level = 0\n",
    )
    .unwrap();
    check(dir.path(), &[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("  FAIL added B4 in Transparency "))
        .stdout(predicate::str::contains(" new.md:13\n"));
    check(dir.path(), &["--fail-on", "removed,weakened"])
        .assert()
        .code(0);
    // The added clause only encourages (level 1).
    check(dir.path(), &["--min-level", "3"]).assert().code(0);
    // --config names another file; the one in the directory is then not read.
    std::fs::write(dir.path().join("strict.toml"), "fail_on = []\n").unwrap();
    check(dir.path(), &["--config", "strict.toml"])
        .assert()
        .code(0);
}

#[test]
fn check_refuses_an_unknown_key_naming_it_and_its_line() {
    let dir = workspace(ZH_OLD, ZH_REWORDED);
    std::fs::write(
        dir.path().join("declcmp.toml"),
        "min_level = 2\nfail_onn = [\"removed\"]\n",
    )
    .unwrap();
    check(dir.path(), &[])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "declcmp.toml: line 2: unknown key `fail_onn`",
        ));
}

#[test]
fn check_refuses_invalid_toml() {
    let dir = workspace(ZH_OLD, ZH_REWORDED);
    std::fs::write(dir.path().join("rules.toml"), "fail_on = [\"removed\"\n").unwrap();
    check(dir.path(), &["--config", "rules.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("rules.toml: line "));
    check(dir.path(), &["--config", "missing.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml: cannot read"));
}

#[test]
fn check_github_format_prints_commands_and_writes_the_step_summary() {
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    let summary = dir.path().join("step-summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = check(dir.path(), &["--min-level", "0", "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(output).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=new.md,line=9,title=declcmp::removed A2 in 一、安全"),
        "{first}"
    );
    assert!(
        first.ends_with(": 我们将建立人工智能安全风险评估体系。"),
        "{first}"
    );
    assert!(
        stdout.contains("\ndeclcmp check old.md -> new.md: failed"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&summary).unwrap();
    assert!(
        written.starts_with("earlier step\n## declcmp check: failed"),
        "{written}"
    );
    assert!(
        written.contains("| removed | A2 | 9 | 一、安全 |"),
        "{written}"
    );
}

#[test]
fn check_github_format_reports_passing_changes_as_notices() {
    let dir = workspace(EN_OLD, EN_ADDED);
    check(dir.path(), &["--format", "github"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with(
            "::notice file=new.md,line=13,title=declcmp::added B4 in Transparency",
        ))
        .stdout(predicate::str::contains(
            ": We encourage developers to report",
        ));
}

#[test]
fn check_json_format_is_the_report_with_a_verdict() {
    let validator = common::report_validator();
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    let output = check(dir.path(), &["--min-level", "0", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    if let Err(error) = validator.validate(&json) {
        panic!("not a declcmp.report/1: {error}");
    }
    let verdict = &json["check"];
    assert_eq!(verdict["verdict"], "failed");
    assert_eq!(verdict["rules"]["min_level"], 0);
    let failures = verdict["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["change"], "removed");
    assert_eq!(failures[0]["line"], 9);
    assert_eq!(failures[0]["old"]["ids"], serde_json::json!(["A2"]));

    let dir = workspace(ZH_OLD, ZH_REWORDED);
    let output = check(dir.path(), &["--format", "json"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert!(validator.is_valid(&json));
    assert_eq!(json["check"]["verdict"], "passed");
}

#[test]
fn plain_compare_is_unchanged_by_the_check_mode() {
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    // A declcmp.toml is read by `check` only.
    std::fs::write(dir.path().join("declcmp.toml"), "no_such_key = 1\n").unwrap();
    let output = Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(dir.path())
        .args(["old.md", "new.md", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert!(json.get("check").is_none());
    assert_eq!(json["unmatched_a"], serde_json::json!(["A2"]));
}

fn git(dir: &Path, args: &[&str]) {
    let status = common::git(dir).args(args).status().unwrap();
    assert!(status.success(), "git {args:?}");
}

/// Needs `input::read_source` to read `REV:path` through `git show` (landing separately).
#[test]
fn check_reads_git_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::create_dir(repo.join("docs")).unwrap();
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("docs/policy.md"), ZH_OLD).unwrap();
    git(repo, &["add", "docs/policy.md"]);
    git(repo, &["commit", "-q", "-m", "policy"]);
    std::fs::write(repo.join("docs/policy.md"), ZH_REMOVED).unwrap();
    git(repo, &["commit", "-q", "-am", "drop a clause"]);
    Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(repo)
        .env_remove("GITHUB_STEP_SUMMARY")
        .args(["check", "--min-level", "0", "--format", "github"])
        .args(["HEAD~1:docs/policy.md", "docs/policy.md"])
        .assert()
        .code(1)
        .stdout(predicate::str::starts_with(
            "::error file=docs/policy.md,line=9,title=declcmp::removed A2 in 一、安全",
        ));
    Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(repo)
        .args(["check", "HEAD~1:docs/policy.md", "HEAD~1:docs/policy.md"])
        .assert()
        .code(0);
}

/// A `declcmp.toml` committed as a link to another file echoed that file's keys and values
/// in the error ("unknown variant `secret…`").
#[cfg(unix)]
#[test]
fn check_refuses_a_rules_file_linked_elsewhere_without_showing_its_contents() {
    let dir = workspace(ZH_OLD, ZH_OLD);
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "fail_on = [\"token-5f3a9c\"]\n").unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("declcmp.toml")).unwrap();
    let output = check(dir.path(), &[]).assert().code(2).get_output().clone();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("declcmp.toml: is a symbolic link"),
        "{stderr}"
    );
    assert!(!stderr.contains("token-5f3a9c"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// `--config /dev/zero` read without end (over a gigabyte in ten seconds).
#[cfg(unix)]
#[test]
fn check_refuses_a_rules_file_without_end() {
    let dir = workspace(ZH_OLD, ZH_OLD);
    check(dir.path(), &["--config", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/dev/zero: more than 65536 bytes"));
}

/// `check HEAD~1:policy.md policy.md` in a subdirectory read `policy.md` at the repository
/// root for OLD and the subdirectory's for NEW, silently comparing two different files.
#[test]
fn check_from_a_subdirectory_refuses_a_rev_path_that_names_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    std::fs::create_dir(repo.join("docs")).unwrap();
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("policy.md"), EN_OLD).unwrap();
    std::fs::write(repo.join("docs/policy.md"), ZH_OLD).unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "policies"]);
    std::fs::write(repo.join("docs/policy.md"), ZH_REMOVED).unwrap();
    git(repo, &["commit", "-q", "-am", "drop a clause"]);
    let docs = repo.join("docs");
    let run = |old: &str, new: &str| {
        let mut cmd = Command::cargo_bin("declcmp").unwrap();
        cmd.current_dir(&docs)
            .env_remove("GITHUB_STEP_SUMMARY")
            .args(["check", "--min-level", "0", old, new]);
        cmd.assert()
    };
    let refused = run("HEAD~1:policy.md", "policy.md")
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains("docs/policy.md here differs; write HEAD~1:./policy.md for the file here or HEAD~1:../policy.md"),
        "{stderr}"
    );
    // As git reads them: `./` from here, `../` and a root path from the root.
    run("HEAD~1:./policy.md", "policy.md")
        .code(1)
        .stdout(predicate::str::contains("FAIL removed A2 in 一、安全"));
    run("HEAD~1:../policy.md", "../policy.md").code(0);
    run("HEAD~1:docs/policy.md", "policy.md").code(1);
    // A file only here is named by its `./` spelling when the root has none.
    std::fs::remove_file(repo.join("policy.md")).unwrap();
    git(repo, &["commit", "-q", "-am", "no root policy"]);
    run("HEAD:policy.md", "policy.md")
        .code(2)
        .stderr(predicate::str::contains(
            "the file in this directory is HEAD:./policy.md",
        ));
}

/// [`ZH_OLD`] with a heading, a clause and a file name written to break out of their place.
const HOSTILE_HEADING: &str =
    "&lt;/table&gt;&lt;details&gt;&lt;summary&gt;✅ Reviewed, safe to merge&lt;/summary&gt;";

/// A NEW path holding `\n::error …` emitted that command from the closing line.
#[test]
fn check_keeps_a_newline_in_a_file_name_inside_its_line() {
    let dir = workspace(ZH_OLD, ZH_REMOVED);
    let evil = "new.md\n::error file=evil.md,line=1::All checks passed";
    std::fs::write(dir.path().join(evil), ZH_REMOVED).unwrap();
    for format in ["github", "summary"] {
        let mut cmd = Command::cargo_bin("declcmp").unwrap();
        let output = cmd
            .current_dir(dir.path())
            .env_remove("GITHUB_STEP_SUMMARY")
            .args(["check", "--format", format, "old.md", evil])
            .assert()
            .code(1)
            .get_output()
            .clone();
        let stdout = String::from_utf8(output.stdout).unwrap();
        for line in stdout.lines() {
            assert!(
                !line.trim_start().starts_with("::error file=evil.md"),
                "{stdout}"
            );
            if line.starts_with("::") {
                assert!(
                    line.starts_with(
                        "::error file=new.md␊%3A%3Aerror file=evil.md%2Cline=1%3A%3AAll"
                    ),
                    "{line}"
                );
            }
        }
        assert!(
            stdout.contains("declcmp check old.md -> new.md␊::error file=evil.md"),
            "{stdout}"
        );
    }
}

/// Clause text that starts with `::` is a workflow command in a GitHub log whatever format
/// printed it (the runner ignores leading white space); and ESC and bidi controls reached
/// the terminal raw.
#[test]
fn check_summary_shows_hostile_clause_text_spelled_out() {
    let old = ZH_OLD.replace(
        "我们将建立人工智能安全风险评估体系。",
        "::error file=new.md::我们将建立体系\u{1b}]52;c;ZXZpbA==\u{7}\u{202E}。",
    );
    let dir = workspace(&old, ZH_REMOVED);
    let output = check(dir.path(), &["--min-level", "0"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        !stdout.contains(['\u{1b}', '\u{7}', '\u{202E}']),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "       \\u{3a}:error file=new.md::我们将建立体系␛]52;c;ZXZpbA==␇\\u{202e}。"
        ),
        "{stdout}"
    );
    assert!(
        stdout.lines().all(|l| !l.trim_start().starts_with("::")),
        "{stdout}"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("old.md: 3 hidden control character(s)"),
        "{stderr}"
    );
}

/// The job summary escaped only `|`: a heading written with entities came out as raw HTML
/// (folding the rest of the summary under a reassuring line), and a backtick in a file
/// name ended the header's code span.
#[test]
fn check_step_summary_keeps_entities_backticks_and_mentions_as_text() {
    let old = ZH_OLD.replace("## 一、安全", &format!("## {HOSTILE_HEADING} @admin"));
    let removed = ZH_REMOVED.replace("## 一、安全", &format!("## {HOSTILE_HEADING} @admin"));
    let dir = workspace(&old, &removed);
    let new = "new`<b>x`.md";
    std::fs::write(dir.path().join(new), &removed).unwrap();
    let summary = dir.path().join("step-summary.md");
    let mut cmd = Command::cargo_bin("declcmp").unwrap();
    cmd.current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check",
            "--min-level",
            "0",
            "--format",
            "github",
            "old.md",
            new,
        ])
        .assert()
        .code(1);
    let written = std::fs::read_to_string(&summary).unwrap();
    // The verdict and its table, before the Markdown report that follows them.
    let verdict = written.split("\n\n# ").next().unwrap();
    assert!(verdict.contains("`old.md` → ``new`<b>x`.md``"), "{verdict}");
    let row = verdict
        .lines()
        .find(|l| l.starts_with("| removed |"))
        .unwrap_or_else(|| panic!("{verdict}"));
    // Markdown decodes the heading's entities to `</table>`; the cell writes that as text.
    assert!(
        row.contains("| &lt;/table&gt;&lt;details&gt;&lt;summary&gt;✅")
            && row.contains("@&#8203;admin"),
        "{row}"
    );
    assert!(!row.contains('<') && !row.contains('>'), "{row}");
}

/// The rules come from the base revision: a change that switches the check off in the
/// working tree's `declcmp.toml` does not pass the removal, and the first line says the
/// rules differ; `--config` is explicit and wins.
#[test]
fn check_takes_the_rules_from_the_base_revision() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q"]);
    std::fs::write(repo.join("policy.md"), ZH_OLD).unwrap();
    std::fs::write(repo.join("declcmp.toml"), "min_level = 1\n").unwrap();
    git(repo, &["add", "policy.md", "declcmp.toml"]);
    git(repo, &["commit", "-q", "-m", "policy"]);
    // The change under review drops a binding clause and turns the gate off.
    std::fs::write(repo.join("policy.md"), ZH_REMOVED).unwrap();
    std::fs::write(repo.join("declcmp.toml"), "fail_on = []\n").unwrap();
    let run = |extra: &[&str]| {
        Command::cargo_bin("declcmp")
            .unwrap()
            .current_dir(repo)
            .env_remove("GITHUB_STEP_SUMMARY")
            .arg("check")
            .args(extra)
            .args(["HEAD:policy.md", "policy.md"])
            .output()
            .unwrap()
    };
    let output = run(&[]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        stdout.lines().next(),
        Some(
            "note: ./declcmp.toml differs from HEAD:./declcmp.toml: checking with the rules of \
             HEAD, the base revision (pass --config declcmp.toml to use the working tree's)"
        ),
        "{stdout}"
    );
    let github = run(&["--format", "github"]);
    let annotations = String::from_utf8_lossy(&github.stdout);
    assert!(
        annotations.starts_with("::warning title=declcmp rules::./declcmp.toml differs"),
        "{annotations}"
    );
    let json = run(&["--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["check"]["rules_from"], "HEAD:./declcmp.toml");
    // Explicitly asked for, the working tree's rules apply (and nothing fails).
    assert_eq!(run(&["--config", "declcmp.toml"]).status.code(), Some(0));
}

/// GitHub shows ten annotations of a kind per step; the rest are counted in one line.
#[test]
fn check_github_format_caps_annotations_per_kind_and_says_how_many_more() {
    let clauses: Vec<String> = (1..=14)
        .map(|k| format!("Developers shall publish safety report number {k} within a month."))
        .collect();
    let old = format!("# Commitments\n\n{}\n", clauses.join("\n\n"));
    let dir = workspace(&old, "# Commitments\n\nNothing remains.\n");
    let output = check(dir.path(), &["--format", "github"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("::error")).count(),
        10,
        "{stdout}"
    );
    assert!(
        stdout.contains("declcmp: and 4 more errors not annotated"),
        "{stdout}"
    );
}
