//! Splits and merges: a clause answered by two or more adjacent clauses on the other side.
//!
//! After the one-to-one assignment, an unpaired clause next to a paired one joins its group
//! when it shares enough with the group's partner on its own and the group read together
//! answers the partner better than the pair alone did.

use crate::similarity::Scorer;

/// An unpaired clause must score at least this share of the threshold against its
/// neighbour's partner to be considered part of it.
const MIN_PART_SHARE: f64 = 0.5;
/// The joined group must improve on the pair's score by at least this much.
const MIN_GAIN: f64 = 0.02;

/// A group of clauses aligned together, before classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// A clause indices, ascending.
    pub a: Vec<usize>,
    /// B clause indices, ascending.
    pub b: Vec<usize>,
    /// Blended score of the group, in [0, 1].
    pub score: f64,
}

/// Grows one-to-one groups into splits (one A, several B) and merges (several A, one B)
/// by taking in adjacent unpaired clauses.
pub fn grow(
    groups: &mut [Group],
    scorer: &Scorer,
    paired_a: &mut [bool],
    paired_b: &mut [bool],
    threshold: f64,
) {
    let min_part = threshold * MIN_PART_SHARE;
    for group in groups.iter_mut() {
        if group.a.len() == 1 {
            let i = group.a[0];
            loop {
                let mut best: Option<(usize, f64)> = None;
                for j in neighbours(&group.b, paired_b.len()) {
                    if paired_b[j] || scorer.score(i, j).blended < min_part {
                        continue;
                    }
                    let mut trial = group.b.clone();
                    trial.push(j);
                    trial.sort_unstable();
                    let joined = scorer.group_score(&group.a, &trial);
                    if joined >= group.score + MIN_GAIN && best.is_none_or(|(_, s)| joined > s) {
                        best = Some((j, joined));
                    }
                }
                let Some((j, joined)) = best else { break };
                paired_b[j] = true;
                group.b.push(j);
                group.b.sort_unstable();
                group.score = joined;
            }
        }
        if group.b.len() == 1 {
            let j = group.b[0];
            loop {
                let mut best: Option<(usize, f64)> = None;
                for i in neighbours(&group.a, paired_a.len()) {
                    if paired_a[i] || scorer.score(i, j).blended < min_part {
                        continue;
                    }
                    let mut trial = group.a.clone();
                    trial.push(i);
                    trial.sort_unstable();
                    let joined = scorer.group_score(&trial, &group.b);
                    if joined >= group.score + MIN_GAIN && best.is_none_or(|(_, s)| joined > s) {
                        best = Some((i, joined));
                    }
                }
                let Some((i, joined)) = best else { break };
                paired_a[i] = true;
                group.a.push(i);
                group.a.sort_unstable();
                group.score = joined;
            }
        }
    }
}

/// The indices just before and just after a sorted run, within `0..len`.
fn neighbours(run: &[usize], len: usize) -> impl Iterator<Item = usize> {
    let before = run.first().and_then(|&f| f.checked_sub(1));
    let after = run.last().map(|&l| l + 1).filter(|&n| n < len);
    before.into_iter().chain(after)
}
