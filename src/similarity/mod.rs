//! Clause similarity from lexical and character signals, each in [0, 1], blended into one
//! score. Start with [`Scorer::new`], then [`Scorer::score`] for any clause pair.
//!
//! Signals:
//! - word TF-IDF cosine (jieba words / English stems, plus the policy concepts they name,
//!   see [`concepts`]; IDF over the clauses of both documents), which rewards shared rare
//!   words and the same commitment in other words;
//! - character n-gram TF-IDF cosine (Han bigrams, Latin trigrams), which survives word
//!   segmentation differences and inflection;
//! - normalised Levenshtein similarity (`strsim`) for short clauses, which separates
//!   near-identical wording from mere shared vocabulary.

pub mod concepts;
mod vector;

use rayon::prelude::*;

use crate::tokenize::ClauseTokens;
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
    chars_a: Vec<Vec<char>>,
    chars_b: Vec<Vec<char>>,
    scripts_a: Vec<u8>,
    scripts_b: Vec<u8>,
    /// What evidence shows for each word term: the form it most often stands for here.
    word_surfaces: Vec<String>,
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
                    if words {
                        let bag = word_bag(t);
                        bag.iter().map(|w| word_vocabulary.intern(w)).collect()
                    } else {
                        let grams = t.grams.iter();
                        grams.map(|g| gram_vocabulary.intern(g)).collect()
                    }
                })
                .collect()
        };
        let (word_bags_a, word_bags_b) = (intern(a, true), intern(b, true));
        let (gram_bags_a, gram_bags_b) = (intern(a, false), intern(b, false));
        let word_surfaces = surface_forms(
            &word_vocabulary,
            a.iter()
                .chain(b)
                .zip(word_bags_a.iter().chain(&word_bags_b)),
        );
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
        Scorer {
            words_a,
            words_b,
            grams_a,
            grams_b,
            scripts_a: texts_a.iter().map(|t| scripts(t)).collect(),
            scripts_b: texts_b.iter().map(|t| scripts(t)).collect(),
            chars_a: chars(texts_a),
            chars_b: chars(texts_b),
            word_surfaces,
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
        let (x, y) = (&self.chars_a[i], &self.chars_b[j]);
        let edit = if x.len() <= EDIT_DISTANCE_MAX_CHARS && y.len() <= EDIT_DISTANCE_MAX_CHARS {
            strsim::generic_levenshtein(x, y) as f64 / x.len().max(y.len()).max(1) as f64
        } else {
            1.0
        };
        let edit_similarity = 1.0 - edit;
        if self.scripts_a[i] & self.scripts_b[j] == 0 {
            // No script in common (a Chinese clause against an English one): no character
            // can match, so the words, through the concepts they name, are all the evidence.
            return Score {
                blended: word,
                word,
                char,
            };
        }
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
            .map(|(t, w)| (self.word_surfaces[t as usize].clone(), w))
            .collect()
    }
}

/// Han characters, as a bit of [`scripts`].
const HAN: u8 = 1;
/// Letters of any other script, as a bit of [`scripts`].
const OTHER_LETTERS: u8 = 2;

/// The scripts a text's letters are written in, as bits.
fn scripts(text: &str) -> u8 {
    text.chars().fold(0, |bits, c| {
        if crate::lang::is_han(c) {
            bits | HAN
        } else if c.is_alphabetic() {
            bits | OTHER_LETTERS
        } else {
            bits
        }
    })
}

/// The word bag of a clause: its words, then a token for each concept they name
/// ([`concepts::concept_tokens`]), so the same commitment in other words (or in the other
/// language) still shares a term.
pub fn word_bag(tokens: &ClauseTokens) -> Vec<String> {
    let mut bag = tokens.words.clone();
    bag.extend(concepts::concept_tokens(tokens));
    bag
}

/// The surface form to show for each word term: the one it was made from most often in
/// these clauses (ties to the first in sorted order); a concept token, made from no one
/// word, shows as itself (`#capacity-building`).
fn surface_forms<'a>(
    vocabulary: &Vocabulary,
    clauses: impl Iterator<Item = (&'a ClauseTokens, &'a Vec<u32>)>,
) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<(u32, &str), usize> = Default::default();
    for (tokens, bag) in clauses {
        for (&id, surface) in bag.iter().zip(&tokens.surfaces) {
            *counts.entry((id, surface.as_str())).or_default() += 1;
        }
    }
    let mut best: Vec<(Option<&str>, usize)> = vec![(None, 0); vocabulary.len()];
    for ((id, surface), count) in counts {
        if count > best[id as usize].1 {
            best[id as usize] = (Some(surface), count);
        }
    }
    best.into_iter()
        .enumerate()
        .map(|(id, (surface, _))| {
            surface.map_or_else(|| vocabulary.term(id as u32).to_string(), str::to_string)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn scorer(a: &[&str], b: &[&str]) -> Scorer {
        let ta: Vec<ClauseTokens> = a.iter().map(|t| tokenize(t)).collect();
        let tb: Vec<ClauseTokens> = b.iter().map(|t| tokenize(t)).collect();
        Scorer::new(&ta, &tb, a, b)
    }

    #[test]
    fn the_same_commitment_in_other_words_shares_a_concept() {
        let a = [
            "致力于培养更多的人工智能专业人才，加强教育培训与人才交流合作。",
            "反对歧视。",
        ];
        let b = [
            "中国政府将面向发展中国家举办能力建设中短期教育培训。",
            "维护数据安全。",
        ];
        let s = scorer(&a, &b);
        let terms: Vec<String> = s.evidence(&[0], &[0], 5).into_iter().map(|t| t.0).collect();
        assert!(terms.contains(&"#talent".to_string()), "{terms:?}");
        let across = scorer(
            &["维护个人隐私和数据安全。"],
            &["We protect privacy and data security."],
        );
        assert!(across.score(0, 0).word > 0.0);
        let terms: Vec<String> = across
            .evidence(&[0], &[0], 5)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            terms.len(),
            2,
            "only concepts are shared across languages: {terms:?}"
        );
        assert!(terms.contains(&"#privacy".to_string()), "{terms:?}");
        assert!(terms.contains(&"#data-security".to_string()), "{terms:?}");
    }

    #[test]
    fn across_languages_the_words_are_the_whole_score() {
        let s = scorer(
            &["维护个人隐私和数据安全。", "我们支持开放。"],
            &["We protect privacy and data security.", "维护数据安全。"],
        );
        let across = s.score(0, 0);
        assert!(across.word > 0.0 && across.char == 0.0);
        assert_eq!(across.blended, across.word);
        let same_script = s.score(0, 1);
        assert!(same_script.blended < same_script.word.max(same_script.char));
    }

    #[test]
    fn evidence_shows_words_not_stems() {
        let s = scorer(
            &["Organizations shall ensure safety.", "Unrelated text here."],
            &[
                "Organizations should ensure safety.",
                "Something else entirely.",
            ],
        );
        let terms: Vec<String> = s.evidence(&[0], &[0], 5).into_iter().map(|t| t.0).collect();
        assert!(terms.contains(&"ensure".to_string()), "{terms:?}");
        assert!(terms.contains(&"safety".to_string()), "{terms:?}");
        assert!(
            !terms.iter().any(|t| t == "ensur" || t == "safeti"),
            "{terms:?}"
        );
    }
}
