//! What the table, diff and markdown renderers share: the order a reader meets clauses in, a
//! group's text and commitment markers. Text made safe for an output line is [`super::safe`]'s.

use std::collections::HashMap;

use super::{ClauseReport, DocumentReport, Pair, Report};
use crate::commitment::{Commitment, CommitmentChange};

/// One of the two documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// The first document.
    A,
    /// The second document.
    B,
}

/// One stop in a reading of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entry {
    /// `report.pairs[k]`.
    Pair(usize),
    /// `report.a.clauses[i]`, which has no counterpart.
    OnlyA(usize),
    /// `report.b.clauses[j]`, which has no counterpart.
    OnlyB(usize),
}

impl Side {
    fn other(self) -> Side {
        match self {
            Side::A => Side::B,
            Side::B => Side::A,
        }
    }

    fn document(self, report: &Report) -> &DocumentReport {
        match self {
            Side::A => &report.a,
            Side::B => &report.b,
        }
    }

    fn unmatched(self, report: &Report) -> &[String] {
        match self {
            Side::A => &report.unmatched_a,
            Side::B => &report.unmatched_b,
        }
    }

    /// A group's clauses on this side.
    fn of(self, pair: &Pair) -> &[usize] {
        match self {
            Side::A => &pair.a_index,
            Side::B => &pair.b_index,
        }
    }

    /// The entry of an unmatched clause on this side.
    fn only(self, index: usize) -> Entry {
        match self {
            Side::A => Entry::OnlyA(index),
            Side::B => Entry::OnlyB(index),
        }
    }
}

/// The groups and unmatched clauses in the order of `side`'s document. The other document's
/// unmatched clauses stand after the group holding the clause that preceded them in their own
/// document, so a removal (or addition) shows where it was made. Only groups that kept their
/// place serve as anchors: a moved group sits elsewhere in this order. Every group and every
/// unmatched clause appears exactly once.
pub(crate) fn reading_order(report: &Report, side: Side) -> Vec<Entry> {
    let other = side.other();
    // Every entry keyed by its first clause on `side`; a clause belongs to one entry only,
    // but for `also` pairs, which follow the group they share a clause with.
    let mut order: Vec<((usize, bool), Entry)> = report
        .pairs
        .iter()
        .enumerate()
        .map(|(k, pair)| {
            let first = side.of(pair).iter().min().copied().unwrap_or(usize::MAX);
            ((first, pair.also), Entry::Pair(k))
        })
        .chain(
            positions(side.document(report), side.unmatched(report))
                .into_iter()
                .map(|i| ((i, false), side.only(i))),
        )
        .collect();
    order.sort_by_key(|&(first, _)| first);

    // For each clause of `other`, the unmoved group holding it.
    let mut holder: Vec<Option<usize>> = vec![None; other.document(report).clauses.len()];
    for (k, pair) in report.pairs.iter().enumerate() {
        if !pair.moved && !pair.also {
            for &j in other.of(pair) {
                if let Some(slot) = holder.get_mut(j) {
                    *slot = Some(k);
                }
            }
        }
    }
    // The anchor of a clause is the holder of the nearest clause before it that has one.
    let mut anchor_of = Vec::with_capacity(holder.len());
    let mut last = None;
    for held in &holder {
        anchor_of.push(last);
        last = held.or(last);
    }
    let mut leading = Vec::new();
    let mut after: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut unmatched = positions(other.document(report), other.unmatched(report));
    unmatched.sort_unstable();
    for j in unmatched {
        match anchor_of.get(j).copied().flatten() {
            Some(k) => after.entry(k).or_default().push(j),
            None => leading.push(j),
        }
    }

    // At one place removals come before additions, as in a unified diff: reading B, the A
    // clauses wait for nothing; reading A, the B clauses wait for A's own removals there.
    let mut entries = Vec::with_capacity(order.len() + leading.len());
    let mut waiting = leading;
    for (_, entry) in order {
        if matches!(entry, Entry::Pair(_)) || side == Side::B {
            entries.extend(waiting.drain(..).map(|j| other.only(j)));
        }
        entries.push(entry);
        if let Entry::Pair(k) = entry
            && let Some(js) = after.remove(&k)
        {
            waiting.extend(js);
        }
    }
    entries.extend(waiting.into_iter().map(|j| other.only(j)));
    entries
}

/// Indices into `doc.clauses` of the clauses with these ids, in the order given.
pub(crate) fn positions(doc: &DocumentReport, ids: &[String]) -> Vec<usize> {
    let index: HashMap<&str, usize> = doc
        .clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    ids.iter()
        .filter_map(|id| index.get(id.as_str()).copied())
        .collect()
}

/// The clauses at these indices (indices out of range are skipped, never a panic).
pub(crate) fn clauses<'r>(
    doc: &'r DocumentReport,
    indices: &'r [usize],
) -> impl Iterator<Item = &'r ClauseReport> + 'r {
    indices.iter().filter_map(|&i| doc.clauses.get(i))
}

