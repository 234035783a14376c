//! One declaration against many (`declcmp matrix`): the [`Matrix`] model and how it is
//! built. Start at [`build`]: every document is prepared once, words are weighed over the
//! whole set, each other document is aligned against the focus exactly as the pairwise
//! comparison aligns two texts, and the pair reports are folded into a clause grid, a theme
//! × document table ([`themes`]) and a document × document similarity matrix (off the
//! focus, estimated by [`nearby`]). The renderers are in [`render`] and [`html`].

pub mod html;
pub mod nearby;
pub mod render;
pub mod themes;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

use crate::commitment::{Commitment, Level};
use crate::document::Document;
use crate::report::{Report, round4};
use crate::{CompareOptions, Prepared, Stats, align, prepare, similarity};
pub use themes::{Taxonomy, TaxonomyError, Theme};

/// Version tag of the JSON contract (`schema/declcmp-matrix.schema.json`).
pub const SCHEMA: &str = "declcmp.matrix/1";

/// Evidence terms kept for each cell of the clause grid: the pair report's strongest.
pub const EVIDENCE_PER_CELL: usize = 3;

/// The version tag a matrix carries, written as [`SCHEMA`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatrixSchema;

impl Serialize for MatrixSchema {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(SCHEMA)
    }
}

/// The focus document against every other: what `declcmp matrix` shows in every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix {
    /// Always [`SCHEMA`].
    pub schema: MatrixSchema,
    /// Index into `documents` of the focus (always 0: the first document given).
    pub focus: usize,
    /// The focus, then the others in the order given.
    pub documents: Vec<MatrixDocument>,
    /// One row per clause of the focus, in document order.
    pub rows: Vec<Row>,
    /// Per theme of the taxonomy, in its order, the documents that address it.
    pub themes: Vec<ThemeCoverage>,
    /// Documents × documents: the share of the row document's clauses with a counterpart
    /// in the column document, 4 decimals (1 on the diagonal). The focus row and column
    /// come from the alignments; other cells from [`nearby`]'s estimate.
    pub document_similarity: Vec<Vec<f64>>,
    /// Ids of the themes some other document addresses and the focus does not.
    pub focus_lacks: Vec<String>,
    /// How the cells off the focus row and column were estimated, in a sentence.
    pub similarity_note: String,
}

/// One document of the set.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixDocument {
    /// The path as given.
    pub path: String,
    /// Title from front matter or first heading.
    pub title: Option<String>,
    /// The language, as its BCP 47 primary tag.
    pub lang: crate::Lang,
    /// Clauses in document order.
    pub clauses: Vec<MatrixClause>,
}

impl MatrixDocument {
    /// The title, else the path: what a column heading shows.
    pub fn label(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.path)
    }
}

/// One clause, with the themes it addresses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatrixClause {
    /// `A12` in the focus, `B7` in another document: the ids `declcmp FOCUS OTHER` gives.
    pub id: String,
    /// 1-based source line (on its page, for a PDF).
    pub line: usize,
    /// 1-based page of a paged input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Innermost heading.
    pub section: Option<String>,
    /// Clause text.
    pub text: String,
    /// Commitment strength.
    pub commitment: Commitment,
    /// Ids of the themes it addresses, in the taxonomy's order.
    pub themes: Vec<String>,
}

/// A focus clause and its counterparts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Id of the focus clause.
    pub clause: String,
    /// Counterparts in the other documents, by document; documents without one absent.
    pub counterparts: Vec<Counterpart>,
    /// How many other documents have a counterpart (`counterparts.len()`).
    pub shared_by: usize,
    /// Index of the clause in the focus.
    #[serde(skip)]
    pub index: usize,
}

/// The clauses of one document that answer a focus clause.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterpart {
    /// Index into the matrix's documents.
    pub document: usize,
    /// Clause ids of that document, in its order.
    pub clauses: Vec<String>,
    /// The best similarity of the pairs that join them, 4 decimals.
    pub similarity: f64,
    /// The confidence of that best pair (the pair report's `confidence`).
    pub confidence: f64,
    /// The shared words or concepts that weighed most in that pair.
    pub evidence: Vec<String>,
    /// Indices of `clauses` in that document.
    #[serde(skip)]
    pub indices: Vec<usize>,
}

