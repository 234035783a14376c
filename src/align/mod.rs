//! Aligning the clauses of two documents: identical clauses first (wherever they stand),
//! then a one-to-one assignment over the similarity scores of the rest, then splits and
//! merges, then which groups moved. Start with [`align_with_stats`].
//!
//! Up to [`DENSE_MAX_CELLS`] clause pairs every pair is scored. Above that the documents
//! are long: only candidate pairs are scored and decided on ([`candidates`]: a word index,
//! and the clauses between the same identical neighbours), each unpaired clause's
//! background is estimated from the candidates and a sample of [`BACKGROUND_SAMPLES`]
//! more pairs, and a pair below [`Tuning::absolute_match`] must keep the order of the
//! identical clauses around it ([`order`]). The report names both in its limits.

mod assign;
pub mod candidates;
pub mod decide;
mod group;
mod limits;
mod moved;
pub mod order;
pub mod sections;
mod table;

use std::collections::HashMap;

pub use group::Group;
pub use limits::{Limit, Relation};

use crate::similarity::Scorer;
use crate::stats::Stats;
use crate::tuning::Tuning;
use sections::Sections;
use table::ScoreTable;

pub use crate::tuning::{BACKGROUND_SAMPLES, DENSE_MAX_CELLS};

/// Which scores the aligner decides on (for tests and benchmarks: [`Path::Auto`] is the
/// only one the command line uses).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Path {
    /// Dense up to [`DENSE_MAX_CELLS`], sparse above.
    #[default]
    Auto,
    /// Every pair scored.
    Dense,
    /// Candidates and a background sample.
    Sparse,
}

/// Decisions the aligner takes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AlignOptions {
    /// A fixed cut-off: pairs scoring at least this match (optimal assignment). `None`
    /// decides relative to the two documents (see `decide`).
    pub threshold: Option<f64>,
    /// The weights, thresholds and floors decided with.
    pub tuning: Tuning,
    /// Forces the dense or the sparse path.
    #[doc(hidden)]
    pub path: Path,
    /// Background sample per clause on the sparse path (default [`BACKGROUND_SAMPLES`]);
    /// `usize::MAX` samples every pair.
    #[doc(hidden)]
    pub background_samples: Option<usize>,
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
    /// Limits that changed how the alignment was made.
    pub limits: Vec<Limit>,
    /// Revision when a good share of clauses is kept near-identical, else cross (two
    /// different texts), as decided before any further counterparts were linked.
    pub relation: Relation,
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
    /// A further counterpart between two different texts ([`decide`]'s last pass): a
    /// one-to-one pair whose clauses may also stand in other groups. Never moved.
    pub also: bool,
}

