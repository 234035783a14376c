//! Comparing two readings: edits at a marker, and the opening governors of a close match.

use std::cmp::Ordering;

use super::scan::Hit;
use super::{CommitmentChange, Level, NOTE, Reading};
use crate::text::{first_chars, floor_boundary, is_han, last_chars};

impl Reading<'_> {
    pub(super) fn marker_change(&self, b: &Reading<'_>) -> CommitmentChange {
        let a = self;
        if a.text == b.text {
            return CommitmentChange::Same;
        }
        let (mut up, mut down, mut reversed) = (0usize, 0usize, 0usize);
        let mut tally = |from: Level, edit: Edit| match edit {
            Edit::Reversed => reversed += 1,
            Edit::To(to) => match to.cmp(&from) {
                Ordering::Greater => up += 1,
                Ordering::Less => down += 1,
                Ordering::Equal => {}
            },
        };
        let only_in_a = a
            .hits
            .iter()
            .filter(|h| a.counts.of_kind(h) > b.counts.of_kind(h));
        for hit in only_in_a.take(MAX_EDITS_EXAMINED) {
            if let Some(to) = replacement_level(a.text, hit, b.text, &b.hits) {
                tally(hit.level, to);
            }
        }
        let only_in_b = b
            .hits
            .iter()
            .filter(|h| b.counts.of_kind(h) > a.counts.of_kind(h));
        for hit in only_in_b.take(MAX_EDITS_EXAMINED) {
            match replacement_level(b.text, hit, a.text, &a.hits) {
                Some(Edit::To(from)) => tally(from, Edit::To(hit.level)),
                Some(Edit::Reversed) => tally(hit.level, Edit::Reversed),
                None => {}
            }
        }
        if reversed > 0 {
            return CommitmentChange::Reversed;
        }
        // Two markers edited side by side ("shall ensure" -> "should encourage") leave no
        // shared context around either, so no replacement is found; when the governing
        // marker itself is among the edited ones, its level decides.
        let governor_edited = match (a.governor, b.governor) {
            (Some(ga), Some(gb)) => {
                a.counts.of_kind(&ga) > b.counts.of_kind(&ga)
                    && b.counts.of_kind(&gb) > a.counts.of_kind(&gb)
                    && same_left_context(a.text, ga.start, b.text, gb.start)
            }
            _ => false,
        };
        match up.cmp(&down) {
            Ordering::Greater => CommitmentChange::Strengthened,
            Ordering::Less => CommitmentChange::Weakened,
            Ordering::Equal if up == 0 && !governor_edited => CommitmentChange::Same,
            Ordering::Equal => match b.level().cmp(&a.level()) {
                Ordering::Greater => CommitmentChange::Strengthened,
                Ordering::Less => CommitmentChange::Weakened,
                Ordering::Equal => CommitmentChange::Same,
            },
        }
    }

    /// For a close match whose markers tell nothing: a hedge put into a sentence that
    /// commits ("will, where feasible, ensure") weakens it, one taken out strengthens it.
    /// A hedge in a sentence the other text does not have says nothing about this one.
    pub(super) fn hedge_change(&self, b: &Reading<'_>) -> CommitmentChange {
        let inserted = |from: &Reading<'_>, into: &Reading<'_>| {
            into.hits
                .iter()
                .filter(|h| h.hedge && into.counts.of_kind(h) > from.counts.of_kind(h))
                .filter(|h| in_place(into.text, h, from.text))
                .count()
        };
        let (in_a, in_b) = (inserted(b, self), inserted(self, b));
        match in_b.cmp(&in_a) {
            Ordering::Greater if b.level() > NOTE || self.level() > NOTE => {
                CommitmentChange::Weakened
            }
            Ordering::Less if b.level() > NOTE || self.level() > NOTE => {
                CommitmentChange::Strengthened
            }
            _ => CommitmentChange::Same,
        }
    }

    pub(super) fn opening_change(&self, b: &Reading<'_>) -> CommitmentChange {
        let a = self;
        match (a.governor, b.governor) {
            (Some(ga), Some(gb))
                if a.counts.of_kind(&ga) > b.counts.of_kind(&ga)
                    && b.counts.of_kind(&gb) > a.counts.of_kind(&gb)
                    && opens_sentence(a.text, ga.start)
                    && opens_sentence(b.text, gb.start) =>
            {
                match gb.level.cmp(&ga.level) {
                    Ordering::Greater => CommitmentChange::Strengthened,
                    Ordering::Less => CommitmentChange::Weakened,
                    Ordering::Equal => CommitmentChange::Same,
                }
            }
            _ => CommitmentChange::Same,
        }
    }
}

