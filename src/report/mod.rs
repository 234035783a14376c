//! The one report model every output format renders, and the renderers. The model is
//! built once per comparison ([`crate::compare`]); `--format` only picks a renderer over it.

mod brief;
pub mod diff;
pub mod html;
pub mod json;
mod layout;
pub mod markdown;
pub mod safe;
pub mod table;
mod worddiff;

use serde::{Deserialize, Serialize};

pub use crate::align::{Limit, Relation};
use crate::commitment::{Commitment, CommitmentChange};

/// Version tag of the JSON contract (`schema/declcmp-report.schema.json`).
pub const SCHEMA: &str = "declcmp.report/1";

/// The version tag a report carries: written as [`SCHEMA`], and only that is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Schema;

impl Serialize for Schema {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(SCHEMA)
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let tag = String::deserialize(deserializer)?;
        if tag == SCHEMA {
            Ok(Schema)
        } else {
            Err(serde::de::Error::custom(format!(
                "schema {tag:?} is not {SCHEMA:?}"
            )))
        }
    }
}

/// A comparison of two documents, clause by clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Always [`SCHEMA`]; reading a report of another version fails.
    pub schema: Schema,
    /// The first document.
    pub a: DocumentReport,
    /// The second document.
    pub b: DocumentReport,
    /// Aligned groups in order of their first A clause.
    pub pairs: Vec<Pair>,
    /// Between two different texts, pairs of clauses without a counterpart that are
    /// related but were not judged the same commitment (a confidence under the decision's
    /// cut-off): shown apart, never counted as shared; their clauses stay unmatched. In
    /// order of the A clause; only written when there are some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Pair>,
    /// Ids of A clauses with no counterpart (removed).
    pub unmatched_a: Vec<String>,
    /// Ids of B clauses with no counterpart (added).
    pub unmatched_b: Vec<String>,
    /// Counts.
    pub summary: Summary,
    /// How the comparison was made.
    pub comparison: Comparison,
    /// What the reader must know about the inputs, one sentence each: hidden control
    /// characters, bytes replaced while decoding, tracked changes read as accepted. Every
    /// format but the diff says them first; only written when there are some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One document as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// The path as given.
    pub path: String,
    /// Title from front matter or first heading.
    pub title: Option<String>,
    /// The language, written as its BCP 47 primary tag.
    pub lang: crate::lang::Lang,
    /// Encoding the input was decoded from.
    pub encoding: String,
    /// The format the input was read as: markdown, text, pdf, docx or html.
    pub format: crate::document::format::InputFormat,
    /// Clauses in document order.
    pub clauses: Vec<ClauseReport>,
}

/// One clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The shared word (stem for English) or concept; between a Chinese text and an
    /// English one, the term pair written `能力建设 ↔ capacity building`.
    pub term: String,
    /// Its share of the word similarity, 4 decimals.
    pub weight: f64,
    /// Between a Chinese text and an English one: the term as each side says it. Only
    /// written there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms: Option<TermPair>,
}

/// A term of one language and the words of the other it was matched with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermPair {
    /// As document A says it.
    pub a: String,
    /// As document B says it.
    pub b: String,
}

/// An aligned group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pair {
    /// A clause ids.
    pub a: Vec<String>,
    /// B clause ids.
    pub b: Vec<String>,
    /// Blended similarity, 4 decimals.
    pub similarity: f64,
    /// The estimated chance that the clauses are the same commitment, 2 decimals: 1 for
    /// identical clauses; between two different texts, the fitted decision's confidence
    /// (a pair counts from `tuning::CrossModel::same`).
    #[serde(default)]
    pub confidence: f64,
    /// Identical, modified, split or merged.
    pub kind: PairKind,
    /// Out of order with respect to the other groups.
    pub moved: bool,
    /// Whether B commits more or less than A.
    pub commitment_change: CommitmentChange,
    /// Between two different texts, the side that makes the commitment more firmly (a
    /// higher level: 将 against 倡导, "will ensure" against "encourage"). Only written when
    /// the levels differ; a revision says this with `commitment_change`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stronger_in: Option<StrongerIn>,
    /// Shared words that weighed most.
    pub evidence: Vec<Evidence>,
    /// A further counterpart between two different texts: its clauses may also stand in
    /// other pairs (the same commitment answered in two places). Only written when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub also: bool,
    /// Indices into `a.clauses`.
    #[serde(skip)]
    pub a_index: Vec<usize>,
    /// Indices into `b.clauses`.
    #[serde(skip)]
    pub b_index: Vec<usize>,
}

