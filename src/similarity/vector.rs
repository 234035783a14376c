//! Sparse TF-IDF vectors over interned terms, and their cosine.

use rustc_hash::FxHashMap;

/// Term ids for one comparison, shared by both documents.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
    terms: Vec<String>,
}

impl Vocabulary {
    /// The id of `term`, adding it when new.
    pub fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.terms.push(term.to_string());
        id
    }

    /// The ids of many bags of terms, as [`Vocabulary::intern`] would give them one term
    /// after another: chunks of bags are interned in parallel into local tables, whose
    /// new terms then join this vocabulary chunk by chunk, in order of first occurrence.
    pub fn intern_bags<S: AsRef<str> + Sync>(&mut self, bags: &[&[S]]) -> Vec<Vec<u32>> {
        use rayon::prelude::*;
        /// Bags per chunk: enough work per task to pay for its table.
        const CHUNK: usize = 1024;
        let local: Vec<(Vec<&str>, Vec<Vec<u32>>)> = bags
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
                let mut terms: Vec<&str> = Vec::new();
                let bags = chunk
                    .iter()
                    .map(|bag| {
                        bag.iter()
                            .map(|term| {
                                let term = term.as_ref();
                                *ids.entry(term).or_insert_with(|| {
                                    terms.push(term);
                                    terms.len() as u32 - 1
                                })
                            })
                            .collect()
                    })
                    .collect();
                (terms, bags)
            })
            .collect();
        let mut out = Vec::with_capacity(bags.len());
        for (terms, chunk_bags) in local {
            let global: Vec<u32> = terms.iter().map(|t| self.intern(t)).collect();
            out.extend(chunk_bags.into_iter().map(|bag: Vec<u32>| {
                bag.into_iter()
                    .map(|l| global[l as usize])
                    .collect::<Vec<u32>>()
            }));
        }
        out
    }

    /// The term behind an id.
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }
}

/// A unit-length weighted bag of terms, sorted by term id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector {
    /// `(term id, weight)`, ascending ids, weights > 0.
    pub entries: Vec<(u32, f64)>,
}

impl SparseVector {
    /// Builds the TF-IDF vector of a bag of term ids and normalises it to unit length.
    /// Term frequency is dampened (`1 + ln tf`) so a repeated word does not swamp the rest.
    pub fn tf_idf(terms: &[u32], idf: &[f64]) -> SparseVector {
        let mut sorted = terms.to_vec();
        sorted.sort_unstable();
        SparseVector::tf_idf_sorted(&sorted, idf)
    }

    /// [`SparseVector::tf_idf`] of a bag already sorted by term id.
    pub fn tf_idf_sorted(sorted: &[u32], idf: &[f64]) -> SparseVector {
        let mut entries: Vec<(u32, f64)> = Vec::new();
        for chunk in sorted.chunk_by(|x, y| x == y) {
            let id = chunk[0];
            // Most terms occur once, and ln 1 is exactly 0: skip the logarithm for them.
            let tf = match chunk.len() {
                1 => 1.0,
                n => 1.0 + (n as f64).ln(),
            };
            let weight = tf * idf[id as usize];
            if weight > 0.0 {
                entries.push((id, weight));
            }
        }
        let norm = entries.iter().map(|&(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for entry in &mut entries {
                entry.1 /= norm;
            }
        }
        SparseVector { entries }
    }

    /// Cosine of two unit vectors, in [0, 1].
    pub fn cosine(&self, other: &SparseVector) -> f64 {
        let (mut i, mut j, mut dot) = (0, 0, 0.0);
        let (x, y) = (&self.entries, &other.entries);
        while i < x.len() && j < y.len() {
            let ((s, v), (t, w)) = (x[i], y[j]);
            if s == t {
                dot += v * w;
            }
            // Both cursors step without a branch on which is behind: the order of two
            // unrelated clauses' terms is a coin toss the branch predictor loses.
            i += usize::from(s <= t);
            j += usize::from(t <= s);
        }
        dot.clamp(0.0, 1.0)
    }

    /// The shared terms and their share of the cosine, largest first (ties by term id).
    pub fn shared_terms(&self, other: &SparseVector) -> Vec<(u32, f64)> {
        let mut shared = Vec::new();
        let (mut i, mut j) = (0, 0);
        let (x, y) = (&self.entries, &other.entries);
        while i < x.len() && j < y.len() {
            match x[i].0.cmp(&y[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared.push((x[i].0, x[i].1 * y[j].1));
                    i += 1;
                    j += 1;
                }
            }
        }
        shared.sort_by(|p, q| q.1.total_cmp(&p.1).then(p.0.cmp(&q.0)));
        shared
    }
}

/// Smoothed inverse document frequency of every term over a set of bags, each sorted by
/// term id: `ln((1 + N) / (1 + df)) + 1`, as scikit-learn smooths it, so a term in every
/// clause still weighs a little.
pub fn inverse_document_frequency<'a>(
    sorted_bags: impl IntoIterator<Item = &'a [u32]>,
    vocabulary_len: usize,
) -> Vec<f64> {
    let mut df = vec![0usize; vocabulary_len];
    let mut n = 0usize;
    for bag in sorted_bags {
        n += 1;
        for chunk in bag.chunk_by(|x, y| x == y) {
            df[chunk[0] as usize] += 1;
        }
    }
    let n = n as f64;
    df.into_iter()
        .map(|d| ((1.0 + n) / (1.0 + d as f64)).ln() + 1.0)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_identical_bags_is_one_and_of_disjoint_is_zero() {
        let idf = vec![1.0, 2.0, 1.5];
        let a = SparseVector::tf_idf(&[0, 1, 1], &idf);
        let b = SparseVector::tf_idf(&[1, 0, 1], &idf);
        let c = SparseVector::tf_idf(&[2], &idf);
        assert!((a.cosine(&b) - 1.0).abs() < 1e-12);
        assert_eq!(a.cosine(&c), 0.0);
        assert_eq!(SparseVector::default().cosine(&a), 0.0);
    }

    #[test]
    fn interning_bags_gives_the_ids_of_interning_term_by_term() {
        let bags: Vec<Vec<String>> = (0..1000)
            .map(|k| {
                (0..5)
                    .map(|t| format!("w{}", (k * 7 + t * 13) % 311))
                    .collect()
            })
            .collect();
        let mut one_by_one = Vocabulary::default();
        let expected: Vec<Vec<u32>> = bags
            .iter()
            .map(|bag| bag.iter().map(|w| one_by_one.intern(w)).collect())
            .collect();
        let mut at_once = Vocabulary::default();
        at_once.intern("w0");
        let slices: Vec<&[String]> = bags.iter().map(Vec::as_slice).collect();
        let mut fresh = Vocabulary::default();
        assert_eq!(fresh.intern_bags(&slices), expected);
        assert_eq!(fresh.terms, one_by_one.terms);
        assert_eq!(at_once.intern_bags(&slices)[0][0], 0);
    }

    #[test]
    fn idf_favours_rare_terms() {
        let idf = inverse_document_frequency([&[0, 1][..], &[0], &[0, 2]], 3);
        assert!(idf[1] > idf[0]);
        assert!(idf[0] >= 1.0);
    }

    #[test]
    fn shared_terms_sum_to_the_cosine() {
        let idf = vec![1.0, 2.0, 1.5];
        let a = SparseVector::tf_idf(&[0, 1], &idf);
        let b = SparseVector::tf_idf(&[1, 2], &idf);
        let total: f64 = a.shared_terms(&b).iter().map(|t| t.1).sum();
        assert!((total - a.cosine(&b)).abs() < 1e-12);
    }
}
