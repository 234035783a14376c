//! Which clause pairs count as matches: decisions relative to the two documents at hand.
//!
//! A fixed cut-off cannot serve both revisions (where matching clauses score 0.5–1.0) and
//! two different declarations (where the same commitment in other words may score 0.1–0.2,
//! and unrelated clauses 0.02–0.08). So a pair is a candidate when it scores high in
//! absolute terms, or when it *stands out* from the scores of both its clauses against
//! the whole other document: its z-score within its row and within its column passes
//! [`Tuning::standout_z`]. Candidates are then taken best-first, one-to-one.
//!
//! After that, a clause left unpaired may still join the group of its best counterpart
//! when that score stands out even more ([`Tuning::attach_z`]) from its own background and from
//! its counterpart's — the many-to-many case of a principle expanded into two paragraphs.
//!
//! Between two different texts these decisions only tell a revision from two different
//! texts: the pairs themselves are then decided by a fitted model ([`super::verdict`]).
//!
//! The thresholds are fields of [`Tuning`], with their reasons.

use crate::tuning::Tuning;

/// Mean and spread of a list of scores.
#[derive(Debug, Clone, Copy)]
struct Background {
    mean: f64,
    spread: f64,
    count: usize,
}

impl Background {
    fn of(scores: impl Iterator<Item = f64>, min_spread: f64) -> Background {
        let (mut n, mut sum, mut sum_sq) = (0usize, 0.0, 0.0);
        for s in scores {
            n += 1;
            sum += s;
            sum_sq += s * s;
        }
        Background::from_sums(n, sum, sum_sq, min_spread)
    }

    fn from_sums(n: usize, sum: f64, sum_sq: f64, min_spread: f64) -> Background {
        let mean = if n > 0 { sum / n as f64 } else { 0.0 };
        let var = if n > 0 {
            (sum_sq / n as f64 - mean * mean).max(0.0)
        } else {
            0.0
        };
        Background {
            mean,
            spread: var.sqrt().max(min_spread),
            count: n,
        }
    }

    fn z(&self, s: f64) -> f64 {
        (s - self.mean) / self.spread
    }
}

/// Sums of scores known exactly (`candidate`) and of a uniform sample of the others.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    candidates: usize,
    candidate_sum: f64,
    candidate_sq: f64,
    sampled: usize,
    sampled_sum: f64,
    sampled_sq: f64,
}

impl Sums {
    fn add(&mut self, s: f64, candidate: bool) {
        if candidate {
            self.candidates += 1;
            self.candidate_sum += s;
            self.candidate_sq += s * s;
        } else {
            self.sampled += 1;
            self.sampled_sum += s;
            self.sampled_sq += s * s;
        }
    }

    /// The background of a line of `n` scores: candidates as they are, the rest as the
    /// sample (or, with no sample in this line, `fallback`) says.
    fn background(&self, n: usize, fallback: &Sums, min_spread: f64) -> Background {
        let rest = n.saturating_sub(self.candidates) as f64;
        let sample = if self.sampled > 0 { self } else { fallback };
        let (mean, sq) = if sample.sampled > 0 {
            let k = sample.sampled as f64;
            (sample.sampled_sum / k, sample.sampled_sq / k)
        } else {
            (0.0, 0.0)
        };
        Background::from_sums(
            n,
            self.candidate_sum + rest * mean,
            self.candidate_sq + rest * sq,
            min_spread,
        )
    }
}

/// Row and column backgrounds of a row-major `rows × cols` score matrix.
pub struct Backgrounds {
    rows: Vec<Background>,
    cols: Vec<Background>,
    tuning: Tuning,
}

impl Backgrounds {
    /// Computes them.
    pub fn new(scores: &[f64], rows: usize, cols: usize, tuning: &Tuning) -> Self {
        let spread = tuning.min_spread;
        Backgrounds {
            rows: (0..rows)
                .map(|r| Background::of(scores[r * cols..(r + 1) * cols].iter().copied(), spread))
                .collect(),
            cols: (0..cols)
                .map(|c| Background::of((0..rows).map(|r| scores[r * cols + c]), spread))
                .collect(),
            tuning: *tuning,
        }
    }

    /// Estimates them from some cells of the matrix (row-major, as `(row, col, score)`):
    /// those flagged `candidate` are taken as they are, the others are a uniform sample of
    /// the cells that are not candidates and stand for all of those. With every cell given
    /// this is [`Backgrounds::new`] (up to rounding).
    pub fn estimate(
        rows: usize,
        cols: usize,
        cells: &[(u32, u32, f64)],
        candidate: &[bool],
        tuning: &Tuning,
    ) -> Self {
        let (mut by_row, mut by_col) = (vec![Sums::default(); rows], vec![Sums::default(); cols]);
        let mut all = Sums::default();
        for (&(r, c, s), &is_candidate) in cells.iter().zip(candidate) {
            by_row[r as usize].add(s, is_candidate);
            by_col[c as usize].add(s, is_candidate);
            if !is_candidate {
                all.add(s, false);
            }
        }
        let spread = tuning.min_spread;
        Backgrounds {
            rows: by_row
                .iter()
                .map(|s| s.background(cols, &all, spread))
                .collect(),
            cols: by_col
                .iter()
                .map(|s| s.background(rows, &all, spread))
                .collect(),
            tuning: *tuning,
        }
    }

