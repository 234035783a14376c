//! The document × document similarity off the focus, estimated without aligning every pair
//! of documents: candidate generation over the whole set. Each clause is indexed under its
//! rarest words (an inverted index, as passim or a MinHash index does it at scale); a clause
//! counts as answered in another document when a clause there that shares one of those words
//! has a word TF-IDF cosine of at least [`COUNTERPART_COSINE`]. The cost grows with the
//! clauses that share rare words, not with the square of the documents.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Prepared;

/// The rarest words of a clause it is indexed under: enough that a reworded counterpart
/// still shares one, few enough that the candidates stay few.
pub const SIGNATURE_WORDS: usize = 8;

/// A word in more than this share of all clauses is left out of the index (it would make
/// nearly every clause a candidate of every other, and weighs little): reported in
/// `--stats` as common terms skipped.
pub const COMMON_WORD_SHARE: f64 = 0.02;

/// At least this many clauses may share an indexed word whatever the set's size, so a small
/// set keeps its ordinary words.
pub const COMMON_WORD_FLOOR: usize = 40;

/// The word cosine (IDF over the set) from which a clause counts as answered in another
/// document. Chosen on the corpus: over 23 pairs of its texts, against the share the
/// pairwise alignment gives, 0.10 overestimates by 0.06 on average (mean error 0.11), 0.15
/// underestimates by 0.04 (mean error 0.14); see docs/matrix.md.
pub const COUNTERPART_COSINE: f64 = 0.12;

/// What the JSON says about the cells this module estimates.
pub fn note() -> String {
    format!(
        "The focus row and column are from the alignments; other cells are estimated: the share of the row document's clauses with a clause in the column document that shares one of its {SIGNATURE_WORDS} rarest words and has a word TF-IDF cosine of at least {COUNTERPART_COSINE}."
    )
}

/// The estimate: shares and what it took.
#[derive(Debug, Clone, Default)]
pub struct Estimate {
    /// `share[i][j]`: the share of document i's clauses answered in document j (0 on the
    /// diagonal and in the focus row and column, which the alignments give).
    pub share: Vec<Vec<f64>>,
    /// Clause pairs whose cosine was computed.
    pub clause_pairs_scored: usize,
    /// Unordered pairs of documents other than the focus with any counterpart.
    pub candidate_document_pairs: usize,
    /// Words left out of the index as too common.
    pub common_terms_skipped: usize,
}

/// One clause as the estimate sees it: its words' ids with unit-length TF-IDF weights,
/// sorted by id.
type ClauseVector = Vec<(u32, f64)>;

