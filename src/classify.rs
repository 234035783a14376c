//! Turning an alignment into the report model: kinds, moves, commitment changes, evidence
//! and counts.

use crate::align::Alignment;
use crate::commitment::{self, CommitmentChange};
use crate::document::Document;
use crate::report::{
    ClauseReport, Comparison, DocumentReport, Evidence, Pair, PairKind, Report, Schema, StrongerIn,
    Summary, TermPair, round4,
};
use crate::similarity::Scorer;

/// How many shared words each pair lists as evidence.
const EVIDENCE_TERMS: usize = 5;

/// Builds the report of an alignment of `a` and `b`.
pub fn classify(
    a: &Document,
    b: &Document,
    alignment: &Alignment,
    scorer: &Scorer,
    comparison: Comparison,
    tuning: &crate::tuning::Tuning,
) -> Report {
    // A pair scoring the absolute match or more is the same clause reworded, so a change of
    // the verb that opens it is read as a change of commitment even when the words around
    // it changed too.
    let close_match = tuning.absolute_match;
    let doc_a = document_report(a, 'A');
    let doc_b = document_report(b, 'B');
    let mut pairs = Vec::with_capacity(alignment.groups.len());
    let mut summary = Summary {
        clauses_a: a.clauses.len(),
        clauses_b: b.clauses.len(),
        only_a: alignment.only_a.len(),
        only_b: alignment.only_b.len(),
        ..Summary::default()
    };
    for aligned in &alignment.groups {
        let group = &aligned.group;
        let kind = if aligned.identical {
            PairKind::Identical
        } else if group.a.len() > 1 {
            PairKind::Merged
        } else if group.b.len() > 1 {
            PairKind::Split
        } else {
            PairKind::Modified
        };
        let text_a = joined(a, &group.a);
        let text_b = joined(b, &group.b);
        // A translation says in which language a clause commits more firmly
        // (`stronger_in`): markers of two languages are not replaced "in place".
        let change = if kind == PairKind::Identical
            || comparison.relation == crate::align::Relation::Translation
        {
            CommitmentChange::Same
        } else {
            commitment::Reading::of(&text_a).change_to(
                &commitment::Reading::of(&text_b),
                group.score >= close_match,
            )
        };
        match kind {
            PairKind::Identical => summary.identical += 1,
            _ if aligned.also => summary.also += 1,
            _ => summary.modified += 1,
        }
        summary.moved += usize::from(aligned.moved);
        match change {
            CommitmentChange::Weakened => summary.weakened += 1,
            CommitmentChange::Strengthened => summary.strengthened += 1,
            CommitmentChange::Reversed => summary.reversed += 1,
            CommitmentChange::Same => {}
        }
        let level = |doc: &DocumentReport, ids: &[usize]| {
            ids.iter()
                .map(|&k| doc.clauses[k].commitment.level)
                .max()
                .unwrap_or_default()
        };
        let stronger_in = if comparison.relation != crate::align::Relation::Revision
            && change == CommitmentChange::Same
        {
            match level(&doc_a, &group.a).cmp(&level(&doc_b, &group.b)) {
                std::cmp::Ordering::Greater => Some(StrongerIn::A),
                std::cmp::Ordering::Less => Some(StrongerIn::B),
                std::cmp::Ordering::Equal => None,
            }
        } else {
            None
        };
        let evidence = if kind == PairKind::Identical {
            Vec::new()
        } else if scorer.across_languages() {
            scorer
                .term_pairs(&group.a, &group.b, EVIDENCE_TERMS)
                .into_iter()
                .map(|(a, b, weight)| Evidence {
                    term: format!("{a} ↔ {b}"),
                    weight: round4(weight),
                    terms: Some(TermPair { a, b }),
                })
                .collect()
        } else {
            scorer
                .evidence(&group.a, &group.b, EVIDENCE_TERMS)
                .into_iter()
                .map(|(term, weight)| Evidence {
                    term,
                    weight: round4(weight),
                    terms: None,
                })
                .collect()
        };
        pairs.push(Pair {
            a: group
                .a
                .iter()
                .map(|&i| doc_a.clauses[i].id.clone())
                .collect(),
            b: group
                .b
                .iter()
                .map(|&j| doc_b.clauses[j].id.clone())
                .collect(),
            similarity: round4(group.score),
            kind,
            moved: aligned.moved,
            commitment_change: change,
            stronger_in,
            evidence,
            also: aligned.also,
            a_index: group.a.clone(),
            b_index: group.b.clone(),
        });
    }
    Report {
        schema: Schema,
        unmatched_a: alignment
            .only_a
            .iter()
            .map(|&i| doc_a.clauses[i].id.clone())
            .collect(),
        unmatched_b: alignment
            .only_b
            .iter()
            .map(|&j| doc_b.clauses[j].id.clone())
            .collect(),
        a: doc_a,
        b: doc_b,
        pairs,
        summary,
        comparison,
        warnings: Vec::new(),
    }
}

fn joined(doc: &Document, ids: &[usize]) -> String {
    crate::text::join_clauses(ids.iter().map(|&i| doc.clauses[i].text.as_str()), doc.lang)
}

fn document_report(doc: &Document, side: char) -> DocumentReport {
    DocumentReport {
        path: doc.path.clone(),
        title: doc.title.clone(),
        lang: doc.lang,
        encoding: doc.encoding.clone(),
        format: doc.format,
        clauses: doc
            .clauses
            .iter()
            .map(|c| ClauseReport {
                id: format!("{side}{}", c.index + 1),
                line: c.line,
                page: c.page,
                section: c.section.last().cloned(),
                section_path: c.section.clone(),
                text: c.text.clone(),
                commitment: commitment::commitment_of(&c.text),
            })
            .collect(),
    }
}