/// Aligns A and B clauses, recording stage timings and counts in `stats`. `folded_*` are
/// the clause texts folded for identity ([`crate::tokenize::fold_for_identity`]).
pub fn align_with_stats(
    scorer: &Scorer,
    folded_a: &[String],
    folded_b: &[String],
    sections: &Sections,
    options: AlignOptions,
    stats: &mut Stats,
) -> Alignment {
    let (na, nb) = scorer.sizes();
    let mut paired_a = vec![false; na];
    let mut paired_b = vec![false; nb];
    let mut groups: Vec<Group> = Vec::new();
    let mut identical = Vec::new();

    // 1. Identical clauses pair first, in order of occurrence, wherever they stand.
    stats.time("identical", |_| {
        let mut positions_b: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::new();
        for (j, text) in folded_b.iter().enumerate() {
            positions_b.entry(text.as_str()).or_default().push_back(j);
        }
        for (i, text) in folded_a.iter().enumerate() {
            if let Some(j) = positions_b
                .get_mut(text.as_str())
                .and_then(std::collections::VecDeque::pop_front)
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
    });
    stats.identical = groups.len();

    // 2. Scores: every pair, or candidates and a sample on long documents.
    let long = na * nb > DENSE_MAX_CELLS;
    let dense = match options.path {
        Path::Auto => !long,
        Path::Dense => true,
        Path::Sparse => false,
    };
    let anchors = in_order(&groups);
    let gaps = order::Gaps::new(&anchors, na, nb);
    let samples = options
        .background_samples
        .unwrap_or(BACKGROUND_SAMPLES.max(DENSE_MAX_CELLS / na.max(1)));
    let mut limits = Vec::new();
    let (table, backgrounds) = if dense {
        stats.path = "dense";
        stats.time("score", |stats| {
            let all_a: Vec<usize> = (0..na).collect();
            let all_b: Vec<usize> = (0..nb).collect();
            let scores = scorer.matrix(&all_a, &all_b);
            stats.scored = scores.len();
            let backgrounds = decide::Backgrounds::new(&scores, na, nb, &options.tuning);
            (ScoreTable::Dense { scores, cols: nb }, backgrounds)
        })
    } else {
        stats.path = "sparse";
        if long {
            limits.push(Limit::CandidatePairs {
                a: na,
                b: nb,
                samples,
            });
        }
        sparse_table(
            scorer,
            &groups,
            (&paired_a, &paired_b),
            &gaps,
            samples,
            &options.tuning,
            stats,
        )
    };
    let gate = long.then_some(&gaps);
    stats.order_gate = gate.is_some();
    if gate.is_some() {
        limits.push(Limit::OrderGate {
            a: na,
            b: nb,
            absolute_match: options.tuning.absolute_match,
        });
    }
    // When deciding relative to the documents, a pair under headings that correspond to
    // other headings needs an absolute match ([`sections`]).
    let relative = options.threshold.is_none();
    if relative && sections.skipped {
        limits.push(Limit::SectionContextOff);
    }
    let in_context = |i: usize, j: usize| !relative || !sections.conflict(i, j);
    // Whether cell (i, j) scoring s may pair under the order gate and the section context.
    let absolute = options.tuning.absolute_match;
    let ordered = |i: usize, j: usize, s: f64| {
        s >= absolute || (gate.is_none_or(|g| g.contains(i, j)) && in_context(i, j))
    };
    // Whether clause i may join j's group (or j i's), the pair scoring s: under the order
    // gate a split or a merge stays in place whatever its score, or a near-copy anywhere in
    // a long document (boilerplate) would join a group it has nothing to do with.
    let joins = |i: usize, j: usize, s: f64| {
        gate.is_none_or(|g| g.contains(i, j)) && (s >= absolute || in_context(i, j))
    };

    // 3. One-to-one matching over the rest.
    let first_new = groups.len();
    let pairs: Vec<(usize, usize, f64)> = stats.time("assign", |_| match options.threshold {
        Some(threshold) => match &table {
            ScoreTable::Dense { scores, .. } if gate.is_none() => {
                let rows: Vec<usize> = (0..na).filter(|&i| !paired_a[i]).collect();
                let cols: Vec<usize> = (0..nb).filter(|&j| !paired_b[j]).collect();
                let sub: Vec<f64> = rows
                    .iter()
                    .flat_map(|&i| cols.iter().map(move |&j| scores[i * nb + j]))
                    .collect();
                let (pairs, greedy) = assign::assign(&sub, rows.len(), cols.len(), threshold);
                if greedy {
                    limits.push(Limit::GreedyAssignment {
                        rows: rows.len(),
                        cols: cols.len(),
                    });
                }
                pairs
                    .into_iter()
                    .map(|(r, c)| (rows[r], cols[c], sub[r * cols.len() + c]))
                    .collect()
            }
            _ => {
                limits.push(Limit::GreedyOverCandidates);
                assign::greedy_cells(
                    table
                        .cells()
                        .filter(|&(i, j, s)| {
                            !paired_a[i] && !paired_b[j] && s >= threshold && ordered(i, j, s)
                        })
                        .collect(),
                    na,
                    nb,
                )
            }
        },
        None => assign::greedy_cells(
            table
                .cells()
                .filter(|&(i, j, s)| {
                    !paired_a[i]
                        && !paired_b[j]
                        && backgrounds.stands_out(i, j, s)
                        && ordered(i, j, s)
                })
                .collect(),
            na,
            nb,
        ),
    });
    for (i, j, score) in pairs {
        paired_a[i] = true;
        paired_b[j] = true;
        groups.push(Group {
            a: vec![i],
            b: vec![j],
            score,
        });
        identical.push(false);
    }

    // 4. Splits and merges grow from the assigned (non-identical) pairs; then, when
    // deciding relative to the documents, a clause left over may join the group of a
    // counterpart it stands out for (many-to-many).
    stats.time("group", |_| {
        let part_threshold = options
            .threshold
            .unwrap_or(options.tuning.small_background_match);
        group::grow(
            &mut groups[first_new..],
            scorer,
            &mut paired_a,
            &mut paired_b,
            part_threshold,
            &options.tuning,
            &|i, j, s| s >= absolute || in_context(i, j),
        );
        if options.threshold.is_none() {
            attach(
                &mut groups,
                &mut identical,
                &table,
                &backgrounds,
                &joins,
                &mut paired_a,
                &mut paired_b,
            );
        }
    });

    // 5. Between two different texts, further counterparts.
    let relation = relation(&groups, &identical, na, nb, &options.tuning);
    let cross = relation == Relation::Cross;
    let also = if options.threshold.is_none() && cross {
        stats.time("also", |_| {
            further_counterparts(
                &groups,
                scorer,
                &table,
                &backgrounds,
                &in_context,
                options.tuning.also_min_words,
                (&mut paired_a, &mut paired_b),
            )
        })
    } else {
        Vec::new()
    };

    // 6. Order and moves. Two different texts have no order in common to keep, so only a
    // revision reports moves.
    let keys: Vec<(usize, usize)> = groups.iter().map(|g| (g.a[0], g.b[0])).collect();
    let moved = if cross {
        vec![false; keys.len()]
    } else {
        moved::moved_flags(&keys)
    };
    let mut aligned: Vec<AlignedGroup> = groups
        .into_iter()
        .zip(identical)
        .zip(moved)
        .map(|((group, identical), moved)| AlignedGroup {
            group,
            moved,
            identical,
            also: false,
        })
        .chain(also.into_iter().map(|group| AlignedGroup {
            group,
            moved: false,
            identical: false,
            also: true,
        }))
        .collect();
    aligned.sort_by_key(|g| (g.group.a[0], g.group.b[0], g.also));
    stats.pairs = aligned.len();
    Alignment {
        groups: aligned,
        only_a: (0..na).filter(|&i| !paired_a[i]).collect(),
        only_b: (0..nb).filter(|&j| !paired_b[j]).collect(),
        limits,
        relation,
    }
}

/// The identical pairs found so far that keep the order of both documents (the anchors),
/// sorted.
fn in_order(groups: &[Group]) -> Vec<(usize, usize)> {
    let keys: Vec<(usize, usize)> = groups.iter().map(|g| (g.a[0], g.b[0])).collect();
    let moved = moved::moved_flags(&keys);
    let mut anchors: Vec<(usize, usize)> = keys
        .into_iter()
        .zip(moved)
        .filter(|&(_, moved)| !moved)
        .map(|(key, _)| key)
        .collect();
    anchors.sort_unstable();
    anchors
}

/// The sparse path: candidate cells (word index, narrow gaps) and a background sample,
/// scored; the table holds the candidates, the backgrounds come from both.
fn sparse_table(
    scorer: &Scorer,
    identical: &[Group],
    (paired_a, paired_b): (&[bool], &[bool]),
    gaps: &order::Gaps,
    samples: usize,
    tuning: &Tuning,
    stats: &mut Stats,
) -> (ScoreTable, decide::Backgrounds) {
    let (na, nb) = scorer.sizes();
    let proposed = stats.time("candidates", |_| {
        let (words_a, words_b) = scorer.word_vectors();
        let mut cells = candidates::propose(
            words_a,
            words_b,
            (paired_a, paired_b),
            scorer.word_vocabulary_len(),
            crate::tuning::CANDIDATES_PER_CLAUSE,
        );
        cells.extend(candidates::gap_cells(paired_a, &gaps.lo, &gaps.hi));
        // Identical pairs propose nothing, but their own cell weighs in their background.
        cells.extend(identical.iter().map(|g| (g.a[0] as u32, g.b[0] as u32)));
        cells.sort_unstable();
        cells.dedup();
        cells
    });
    stats.candidates = proposed.len();
    // Open clauses get a full sample each; a clause paired as identical only needs its
    // background to judge a join, and the samples landing on it give that.
    let open_a: Vec<bool> = paired_a.iter().map(|&p| !p).collect();
    let open_b: Vec<bool> = paired_b.iter().map(|&p| !p).collect();
    let sampled = table::background_sample(&open_a, &open_b, samples);
    // Merge the two sorted lists, flagging candidates.
    let mut cells: Vec<(u32, u32)> = Vec::with_capacity(proposed.len() + sampled.len());
    let mut candidate: Vec<bool> = Vec::with_capacity(cells.capacity());
    let (mut p, mut q) = (0, 0);
    while p < proposed.len() || q < sampled.len() {
        let next = match (proposed.get(p), sampled.get(q)) {
            (Some(x), Some(y)) if x == y => {
                q += 1;
                None
            }
            (Some(x), Some(y)) if y < x => Some(*y),
            (Some(_), _) => None,
            (None, Some(y)) => Some(*y),
            (None, None) => unreachable!("loop condition"),
        };
        match next {
            Some(cell) => {
                cells.push(cell);
                candidate.push(false);
                q += 1;
            }
            None => {
                cells.push(proposed[p]);
                candidate.push(true);
                p += 1;
            }
        }
    }
    stats.sampled = candidate.iter().filter(|&&c| !c).count();
    stats.scored = cells.len();
    stats.time("score", |_| {
        let scores = scorer.cells(&cells);
        let cells: Vec<(u32, u32, f64)> = cells
            .iter()
            .zip(scores)
            .map(|(&(i, j), s)| (i, j, s))
            .collect();
        let backgrounds = decide::Backgrounds::estimate(na, nb, &cells, &candidate, tuning);
        // Decisions look at candidates only; the sample speaks for the background.
        let decided: Vec<(u32, u32, f64)> = cells
            .into_iter()
            .zip(&candidate)
            .filter(|&(_, &is_candidate)| is_candidate)
            .map(|(cell, _)| cell)
            .collect();
        (ScoreTable::sparse(na, nb, decided), backgrounds)
    })
}

/// Lets each unpaired clause join the group of its best counterpart when that pair stands
/// out strongly enough ([`decide::Backgrounds::row_attaches`], `col_attaches`) and
/// `may_join` (the order gate, the section context). Both documents' clauses are taken
/// together, highest score first, so comparing B with A joins the same clauses. A group is one-to-many or many-to-one: a
/// clause joins only where its side of the group is the "many" side or the group is
/// one-to-one. A group that was identical and gains a clause is identical no more.
fn attach(
    groups: &mut [Group],
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
        if other.len() == 1 {
            own.push(clause);
            own.sort_unstable();
            identical[k] = false;
            paired[clause] = true;
            group_of[clause] = k;
        }
    }
}

