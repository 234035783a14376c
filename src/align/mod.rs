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
mod attach;
pub mod candidates;
pub mod decide;
mod group;
mod limits;
mod moved;
pub mod order;
pub mod sections;
mod table;
mod translation;
pub mod verdict;

use std::collections::HashMap;

pub use group::Group;
pub use limits::{Limit, Relation};

use crate::similarity::Scorer;
use crate::stats::Stats;
use crate::tuning::Tuning;
use attach::attach;
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
    /// Keeps every candidate pair's signals between two different texts in
    /// [`Stats::signals`] (for fitting the decision).
    #[doc(hidden)]
    pub keep_signals: bool,
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
    /// Between two different texts, the best pairs of clauses left without a counterpart
    /// that the decision did not count as the same commitment ([`verdict`]), in A order.
    /// Their clauses stay in `only_a` and `only_b`.
    pub related: Vec<AlignedGroup>,
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
    /// The estimated chance that the group is the same commitment ([`verdict`]); 1 for
    /// identical clauses.
    pub confidence: f64,
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
    let mut pairing = Pairing::new(na, nb);
    stats.time("identical", |_| {
        pair_identical(&mut pairing, folded_a, folded_b, sections);
    });
    stats.identical = pairing.groups.len();
    // Between two different texts the fitted decision starts again from here.
    let mut identical_only = options.threshold.is_none().then(|| pairing.clone());
    let mut limits = Vec::new();
    let scores = score_pairs(scorer, &pairing, &options, &mut limits, stats);
    // When deciding relative to the documents, a pair under headings that correspond to
    // other headings needs an absolute match ([`sections`]).
    if options.threshold.is_none() && sections.skipped {
        limits.push(Limit::SectionContextOff);
    }
    let admission = Admission {
        gate: scores.gate.as_ref(),
        sections,
        relative: options.threshold.is_none(),
        absolute: options.tuning.absolute_match,
    };
    let first_new = pairing.groups.len();
    stats.time("assign", |_| {
        assign_one_to_one(&mut pairing, &scores, &admission, &options, &mut limits);
    });
    // A text and its translation: the order of the pairs found is a prior for the rest.
    let translation = options
        .threshold
        .is_none()
        .then(|| translation::detect(&pairing, scorer))
        .flatten();
    if let Some(anchors) = &translation {
        translation::fill_gaps(&mut pairing, scorer, anchors);
    }
    stats.time("group", |_| {
        grow_and_attach(
            &mut pairing,
            first_new,
            scorer,
            &scores,
            &admission,
            &options,
        );
    });
    let relation = if translation.is_some() {
        Relation::Translation
    } else {
        relation(&pairing, &options.tuning)
    };
    // Only between two different texts does a pair's confidence come from its signals.
    let signals = (relation == Relation::Cross).then(|| {
        let mut signals =
            verdict::Signals::new(scorer, &scores.table, &scores.backgrounds, sections);
        signals.note_decided(&pairing.groups[first_new..]);
        signals
    });
    let (also, related) = match (&signals, identical_only.take()) {
        (Some(signals), Some(identical_only)) => stats.time("decide", |stats| {
            pairing = identical_only;
            let (also, related, candidates) = decide_cross(
                &mut pairing,
                signals,
                &scores,
                &admission,
                (folded_a, folded_b),
                &options.tuning,
            );
            if options.keep_signals {
                stats.signals = candidates
                    .iter()
                    .map(|c| (c.i, c.j, c.features.to_vec()))
                    .collect();
            }
            (also, related)
        }),
        _ => (Vec::new(), Vec::new()),
    };
    let mut alignment = pairing.into_alignment(also, relation, limits);
    let model = &options.tuning.cross;
    for aligned in &mut alignment.groups {
        if !aligned.identical {
            aligned.confidence = match &signals {
                Some(signals) => group_confidence(signals, model, &aligned.group),
                None => crate::tuning::REVISION_PAIR_PRECISION,
            };
        }
    }
    alignment.related = related
        .into_iter()
        .map(|(confidence, group)| AlignedGroup {
            group,
            moved: false,
            identical: false,
            also: false,
            confidence,
        })
        .collect();
    stats.pairs = alignment.groups.len();
    alignment
}

/// The confidence of a group: that of its most confident clause pair.
fn group_confidence(
    signals: &verdict::Signals<'_>,
    model: &crate::tuning::CrossModel,
    group: &Group,
) -> f64 {
    group
        .a
        .iter()
        .flat_map(|&i| group.b.iter().map(move |&j| (i, j)))
        .map(|(i, j)| signals.confidence(model, i, j))
        .fold(0.0, f64::max)
}

