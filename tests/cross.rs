//! Two different texts (issue "cross-document matching"): the fitted decision's promises,
//! driven through the binary on corpus declarations. Every pair carries a confidence,
//! related pairs stand apart and are never counted as shared, boilerplate carries no match,
//! and comparing B with A gives the same pairs mirrored.

mod common;

use std::collections::BTreeSet;

use common::{Side, clause_text, clauses, pair_ids, pairs, run_json, shared_path, unmatched};
use serde_json::Value;

/// The corpus pairs of two different texts the tests read: Chinese against Chinese,
/// English against English, a UN resolution against the Bletchley declaration (with its
/// list of signatories), English against Chinese.
const PAIRS: [(&str, &str); 5] = [
    (
        "shanghai-declaration.zh.md",
        "china-france-joint-statement-ai-global-governance.zh.md",
    ),
    ("bletchley-declaration.en.md", "seoul-declaration.en.md"),
    ("bletchley-declaration.en.md", "unga-res-78-265.en.md"),
    // Paired "European Union" (a signatory line) with a UN initiative before boilerplate
    // was kept out.
    (
        "bletchley-declaration.en.md",
        "paris-ai-action-summit-statement-draft.en.md",
    ),
    (
        "unga-res-78-311.en.md",
        "ai-capacity-building-action-plan.zh.md",
    ),
];

fn compare(a: &str, b: &str) -> Value {
    compare_with(a, b, &[])
}

fn compare_with(a: &str, b: &str, args: &[&str]) -> Value {
    let corpus = shared_path("corpus");
    let path = |name: &str| corpus.join(name).display().to_string();
    let (report, code) = run_json(&path(a), &path(b), args);
    assert_eq!(code, 1, "{a} {b}: two different texts differ");
    assert_eq!(report["comparison"]["relation"], "cross", "{a} {b}");
    report
}

