//! Moved groups: those outside a longest run of groups that keeps the order of both
//! documents. A clause that only shifted because others were inserted or deleted stays in
//! order and is not moved.

/// For groups given as `(first A index, first B index)` in any order (each index at most
/// once per side), returns for each whether it is moved: left out of some longest run of
/// groups in the order of both documents. When several runs are longest, a group only some
/// of them keep is moved: of two clauses that swapped places both are, since neither
/// document says which one moved (and comparing B with A then flags the same groups).
pub fn moved_flags(keys: &[(usize, usize)]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&k| keys[k]);
    let b: Vec<isize> = order.iter().map(|&k| keys[k].1 as isize).collect();
    // Longest strictly increasing run ending at each position, and (on the reversed
    // sequence, negated) starting at each position.
    let ending = run_lengths(b.iter().copied());
    let mut starting = run_lengths(b.iter().rev().map(|&x| -x));
    starting.reverse();
    let longest = ending.iter().copied().max().unwrap_or(0);
    // A position lies on some longest run when the runs ending and starting there add up;
    // it lies on all of them when no other such position has the same place in a run.
    let on_some: Vec<bool> = (0..b.len())
        .map(|p| ending[p] + starting[p] == longest + 1)
        .collect();
    let mut at_place = vec![0usize; longest + 1];
    for p in (0..b.len()).filter(|&p| on_some[p]) {
        at_place[ending[p]] += 1;
    }
    let mut moved = vec![true; keys.len()];
    for (p, &k) in order.iter().enumerate() {
        moved[k] = !(on_some[p] && at_place[ending[p]] == 1);
    }
    moved
}

/// For each element, the length of the longest strictly increasing subsequence ending
/// there (patience sorting, O(n log n)).
fn run_lengths(values: impl Iterator<Item = isize>) -> Vec<usize> {
    let mut tails: Vec<isize> = Vec::new();
    values
        .map(|v| {
            let at = tails.partition_point(|&t| t < v);
            if at == tails.len() {
                tails.push(v);
            } else {
                tails[at] = v;
            }
            at + 1
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_is_not_moved() {
        assert_eq!(
            moved_flags(&[(0, 2), (1, 3), (2, 7)]),
            [false, false, false]
        );
    }

    #[test]
    fn one_clause_taken_elsewhere_is_the_only_move() {
        // A0..A4 keep their order except A1, which went to the end.
        let keys = [(0, 0), (1, 9), (2, 1), (3, 2), (4, 3)];
        assert_eq!(moved_flags(&keys), [false, true, false, false, false]);
    }

    #[test]
    fn two_swapped_clauses_both_moved_and_the_mirror_agrees() {
        let keys = [(0, 0), (1, 2), (2, 1), (3, 3)];
        assert_eq!(moved_flags(&keys), [false, true, true, false]);
        let mirrored: Vec<(usize, usize)> = keys.iter().map(|&(a, b)| (b, a)).collect();
        assert_eq!(moved_flags(&mirrored), [false, true, true, false]);
    }

    #[test]
    fn a_block_moved_past_a_longer_one_is_the_move() {
        // A0–A2 went after A3–A6.
        let keys = [(0, 4), (1, 5), (2, 6), (3, 0), (4, 1), (5, 2), (6, 3)];
        let moved = moved_flags(&keys);
        assert_eq!(moved, [true, true, true, false, false, false, false]);
    }

    #[test]
    fn empty_and_single() {
        assert!(moved_flags(&[]).is_empty());
        assert_eq!(moved_flags(&[(3, 1)]), [false]);
    }
}
