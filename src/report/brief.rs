//! What the reader-facing reports (markdown, html) say before any clause: the headline
//! sentence, counts by section, and the commitment levels of each side with their markers.

use std::collections::BTreeMap;

use super::layout::{self, Entry, Side};
use super::{ClauseReport, DocumentReport, PairKind, Report, StrongerIn};
use crate::commitment::CommitmentChange;

/// Markers listed per commitment level and side: the commonest, enough to recognise the
/// register of a text without listing every verb.
pub(crate) const MARKERS_SHOWN: usize = 5;

/// Whether the report compares two different texts, or a text and its translation, rather
/// than two versions of one: then a word diff of a pair is noise, and the two clauses are
/// shown side by side instead.
pub(crate) fn is_cross(report: &Report) -> bool {
    report.comparison.relation != super::Relation::Revision
}

/// A clause commits (for counting a side's own commitments) when its marker is of the
/// endeavour level or firmer; encouragement and notes are not commitments a reader tracks.
pub(crate) fn commits(clause: &ClauseReport) -> bool {
    clause.commitment.marker.is_some()
        && matches!(clause.commitment.label(), "binding" | "endeavour")
}

/// The headline: how much of A has a counterpart in B, what each side has alone, and how
/// many commitments moved, e.g. `14 of A's 35 clauses have a counterpart in B; 21 are its
/// own (4 of them commitments); B adds 6 of its own; 2 commitments weakened, 1 strengthened.`
pub(crate) fn headline(report: &Report) -> String {
    let s = &report.summary;
    let own_commitments = layout::positions(&report.a, &report.unmatched_a)
        .into_iter()
        .filter_map(|i| report.a.clauses.get(i))
        .filter(|c| commits(c))
        .count();
    let b_commitments = layout::positions(&report.b, &report.unmatched_b)
        .into_iter()
        .filter_map(|j| report.b.clauses.get(j))
        .filter(|c| commits(c))
        .count();
    let paired = s.clauses_a.saturating_sub(s.only_a);
    let mut sentence = format!(
        "{paired} of A's {} {} {} a counterpart in B",
        s.clauses_a,
        plural(s.clauses_a, "clause", "clauses"),
        if paired == 1 { "has" } else { "have" }
    );
    sentence.push_str(&format!(
        "; {} {} its own{}",
        s.only_a,
        if s.only_a == 1 { "is" } else { "are" },
        of_them(own_commitments, s.only_a)
    ));
    sentence.push_str(&format!(
        "; B adds {} of its own{}",
        s.only_b,
        of_them(b_commitments, s.only_b)
    ));
    if is_cross(report) {
        // Two different texts do not weaken one another: they commit side by side.
        let (in_a, in_b) = stronger_counts(report);
        sentence.push_str(&match in_a + in_b {
            0 => "; every pair commits at the same strength".to_string(),
            n => format!(
                "; {n} {} at different strengths ({in_a} stronger in A, {in_b} in B)",
                plural(n, "pair commits", "pairs commit")
            ),
        });
    } else {
        sentence.push_str(&format!(
            "; {} {} weakened, {} strengthened",
            s.weakened,
            plural(s.weakened, "commitment", "commitments"),
            s.strengthened
        ));
        if s.reversed > 0 {
            sentence.push_str(&format!(", {} reversed", s.reversed));
        }
    }
    sentence.push('.');
    sentence
}

/// Pairs (further counterparts left out, as in the counts) that commit more firmly in A,
/// and in B.
fn stronger_counts(report: &Report) -> (usize, usize) {
    let stronger = |side| {
        report
            .pairs
            .iter()
            .filter(|p| !p.also && p.stronger_in == Some(side))
            .count()
    };
    (stronger(StrongerIn::A), stronger(StrongerIn::B))
}

/// `one` for a count of 1, else `many`.
pub(crate) fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// ` (4 of them commitments)`, empty when none is.
fn of_them(commitments: usize, of: usize) -> String {
    match commitments {
        0 => String::new(),
        n if n == of && n == 1 => " (a commitment)".to_string(),
        n if n == of => " (all commitments)".to_string(),
        n => format!(
            " ({n} of them {})",
            plural(n, "a commitment", "commitments")
        ),
    }
}

/// Counts of one section, named by its heading (A's for pairs and A's own clauses, B's for
/// B's own clauses).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SectionCounts {
    /// The heading, empty before the first heading.
    pub name: String,
    /// Identical groups.
    pub identical: usize,
    /// Modified, split or merged groups.
    pub modified: usize,
    /// A clauses without counterpart.
    pub only_a: usize,
    /// B clauses without counterpart.
    pub only_b: usize,
    /// Groups whose commitment weakened.
    pub weakened: usize,
    /// Groups whose commitment strengthened.
    pub strengthened: usize,
    /// Groups whose commitment was reversed.
    pub reversed: usize,
    /// Between two different texts, groups that commit more firmly in A.
    pub stronger_a: usize,
    /// Between two different texts, groups that commit more firmly in B.
    pub stronger_b: usize,
}

