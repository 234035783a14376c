//! Chinese against English (issue #14): a text against its translation, two different texts
//! in two languages, and what their reports show. The translation is
//! `samples/shanghai-declaration.en.md`, an unofficial English rendering of
//! `samples/shanghai-declaration.zh.md` made sentence by sentence for these tests, so clause
//! k answers clause k.

mod common;

use common::{Side, pair_ids, pairs, run_json};
use serde_json::Value;

const ZH: &str = "samples/shanghai-declaration.zh.md";
const EN: &str = "samples/shanghai-declaration.en.md";

/// Pair F1 of a report against the diagonal (A k with B k), counting every clause pair a
/// group links, as the bench's `score.py` does.
fn diagonal_f1(report: &Value) -> f64 {
    let number = |id: &str| id[1..].parse::<usize>().expect("clause ids are A1, B1, …");
    let mut predicted = std::collections::BTreeSet::new();
    for pair in pairs(report) {
        for a in pair_ids(pair, Side::A) {
            for b in pair_ids(pair, Side::B) {
                predicted.insert((number(&a), number(&b)));
            }
        }
    }
    let clauses = report["a"]["clauses"].as_array().unwrap().len();
    assert_eq!(clauses, report["b"]["clauses"].as_array().unwrap().len());
    let hits = predicted.iter().filter(|(a, b)| a == b).count() as f64;
    let (precision, recall) = (hits / predicted.len() as f64, hits / clauses as f64);
    2.0 * precision * recall / (precision + recall)
}

#[test]
fn a_translation_aligns_clause_for_clause() {
    for unit in ["sentence", "paragraph"] {
        let (report, _) = run_json(ZH, EN, &["--unit", unit]);
        assert_eq!(report["comparison"]["relation"], "translation", "{unit}");
        let f1 = diagonal_f1(&report);
        assert!(f1 >= 0.95, "{unit}: F1 {f1:.3} < 0.95");
        // One to one: a translation links no further counterparts.
        assert!(pairs(&report).iter().all(|p| p.get("also").is_none()));
    }
}

#[test]
fn a_translation_aligns_the_same_either_way_round() {
    let (forward, _) = run_json(ZH, EN, &[]);
    let (backward, _) = run_json(EN, ZH, &[]);
    assert_eq!(backward["comparison"]["relation"], "translation");
    assert_eq!(diagonal_f1(&forward), diagonal_f1(&backward));
}

#[test]
fn evidence_across_languages_is_term_pairs() {
    let (report, _) = run_json(ZH, EN, &[]);
    let evidence: Vec<&Value> = pairs(&report)
        .iter()
        .flat_map(|p| p["evidence"].as_array().unwrap())
        .collect();
    assert!(!evidence.is_empty());
    for e in &evidence {
        let (a, b) = (
            e["terms"]["a"].as_str().unwrap(),
            e["terms"]["b"].as_str().unwrap(),
        );
        assert_eq!(e["term"], format!("{a} ↔ {b}"));
    }
    let has = |a: &str, b: &str| {
        evidence
            .iter()
            .any(|e| e["terms"]["a"] == a && e["terms"]["b"] == b)
    };
    assert!(has("隐私", "privacy"), "隐私 ↔ privacy");
    assert!(
        has("生物多样性", "biodiversity"),
        "生物多样性 ↔ biodiversity"
    );
}

#[test]
fn same_language_evidence_has_no_term_pairs() {
    let (report, _) = run_json(ZH, "samples/shanghai-declaration.revised.zh.md", &[]);
    assert_eq!(report["comparison"]["relation"], "revision");
    for pair in pairs(&report) {
        for e in pair["evidence"].as_array().unwrap() {
            assert!(e.get("terms").is_none(), "{e}");
        }
    }
}

#[test]
fn a_translation_report_is_valid_json_of_the_contract() {
    let (report, _) = run_json(ZH, EN, &[]);
    let validator = common::report_validator();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_diff_of_two_languages_shows_both_clauses_not_a_word_diff() {
    let output = assert_cmd::Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([ZH, EN, "--format", "diff", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("生物多样性"))
        .expect("the biodiversity clause");
    // The whole Chinese clause removed, the whole English one added, side by side.
    assert!(
        line.contains("[-我们愿积极推动人工智能在可持续发展领域的应用"),
        "{line}"
    );
    assert!(
        line.contains("{+We are willing to actively promote"),
        "{line}"
    );
}

/// Two different texts in two languages keep no order in common: they stay `cross`, and
/// the glosses find their shared commitments. The target is F1 ≥ 0.60; this holds
/// what is reached against regressions: 0.333 with the concept lexicon alone, 0.516 with
/// the glosses under the hand-set decision, 0.483 (precision 0.64) under the fitted one,
/// which takes fewer pairs between two different texts on every set.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn two_different_texts_in_two_languages_stay_cross() {
    let corpus = common::shared_path("corpus");
    let (report, _) = run_json(
        corpus.join("unga-res-78-311.en.md").to_str().unwrap(),
        corpus
            .join("ai-capacity-building-action-plan.zh.md")
            .to_str()
            .unwrap(),
        &[],
    );
    assert_eq!(report["comparison"]["relation"], "cross");
    let gold = common::shared_path("bench/real-more/unga311-capacity-plan.gold.json");
    let output = std::process::Command::new("python3")
        .arg(common::shared_path("bench/run_all.py"))
        .arg(format!(
            "{} {{a}} {{b}} --format json",
            env!("CARGO_BIN_EXE_declcmp")
        ))
        .arg(&gold)
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let f1: f64 = stdout
        .split_whitespace()
        .skip_while(|w| *w != "F1")
        .nth(1)
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no F1 in {stdout}"));
    assert!(f1 >= 0.45, "unga311-capacity-plan F1 {f1} < 0.45");
}

/// The human-facing formats of a text against its translation, snapshotted (colour off, a
/// fixed width): clauses side by side, term pairs as evidence, strengths by language.
#[test]
fn a_translation_in_every_human_format() {
    for format in ["table", "diff", "markdown"] {
        let output = assert_cmd::Command::cargo_bin("declcmp")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("NO_COLOR")
            .args([
                ZH, EN, "--format", format, "--color", "never", "--width", "100",
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}: the texts differ");
        let text = String::from_utf8(output.stdout).unwrap();
        insta::assert_snapshot!(format!("shanghai_translation_{format}"), text);
    }
}