/// Steps 3–6 between two different texts: from the identical pairs on, the fitted decision
/// ([`verdict`]) pairs clauses one-to-one, links further counterparts and keeps the best
/// pairs left over as related. Returns the further counterparts, the related pairs with
/// their confidence, and every candidate pair with its signals.
fn decide_cross(
    pairing: &mut Pairing,
    signals: &verdict::Signals<'_>,
    scores: &Scores,
    admission: &Admission<'_>,
    (folded_a, folded_b): (&[String], &[String]),
    tuning: &Tuning,
) -> (Vec<Group>, Vec<(f64, Group)>, Vec<verdict::Candidate>) {
    let kinds = |folded: &[String]| -> Vec<verdict::Kind> {
        folded.iter().map(|text| verdict::Kind::of(text)).collect()
    };
    let (kinds_a, kinds_b) = (kinds(folded_a), kinds(folded_b));
    let (group_of_a, group_of_b) = attach::group_index(
        &pairing.groups,
        pairing.paired_a.len(),
        pairing.paired_b.len(),
    );
    let candidates = verdict::candidates(
        signals,
        &scores.table,
        (&kinds_a, &kinds_b),
        &|i, j| {
            admission.in_gate(i, j)
                && (group_of_a[i] != group_of_b[j] || group_of_a[i] == usize::MAX)
        },
        tuning,
    );
    let decided = verdict::decide(
        &candidates,
        &mut pairing.paired_a,
        &mut pairing.paired_b,
        &tuning.cross,
    );
    for (_, group) in decided.pairs {
        pairing.groups.push(group);
        pairing.identical.push(false);
    }
    let also = decided.also.into_iter().map(|(_, group)| group).collect();
    let related = decided
        .related
        .into_iter()
        .map(|(c, group)| (c.confidence, group))
        .collect();
    (also, related, candidates)
}

/// The aligner's state between its steps: the groups found so far, whether each was
/// identical, and which clauses they hold. Clauses join only through its methods and
/// [`group::grow`] / [`attach`], which mark them paired, so a clause stands in one group.
#[derive(Clone)]
struct Pairing {
    groups: Vec<Group>,
    identical: Vec<bool>,
    paired_a: Vec<bool>,
    paired_b: Vec<bool>,
}

impl Pairing {
    fn new(na: usize, nb: usize) -> Pairing {
        Pairing {
            groups: Vec::new(),
            identical: Vec::new(),
            paired_a: vec![false; na],
            paired_b: vec![false; nb],
        }
    }

    /// A one-to-one group of two open clauses.
    fn pair(&mut self, i: usize, j: usize, score: f64, identical: bool) {
        debug_assert!(
            !self.paired_a[i] && !self.paired_b[j],
            "({i}, {j}) already paired"
        );
        self.paired_a[i] = true;
        self.paired_b[j] = true;
        self.groups.push(Group {
            a: vec![i],
            b: vec![j],
            score,
        });
        self.identical.push(identical);
    }

    /// Whether neither clause of `(i, j)` is paired yet.
    fn open(&self, i: usize, j: usize) -> bool {
        !self.paired_a[i] && !self.paired_b[j]
    }

    /// The last step: moves (a revision's only: two different texts keep no order in
    /// common), the further counterparts beside the groups, and what stayed unpaired.
    fn into_alignment(self, also: Vec<Group>, relation: Relation, limits: Vec<Limit>) -> Alignment {
        let keys: Vec<(usize, usize)> = self.groups.iter().map(|g| (g.a[0], g.b[0])).collect();
        let moved = if relation == Relation::Cross {
            vec![false; keys.len()]
        } else {
            moved::moved_flags(&keys)
        };
        let mut groups: Vec<AlignedGroup> = self
            .groups
            .into_iter()
            .zip(self.identical)
            .zip(moved)
            .map(|((group, identical), moved)| AlignedGroup {
                group,
                moved,
                identical,
                also: false,
                confidence: 1.0,
            })
            .chain(also.into_iter().map(|group| AlignedGroup {
                group,
                moved: false,
                identical: false,
                also: true,
                confidence: 1.0,
            }))
            .collect();
        groups.sort_by_key(|g| (g.group.a[0], g.group.b[0], g.also));
        let unpaired = |paired: &[bool]| (0..paired.len()).filter(|&k| !paired[k]).collect();
        Alignment {
            groups,
            only_a: unpaired(&self.paired_a),
            only_b: unpaired(&self.paired_b),
            limits,
            relation,
            related: Vec::new(),
        }
    }
}

