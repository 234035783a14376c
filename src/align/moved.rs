//! Moved groups: those outside a longest run of groups that keeps the order of both
//! documents. A clause that only shifted because others were inserted or deleted stays in
//! order and is not moved.

/// For groups given as `(first A index, first B index)` in any order, returns for each
/// whether it is moved. Among several longest in-order runs the one that keeps earlier
/// groups (by A, then B) in place wins, so the answer is deterministic.
pub fn moved_flags(keys: &[(usize, usize)]) -> Vec<bool> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by_key(|&k| keys[k]);
    // Longest strictly increasing subsequence of B positions (patience sorting).
    let mut tails: Vec<usize> = Vec::new(); // positions in `order`
    let mut parent: Vec<Option<usize>> = vec![None; order.len()];
    for (pos, &k) in order.iter().enumerate() {
        let b = keys[k].1;
        let at = tails.partition_point(|&t| keys[order[t]].1 < b);
        parent[pos] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(pos);
        } else {
            tails[at] = pos;
        }
    }
    let mut moved = vec![true; keys.len()];
    let mut cursor = tails.last().copied();
    while let Some(pos) = cursor {
        moved[order[pos]] = false;
        cursor = parent[pos];
    }
    moved
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
    fn empty_and_single() {
        assert!(moved_flags(&[]).is_empty());
        assert_eq!(moved_flags(&[(3, 1)]), [false]);
    }
}