impl SectionCounts {
    /// The counts of all `sections` together.
    pub fn total(sections: &[SectionCounts]) -> SectionCounts {
        let mut total = SectionCounts::default();
        for section in sections {
            total.add(section);
        }
        total
    }

    /// Adds another section's counts to these (for a total).
    fn add(&mut self, other: &SectionCounts) {
        self.identical += other.identical;
        self.modified += other.modified;
        self.only_a += other.only_a;
        self.only_b += other.only_b;
        self.weakened += other.weakened;
        self.strengthened += other.strengthened;
        self.reversed += other.reversed;
        self.stronger_a += other.stronger_a;
        self.stronger_b += other.stronger_b;
    }
}

/// The summary's counts, as the HTML page lists them: further
/// counterparts only where there are some (two different texts).
pub(crate) fn summary_counts(report: &Report) -> Vec<(&'static str, usize)> {
    let s = &report.summary;
    let strength = if is_cross(report) {
        strength_counts(report)
    } else {
        [
            ("commitment weakened", s.weakened),
            ("commitment strengthened", s.strengthened),
        ]
    };
    let mut counts = vec![
        ("identical", s.identical),
        ("modified, split or merged", s.modified),
        ("moved", s.moved),
        ("only in A", s.only_a),
        ("only in B", s.only_b),
    ];
    // Two different texts keep no order in common: nothing moves between them.
    if report.comparison.relation == super::Relation::Cross {
        counts.retain(|&(name, _)| name != "moved");
    }
    counts.extend(strength);
    if s.reversed > 0 {
        counts.push(("commitment reversed", s.reversed));
    }
    if s.also > 0 {
        counts.insert(2, ("also (further counterparts)", s.also));
    }
    counts
}

/// A column of a by-section table: its header and its count in a section.
pub(crate) type SectionColumn = (&'static str, fn(&SectionCounts) -> usize);

/// The columns of a by-section table whose sections add up to `total`: between two
/// versions the commitments weakened and strengthened (and reversed, when any were);
/// between two different texts or a translation the pairs stronger in A and in B, and
/// identical clauses only when there are any (there they are the exception, and a column
/// of zeros would be noise).
pub(crate) fn section_columns(report: &Report, total: &SectionCounts) -> Vec<SectionColumn> {
    let mut columns: Vec<SectionColumn> = Vec::new();
    if !is_cross(report) || total.identical > 0 {
        columns.push(("identical", |s| s.identical));
    }
    columns.push(("modified", |s| s.modified));
    columns.push(("only in A", |s| s.only_a));
    columns.push(("only in B", |s| s.only_b));
    if is_cross(report) {
        columns.push(("stronger in A", |s| s.stronger_a));
        columns.push(("stronger in B", |s| s.stronger_b));
    } else {
        columns.push(("weakened", |s| s.weakened));
        columns.push(("strengthened", |s| s.strengthened));
        if total.reversed > 0 {
            columns.push(("reversed", |s| s.reversed));
        }
    }
    columns
}

/// The strength counts of a whole report, as the two columns of its counts table: a
/// revision's commitments weakened and strengthened; between two different texts or a
/// translation, where neither text is an edit of the other, the pairs stronger in A and
/// in B (further counterparts left out, as in the headline).
pub(crate) fn strength_counts(report: &Report) -> [(&'static str, usize); 2] {
    if is_cross(report) {
        let (a, b) = stronger_counts(report);
        [("stronger in A", a), ("stronger in B", b)]
    } else {
        let s = &report.summary;
        [("weakened", s.weakened), ("strengthened", s.strengthened)]
    }
}

/// Counts by section, in the order a reader of A meets the sections. Further counterparts
/// (`also` pairs) are left out, as in the summary's `modified`.
pub(crate) fn section_counts(report: &Report) -> Vec<SectionCounts> {
    counts_by(report, |_, clause| layout::section(clause))
}

/// Counts by section as [`section_counts`], with a section that is only its document's
/// title (the clauses before the first `##`, or a whole text without headings) named as
/// before any heading (empty): the title says nothing the report's own title does not.
pub(crate) fn section_counts_under_headings(report: &Report) -> Vec<SectionCounts> {
    counts_by(report, heading)
}

/// The heading a reader places a clause under: its section, or empty when that is only
/// the document's title.
pub(crate) fn heading<'r>(doc: &DocumentReport, clause: &'r ClauseReport) -> &'r str {
    let section = layout::section(clause);
    if doc.title.as_deref() == Some(section) {
        ""
    } else {
        section
    }
}

