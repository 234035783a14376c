//! What the aligner tells the report about how it aligned: the relation of the two texts,
//! and the limits that changed how pairs were found. Both are types here and words only
//! where a report is written ([`std::fmt::Display`] for a limit).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{DENSE_MAX_CELLS, assign, sections};

/// How the two documents relate, decided before any further counterparts are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// One text and a revision of it: a good share of clauses kept near-identical.
    #[default]
    Revision,
    /// Two different texts.
    Cross,
    /// A text and its translation into the other language (Chinese and English): clauses
    /// answer one another almost one to one and in order.
    Translation,
}

impl Relation {
    /// `revision` or `cross`, as in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Revision => "revision",
            Relation::Cross => "cross",
            Relation::Translation => "translation",
        }
    }
}

/// A limit that changed how the alignment was made.
#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    /// Long documents: only candidate pairs were scored, backgrounds from a sample.
    CandidatePairs {
        /// Clauses of A.
        a: usize,
        /// Clauses of B.
        b: usize,
        /// Pairs sampled per clause for its background.
        samples: usize,
    },
    /// Long documents: a weak pair, split or merge only between in-order identical clauses.
    OrderGate {
        /// Clauses of A.
        a: usize,
        /// Clauses of B.
        b: usize,
        /// The score from which a pair crosses the gate.
        absolute_match: f64,
    },
    /// Too many pairs of distinct headings: section context was off.
    SectionContextOff,
    /// A fixed threshold over more cells than the optimal assignment takes: greedy matching.
    GreedyAssignment {
        /// Clauses of A still to assign.
        rows: usize,
        /// Clauses of B still to assign.
        cols: usize,
    },
    /// A fixed threshold on long documents: greedy matching over the scored pairs.
    GreedyOverCandidates,
    /// A limit read back from a saved report, as its sentence.
    Noted(String),
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::CandidatePairs { a, b, samples } => write!(
                f,
                "{a} × {b} clause pairs exceed {DENSE_MAX_CELLS}: only pairs proposed by a word index or lying between the same identical clauses were scored, and each unpaired clause's background was estimated from {samples} sampled pairs"
            ),
            Limit::OrderGate { a, b, absolute_match } => write!(
                f,
                "{a} × {b} clause pairs exceed {DENSE_MAX_CELLS}: a pair scoring below {absolute_match} was kept, and a split or merge joined, only between the same in-order identical clauses"
            ),
            Limit::SectionContextOff => write!(
                f,
                "more than {} pairs of distinct headings: section context was not used",
                sections::MAX_HEADING_PAIRS
            ),
            Limit::GreedyAssignment { rows, cols } => write!(
                f,
                "{rows} × {cols} clauses to assign exceeds {} cells: greedy best-first matching used instead of the optimal assignment",
                assign::HUNGARIAN_MAX_CELLS
            ),
            Limit::GreedyOverCandidates => f.write_str(
                "long documents: greedy best-first matching over the scored pairs used instead of the optimal assignment",
            ),
            Limit::Noted(sentence) => f.write_str(sentence),
        }
    }
}

impl Serialize for Limit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Limit {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Limit::Noted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_reads_back_as_the_same_sentence() {
        let limit = Limit::OrderGate {
            a: 300,
            b: 200,
            absolute_match: 0.5,
        };
        let json = serde_json::to_string(&limit).unwrap();
        let back: Limit = serde_json::from_str(&json).unwrap();
        assert_eq!(back.to_string(), limit.to_string());
        assert!(json.contains("300 × 200"));
    }

    #[test]
    fn relation_is_written_in_lowercase() {
        assert_eq!(
            serde_json::to_string(&Relation::Cross).unwrap(),
            "\"cross\""
        );
        assert_eq!(Relation::Revision.name(), "revision");
        assert_eq!(
            serde_json::to_string(&Relation::Translation).unwrap(),
            format!("\"{}\"", Relation::Translation.name())
        );
    }
}