/// The text of a group's clauses on one side, joined as the classifier joins them: Chinese
/// sentences run on, others take a space.
pub(crate) fn group_text(doc: &DocumentReport, indices: &[usize]) -> String {
    crate::text::join_clauses(clauses(doc, indices).map(|c| c.text.as_str()), doc.lang)
}

/// A change of commitment strength between the two sides of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CommitmentShift {
    /// `weakened`, `strengthened`, `reversed`, or between two texts `stronger in A`/`B`.
    pub direction: &'static str,
    /// The marker on the A side, `(none)` when no word sets the level.
    pub from: String,
    /// The marker on the B side.
    pub to: String,
}

impl std::fmt::Display for CommitmentShift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} → {}", self.direction, self.from, self.to)
    }
}

/// How a group's commitment changed, with the marker of each side; `None` when it did not.
pub(crate) fn commitment_shift(report: &Report, pair: &Pair) -> Option<CommitmentShift> {
    let direction = match pair.commitment_change {
        CommitmentChange::Same => match pair.stronger_in {
            Some(crate::report::StrongerIn::A) => "stronger in A",
            Some(crate::report::StrongerIn::B) => "stronger in B",
            None => return None,
        },
        CommitmentChange::Weakened => "weakened",
        CommitmentChange::Strengthened => "strengthened",
        CommitmentChange::Reversed => "reversed",
    };
    let marker = |doc, indices| {
        strongest(clauses(doc, indices))
            .and_then(|c| c.marker.clone())
            .unwrap_or_else(|| "(none)".to_string())
    };
    Some(CommitmentShift {
        direction,
        from: marker(&report.a, &pair.a_index),
        to: marker(&report.b, &pair.b_index),
    })
}

/// The strongest commitment among a side's clauses (the first on a tie): a group commits as
/// much as its strongest clause, which is also how a joined text reads.
pub(crate) fn strongest<'r>(
    clauses: impl Iterator<Item = &'r ClauseReport>,
) -> Option<&'r Commitment> {
    clauses
        .map(|c| &c.commitment)
        .reduce(|best, c| if c.level > best.level { c } else { best })
}

/// The innermost heading of a clause, empty before the first heading.
pub(crate) fn section(clause: &ClauseReport) -> &str {
    clause.section.as_deref().unwrap_or("")
}

/// A real comparison whose one reworded clause weakens its commitment (将 → 愿), for the
/// renderers' tests.
#[cfg(test)]
pub(crate) fn weakened_report() -> Report {
    let read = crate::ReadOptions::default();
    let a = crate::document_from_text("我们将加强合作。我们支持开放。", "a.md", "UTF-8", &read);
    let b = crate::document_from_text("我们愿加强合作。我们支持开放。", "b.md", "UTF-8", &read);
    let report = crate::compare(&a, &b, &crate::CompareOptions::default());
    assert_eq!(
        report.summary.weakened, 1,
        "the lexicon reads 将 → 愿 as a weakening"
    );
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(a: &str, b: &str) -> Report {
        let read = crate::ReadOptions::default();
        let a = crate::document_from_text(a, "a.md", "UTF-8", &read);
        let b = crate::document_from_text(b, "b.md", "UTF-8", &read);
        crate::compare(&a, &b, &crate::CompareOptions::default())
    }

    #[test]
    fn a_replacement_reads_removal_then_addition_either_way() {
        let report = report(
            "Alpha beta gamma delta. Removed sentence entirely here. Epsilon zeta eta theta.",
            "Alpha beta gamma delta. Completely novel wording appears. Epsilon zeta eta theta.",
        );
        let expected = [
            Entry::Pair(0),
            Entry::OnlyA(1),
            Entry::OnlyB(1),
            Entry::Pair(1),
        ];
        assert_eq!(reading_order(&report, Side::A), expected);
        assert_eq!(reading_order(&report, Side::B), expected);
    }

    #[test]
    fn a_moved_group_is_no_anchor() {
        // B moves "One" to the end and adds a clause after it: the addition belongs after
        // "One" in B, but reading A it stands at the end, not beside A's first clause.
        let report = report(
            "One fish swims. Two birds fly high. Three cats sleep soundly.",
            "Two birds fly high. Three cats sleep soundly. One fish swims. Quantum entanglement puzzles.",
        );
        let order = reading_order(&report, Side::A);
        assert_eq!(order.len(), 4, "{order:?}");
        assert_eq!(order.last(), Some(&Entry::OnlyB(3)), "{order:?}");
        assert!(report.pairs.iter().any(|p| p.moved));
    }

    #[test]
    fn commitment_shift_names_both_markers() {
        let report = weakened_report();
        let shifts: Vec<String> = report
            .pairs
            .iter()
            .filter_map(|p| commitment_shift(&report, p))
            .map(|s| s.to_string())
            .collect();
        assert_eq!(shifts, ["weakened 将 → 愿"]);
    }
}
