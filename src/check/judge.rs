//! Judging a report: each pair and unmatched clause becomes a finding, failing or reported.

use std::collections::HashMap;

use super::{Change, Finding, Rules, Side, Verdict};
use crate::commitment::{CommitmentChange, Level};
use crate::report::{ClauseReport, DocumentReport, PairKind, Report};

/// Applies `rules` to the changes of `report`.
pub fn check(report: &Report, rules: &Rules) -> Verdict {
    let mut verdict = Verdict::default();
    let index_a = id_index(&report.a);
    let index_b = id_index(&report.b);
    let mut pair_of_a = vec![None; report.a.clauses.len()];
    for (p, pair) in report.pairs.iter().enumerate() {
        for &i in &pair.a_index {
            pair_of_a[i] = Some(p);
        }
    }
    let mut judge = |changes: &[Change], finding: Finding, clauses: &[&ClauseReport]| {
        if rules.ignores(clauses) {
            verdict.ignored += 1;
            return;
        }
        let level = [&finding.old, &finding.new]
            .into_iter()
            .flatten()
            .map(|s| s.level)
            .max()
            .unwrap_or(Level::Note);
        let failing = changes
            .iter()
            .copied()
            .find(|&c| rules.fail_on.contains(&c) && rules.counts(c, level));
        match failing {
            Some(change) => verdict.failures.push(Finding { change, ..finding }),
            None => verdict.notices.push(finding),
        }
    };

    for pair in &report.pairs {
        let mut changes = Vec::new();
        match pair.commitment_change {
            CommitmentChange::Weakened => changes.push(Change::Weakened),
            CommitmentChange::Strengthened => changes.push(Change::Strengthened),
            CommitmentChange::Reversed => changes.push(Change::Reversed),
            CommitmentChange::Same => {}
        }
        if pair.kind != PairKind::Identical {
            changes.push(Change::Modified);
        }
        if pair.moved {
            changes.push(Change::Moved);
        }
        let Some(&primary) = changes.first() else {
            continue;
        };
        let old = side(&report.a, &pair.a_index);
        let new = side(&report.b, &pair.b_index);
        let clauses: Vec<&ClauseReport> = pair
            .a_index
            .iter()
            .map(|&i| &report.a.clauses[i])
            .chain(pair.b_index.iter().map(|&j| &report.b.clauses[j]))
            .collect();
        let finding = Finding {
            change: primary,
            line: new.line,
            page: pair.b_index.first().and_then(|&j| report.b.clauses[j].page),
            section: section_of(&clauses),
            old: Some(old),
            new: Some(new),
        };
        judge(&changes, finding, &clauses);
    }
    for id in &report.unmatched_a {
        let Some(&i) = index_a.get(id.as_str()) else {
            continue;
        };
        let clause = &report.a.clauses[i];
        // Where the clause would have stood in NEW: before the next OLD clause still there.
        let (page, line) = (i + 1..report.a.clauses.len())
            .find_map(|k| pair_of_a[k])
            .and_then(|p| {
                report.pairs[p]
                    .b_index
                    .iter()
                    .map(|&j| (report.b.clauses[j].page, report.b.clauses[j].line))
                    .min()
            })
            .unwrap_or((None, 1));
        let finding = Finding {
            change: Change::Removed,
            line,
            page,
            section: clause.section.clone(),
            old: Some(side(&report.a, &[i])),
            new: None,
        };
        judge(&[Change::Removed], finding, &[clause]);
    }
    for id in &report.unmatched_b {
        let Some(&j) = index_b.get(id.as_str()) else {
            continue;
        };
        let clause = &report.b.clauses[j];
        let finding = Finding {
            change: Change::Added,
            line: clause.line,
            page: clause.page,
            section: clause.section.clone(),
            old: None,
            new: Some(side(&report.b, &[j])),
        };
        judge(&[Change::Added], finding, &[clause]);
    }
    // A removed clause sorts before the clause it stood before; the sort is stable, so ties
    // keep pair order.
    let order = |f: &Finding| (f.page, f.line, f.new.is_some());
    verdict.failures.sort_by_key(order);
    verdict.notices.sort_by_key(order);
    verdict
}

impl Rules {
    /// Whether a change at commitment `level` (the highest of its clauses) counts: a
    /// weakening or a reversal always does (it changes a commitment by definition).
    fn counts(&self, change: Change, level: Level) -> bool {
        matches!(change, Change::Weakened | Change::Reversed) || level >= self.min_level
    }

    /// Whether a change over `clauses` (old and new) is ignored: all of them stand in an
    /// ignored section, or one of them contains an ignored text. A clause that moves out of
    /// an ignored section still counts.
    fn ignores(&self, clauses: &[&ClauseReport]) -> bool {
        let in_ignored_section = |c: &ClauseReport| {
            c.section_path.iter().any(|heading| {
                self.ignore_sections
                    .iter()
                    .any(|s| heading.trim() == s.trim())
            })
        };
        let has_ignored_text = |c: &ClauseReport| {
            self.ignore_clauses
                .iter()
                .any(|t| !t.is_empty() && c.text.contains(t.as_str()))
        };
        (!self.ignore_sections.is_empty() && clauses.iter().all(|c| in_ignored_section(c)))
            || clauses.iter().any(|c| has_ignored_text(c))
    }
}

fn id_index(doc: &DocumentReport) -> HashMap<&str, usize> {
    doc.clauses
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect()
}

fn side(doc: &DocumentReport, indices: &[usize]) -> Side {
    let clauses: Vec<&ClauseReport> = indices.iter().map(|&i| &doc.clauses[i]).collect();
    let strongest = clauses
        .iter()
        .max_by_key(|c| c.commitment.level)
        .map(|c| &c.commitment);
    Side {
        ids: clauses.iter().map(|c| c.id.clone()).collect(),
        line: clauses.iter().map(|c| c.line).min().unwrap_or(1),
        level: strongest.map_or(Level::Note, |c| c.level),
        marker: strongest.and_then(|c| c.marker.clone()),
        text: crate::text::join_clauses(clauses.iter().map(|c| c.text.as_str()), doc.lang),
    }
}

fn section_of(clauses: &[&ClauseReport]) -> Option<String> {
    // NEW clauses come last; prefer where the clause stands now.
    clauses.iter().rev().find_map(|c| c.section.clone())
}
