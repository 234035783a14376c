//! `compare_many`: one document against several, each prepared once, IDF over the set.

mod common;

use declcmp::{CompareOptions, ReadOptions, Report, compare, compare_many, read_document};

/// Every clause of both documents is unmatched, or in one primary pair, or linked only as
/// a further counterpart (`also`), and never two of these.
fn assert_every_clause_once(report: &Report) {
    use std::collections::BTreeSet;
    for (doc, unmatched, side) in [
        (&report.a, &report.unmatched_a, 'a'),
        (&report.b, &report.unmatched_b, 'b'),
    ] {
        let ids = |pair: &declcmp::report::Pair| {
            if side == 'a' {
                pair.a.clone()
            } else {
                pair.b.clone()
            }
        };
        let mut primary: Vec<String> = unmatched.clone();
        primary.extend(report.pairs.iter().filter(|p| !p.also).flat_map(ids));
        let once: BTreeSet<&String> = primary.iter().collect();
        assert_eq!(once.len(), primary.len(), "{}: a clause twice", doc.path);
        let linked: BTreeSet<String> = report
            .pairs
            .iter()
            .filter(|p| p.also)
            .flat_map(ids)
            .collect();
        let all: BTreeSet<String> = doc.clauses.iter().map(|c| c.id.clone()).collect();
        let covered: BTreeSet<String> = primary.into_iter().chain(linked).collect();
        assert_eq!(covered, all, "{}: every clause accounted for", doc.path);
        for id in unmatched {
            assert!(
                !report.pairs.iter().any(|p| ids(p).contains(id)),
                "{}: {id} is unmatched and paired",
                doc.path
            );
        }
    }
}

#[test]
fn against_one_other_document_it_is_the_pairwise_comparison() {
    let read = ReadOptions::default();
    let a = read_document("samples/shanghai-declaration.zh.md", &read).unwrap();
    let b = read_document("samples/shanghai-declaration.revised.zh.md", &read).unwrap();
    let options = CompareOptions::default();
    let many = compare_many(&a, std::slice::from_ref(&b), &options);
    assert_eq!(many, vec![compare(&a, &b, &options)]);
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn against_several_corpus_texts_each_report_covers_its_clauses() {
    let corpus = common::shared_path("corpus");
    let read = ReadOptions::default();
    let doc = |name: &str| {
        read_document(corpus.join(name).to_str().unwrap(), &read)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let focus = doc("bletchley-declaration.en.md");
    let others = vec![
        doc("seoul-declaration.en.md"),
        doc("frontier-ai-safety-commitments.en.md"),
        doc("shanghai-declaration.zh.md"),
    ];
    let reports = compare_many(&focus, &others, &CompareOptions::default());
    assert_eq!(reports.len(), others.len());
    for (report, other) in reports.iter().zip(&others) {
        assert_eq!(
            report.b.path, other.path,
            "reports in the order of the others"
        );
        assert_eq!(report.a.clauses.len(), focus.clauses.len());
        assert_every_clause_once(report);
    }
}