/// What the binary prints for two corpus texts with `args` (a format and its options).
fn render(a: &str, b: &str, args: &[&str]) -> String {
    let corpus = shared_path("corpus");
    let output = assert_cmd::Command::cargo_bin("declcmp")
        .unwrap()
        .arg(corpus.join(a))
        .arg(corpus.join(b))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn related(report: &Value) -> &[Value] {
    report["related"].as_array().map_or(&[], Vec::as_slice)
}

fn confidence(pair: &Value) -> f64 {
    pair["confidence"]
        .as_f64()
        .expect("every pair has a confidence")
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn related_pairs_stand_apart_and_are_never_counted_as_shared() {
    for (a, b) in PAIRS {
        let report = compare(a, b);
        let model = declcmp::tuning::CrossModel::DEFAULT;
        let (only_a, only_b) = (unmatched(&report, Side::A), unmatched(&report, Side::B));
        assert_eq!(
            report["summary"]["related"].as_u64().unwrap_or(0) as usize,
            related(&report).len()
        );
        for pair in related(&report) {
            // Confidences are written to two decimals.
            let c = confidence(pair);
            assert!(
                c >= model.related - 0.005 && c <= model.also + 0.005,
                "{a} {b}: related {pair} outside [related, also)"
            );
            // A related pair answers at least one clause the shared pairs leave open, and
            // its open clauses stay unmatched: the report does not count them shared.
            let open_a: Vec<String> = pair_ids(pair, Side::A)
                .into_iter()
                .filter(|id| only_a.contains(id))
                .collect();
            let open_b: Vec<String> = pair_ids(pair, Side::B)
                .into_iter()
                .filter(|id| only_b.contains(id))
                .collect();
            assert!(
                !open_a.is_empty() || !open_b.is_empty(),
                "{a} {b}: related {pair} has no clause without a counterpart"
            );
        }
        for pair in pairs(&report) {
            let c = confidence(pair);
            if pair["kind"] == "identical" {
                assert_eq!(c, 1.0, "{pair}");
            } else {
                assert!(
                    c >= model.same - 0.005 && c <= 1.0,
                    "{a} {b}: shared {pair}"
                );
            }
        }
    }
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn boilerplate_carries_no_match() {
    for (a, b) in PAIRS {
        let report = compare(a, b);
        for pair in pairs(&report).iter().filter(|p| p["kind"] != "identical") {
            for side in [Side::A, Side::B] {
                for id in pair_ids(pair, side) {
                    let text = clause_text(&report, &id).trim();
                    let words = text.split_whitespace().count();
                    let name = words <= 4
                        && !text.contains(['.', '。', ';', '；'])
                        && text
                            .split_whitespace()
                            .all(|w| w == "of" || w.starts_with(char::is_uppercase));
                    assert!(
                        !name && text != "The General Assembly,",
                        "{a} {b}: boilerplate {id} {text:?} pairs in {pair}"
                    );
                }
            }
        }
    }
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn a_definition_pairs_only_with_a_definition() {
    // The OECD Recommendation opens with its definitions ("AI actors: AI actors are those
    // who …"); the Hiroshima principles define nothing. Before definitions were told apart,
    // "AI knowledge: AI knowledge refers to the skills and resources …" and
    // "Stakeholders: Stakeholders encompass …" paired with principles on sharing
    // information.
    let defines = |text: &str| {
        text.split_once(':').is_some_and(|(label, rest)| {
            label.split_whitespace().count() <= 4
                && rest
                    .trim_start()
                    .trim_start_matches("An ")
                    .starts_with(label.trim())
        })
    };
    for (a, b) in [
        (
            "g7-hiroshima-guiding-principles.en.md",
            "oecd-ai-recommendation-2024.en.md",
        ),
        (
            "oecd-ai-recommendation-2019.en.md",
            "g7-hiroshima-code-of-conduct.en.md",
        ),
    ] {
        let report = compare(a, b);
        let mut definitions = 0;
        for side in [Side::A, Side::B] {
            definitions += clauses(&report, side)
                .iter()
                .filter(|c| defines(c["text"].as_str().unwrap_or_default()))
                .count();
        }
        assert!(
            definitions >= 4,
            "{a} {b}: the OECD text's definitions were not read"
        );
        for pair in pairs(&report).iter().chain(related(&report).iter()) {
            let kinds: Vec<bool> = [Side::A, Side::B]
                .into_iter()
                .flat_map(|side| pair_ids(pair, side))
                .map(|id| defines(clause_text(&report, &id)))
                .collect();
            assert!(
                kinds.iter().all(|&d| d == kinds[0]),
                "{a} {b}: a definition pairs with a statement in {pair}"
            );
        }
    }
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn min_confidence_trades_pairs_for_certainty() {
    // The JSON rounds a confidence to two decimals.
    const ROUNDING: f64 = 0.005;
    let model = declcmp::tuning::CrossModel::DEFAULT;
    let fitted = model.same;
    for (a, b) in PAIRS {
        let shared = |report: &Value| keys(report, false).0;
        let fitted_report = compare(a, b);
        assert!(fitted_report["comparison"].get("min_confidence").is_none());
        let mut wider = shared(&fitted_report);
        for c in [fitted - 0.1, fitted + 0.2, 1.0] {
            let c = (c * 100.0_f64).round() / 100.0;
            let arg = format!("{c}");
            let report = compare_with(a, b, &["--min-confidence", &arg]);
            assert_eq!(report["comparison"]["min_confidence"].as_f64(), Some(c));
            for pair in pairs(&report).iter().filter(|p| p["kind"] != "identical") {
                let confidence = pair["confidence"].as_f64().expect("a confidence");
                assert!(confidence >= c - ROUNDING, "{a} {b} at {c}: {pair}");
            }
            // A related pair may reach `c` when its other clause is taken, never the
            // confidence of a further counterpart.
            for pair in related(&report) {
                let confidence = pair["confidence"].as_f64().expect("a confidence");
                assert!(
                    confidence < model.also.max(c) + ROUNDING,
                    "{a} {b}: related at {c}: {pair}"
                );
            }
            let pairs = shared(&report);
            if c < fitted {
                assert!(pairs.is_superset(&wider), "{a} {b}: {c} lost pairs");
                assert!(pairs.len() > wider.len(), "{a} {b}: {c} found nothing more");
            } else {
                assert!(wider.is_superset(&pairs), "{a} {b}: {c} gained pairs");
            }
            wider = pairs;
        }
    }
}

/// Pairs as `(A ids, B ids)`.
type Keys = BTreeSet<(Vec<String>, Vec<String>)>;

/// The pairs of a report as `(A ids, B ids)`, shared and related apart.
fn keys(report: &Value, mirrored: bool) -> (Keys, Keys) {
    let key = |pair: &Value| {
        let (a, b) = (pair_ids(pair, Side::A), pair_ids(pair, Side::B));
        let flip = |ids: Vec<String>| -> Vec<String> {
            ids.into_iter()
                .map(|id| match id.strip_prefix('A') {
                    Some(n) => format!("B{n}"),
                    None => format!("A{}", &id[1..]),
                })
                .collect()
        };
        if mirrored { (flip(b), flip(a)) } else { (a, b) }
    };
    (
        pairs(report).iter().map(key).collect(),
        related(report).iter().map(key).collect(),
    )
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn comparing_b_with_a_decides_the_same_pairs() {
    for (a, b) in PAIRS {
        let forward = compare(a, b);
        let backward = compare(b, a);
        assert_eq!(keys(&forward, false), keys(&backward, true), "{a} {b}");
    }
}

/// The brief between two different texts leaves out what cannot happen there: moved
/// clauses (two texts keep no order in common) and an empty list of identical ones.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn the_brief_between_two_texts_has_no_moved_or_empty_identical_section() {
    let (a, b) = PAIRS[0];
    let brief = render(a, b, &["--format", "markdown"]);
    assert!(brief.starts_with("# Comparison: "), "{brief}");
    assert!(brief.contains("## Only in A"), "{brief}");
    assert!(!brief.contains("## Moved"), "{brief}");
    assert!(!brief.contains("## Shared (identical)\n\nNone."), "{brief}");
}

/// Evidence shows words the pair itself writes: a stem that stands for "Nations" in one
/// clause and "national" in others shows "nations" in the pair of the first, and the
/// English side of a term pair is words of the English clause.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn every_evidence_word_is_written_in_its_pair() {
    for (a, b) in PAIRS {
        let report = compare(a, b);
        for pair in pairs(&report).iter().chain(related(&report)) {
            let text: String = [Side::A, Side::B]
                .into_iter()
                .flat_map(|side| pair_ids(pair, side))
                .map(|id| clause_text(&report, &id).to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            let evidence = pair["evidence"].as_array().map_or(&[][..], Vec::as_slice);
            for item in evidence {
                let shown = match item.get("terms") {
                    Some(terms) => format!("{} {}", terms["a"], terms["b"]).replace('"', ""),
                    None => item["term"].as_str().unwrap_or_default().to_string(),
                };
                for word in shown.split_whitespace().filter(|w| !w.starts_with('#')) {
                    assert!(
                        text.contains(word),
                        "{a} {b}: evidence word {word:?} is in neither clause of {pair}"
                    );
                }
            }
        }
    }
}

/// Neither of two different texts is an edit of the other: a pair's commitments are read
/// side by side (`stronger_in`, the side of the higher level), never as weakened or
/// strengthened, even where the word diff finds one author's marker where the other's
/// stands ("We resolve to" against "We recognise", Bletchley against Seoul).
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn two_texts_compare_strength_side_by_side_never_as_an_edit() {
    for (a, b) in PAIRS {
        let report = compare(a, b);
        assert_eq!(report["summary"]["weakened"], 0, "{a} {b}");
        assert_eq!(report["summary"]["strengthened"], 0, "{a} {b}");
        let level = |ids: Vec<String>| {
            ids.iter()
                .map(|id| {
                    let side = if id.starts_with('A') {
                        Side::A
                    } else {
                        Side::B
                    };
                    let clause = clauses(&report, side)
                        .iter()
                        .find(|c| c["id"] == id.as_str())
                        .expect("a pair's clause is in its document");
                    clause["commitment"]["level"].as_u64().unwrap_or(0)
                })
                .max()
                .unwrap_or(0)
        };
        for pair in pairs(&report) {
            assert_eq!(pair["commitment_change"], "same", "{a} {b}: {pair}");
            let (la, lb) = (
                level(pair_ids(pair, Side::A)),
                level(pair_ids(pair, Side::B)),
            );
            let expected = match la.cmp(&lb) {
                std::cmp::Ordering::Greater => Some("a"),
                std::cmp::Ordering::Less => Some("b"),
                std::cmp::Ordering::Equal => None,
            };
            assert_eq!(pair["stronger_in"].as_str(), expected, "{a} {b}: {pair}");
        }
    }
}

/// The diff between two different texts: a pair whose word diff would keep less than half
/// of A's text stands side by side (`[-A's clause-]{+B's clause+}`), as across languages;
/// every pair line names its confidence.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn the_diff_between_two_texts_shows_unrelated_wordings_side_by_side() {
    let mut side_by_side = 0;
    for (a, b) in PAIRS {
        let report = compare(a, b);
        let diff = render(a, b, &["--format", "diff", "--color", "never"]);
        for line in diff.lines().filter(|l| l.starts_with("~ ")) {
            let mut fields = line[2..].split_whitespace();
            let ids = |label: &str| -> Vec<String> {
                label
                    .split('+')
                    .map(|c| c.split(':').next().unwrap_or_default().to_string())
                    .collect()
            };
            let (label_a, label_b) = (fields.next().unwrap(), fields.next().unwrap());
            let (la, lb) = (ids(label_a), ids(label_b));
            let pair = pairs(&report)
                .iter()
                .find(|p| pair_ids(p, Side::A) == la && pair_ids(p, Side::B) == lb)
                .unwrap_or_else(|| panic!("{a} {b}: no pair for {line}"));
            let suffix = format!("confidence {:.2})", confidence(pair));
            assert!(line.ends_with(&suffix), "{a} {b}: {line}");
            let start = 2 + label_a.len() + line[2 + label_a.len()..].find(label_b).unwrap();
            let text = line[start + label_b.len()..line.rfind("  (").unwrap()].trim();
            let (mut kept, mut removed, mut rest) = (0, 0, text);
            while !rest.is_empty() {
                let (piece, marked, after) = match (rest.find("[-"), rest.find("{+")) {
                    (Some(0), _) => {
                        let end = rest.find("-]").unwrap();
                        (&rest[2..end], Some('-'), &rest[end + 2..])
                    }
                    (_, Some(0)) => {
                        let end = rest.find("+}").unwrap();
                        (&rest[2..end], Some('+'), &rest[end + 2..])
                    }
                    (x, y) => {
                        let end = x.into_iter().chain(y).min().unwrap_or(rest.len());
                        (&rest[..end], None, &rest[end..])
                    }
                };
                match marked {
                    Some('-') => removed += piece.chars().count(),
                    Some(_) => {}
                    None => kept += piece.chars().count(),
                }
                rest = after;
            }
            if kept == 0 {
                side_by_side += 1;
                let whole: Vec<&str> = la.iter().map(|id| clause_text(&report, id)).collect();
                assert!(
                    text.starts_with(&format!("[-{}", whole[0])),
                    "{a} {b}: {line}"
                );
            } else {
                assert!(
                    kept * 2 >= kept + removed,
                    "{a} {b}: a word diff that keeps {kept} of {} characters: {line}",
                    kept + removed
                );
            }
        }
    }
    assert!(side_by_side > 0, "no pair stood side by side");
}

/// Every format counts two texts' strengths the same way: the table's and the HTML page's
/// counts say how many pairs are stronger in A and in B (the brief's headline numbers),
/// with no weakened, strengthened or moved column, which only a revision can fill.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn every_format_counts_two_texts_strengths_as_stronger_in_a_or_b() {
    for (a, b) in PAIRS {
        let report = compare(a, b);
        let stronger = |side: &str| {
            pairs(&report)
                .iter()
                .filter(|p| p["also"] != true && p["stronger_in"] == side)
                .count()
        };
        let render = |format: &str| {
            render(
                a,
                b,
                &["--format", format, "--color", "never", "--width", "200"],
            )
        };
        // The counts table: the first table whose header names "identical".
        let table = render("table");
        let lines: Vec<&str> = table.lines().collect();
        let header = lines
            .iter()
            .position(|l| l.contains(" identical "))
            .expect("a counts table");
        let cells = |line: &str| -> Vec<String> {
            line.trim_matches(|c| c == '│' || c == ' ')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect()
        };
        let (names, values) = (cells(lines[header]), cells(lines[header + 2]));
        let count = |name: &str| {
            let at = names.iter().position(|n| n == name);
            at.map(|k| values[k].parse::<usize>().unwrap())
        };
        assert_eq!(
            count("stronger in A"),
            Some(stronger("a")),
            "{a} {b}\n{table}"
        );
        assert_eq!(
            count("stronger in B"),
            Some(stronger("b")),
            "{a} {b}\n{table}"
        );
        for gone in ["weakened", "strengthened", "moved"] {
            assert_eq!(count(gone), None, "{a} {b}: {gone}\n{table}");
        }
        let html = render("html");
        assert!(html.contains("<th>stronger in A</th>"), "{a} {b}");
        assert!(!html.contains("weakened</th>"), "{a} {b}");
    }
}
