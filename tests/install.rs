//! Fitting in after `cargo install`: the man page and shell completions of `--generate`,
//! `declcmp help TOPIC`, and git's external-diff call (`GIT_EXTERNAL_DIFF`, and a
//! `diff.declcmp.command` chosen by `.gitattributes`), through the real binary.

mod common;

use std::path::Path;
use std::process::{Command as StdCommand, Output};

use assert_cmd::Command;
use predicates::prelude::*;

fn declcmp() -> Command {
    Command::cargo_bin("declcmp").expect("the declcmp binary is built")
}

fn generated(kind: &str) -> String {
    let output = declcmp().args(["--generate", kind]).output().expect("runs");
    assert_eq!(output.status.code(), Some(0), "--generate {kind}");
    assert!(output.stderr.is_empty(), "--generate {kind}");
    String::from_utf8(output.stdout).expect("UTF-8")
}

#[test]
fn bash_completion_loads_and_completes_the_commands_and_their_flags() {
    let script = generated("complete-bash");
    // The issue's check, then a completion of `declcmp ch` and of `declcmp check --fa`.
    let output = StdCommand::new("bash")
        .args([
            "-c",
            "source /dev/stdin; complete -p declcmp; \
             COMP_WORDS=(declcmp ch); COMP_CWORD=1; _declcmp declcmp ch declcmp; \
             echo \"words: ${COMPREPLY[*]}\"; \
             COMP_WORDS=(declcmp check --fa); COMP_CWORD=2; _declcmp declcmp --fa check; \
             echo \"words: ${COMPREPLY[*]}\"",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(script.as_bytes())?;
            child.wait_with_output()
        })
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("complete ") && lines[0].ends_with(" declcmp"),
        "{stdout}"
    );
    assert_eq!(lines[1], "words: check", "{stdout}");
    assert_eq!(lines[2], "words: --fail-on", "{stdout}");
}

#[test]
fn every_shell_gets_completions_that_know_check_and_render() {
    for (kind, marker) in [
        ("complete-bash", "_declcmp()"),
        ("complete-zsh", "#compdef declcmp"),
        ("complete-fish", "complete -c declcmp"),
        ("complete-powershell", "Register-ArgumentCompleter"),
    ] {
        let script = generated(kind);
        assert!(script.contains(marker), "{kind}");
        for word in ["check", "render", "fail-on", "changes-only", "generate"] {
            assert!(script.contains(word), "{kind} lacks {word}");
        }
    }
}

/// The roff `--generate man` writes: a title, the sections of the three commands, and only
/// requests a man page uses (a stray line starting with `.` or `'` would be read as one).
#[test]
fn man_page_is_well_formed_roff_covering_the_three_commands() {
    let page = generated("man");
    let title = format!(".TH declcmp 1  \"declcmp {}\" ", env!("CARGO_PKG_VERSION"));
    for heading in [
        title.as_str(),
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH \"DECLCMP CHECK\"",
        ".SH \"DECLCMP RENDER\"",
        ".SH VERSION",
    ] {
        assert!(page.lines().any(|l| l == heading), "no {heading}");
    }
    for option in ["fail\\-on", "changes\\-only", "generate", "input\\-format"] {
        assert!(page.contains(&format!("\\-\\-{option}")), "no --{option}");
    }
    const REQUESTS: [&str; 12] = [
        "TH", "SH", "SS", "TP", "IP", "PP", "RS", "RE", "B", "I", "br", "ie",
    ];
    for line in page.lines().filter(|l| l.starts_with(['.', '\''])) {
        let request = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            REQUESTS.contains(&request) || request == "el" || request == "if",
            "unexpected request: {line}"
        );
    }
}

/// `man -l` renders the page (man-db; `.ci/run` installs it when missing).
#[test]
fn man_renders_the_page() {
    let has_man = StdCommand::new("man").arg("--version").output().is_ok();
    if !has_man {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "man is missing, and CI=true: .ci/run installs man-db"
        );
        common::say_skipped("man not found (apt-get install man-db to render the page)");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let page = dir.path().join("declcmp.1");
    std::fs::write(&page, generated("man")).expect("written");
    let output = StdCommand::new("man")
        .arg("-l")
        .arg(&page)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "100")
        .env("MAN_KEEP_FORMATTING", "")
        .output()
        .expect("man runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // man-db may overstrike bold text when it thinks it writes to a terminal.
    let plain: String = text
        .split('\u{8}')
        .enumerate()
        .map(|(k, piece)| {
            if k == 0 {
                piece
            } else {
                &piece[piece.chars().next().map_or(0, char::len_utf8)..]
            }
        })
        .collect();
    for needle in [
        "declcmp - Compare two policy declarations",
        "DECLCMP CHECK",
        "--fail-on",
    ] {
        assert!(plain.contains(needle), "no {needle:?} in:\n{plain}");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("warning"), "{stderr}");
}

