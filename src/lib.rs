//! declcmp compares policy declarations clause by clause: which commitments two texts
//! share, which one of them drops, rewords, moves, weakens or strengthens.
//!
//! The pipeline runs one way: [`input`] reads and decodes, [`document`] parses Markdown into
//! blocks, [`segment`] splits them into clauses, [`tokenize`] makes words and character
//! n-grams, [`similarity`] scores clause pairs, [`align`] pairs clauses, [`classify`] builds
//! the one [`report::Report`], and [`report`] renders it. [`check`] applies CI rules (read by
//! [`config`]) to a report.
//!
//! ```
//! use declcmp::{compare, document_from_text, CompareOptions, ReadOptions};
//!
//! let read = ReadOptions::default();
//! let a = document_from_text("我们将加强合作。我们支持开放。", "a.md", "UTF-8", &read);
//! let b = document_from_text("我们支持开放。我们愿加强合作。", "b.md", "UTF-8", &read);
//! let report = compare(&a, &b, &CompareOptions::default());
//! assert_eq!(report.summary.identical, 1);
//! assert_eq!(report.summary.modified, 1);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

pub mod align;
pub mod check;
pub mod classify;
pub mod commitment;
pub mod dictionary;
pub mod document;
pub mod error;
pub mod input;
pub mod lang;
pub mod output;
pub mod prepare;
pub mod report;
pub mod segment;
pub mod similarity;
pub mod stats;
pub(crate) mod text;
pub mod tokenize;
pub mod tuning;

pub use error::{Error, Result};
pub use output::write_atomically;
pub use report::Report;
pub use stats::Stats;

use document::{Clause, Document};
use lang::Lang;
use prepare::{Prepared, prepare};
use segment::Unit;
use tuning::Tuning;

/// How inputs are read and split.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// Sentence or paragraph clauses.
    pub unit: Unit,
    /// Language to assume instead of detecting it.
    pub lang: Option<Lang>,
    /// Encoding label to decode with instead of detecting it.
    pub encoding: Option<String>,
}

/// How documents are compared.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CompareOptions {
    /// A fixed similarity cut-off in [0, 1]; `None` (the default) decides relative to the
    /// two documents, which serves revisions and different declarations alike.
    pub threshold: Option<f64>,
    /// The unit the documents were split into (reported only).
    pub unit: Unit,
    /// The weights, thresholds and floors of the matching decisions.
    pub tuning: Tuning,
}

/// Reads a document from a path, `-` (stdin) or `REV:path` (git).
pub fn read_document(spec: &str, options: &ReadOptions) -> Result<Document> {
    read_document_with_warnings(spec, options).map(|(document, _)| document)
}

/// [`read_document`], with the one-line warnings to show the user, at most one of each
/// kind: invalid bytes replaced by U+FFFD within the tolerance
/// ([`input::SourceText::warning`]), so the text differs from the file; and hidden control
/// characters (bidi controls, terminal escapes, see [`report::safe`]), which make a clause
/// read differently from what it says and which every human-facing output shows spelled
/// out instead.
pub fn read_document_with_warnings(
    spec: &str,
    options: &ReadOptions,
) -> Result<(Document, Vec<String>)> {
    let source = input::read_source(spec, options.encoding.as_deref())?;
    let document = document_from_text(&source.text, &source.display_path, source.encoding, options);
    let hidden = report::safe::hidden_controls(&source.text).map(|hidden| {
        format!(
            "{}: {hidden}; shown spelled out (\\u{{202e}}, ␛) in the output",
            source.display_path
        )
    });
    let warnings = source.warning().into_iter().chain(hidden).collect();
    Ok((document, warnings))
}

/// Parses and segments a document from decoded text.
pub fn document_from_text(
    text: &str,
    path: &str,
    encoding: &str,
    options: &ReadOptions,
) -> Document {
    let parsed = document::parse(text);
    let spans = segment::clause_spans(&parsed.blocks, options.unit);
    let clauses: Vec<Clause> = spans
        .into_iter()
        .enumerate()
        .map(|(index, (k, span))| {
            let block = &parsed.blocks[k];
            Clause {
                index,
                line: block.line_at(span.start),
                section: block.section.clone(),
                text: block.text[span].to_string(),
                block: k,
            }
        })
        .collect();
    let lang = options
        .lang
        .or_else(|| {
            parsed
                .front_matter
                .language
                .as_deref()
                .and_then(Lang::from_tag)
        })
        .unwrap_or_else(|| {
            let all: String = clauses.iter().map(|c| c.text.as_str()).collect();
            lang::detect(&all)
        });
    Document {
        path: path.to_string(),
        title: parsed.title().map(str::to_string),
        lang,
        encoding: encoding.to_string(),
        clauses,
    }
}