/// Revision when a good share of clauses is kept near-identical, else cross.
fn relation(
    groups: &[Group],
    identical: &[bool],
    na: usize,
    nb: usize,
    tuning: &Tuning,
) -> Relation {
    let kept: usize = groups
        .iter()
        .zip(identical)
        .filter(|&(g, &identical)| identical || g.score >= tuning.near_identical)
        .map(|(g, _)| g.a.len().min(g.b.len()))
        .sum();
    let shorter = na.min(nb);
    if shorter > 0 && kept as f64 >= tuning.revision_share * shorter as f64 {
        Relation::Revision
    } else {
        Relation::Cross
    }
}

/// For each A clause and each B clause, the index of the group holding it (`usize::MAX`
/// for none).
fn group_index(groups: &[Group], na: usize, nb: usize) -> (Vec<usize>, Vec<usize>) {
    let (mut group_of_a, mut group_of_b) = (vec![usize::MAX; na], vec![usize::MAX; nb]);
    for (k, group) in groups.iter().enumerate() {
        group.a.iter().for_each(|&i| group_of_a[i] = k);
        group.b.iter().for_each(|&j| group_of_b[j] = k);
    }
    (group_of_a, group_of_b)
}

/// The last pass between two different texts: every scored pair not already in one group
/// whose clauses both have `min_words` ([`Tuning::also_min_words`]), that is `in_context` and that
/// [`decide::Backgrounds::also_matches`], as a one-to-one group, in A order. Clauses it
/// links are paired from then on.
fn further_counterparts(
    groups: &[Group],
    scorer: &Scorer,
    table: &ScoreTable,
    backgrounds: &decide::Backgrounds,
    in_context: &dyn Fn(usize, usize) -> bool,
    min_words: usize,
    (paired_a, paired_b): (&mut [bool], &mut [bool]),
) -> Vec<Group> {
    let (group_of_a, group_of_b) = group_index(groups, paired_a.len(), paired_b.len());
    let (words_a, words_b) = scorer.word_vectors();
    let substantial = |v: &crate::similarity::SparseVector| v.entries.len() >= min_words;
    let mut links: Vec<Group> = table
        .cells()
        .filter(|&(i, j, s)| {
            (group_of_a[i] != group_of_b[j] || group_of_a[i] == usize::MAX)
                && substantial(&words_a[i])
                && substantial(&words_b[j])
                && in_context(i, j)
                && backgrounds.also_matches(i, j, s)
        })
        .map(|(i, j, s)| Group {
            a: vec![i],
            b: vec![j],
            score: s,
        })
        .collect();
    links.sort_by_key(|g| (g.a[0], g.b[0]));
    for link in &links {
        paired_a[link.a[0]] = true;
        paired_b[link.b[0]] = true;
    }
    links
}