/// Whether the words just before or just after `hit` in `text` stand in `other` too: the
/// hit was put into (or taken out of) a sentence both texts have.
fn in_place(text: &str, hit: &Hit, other: &str) -> bool {
    let zh = text
        .get(hit.start..)
        .and_then(|s| s.chars().next())
        .is_some_and(is_han);
    let (n, min) = if zh {
        (CONTEXT_CHARS_ZH, 2)
    } else {
        (CONTEXT_CHARS_EN, 4)
    };
    let not_word = |c: char| !c.is_alphanumeric();
    let left = last_chars(text.get(..hit.start).unwrap_or(""), n).trim_matches(not_word);
    let right = first_chars(text.get(hit.end..).unwrap_or(""), n).trim_matches(not_word);
    [left, right]
        .iter()
        .any(|context| context.chars().count() >= min && other.contains(context))
}

/// Whether a marker at byte `at` stands among the first words of its text ("Suppliers
/// shall", "The Council should", "我们将"): the verb that governs the whole sentence.
pub(super) fn opens_sentence(text: &str, at: usize) -> bool {
    const OPENING_CHARS: usize = 16;
    text[..at].chars().count() <= OPENING_CHARS
}

/// Whether the (up to) 12 characters before two byte offsets are the same text and the
/// same length: the two markers stand in the same place of their sentences.
pub(super) fn same_left_context(a_text: &str, a_at: usize, b_text: &str, b_at: usize) -> bool {
    let left = |text: &str, at: usize| -> String {
        let chars: Vec<char> = text[..at].chars().collect();
        chars[chars.len().saturating_sub(12)..].iter().collect()
    };
    let (la, lb) = (left(a_text, a_at), left(b_text, b_at));
    !la.trim().is_empty() && la == lb
}

/// Characters of unchanged text looked for on each side of a changed marker: about two
/// English words; Chinese packs as much into fewer characters.
pub(super) const CONTEXT_CHARS_EN: usize = 12;
pub(super) const CONTEXT_CHARS_ZH: usize = 5;
/// Longest replacement that still reads as an edit of the marker ("are further encouraged to").
pub(super) const MAX_REPLACEMENT_BYTES: usize = 40;
/// Characters of a replacement that may lie outside its markers ("are further … to"); more
/// means other content changed there too, and the marker edit is not a clean one.
pub(super) const MAX_REPLACEMENT_EXTRA_CHARS_EN: usize = 14;
pub(super) const MAX_REPLACEMENT_EXTRA_CHARS_ZH: usize = 2;
/// Occurrences of the left context tried in the other text. Bounds the work on repetitive
/// text; past it the marker gives no evidence, so the pair reads as `Same`.
pub(super) const MAX_CONTEXT_OCCURRENCES: usize = 64;
/// Changed markers examined per text and comparison. Real clauses have a handful; the cap
/// keeps a pathological pair (thousands of markers) linear. Markers past it give no evidence.
pub(super) const MAX_EDITS_EXAMINED: usize = 256;

/// What replaced a marker in the other text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edit {
    /// A marker (or nothing: level 0) at this level.
    To(Level),
    /// The same marker with the other polarity (will → will not, 不得 → 得, 将 → 不将), or a
    /// negation alone (will → never).
    Reversed,
}

/// Words that, standing alone where a marker was, negate the sentence (will → never).
const NEGATION_WORDS: &[&str] = &[
    "not",
    "never",
    "no longer",
    "不",
    "不再",
    "绝不",
    "决不",
    "从不",
];