    /// Whether the pair `(r, c)` scoring `s` is a candidate match.
    pub fn stands_out(&self, r: usize, c: usize, s: f64) -> bool {
        let t = &self.tuning;
        if s >= t.absolute_match {
            return true;
        }
        if s < t.min_score {
            return false;
        }
        let (row, col) = (self.rows[r], self.cols[c]);
        if row.count < t.min_background || col.count < t.min_background {
            return s >= t.small_background_match;
        }
        row.z(s).min(col.z(s)) >= t.standout_z
    }

    /// Whether row `r`'s best pair `(r, c)` may join `c`'s group.
    pub fn row_attaches(&self, r: usize, c: usize, s: f64) -> bool {
        let t = &self.tuning;
        s >= t.attach_min_score
            && self.rows[r].count >= t.min_background
            && self.rows[r].z(s) >= t.attach_z
            && self.other_side_agrees(s, self.cols[c].z(s))
    }

    /// Whether column `c`'s best pair `(r, c)` may join `r`'s group.
    pub fn col_attaches(&self, r: usize, c: usize, s: f64) -> bool {
        let t = &self.tuning;
        s >= t.attach_min_score
            && self.cols[c].count >= t.min_background
            && self.cols[c].z(s) >= t.attach_z
            && self.other_side_agrees(s, self.rows[r].z(s))
    }

    /// Whether a pair scoring `s` stands out enough (z-score `z`) from the point of view of
    /// the clause already in a group for the other clause to join it.
    fn other_side_agrees(&self, s: f64, z: f64) -> bool {
        let t = &self.tuning;
        z >= t.attach_z_other || (s >= t.small_background_match && z >= t.attach_z_other_strong)
    }
}

impl Backgrounds {
    /// The z-scores of `s` within row `r` and within column `c`; 0 for a line with no
    /// background to judge against ([`Tuning::min_background`]).
    pub fn z(&self, r: usize, c: usize, s: f64) -> (f64, f64) {
        let z = |b: &Background| {
            if b.count < self.tuning.min_background {
                0.0
            } else {
                b.z(s)
            }
        };
        (z(&self.rows[r]), z(&self.cols[c]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_that_stands_out_from_low_background_is_a_candidate() {
        // Row 0: one pair at 0.18 among scores near 0.03.
        let mut scores = vec![0.03; 10 * 10];
        scores[3] = 0.18;
        let b = Backgrounds::new(&scores, 10, 10, &Tuning::DEFAULT);
        assert!(b.stands_out(0, 3, 0.18));
        assert!(!b.stands_out(0, 4, 0.03));
    }

    #[test]
    fn a_uniformly_high_row_does_not_make_anything_stand_out() {
        let scores = vec![0.2; 10 * 10];
        let b = Backgrounds::new(&scores, 10, 10, &Tuning::DEFAULT);
        assert!(!b.stands_out(0, 0, 0.2));
        assert!(b.stands_out(0, 0, 0.6));
    }

    #[test]
    fn estimated_from_every_cell_equals_the_exact_backgrounds() {
        let scores: Vec<f64> = (0..12 * 9)
            .map(|k| ((k * 37) % 101) as f64 / 100.0)
            .collect();
        let exact = Backgrounds::new(&scores, 12, 9, &Tuning::DEFAULT);
        let cells: Vec<(u32, u32, f64)> = (0..12 * 9)
            .map(|k| ((k / 9) as u32, (k % 9) as u32, scores[k]))
            .collect();
        let candidate: Vec<bool> = (0..12 * 9).map(|k| k % 5 == 0).collect();
        let estimated = Backgrounds::estimate(12, 9, &cells, &candidate, &Tuning::DEFAULT);
        for (x, y) in exact
            .rows
            .iter()
            .chain(&exact.cols)
            .zip(estimated.rows.iter().chain(&estimated.cols))
        {
            assert!((x.mean - y.mean).abs() < 1e-12 && (x.spread - y.spread).abs() < 1e-12);
            assert_eq!(x.count, y.count);
        }
    }

    #[test]
    fn a_sample_stands_for_the_cells_not_scored() {
        // One row of 100: a candidate at 0.9, the rest 0.1, of which 4 are sampled.
        let cells = [
            (0, 0, 0.9),
            (0, 10, 0.1),
            (0, 30, 0.1),
            (0, 50, 0.1),
            (0, 70, 0.1),
        ];
        let b = Backgrounds::estimate(
            1,
            100,
            &cells,
            &[true, false, false, false, false],
            &Tuning::DEFAULT,
        );
        let exact = Background::of(
            std::iter::once(0.9).chain(std::iter::repeat_n(0.1, 99)),
            Tuning::DEFAULT.min_spread,
        );
        assert!((b.rows[0].mean - exact.mean).abs() < 1e-12);
        assert!((b.rows[0].spread - exact.spread).abs() < 1e-12);
    }

    #[test]
    fn tiny_documents_fall_back_to_a_fixed_cut_off() {
        let scores = vec![0.35, 0.1, 0.1, 0.28];
        let b = Backgrounds::new(&scores, 2, 2, &Tuning::DEFAULT);
        assert!(b.stands_out(0, 0, 0.35));
        assert!(!b.stands_out(1, 1, 0.28));
    }
}
