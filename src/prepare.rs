//! The prepared-document stage: what scoring and aligning need from one document, computed
//! once whatever it is compared with. Comparing one document with many prepares each once
//! and builds a [`crate::similarity::Scorer`] per pair over the whole set
//! ([`crate::similarity::Scorer::within`]).

use rayon::prelude::*;

use crate::document::Document;
use crate::tokenize::{self, ClauseTokens};
use crate::tuning::SCORED_CLAUSE_BYTES;

/// One document, tokenized and folded: the input of the scorer and the aligner.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Words, stems, surface forms and character n-grams of each clause.
    pub(crate) tokens: Vec<ClauseTokens>,
    /// Each clause's word bag: its words, then the concepts they name.
    pub(crate) words: Vec<Vec<String>>,
    /// Each clause's characters, white space left out (edit distance).
    pub(crate) chars: Vec<Vec<char>>,
    /// The scripts each clause's letters are written in, as bits.
    pub(crate) scripts: Vec<u8>,
    /// Each clause's text folded for identity ([`tokenize::fold_for_identity`]).
    pub(crate) folded: Vec<String>,
    /// Each clause's innermost heading.
    pub(crate) headings: Vec<Option<String>>,
    /// Clauses scored on their first [`SCORED_CLAUSE_BYTES`] only: index and whole length
    /// in bytes.
    pub(crate) cut: Vec<(usize, usize)>,
}

impl Prepared {
    /// The limits a reader should know of: each clause scored on its start only, as a
    /// sentence naming it by `side` (`A`, `B`) and 1-based position.
    pub(crate) fn cut_limits(&self, side: char) -> Vec<crate::report::Limit> {
        self.cut
            .iter()
            .map(|&(i, len)| {
                crate::report::Limit::Noted(format!(
                    "clause {side}{} is {len} bytes long: only its first {SCORED_CLAUSE_BYTES} bytes were tokenized and scored (its whole text was compared for identity and is reported)",
                    i + 1
                ))
            })
            .collect()
    }

    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the document has no clauses.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Tokenizes and folds every clause of `doc`: tokens, characters and scripts from the
/// first [`SCORED_CLAUSE_BYTES`] of each, the identity fold from the whole text.
pub fn prepare(doc: &Document) -> Prepared {
    let whole: Vec<&str> = doc.clauses.iter().map(|c| c.text.as_str()).collect();
    let texts: Vec<&str> = whole
        .iter()
        .map(|t| &t[..crate::text::floor_boundary(t, SCORED_CLAUSE_BYTES)])
        .collect();
    let cut = whole
        .iter()
        .enumerate()
        .filter(|(_, t)| t.len() > SCORED_CLAUSE_BYTES)
        .map(|(i, t)| (i, t.len()))
        .collect();
    let tokens = tokenize::tokenize_all(&texts);
    Prepared {
        words: tokens.par_iter().map(crate::similarity::word_bag).collect(),
        chars: texts
            .par_iter()
            .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
            .collect(),
        scripts: texts
            .par_iter()
            .map(|t| crate::similarity::scripts(t))
            .collect(),
        folded: whole
            .par_iter()
            .map(|t| tokenize::fold_for_identity(t))
            .collect(),
        headings: doc
            .clauses
            .iter()
            .map(|c| c.section.last().cloned())
            .collect(),
        tokens,
        cut,
    }
}
