//! Which clause pairs count as matches: decisions relative to the two documents at hand.
//!
//! A fixed cut-off cannot serve both revisions (where matching clauses score 0.5–1.0) and
//! two different declarations (where the same commitment in other words may score 0.1–0.2,
//! and unrelated clauses 0.02–0.08). So a pair is a candidate when it scores high in
//! absolute terms, or when it *stands out* from the scores of both its clauses against
//! the whole other document: its z-score within its row and within its column passes
//! [`STANDOUT_Z`]. Candidates are then taken best-first, one-to-one.
//!
//! After that, a clause left unpaired may still join the group of its best counterpart
//! when that score stands out even more ([`ATTACH_Z`]) from its own background and from
//! its counterpart's — the many-to-many case of a principle expanded into two paragraphs.
//!
//! Between two different texts (not a revision) a last pass links further counterparts:
//! a commitment one text states once may answer two or three clauses of the other, each
//! already matched elsewhere. Such a pair must stand out strongly on one side
//! ([`ATTACH_Z`]) and clearly on the other ([`ATTACH_Z_OTHER_STRONG`]) and score at least
//! [`ALSO_MIN_SCORE`]; it is reported as an `also` pair.
//!
//! The constants were chosen on `../shared/bench` (revision and real sets together, see
//! the README, "How matching works").

/// A pair scoring at least this is a candidate whatever the background.
pub const ABSOLUTE_MATCH: f64 = 0.5;
/// Below this a pair is never a candidate: too little is shared to show the reader.
pub const MIN_SCORE: f64 = 0.05;
/// Row and column z-score a pair needs to stand out.
pub const STANDOUT_Z: f64 = 2.0;
/// Z-score an unpaired clause's best pair needs within its own row (or column) to join
/// an existing group: more than a first match needs ([`STANDOUT_Z`]).
pub const ATTACH_Z: f64 = 2.5;
/// Z-score the same pair needs from the other side's point of view, where the group's
/// own pair already widens the spread: as much as a first match needs.
pub const ATTACH_Z_OTHER: f64 = STANDOUT_Z;
/// Minimum score to join an existing group. Same commitments in two different texts score
/// 0.1-0.2 (see the module doc), so a higher floor would keep the attach rule from ever
/// serving the cross-document case it exists for.
pub const ATTACH_MIN_SCORE: f64 = 0.15;
/// From the other side's point of view a pair scoring [`SMALL_BACKGROUND_MATCH`] or more
/// (a match by a revision's standard) needs only this z-score to join: the group's own
/// near-identical pair is what widens that spread.
pub const ATTACH_Z_OTHER_STRONG: f64 = 1.5;
/// Minimum score of a further counterpart between two different texts: the low end of
/// what the same commitment in other words scores there (see the module doc).
pub const ALSO_MIN_SCORE: f64 = 0.1;
/// Standard deviations are floored at this, so a row of near-equal scores does not make
/// a tiny difference look significant.
const MIN_SPREAD: f64 = 0.03;
/// With fewer scores than this in a row or column there is no background to judge
/// against; the pair then needs [`SMALL_BACKGROUND_MATCH`].
const MIN_BACKGROUND: usize = 6;
/// The cut-off used when there is no background (the best fixed threshold on the revision
/// sets).
pub const SMALL_BACKGROUND_MATCH: f64 = 0.3;

/// Mean and spread of a list of scores.
#[derive(Debug, Clone, Copy)]
struct Background {
    mean: f64,
    spread: f64,
    count: usize,
}

impl Background {
    fn of(scores: impl Iterator<Item = f64>) -> Background {
        let (mut n, mut sum, mut sum_sq) = (0usize, 0.0, 0.0);
        for s in scores {
            n += 1;
            sum += s;
            sum_sq += s * s;
        }
        Background::from_sums(n, sum, sum_sq)
    }

