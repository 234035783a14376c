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
    tokens: crate::similarity::Sides<'_>,
    comparison: Comparison,
    tuning: &crate::tuning::Tuning,
) -> Report {
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
    let context = Context {
        a,
        b,
        doc_a: &doc_a,
        doc_b: &doc_b,
        scorer,
        tokens,
        cross: comparison.relation != crate::align::Relation::Revision,
        close_match,
    };
    for aligned in &alignment.groups {
        let pair = context.pair(aligned);
        match pair.kind {
            PairKind::Identical => summary.identical += 1,
            _ if aligned.also => summary.also += 1,
            _ => summary.modified += 1,
        }
        summary.moved += usize::from(aligned.moved);
        match pair.commitment_change {
            CommitmentChange::Weakened => summary.weakened += 1,
            CommitmentChange::Strengthened => summary.strengthened += 1,
            CommitmentChange::Reversed => summary.reversed += 1,
            CommitmentChange::Same => {}
        }
        pairs.push(pair);
    }
    let related: Vec<Pair> = alignment.related.iter().map(|r| context.pair(r)).collect();
    summary.related = related.len();
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
        related,
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

/// What a pair of the report is built from.
struct Context<'a> {
    a: &'a Document,
    b: &'a Document,
    doc_a: &'a DocumentReport,
    doc_b: &'a DocumentReport,
    scorer: &'a Scorer,
    /// Both documents' clause tokens, which evidence shows the words of.
    tokens: crate::similarity::Sides<'a>,
    /// Two different texts or a translation: neither is an edit of the other, so a
    /// pair's commitment is read side by side (`stronger_in`), never as weakened or
    /// strengthened. (Between two texts a marker the word diff finds replaced "in place",
    /// "We resolve to" against "We recognise", is two authors' sentences both opening
    /// with "We"; across languages markers are never replaced in place.)
    cross: bool,
    /// A pair scoring this or more is the same clause reworded, so a change of the verb
    /// that opens it is read as a change of commitment even when the words around it
    /// changed too.
    close_match: f64,
}

impl Context<'_> {
    /// The report's pair of an aligned group: its kind, commitment change, evidence.
    fn pair(&self, aligned: &crate::align::AlignedGroup) -> Pair {
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
        let change = if kind == PairKind::Identical || self.cross {
            CommitmentChange::Same
        } else {
            commitment::Reading::of(&joined(self.a, &group.a)).change_to(
                &commitment::Reading::of(&joined(self.b, &group.b)),
                group.score >= self.close_match,
            )
        };
        let level = |doc: &DocumentReport, ids: &[usize]| {
            ids.iter()
                .map(|&k| doc.clauses[k].commitment.level)
                .max()
                .unwrap_or_default()
        };
        let stronger_in = if self.cross && change == CommitmentChange::Same {
            match level(self.doc_a, &group.a).cmp(&level(self.doc_b, &group.b)) {
                std::cmp::Ordering::Greater => Some(StrongerIn::A),
                std::cmp::Ordering::Less => Some(StrongerIn::B),
                std::cmp::Ordering::Equal => None,
            }
        } else {
            None
        };
        let evidence = if kind == PairKind::Identical {
            Vec::new()
        } else if self.scorer.across_languages() {
            self.scorer
                .term_pairs((&group.a, &group.b), self.tokens, EVIDENCE_TERMS)
                .into_iter()
                .map(|(a, b, weight)| Evidence {
                    term: format!("{a} ↔ {b}"),
                    weight: round4(weight),
                    terms: Some(TermPair { a, b }),
                })
                .collect()
        } else {
            self.scorer
                .evidence((&group.a, &group.b), self.tokens, EVIDENCE_TERMS)
                .into_iter()
                .map(|(term, weight)| Evidence {
                    term,
                    weight: round4(weight),
                    terms: None,
                })
                .collect()
        };
        let ids = |doc: &DocumentReport, indices: &[usize]| -> Vec<String> {
            indices.iter().map(|&k| doc.clauses[k].id.clone()).collect()
        };
        Pair {
            a: ids(self.doc_a, &group.a),
            b: ids(self.doc_b, &group.b),
            similarity: round4(group.score),
            confidence: (aligned.confidence * 100.0).round() / 100.0,
            kind,
            moved: aligned.moved,
            commitment_change: change,
            stronger_in,
            evidence,
            also: aligned.also,
            a_index: group.a.clone(),
            b_index: group.b.clone(),
        }
    }
}
