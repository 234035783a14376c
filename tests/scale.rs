//! Long documents: the sparse path (candidate pairs, sampled backgrounds, order gate)
//! against the dense one, and the invariants of a report on a long scaled pair.

mod common;
#[path = "../benches/scaled/mod.rs"]
mod scaled;

use declcmp::tuning::DENSE_MAX_CELLS;
use declcmp::{AlignOptions, AlignPath as Path};
use declcmp::{CompareOptions, ReadOptions, Report, compare_tuned, document_from_text};

fn corpus(name: &str) -> declcmp::document::Document {
    let path = scaled::corpus_dir().join(name);
    declcmp::read_document(path.to_str().expect("UTF-8 path"), &ReadOptions::default())
        .unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn on_path(a: &str, b: &str, path: Path) -> Report {
    let tuning = AlignOptions {
        path,
        ..AlignOptions::default()
    };
    compare_tuned(&corpus(a), &corpus(b), &CompareOptions::default(), tuning).0
}

/// The sparse path forced on small real pairs gives the dense path's report, pair for pair
/// and score for score: its candidates hold every pair the decisions take, and below
/// [`DENSE_MAX_CELLS`] per A clause its background sample is every pair.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn sparse_path_agrees_with_dense_on_real_pairs() {
    for (a, b) in [
        (
            "g7-hiroshima-guiding-principles.en.md",
            "g7-hiroshima-code-of-conduct.en.md",
        ),
        (
            "shanghai-declaration.zh.md",
            "ai-capacity-building-action-plan.zh.md",
        ),
        (
            "oecd-ai-recommendation-2019.en.md",
            "oecd-ai-recommendation-2024.en.md",
        ),
    ] {
        let dense = on_path(a, b, Path::Dense);
        let sparse = on_path(a, b, Path::Sparse);
        assert!(!dense.pairs.is_empty(), "{a} / {b}: nothing paired");
        assert_eq!(dense, sparse, "{a} / {b}: the sparse path differs");
    }
}

/// On a scaled pair above the dense limit every clause is reported once, scores are in
/// [0, 1], and the report says which limits applied.
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn long_documents_report_every_clause_once_and_name_their_limits() {
    // The scaled pair is drawn from the corpus.
    let pair = scaled::scaled_pair(scaled::Lang::En, 400, 7);
    let read = ReadOptions::default();
    let a = document_from_text(&pair.a, "a.md", "UTF-8", &read);
    let b = document_from_text(&pair.b, "b.md", "UTF-8", &read);
    assert!(a.clauses.len() * b.clauses.len() > DENSE_MAX_CELLS);
    let (report, stats) = declcmp::compare_with_stats(&a, &b, &CompareOptions::default());
    assert_eq!(stats.path, "sparse");
    assert!(stats.order_gate);
    assert!(stats.scored < a.clauses.len() * b.clauses.len());
    assert_eq!(
        report.comparison.limits.len(),
        2,
        "{:?}",
        report.comparison.limits
    );
    let (mut seen_a, mut seen_b) = (vec![0; a.clauses.len()], vec![0; b.clauses.len()]);
    for pair in &report.pairs {
        assert!((0.0..=1.0).contains(&pair.similarity));
        pair.a_index.iter().for_each(|&i| seen_a[i] += 1);
        pair.b_index.iter().for_each(|&j| seen_b[j] += 1);
    }
    let id_index = |id: &str| id[1..].parse::<usize>().expect("an id") - 1;
    report
        .unmatched_a
        .iter()
        .for_each(|id| seen_a[id_index(id)] += 1);
    report
        .unmatched_b
        .iter()
        .for_each(|id| seen_b[id_index(id)] += 1);
    assert!(seen_a.iter().chain(&seen_b).all(|&n| n == 1));
    // And the same again: the sparse path is deterministic.
    let again = declcmp::compare(&a, &b, &CompareOptions::default());
    assert_eq!(report, again);
}
