//! The gate holds: `declcmp check` fails every deleted commitment, naming it, and passes a
//! text that is only re-wrapped, renumbered or left alone. The corpus suite runs through
//! the library (thousands of comparisons); the cases a user meets run through the binary.

mod common;

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// Every protected clause of every corpus text deleted alone, with a reworded neighbour,
/// with the next clause, and as a whole paragraph: each deletion fails the check naming the
/// deleted clause; the unchanged, re-wrapped and renumbered texts pass.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn deleting_any_commitment_of_the_corpus_fails_naming_it() {
    let dir = common::shared_path("corpus");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("the corpus directory")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 10, "the corpus has its texts");
    let mut total = common::gate::Tally::default();
    for path in &paths {
        let text = std::fs::read_to_string(path).expect("a corpus text");
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        total.add(&common::gate::run_suite(
            &name,
            &text,
            common::gate::Every(1),
        ));
    }
    assert!(total.deletions > 800, "the suite ran: {total}");
    assert!(
        total.false_failures.is_empty(),
        "{total}\n{}",
        total.false_failures.join("\n")
    );
    assert!(
        total.rate() >= 0.995,
        "{total}\n{}",
        total.misses.join("\n")
    );
}

/// The same promise on the bundled samples through the real binary: deleting any one
/// protected sentence makes `declcmp check` exit 1 and name that clause's line and text.
#[test]
fn the_binary_names_every_deleted_commitment_of_the_samples() {
    let dir = TempDir::new().unwrap();
    for sample in common::sample_paths() {
        let source = common::package_file(&sample);
        let options = declcmp::ReadOptions::default();
        let doc = declcmp::document_from_text(&source, &sample, "UTF-8", &options);
        let protected: Vec<&declcmp::document::Clause> = doc
            .clauses
            .iter()
            .filter(|c| {
                declcmp::commitment::commitment_of(&c.text).level >= common::gate::protected_level()
            })
            .collect();
        // Every third, so the binary runs a few dozen times, not hundreds.
        for clause in protected.iter().step_by(3) {
            let Some(at) = source.find(clause.text.as_str()) else {
                continue;
            };
            let mut edited = source.clone();
            edited.replace_range(at..at + clause.text.len(), "");
            let new = dir.path().join("new.md");
            std::fs::write(&new, &edited).unwrap();
            let output = run_check(dir.path(), &common::package_path(&sample), &new);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert_eq!(
                output.status.code(),
                Some(1),
                "{sample}: deleting line {} passed:\n{stdout}",
                clause.line
            );
            let start: String = clause.text.chars().take(12).collect();
            assert!(
                stdout.contains("removed") && stdout.contains(&start),
                "{sample}: the summary does not name the deleted clause {start:?}:\n{stdout}"
            );
        }
    }
}

