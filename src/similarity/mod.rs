//! Clause similarity from lexical and character signals, each in [0, 1], blended into one
//! score. Start with [`Scorer::new`], then [`Scorer::score`] for any clause pair.
//!
//! Signals:
//! - word TF-IDF cosine (jieba words / English stems, plus the policy concepts they name,
//!   see [`concepts`]; IDF over the clauses of both documents), which rewards shared rare
//!   words and the same commitment in other words;
//! - character n-gram TF-IDF cosine (Han bigrams, Latin trigrams), which survives word
//!   segmentation differences and inflection;
//! - normalised Levenshtein similarity (bit-parallel, [`EditProfile`]) for short clauses,
//!   which separates near-identical wording from mere shared vocabulary.

pub mod concepts;
mod edit;
pub mod gloss;
mod vector;

use rayon::prelude::*;

use crate::prepare::Prepared;
use std::sync::Arc;

use crate::tokenize::ClauseTokens;
use crate::tuning::Tuning;
pub use edit::{EditProfile, SymbolTable};
pub use vector::{SparseVector, Vocabulary};

pub use crate::tuning::EDIT_DISTANCE_MAX_CHARS;

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
    /// The same characters of both sides numbered per comparison, for [`SymbolTable`].
    symbols_a: Vec<Vec<u32>>,
    symbols_b: Vec<Vec<u32>>,
    symbol_count: usize,
    scripts_a: Vec<u8>,
    scripts_b: Vec<u8>,
    /// What evidence shows for each word term: the form it most often stands for here.
    /// (shared by every scorer of a set).
    word_surfaces: Arc<Vec<String>>,
    word_vocabulary: Arc<Vocabulary>,
    gram_vocabulary_len: usize,
    /// The blend's weights.
    tuning: Tuning,
    /// One text is mostly Chinese and the other mostly English: the Chinese side's word
    /// vectors are its glosses ([`gloss`]), and a pair of a Han clause and one without
    /// Han is scored on words alone.
    across_languages: bool,
    /// For each glossed clause of A and of B, the Chinese word behind each English term
    /// (term id, word), sorted by id; empty when that side is not glossed.
    gloss_sources_a: Vec<Vec<(u32, String)>>,
    gloss_sources_b: Vec<Vec<(u32, String)>>,
}

/// Every clause of a set as term ids: words (concepts included) and character n-grams.
struct Interned {
    word_vocabulary: Vocabulary,
    word_bags: Vec<Vec<Vec<u32>>>,
    gram_bags: Vec<Vec<Vec<u32>>>,
    gram_vocabulary_len: usize,
}

impl Interned {
    fn of(set: &[&Prepared]) -> Interned {
        let mut word_vocabulary = Vocabulary::default();
        let mut gram_ids: rustc_hash::FxHashMap<crate::tokenize::Gram, u32> = Default::default();
        fn slices(bags: &[Vec<String>]) -> Vec<&[String]> {
            bags.iter().map(Vec::as_slice).collect()
        }
        // Grams are ids already in all but name: numbered in order of first occurrence.
        let mut grams = |tokens: &[ClauseTokens]| -> Vec<Vec<u32>> {
            tokens
                .iter()
                .map(|t| {
                    t.grams
                        .iter()
                        .map(|&g| {
                            let next = gram_ids.len() as u32;
                            *gram_ids.entry(g).or_insert(next)
                        })
                        .collect()
                })
                .collect()
        };
        let word_bags = set
            .iter()
            .map(|doc| word_vocabulary.intern_bags(&slices(&doc.words)))
            .collect();
        let gram_bags = set.iter().map(|doc| grams(&doc.tokens)).collect();
        Interned {
            word_vocabulary,
            word_bags,
            gram_bags,
            gram_vocabulary_len: gram_ids.len(),
        }
    }
}

/// Word and n-gram weights of every clause of a set of documents, IDF over all of them:
/// built once, so [`Scorer::from_set`] scores any two of the documents without weighing
/// the whole set again (one document against a thousand stays linear in the set).
pub struct SetVectors {
    words: Vec<Vec<SparseVector>>,
    grams: Vec<Vec<SparseVector>>,
    word_surfaces: Arc<Vec<String>>,
    word_vocabulary: Arc<Vocabulary>,
    gram_vocabulary_len: usize,
}