    fn from_sums(n: usize, sum: f64, sum_sq: f64) -> Background {
        let mean = if n > 0 { sum / n as f64 } else { 0.0 };
        let var = if n > 0 {
            (sum_sq / n as f64 - mean * mean).max(0.0)
        } else {
            0.0
        };
        Background {
            mean,
            spread: var.sqrt().max(MIN_SPREAD),
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
    fn background(&self, n: usize, fallback: &Sums) -> Background {
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
        )
    }
}

/// Row and column backgrounds of a row-major `rows × cols` score matrix.
pub struct Backgrounds {
    rows: Vec<Background>,
    cols: Vec<Background>,
}

impl Backgrounds {
    /// Computes them.
    pub fn new(scores: &[f64], rows: usize, cols: usize) -> Self {
        Backgrounds {
            rows: (0..rows)
                .map(|r| Background::of(scores[r * cols..(r + 1) * cols].iter().copied()))
                .collect(),
            cols: (0..cols)
                .map(|c| Background::of((0..rows).map(|r| scores[r * cols + c])))
                .collect(),
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
        Backgrounds {
            rows: by_row.iter().map(|s| s.background(cols, &all)).collect(),
            cols: by_col.iter().map(|s| s.background(rows, &all)).collect(),
        }
    }

    /// Whether the pair `(r, c)` scoring `s` is a candidate match.
    pub fn stands_out(&self, r: usize, c: usize, s: f64) -> bool {
        if s >= ABSOLUTE_MATCH {
            return true;
        }
        if s < MIN_SCORE {
            return false;
        }
        let (row, col) = (self.rows[r], self.cols[c]);
        if row.count < MIN_BACKGROUND || col.count < MIN_BACKGROUND {
            return s >= SMALL_BACKGROUND_MATCH;
        }
        row.z(s).min(col.z(s)) >= STANDOUT_Z
    }

    /// Whether row `r`'s best pair `(r, c)` may join `c`'s group.
    pub fn row_attaches(&self, r: usize, c: usize, s: f64) -> bool {
        s >= ATTACH_MIN_SCORE
            && self.rows[r].count >= MIN_BACKGROUND
            && self.rows[r].z(s) >= ATTACH_Z
            && other_side_agrees(s, self.cols[c].z(s))
    }

    /// Whether column `c`'s best pair `(r, c)` may join `r`'s group.
    pub fn col_attaches(&self, r: usize, c: usize, s: f64) -> bool {
        s >= ATTACH_MIN_SCORE
            && self.cols[c].count >= MIN_BACKGROUND
            && self.cols[c].z(s) >= ATTACH_Z
            && other_side_agrees(s, self.rows[r].z(s))
    }
}

impl Backgrounds {
    /// Whether `(r, c)` scoring `s` links a further counterpart between two different
    /// texts: `s` stands out by [`ATTACH_Z`] from one clause's background and by
    /// [`ATTACH_Z_OTHER_STRONG`] from the other's.
    pub fn also_matches(&self, r: usize, c: usize, s: f64) -> bool {
        let (row, col) = (self.rows[r], self.cols[c]);
        if s < ALSO_MIN_SCORE || row.count < MIN_BACKGROUND || col.count < MIN_BACKGROUND {
            return false;
        }
        let (zr, zc) = (row.z(s), col.z(s));
        zr.max(zc) >= ATTACH_Z && zr.min(zc) >= ATTACH_Z_OTHER_STRONG
    }
}

/// Whether a pair scoring `s` stands out enough (z-score `z`) from the point of view of the
/// clause already in a group for the other clause to join it.
fn other_side_agrees(s: f64, z: f64) -> bool {
    z >= ATTACH_Z_OTHER || (s >= SMALL_BACKGROUND_MATCH && z >= ATTACH_Z_OTHER_STRONG)
}

/// Candidate cells of the matrix under the relative rule, as a 0/1 mask.
pub fn candidate_mask(
    scores: &[f64],
    rows: usize,
    cols: usize,
    backgrounds: &Backgrounds,
) -> Vec<bool> {
    (0..rows * cols)
        .map(|k| backgrounds.stands_out(k / cols, k % cols, scores[k]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_that_stands_out_from_low_background_is_a_candidate() {
        // Row 0: one pair at 0.18 among scores near 0.03.
        let mut scores = vec![0.03; 10 * 10];
        scores[3] = 0.18;
        let b = Backgrounds::new(&scores, 10, 10);
        assert!(b.stands_out(0, 3, 0.18));
        assert!(!b.stands_out(0, 4, 0.03));
    }

    #[test]
    fn a_uniformly_high_row_does_not_make_anything_stand_out() {
        let scores = vec![0.2; 10 * 10];
        let b = Backgrounds::new(&scores, 10, 10);
        assert!(!b.stands_out(0, 0, 0.2));
        assert!(b.stands_out(0, 0, 0.6));
    }

    #[test]
    fn estimated_from_every_cell_equals_the_exact_backgrounds() {
        let scores: Vec<f64> = (0..12 * 9)
            .map(|k| ((k * 37) % 101) as f64 / 100.0)
            .collect();
        let exact = Backgrounds::new(&scores, 12, 9);
        let cells: Vec<(u32, u32, f64)> = (0..12 * 9)
            .map(|k| ((k / 9) as u32, (k % 9) as u32, scores[k]))
            .collect();
        let candidate: Vec<bool> = (0..12 * 9).map(|k| k % 5 == 0).collect();
        let estimated = Backgrounds::estimate(12, 9, &cells, &candidate);
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
        let b = Backgrounds::estimate(1, 100, &cells, &[true, false, false, false, false]);
        let exact = Background::of(std::iter::once(0.9).chain(std::iter::repeat_n(0.1, 99)));
        assert!((b.rows[0].mean - exact.mean).abs() < 1e-12);
        assert!((b.rows[0].spread - exact.spread).abs() < 1e-12);
    }

    #[test]
    fn tiny_documents_fall_back_to_a_fixed_cut_off() {
        let scores = vec![0.35, 0.1, 0.1, 0.28];
        let b = Backgrounds::new(&scores, 2, 2);
        assert!(b.stands_out(0, 0, 0.35));
        assert!(!b.stands_out(1, 1, 0.28));
    }
}
