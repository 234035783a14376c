//! Aligning the clauses of two documents: identical clauses first (wherever they stand),
//! then a one-to-one assignment over the similarity matrix of the rest (over a band of it
//! when the documents are too long for the whole, see [`band`]), then splits and merges,
//! then which groups moved. Start with [`align`].

mod assign;
pub mod band;
pub mod decide;
mod group;
mod moved;

use std::collections::HashMap;

pub use group::Group;

use crate::similarity::Scorer;

/// Decisions the aligner takes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AlignOptions {
    /// A fixed cut-off: pairs scoring at least this match (optimal assignment). `None`
    /// decides relative to the two documents (see [`decide`]).
    pub threshold: Option<f64>,
}

/// The aligned groups, and what stayed unpaired.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    /// Groups in order of their first A clause.
    pub groups: Vec<AlignedGroup>,
    /// A clauses with no counterpart.
    pub only_a: Vec<usize>,
    /// B clauses with no counterpart.
    pub only_b: Vec<usize>,
    /// Limits that changed how the alignment was made, as sentences for the report.
    pub limits: Vec<String>,
}

/// A group with its place in the order of both documents.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignedGroup {
    /// The clauses and their score.
    pub group: Group,
    /// The group stands out of order with respect to the others.
    pub moved: bool,
    /// The texts are identical after folding white space and full-width forms.
    pub identical: bool,
}

/// Aligns A and B clauses. `folded_*` are the clause texts folded for identity
/// ([`crate::tokenize::fold_for_identity`]).
pub fn align(
    scorer: &Scorer,
    folded_a: &[String],
    folded_b: &[String],
    options: AlignOptions,
) -> Alignment {
    let (na, nb) = scorer.sizes();
    let mut paired_a = vec![false; na];
    let mut paired_b = vec![false; nb];
    let mut groups: Vec<Group> = Vec::new();
    let mut identical = Vec::new();

    // 1. Identical clauses pair first, in order of occurrence, wherever they stand.
    let mut positions_b: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
    for (j, text) in folded_b.iter().enumerate() {
        positions_b.entry(text.as_str()).or_default().push_back(j);
    }
    for (i, text) in folded_a.iter().enumerate() {
        if let Some(j) = positions_b
            .get_mut(text.as_str())
            .and_then(|q| q.pop_front())
        {
            paired_a[i] = true;
            paired_b[j] = true;
            groups.push(Group {
                a: vec![i],
                b: vec![j],
                score: 1.0,
            });
            identical.push(true);
        }
    }

    // 2. One-to-one matching over the rest: over the dense score matrix while it is small
    // enough, else within a band around the diagonal.
    if na.saturating_mul(nb) > band::MAX_DENSE_CELLS {
        let limit = band::pair_in_band(
            scorer,
            &mut groups,
            &mut identical,
            &mut paired_a,
            &mut paired_b,
            options.threshold,
        );
        let limits = limit.into_iter().collect();
        return finish(groups, identical, &paired_a, &paired_b, limits);
    }
    let all_a: Vec<usize> = (0..na).collect();
    let all_b: Vec<usize> = (0..nb).collect();
    let scores = scorer.matrix(&all_a, &all_b);
    let at = |i: usize, j: usize| scores[i * nb + j];
    let mut limits = Vec::new();
    let first_new = groups.len();
    let backgrounds = decide::Backgrounds::new(&scores, na, nb);
    let pairs: Vec<(usize, usize)> = match options.threshold {
        Some(threshold) => {
            let rows: Vec<usize> = (0..na).filter(|&i| !paired_a[i]).collect();
            let cols: Vec<usize> = (0..nb).filter(|&j| !paired_b[j]).collect();
            let sub: Vec<f64> = rows
                .iter()
                .flat_map(|&i| cols.iter().map(move |&j| at(i, j)))
                .collect();
            let (pairs, greedy) = assign::assign(&sub, rows.len(), cols.len(), threshold);
            if greedy {
                limits.push(format!(
                    "{} × {} clauses to assign exceeds {} cells: greedy best-first matching used instead of the optimal assignment",
                    rows.len(),
                    cols.len(),
                    assign::HUNGARIAN_MAX_CELLS
                ));
            }
            pairs.into_iter().map(|(r, c)| (rows[r], cols[c])).collect()
        }
        None => {
            let masked: Vec<f64> = scores
                .iter()
                .enumerate()
                .map(|(k, &s)| {
                    let (i, j) = (k / nb, k % nb);
                    let open = !paired_a[i] && !paired_b[j] && backgrounds.stands_out(i, j, s);
                    if open { s } else { -1.0 }
                })
                .collect();
            assign::greedy(&masked, na, nb, 0.0)
        }
    };
    for (i, j) in pairs {
        paired_a[i] = true;
        paired_b[j] = true;
        groups.push(Group {
            a: vec![i],
            b: vec![j],
            score: at(i, j),
        });
        identical.push(false);
    }

    // 3. Splits and merges grow from the assigned (non-identical) pairs; then, when
    // deciding relative to the documents, a clause left over may join the group of a
    // counterpart it stands out for (many-to-many).
    let part_threshold = options.threshold.unwrap_or(decide::SMALL_BACKGROUND_MATCH);
    group::grow(
        &mut groups[first_new..],
        scorer,
        &mut paired_a,
        &mut paired_b,
        part_threshold,
    );
    if options.threshold.is_none() {
        attach(
            &mut groups,
            &mut identical,
            &scores,
            nb,
            &backgrounds,
            &mut paired_a,
            &mut paired_b,
        );
    }

    finish(groups, identical, &paired_a, &paired_b, limits)
}

