//! A text and its translation (`relation: translation`): detected from the one-to-one
//! pairs, then used as a prior. Start with [`detect`], then [`fill_gaps`].
//!
//! Why: a translation answers its original almost sentence for sentence and in order — the
//! premise of Gale–Church, hunalign and Bleualign. Across languages the lexical signal is
//! weak (glosses, [`crate::similarity::gloss`]), so some true pairs do not stand out from
//! their row; once the confident pairs show the diagonal, a clause between two of them
//! whose counterpart lies between their partners is paired when it scores
//! [`TRANSLATION_GAP_MIN_SCORE`]. Two different texts in two languages keep no such order
//! and stay `cross`.

use super::Pairing;
use crate::similarity::Scorer;

/// Shorter text's clause count over the longer's, at least: a translation keeps nearly
/// every sentence (some are split or joined), while two different texts differ in length
/// freely.
pub const TRANSLATION_MIN_LENGTH_RATIO: f64 = 0.75;

/// One-to-one pairs found before the prior, as a share of the shorter text's clauses, at
/// least: the diagonal must show in the pairs themselves.
pub const TRANSLATION_MIN_PAIRED_SHARE: f64 = 0.5;

/// Share of those pairs in one run that keeps the order of both texts, at least.
pub const TRANSLATION_MIN_IN_ORDER: f64 = 0.85;

/// Largest distance of an in-order pair from the diagonal, as a share of each text's
/// length (`|i/na − j/nb|`), for its median: a translation stays near it throughout.
pub const TRANSLATION_MAX_DRIFT: f64 = 0.1;

/// Score a clause pair between two in-order pairs needs to be admitted by the order: far
/// below a stand-out pair across languages (0.1–0.3), above what two unrelated clauses that
/// share a function word's gloss reach.
pub const TRANSLATION_GAP_MIN_SCORE: f64 = 0.03;

/// Whether the pairs found so far show a text and its translation: the scorer compares
/// two languages, the texts are of similar length, and most pairs keep the order of both
/// near the diagonal. Returns the pairs that keep it (sorted), the anchors of the prior.
pub(super) fn detect(pairing: &Pairing, scorer: &Scorer) -> Option<Vec<(usize, usize)>> {
    if !scorer.across_languages() {
        return None;
    }
    let (na, nb) = scorer.sizes();
    let (short, long) = (na.min(nb), na.max(nb));
    if short == 0 || (short as f64) < TRANSLATION_MIN_LENGTH_RATIO * long as f64 {
        return None;
    }
    let keys: Vec<(usize, usize)> = pairing.groups.iter().map(|g| (g.a[0], g.b[0])).collect();
    if (keys.len() as f64) < TRANSLATION_MIN_PAIRED_SHARE * short as f64 {
        return None;
    }
    let moved = super::moved::moved_flags(&keys);
    let mut in_order: Vec<(usize, usize)> = keys
        .iter()
        .zip(&moved)
        .filter(|&(_, &m)| !m)
        .map(|(&k, _)| k)
        .collect();
    if (in_order.len() as f64) < TRANSLATION_MIN_IN_ORDER * keys.len() as f64 {
        return None;
    }
    let mut drift: Vec<f64> = in_order
        .iter()
        .map(|&(i, j)| (i as f64 / na as f64 - j as f64 / nb as f64).abs())
        .collect();
    drift.sort_by(f64::total_cmp);
    if drift[drift.len() / 2] > TRANSLATION_MAX_DRIFT {
        return None;
    }
    in_order.sort_unstable();
    Some(in_order)
}

/// The order as a prior: between each two consecutive anchors (and before the first and
/// after the last), the open clauses of A and of B are aligned in order, one to one, by
/// the monotone assignment of most summed score over pairs scoring
/// [`TRANSLATION_GAP_MIN_SCORE`] or more (a small dynamic programme per gap).
pub(super) fn fill_gaps(pairing: &mut Pairing, scorer: &Scorer, anchors: &[(usize, usize)]) {
    let (na, nb) = scorer.sizes();
    let mut bounds: Vec<(usize, usize, usize, usize)> = Vec::new();
    let (mut a0, mut b0) = (0, 0);
    for &(i, j) in anchors {
        bounds.push((a0, i, b0, j));
        (a0, b0) = (i + 1, j + 1);
    }
    bounds.push((a0, na, b0, nb));
    for (a_lo, a_hi, b_lo, b_hi) in bounds {
        let rows: Vec<usize> = (a_lo..a_hi).filter(|&i| !pairing.paired_a[i]).collect();
        let cols: Vec<usize> = (b_lo..b_hi).filter(|&j| !pairing.paired_b[j]).collect();
        if rows.is_empty() || cols.is_empty() {
            continue;
        }
        for (i, j, score) in monotone_pairs(scorer, &rows, &cols) {
            pairing.pair(i, j, score, false);
        }
    }
}

/// The in-order one-to-one pairs of `rows` × `cols` of most summed score, pairs below
/// [`TRANSLATION_GAP_MIN_SCORE`] not allowed (an edit-distance table over the gap).
fn monotone_pairs(scorer: &Scorer, rows: &[usize], cols: &[usize]) -> Vec<(usize, usize, f64)> {
    let (n, m) = (rows.len(), cols.len());
    let scores = scorer.matrix(rows, cols);
    let gain = |r: usize, c: usize| {
        let s = scores[r * m + c];
        (s >= TRANSLATION_GAP_MIN_SCORE).then_some(s)
    };
    // best[r][c]: most score aligning rows[..r] with cols[..c].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for r in 1..=n {
        for c in 1..=m {
            let mut b = best[r - 1][c].max(best[r][c - 1]);
            if let Some(s) = gain(r - 1, c - 1) {
                b = b.max(best[r - 1][c - 1] + s);
            }
            best[r][c] = b;
        }
    }
    let (mut r, mut c) = (n, m);
    let mut pairs = Vec::new();
    while r > 0 && c > 0 {
        match gain(r - 1, c - 1) {
            Some(s) if best[r][c] == best[r - 1][c - 1] + s => {
                pairs.push((rows[r - 1], cols[c - 1], s));
                r -= 1;
                c -= 1;
            }
            _ if best[r][c] == best[r - 1][c] => r -= 1,
            _ => c -= 1,
        }
    }
    pairs.reverse();
    pairs
}