/// Which documents address a theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeCoverage {
    /// Theme id.
    pub id: String,
    /// English name.
    pub name: String,
    /// Chinese name.
    pub name_zh: String,
    /// Where the theme comes from.
    pub source: String,
    /// The documents that address it, in document order.
    pub documents: Vec<ThemeInDocument>,
}

impl ThemeCoverage {
    /// The entry of document `k`, if it addresses the theme.
    pub fn of(&self, k: usize) -> Option<&ThemeInDocument> {
        self.documents.iter().find(|d| d.document == k)
    }
}

/// A theme in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeInDocument {
    /// Index into the matrix's documents.
    pub document: usize,
    /// The clauses that address it.
    pub clauses: Vec<String>,
    /// The strongest commitment among them.
    pub level: Level,
}

/// Timings and counts of a [`build`], for `--stats`.
#[derive(Debug, Clone, Default)]
pub struct MatrixStats {
    /// Stage name and how long it took.
    pub stages: Vec<(&'static str, Duration)>,
    /// Documents, the focus included.
    pub documents: usize,
    /// Clauses over all documents.
    pub clauses: usize,
    /// Pairs aligned with the full pipeline (focus against each other).
    pub aligned_pairs: usize,
    /// Clause pairs the estimate of the other cells scored.
    pub estimated_clause_pairs: usize,
    /// Document pairs the estimate found candidates for, out of all off-focus pairs.
    pub candidate_document_pairs: usize,
    /// Index terms left out of the estimate as too common.
    pub common_terms_skipped: usize,
}

impl MatrixStats {
    fn time<T>(&mut self, name: &'static str, stage: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = stage();
        self.stages.push((name, started.elapsed()));
        value
    }
}

impl std::fmt::Display for MatrixStats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (name, took) in &self.stages {
            writeln!(f, "{name:>10}  {:>9.1} ms", took.as_secs_f64() * 1e3)?;
        }
        let total: Duration = self.stages.iter().map(|(_, t)| *t).sum();
        writeln!(f, "{:>10}  {:>9.1} ms", "total", total.as_secs_f64() * 1e3)?;
        write!(
            f,
            "documents {}, clauses {}, aligned pairs {}, estimate: {} of {} document pairs had candidates, {} clause pairs scored, {} common terms skipped",
            self.documents,
            self.clauses,
            self.aligned_pairs,
            self.candidate_document_pairs,
            self.documents.saturating_sub(1) * self.documents.saturating_sub(2) / 2,
            self.estimated_clause_pairs,
            self.common_terms_skipped
        )
    }
}

/// Builds the matrix of `focus` against `others` (at least one), themes from `taxonomy`.
/// `progress` is called once after each document is aligned (from any thread), so a caller
/// can show a progress bar; the library prints nothing.
pub fn build(
    focus: &Document,
    others: &[Document],
    options: &CompareOptions,
    taxonomy: &Taxonomy,
    progress: &(dyn Fn() + Sync),
) -> (Matrix, MatrixStats) {
    let mut stats = MatrixStats::default();
    let docs: Vec<&Document> = std::iter::once(focus).chain(others).collect();
    stats.documents = docs.len();
    stats.clauses = docs.iter().map(|d| d.clauses.len()).sum();
    let prepared: Vec<Prepared> = stats.time("prepare", || {
        docs.par_iter().map(|doc| prepare(doc)).collect()
    });
    let set: Vec<&Prepared> = prepared.iter().collect();
    // The set weighed once: a scorer per pair from it keeps the alignments linear in the set.
    let weights = stats.time("weigh", || similarity::SetVectors::new(&set));
    let reports: Vec<Report> = stats.time("align", || {
        (1..docs.len())
            .into_par_iter()
            .map(|k| {
                let report = align_with_focus(&docs, &set, &weights, k, options);
                progress();
                report
            })
            .collect()
    });
    stats.aligned_pairs = reports.len();
    let documents = stats.time("themes", || documents(focus, &reports, &set, taxonomy));
    let rows = rows(focus.clauses.len(), &reports);
    let themes = coverage(&documents, &set, taxonomy);
    let focus_lacks = themes
        .iter()
        .filter(|t| t.of(0).is_none() && !t.documents.is_empty())
        .map(|t| t.id.clone())
        .collect();
    let estimate = stats.time("estimate", || nearby::estimate(&set));
    stats.estimated_clause_pairs = estimate.clause_pairs_scored;
    stats.candidate_document_pairs = estimate.candidate_document_pairs;
    stats.common_terms_skipped = estimate.common_terms_skipped;
    let document_similarity = similarity_matrix(&reports, &rows, &set, &estimate.share);
    let matrix = Matrix {
        schema: MatrixSchema,
        focus: 0,
        documents,
        rows,
        themes,
        document_similarity,
        focus_lacks,
        similarity_note: nearby::note(),
    };
    (matrix, stats)
}

