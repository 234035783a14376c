//! Candidate pairs for long documents: instead of scoring every clause against every other,
//! each clause not yet paired proposes the few clauses of the other document it shares the
//! most weighted words with, found through an inverted index (both directions), plus the
//! clauses between the same identical neighbours ([`gap_cells`]).
//!
//! The index walk is bounded per clause: a clause's words are taken rarest first, and the
//! walk stops once [`POSTINGS_BUDGET`] postings were read (the rarest [`ALWAYS_WALKED`]
//! words are always read). Common words cost most and tell least; a pair that shares only
//! common words scores low and is left to the background sample.

use rayon::prelude::*;

use crate::similarity::SparseVector;

use crate::tuning::{ALWAYS_WALKED, GAP_CELLS_MAX, POSTINGS_BUDGET};

/// An inverted index over one document's word vectors: for every term, the clauses that
/// hold it and its weight there.
struct Index {
    /// `starts[t]..starts[t + 1]` are term `t`'s postings.
    starts: Vec<usize>,
    postings: Vec<(u32, f32)>,
}

impl Index {
    fn new(vectors: &[SparseVector], vocabulary_len: usize) -> Self {
        let mut counts = vec![0usize; vocabulary_len + 1];
        for v in vectors {
            for &(t, _) in &v.entries {
                counts[t as usize + 1] += 1;
            }
        }
        for t in 0..vocabulary_len {
            counts[t + 1] += counts[t];
        }
        let starts = counts;
        let mut fill = starts.clone();
        let mut postings = vec![(0u32, 0f32); starts[vocabulary_len]];
        for (k, v) in vectors.iter().enumerate() {
            for &(t, w) in &v.entries {
                postings[fill[t as usize]] = (k as u32, w as f32);
                fill[t as usize] += 1;
            }
        }
        Index { starts, postings }
    }

    fn postings(&self, term: u32) -> &[(u32, f32)] {
        let t = term as usize;
        match (self.starts.get(t), self.starts.get(t + 1)) {
            (Some(&s), Some(&e)) => &self.postings[s..e],
            _ => &[],
        }
    }
}

/// For every vector of `queries` not `skipped`, the (at most `per_clause`) clauses of
/// `targets` with the largest partial word cosine, as `(query, target)`; ties go to the
/// lower target index.
fn propose_one_way(
    queries: &[SparseVector],
    skipped: &[bool],
    targets: &[SparseVector],
    vocabulary_len: usize,
    per_clause: usize,
) -> Vec<(u32, u32)> {
    let index = Index::new(targets, vocabulary_len);
    let open: Vec<usize> = (0..queries.len()).filter(|&q| !skipped[q]).collect();
    // A few chunks per thread, each with one accumulator as long as `targets`.
    let chunk = open.len().div_ceil(rayon::current_num_threads() * 8).max(1);
    open.par_chunks(chunk)
        .flat_map_iter(|chunk| {
            let mut acc = vec![0f32; targets.len()];
            let (mut touched, mut terms) = (Vec::<u32>::new(), Vec::new());
            let mut out = Vec::new();
            for &q in chunk {
                terms.clear();
                terms.extend(
                    queries[q]
                        .entries
                        .iter()
                        .map(|&(t, w)| (index.postings(t).len(), t, w)),
                );
                terms.sort_unstable_by_key(|&(len, t, _)| (len, t));
                let mut read = 0;
                for (k, &(len, t, w)) in terms.iter().enumerate() {
                    if k >= ALWAYS_WALKED && read + len > POSTINGS_BUDGET {
                        break;
                    }
                    read += len;
                    for &(target, weight) in index.postings(t) {
                        let slot = &mut acc[target as usize];
                        if *slot == 0.0 {
                            touched.push(target);
                        }
                        *slot += w as f32 * weight;
                    }
                }
                let by_score =
                    |x: &u32, y: &u32| acc[*y as usize].total_cmp(&acc[*x as usize]).then(x.cmp(y));
                if touched.len() > per_clause {
                    touched.select_nth_unstable_by(per_clause - 1, by_score);
                }
                out.extend(touched.iter().take(per_clause).map(|&t| (q as u32, t)));
                // Every slot touched goes back to zero for the next query.
                for &t in &touched {
                    acc[t as usize] = 0.0;
                }
                touched.clear();
            }
            out
        })
        .collect()
}

/// Candidate cells `(A clause, B clause)` proposed through word indices by the clauses of
/// either side that are not yet paired (`paired_*`), sorted and without repeats.
pub fn propose(
    words_a: &[SparseVector],
    words_b: &[SparseVector],
    paired: (&[bool], &[bool]),
    vocabulary_len: usize,
    per_clause: usize,
) -> Vec<(u32, u32)> {
    let mut cells = propose_one_way(words_a, paired.0, words_b, vocabulary_len, per_clause);
    cells.extend(
        propose_one_way(words_b, paired.1, words_a, vocabulary_len, per_clause)
            .into_iter()
            .map(|(j, i)| (i, j)),
    );
    cells.par_sort_unstable();
    cells.dedup();
    cells
}

