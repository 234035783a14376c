//! Splits and merges: a clause answered by two or more adjacent clauses on the other side.
//!
//! After the one-to-one assignment, an unpaired clause next to a paired one joins its group
//! when it shares enough with the group's partner on its own and the group read together
//! answers the partner better than the pair alone did. Growth is decided across both sides
//! and all groups at once, best gain first, so comparing B with A grows the same groups as
//! comparing A with B.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::similarity::Scorer;
use crate::tuning::Tuning;

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

/// Which document's side of a group a clause joins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    A,
    B,
}

/// One possible growth: `clause` of `side` joining group `group` (as it stood at
/// `version`), for a joined score `joined`.
#[derive(Debug)]
struct Growth {
    gain: f64,
    /// The same for a growth and its mirror image: the joining clause, then the first
    /// clause of the group's other side.
    key: (usize, usize),
    side: Side,
    group: usize,
    version: usize,
    clause: usize,
    joined: f64,
}

impl Ord for Growth {
    /// Largest gain first; among equal gains the smallest key, then side A.
    fn cmp(&self, other: &Self) -> Ordering {
        self.gain
            .total_cmp(&other.gain)
            .then_with(|| other.key.cmp(&self.key))
            .then_with(|| (self.side == Side::A).cmp(&(other.side == Side::A)))
    }
}

impl PartialOrd for Growth {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Growth {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Growth {}

/// Grows one-to-one groups into splits (one A, several B) and merges (several A, one B)
/// by taking in adjacent unpaired clauses, the growth with the largest gain first.
pub fn grow(
    groups: &mut [Group],
    scorer: &Scorer,
    paired_a: &mut [bool],
    paired_b: &mut [bool],
    threshold: f64,
    tuning: &Tuning,
    allowed: &dyn Fn(usize, usize, f64) -> bool,
) {
    let min_part = threshold * tuning.min_part_share;
    let limits = Floors {
        part: min_part,
        gain: tuning.min_gain,
        answered: tuning.min_answered_share,
    };
    let growths =
        |g: usize, group: &Group, version: usize, paired_a: &[bool], paired_b: &[bool]| {
            growths(
                g,
                group,
                version,
                scorer,
                (paired_a, paired_b),
                limits,
                allowed,
            )
        };
    let mut versions = vec![0usize; groups.len()];
    let mut queue = BinaryHeap::new();
    for (g, group) in groups.iter().enumerate() {
        queue.extend(growths(g, group, 0, paired_a, paired_b));
    }
    while let Some(growth) = queue.pop() {
        let paired = match growth.side {
            Side::A => &mut paired_a[growth.clause],
            Side::B => &mut paired_b[growth.clause],
        };
        if growth.version != versions[growth.group] || *paired {
            continue;
        }
        *paired = true;
        let group = &mut groups[growth.group];
        let side = match growth.side {
            Side::A => &mut group.a,
            Side::B => &mut group.b,
        };
        side.push(growth.clause);
        side.sort_unstable();
        group.score = growth.joined;
        versions[growth.group] += 1;
        let version = versions[growth.group];
        queue.extend(growths(growth.group, group, version, paired_a, paired_b));
    }
}

/// What a growth must clear: the part score against the partner, the gain of the group's
/// score ([`Tuning::min_gain`]), and the share of the joining clause the partner answers
/// beyond the group ([`Tuning::min_answered_share`]).
#[derive(Debug, Clone, Copy)]
struct Floors {
    part: f64,
    gain: f64,
    answered: f64,
}

/// The growths open to `group` now: a clause next to one side of it, on a side that may
/// grow (the group's other side is a single clause), which scores at least the part floor
/// against that single clause, is `allowed` with it, has enough of itself answered by that
/// clause beyond what the group already answers, and raises the group's score by the gain
/// floor at least.
fn growths(
    g: usize,
    group: &Group,
    version: usize,
    scorer: &Scorer,
    (paired_a, paired_b): (&[bool], &[bool]),
    floors: Floors,
    allowed: &dyn Fn(usize, usize, f64) -> bool,
) -> Vec<Growth> {
    let mut out = Vec::new();
    if group.a.len() == 1 {
        let i = group.a[0];
        for j in neighbours(&group.b, paired_b.len()) {
            let part = scorer.score(i, j).blended;
            if paired_b[j]
                || part < floors.part
                || !allowed(i, j, part)
                || scorer.answered_share(false, j, i, &group.b) < floors.answered
            {
                continue;
            }
            let mut trial = group.b.clone();
            trial.push(j);
            trial.sort_unstable();
            let joined = scorer.group_score(&group.a, &trial);
            out.push((Side::B, j, i, joined));
        }
    }
    if group.b.len() == 1 {
        let j = group.b[0];
        for i in neighbours(&group.a, paired_a.len()) {
            let part = scorer.score(i, j).blended;
            if paired_a[i]
                || part < floors.part
                || !allowed(i, j, part)
                || scorer.answered_share(true, i, j, &group.a) < floors.answered
            {
                continue;
            }
            let mut trial = group.a.clone();
            trial.push(i);
            trial.sort_unstable();
            let joined = scorer.group_score(&trial, &group.b);
            out.push((Side::A, i, j, joined));
        }
    }
    out.into_iter()
        .filter(|&(_, _, _, joined)| joined >= group.score + floors.gain)
        .map(|(side, clause, partner, joined)| Growth {
            gain: joined - group.score,
            key: (clause, partner),
            side,
            group: g,
            version,
            clause,
            joined,
        })
        .collect()
}
/// The indices just before and just after a sorted run, within `0..len`.
fn neighbours(run: &[usize], len: usize) -> impl Iterator<Item = usize> {
    let before = run.first().and_then(|&f| f.checked_sub(1));
    let after = run.last().map(|&l| l + 1).filter(|&n| n < len);
    before.into_iter().chain(after)
}