/// Step 4, order and moves: the groups sorted by their first A clause, each flagged when
/// it stands out of order, and what stayed unpaired.
fn finish(
    groups: Vec<Group>,
    identical: Vec<bool>,
    paired_a: &[bool],
    paired_b: &[bool],
    limits: Vec<String>,
) -> Alignment {
    let keys: Vec<(usize, usize)> = groups.iter().map(|g| (g.a[0], g.b[0])).collect();
    let moved = moved::moved_flags(&keys);
    let mut aligned: Vec<AlignedGroup> = groups
        .into_iter()
        .zip(identical)
        .zip(moved)
        .map(|((group, identical), moved)| AlignedGroup {
            group,
            moved,
            identical,
        })
        .collect();
    aligned.sort_by_key(|g| (g.group.a[0], g.group.b[0]));
    Alignment {
        groups: aligned,
        only_a: (0..paired_a.len()).filter(|&i| !paired_a[i]).collect(),
        only_b: (0..paired_b.len()).filter(|&j| !paired_b[j]).collect(),
        limits,
    }
}

/// Lets each unpaired clause join the group of its best counterpart when that pair stands
/// out strongly enough ([`decide::Backgrounds::row_attaches`]). A group that was identical
/// and gains a clause is identical no more.
fn attach(
    groups: &mut [Group],
    identical: &mut [bool],
    scores: &[f64],
    nb: usize,
    backgrounds: &decide::Backgrounds,
    paired_a: &mut [bool],
    paired_b: &mut [bool],
) {
    let na = paired_a.len();
    let at = |i: usize, j: usize| scores[i * nb + j];
    let best_of = |candidates: &mut dyn Iterator<Item = (usize, f64)>| {
        candidates.fold(None, |best: Option<(usize, f64)>, (k, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((k, s)),
        })
    };
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for j in (0..nb).filter(|&j| !paired_b[j]) {
        if let Some((i, s)) = best_of(&mut (0..na).map(|i| (i, at(i, j))))
            && paired_a[i]
            && backgrounds.col_attaches(i, j, s)
        {
            joins.push((i, j));
        }
    }
    for (i, j) in joins {
        if let Some(k) = groups.iter().position(|g| g.a.contains(&i))
            && groups[k].a.len() == 1
        {
            groups[k].b.push(j);
            groups[k].b.sort_unstable();
            identical[k] = false;
            paired_b[j] = true;
        }
    }
    let mut joins: Vec<(usize, usize)> = Vec::new();
    for i in (0..na).filter(|&i| !paired_a[i]) {
        if let Some((j, s)) = best_of(&mut (0..nb).map(|j| (j, at(i, j))))
            && paired_b[j]
            && backgrounds.row_attaches(i, j, s)
        {
            joins.push((i, j));
        }
    }
    for (i, j) in joins {
        if let Some(k) = groups.iter().position(|g| g.b.contains(&j)) {
            // A group is one-to-many or many-to-one: a clause joins only where its side
            // of the group is the "many" side or the group is one-to-one.
            if groups[k].b.len() == 1 {
                groups[k].a.push(i);
                groups[k].a.sort_unstable();
                identical[k] = false;
                paired_a[i] = true;
            }
        }
    }
}

/// A group scoring this or more counts as near-identical when telling revisions apart.
const NEAR_IDENTICAL: f64 = 0.8;
/// Share of the shorter document's clauses in near-identical groups above which the pair
/// is a revision of one text rather than two different texts.
const REVISION_SHARE: f64 = 0.3;

impl Alignment {
    /// `revision` when a good share of clauses is kept near-identical, else `cross`.
    pub fn relation(&self, na: usize, nb: usize) -> &'static str {
        let kept: usize = self
            .groups
            .iter()
            .filter(|g| g.identical || g.group.score >= NEAR_IDENTICAL)
            .map(|g| g.group.a.len().min(g.group.b.len()))
            .sum();
        let shorter = na.min(nb);
        if shorter > 0 && kept as f64 >= REVISION_SHARE * shorter as f64 {
            "revision"
        } else {
            "cross"
        }
    }
}