impl SetVectors {
    /// The weights of every clause of `set`.
    pub fn new(set: &[&Prepared]) -> SetVectors {
        let Interned {
            word_vocabulary,
            mut word_bags,
            mut gram_bags,
            gram_vocabulary_len,
        } = Interned::of(set);
        // Before the bags are sorted: their first terms stand in the order of the words.
        let word_surfaces = surface_forms(
            &word_vocabulary,
            set.iter()
                .flat_map(|doc| &doc.tokens)
                .zip(word_bags.iter().flatten()),
        );
        let every: Vec<usize> = (0..set.len()).collect();
        SetVectors {
            words: weigh(&mut word_bags, word_vocabulary.len(), &every),
            grams: weigh(&mut gram_bags, gram_vocabulary_len, &every),
            word_surfaces: Arc::new(word_surfaces),
            word_vocabulary: Arc::new(word_vocabulary),
            gram_vocabulary_len,
        }
    }
}

/// Sorts every bag of `bags` (per document, per clause, term ids below `len`) and weighs
/// the clauses of the documents `keep` by TF-IDF, document frequencies over all of them.
fn weigh(bags: &mut [Vec<Vec<u32>>], len: usize, keep: &[usize]) -> Vec<Vec<SparseVector>> {
    // Each bag sorted once, for the document frequencies and the weights alike.
    bags.iter_mut()
        .for_each(|doc| doc.par_iter_mut().for_each(|bag| bag.sort_unstable()));
    let idf = vector::inverse_document_frequency(bags.iter().flatten().map(Vec::as_slice), len);
    keep.iter()
        .map(|&doc| {
            bags[doc]
                .par_iter()
                .map(|bag| SparseVector::tf_idf_sorted(bag, &idf))
                .collect()
        })
        .collect()
}

/// For each glossed clause, the Chinese word behind each English term (term id, word).
type GlossSources = Vec<Vec<(u32, String)>>;

/// A pair's clause weights, as [`Scorer::assemble`] takes them.
struct Weights {
    words: (Vec<SparseVector>, Vec<SparseVector>),
    grams: (Vec<SparseVector>, Vec<SparseVector>),
    word_surfaces: Arc<Vec<String>>,
    word_vocabulary: Arc<Vocabulary>,
    gram_vocabulary_len: usize,
    gloss_sources: (GlossSources, GlossSources),
}

/// Characters numbered in order of first appearance: a table for the Basic Multilingual
/// Plane (every Han character of the common blocks), a map beyond it.
struct CharNumbers {
    bmp: Vec<u32>,
    beyond: rustc_hash::FxHashMap<char, u32>,
    count: u32,
}

impl Default for CharNumbers {
    fn default() -> Self {
        CharNumbers {
            bmp: vec![u32::MAX; 0x1_0000],
            beyond: Default::default(),
            count: 0,
        }
    }
}

impl CharNumbers {
    fn of(&mut self, c: char) -> u32 {
        let next = self.count;
        let number = match self.bmp.get_mut(c as usize) {
            Some(slot) => {
                if *slot == u32::MAX {
                    *slot = next;
                }
                *slot
            }
            None => *self.beyond.entry(c).or_insert(next),
        };
        if number == next {
            self.count += 1;
        }
        number
    }
}

/// Chunks of rows per thread when scoring in parallel: enough to balance uneven rows.
const CHUNKS_PER_THREAD: usize = 8;

/// One thread's dense copies of an A clause's word and gram weights (zero elsewhere) and
/// of its edit-distance pattern.
struct RowScratch {
    words: Vec<f64>,
    grams: Vec<f64>,
    pattern: SymbolTable,
}

/// Dot product of a dense vector and a sparse one, summed in the sparse one's term order:
/// the products and their order are those of [`SparseVector::cosine`] (terms missing from
/// either side add exact zeros), so the value is the same to the last bit.
fn gathered_dot(dense: &[f64], sparse: &SparseVector) -> f64 {
    let mut dot = 0.0;
    for &(t, w) in &sparse.entries {
        dot += dense[t as usize] * w;
    }
    dot.clamp(0.0, 1.0)
}

impl Scorer {
    /// The scorer of `a` against `b`, IDF over the two.
    pub fn new(a: &Prepared, b: &Prepared, tuning: &Tuning) -> Self {
        Scorer::within(&[a, b], 0, 1, tuning)
    }

