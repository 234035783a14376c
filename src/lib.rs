//! declcmp compares policy declarations clause by clause: which commitments two texts
//! share, which one of them drops, rewords, moves, weakens or strengthens.
//!
//! The API is small: read documents ([`read_document`], or [`document_from_text`] for text
//! you have), [`compare`] two of them (or [`compare_many`] one against several) into a
//! [`Report`], [`render`] it in a [`report::Format`], and judge a revision with
//! [`check::check`]. [`CompareOptions`] carries the [`tuning::Tuning`] table of every
//! matching decision; [`Report::from_json`] reads a saved report back.
//!
//! Inside, the pipeline runs one way: [`input`] reads and decodes, [`document`] parses
//! Markdown into blocks and clauses, [`prepare`] tokenizes each document once, a scorer
//! weighs clause pairs, the aligner pairs clauses, the classifier builds the one [`Report`]
//! (with [`commitment`] strength), and a renderer writes it.
//!
//! ```
//! use declcmp::{CompareOptions, ReadOptions, compare, document_from_text, render};
//! use declcmp::report::{Format, RenderOptions};
//!
//! let read = ReadOptions::default();
//! let a = document_from_text("我们将加强合作。我们支持开放。", "a.md", "UTF-8", &read);
//! let b = document_from_text("我们支持开放。我们愿加强合作。", "b.md", "UTF-8", &read);
//! let report = compare(&a, &b, &CompareOptions::default());
//! assert_eq!(report.summary.identical, 1);
//! assert_eq!(report.summary.modified, 1);
//! assert_eq!(report.summary.weakened, 1); // 将 (will) became 愿 (are willing to)
//!
//! let mut json = Vec::new();
//! render(&report, Format::Json, &RenderOptions::default(), &mut json)?;
//! let saved = declcmp::Report::from_json(std::str::from_utf8(&json)?)?;
//! assert_eq!(saved.summary, report.summary);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr, missing_docs)]

/// Gives an option enum its names: `NAMES` (for a command line's list of values), `name`,
/// `Display` and `FromStr` (an unknown name is refused with the list of known ones).
macro_rules! named {
    ($type:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $type {
            /// Every name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The lowercase name, as on the command line and in the JSON.
            pub fn name(self) -> &'static str {
                match self {
                    $($type::$variant => $name),+
                }
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $type {
            type Err = String;

            fn from_str(name: &str) -> std::result::Result<Self, String> {
                match name {
                    $($name => Ok($type::$variant),)+
                    _ => Err(format!("{name:?} is not one of {}", Self::NAMES.join(", "))),
                }
            }
        }
    };
}

mod align;
pub mod check;
mod classify;
pub mod commitment;
mod dictionary;
pub mod document;
mod error;
pub mod input;
mod lang;
pub mod matrix;
pub mod output;
mod prepare;
pub mod report;
mod segment;
mod similarity;
pub mod stats;
mod text;
mod tokenize;
pub mod tuning;

pub use error::{Error, Result};
pub use lang::Lang;
pub use matrix::Matrix;
pub use output::write_atomically;
pub use prepare::{Prepared, prepare};
pub use report::{Report, render};
pub use segment::Unit;
pub use stats::Stats;

// For the benchmarks, the score dump example and the scale tests; not part of the API.
#[doc(hidden)]
pub use align::verdict::FEATURES as CROSS_FEATURES;
#[doc(hidden)]
pub use align::{AlignOptions, Path as AlignPath};
#[doc(hidden)]
pub use similarity::Scorer;
#[doc(hidden)]
pub use tokenize::tokenize_all;

use document::{Clause, Document};
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
    /// Between two different texts, the confidence from which a pair counts as the same
    /// commitment instead of the fitted [`tuning::CrossModel::same`]: lower finds more
    /// pairs and more wrong ones. `None` keeps the fitted value.
    pub min_confidence: Option<f64>,
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
    read_document_as(spec, options, FormatOptions::default())
}

/// How an input's format is chosen (`--input-format`, `--ocr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FormatOptions {
    /// The format to read, or `Auto` to tell it from the content.
    pub format: document::format::InputFormat,
    /// Read a PDF without a text layer by OCR (the system's tesseract) instead of refusing.
    pub ocr: bool,
}

