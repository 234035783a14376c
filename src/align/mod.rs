//! Aligning the clauses of two documents: identical clauses first (wherever they stand),
//! then a one-to-one assignment over the similarity matrix of the rest, then splits and
//! merges, then which groups moved. Start with [`align`].

mod assign;
mod group;
mod moved;

use std::collections::HashMap;

pub use group::Group;

use crate::similarity::Scorer;

/// Decisions the aligner takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignOptions {
    /// Pairs scoring below this are not matched.
    pub threshold: f64,
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

    // 2. One-to-one assignment over the rest.
    let rows: Vec<usize> = (0..na).filter(|&i| !paired_a[i]).collect();
    let cols: Vec<usize> = (0..nb).filter(|&j| !paired_b[j]).collect();
    let scores = scorer.matrix(&rows, &cols);
    let (pairs, greedy) = assign::assign(&scores, rows.len(), cols.len(), options.threshold);
    let mut limits = Vec::new();
    if greedy {
        limits.push(format!(
            "{} × {} clauses to assign exceeds {} cells: greedy best-first matching used instead of the optimal assignment",
            rows.len(),
            cols.len(),
            assign::HUNGARIAN_MAX_CELLS
        ));
    }
    let first_new = groups.len();
    for (r, c) in pairs {
        let (i, j) = (rows[r], cols[c]);
        paired_a[i] = true;
        paired_b[j] = true;
        groups.push(Group {
            a: vec![i],
            b: vec![j],
            score: scores[r * cols.len() + c],
        });
        identical.push(false);
    }

    // 3. Splits and merges grow from the assigned (non-identical) pairs.
    group::grow(
        &mut groups[first_new..],
        scorer,
        &mut paired_a,
        &mut paired_b,
        options.threshold,
    );

    // 4. Order and moves.
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
        only_a: (0..na).filter(|&i| !paired_a[i]).collect(),
        only_b: (0..nb).filter(|&j| !paired_b[j]).collect(),
        limits,
    }
}