    /// The scorer of `set[a]` against `set[b]` with word and n-gram IDF over every clause
    /// of `set`: comparing one document with many weighs a word by how rare it is in all of
    /// them. With the set of the two alone this is [`Scorer::new`].
    pub fn within(set: &[&Prepared], a: usize, b: usize, tuning: &Tuning) -> Self {
        if gloss::across_languages(&set[a].scripts, &set[b].scripts) {
            return Scorer::glossed(set, a, b, tuning);
        }
        Scorer::from_set(&SetVectors::new(set), set, a, b, tuning)
    }

    /// The scorer of `set[a]` against `set[b]` from the set's weights computed once
    /// ([`SetVectors::new`] over the same `set`): what [`Scorer::within`] gives, without
    /// weighing the whole set again for every pair. A pair across languages is weighed
    /// with its glosses ([`gloss`]), which depend on the pair.
    pub fn from_set(
        vectors: &SetVectors,
        set: &[&Prepared],
        a: usize,
        b: usize,
        tuning: &Tuning,
    ) -> Self {
        if gloss::across_languages(&set[a].scripts, &set[b].scripts) {
            return Scorer::glossed(set, a, b, tuning);
        }
        Scorer::assemble(
            set,
            (a, b),
            Weights {
                words: (vectors.words[a].clone(), vectors.words[b].clone()),
                grams: (vectors.grams[a].clone(), vectors.grams[b].clone()),
                word_surfaces: Arc::clone(&vectors.word_surfaces),
                word_vocabulary: Arc::clone(&vectors.word_vocabulary),
                gram_vocabulary_len: vectors.gram_vocabulary_len,
                gloss_sources: (Vec::new(), Vec::new()),
            },
            false,
            tuning,
        )
    }

    /// The scorer of a pair across languages: the set weighed with the Chinese side's
    /// glosses.
    fn glossed(set: &[&Prepared], a: usize, b: usize, tuning: &Tuning) -> Self {
        debug_assert!(gloss::across_languages(&set[a].scripts, &set[b].scripts));
        let Interned {
            mut word_vocabulary,
            word_bags,
            mut gram_bags,
            gram_vocabulary_len,
        } = Interned::of(set);
        let mut glossed = glossed_bags(set, &mut word_vocabulary);
        // Before the bags are sorted: their first terms stand in the order of the words.
        let word_surfaces = surface_forms(
            &word_vocabulary,
            set.iter()
                .flat_map(|doc| &doc.tokens)
                .zip(word_bags.iter().flatten()),
        );
        let mut grams = weigh(&mut gram_bags, gram_vocabulary_len, &[a, b]).into_iter();
        let (grams_a, grams_b) = (
            grams.next().unwrap_or_default(),
            grams.next().unwrap_or_default(),
        );
        let (words_a, words_b) = weighted_vectors(&glossed.bags, a, b, word_vocabulary.len());
        Scorer::assemble(
            set,
            (a, b),
            Weights {
                words: (words_a, words_b),
                grams: (grams_a, grams_b),
                word_surfaces: Arc::new(word_surfaces),
                word_vocabulary: Arc::new(word_vocabulary),
                gram_vocabulary_len,
                gloss_sources: (
                    std::mem::take(&mut glossed.sources[a]),
                    std::mem::take(&mut glossed.sources[b]),
                ),
            },
            true,
            tuning,
        )
    }

    /// The scorer of `set[a]` against `set[b]` with their clauses' weights.
    fn assemble(
        set: &[&Prepared],
        (a, b): (usize, usize),
        weights: Weights,
        across_languages: bool,
        tuning: &Tuning,
    ) -> Self {
        let Weights {
            words: (words_a, words_b),
            grams: (grams_a, grams_b),
            word_surfaces,
            word_vocabulary,
            gram_vocabulary_len,
            gloss_sources: (gloss_sources_a, gloss_sources_b),
        } = weights;
        let (chars_a, chars_b) = (&set[a].chars, &set[b].chars);
        let mut numbers = CharNumbers::default();
        let mut number = |chars: &[Vec<char>]| -> Vec<Vec<u32>> {
            chars
                .iter()
                .map(|cs| cs.iter().map(|&c| numbers.of(c)).collect())
                .collect()
        };
        let (symbols_a, symbols_b) = (number(chars_a), number(chars_b));
        Scorer {
            words_a,
            words_b,
            grams_a,
            grams_b,
            edit_a: chars_a.par_iter().map(|c| EditProfile::new(c)).collect(),
            lens_a: chars_a.iter().map(Vec::len).collect(),
            chars_b: chars_b.clone(),
            symbols_a,
            symbols_b,
            symbol_count: numbers.count as usize,
            scripts_a: set[a].scripts.clone(),
            scripts_b: set[b].scripts.clone(),
            word_surfaces,
            word_vocabulary,
            gram_vocabulary_len,
            tuning: *tuning,
            across_languages,
            gloss_sources_a,
            gloss_sources_b,
        }
    }