/// Estimates every off-focus cell of the similarity matrix of `set` (`set[0]` the focus).
pub fn estimate(set: &[&Prepared]) -> Estimate {
    let n = set.len();
    let mut vocabulary: FxHashMap<&str, u32> = FxHashMap::default();
    let bags: Vec<Vec<Vec<u32>>> = set
        .iter()
        .map(|doc| {
            doc.words
                .iter()
                .map(|bag| {
                    let mut ids: Vec<u32> = bag
                        .iter()
                        .map(|w| {
                            let next = vocabulary.len() as u32;
                            *vocabulary.entry(w.as_str()).or_insert(next)
                        })
                        .collect();
                    ids.sort_unstable();
                    ids
                })
                .collect()
        })
        .collect();
    let clauses: usize = bags.iter().map(Vec::len).sum();
    let mut df = vec![0usize; vocabulary.len()];
    for bag in bags.iter().flatten() {
        let mut last = None;
        for &t in bag {
            if last != Some(t) {
                df[t as usize] += 1;
                last = Some(t);
            }
        }
    }
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((1 + clauses) as f64 / (1 + d) as f64).ln() + 1.0)
        .collect();
    let common = COMMON_WORD_FLOOR.max((COMMON_WORD_SHARE * clauses as f64) as usize);
    let vectors: Vec<Vec<ClauseVector>> = bags
        .par_iter()
        .map(|doc| doc.iter().map(|bag| tf_idf(bag, &idf)).collect())
        .collect();
    // Each clause under its rarest words that another clause shares (ties by id).
    let mut postings: FxHashMap<u32, Vec<(u32, u32)>> = FxHashMap::default();
    let signatures: Vec<Vec<Vec<u32>>> = vectors
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|v| {
                    let mut words: Vec<u32> = v
                        .iter()
                        .map(|&(t, _)| t)
                        .filter(|&t| (2..=common).contains(&df[t as usize]))
                        .collect();
                    words.sort_by_key(|&t| (df[t as usize], t));
                    words.truncate(SIGNATURE_WORDS);
                    words
                })
                .collect()
        })
        .collect();
    for (d, doc) in signatures.iter().enumerate() {
        for (c, words) in doc.iter().enumerate() {
            for &t in words {
                postings.entry(t).or_default().push((d as u32, c as u32));
            }
        }
    }
    let per_document: Vec<(Vec<f64>, usize)> = (0..n)
        .into_par_iter()
        .map(|i| answered_in(i, &vectors, &signatures, &postings, n))
        .collect();
    let clause_pairs_scored = per_document.iter().map(|(_, s)| s).sum();
    let mut share: Vec<Vec<f64>> = per_document.into_iter().map(|(row, _)| row).collect();
    for (i, row) in share.iter_mut().enumerate() {
        row[i] = 0.0;
        row[0] = 0.0;
    }
    share[0].iter_mut().for_each(|x| *x = 0.0);
    let candidate_document_pairs = (1..n)
        .flat_map(|i| (i + 1..n).map(move |j| (i, j)))
        .filter(|&(i, j)| share[i][j] > 0.0 || share[j][i] > 0.0)
        .count();
    Estimate {
        share,
        clause_pairs_scored,
        candidate_document_pairs,
        common_terms_skipped: df.iter().filter(|&&d| d > common).count(),
    }
}

/// Document `i`'s row: the share of its clauses answered in each document, and the clause
/// pairs scored.
fn answered_in(
    i: usize,
    vectors: &[Vec<ClauseVector>],
    signatures: &[Vec<Vec<u32>>],
    postings: &FxHashMap<u32, Vec<(u32, u32)>>,
    n: usize,
) -> (Vec<f64>, usize) {
    let mut answered = vec![0usize; n];
    let mut scored = 0;
    let mut seen: FxHashSet<(u32, u32)> = FxHashSet::default();
    let mut hit: FxHashSet<u32> = FxHashSet::default();
    for (c, words) in signatures[i].iter().enumerate() {
        seen.clear();
        hit.clear();
        for t in words {
            for &(d, other) in postings.get(t).into_iter().flatten() {
                if d as usize == i || hit.contains(&d) || !seen.insert((d, other)) {
                    continue;
                }
                scored += 1;
                if cosine(&vectors[i][c], &vectors[d as usize][other as usize])
                    >= COUNTERPART_COSINE
                {
                    hit.insert(d);
                }
            }
        }
        for &d in &hit {
            answered[d as usize] += 1;
        }
    }
    let len = vectors[i].len().max(1) as f64;
    (
        answered.into_iter().map(|a| a as f64 / len).collect(),
        scored,
    )
}

/// Unit-length TF-IDF weights of a sorted bag of word ids.
fn tf_idf(sorted: &[u32], idf: &[f64]) -> ClauseVector {
    let mut entries: ClauseVector = Vec::new();
    for &t in sorted {
        match entries.last_mut() {
            Some((last, weight)) if *last == t => *weight += idf[t as usize],
            _ => entries.push((t, idf[t as usize])),
        }
    }
    let norm = entries.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm > 0.0 {
        entries.iter_mut().for_each(|(_, w)| *w /= norm);
    }
    entries
}

/// The cosine of two unit-length vectors sorted by id.
fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut x, mut y, mut dot) = (0, 0, 0.0);
    while x < a.len() && y < b.len() {
        match a[x].0.cmp(&b[y].0) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                dot += a[x].1 * b[y].1;
                x += 1;
                y += 1;
            }
        }
    }
    dot
}