/// Step 1: identical clauses pair first, wherever they stand. A text that occurs once on
/// each side pairs at once; the copies of a repeated text pair by context
/// ([`pair_copies`]), so deleting one copy leaves that one unpaired, not the last.
fn pair_identical(
    pairing: &mut Pairing,
    folded_a: &[String],
    folded_b: &[String],
    sections: &Sections,
) {
    let mut positions: HashMap<&str, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for (i, text) in folded_a.iter().enumerate() {
        positions.entry(text.as_str()).or_default().0.push(i);
    }
    for (j, text) in folded_b.iter().enumerate() {
        if let Some(entry) = positions.get_mut(text.as_str()) {
            entry.1.push(j);
        }
    }
    // In A order of each text's first copy, so the groups come out the same every run.
    let mut texts: Vec<(Vec<usize>, Vec<usize>)> = positions
        .into_values()
        .filter(|(_, b)| !b.is_empty())
        .collect();
    texts.sort_unstable_by_key(|(a, _)| a[0]);
    for (copies_a, copies_b) in texts {
        if copies_a.len() == 1 && copies_b.len() == 1 {
            pairing.pair(copies_a[0], copies_b[0], 1.0, true);
        } else {
            for (i, j) in pair_copies(&copies_a, &copies_b, folded_a, folded_b, sections) {
                pairing.pair(i, j, 1.0, true);
            }
        }
    }
}

/// The copies of one repeated text paired by context: a pair scores 2 for corresponding
/// headings and 1 for each identical neighbour (the clause before, the clause after); the
/// best-scoring pairs are taken first, then the closest in copy order. Past
/// [`crate::tuning::MAX_DUPLICATE_PAIRS`] the copies pair in order.
fn pair_copies(
    copies_a: &[usize],
    copies_b: &[usize],
    folded_a: &[String],
    folded_b: &[String],
    sections: &Sections,
) -> Vec<(usize, usize)> {
    if copies_a.len() * copies_b.len() > crate::tuning::MAX_DUPLICATE_PAIRS {
        return copies_a
            .iter()
            .copied()
            .zip(copies_b.iter().copied())
            .collect();
    }
    let same = |i: Option<usize>, j: Option<usize>| match (i, j) {
        (Some(i), Some(j)) => folded_a.get(i).is_some_and(|a| folded_b.get(j) == Some(a)),
        _ => false,
    };
    let mut candidates: Vec<(u8, usize, usize, usize)> = Vec::new();
    for (ra, &i) in copies_a.iter().enumerate() {
        for (rb, &j) in copies_b.iter().enumerate() {
            let context = 2 * u8::from(sections.agree(i, j))
                + u8::from(same(i.checked_sub(1), j.checked_sub(1)))
                + u8::from(same(Some(i + 1), Some(j + 1)));
            candidates.push((context, ra.abs_diff(rb), ra, rb));
        }
    }
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2, x.3).cmp(&(y.1, y.2, y.3))));
    let (mut used_a, mut used_b) = (vec![false; copies_a.len()], vec![false; copies_b.len()]);
    let mut pairs = Vec::new();
    for (_, _, ra, rb) in candidates {
        if !used_a[ra] && !used_b[rb] {
            used_a[ra] = true;
            used_b[rb] = true;
            pairs.push((copies_a[ra], copies_b[rb]));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The scores the later steps decide on, and what they are judged against.
struct Scores {
    table: ScoreTable,
    backgrounds: decide::Backgrounds,
    /// The order gate of long documents: pairs between the same in-order identical clauses.
    gate: Option<order::Gaps>,
}

/// Step 2: every pair scored, or on long documents candidates and a sample.
fn score_pairs(
    scorer: &Scorer,
    pairing: &Pairing,
    options: &AlignOptions,
    limits: &mut Vec<Limit>,
    stats: &mut Stats,
) -> Scores {
    let (na, nb) = scorer.sizes();
    let long = na * nb > DENSE_MAX_CELLS;
    let dense = match options.path {
        Path::Auto => !long,
        Path::Dense => true,
        Path::Sparse => false,
    };
    let anchors = in_order(&pairing.groups);
    let gaps = order::Gaps::new(&anchors, na, nb);
    let samples = options
        .background_samples
        .unwrap_or(BACKGROUND_SAMPLES.max(DENSE_MAX_CELLS / na.max(1)));
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
            &pairing.groups,
            (&pairing.paired_a, &pairing.paired_b),
            &gaps,
            samples,
            &options.tuning,
            stats,
        )
    };
    stats.order_gate = long;
    if long {
        limits.push(Limit::OrderGate {
            a: na,
            b: nb,
            absolute_match: options.tuning.absolute_match,
        });
    }
    Scores {
        table,
        backgrounds,
        gate: long.then_some(gaps),
    }
}