#[test]
fn help_names_a_command_as_its_help_flag_does() {
    for topic in ["check", "render"] {
        let flag = declcmp().args([topic, "--help"]).output().expect("runs");
        declcmp()
            .args(["help", topic])
            .assert()
            .code(0)
            .stdout(String::from_utf8(flag.stdout).expect("UTF-8"));
    }
    let flag = declcmp().arg("--help").output().expect("runs");
    declcmp()
        .arg("help")
        .assert()
        .code(0)
        .stdout(String::from_utf8(flag.stdout).expect("UTF-8"));
}

#[test]
fn help_on_an_unknown_topic_is_one_line_of_trouble() {
    declcmp()
        .args(["help", "chek"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("no such command `chek`")
                .and(predicate::function(|s: &str| s.lines().count() == 1)),
        );
}

#[test]
fn generate_refuses_an_unknown_kind_and_company() {
    declcmp()
        .args(["--generate", "roff"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("complete-bash"));
    declcmp()
        .args(["--generate", "man", "a.md"])
        .assert()
        .code(2);
}

fn run_git(repo: &Path, args: &[&str]) -> Output {
    let output = common::git(repo).args(args).output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A repository whose one commit holds the first charter as `docs/policy.md` and a binary
/// `logo.png`; the working tree has the second charter, another logo and an added
/// `docs/new.md` (staged, so `git diff HEAD` shows it).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let repo = dir.path();
    let sample = |name: &str| common::package_file(&format!("samples/{name}"));
    std::fs::create_dir(repo.join("docs")).expect("created");
    std::fs::write(
        repo.join("docs/policy.md"),
        sample("community-ai-charter.v1.en.md"),
    )
    .expect("written");
    std::fs::write(repo.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR").expect("written");
    run_git(repo, &["init", "-q"]);
    run_git(repo, &["add", "."]);
    run_git(repo, &["commit", "-q", "-m", "first"]);
    std::fs::write(
        repo.join("docs/policy.md"),
        sample("community-ai-charter.v2.en.md"),
    )
    .expect("written");
    std::fs::write(repo.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDX").expect("written");
    std::fs::write(
        repo.join("docs/new.md"),
        "# Annex\n\nThe Council will publish a yearly report.\n",
    )
    .expect("written");
    run_git(repo, &["add", "docs/new.md"]);
    dir
}

/// `GIT_EXTERNAL_DIFF=declcmp git diff` failed with "unexpected argument '92df96…'": git's
/// seven arguments are now one file's comparison, labelled with its path, exit 0.
#[test]
fn git_external_diff_shows_each_file_labelled_with_its_path() {
    let dir = repository();
    let output = common::git(dir.path())
        .env("GIT_EXTERNAL_DIFF", env!("CARGO_BIN_EXE_declcmp"))
        .args(["diff", "HEAD"])
        .output()
        .expect("git runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stdout}{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    // The added file: against /dev/null, everything is new.
    assert!(
        stdout.contains("--- a/docs/new.md\n+++ b/docs/new.md\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("The Council will publish a yearly report."),
        "{stdout}"
    );
    // The binary file is named and skipped, and git goes on.
    assert!(
        stdout.contains("declcmp: logo.png: binary file"),
        "{stdout}"
    );
    assert!(stdout.contains("; not compared"), "{stdout}");
    // The modified document: a clause diff with word changes, identical clauses folded.
    assert!(
        stdout.contains("--- a/docs/policy.md\n+++ b/docs/policy.md\n"),
        "{stdout}"
    );
    assert!(stdout.contains("[-may-]{+will+}"), "{stdout}");
    assert!(
        stdout.contains("! commitment strengthened: may → will"),
        "{stdout}"
    );
    assert!(stdout.contains("identical clause"), "{stdout}");
    // No temporary file of git's is named.
    assert!(!stdout.contains("/tmp"), "{stdout}");
}

/// A deleted file is compared with `/dev/null`: everything is gone.
#[test]
fn git_external_diff_shows_a_deleted_file() {
    let dir = repository();
    run_git(dir.path(), &["rm", "-q", "-f", "docs/policy.md"]);
    let output = common::git(dir.path())
        .env("GIT_EXTERNAL_DIFF", env!("CARGO_BIN_EXE_declcmp"))
        .args(["diff", "--cached", "--", "docs/policy.md"])
        .output()
        .expect("git runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("--- a/docs/policy.md"), "{stdout}");
    assert!(
        stdout.lines().filter(|l| l.starts_with("- A")).count() > 10,
        "{stdout}"
    );
}

/// The `.gitattributes` route: `*.md diff=declcmp` and `diff.declcmp.command`, options
/// included; other files keep git's own diff.
#[test]
fn git_diff_driver_from_gitattributes_takes_options() {
    let dir = repository();
    std::fs::write(dir.path().join(".gitattributes"), "*.md diff=declcmp\n").expect("written");
    let command = format!("{} --format markdown", env!("CARGO_BIN_EXE_declcmp"));
    let output = common::git(dir.path())
        .args(["-c", &format!("diff.declcmp.command={command}")])
        .args(["diff", "HEAD"])
        .output()
        .expect("git runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The Markdown brief names the files by their paths.
    assert!(stdout.contains("docs/policy.md"), "{stdout}");
    assert!(stdout.contains("~~may~~**will**"), "{stdout}");
    // logo.png is not `*.md`: git's own diff says it is binary.
    assert!(
        stdout.contains("Binary files a/logo.png and b/logo.png differ"),
        "{stdout}"
    );
}

/// Outside git, an unreadable document is still trouble (exit 2), whatever the arguments
/// look like: seven arguments only become a git call in git's exact shape.
#[test]
fn seven_arguments_not_in_gits_shape_are_a_usage_error() {
    declcmp()
        .args(["a.md", "b.md", "c", "100644", "d", "e", "100644"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument"));
}

/// `action.yml` is a composite action with the inputs the README's workflow names, which it
/// hands to `declcmp check` as shell variables (an input spliced into `run:` would be code),
/// and it installs declcmp from its own source with the lockfile.
#[test]
fn github_action_is_composite_and_passes_its_inputs_as_variables() {
    let action = common::package_file("action.yml");
    assert!(action.contains("\nruns:\n  using: composite\n"), "{action}");
    for input in ["old", "new", "config", "format"] {
        assert!(
            action.contains(&format!("\n  {input}:\n    description: ")),
            "{input}"
        );
        assert!(
            action.contains(&format!(": ${{{{ inputs.{input} }}}}\n")),
            "{input} is not passed through env"
        );
    }
    let mut in_run = false;
    for line in action.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("run: |") {
            in_run = true;
        } else if trimmed.starts_with("- name:") {
            in_run = false;
        }
        if in_run || trimmed.starts_with("run: ") {
            assert!(
                !line.contains("${{ inputs."),
                "input spliced into a script: {line}"
            );
        }
    }
    assert!(action.contains("cargo install --locked --path \"$GITHUB_ACTION_PATH\""));
    let default_format = action
        .split("\n  format:\n")
        .nth(1)
        .and_then(|rest| {
            rest.lines()
                .find_map(|l| l.trim().strip_prefix("default: "))
        })
        .expect("format has a default");
    assert!(
        declcmp::check::Format::NAMES.contains(&default_format),
        "{default_format}"
    );
}

/// The README's library example is not compiled; every line of it is one of the crate
/// page's example, which `cargo test` runs as a doctest.
#[test]
fn readme_library_example_is_the_crate_pages_tested_one() {
    let readme = common::package_file("README.md");
    let lib = common::package_file("src/lib.rs");
    let doctest: Vec<&str> = lib.lines().filter_map(|l| l.strip_prefix("//! ")).collect();
    let example = readme
        .split("```rust\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README has a ```rust block");
    for line in example.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            doctest.contains(&line),
            "not in src/lib.rs's example: {line}"
        );
    }
}

/// Every relative link of the README and of `docs/` names a file of the repository.
#[test]
fn readme_and_docs_links_name_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        pages.push(entry.expect("an entry").path());
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).expect("readable");
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            let file = target.split('#').next().unwrap_or("");
            if file.is_empty() || file.contains("://") {
                continue;
            }
            let path = page.parent().expect("a folder").join(file);
            assert!(path.exists(), "{}: {target}", page.display());
        }
    }
}
