//! Clause similarity from lexical and character signals, each in [0, 1], blended into one
//! score. Start with [`Scorer::new`], then [`Scorer::score`] for any clause pair.
//!
//! Signals:
//! - word TF-IDF cosine (jieba words / English stems; IDF over the clauses of both
//!   documents), which rewards shared rare words;
//! - character n-gram TF-IDF cosine (Han bigrams, Latin trigrams), which survives word
//!   segmentation differences and inflection;
//! - normalised Levenshtein similarity (bit-parallel, [`EditProfile`]) for short clauses,
//!   which separates near-identical wording from mere shared vocabulary.

mod edit;
mod vector;

use rayon::prelude::*;

use crate::tokenize::ClauseTokens;
pub use edit::EditProfile;
pub use vector::{SparseVector, Vocabulary};

/// Clauses longer than this (in characters) skip the edit-distance signal: it costs the
/// product of the lengths, and the cosines already tell long near-identical clauses apart.
pub const EDIT_DISTANCE_MAX_CHARS: usize = 400;

/// Weights of the blend: word cosine, character cosine, edit similarity. Chosen on the
/// revision sets of `../shared/bench` (see the README, "How matching works").
const WEIGHTS: (f64, f64, f64) = (0.45, 0.45, 0.10);

/// One clause pair's signals and their blend.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Score {
    /// The blend used for decisions, in [0, 1].
    pub blended: f64,
    /// Word TF-IDF cosine.
    pub word: f64,
    /// Character n-gram TF-IDF cosine.
    pub char: f64,
}

/// Vectors of both documents' clauses, ready to score any pair.
pub struct Scorer {
    words_a: Vec<SparseVector>,
    words_b: Vec<SparseVector>,
    grams_a: Vec<SparseVector>,
    grams_b: Vec<SparseVector>,
    /// A clauses' characters (white space left out) as edit-distance patterns.
    edit_a: Vec<EditProfile>,
    /// Lengths in characters of the same.
    lens_a: Vec<usize>,
    chars_b: Vec<Vec<char>>,
    word_vocabulary: Vocabulary,
}

impl Scorer {
    /// Builds the vectors; `texts_*` are the clause texts the tokens came from.
    pub fn new(a: &[ClauseTokens], b: &[ClauseTokens], texts_a: &[&str], texts_b: &[&str]) -> Self {
        let mut word_vocabulary = Vocabulary::default();
        let mut gram_vocabulary = Vocabulary::default();
        let mut intern = |tokens: &[ClauseTokens], words: bool| -> Vec<Vec<u32>> {
            tokens
                .iter()
                .map(|t| {
                    let (list, vocabulary) = if words {
                        (&t.words, &mut word_vocabulary)
                    } else {
                        (&t.grams, &mut gram_vocabulary)
                    };
                    list.iter().map(|w| vocabulary.intern(w)).collect()
                })
                .collect()
        };
        let (word_bags_a, word_bags_b) = (intern(a, true), intern(b, true));
        let (gram_bags_a, gram_bags_b) = (intern(a, false), intern(b, false));
        let vectors = |bags_a: &[Vec<u32>], bags_b: &[Vec<u32>], len: usize| {
            let all: Vec<Vec<u32>> = bags_a.iter().chain(bags_b).cloned().collect();
            let idf = vector::inverse_document_frequency(&all, len);
            let make = |bags: &[Vec<u32>]| -> Vec<SparseVector> {
                bags.iter()
                    .map(|bag| SparseVector::tf_idf(bag, &idf))
                    .collect()
            };
            (make(bags_a), make(bags_b))
        };
        let (words_a, words_b) = vectors(&word_bags_a, &word_bags_b, word_vocabulary.len());
        let (grams_a, grams_b) = vectors(&gram_bags_a, &gram_bags_b, gram_vocabulary.len());
        let chars = |texts: &[&str]| -> Vec<Vec<char>> {
            texts
                .iter()
                .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect())
                .collect()
        };
        let chars_a = chars(texts_a);
        Scorer {
            words_a,
            words_b,
            grams_a,
            grams_b,
            edit_a: chars_a.iter().map(|c| EditProfile::new(c)).collect(),
            lens_a: chars_a.iter().map(Vec::len).collect(),
            chars_b: chars(texts_b),
            word_vocabulary,
        }
    }

    /// Number of clauses on each side.
    pub fn sizes(&self) -> (usize, usize) {
        (self.words_a.len(), self.words_b.len())
    }

    /// The signals of clause `i` of A against clause `j` of B.
    pub fn score(&self, i: usize, j: usize) -> Score {
        let word = self.words_a[i].cosine(&self.words_b[j]);
        let char = self.grams_a[i].cosine(&self.grams_b[j]);
        let (x_len, y) = (self.lens_a[i], &self.chars_b[j]);
        let edit = if x_len <= EDIT_DISTANCE_MAX_CHARS && y.len() <= EDIT_DISTANCE_MAX_CHARS {
            self.edit_a[i].distance(y) as f64 / x_len.max(y.len()).max(1) as f64
        } else {
            1.0
        };
        let edit_similarity = 1.0 - edit;
        let blended =
            (WEIGHTS.0 * word + WEIGHTS.1 * char + WEIGHTS.2 * edit_similarity).clamp(0.0, 1.0);
        Score {
            blended: if blended.is_finite() { blended } else { 0.0 },
            word,
            char,
        }
    }

    /// Blended scores of every A clause in `rows` against every B clause in `cols`,
    /// row-major, computed in parallel.
    pub fn matrix(&self, rows: &[usize], cols: &[usize]) -> Vec<f64> {
        rows.par_iter()
            .flat_map_iter(|&i| cols.iter().map(move |&j| self.score(i, j).blended))
            .collect()
    }

    /// Blended score of a group of A clauses against a group of B clauses, their texts
    /// taken together (used to test splits and merges).
    pub fn group_score(&self, a: &[usize], b: &[usize]) -> f64 {
        let join = |vs: &[SparseVector], ids: &[usize]| -> SparseVector {
            let mut map: std::collections::BTreeMap<u32, f64> = Default::default();
            for &k in ids {
                for &(t, w) in &vs[k].entries {
                    *map.entry(t).or_default() += w;
                }
            }
            let norm = map
                .values()
                .map(|w| w * w)
                .sum::<f64>()
                .sqrt()
                .max(f64::MIN_POSITIVE);
            SparseVector {
                entries: map.into_iter().map(|(t, w)| (t, w / norm)).collect(),
            }
        };
        let word = join(&self.words_a, a).cosine(&join(&self.words_b, b));
        let char = join(&self.grams_a, a).cosine(&join(&self.grams_b, b));
        ((word + char) / 2.0).clamp(0.0, 1.0)
    }

    /// The words the two clauses share that weigh most in their word cosine, with their
    /// share of it, at most `n`.
    pub fn evidence(&self, a: &[usize], b: &[usize], n: usize) -> Vec<(String, f64)> {
        let mut weights: std::collections::BTreeMap<u32, f64> = Default::default();
        for &i in a {
            for &j in b {
                for (t, w) in self.words_a[i].shared_terms(&self.words_b[j]) {
                    *weights.entry(t).or_default() += w;
                }
            }
        }
        let mut terms: Vec<(u32, f64)> = weights.into_iter().collect();
        terms.sort_by(|p, q| q.1.total_cmp(&p.1).then(p.0.cmp(&q.0)));
        terms
            .into_iter()
            .take(n)
            .map(|(t, w)| (self.word_vocabulary.term(t).to_string(), w))
            .collect()
    }
}