    /// Whether one text is mostly Chinese and the other mostly English (so the Chinese
    /// side was glossed).
    pub fn across_languages(&self) -> bool {
        self.across_languages
    }

    /// Number of clauses on each side.
    pub fn sizes(&self) -> (usize, usize) {
        (self.words_a.len(), self.words_b.len())
    }

    /// The word TF-IDF vectors of A's and B's clauses (term ids shared by both sides).
    pub fn word_vectors(&self) -> (&[SparseVector], &[SparseVector]) {
        (&self.words_a, &self.words_b)
    }

    /// Number of distinct words of both documents (one more than the largest term id).
    pub fn word_vocabulary_len(&self) -> usize {
        self.word_vocabulary.len()
    }

    /// Word term `t` as the vectors hold it: a stem, a Chinese word, or `#concept`.
    pub fn term(&self, t: u32) -> &str {
        self.word_vocabulary.term(t)
    }

    /// Whether one clause is written in Han characters and the other in none.
    pub fn other_script(&self, i: usize, j: usize) -> bool {
        (self.scripts_a[i] & HAN) != (self.scripts_b[j] & HAN)
    }

    /// The signals of clause `i` of A against clause `j` of B.
    pub fn score(&self, i: usize, j: usize) -> Score {
        let word = self.words_a[i].cosine(&self.words_b[j]);
        let char = self.grams_a[i].cosine(&self.grams_b[j]);
        self.blend(i, j, word, char, || {
            self.edit_a[i].distance(&self.chars_b[j])
        })
    }

    /// The signals of `i` against `j` given the two cosines and a way to the edit distance
    /// (asked only when both clauses are short enough).
    fn blend(
        &self,
        i: usize,
        j: usize,
        word: f64,
        char: f64,
        distance: impl FnOnce() -> usize,
    ) -> Score {
        let (x_len, y_len) = (self.lens_a[i], self.chars_b[j].len());
        let edit = if x_len <= EDIT_DISTANCE_MAX_CHARS && y_len <= EDIT_DISTANCE_MAX_CHARS {
            distance() as f64 / x_len.max(y_len).max(1) as f64
        } else {
            1.0
        };
        let edit_similarity = 1.0 - edit;
        let one_han = (self.scripts_a[i] ^ self.scripts_b[j]) & HAN != 0;
        if self.scripts_a[i] & self.scripts_b[j] == 0 || (self.across_languages && one_han) {
            // No script in common (a Chinese clause against an English one): no character
            // can match, so the words, through the concepts they name, are all the evidence.
            return Score {
                blended: word,
                word,
                char,
            };
        }
        let t = &self.tuning;
        let blended =
            (t.word_weight * word + t.char_weight * char + t.edit_weight * edit_similarity)
                .clamp(0.0, 1.0);
        Score {
            blended: if blended.is_finite() { blended } else { 0.0 },
            word,
            char,
        }
    }

    /// Blended scores of A clause `i` against the B clauses `cols`, appended to `out`:
    /// [`Scorer::score`]'s values, with `i`'s vectors and edit pattern spread once into
    /// `scratch` so each pair reads only the B clause's terms and characters.
    fn score_row(
        &self,
        i: usize,
        cols: impl Iterator<Item = usize>,
        scratch: &mut RowScratch,
        out: &mut Vec<f64>,
    ) {
        for &(t, w) in &self.words_a[i].entries {
            scratch.words[t as usize] = w;
        }
        for &(t, w) in &self.grams_a[i].entries {
            scratch.grams[t as usize] = w;
        }
        let pattern = &self.symbols_a[i];
        scratch.pattern.load(pattern);
        for j in cols {
            let word = gathered_dot(&scratch.words, &self.words_b[j]);
            let char = gathered_dot(&scratch.grams, &self.grams_b[j]);
            let distance = || scratch.pattern.distance(&self.symbols_b[j]);
            out.push(self.blend(i, j, word, char, distance).blended);
        }
        scratch.pattern.clear(pattern);
        for &(t, _) in &self.words_a[i].entries {
            scratch.words[t as usize] = 0.0;
        }
        for &(t, _) in &self.grams_a[i].entries {
            scratch.grams[t as usize] = 0.0;
        }
    }