/// If `hit` in `src` was edited in place in `other`, what replaced it there (level 0 for a
/// plain deletion); `None` when there is no such edit or it says nothing about strength.
pub(super) fn replacement_level(
    src: &str,
    hit: &Hit,
    other: &str,
    other_hits: &[Hit],
) -> Option<Edit> {
    let zh = src.get(hit.start..)?.chars().next().is_some_and(is_han);
    let (n, max_extra) = if zh {
        (CONTEXT_CHARS_ZH, MAX_REPLACEMENT_EXTRA_CHARS_ZH)
    } else {
        (CONTEXT_CHARS_EN, MAX_REPLACEMENT_EXTRA_CHARS_EN)
    };
    let (before, after) = (src.get(..hit.start)?, src.get(hit.end..)?);
    // A marker at the very start or end has context on one side only; ask for twice as much.
    let left_anchored = before.chars().nth(n).is_none();
    let right_anchored = after.chars().nth(n).is_none();
    let left = last_chars(before, if right_anchored { 2 * n } else { n });
    let right = first_chars(after, if left_anchored { 2 * n } else { n });
    let (left_anchored, right_anchored) = (left.len() == before.len(), right.len() == after.len());
    let (left, right) = (left.trim_end(), right.trim_start());
    if (left.is_empty() && !left_anchored) || (right.is_empty() && !right_anchored) {
        return None; // only whitespace next to the marker: nothing specific to look for
    }
    let gap_starts: Vec<usize> = if left_anchored {
        other
            .starts_with(left)
            .then_some(left.len())
            .into_iter()
            .collect()
    } else {
        other
            .match_indices(left)
            .take(MAX_CONTEXT_OCCURRENCES)
            .map(|(i, m)| i + m.len())
            .collect()
    };
    for gap_start in gap_starts {
        let Some(gap_end) = gap_end(other, gap_start, right, right_anchored) else {
            continue;
        };
        // Hits are in text order, so those inside the gap are one run.
        let first = other_hits.partition_point(|h| h.start < gap_start);
        let inside = other_hits.get(first..).unwrap_or(&[]);
        let inside = inside
            .get(..inside.iter().take_while(|h| h.end <= gap_end).count())
            .unwrap_or_default();
        if inside.is_empty() {
            let gap = other.get(gap_start..gap_end).unwrap_or("").trim();
            if gap.is_empty() {
                return Some(Edit::To(NOTE)); // deleted in place: the clause now states it bare
            }
            if !hit.negated && NEGATION_WORDS.iter().any(|n| gap.eq_ignore_ascii_case(n)) {
                return Some(Edit::Reversed); // "will share" → "never share"
            }
            continue; // replaced by words outside the lexicon (确保→保障): no evidence
        }
        let marker_chars: usize = inside
            .iter()
            .filter_map(|h| other.get(h.start..h.end))
            .map(|m| m.chars().count())
            .sum();
        let gap_chars = other
            .get(gap_start..gap_end)
            .map_or(0, |g| g.trim().chars().count());
        if gap_chars > marker_chars + max_extra {
            continue; // the marker changed along with other words: not a clean edit
        }
        // The same lexeme with the other polarity reverses the duty; with the same, the
        // strength did not change.
        // So does a ban replaced by a permission (不得 → 可以, shall not → may).
        let permits = hit.negated && hit.level > NOTE && inside.iter().all(|h| !h.negated);
        if permits
            || inside
                .iter()
                .any(|h| h.key == hit.key && h.negated != hit.negated)
        {
            return Some(Edit::Reversed);
        }
        let same_lexeme = inside.iter().any(|h| h.key == hit.key);
        return (!same_lexeme)
            .then(|| Edit::To(inside.iter().map(|h| h.level).max().unwrap_or(NOTE)));
    }
    None
}

/// Where the replacement starting at `gap_start` ends, given the right-hand context.
pub(super) fn gap_end(other: &str, gap_start: usize, right: &str, anchored: bool) -> Option<usize> {
    let rest = other.get(gap_start..)?;
    if anchored {
        let end = other.len().checked_sub(right.len())?;
        let fits = end >= gap_start && end - gap_start <= MAX_REPLACEMENT_BYTES;
        return (fits && rest.ends_with(right)).then_some(end);
    }
    let window = rest.get(..floor_boundary(rest, MAX_REPLACEMENT_BYTES + right.len()))?;
    Some(gap_start + window.find(right)?)
}