/// The pairwise comparison of the focus (`docs[0]`) with `docs[k]`, words weighed over the
/// whole set: what [`crate::compare_many`] computes for that document.
fn align_with_focus(
    docs: &[&Document],
    set: &[&Prepared],
    weights: &similarity::SetVectors,
    k: usize,
    options: &CompareOptions,
) -> Report {
    let scorer = similarity::Scorer::from_set(weights, set, 0, k, &options.tuning);
    let pair = crate::PreparedPair {
        docs: (docs[0], docs[k]),
        prepared: (set[0], set[k]),
        scorer: &scorer,
    };
    crate::align_and_classify(
        &pair,
        options,
        align::AlignOptions::default(),
        &mut Stats::default(),
    )
}

/// The documents as the pair reports show them (the focus as every report's A side), each
/// clause tagged with its themes.
fn documents(
    focus: &Document,
    reports: &[Report],
    set: &[&Prepared],
    taxonomy: &Taxonomy,
) -> Vec<MatrixDocument> {
    let side = |doc: &crate::report::DocumentReport, prepared: &Prepared| MatrixDocument {
        path: doc.path.clone(),
        title: doc.title.clone(),
        lang: doc.lang,
        clauses: doc
            .clauses
            .iter()
            .zip(&prepared.words)
            .map(|(clause, bag)| MatrixClause {
                id: clause.id.clone(),
                line: clause.line,
                page: clause.page,
                section: clause.section.clone(),
                text: clause.text.clone(),
                commitment: clause.commitment.clone(),
                themes: taxonomy
                    .themes_of(bag)
                    .into_iter()
                    .map(|t| taxonomy.themes[t].id.clone())
                    .collect(),
            })
            .collect(),
    };
    let focus_side = match reports.first() {
        Some(report) => side(&report.a, set[0]),
        // No other document: the focus alone, as a comparison with itself would show it.
        None => {
            let report = crate::compare(focus, focus, &CompareOptions::default());
            side(&report.a, set[0])
        }
    };
    std::iter::once(focus_side)
        .chain(
            reports
                .iter()
                .zip(&set[1..])
                .map(|(report, prepared)| side(&report.b, prepared)),
        )
        .collect()
}

/// One row per focus clause: in each report, the pairs (further counterparts included)
/// that hold it.
fn rows(focus_clauses: usize, reports: &[Report]) -> Vec<Row> {
    (0..focus_clauses)
        .map(|i| {
            let counterparts: Vec<Counterpart> = reports
                .iter()
                .enumerate()
                .filter_map(|(k, report)| counterpart(report, i, k + 1))
                .collect();
            Row {
                clause: format!("A{}", i + 1),
                shared_by: counterparts.len(),
                counterparts,
                index: i,
            }
        })
        .collect()
}