    fn row_scratch(&self) -> RowScratch {
        RowScratch {
            words: vec![0.0; self.word_vocabulary.len()],
            grams: vec![0.0; self.gram_vocabulary_len],
            pattern: SymbolTable::new(self.symbol_count),
        }
    }

    /// Blended scores of every A clause in `rows` against every B clause in `cols`,
    /// row-major, computed in parallel.
    pub fn matrix(&self, rows: &[usize], cols: &[usize]) -> Vec<f64> {
        self.rows_in_parallel(rows, |&i, scratch, out| {
            self.score_row(i, cols.iter().copied(), scratch, out);
        })
    }

    /// Blended scores of the given `(A clause, B clause)` cells, in their order, computed
    /// in parallel (fastest when the cells of a row stand together).
    pub fn cells(&self, cells: &[(u32, u32)]) -> Vec<f64> {
        let runs: Vec<&[(u32, u32)]> = cells.chunk_by(|x, y| x.0 == y.0).collect();
        self.rows_in_parallel(&runs, |run, scratch, out| {
            let cols = run.iter().map(|&(_, j)| j as usize);
            self.score_row(run[0].0 as usize, cols, scratch, out);
        })
    }

    /// Runs `score` over `rows` in parallel and concatenates what it appends, in order.
    /// The rows go in a few chunks per thread, each with one scratch: a scratch is as long
    /// as the vocabularies, so one per row (or per rayon split) would cost more to clear
    /// than the row costs to score.
    fn rows_in_parallel<R: Sync>(
        &self,
        rows: &[R],
        score: impl Fn(&R, &mut RowScratch, &mut Vec<f64>) + Sync,
    ) -> Vec<f64> {
        let chunk = rows
            .len()
            .div_ceil(rayon::current_num_threads() * CHUNKS_PER_THREAD)
            .max(1);
        let per_chunk: Vec<Vec<f64>> = rows
            .par_chunks(chunk)
            .map(|chunk| {
                let mut scratch = self.row_scratch();
                let mut out = Vec::new();
                for row in chunk {
                    score(row, &mut scratch, &mut out);
                }
                out
            })
            .collect();
        per_chunk.concat()
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
        let share = self.tuning.group_word_share;
        (share * word + (1.0 - share) * char).clamp(0.0, 1.0)
    }

    /// How much of what `partner` (a clause of the other document) answers of `clause` (of A
    /// when `of_a`, else of B) it answers on its own, beyond the clauses `own` on
    /// `clause`'s side that are already paired with it: of `clause`'s word weight on words
    /// `partner` has (squared weights, so shares of its own cosine), the share on words
    /// none of `own` has. 0 when `partner` shares no word with `clause`. A clause that would
    /// ride on a partner its neighbour already answers word for word (a deleted clause next
    /// to its kept twin) scores 0; one that adds what the partner says besides scores near 1.
    pub fn answered_share(&self, of_a: bool, clause: usize, partner: usize, own: &[usize]) -> f64 {
        let (mine, theirs) = if of_a {
            (&self.words_a, &self.words_b)
        } else {
            (&self.words_b, &self.words_a)
        };
        let has = |v: &SparseVector, t: u32| v.entries.binary_search_by_key(&t, |e| e.0).is_ok();
        let partner = &theirs[partner];
        let (mut beyond, mut shared) = (0.0, 0.0);
        for &(t, w) in &mine[clause].entries {
            if has(partner, t) {
                shared += w * w;
                if !own.iter().any(|&k| has(&mine[k], t)) {
                    beyond += w * w;
                }
            }
        }
        if shared > 0.0 { beyond / shared } else { 0.0 }
    }

