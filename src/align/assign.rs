//! One-to-one assignment over a score matrix: the Hungarian method (pathfinding's
//! Kuhn–Munkres) while the matrix is small, greedy best-first above that.

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

pub use crate::tuning::HUNGARIAN_MAX_CELLS;

/// Scores are scaled to integers for the assignment: six decimals is finer than any
/// decision made on them.
const SCALE: f64 = 1e6;

/// Pairs `(row, col)` of a maximum-weight one-to-one matching that uses only cells whose
/// score is at least `threshold`. `scores` is row-major, `rows × cols`.
/// Returns the pairs sorted by row, and whether the greedy fallback was used.
pub fn assign(
    scores: &[f64],
    rows: usize,
    cols: usize,
    threshold: f64,
) -> (Vec<(usize, usize)>, bool) {
    if rows == 0 || cols == 0 {
        return (Vec::new(), false);
    }
    if rows * cols > HUNGARIAN_MAX_CELLS {
        return (greedy(scores, rows, cols, threshold), true);
    }
    let weight = |r: usize, c: usize| -> i64 {
        let s = scores[r * cols + c];
        if s >= threshold {
            (s * SCALE).round() as i64
        } else {
            0
        }
    };
    let transposed = rows > cols;
    let (n, m) = if transposed {
        (cols, rows)
    } else {
        (rows, cols)
    };
    let mut data = Vec::with_capacity(n * m);
    for x in 0..n {
        for y in 0..m {
            data.push(if transposed {
                weight(y, x)
            } else {
                weight(x, y)
            });
        }
    }
    let Ok(matrix) = Matrix::from_vec(n, m, data) else {
        return (greedy(scores, rows, cols, threshold), true);
    };
    let (_, assignment) = kuhn_munkres(&matrix);
    let mut pairs: Vec<(usize, usize)> = assignment
        .into_iter()
        .enumerate()
        .map(|(x, y)| if transposed { (y, x) } else { (x, y) })
        .filter(|&(r, c)| scores[r * cols + c] >= threshold)
        .collect();
    pairs.sort_unstable();
    (pairs, false)
}

/// Best-first matching: take the highest cell, strike its row and column, repeat.
/// Ties go to the lower row, then the lower column.
pub fn greedy(scores: &[f64], rows: usize, cols: usize, threshold: f64) -> Vec<(usize, usize)> {
    let cells: Vec<(usize, usize, f64)> = (0..rows)
        .flat_map(|r| (0..cols).map(move |c| (r, c, scores[r * cols + c])))
        .filter(|&(_, _, s)| s >= threshold)
        .collect();
    greedy_cells(cells, rows, cols)
        .into_iter()
        .map(|(r, c, _)| (r, c))
        .collect()
}

/// [`greedy`] over the given cells `(row, col, score)` of a `rows × cols` matrix, every
/// one eligible; returns the pairs taken with their scores, sorted by row.
pub fn greedy_cells(
    mut cells: Vec<(usize, usize, f64)>,
    rows: usize,
    cols: usize,
) -> Vec<(usize, usize, f64)> {
    cells.sort_by(|&(r1, c1, s1), &(r2, c2, s2)| {
        s2.total_cmp(&s1).then(r1.cmp(&r2)).then(c1.cmp(&c2))
    });
    let (mut row_used, mut col_used) = (vec![false; rows], vec![false; cols]);
    let mut pairs = Vec::new();
    for (r, c, s) in cells {
        if !row_used[r] && !col_used[c] {
            row_used[r] = true;
            col_used[c] = true;
            pairs.push((r, c, s));
        }
    }
    pairs.sort_unstable_by_key(|&(r, c, _)| (r, c));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hungarian_beats_greedy_where_it_should() {
        // Greedy takes (0,0)=0.9 and is left with (1,1)=0.1 < threshold; the optimum is
        // (0,1)+(1,0).
        let scores = [0.9, 0.8, 0.85, 0.1];
        let (pairs, fallback) = assign(&scores, 2, 2, 0.3);
        assert_eq!(pairs, [(0, 1), (1, 0)]);
        assert!(!fallback);
        assert_eq!(greedy(&scores, 2, 2, 0.3), [(0, 0)]);
    }

    #[test]
    fn cells_below_threshold_never_pair_and_shapes_work() {
        let scores = [0.1, 0.5, 0.2, 0.05, 0.0, 0.9];
        assert_eq!(assign(&scores, 2, 3, 0.3).0, [(0, 1), (1, 2)]);
        assert_eq!(assign(&scores, 3, 2, 0.3).0, [(2, 1)]);
        assert!(assign(&[], 0, 4, 0.3).0.is_empty());
    }
}
