//! The pairing used instead of the dense score matrix when the documents are too long for
//! it: a clause left unpaired by the identical anchors is scored only against the unpaired
//! clauses near its relative place in the other document (a band), at a fixed cut-off.
//! Time and memory grow linearly with the documents instead of with their product.

use rayon::prelude::*;

use super::decide;
use super::group::{self, Group};
use crate::similarity::Scorer;

/// Above this many cells (A clauses × B clauses) [`super::align`] does not build its dense
/// score matrix, which costs 8 bytes a cell three times over (scores, the candidate mask,
/// the sorted candidates) and about 1 µs of scoring a cell: two million cells is some
/// 50 MB and a few seconds on two cores. Two declarations of 1,400 sentences each stay
/// under it; 20,000 × 20,000 (400 million cells, 3.2 GB for the scores alone) does not.
pub const MAX_DENSE_CELLS: usize = 2_000_000;

/// In the band, an unpaired clause is compared with the unpaired clauses of the other
/// document whose relative position is within this many places of its own. Revisions keep
/// their order, so a rewording stays near its place; 25 places on each side costs 51
/// scores a clause.
pub const BAND_RADIUS: usize = 25;

/// Pairs the clauses not yet paired, one to one, best first among the cells of the band
/// that score at least `threshold` (or [`decide::SMALL_BACKGROUND_MATCH`], the cut-off
/// used where there is no background to judge against), then grows splits and merges.
/// Appends the new groups (not identical) and returns the sentence that tells the reader,
/// or `None` when one side has nothing left to pair (the limit then changed nothing).
pub(super) fn pair_in_band(
    scorer: &Scorer,
    groups: &mut Vec<Group>,
    identical: &mut Vec<bool>,
    paired_a: &mut [bool],
    paired_b: &mut [bool],
    threshold: Option<f64>,
) -> Option<String> {
    let cut = threshold.unwrap_or(decide::SMALL_BACKGROUND_MATCH);
    let rows: Vec<usize> = (0..paired_a.len()).filter(|&i| !paired_a[i]).collect();
    let cols: Vec<usize> = (0..paired_b.len()).filter(|&j| !paired_b[j]).collect();
    if rows.is_empty() || cols.is_empty() {
        return None;
    }
    let (rows, cols) = (&rows, &cols);
    let mut cells: Vec<(f64, usize, usize)> = (0..rows.len())
        .into_par_iter()
        .flat_map_iter(|p| {
            band_of_row(p, rows.len(), cols.len())
                .map(move |q| (scorer.score(rows[p], cols[q]).blended, rows[p], cols[q]))
        })
        .filter(|&(s, _, _)| s >= cut)
        .collect();
    cells.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let first_new = groups.len();
    for (score, i, j) in cells {
        if !paired_a[i] && !paired_b[j] {
            paired_a[i] = true;
            paired_b[j] = true;
            groups.push(Group {
                a: vec![i],
                b: vec![j],
                score,
            });
            identical.push(false);
        }
    }
    group::grow(&mut groups[first_new..], scorer, paired_a, paired_b, cut);
    Some(format!(
        "{} × {} clauses exceed {MAX_DENSE_CELLS} score cells: clauses that are not identical \
         were compared only with the {} around the same relative position in the other \
         document, at a fixed cut-off of {cut}; one that moved further reads as removed and added",
        paired_a.len(),
        paired_b.len(),
        2 * BAND_RADIUS + 1
    ))
}

/// The columns `q` of row `p` in the band of an `n × m` grid: those with
/// `|p·m − q·n| ≤ BAND_RADIUS · max(n, m)`, i.e. within [`BAND_RADIUS`] places of the
/// diagonal in the longer dimension. The rule reads the same with the documents swapped.
fn band_of_row(p: usize, n: usize, m: usize) -> std::ops::Range<usize> {
    if n == 0 || m == 0 {
        return 0..0;
    }
    let (p, n, m) = (p as u128, n as u128, m as u128);
    let reach = BAND_RADIUS as u128 * n.max(m);
    let centre = p * m;
    let lo = centre.saturating_sub(reach).div_ceil(n);
    let hi = ((centre + reach) / n).min(m - 1);
    if lo > hi {
        return 0..0;
    }
    lo as usize..hi as usize + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_is_the_diagonal_neighbourhood_and_symmetric() {
        for (n, m) in [(1, 1), (3, 7), (7, 3), (100, 100), (60, 1000), (1, 20_000)] {
            let mut cells = 0;
            for p in 0..n {
                let range = band_of_row(p, n, m);
                cells += range.len();
                for q in 0..m {
                    let inside = range.contains(&q);
                    let transposed = band_of_row(q, m, n).contains(&p);
                    assert_eq!(inside, transposed, "{n}×{m} at ({p}, {q})");
                }
            }
            assert!(
                cells <= (2 * BAND_RADIUS + 1) * n.max(m) + n,
                "{n}×{m}: {cells}"
            );
            assert!(
                cells >= n.min(m),
                "{n}×{m}: every row near the diagonal has a cell"
            );
        }
        assert_eq!(band_of_row(0, 0, 5), 0..0);
        assert_eq!(band_of_row(0, 5, 0), 0..0);
    }
}