    /// Between a Chinese text and an English one, what [`Scorer::evidence`] shows as term
    /// pairs: each Chinese word (or concept term) that weighed, with the English words it
    /// met on the other side (`能力建设` and `capacity building`), A's term first, with
    /// their summed share, at most `n`. Empty when the texts are in one language.
    pub fn term_pairs(
        &self,
        (a, b): (&[usize], &[usize]),
        tokens: Sides<'_>,
        n: usize,
    ) -> Vec<(String, String, f64)> {
        if !self.across_languages {
            return Vec::new();
        }
        let source = |sources: &[Vec<(u32, String)>], k: usize, t: u32| -> Option<String> {
            let clause = sources.get(k)?;
            let at = clause.binary_search_by_key(&t, |e| e.0).ok()?;
            Some(clause[at].1.clone())
        };
        // (Chinese term, which side it is on) -> English (term, weight) by weight.
        let mut by_source: std::collections::BTreeMap<String, Vec<(u32, f64)>> = Default::default();
        let a_glossed = self.gloss_sources_a.iter().any(|c| !c.is_empty());
        for &i in a {
            for &j in b {
                for (t, w) in self.words_a[i].shared_terms(&self.words_b[j]) {
                    let from = if a_glossed {
                        source(&self.gloss_sources_a, i, t)
                    } else {
                        source(&self.gloss_sources_b, j, t)
                    };
                    let from = from.unwrap_or_else(|| self.shown(t, tokens, (a, b)));
                    let terms = by_source.entry(from).or_default();
                    match terms.iter_mut().find(|e| e.0 == t) {
                        Some(e) => e.1 += w,
                        None => terms.push((t, w)),
                    }
                }
            }
        }
        let mut pairs: Vec<(String, String, f64)> = by_source
            .into_iter()
            .map(|(from, terms)| {
                let total = terms.iter().map(|e| e.1).sum();
                // In the order the English clause writes them ("united nations"), which
                // reads as a phrase more often than the order of weight does; a term it
                // does not write as a word last, in order of first use in the texts (ids
                // are numbered so).
                let mut placed: Vec<_> = terms
                    .iter()
                    .map(|e| (self.first_use(e.0, tokens, (a, b)), e.0))
                    .collect();
                placed.sort_by_key(|(used, t)| (used.is_none(), used.map(|u| u.0), *t));
                let surfaces: Vec<String> = placed
                    .iter()
                    .map(|&(used, t)| self.written_or_common(t, used))
                    .collect();
                let words: Vec<&str> = surfaces
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.starts_with(concepts::CONCEPT_PREFIX))
                    .collect();
                let english = if words.is_empty() {
                    surfaces.join(" ")
                } else {
                    words.join(" ")
                };
                if a_glossed {
                    (from, english, total)
                } else {
                    (english, from, total)
                }
            })
            .collect();
        pairs.sort_by(|p, q| {
            q.2.total_cmp(&p.2)
                .then_with(|| (&p.0, &p.1).cmp(&(&q.0, &q.1)))
        });
        pairs.truncate(n);
        pairs
    }

    /// The words the two clauses share that weigh most in their word cosine, with their
    /// share of it, at most `n`.
    pub fn evidence(
        &self,
        (a, b): (&[usize], &[usize]),
        tokens: Sides<'_>,
        n: usize,
    ) -> Vec<(String, f64)> {
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
            .map(|(t, w)| (self.shown(t, tokens, (a, b)), w))
            .collect()
    }

    /// How word term `t` reads in a pair: as the pair's own clauses write it (A's first,
    /// the form of its first use), so a stem shared by "Nations" and "national" shows the
    /// word this pair has; a concept, or a word neither clause has as itself (a gloss),
    /// reads as it most often does in the two texts.
    fn shown(&self, t: u32, tokens: Sides<'_>, clauses: (&[usize], &[usize])) -> String {
        self.written_or_common(t, self.first_use(t, tokens, clauses))
    }

    /// Term `t` as its first use in a pair writes it ([`Scorer::first_use`]), or as it most
    /// often reads in the two texts where the pair does not write it as a word.
    fn written_or_common(&self, t: u32, used: Option<(WordPlace, &str)>) -> String {
        used.map_or_else(
            || self.word_surfaces[t as usize].clone(),
            |(_, surface)| surface.to_string(),
        )
    }

    /// Where word term `t` is first used in a pair's clauses (A's, then B's): its place
    /// (side, clause of the pair, word) and the word as written there.
    fn first_use<'t>(
        &self,
        t: u32,
        (tokens_a, tokens_b): Sides<'t>,
        (a, b): (&[usize], &[usize]),
    ) -> Option<(WordPlace, &'t str)> {
        let term = self.term(t);
        let within = |side: usize, clauses: &'t [ClauseTokens], ks: &[usize]| {
            ks.iter().enumerate().find_map(|(n, &k)| {
                let c = clauses.get(k)?;
                let at = c.words.iter().position(|w| w == term)?;
                Some(((side, n, at), c.surfaces.get(at)?.as_str()))
            })
        };
        within(0, tokens_a, a).or_else(|| within(1, tokens_b, b))
    }
}