/// Which pairs the order gate and the section context let through.
struct Admission<'a> {
    gate: Option<&'a order::Gaps>,
    sections: &'a Sections,
    /// Deciding relative to the documents (no fixed threshold): section context applies.
    relative: bool,
    absolute: f64,
}

impl Admission<'_> {
    /// Whether `(i, j)` stands under headings that do not conflict.
    fn in_context(&self, i: usize, j: usize) -> bool {
        !self.relative || !self.sections.conflict(i, j)
    }

    fn in_gate(&self, i: usize, j: usize) -> bool {
        self.gate.is_none_or(|g| g.contains(i, j))
    }

    /// Whether `(i, j)` scoring `s` may pair under the order gate and the section context.
    fn ordered(&self, i: usize, j: usize, s: f64) -> bool {
        s >= self.absolute || (self.in_gate(i, j) && self.in_context(i, j))
    }

    /// Whether clause `i` may join `j`'s group (or `j` `i`'s), the pair scoring `s`: under
    /// the order gate a split or a merge stays in place whatever its score, or a near-copy
    /// anywhere in a long document (boilerplate) would join a group it has nothing to do
    /// with.
    fn joins(&self, i: usize, j: usize, s: f64) -> bool {
        self.in_gate(i, j) && (s >= self.absolute || self.in_context(i, j))
    }
}

/// Step 3: one-to-one matching over the clauses still open.
fn assign_one_to_one(
    pairing: &mut Pairing,
    scores: &Scores,
    admission: &Admission<'_>,
    options: &AlignOptions,
    limits: &mut Vec<Limit>,
) {
    let (na, nb) = (pairing.paired_a.len(), pairing.paired_b.len());
    let table = &scores.table;
    let pairs: Vec<(usize, usize, f64)> = match options.threshold {
        Some(threshold) => match table {
            // The optimal assignment over the whole table, unless the order gate holds
            // pairs back.
            ScoreTable::Dense { scores, .. } if admission.gate.is_none() => {
                let rows: Vec<usize> = (0..na).filter(|&i| !pairing.paired_a[i]).collect();
                let cols: Vec<usize> = (0..nb).filter(|&j| !pairing.paired_b[j]).collect();
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
                            pairing.open(i, j) && s >= threshold && admission.ordered(i, j, s)
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
                    pairing.open(i, j)
                        && scores.backgrounds.stands_out(i, j, s)
                        && admission.ordered(i, j, s)
                })
                .collect(),
            na,
            nb,
        ),
    };
    for (i, j, score) in pairs {
        pairing.pair(i, j, score, false);
    }
}

/// Step 4: splits and merges grow from the assigned (non-identical) pairs, `first_new` on;
/// then, when deciding relative to the documents, a clause left over may join the group of
/// a counterpart it stands out for (many-to-many).
fn grow_and_attach(
    pairing: &mut Pairing,
    first_new: usize,
    scorer: &Scorer,
    scores: &Scores,
    admission: &Admission<'_>,
    options: &AlignOptions,
) {
    let part_threshold = options
        .threshold
        .unwrap_or(options.tuning.small_background_match);
    group::grow(
        &mut pairing.groups[first_new..],
        scorer,
        &mut pairing.paired_a,
        &mut pairing.paired_b,
        part_threshold,
        &options.tuning,
        &|i, j, s| s >= admission.absolute || admission.in_context(i, j),
    );
    if options.threshold.is_none() {
        attach(
            &mut pairing.groups,
            scorer,
            options.tuning.min_answered_share,
            &mut pairing.identical,
            &scores.table,
            &scores.backgrounds,
            &|i, j, s| admission.joins(i, j, s),
            &mut pairing.paired_a,
            &mut pairing.paired_b,
        );
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

/// Step 5: revision when a good share of clauses is kept near-identical, else cross.
fn relation(pairing: &Pairing, tuning: &Tuning) -> Relation {
    let kept: usize = pairing
        .groups
        .iter()
        .zip(&pairing.identical)
        .filter(|&(g, &identical)| identical || g.score >= tuning.near_identical)
        .map(|(g, _)| g.a.len().min(g.b.len()))
        .sum();
    let shorter = pairing.paired_a.len().min(pairing.paired_b.len());
    if shorter > 0 && kept as f64 >= tuning.revision_share * shorter as f64 {
        Relation::Revision
    } else {
        Relation::Cross
    }
}