/// Compares two documents clause by clause.
pub fn compare(a: &Document, b: &Document, options: &CompareOptions) -> Report {
    compare_with_stats(a, b, options).0
}

/// [`compare`], with the timings and counts of its stages.
pub fn compare_with_stats(a: &Document, b: &Document, options: &CompareOptions) -> (Report, Stats) {
    compare_tuned(a, b, options, align::AlignOptions::default())
}

/// [`compare_with_stats`] with the aligner's hidden settings (the path it takes, its
/// background sample) from `tuning`; `tuning.threshold` is replaced by `options.threshold`.
#[doc(hidden)]
pub fn compare_tuned(
    a: &Document,
    b: &Document,
    options: &CompareOptions,
    tuning: align::AlignOptions,
) -> (Report, Stats) {
    let mut stats = Stats {
        clauses_a: a.clauses.len(),
        clauses_b: b.clauses.len(),
        ..Stats::default()
    };
    let (prepared_a, prepared_b) = stats.time("prepare", |_| (prepare(a), prepare(b)));
    let scorer = stats.time("vectors", |_| {
        similarity::Scorer::new(&prepared_a, &prepared_b, &options.tuning)
    });
    let pair = PreparedPair {
        docs: (a, b),
        prepared: (&prepared_a, &prepared_b),
        scorer: &scorer,
    };
    let report = align_and_classify(&pair, options, tuning, &mut stats);
    (report, stats)
}

/// Compares `focus` with each of `others`, every document prepared once and words weighed
/// by their rarity in the whole set (IDF over every clause of every document), so a word
/// all of them use counts for little. Reports come in the order of `others`, each as
/// [`compare`] would write it but for that weighting.
pub fn compare_many(
    focus: &Document,
    others: &[Document],
    options: &CompareOptions,
) -> Vec<Report> {
    use rayon::prelude::*;
    let docs: Vec<&Document> = std::iter::once(focus).chain(others).collect();
    let prepared: Vec<Prepared> = docs.par_iter().map(|doc| prepare(doc)).collect();
    let set: Vec<&Prepared> = prepared.iter().collect();
    (1..docs.len())
        .into_par_iter()
        .map(|k| {
            let scorer = similarity::Scorer::within(&set, 0, k, &options.tuning);
            let pair = PreparedPair {
                docs: (focus, docs[k]),
                prepared: (set[0], set[k]),
                scorer: &scorer,
            };
            align_and_classify(
                &pair,
                options,
                align::AlignOptions::default(),
                &mut Stats::default(),
            )
        })
        .collect()
}

/// Two documents, prepared, with the scorer of their clauses.
struct PreparedPair<'p> {
    docs: (&'p Document, &'p Document),
    prepared: (&'p Prepared, &'p Prepared),
    scorer: &'p similarity::Scorer,
}

/// The stages after scoring: align, then classify into the report.
fn align_and_classify(
    pair: &PreparedPair<'_>,
    options: &CompareOptions,
    align_options: align::AlignOptions,
    stats: &mut Stats,
) -> Report {
    fn headings(p: &Prepared) -> Vec<Option<&str>> {
        p.headings.iter().map(Option::as_deref).collect()
    }
    let ((a, b), (prepared_a, prepared_b)) = (pair.docs, pair.prepared);
    let sections = align::sections::Sections::new(
        &headings(prepared_a),
        &headings(prepared_b),
        options.tuning.heading_match,
    );
    let alignment = align::align_with_stats(
        pair.scorer,
        &prepared_a.folded,
        &prepared_b.folded,
        &sections,
        align::AlignOptions {
            threshold: options.threshold,
            tuning: options.tuning,
            ..align_options
        },
        stats,
    );
    let comparison = report::Comparison {
        unit: options.unit,
        threshold: options.threshold,
        relation: alignment.relation,
        limits: alignment.limits.clone(),
    };
    stats.time("classify", |_| {
        classify::classify(a, b, &alignment, pair.scorer, comparison, &options.tuning)
    })
}