/// Where a word stands in a pair: side (0 for A), clause of the pair, word of the clause.
type WordPlace = (usize, usize, usize);

/// The tokens of every clause of A and of B, which [`Scorer::evidence`] reads the shown
/// form of a word from.
pub type Sides<'a> = (&'a [ClauseTokens], &'a [ClauseTokens]);
/// Word bags of every document of a set where one text is Chinese and another English:
/// a mostly-Chinese document's clauses keep their Latin words and concept tokens and
/// trade their Han words for weighted English stems ([`gloss::gloss_bag`]); the others keep
/// their words. Each bag is `(term id, weight)` sorted by id.
struct GlossedBags {
    bags: Vec<Vec<Vec<(u32, f64)>>>,
    /// Per document and clause, the Chinese word behind each glossed term.
    sources: Vec<Vec<Vec<(u32, String)>>>,
}

fn glossed_bags(set: &[&Prepared], vocabulary: &mut Vocabulary) -> GlossedBags {
    let mut cache = gloss::GlossCache::default();
    let mut bags = Vec::with_capacity(set.len());
    let mut sources = Vec::with_capacity(set.len());
    for doc in set {
        let han = gloss::mostly_han(&doc.scripts);
        let mut doc_bags = Vec::with_capacity(doc.len());
        let mut doc_sources = Vec::with_capacity(doc.len());
        for (tokens, words) in doc.tokens.iter().zip(&doc.words) {
            let mut bag: Vec<(u32, f64)> = words
                .iter()
                .filter(|w| !(han && w.chars().next().is_some_and(crate::text::is_han)))
                .map(|w| (vocabulary.intern(w), 1.0))
                .collect();
            let mut from: Vec<(u32, String)> = Vec::new();
            if han {
                let gloss = gloss::gloss_bag(tokens, &mut cache);
                for term in gloss.terms {
                    let id = vocabulary.intern(&term.stem);
                    bag.push((id, term.weight));
                    from.push((id, term.source));
                }
                for (token, term) in gloss.concepts {
                    from.push((vocabulary.intern(&token), term));
                }
            }
            bag.sort_by_key(|x| x.0);
            let mut merged: Vec<(u32, f64)> = Vec::with_capacity(bag.len());
            for (id, w) in bag {
                match merged.last_mut() {
                    Some(last) if last.0 == id => last.1 += w,
                    _ => merged.push((id, w)),
                }
            }
            from.sort();
            from.dedup_by_key(|x| x.0);
            doc_bags.push(merged);
            doc_sources.push(from);
        }
        bags.push(doc_bags);
        sources.push(doc_sources);
    }
    GlossedBags { bags, sources }
}

/// TF-IDF vectors of weighted bags (a weight is a term frequency, dampened above 1 as
/// [`SparseVector::tf_idf`] does), IDF over every bag of the set.
fn weighted_vectors(
    bags: &[Vec<Vec<(u32, f64)>>],
    a: usize,
    b: usize,
    vocabulary_len: usize,
) -> (Vec<SparseVector>, Vec<SparseVector>) {
    let ids: Vec<Vec<u32>> = bags
        .iter()
        .flatten()
        .map(|bag| bag.iter().map(|&(id, _)| id).collect())
        .collect();
    let idf = vector::inverse_document_frequency(ids.iter().map(Vec::as_slice), vocabulary_len);
    let make = |bags: &[Vec<(u32, f64)>]| -> Vec<SparseVector> {
        bags.iter()
            .map(|bag| {
                let mut entries: Vec<(u32, f64)> = bag
                    .iter()
                    .map(|&(id, tf)| {
                        let tf = if tf > 1.0 { 1.0 + tf.ln() } else { tf };
                        (id, tf * idf[id as usize])
                    })
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                let norm = entries.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    entries.iter_mut().for_each(|e| e.1 /= norm);
                }
                SparseVector { entries }
            })
            .collect()
    };
    (make(&bags[a]), make(&bags[b]))
}

/// Han characters, as a bit of [`scripts`].
const HAN: u8 = 1;
/// Letters of any other script, as a bit of [`scripts`].
const OTHER_LETTERS: u8 = 2;

