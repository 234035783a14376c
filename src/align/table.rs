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

/// The cells sampled for the background of a sparse table, sorted, without repeats: every
/// cell when `per_line` covers the longer side; else, for every row in `rows_to_sample`,
/// `per_line` columns, and for every column in `cols_to_sample`, `per_line` rows. A line's
/// sample is evenly spaced from a start that varies from line to line: every part of the
/// other document is in it, and the lines of the other side are hit alike.
pub fn background_sample(
    rows_to_sample: &[bool],
    cols_to_sample: &[bool],
    per_line: usize,
) -> Vec<(u32, u32)> {
    let (rows, cols) = (rows_to_sample.len(), cols_to_sample.len());
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    if per_line >= rows.max(cols) {
        return (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r as u32, c as u32)))
            .collect();
    }
    let spaced = |line: usize, len: usize, salt: u64| {
        let stride = len / per_line.max(1);
        let start = (mix(line as u64 ^ salt) % len as u64) as usize;
        (0..per_line).map(move |t| ((start + t * stride) % len) as u32)
    };
    let mut cells: Vec<(u32, u32)> = Vec::new();
    for r in (0..rows).filter(|&r| rows_to_sample[r]) {
        cells.extend(spaced(r, cols, 0).map(|c| (r as u32, c)));
    }
    for c in (0..cols).filter(|&c| cols_to_sample[c]) {
        cells.extend(spaced(c, rows, COLUMN_SALT).map(|r| (r, c as u32)));
    }
    cells.sort_unstable();
    cells.dedup();
    cells
}

/// Varies the columns' starts from the rows' (so row 5 and column 5 differ).
const COLUMN_SALT: u64 = 0x5A17_C0DE;

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
    fn background_sample_spreads_over_the_lines_asked_for() {
        let (mut rows, mut cols) = (vec![false; 50], vec![false; 1000]);
        rows[3] = true;
        cols[7] = true;
        let cells = background_sample(&rows, &cols, 10);
        let row: Vec<u32> = cells.iter().filter(|c| c.0 == 3).map(|c| c.1).collect();
        assert!(
            row.len() >= 10 && row.windows(2).all(|w| w[0] < w[1]),
            "{row:?}"
        );
        assert_eq!(
            cells.iter().filter(|c| c.1 == 7).count(),
            10 + usize::from(row.contains(&7))
        );
        assert!(cells.windows(2).all(|w| w[0] < w[1]));
        assert!(cells.iter().all(|&(r, c)| r == 3 || c == 7));
        // Lines no longer than the sample: every cell.
        assert_eq!(background_sample(&[false; 3], &[false; 4], 10).len(), 12);
        assert!(background_sample(&[true; 3], &[], 10).is_empty());
    }
}
