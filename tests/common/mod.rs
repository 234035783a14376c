//! Helpers shared by the integration tests: run the real `declcmp` binary on files of the
//! package and look clauses and pairs up in its `--format json` report.
#![allow(
    dead_code,
    reason = "each test crate includes this module and uses a different part of it"
)]

pub mod gate;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// Runs `declcmp A B --format json EXTRA...` from the package root and returns the parsed
/// report and the exit code. Panics when the output is not JSON (exit code 2 prints none).
pub fn run_json(a: &str, b: &str, extra_args: &[&str]) -> (Value, i32) {
    let output = Command::cargo_bin("declcmp")
        .expect("the declcmp binary is built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([a, b, "--format", "json"])
        .args(extra_args)
        .output()
        .expect("declcmp runs");
    let code = output.status.code().expect("declcmp exits with a code");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "declcmp {a} {b} {extra_args:?} printed no JSON ({err}), exit {code}, stderr:\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (report, code)
}

/// The text of a file of the package, by path relative to the package root.
pub fn package_file(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{}: {err}", full.display()))
}

/// The absolute path of a file of the package, by path relative to the package root.
pub fn package_path(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Paths (relative to the package root) of every Markdown file in `samples/`, sorted.
pub fn sample_paths() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.expect("a directory entry").file_name())
        .filter_map(|name| name.to_str().map(str::to_string))
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("samples/{name}"))
        .collect();
    paths.sort();
    paths
}

/// Which document of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The first document, clause ids `A…`.
    A,
    /// The second document, clause ids `B…`.
    B,
}

impl Side {
    fn key(self) -> &'static str {
        match self {
            Side::A => "a",
            Side::B => "b",
        }
    }
}

/// The clauses of one side of a report.
pub fn clauses(report: &Value, side: Side) -> &[Value] {
    report[side.key()]["clauses"]
        .as_array()
        .map(Vec::as_slice)
        .expect("clauses is an array")
}

/// The pairs of a report.
pub fn pairs(report: &Value) -> &[Value] {
    report["pairs"]
        .as_array()
        .map(Vec::as_slice)
        .expect("pairs is an array")
}

/// The ids of a report's `unmatched_a` or `unmatched_b`.
pub fn unmatched(report: &Value, side: Side) -> Vec<String> {
    report[format!("unmatched_{}", side.key())]
        .as_array()
        .expect("unmatched is an array")
        .iter()
        .map(|id| id.as_str().expect("an id is a string").to_string())
        .collect()
}

/// The ids of a pair's A or B clauses.
pub fn pair_ids(pair: &Value, side: Side) -> Vec<String> {
    pair[side.key()]
        .as_array()
        .expect("a pair side is an array")
        .iter()
        .map(|id| id.as_str().expect("an id is a string").to_string())
        .collect()
}

/// The id of the one clause on `side` whose text contains `needle`. Err when none or
/// several do, so a needle that stopped being distinctive is reported, not guessed at.
pub fn clause_id(report: &Value, side: Side, needle: &str) -> Result<String, String> {
    let found: Vec<&Value> = clauses(report, side)
        .iter()
        .filter(|c| c["text"].as_str().is_some_and(|t| t.contains(needle)))
        .collect();
    match found.as_slice() {
        [one] => Ok(one["id"].as_str().expect("an id is a string").to_string()),
        [] => Err(format!("no {side:?} clause contains {needle:?}")),
        many => Err(format!(
            "{} {side:?} clauses contain {needle:?}: {:?}",
            many.len(),
            many.iter().map(|c| &c["id"]).collect::<Vec<_>>()
        )),
    }
}

/// The text of the clause with `id`.
pub fn clause_text<'r>(report: &'r Value, id: &str) -> &'r str {
    let side = if id.starts_with('A') {
        Side::A
    } else {
        Side::B
    };
    clauses(report, side)
        .iter()
        .find(|c| c["id"] == id)
        .and_then(|c| c["text"].as_str())
        .unwrap_or_else(|| panic!("no clause {id}"))
}

/// The pair that holds clause `id` on either side, if any.
pub fn pair_with<'r>(report: &'r Value, id: &str) -> Option<&'r Value> {
    let side = if id.starts_with('A') {
        Side::A
    } else {
        Side::B
    };
    pairs(report)
        .iter()
        .find(|p| pair_ids(p, side).iter().any(|x| x == id))
}

/// A pair as a failure message shows it: kind, moved, similarity, commitment change and
/// the clause texts.
pub fn describe_pair(report: &Value, pair: &Value) -> String {
    let mut out = format!(
        "{} moved={} similarity={} commitment_change={}",
        pair["kind"], pair["moved"], pair["similarity"], pair["commitment_change"]
    );
    for side in [Side::A, Side::B] {
        for id in pair_ids(pair, side) {
            out.push_str(&format!("\n      {id}: {}", clause_text(report, &id)));
        }
    }
    out
}

/// `../shared/` beside the package: the workplace's corpus, gold sets and schemas.
pub fn shared_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

/// A path under `../shared/`. The tests that call it carry
/// `#[cfg_attr(declcmp_no_shared, ignore = "…")]`: `build.rs` sets that cfg when the folder
/// is absent, as in a user's clone, so they are reported as ignored rather than run.
/// `tests/shared.rs` fails under `CI=true` without the folder.
pub fn shared_path(relative: &str) -> std::path::PathBuf {
    let shared = shared_dir();
    assert!(
        shared.is_dir(),
        "../shared is missing, but it was there when build.rs ran: run `touch build.rs` so \
         the tests that need it are ignored"
    );
    shared.join(relative)
}

/// Says that a test is skipped, on the process's standard error itself: the test harness
/// captures `eprintln!` (and shows it only for failures), not writes to `io::stderr()`, so
/// `cargo test` shows the line.
pub fn say_skipped(why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}

/// The JSON schema validator of `declcmp.report/1`, from the package's `schema/` (kept equal
/// to `../shared/schema/` by `tests/shared.rs`).
pub fn report_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/declcmp-report.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// git with a fixed identity and none of the user's or the system's configuration.
pub fn git(repo: &Path) -> std::process::Command {
    let mut git = std::process::Command::new("git");
    git.current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .args(["-c", "user.name=t", "-c", "user.email=t@t"])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ]);
    git
}