fn counts_by(
    report: &Report,
    name: impl for<'r> Fn(&DocumentReport, &'r ClauseReport) -> &'r str,
) -> Vec<SectionCounts> {
    let mut sections: Vec<SectionCounts> = Vec::new();
    for entry in layout::reading_order(report, Side::A) {
        match entry {
            Entry::OnlyA(i) => {
                if let Some(clause) = report.a.clauses.get(i) {
                    slot(&mut sections, name(&report.a, clause)).only_a += 1;
                }
            }
            Entry::OnlyB(j) => {
                if let Some(clause) = report.b.clauses.get(j) {
                    slot(&mut sections, name(&report.b, clause)).only_b += 1;
                }
            }
            Entry::Pair(k) => {
                let Some(pair) = report.pairs.get(k).filter(|p| !p.also) else {
                    continue;
                };
                let name = layout::clauses(&report.a, &pair.a_index)
                    .next()
                    .map_or("", |clause| name(&report.a, clause));
                let counts = slot(&mut sections, name);
                if pair.kind == PairKind::Identical {
                    counts.identical += 1;
                } else {
                    counts.modified += 1;
                }
                match pair.commitment_change {
                    CommitmentChange::Weakened => counts.weakened += 1,
                    CommitmentChange::Strengthened => counts.strengthened += 1,
                    CommitmentChange::Reversed => counts.reversed += 1,
                    CommitmentChange::Same => {}
                }
                match pair.stronger_in {
                    Some(StrongerIn::A) => counts.stronger_a += 1,
                    Some(StrongerIn::B) => counts.stronger_b += 1,
                    None => {}
                }
            }
        }
    }
    sections
}

/// The counts of the section named `name`, added at the end when it is new.
fn slot<'s>(sections: &'s mut Vec<SectionCounts>, name: &str) -> &'s mut SectionCounts {
    let k = match sections.iter().position(|s| s.name == name) {
        Some(k) => k,
        None => {
            sections.push(SectionCounts {
                name: name.to_string(),
                ..SectionCounts::default()
            });
            sections.len() - 1
        }
    };
    &mut sections[k]
}

/// How many clauses of one side commit at one level, and with which words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LevelCount {
    /// `binding`, `endeavour`, `encourage`, `note`, or `no marker`.
    pub label: &'static str,
    /// Clauses of A at this level.
    pub a: usize,
    /// Clauses of B at this level.
    pub b: usize,
    /// A's commonest markers at this level, most used first.
    pub markers_a: Vec<String>,
    /// B's commonest markers at this level.
    pub markers_b: Vec<String>,
}

/// The commitment levels of both documents, firmest first, each with its commonest markers;
/// levels neither side uses are left out.
pub(crate) fn commitment_levels(report: &Report) -> Vec<LevelCount> {
    let tally = |doc: &DocumentReport| {
        // label -> (clauses, marker -> uses)
        let mut by_label: BTreeMap<&'static str, (usize, BTreeMap<String, usize>)> =
            BTreeMap::new();
        for clause in &doc.clauses {
            let label = match &clause.commitment.marker {
                Some(_) => clause.commitment.label(),
                None => "no marker",
            };
            let slot = by_label.entry(label).or_default();
            slot.0 += 1;
            if let Some(marker) = &clause.commitment.marker {
                *slot.1.entry(marker.clone()).or_default() += 1;
            }
        }
        by_label
    };
    let a = tally(&report.a);
    let b = tally(&report.b);
    let commonest = |markers: Option<&BTreeMap<String, usize>>| {
        let mut markers: Vec<(&String, &usize)> = markers.into_iter().flatten().collect();
        // Most used first; ties in the markers' order, so the output is stable.
        markers.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        markers
            .into_iter()
            .take(MARKERS_SHOWN)
            .map(|(m, _)| m.clone())
            .collect::<Vec<_>>()
    };
    ["binding", "endeavour", "encourage", "note", "no marker"]
        .into_iter()
        .filter_map(|label| {
            let (na, ma) = a.get(label).map_or((0, None), |(n, m)| (*n, Some(m)));
            let (nb, mb) = b.get(label).map_or((0, None), |(n, m)| (*n, Some(m)));
            (na + nb > 0).then(|| LevelCount {
                label,
                a: na,
                b: nb,
                markers_a: commonest(ma),
                markers_b: commonest(mb),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_counts_both_sides() {
        let report = layout::weakened_report();
        assert_eq!(
            headline(&report),
            "2 of A's 2 clauses have a counterpart in B; 0 are its own; B adds 0 of its own; \
             1 commitment weakened, 0 strengthened."
        );
    }

    #[test]
    fn sections_count_every_group_once() {
        let report = layout::weakened_report();
        let sections = section_counts(&report);
        assert_eq!(sections.len(), 1);
        assert_eq!(
            (sections[0].identical, sections[0].modified),
            (1, 1),
            "{sections:?}"
        );
        assert_eq!(sections[0].weakened, 1);
    }

    #[test]
    fn levels_name_their_markers() {
        let levels = commitment_levels(&layout::weakened_report());
        let binding = levels.iter().find(|l| l.label == "binding").unwrap();
        assert_eq!((binding.a, binding.b), (1, 0));
        assert_eq!(binding.markers_a, ["将"]);
    }
}