/// The clauses of `report`'s B side paired with A clause `i`, if any.
fn counterpart(report: &Report, i: usize, document: usize) -> Option<Counterpart> {
    let holding: Vec<&crate::report::Pair> = report
        .pairs
        .iter()
        .filter(|p| p.a_index.contains(&i))
        .collect();
    // The best pair gives the similarity and the evidence; ties go to the earlier pair.
    let best = holding.iter().copied().reduce(|best, p| {
        if p.similarity > best.similarity {
            p
        } else {
            best
        }
    })?;
    let indices: BTreeSet<usize> = holding
        .iter()
        .flat_map(|p| p.b_index.iter().copied())
        .collect();
    Some(Counterpart {
        document,
        clauses: indices
            .iter()
            .map(|&j| report.b.clauses[j].id.clone())
            .collect(),
        similarity: round4(best.similarity.clamp(0.0, 1.0)),
        confidence: best.confidence.clamp(0.0, 1.0),
        evidence: best
            .evidence
            .iter()
            .take(EVIDENCE_PER_CELL)
            .map(|e| e.term.clone())
            .collect(),
        indices: indices.into_iter().collect(),
    })
}

/// Per theme, each document's clauses that address it and their strongest commitment.
fn coverage(
    documents: &[MatrixDocument],
    set: &[&Prepared],
    taxonomy: &Taxonomy,
) -> Vec<ThemeCoverage> {
    let tagged: Vec<Vec<Vec<usize>>> = set
        .iter()
        .map(|p| p.words.iter().map(|bag| taxonomy.themes_of(bag)).collect())
        .collect();
    taxonomy
        .themes
        .iter()
        .enumerate()
        .map(|(t, theme)| ThemeCoverage {
            id: theme.id.clone(),
            name: theme.name.clone(),
            name_zh: theme.name_zh.clone(),
            source: theme.source.clone(),
            documents: documents
                .iter()
                .enumerate()
                .filter_map(|(k, doc)| {
                    let clauses: Vec<&MatrixClause> = doc
                        .clauses
                        .iter()
                        .zip(&tagged[k])
                        .filter(|(_, themes)| themes.contains(&t))
                        .map(|(c, _)| c)
                        .collect();
                    let level = clauses.iter().map(|c| c.commitment.level).max()?;
                    Some(ThemeInDocument {
                        document: k,
                        clauses: clauses.iter().map(|c| c.id.clone()).collect(),
                        level,
                    })
                })
                .collect(),
        })
        .collect()
}

/// The document × document shares: the focus row from the rows, the focus column from each
/// report's B clauses in some pair, the rest from the estimate; 1 on the diagonal.
fn similarity_matrix(
    reports: &[Report],
    rows: &[Row],
    set: &[&Prepared],
    estimate: &[Vec<f64>],
) -> Vec<Vec<f64>> {
    let n = set.len();
    let share = |covered: usize, of: usize| {
        if of == 0 {
            0.0
        } else {
            round4(covered as f64 / of as f64)
        }
    };
    let mut matrix: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| if i == j { 1.0 } else { round4(estimate[i][j]) })
                .collect()
        })
        .collect();
    for (k, report) in reports.iter().enumerate() {
        let k = k + 1;
        let of_focus = rows
            .iter()
            .filter(|r| r.counterparts.iter().any(|c| c.document == k))
            .count();
        matrix[0][k] = share(of_focus, set[0].len());
        let paired: BTreeSet<usize> = report
            .pairs
            .iter()
            .flat_map(|p| p.b_index.iter().copied())
            .collect();
        matrix[k][0] = share(paired.len(), set[k].len());
    }
    matrix
}

/// How the grid's rows are ordered in the table, Markdown and HTML (the JSON keeps
/// document order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowOrder {
    /// The focus document's order.
    #[default]
    Document,
    /// Fewest documents sharing first ("what only the focus says"), most last ("what
    /// everyone says"); ties in document order.
    Shared,
}

named!(RowOrder {
    Document => "document",
    Shared => "shared",
});

impl Matrix {
    /// The rows in `order`.
    pub fn rows_in(&self, order: RowOrder) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        if order == RowOrder::Shared {
            rows.sort_by_key(|r| (r.shared_by, r.index));
        }
        rows
    }

    /// The focus document.
    pub fn focus_document(&self) -> &MatrixDocument {
        &self.documents[self.focus]
    }

    /// The clause `id` of document `k`.
    pub fn clause(&self, k: usize, id: &str) -> Option<&MatrixClause> {
        // Ids are a side letter and the 1-based position.
        let n: usize = id.get(1..)?.parse().ok()?;
        self.documents[k].clauses.get(n.checked_sub(1)?)
    }
}
