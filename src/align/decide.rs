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
            && self.cols[c].z(s) >= ATTACH_Z_OTHER
    }

    /// Whether column `c`'s best pair `(r, c)` may join `r`'s group.
    pub fn col_attaches(&self, r: usize, c: usize, s: f64) -> bool {
        s >= ATTACH_MIN_SCORE
            && self.cols[c].count >= MIN_BACKGROUND
            && self.cols[c].z(s) >= ATTACH_Z
            && self.rows[r].z(s) >= ATTACH_Z_OTHER
    }
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
    fn tiny_documents_fall_back_to_a_fixed_cut_off() {
        let scores = vec![0.35, 0.1, 0.1, 0.28];
        let b = Backgrounds::new(&scores, 2, 2);
        assert!(b.stands_out(0, 0, 0.35));
        assert!(!b.stands_out(1, 1, 0.28));
    }
}
