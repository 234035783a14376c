//! The prepared-document stage: what scoring and aligning need from one document, computed
//! once whatever it is compared with. Comparing one document with many prepares each once
//! and builds a [`crate::similarity::Scorer`] per pair over the whole set
//! ([`crate::similarity::Scorer::within`]).

use rayon::prelude::*;

use crate::document::Document;
use crate::tokenize::{self, ClauseTokens};

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
}

impl Prepared {
    /// Number of clauses.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the document has no clauses.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Tokenizes and folds every clause of `doc`.
pub fn prepare(doc: &Document) -> Prepared {
    let texts: Vec<&str> = doc.clauses.iter().map(|c| c.text.as_str()).collect();
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
        folded: texts
            .par_iter()
            .map(|t| tokenize::fold_for_identity(t))
            .collect(),
        headings: doc
            .clauses
            .iter()
            .map(|c| c.section.last().cloned())
            .collect(),
        tokens,
    }
}
