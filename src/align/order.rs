//! The order gate for long documents: a pair scoring below
//! [`super::decide::ABSOLUTE_MATCH`] must lie between the same in-order identical clauses
//! (the anchors) on both sides.
//!
//! Why: "stands out from its row and column" is a test repeated over every clause of the
//! other document. Between two declarations of a hundred clauses a deleted clause rarely
//! finds a chance partner that passes it; between revisions of ten thousand, hundreds of
//! deleted and inserted clauses meet each other and the tail of the score distribution
//! does the pairing. In a revision the anchors say where a clause's partner can be; a
//! clause that really moved far is either identical (paired first) or still scores above
//! the absolute cut-off. Two different texts share no anchors, and then the gap is the
//! whole document: nothing changes.

/// For every A clause, the inclusive range of B clauses between the anchors around it.
#[derive(Debug, Clone, PartialEq)]
pub struct Gaps {
    /// First B clause of each A clause's gap.
    pub lo: Vec<usize>,
    /// Last B clause of each A clause's gap.
    pub hi: Vec<usize>,
}

impl Gaps {
    /// Gaps of `na` A clauses around `anchors`: `(A clause, B clause)` pairs that keep the
    /// order of both documents (sorted by A and by B alike). An anchor's own gap runs
    /// between its neighbours' partners, so a clause next to it may join its group.
    pub fn new(anchors: &[(usize, usize)], na: usize, nb: usize) -> Self {
        let last_b = nb.saturating_sub(1);
        let (mut lo, mut hi) = (vec![0; na], vec![last_b; na]);
        let mut k = 0; // anchors[..k] stand before clause i
        for i in 0..na {
            while k < anchors.len() && anchors[k].0 < i {
                k += 1;
            }
            let next = if anchors.get(k).is_some_and(|a| a.0 == i) {
                k + 1
            } else {
                k
            };
            lo[i] = k.checked_sub(1).map_or(0, |p| anchors[p].1);
            hi[i] = anchors.get(next).map_or(last_b, |a| a.1);
        }
        Gaps { lo, hi }
    }

    /// Whether B clause `j` lies in A clause `i`'s gap.
    pub fn contains(&self, i: usize, j: usize) -> bool {
        self.lo[i] <= j && j <= self.hi[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_between_anchors_may_pair_only_between_their_partners() {
        // A0=B0 and A3=B5 are anchors; A1 and A2 lie between them.
        let gaps = Gaps::new(&[(0, 0), (3, 5)], 5, 8);
        assert!(gaps.contains(1, 0) && gaps.contains(1, 3) && gaps.contains(2, 5));
        assert!(!gaps.contains(1, 6));
        // After the last anchor, the gap runs to the end of B.
        assert!(gaps.contains(4, 5) && gaps.contains(4, 7) && !gaps.contains(4, 4));
        // An anchor's gap runs between its neighbours' partners.
        assert!(gaps.contains(3, 1) && gaps.contains(3, 7) && !gaps.contains(0, 6));
    }

    #[test]
    fn without_anchors_the_gap_is_the_whole_document() {
        let gaps = Gaps::new(&[], 3, 4);
        assert!((0..3).all(|i| (0..4).all(|j| gaps.contains(i, j))));
    }
}
