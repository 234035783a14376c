//! The one report model every output format renders, and the renderers. The model is
//! built by [`crate::classify`]; `--format` only picks a renderer over it.

pub mod diff;
pub mod json;
mod layout;
pub mod markdown;
pub mod table;
mod worddiff;

use serde::Serialize;

use crate::commitment::{Commitment, CommitmentChange};

/// Version tag of the JSON contract (`../shared/schema/declcmp-report.schema.json`).
pub const SCHEMA: &str = "declcmp.report/1";

/// A comparison of two documents, clause by clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The first document.
    pub a: DocumentReport,
    /// The second document.
    pub b: DocumentReport,
    /// Aligned groups in order of their first A clause.
    pub pairs: Vec<Pair>,
    /// Ids of A clauses with no counterpart (removed).
    pub unmatched_a: Vec<String>,
    /// Ids of B clauses with no counterpart (added).
    pub unmatched_b: Vec<String>,
    /// Counts.
    pub summary: Summary,
    /// How the comparison was made.
    pub comparison: Comparison,
}

/// One document as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentReport {
    /// The path as given.
    pub path: String,
    /// Title from front matter or first heading.
    pub title: Option<String>,
    /// BCP 47 primary language tag.
    pub lang: String,
    /// Encoding the input was decoded from.
    pub encoding: String,
    /// The format the input was read as: markdown, text, pdf, docx or html.
    pub format: &'static str,
    /// Clauses in document order.
    pub clauses: Vec<ClauseReport>,
}

/// One clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseReport {
    /// `A12`, `B7`: the side letter and the 1-based position.
    pub id: String,
    /// 1-based source line where the clause starts (on its page, for a PDF).
    pub line: usize,
    /// 1-based page of a PDF the clause starts on; written only for paged inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Innermost heading.
    pub section: Option<String>,
    /// Heading path, outermost first.
    #[serde(skip)]
    pub section_path: Vec<String>,
    /// Clause text.
    pub text: String,
    /// Commitment strength.
    pub commitment: Commitment,
}

/// How an aligned group relates its clauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PairKind {
    /// Same text (white space and full-width forms aside).
    Identical,
    /// One clause on each side, worded differently.
    Modified,
    /// One A clause answered by several B clauses.
    Split,
    /// Several A clauses answered by one B clause.
    Merged,
}

impl PairKind {
    /// Lowercase name as in the JSON.
    pub fn name(self) -> &'static str {
        match self {
            PairKind::Identical => "identical",
            PairKind::Modified => "modified",
            PairKind::Split => "split",
            PairKind::Merged => "merged",
        }
    }
}

/// A word that weighed in a match.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The shared word (stem for English) or concept.
    pub term: String,
    /// Its share of the word similarity, 4 decimals.
    pub weight: f64,
}

/// An aligned group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pair {
    /// A clause ids.
    pub a: Vec<String>,
    /// B clause ids.
    pub b: Vec<String>,
    /// Blended similarity, 4 decimals.
    pub similarity: f64,
    /// Identical, modified, split or merged.
    pub kind: PairKind,
    /// Out of order with respect to the other groups.
    pub moved: bool,
    /// Whether B commits more or less than A.
    pub commitment_change: CommitmentChange,
    /// Shared words that weighed most.
    pub evidence: Vec<Evidence>,
    /// A further counterpart between two different texts: its clauses may also stand in
    /// other pairs (the same commitment answered in two places). Only written when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub also: bool,
    /// Indices into `a.clauses`.
    #[serde(skip)]
    pub a_index: Vec<usize>,
    /// Indices into `b.clauses`.
    #[serde(skip)]
    pub b_index: Vec<usize>,
}

/// Counts of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    /// Clauses in A.
    pub clauses_a: usize,
    /// Clauses in B.
    pub clauses_b: usize,
    /// Identical groups.
    pub identical: usize,
    /// Modified, split and merged groups.
    pub modified: usize,
    /// Moved groups.
    pub moved: usize,
    /// A clauses only in A.
    pub only_a: usize,
    /// B clauses only in B.
    pub only_b: usize,
    /// Groups whose commitment weakened.
    pub weakened: usize,
    /// Groups whose commitment strengthened.
    pub strengthened: usize,
    /// Further counterparts (`also` pairs, two different texts only), not counted in
    /// `modified`. Only written when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub also: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How the comparison was made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// `sentence` or `paragraph`.
    pub unit: crate::segment::Unit,
    /// The fixed similarity cut-off, or `null` when matches were decided relative to the
    /// two documents.
    pub threshold: Option<f64>,
    /// `revision` when many clauses are near-identical, else `cross` (two different texts).
    pub relation: &'static str,
    /// Limits hit while comparing, as sentences; empty when none.
    pub limits: Vec<String>,
}

impl Report {
    /// True when every clause pairs as identical and nothing moved: the documents say the
    /// same thing (exit status 0).
    pub fn is_same(&self) -> bool {
        self.unmatched_a.is_empty()
            && self.unmatched_b.is_empty()
            && self
                .pairs
                .iter()
                .all(|p| p.kind == PairKind::Identical && !p.moved)
    }
}

/// Rounds a score for output: four decimals keep the bytes stable and are finer than any
/// decision made on them.
pub fn round4(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e4).round() / 1e4
    } else {
        0.0
    }
}

/// Presentation settings shared by the renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Terminal width in columns for tables.
    pub width: u16,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: 100,
        }
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Summary and aligned clauses as terminal tables.
    #[default]
    Table,
    /// Unified diff in clause order with word-level changes.
    Diff,
    /// A Markdown report for issues and briefs.
    Markdown,
    /// The `declcmp.report/1` JSON contract.
    Json,
}

/// Renders `report` in `format`.
pub fn render(
    report: &Report,
    format: Format,
    options: &RenderOptions,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::render(report, options, out),
        Format::Diff => diff::render(report, options, out),
        Format::Markdown => markdown::render(report, options, out),
        Format::Json => json::render(report, out),
    }
}