/// The same sentence closes three sections; deleting the second copy fails naming the
/// second section, and leaves the other copies paired in place (nothing moved).
#[test]
fn a_repeated_sentence_pairs_by_its_section() {
    let review = "The Council shall review this section annually.";
    let section = |n: usize, duty: &str, keep: bool| {
        let closing = if keep { review } else { "" };
        format!("## {n}. Part {n}\n\nThe Council shall {duty}.\n\n{closing}\n\n")
    };
    let duties = ["publish its rules", "hear complaints", "keep records"];
    let old: String = (0..3).map(|k| section(k + 1, duties[k], true)).collect();
    let new: String = (0..3).map(|k| section(k + 1, duties[k], k != 1)).collect();
    let dir = TempDir::new().unwrap();
    let (old_path, new_path) = (dir.path().join("old.md"), dir.path().join("new.md"));
    std::fs::write(&old_path, format!("# Charter\n\n{old}")).unwrap();
    std::fs::write(&new_path, format!("# Charter\n\n{new}")).unwrap();
    let (code, report) = check_json(dir.path());
    assert_eq!(code, Some(1));
    let verdict = &report["check"];
    let failures = verdict["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 1, "{verdict:#}");
    assert_eq!(failures[0]["change"], "removed");
    assert_eq!(failures[0]["section"], "2. Part 2", "{verdict:#}");
    let moved = verdict["notices"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["change"] == "moved")
        .count();
    assert_eq!(moved, 0, "untouched copies show as moved: {verdict:#}");
}

/// Identical means identical up to white-space runs: words split or joined by a space are
/// a change, a line break inside a Chinese paragraph is not.
#[test]
fn identical_collapses_white_space_and_does_not_delete_it() {
    let dir = TempDir::new().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "old.md",
        "Data shall be stored nowhere outside the EU.\n\nWe will pay 1 000 euros.\n",
    );
    write(
        "new.md",
        "Data shall be stored now here outside the EU.\n\nWe will pay 10 00 euros.\n",
    );
    write("zh-old.md", "我们将加强数据安全保护。\n");
    write("zh-new.md", "我们将加强数据\n安全保护。\n");
    let json = |a: &str, b: &str| {
        let output = Command::cargo_bin("declcmp")
            .unwrap()
            .current_dir(dir.path())
            .args([a, b, "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let en = json("old.md", "new.md");
    assert_eq!(en["summary"]["identical"], 0, "{en:#}");
    let zh = json("zh-old.md", "zh-new.md");
    assert_eq!(zh["summary"]["identical"], 1, "{zh:#}");
}

fn run_check(dir: &Path, old: &Path, new: &Path) -> std::process::Output {
    Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(dir)
        .arg("check")
        .arg(old)
        .arg(new)
        .output()
        .unwrap()
}

/// One edit of a clause and what `check` must call it.
struct Edit {
    old: &'static str,
    new: &'static str,
    expected: &'static str,
}

const fn edit(old: &'static str, new: &'static str, expected: &'static str) -> Edit {
    Edit { old, new, expected }
}

/// Weak modals, hedges and negations in both languages, each put into the middle of a
/// three-clause document.
#[rustfmt::skip]
const EDITS: &[Edit] = &[
    // weak modals in place of a duty
    edit("We will share evaluation results with the public.", "We can share evaluation results with the public.", "weakened"),
    edit("We will share evaluation results with the public.", "We could share evaluation results with the public.", "weakened"),
    edit("We will share evaluation results with the public.", "We might share evaluation results with the public.", "weakened"),
    edit("Providers shall publish their safety policies.", "Providers are free to publish their safety policies.", "weakened"),
    edit("Providers shall publish their safety policies.", "Providers may wish to publish their safety policies.", "weakened"),
    edit("Providers must publish their safety policies.", "Providers can publish their safety policies.", "weakened"),
    // hedges put before or after a duty
    edit("We will ensure that incidents are reported within a week.", "We will, where feasible, ensure that incidents are reported within a week.", "weakened"),
    edit("We will ensure that incidents are reported within a week.", "We will ensure that incidents are reported within a week where appropriate.", "weakened"),
    edit("Organizations should document their training data.", "Organizations should, as appropriate, document their training data.", "weakened"),
    edit("Members shall establish national AI safety institutes.", "Members shall, to the extent possible, establish national AI safety institutes.", "weakened"),
    edit("Members shall establish national AI safety institutes.", "Members shall establish national AI safety institutes in line with national circumstances.", "weakened"),
    edit("AI actors should provide meaningful information to users.", "AI actors should provide meaningful information to users, where feasible and useful.", "weakened"),
    // negations added or taken away
    edit("We will share evaluation results with the public.", "We will not share evaluation results with the public.", "reversed"),
    edit("We will share evaluation results with the public.", "We won't share evaluation results with the public.", "reversed"),
    edit("We will share evaluation results with the public.", "We will never share evaluation results with the public.", "reversed"),
    edit("Providers shall disclose the data they collect.", "Providers shall not disclose the data they collect.", "reversed"),
    edit("Providers must not sell the data they collect.", "Providers must sell the data they collect.", "reversed"),
    edit("Providers are required to keep records of each model release.", "Providers are not required to keep records of each model release.", "reversed"),
    // Chinese
    edit("我们将以发展的眼光看问题。", "我们可以以发展的眼光看问题。", "weakened"),
    edit("各方必须加强人工智能安全合作。", "各方尽量加强人工智能安全合作。", "weakened"),
    edit("我们确保个人数据得到充分保护。", "我们尽量确保个人数据得到充分保护。", "weakened"),
    edit("我们确保个人数据得到充分保护。", "我们尽可能确保个人数据得到充分保护。", "weakened"),
    edit("各方应当加强对人工智能的监管。", "各方可加强对人工智能的监管。", "weakened"),
    edit("我们将加强人工智能能力建设合作。", "我们将酌情加强人工智能能力建设合作。", "weakened"),
    edit("我们将加强人工智能能力建设合作。", "我们将视情况加强人工智能能力建设合作。", "weakened"),
    edit("我们将为发展中国家提供技术培训。", "我们将在条件允许时为发展中国家提供技术培训。", "weakened"),
    edit("我们将为发展中国家提供技术培训。", "我们将力所能及地为发展中国家提供技术培训。", "weakened"),
    edit("我们支持开源人工智能的研究与应用。", "我们不支持开源人工智能的研究与应用。", "reversed"),
    edit("我们将开放公共数据资源。", "我们不将开放公共数据资源。", "reversed"),
    edit("我们将继续支持全球南方的能力建设。", "我们将不再支持全球南方的能力建设。", "reversed"),
    edit("各方不得利用人工智能从事违法活动。", "各方可以利用人工智能从事违法活动。", "reversed"),
    // strengthened: reported, never failed
    edit("We can share evaluation results with the public.", "We will share evaluation results with the public.", "strengthened"),
    edit("We will, where feasible, ensure that incidents are reported within a week.", "We will ensure that incidents are reported within a week.", "strengthened"),
    edit("我们尽量确保个人数据得到充分保护。", "我们确保个人数据得到充分保护。", "strengthened"),
    edit("Organizations should document their training data.", "Organizations must document their training data.", "strengthened"),
];

/// Every weak modal, hedge and negation of [`EDITS`] fails `check` as weakened or
/// reversed on the edited clause (at least 95 % of them exactly as expected), and every
/// strengthening passes and is reported.
#[test]
fn hedges_weak_modals_and_negations_fail_the_check_on_their_clause() {
    let dir = TempDir::new().unwrap();
    let document = |clause: &str| {
        let zh = clause
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        let (before, after) = if zh {
            (
                "我们认识到人工智能带来的机遇与挑战。",
                "我们欢迎各方参与全球人工智能治理对话。",
            )
        } else {
            (
                "We recognise the opportunities and risks that AI brings.",
                "We welcome the participation of all stakeholders in this dialogue.",
            )
        };
        format!("# Declaration\n\n{before}\n\n{clause}\n\n{after}\n")
    };
    let mut misses = Vec::new();
    for e in EDITS {
        std::fs::write(dir.path().join("old.md"), document(e.old)).unwrap();
        std::fs::write(dir.path().join("new.md"), document(e.new)).unwrap();
        let (code, verdict) = check_json(dir.path());
        let check = &verdict["check"];
        let on_the_clause = |f: &&serde_json::Value| f["new"]["ids"] == serde_json::json!(["B2"]);
        let found = match e.expected {
            "strengthened" => {
                code == Some(0)
                    && check["notices"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(on_the_clause)
                        .any(|f| f["change"] == "strengthened")
            }
            expected => {
                code == Some(1)
                    && check["failures"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(on_the_clause)
                        .any(|f| f["change"] == expected)
            }
        };
        if !found {
            misses.push(format!(
                "{} → {}: expected {}, exit {:?}, failures {}",
                e.old, e.new, e.expected, code, check["failures"]
            ));
        }
    }
    let caught = EDITS.len() - misses.len();
    assert!(
        caught as f64 >= 0.95 * EDITS.len() as f64,
        "{caught}/{} as expected:\n{}",
        EDITS.len(),
        misses.join("\n")
    );
    // The strengthenings must all pass: failing on one would stop a good revision.
    assert!(
        !misses.iter().any(|m| m.contains("expected strengthened")),
        "{}",
        misses.join("\n")
    );
}

/// `declcmp check old.md new.md --format json` in `dir`: the exit code and the report.
fn check_json(dir: &Path) -> (Option<i32>, serde_json::Value) {
    let output = Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(dir)
        .args(["check", "old.md", "new.md", "--format", "json"])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&output.stdout).expect("check prints JSON");
    let errors: Vec<String> = common::report_validator()
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "the report breaks the schema: {errors:?}"
    );
    (output.status.code(), report)
}
