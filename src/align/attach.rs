//! Many-to-many: a clause left over joins the group of a counterpart it stands out for
//! ([`attach`]).

use super::table::ScoreTable;
use super::{Group, decide};
use crate::similarity::Scorer;

/// Lets each unpaired clause join the group of its best counterpart when that pair stands
/// out strongly enough ([`decide::Backgrounds::row_attaches`], `col_attaches`) and
/// `may_join` (the order gate, the section context). Both documents' clauses are taken
/// together, highest score first, so comparing B with A joins the same clauses. A group is one-to-many or many-to-one: a
/// clause joins only where its side of the group is the "many" side or the group is
/// one-to-one. A clause joins only when the group's single clause answers enough of it beyond
/// what the group's clauses on its side answer ([`Scorer::answered_share`] against
/// `min_answered`): a deleted clause must not ride on its neighbour's copy. A group that was
/// identical and gains a clause is identical no more.
#[allow(
    clippy::too_many_arguments,
    reason = "the aligner's state, its scores and the two rules a join must pass"
)]
pub(super) fn attach(
    groups: &mut [Group],
    scorer: &Scorer,
    min_answered: f64,
    identical: &mut [bool],
    table: &ScoreTable,
    backgrounds: &decide::Backgrounds,
    may_join: &dyn Fn(usize, usize, f64) -> bool,
    paired_a: &mut [bool],
    paired_b: &mut [bool],
) {
    // The highest score of a line; the first of equal ones.
    let best_of = |candidates: &mut dyn Iterator<Item = (usize, f64)>| {
        candidates.fold(None, |best: Option<(usize, f64)>, (k, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((k, s)),
        })
    };
    // (score, joining clause, its best counterpart, whether the joining clause is A's)
    let mut joins: Vec<(f64, usize, usize, bool)> = Vec::new();
    for i in (0..paired_a.len()).filter(|&i| !paired_a[i]) {
        if let Some((j, s)) = best_of(&mut table.row(i))
            && paired_b[j]
            && backgrounds.row_attaches(i, j, s)
            && may_join(i, j, s)
        {
            joins.push((s, i, j, true));
        }
    }
    for j in (0..paired_b.len()).filter(|&j| !paired_b[j]) {
        if let Some((i, s)) = best_of(&mut table.col(j))
            && paired_a[i]
            && backgrounds.col_attaches(i, j, s)
            && may_join(i, j, s)
        {
            joins.push((s, j, i, false));
        }
    }
    // Highest score first; ties by clause and counterpart, the same keys either way round.
    joins.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then((x.1, x.2, !x.3).cmp(&(y.1, y.2, !y.3)))
    });
    let (mut group_of_a, mut group_of_b) = group_index(groups, paired_a.len(), paired_b.len());
    for (_, clause, partner, joins_a) in joins {
        let (k, group_of, paired) = if joins_a {
            (group_of_b[partner], &mut group_of_a, &mut *paired_a)
        } else {
            (group_of_a[partner], &mut group_of_b, &mut *paired_b)
        };
        let Some(group) = groups.get_mut(k) else {
            continue;
        };
        let (own, other) = if joins_a {
            (&mut group.a, &group.b)
        } else {
            (&mut group.b, &group.a)
        };
        if other.len() == 1 && scorer.answered_share(joins_a, clause, other[0], own) >= min_answered
        {
            own.push(clause);
            own.sort_unstable();
            identical[k] = false;
            paired[clause] = true;
            group_of[clause] = k;
        }
    }
}

/// For each A clause and each B clause, the index of the group holding it (`usize::MAX`
/// for none).
pub(super) fn group_index(groups: &[Group], na: usize, nb: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut group_of_a, mut group_of_b) = (vec![usize::MAX; na], vec![usize::MAX; nb]);
    for (k, group) in groups.iter().enumerate() {
        group.a.iter().for_each(|&i| group_of_a[i] = k);
        group.b.iter().for_each(|&j| group_of_b[j] = k);
    }
    (group_of_a, group_of_b)
}