/// [`read_document_with_warnings`] in any format: Markdown, plain text, PDF, DOCX or HTML,
/// told from the content unless `formats.format` forces one. The warnings also carry what
/// the reader did that the user should know (tracked changes read as accepted).
pub fn read_document_as(
    spec: &str,
    options: &ReadOptions,
    formats: FormatOptions,
) -> Result<(Document, Vec<String>)> {
    use document::format;

    let (bytes, display_path) = input::read_bytes_in(std::path::Path::new("."), spec)?;
    let chosen = format::choose(&bytes, formats.format, display_path)?;
    let mut warnings = Vec::new();
    // Hidden controls are counted in the text as read: the decoded file (its lines), or
    // for a binary format the text its reader gave (lines of that text).
    let (parsed, encoding, hidden) = if chosen.is_binary() {
        let parsed = format::parse_binary(&bytes, chosen, display_path, formats.ocr)?;
        // DOCX is UTF-8 XML; a PDF's text comes through its fonts' Unicode maps.
        let encoding = if chosen == format::InputFormat::Docx {
            "UTF-8"
        } else {
            "pdf"
        };
        let read: Vec<&str> = parsed.blocks.iter().map(|b| b.text.as_str()).collect();
        let hidden = report::safe::hidden_controls(&read.join("\n"));
        (parsed, encoding, hidden)
    } else {
        let source = input::decode(&bytes, options.encoding.as_deref(), display_path)?;
        warnings.extend(source.warning());
        let parsed = format::parse_text(&source.text, chosen);
        let hidden = report::safe::hidden_controls(&source.text);
        (parsed, source.encoding, hidden)
    };
    if let Some(note) = &parsed.note {
        warnings.push(format!("{display_path}: {note}"));
    }
    if let Some(hidden) = hidden {
        warnings.push(format!(
            "{display_path}: {hidden}; shown spelled out (\\u{{202e}}, ␛) in the output"
        ));
    }
    let mut document = document_from_parsed(&parsed, display_path, encoding, options);
    document.format = chosen;
    Ok((document, warnings))
}

/// Parses and segments a document from decoded text.
pub fn document_from_text(
    text: &str,
    path: &str,
    encoding: &str,
    options: &ReadOptions,
) -> Document {
    document_from_parsed(&document::parse(text), path, encoding, options)
}

/// Segments a document already parsed into blocks (by any of the format readers). For a
/// paged input, each clause's line is turned into a page and a line on that page.
pub fn document_from_parsed(
    parsed: &document::ParsedText,
    path: &str,
    encoding: &str,
    options: &ReadOptions,
) -> Document {
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
                page: None,
            }
        })
        .map(|clause| on_page(clause, &parsed.page_starts))
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
        format: document::format::InputFormat::Markdown,
        clauses,
    }
}

/// A clause whose line counts through a paged file, as a page and a line on it.
fn on_page(mut clause: Clause, page_starts: &[usize]) -> Clause {
    let page = page_starts.partition_point(|&start| start <= clause.line);
    if page > 0 {
        clause.line = clause.line - page_starts[page - 1] + 1;
        clause.page = Some(page);
    }
    clause
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
    // Weighed once for the set, not once per pair: the work stays linear in the documents.
    let weights = similarity::SetVectors::new(&set);
    (1..docs.len())
        .into_par_iter()
        .map(|k| {
            let scorer = similarity::Scorer::from_set(&weights, &set, 0, k, &options.tuning);
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
            tuning: tuning::Tuning {
                cross: match options.min_confidence {
                    Some(c) => options.tuning.cross.from_confidence(c),
                    None => options.tuning.cross,
                },
                ..options.tuning
            },
            ..align_options
        },
        stats,
    );
    let comparison = report::Comparison {
        unit: options.unit,
        threshold: options.threshold,
        min_confidence: options.min_confidence,
        relation: alignment.relation,
        limits: alignment
            .limits
            .iter()
            .cloned()
            .chain(prepared_a.cut_limits('A'))
            .chain(prepared_b.cut_limits('B'))
            .collect(),
    };
    stats.time("classify", |_| {
        classify::classify(
            a,
            b,
            &alignment,
            pair.scorer,
            (&prepared_a.tokens, &prepared_b.tokens),
            comparison,
            &options.tuning,
        )
    })
}
