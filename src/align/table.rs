//! The clause-pair scores the aligner decides on: every pair of the two documents (dense)
//! or, for long documents, candidate pairs plus a background sample (sparse). Both answer
//! the same questions — a cell's score, a row's or a column's scored cells — so the
//! decisions in [`super::align`] read the same on either.

/// Scores of some or all cells of the `rows × cols` clause-pair matrix.
pub enum ScoreTable {
    /// Every cell, row-major.
    Dense { scores: Vec<f64>, cols: usize },
    /// Some cells, row-major, with an index by column.
    Sparse {
        /// `(row, col, score)` sorted by row then column.
        cells: Vec<(u32, u32, f64)>,
        /// `row_starts[r]..row_starts[r + 1]` are row `r`'s cells.
        row_starts: Vec<usize>,
        /// Positions in `cells`, sorted by column then row.
        by_col: Vec<u32>,
        /// `col_starts[c]..col_starts[c + 1]` are column `c`'s entries of `by_col`.
        col_starts: Vec<usize>,
    },
}

impl ScoreTable {
    /// A sparse table over `cells` (sorted by row then column, no repeats).
    pub fn sparse(rows: usize, cols: usize, cells: Vec<(u32, u32, f64)>) -> Self {
        let starts = |key: &dyn Fn(usize) -> usize, len: usize| -> Vec<usize> {
            let mut starts = vec![0usize; len + 1];
            for k in 0..cells.len() {
                starts[key(k) + 1] += 1;
            }
            for x in 0..len {
                starts[x + 1] += starts[x];
            }
            starts
        };
        let row_starts = starts(&|k| cells[k].0 as usize, rows);
        let col_starts = starts(&|k| cells[k].1 as usize, cols);
        // A stable sort by column keeps rows ascending within a column.
        let mut by_col: Vec<u32> = (0..cells.len() as u32).collect();
        by_col.sort_by_key(|&k| cells[k as usize].1);
        ScoreTable::Sparse {
            cells,
            row_starts,
            by_col,
            col_starts,
        }
    }

    /// Every cell held as `(row, col, score)`, row-major.
    pub fn cells(&self) -> Box<dyn Iterator<Item = (usize, usize, f64)> + '_> {
        match self {
            ScoreTable::Dense { scores, cols } => Box::new(
                scores
                    .iter()
                    .enumerate()
                    .map(move |(k, &s)| (k / cols, k % cols, s)),
            ),
            ScoreTable::Sparse { cells, .. } => {
                Box::new(cells.iter().map(|&(r, c, s)| (r as usize, c as usize, s)))
            }
        }
    }

    /// Row `r`'s cells as `(col, score)`, columns ascending.
    pub fn row(&self, r: usize) -> Box<dyn Iterator<Item = (usize, f64)> + '_> {
        match self {
            ScoreTable::Dense { scores, cols } => {
                Box::new(scores[r * cols..(r + 1) * cols].iter().copied().enumerate())
            }
            ScoreTable::Sparse {
                cells, row_starts, ..
            } => Box::new(
                cells[row_starts[r]..row_starts[r + 1]]
                    .iter()
                    .map(|&(_, c, s)| (c as usize, s)),
            ),
        }
    }

    /// Column `c`'s cells as `(row, score)`, rows ascending.
    pub fn col(&self, c: usize) -> Box<dyn Iterator<Item = (usize, f64)> + '_> {
        match self {
            ScoreTable::Dense { scores, cols } => {
                Box::new((0..scores.len() / (*cols).max(1)).map(move |r| (r, scores[r * cols + c])))
            }
            ScoreTable::Sparse {
                cells,
                by_col,
                col_starts,
                ..
            } => Box::new(by_col[col_starts[c]..col_starts[c + 1]].iter().map(|&k| {
                let (r, _, s) = cells[k as usize];
                (r as usize, s)
            })),
        }
    }
}

/// The cells sampled for the background of a sparse table, sorted: for every row,
/// `per_row` columns evenly spaced from a starting column that varies from row to row
/// (every column when `per_row >= cols`). Evenly spaced, so every part of the other
/// document is in each row's sample; the start varies, so columns are sampled alike.
pub fn background_sample(rows: usize, cols: usize, per_row: usize) -> Vec<(u32, u32)> {
    let mut cells = Vec::with_capacity(rows.saturating_mul(per_row.min(cols)));
    if cols == 0 {
        return cells;
    }
    if per_row >= cols {
        for r in 0..rows {
            cells.extend((0..cols).map(|c| (r as u32, c as u32)));
        }
        return cells;
    }
    let stride = cols / per_row.max(1);
    let mut row: Vec<u32> = Vec::with_capacity(per_row);
    for r in 0..rows {
        let start = (mix(r as u64) % cols as u64) as usize;
        row.clear();
        row.extend((0..per_row).map(|t| ((start + t * stride) % cols) as u32));
        row.sort_unstable();
        cells.extend(row.iter().map(|&c| (r as u32, c)));
    }
    cells
}

/// SplitMix64's finaliser: a well-spread, platform-independent hash of a row number.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_and_dense_tables_answer_alike_on_the_cells_they_hold() {
        let scores = vec![0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
        let dense = ScoreTable::Dense {
            scores: scores.clone(),
            cols: 3,
        };
        let all: Vec<(u32, u32, f64)> = (0..6)
            .map(|k| ((k / 3) as u32, (k % 3) as u32, scores[k]))
            .collect();
        let sparse = ScoreTable::sparse(2, 3, all);
        assert_eq!(
            dense.cells().collect::<Vec<_>>(),
            sparse.cells().collect::<Vec<_>>()
        );
        for r in 0..2 {
            assert_eq!(
                dense.row(r).collect::<Vec<_>>(),
                sparse.row(r).collect::<Vec<_>>()
            );
        }
        for c in 0..3 {
            assert_eq!(
                dense.col(c).collect::<Vec<_>>(),
                sparse.col(c).collect::<Vec<_>>()
            );
        }
        let some = ScoreTable::sparse(2, 3, vec![(0, 2, 0.3), (1, 0, 0.4), (1, 2, 0.6)]);
        assert_eq!(some.col(2).collect::<Vec<_>>(), [(0, 0.3), (1, 0.6)]);
    }

    #[test]
    fn background_sample_spreads_over_each_row_without_repeats() {
        let cells = background_sample(50, 1000, 10);
        assert_eq!(cells.len(), 500);
        for row in cells.chunks(10) {
            assert!(row.windows(2).all(|w| w[0].1 < w[1].1), "{row:?}");
            assert!(row.iter().all(|&(r, _)| r == row[0].0));
        }
        assert_eq!(background_sample(3, 4, 10).len(), 12);
        assert!(background_sample(3, 0, 10).is_empty());
    }
}
