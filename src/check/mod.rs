//! CI rules over a [`crate::Report`]: which changes fail a revision and which are only reported.
//! [`check`] judges a report by [`Rules`] (read from a rules file by [`rules`]), and
//! [`render`] writes the verdict (summary, GitHub Actions, JSON, a job summary).

mod judge;
mod render;
pub mod rules;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::commitment::Level;

pub use judge::check;
pub use render::{Format, MAX_ANNOTATIONS_PER_KIND, render, render_step_summary};
pub use rules::{Overrides, Resolved, resolve, resolve_for};

/// A kind of change between a document and its revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// A clause of OLD has no counterpart in NEW.
    Removed,
    /// An aligned clause says the opposite in NEW: a negation added or taken away.
    Reversed,
    /// An aligned clause commits less in NEW.
    Weakened,
    /// A clause of NEW has no counterpart in OLD.
    Added,
    /// An aligned clause is worded differently (split and merged included).
    Modified,
    /// An aligned clause commits more in NEW.
    Strengthened,
    /// An aligned clause changed position relative to its neighbours.
    Moved,
}

named!(Change {
    Removed => "removed",
    Reversed => "reversed",
    Weakened => "weakened",
    Added => "added",
    Modified => "modified",
    Strengthened => "strengthened",
    Moved => "moved",
});

impl Change {
    /// A change that loses something the old text said; reported as a warning, not a notice,
    /// when it does not fail.
    pub fn is_loss(self) -> bool {
        matches!(self, Change::Removed | Change::Weakened | Change::Reversed)
    }
}

/// The changes that fail a check unless the rules file says otherwise.
pub const DEFAULT_FAIL_ON: [Change; 3] = [Change::Removed, Change::Weakened, Change::Reversed];

/// The commitment level from which a removed, added, modified, strengthened or moved clause
/// counts: 1 is "encourage/support", so every clause that commits to anything is protected
/// (Chinese declarations commit mostly with 愿/支持/推动/鼓励, level 1); level-0 changes
/// (notes, recognitions, clauses without a marker) are reported.
pub const DEFAULT_MIN_LEVEL: Level = Level::Encourage;

/// What fails a check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rules {
    /// Changes that fail the check; every other change is reported only.
    pub fail_on: BTreeSet<Change>,
    /// Commitment level from which a change counts. A weakening always counts: it lowers a
    /// level by definition, and the default is to fail on every one.
    pub min_level: Level,
    /// A fixed similarity cut-off for the comparison, `None` for the relative decision (used by the caller of
    /// [`crate::compare`], not by [`check`]).
    pub threshold: Option<f64>,
    /// Headings whose clauses are ignored: a clause is ignored when any heading of its
    /// section path equals one of these (white space around them aside).
    pub ignore_sections: Vec<String>,
    /// Texts whose clauses are ignored: a change is ignored when one of its clauses, old or
    /// new, contains one of these.
    pub ignore_clauses: Vec<String>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            fail_on: DEFAULT_FAIL_ON.into_iter().collect(),
            min_level: DEFAULT_MIN_LEVEL,
            threshold: None,
            ignore_sections: Vec::new(),
            ignore_clauses: Vec::new(),
        }
    }
}

/// One side of a finding: the clauses of OLD or NEW it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// Clause ids, e.g. `["A3"]`.
    pub ids: Vec<String>,
    /// 1-based line of the first clause in its file.
    pub line: usize,
    /// Highest commitment level among the clauses.
    pub level: Level,
    /// The words that set that level.
    pub marker: Option<String>,
    /// The clauses' text, joined.
    pub text: String,
}

/// A change the check found, failing or reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The change that failed, or for a reported change the most telling one.
    pub change: Change,
    /// 1-based line in NEW; for a removed clause the line of the next clause that is still
    /// there, or 1.
    pub line: usize,
    /// The page of NEW that `line` counts on, when NEW is a PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Innermost heading of the clause (NEW's when it has one, else OLD's).
    pub section: Option<String>,
    /// The OLD clauses; none for an added clause.
    pub old: Option<Side>,
    /// The NEW clauses; none for a removed clause.
    pub new: Option<Side>,
}

/// The outcome of a check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Verdict {
    /// Changes that fail the revision, in NEW line order.
    pub failures: Vec<Finding>,
    /// Changes reported without failing, in NEW line order.
    pub notices: Vec<Finding>,
    /// Changes left out by `ignore_sections` or `ignore_clauses`.
    pub ignored: usize,
    /// What the reader must know before the verdict (the rules under review differ from
    /// the rules applied); every format says these first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where the rules were read (a path, `REV:./declcmp.toml`, `defaults`); empty when the
    /// caller did not say.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rules_from: String,
}

impl Verdict {
    /// True when no rule fails.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }

    /// `passed` or `failed`, as in the JSON.
    pub fn name(&self) -> &'static str {
        if self.passed() { "passed" } else { "failed" }
    }
}
