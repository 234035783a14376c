//! Between two different texts, or a text and its translation: every pair once, in one
//! table with the two clauses side by side, each with its commitment level and marker, and
//! the difference of strength where there is one. A word diff would be noise there.

use std::io::Write;

use super::inline::escape;
use super::{flags, ids};
use crate::report::brief;
use crate::report::layout;
use crate::report::{DocumentReport, Pair, PairKind, Report};

/// Shared words listed per pair, where they say why two clauses that read differently were
/// paired.
const EVIDENCE_SHOWN: usize = 3;

/// The shared pairs in one table, further counterparts (`also`) beside the group they
/// share a clause with. The heading counts them: the by-section counts leave further
/// counterparts out.
pub(super) fn shared(report: &Report, pairs: &[&Pair], out: &mut dyn Write) -> std::io::Result<()> {
    let also = pairs.iter().filter(|p| p.also).count();
    let counted = pairs.len() - also;
    let mut count = format!("{counted} {}", brief::plural(counted, "pair", "pairs"));
    if also > 0 {
        let noun = brief::plural(also, "counterpart", "counterparts");
        count.push_str(&format!(" and {also} further {noun}"));
    }
    let moved = pairs.iter().filter(|p| p.moved).count();
    if moved > 0 {
        count.push_str(&format!(", {moved} moved"));
    }
    writeln!(out, "## Shared clauses, side by side ({count})\n")?;
    if pairs.is_empty() {
        return writeln!(out, "None.\n");
    }
    table(report, pairs, out)
}

/// The related pairs, folded under the shared ones: the closest clause of the other text for
/// a clause without a counterpart, which the counts do not take as shared.
pub(super) fn related(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    if report.related.is_empty() {
        return Ok(());
    }
    let n = report.related.len();
    let noun = brief::plural(n, "pair", "pairs");
    writeln!(
        out,
        "<details>\n<summary>{n} related {noun}, not counted as shared: the closest clause of the other text for a clause without a counterpart</summary>\n"
    )?;
    let related: Vec<&Pair> = report.related.iter().collect();
    table(report, &related, out)?;
    writeln!(out, "</details>\n")
}

/// One row per pair. The strength and the evidence columns stand only where some row
/// fills them: a column of empty cells explains nothing.
fn table(report: &Report, pairs: &[&Pair], out: &mut dyn Write) -> std::io::Result<()> {
    let rows: Vec<(&Pair, String, String)> = pairs
        .iter()
        .map(|&pair| (pair, strength(report, pair), evidence(pair)))
        .collect();
    let with_strength = rows.iter().any(|(_, strength, _)| !strength.is_empty());
    let with_evidence = rows.iter().any(|(_, _, evidence)| !evidence.is_empty());
    let mut header = String::from("| clauses | A | B |");
    if with_strength {
        header.push_str(" strength |");
    }
    if with_evidence {
        // Across two languages the evidence is term pairs (能力建设 ↔ capacity building).
        header.push_str(if report.a.lang == report.b.lang {
            " shared words |"
        } else {
            " matched terms |"
        });
    }
    let columns = header.matches('|').count() - 1;
    writeln!(out, "{header}\n|{}", "---|".repeat(columns))?;
    for (pair, strength, evidence) in rows {
        let mut row = format!(
            "| {}{} | {} | {} |",
            ids(report, pair),
            flags(report, pair),
            quoted(&report.a, &pair.a_index),
            quoted(&report.b, &pair.b_index)
        );
        if with_strength {
            row.push_str(&format!(" {strength} |"));
        }
        if with_evidence {
            row.push_str(&format!(" {evidence} |"));
        }
        writeln!(out, "{row}")?;
    }
    writeln!(out)
}

/// `stronger in B: 愿 → 应`, or empty when both sides commit alike.
fn strength(report: &Report, pair: &Pair) -> String {
    layout::commitment_shift(report, pair)
        .map(|shift| {
            format!(
                "{}: {} → {}",
                shift.direction,
                escape(&shift.from),
                escape(&shift.to)
            )
        })
        .unwrap_or_default()
}

/// The shared words that paired two clauses, the weightiest first; none for identical
/// text, which explains itself.
fn evidence(pair: &Pair) -> String {
    if pair.kind == PairKind::Identical {
        return String::new();
    }
    let terms: Vec<String> = pair
        .evidence
        .iter()
        .take(EVIDENCE_SHOWN)
        .map(|e| escape(&e.term))
        .collect();
    terms.join(", ")
}

/// A side's clauses for a table cell: ids, heading, lines and commitment, then the text:
/// `*A5 · 一、促进人工智能发展 · line 19 · encourage 愿:* 我们愿…`.
fn quoted(doc: &DocumentReport, indices: &[usize]) -> String {
    let clauses: Vec<_> = layout::clauses(doc, indices).collect();
    let ids: Vec<&str> = clauses.iter().map(|c| c.id.as_str()).collect();
    let mut label = escape(&ids.join("+"));
    let heading = clauses.first().map_or("", |c| brief::heading(doc, c));
    if !heading.is_empty() {
        label.push_str(&format!(" · {}", escape(heading)));
    }
    let lines: Vec<String> = clauses.iter().map(|c| c.line.to_string()).collect();
    let noun = brief::plural(lines.len(), "line", "lines");
    label.push_str(&format!(" · {noun} {}", lines.join("+")));
    let strongest = layout::strongest(clauses.iter().copied());
    if let Some(commitment) = strongest
        && let Some(marker) = &commitment.marker
    {
        label.push_str(&format!(" · {} {}", commitment.label(), escape(marker)));
    }
    format!("*{label}:* {}", escape(&layout::group_text(doc, indices)))
}