/// The scripts a text's letters are written in, as bits.
pub(crate) fn scripts(text: &str) -> u8 {
    text.chars().fold(0, |bits, c| {
        if crate::text::is_han(c) {
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

/// A scorer of two lists of clause texts, tokenized here: for unit tests.
#[cfg(test)]
pub(crate) fn scorer_of(a: &[&str], b: &[&str]) -> Scorer {
    let prepared = |texts: &[&str]| {
        let clauses = texts
            .iter()
            .enumerate()
            .map(|(index, text)| crate::document::Clause {
                index,
                line: index + 1,
                section: Vec::new(),
                text: text.to_string(),
                block: index,
                page: None,
            });
        crate::prepare::prepare(&crate::document::Document {
            path: "t.md".to_string(),
            title: None,
            lang: crate::lang::Lang::En,
            encoding: "UTF-8".to_string(),
            format: crate::document::format::InputFormat::Markdown,
            clauses: clauses.collect(),
        })
    };
    Scorer::new(&prepared(a), &prepared(b), &Tuning::DEFAULT)
}

#[cfg(test)]
mod tests {
    use super::scorer_of as scorer;
    use crate::tokenize::{ClauseTokens, tokenize_all};

    /// The clause tokens of both sides, as the scorer of the same texts read them.
    fn tokens(a: &[&str], b: &[&str]) -> (Vec<ClauseTokens>, Vec<ClauseTokens>) {
        (tokenize_all(a), tokenize_all(b))
    }

    /// The evidence of the pair of A's and B's first clauses, as shown.
    fn evidence_terms(a: &[&str], b: &[&str]) -> Vec<String> {
        let (ta, tb) = tokens(a, b);
        scorer(a, b)
            .evidence((&[0], &[0]), (&ta, &tb), 5)
            .into_iter()
            .map(|t| t.0)
            .collect()
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
        let terms = evidence_terms(&a, &b);
        assert!(terms.contains(&"#talent".to_string()), "{terms:?}");
        let (a, b) = (
            ["维护个人隐私和数据安全。"],
            ["We protect privacy and data security."],
        );
        let across = scorer(&a, &b);
        let (ta, tb) = tokens(&a, &b);
        assert!(across.score(0, 0).word > 0.0);
        let terms = evidence_terms(&a, &b);
        assert!(terms.contains(&"#privacy".to_string()), "{terms:?}");
        assert!(terms.contains(&"#data-security".to_string()), "{terms:?}");
        // Beside the concepts, the glosses: each Chinese word paired with its English.
        let pairs = across.term_pairs((&[0], &[0]), (&ta, &tb), 5);
        assert!(
            pairs
                .iter()
                .any(|(zh, en, _)| zh == "隐私" && en == "privacy"),
            "{pairs:?}"
        );
        assert!(
            pairs
                .iter()
                .any(|(zh, en, _)| zh == "维护" && en == "protect"),
            "{pairs:?}"
        );
    }

    #[test]
    fn same_language_pairs_have_no_term_pairs() {
        let (a, b) = (["We protect privacy."], ["We protect data."]);
        let s = scorer(&a, &b);
        let (ta, tb) = tokens(&a, &b);
        assert!(!s.across_languages());
        assert!(s.term_pairs((&[0], &[0]), (&ta, &tb), 5).is_empty());
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
        let a = ["Organizations shall ensure safety.", "Unrelated text here."];
        let b = [
            "Organizations should ensure safety.",
            "Something else entirely.",
        ];
        let terms = evidence_terms(&a, &b);
        assert!(terms.contains(&"ensure".to_string()), "{terms:?}");
        assert!(terms.contains(&"safety".to_string()), "{terms:?}");
        assert!(
            !terms.iter().any(|t| t == "ensur" || t == "safeti"),
            "{terms:?}"
        );
    }

    #[test]
    fn evidence_shows_the_word_the_pair_itself_writes() {
        // "Nations" and "national" share a stem; the texts use "national" more often.
        let a = [
            "Supports the United Nations in its coordinating role.",
            "National plans and national strategies.",
            "National circumstances.",
        ];
        let b = [
            "The United Nations plays a coordinating role.",
            "Other text.",
        ];
        let terms = evidence_terms(&a, &b);
        assert!(terms.contains(&"nations".to_string()), "{terms:?}");
        assert!(!terms.contains(&"national".to_string()), "{terms:?}");
    }
}
