//! Commitment strength (placeholder until the lexicon lands; every clause reads level 0).

use serde::Serialize;

/// Strength of a clause's commitment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    /// 0 none/note, 1 encourage/support, 2 endeavour/should, 3 will/shall/must.
    pub level: u8,
    /// The words that set the level.
    pub marker: Option<String>,
}

/// Direction of a change between two aligned clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentChange {
    /// Same level.
    Same,
    /// B commits less.
    Weakened,
    /// B commits more.
    Strengthened,
}

/// The commitment of one clause.
pub fn commitment_of(_text: &str) -> Commitment {
    Commitment {
        level: 0,
        marker: None,
    }
}

/// How the commitment changed from A to B.
pub fn commitment_change(
    _a_text: &str,
    a: &Commitment,
    _b_text: &str,
    b: &Commitment,
) -> CommitmentChange {
    match a.level.cmp(&b.level) {
        std::cmp::Ordering::Equal => CommitmentChange::Same,
        std::cmp::Ordering::Greater => CommitmentChange::Weakened,
        std::cmp::Ordering::Less => CommitmentChange::Strengthened,
    }
}