/// Cells between the same in-order identical neighbours: each unpaired A clause against the
/// B clauses of its gap (`lo[i]..=hi[i]`) when that gap is narrow. A reworded clause of a
/// revision is there, whatever words it shares.
pub fn gap_cells(paired_a: &[bool], lo: &[usize], hi: &[usize]) -> Vec<(u32, u32)> {
    let mut cells = Vec::new();
    for i in (0..paired_a.len()).filter(|&i| !paired_a[i]) {
        if hi[i] >= lo[i] && hi[i] - lo[i] < GAP_CELLS_MAX {
            cells.extend((lo[i]..=hi[i]).map(|j| (i as u32, j as u32)));
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::{Vocabulary, scorer_of as scorer};

    #[test]
    fn index_lists_every_clause_of_a_term() {
        let mut vocabulary = Vocabulary::default();
        let ids: Vec<Vec<u32>> = [vec!["x", "y"], vec!["y"], vec!["z"]]
            .iter()
            .map(|bag| bag.iter().map(|w| vocabulary.intern(w)).collect())
            .collect();
        let idf = vec![1.0; vocabulary.len()];
        let vectors: Vec<SparseVector> =
            ids.iter().map(|b| SparseVector::tf_idf(b, &idf)).collect();
        let index = Index::new(&vectors, vocabulary.len());
        let clauses = |t| index.postings(t).iter().map(|p| p.0).collect::<Vec<_>>();
        assert_eq!(clauses(vocabulary.intern("y")), [0, 1]);
        assert_eq!(clauses(vocabulary.intern("z")), [2]);
        assert!(index.postings(99).is_empty());
    }

    /// Every reworded clause's true partner is among its candidates, in both directions,
    /// even when each clause may propose only two.
    #[test]
    fn true_partners_are_proposed() {
        let a = [
            "Organizations should identify and mitigate risks across the AI lifecycle.",
            "We will cooperate on research into frontier model evaluations.",
            "Developers must publish transparency reports on system capabilities.",
            "States shall protect personal data and privacy in AI systems.",
            "The summit welcomes the new network of AI safety institutes.",
            "Education programmes should build AI literacy for all citizens.",
        ];
        let b = [
            "The summit warmly welcomes a network of AI safety institutes.",
            "Developers should publish public transparency reports on capabilities of systems.",
            "Education and training programmes should build AI literacy for citizens.",
            "Organizations must identify, evaluate and mitigate risks across the AI lifecycle.",
            "States shall protect privacy and personal data used by AI systems.",
            "We intend to cooperate on shared research into evaluations of frontier models.",
        ];
        let truth = [(0, 3), (1, 5), (2, 1), (3, 4), (4, 0), (5, 2)];
        let s = scorer(&a, &b);
        let (words_a, words_b) = s.word_vectors();
        let none = [false; 6];
        let cells = propose(words_a, words_b, (&none, &none), s.word_vocabulary_len(), 2);
        for (i, j) in truth {
            assert!(cells.contains(&(i, j)), "({i}, {j}) missing from {cells:?}");
        }
        let one_way = propose_one_way(words_b, &none, words_a, s.word_vocabulary_len(), 1);
        for (i, j) in truth {
            assert!(one_way.contains(&(j, i)), "B{j} does not propose A{i}");
        }
    }

    #[test]
    fn chinese_partners_are_proposed() {
        let a = [
            "我们将加强人工智能安全研究合作。",
            "各国应保护个人隐私和数据安全。",
            "支持发展中国家开展能力建设。",
        ];
        let b = [
            "支持并帮助发展中国家开展人工智能能力建设。",
            "我们愿加强人工智能安全领域的研究合作。",
            "各国须保护数据安全与个人隐私。",
        ];
        let s = scorer(&a, &b);
        let (words_a, words_b) = s.word_vectors();
        let none = [false; 3];
        let cells = propose(words_a, words_b, (&none, &none), s.word_vocabulary_len(), 1);
        for cell in [(0, 1), (1, 2), (2, 0)] {
            assert!(cells.contains(&cell), "{cell:?} missing from {cells:?}");
        }
    }

    #[test]
    fn paired_clauses_propose_nothing() {
        let a = [
            "We will cooperate on safety research.",
            "Data must stay private.",
        ];
        let b = [
            "Data must stay private.",
            "We will cooperate on safety research.",
        ];
        let s = scorer(&a, &b);
        let (words_a, words_b) = s.word_vectors();
        let paired_a = [true, false];
        let paired_b = [false, true];
        let cells = propose(
            words_a,
            words_b,
            (&paired_a, &paired_b),
            s.word_vocabulary_len(),
            1,
        );
        // A1 proposes B0 and B0 proposes A1; the paired A0 and B1 propose nothing.
        assert_eq!(cells, [(1, 0)]);
    }

    #[test]
    fn gap_cells_cover_narrow_gaps_of_unpaired_clauses_only() {
        let paired = [true, false, true, false];
        let lo = [0, 0, 2, 3];
        let hi = [0, 2, 2, 3 + GAP_CELLS_MAX];
        assert_eq!(gap_cells(&paired, &lo, &hi), [(1, 0), (1, 1), (1, 2)]);
    }
}