/// The side of a pair that commits more firmly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StrongerIn {
    /// The first document.
    A,
    /// The second document.
    B,
}

/// Counts of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
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
    /// Groups whose commitment was reversed (a negation added or taken away).
    #[serde(default)]
    pub reversed: usize,
    /// Further counterparts (`also` pairs, two different texts only), not counted in
    /// `modified`. Only written when there are some.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub also: usize,
    /// Related pairs (`related`), not counted as shared. Only written when there are some.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub related: usize,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How the comparison was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// `sentence` or `paragraph`.
    pub unit: crate::segment::Unit,
    /// The fixed similarity cut-off, or `null` when matches were decided relative to the
    /// two documents.
    pub threshold: Option<f64>,
    /// The confidence from which a pair between two different texts was counted, when it
    /// was not the fitted one (`--min-confidence`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_confidence: Option<f64>,
    /// Revision when many clauses are near-identical, else cross (two different texts).
    pub relation: Relation,
    /// Limits hit while comparing, written as sentences; empty when none.
    pub limits: Vec<Limit>,
}

impl Report {
    /// Reads a report back from its JSON (`--format json`, or `declcmp check --format json`,
    /// whose `check` object is left aside). What the JSON leaves out is derived again: a
    /// pair's clause indices from its ids, a clause's heading path from its section (the
    /// innermost heading: only `check`'s `ignore_sections` reads outer ones).
    pub fn from_json(text: &str) -> std::result::Result<Report, String> {
        let mut report: Report = serde_json::from_str(text).map_err(|e| e.to_string())?;
        for doc in [&mut report.a, &mut report.b] {
            for clause in &mut doc.clauses {
                clause.section_path = clause.section.iter().cloned().collect();
            }
        }
        let index = |doc: &DocumentReport,
                     ids: &[String]|
         -> std::result::Result<Vec<usize>, String> {
            // Ids are the side letter and the 1-based position: `A12` is the twelfth.
            ids.iter()
                .map(|id| {
                    id.get(1..)
                        .and_then(|n| n.parse::<usize>().ok())
                        .and_then(|n| n.checked_sub(1))
                        .filter(|&i| doc.clauses.get(i).is_some_and(|c| &c.id == id))
                        .ok_or_else(|| format!("pair names clause {id}, which the report lacks"))
                })
                .collect()
        };
        let mut pairs = std::mem::take(&mut report.pairs);
        let mut related = std::mem::take(&mut report.related);
        for pair in pairs.iter_mut().chain(&mut related) {
            pair.a_index = index(&report.a, &pair.a)?;
            pair.b_index = index(&report.b, &pair.b)?;
        }
        report.pairs = pairs;
        report.related = related;
        Ok(report)
    }

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
    /// Terminal width in columns for tables; 0 means [`FALLBACK_WIDTH`].
    pub width: u16,
    /// Table: wrap clause text in its cell instead of cutting it.
    pub wrap: bool,
    /// Table and diff: collapse runs of identical clauses to a count.
    pub changes_only: bool,
}

/// The table width when none is known (a pipe, a terminal that reports 0 columns, `--width
/// 0`): what most terminals open at.
pub const FALLBACK_WIDTH: u16 = 100;

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            color: false,
            width: FALLBACK_WIDTH,
            wrap: false,
            changes_only: false,
        }
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    /// One self-contained HTML page: both texts side by side, changes marked.
    Html,
}

named!(Format {
    Table => "table",
    Diff => "diff",
    Markdown => "markdown",
    Json => "json",
    Html => "html",
});

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
        // Controls and bidi marks in strings are written as JSON escapes, for whoever reads
        // the report in a terminal.
        Format::Json => json::render(report, &mut safe::JsonControlsEscaped::new(out)),
        Format::Html => html::render(report, options, out),
    }
}
