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
    let mut count = format!("{counted} {}", if counted == 1 { "pair" } else { "pairs" });
    if also > 0 {
        let noun = if also == 1 {
            "counterpart"
        } else {
            "counterparts"
        };
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
    let noun = if n == 1 { "pair" } else { "pairs" };
    writeln!(
        out,
        "<details>\n<summary>{n} related {noun}, not counted as shared: the closest clause of the other text for a clause without a counterpart</summary>\n"
    )?;
    let related: Vec<&Pair> = report.related.iter().collect();
    table(report, &related, out)?;
    writeln!(out, "</details>\n")
}

fn table(report: &Report, pairs: &[&Pair], out: &mut dyn Write) -> std::io::Result<()> {
    // Across two languages the evidence is term pairs (能力建设 ↔ capacity building).
    let evidence = if report.a.lang == report.b.lang {
        "shared words"
    } else {
        "matched terms"
    };
    writeln!(out, "| clauses | A | B | strength | {evidence} |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for pair in pairs {
        let strength = layout::commitment_shift(report, pair)
            .map(|shift| {
                format!(
                    "{}: {} → {}",
                    shift.direction,
                    escape(&shift.from),
                    escape(&shift.to)
                )
            })
            .unwrap_or_default();
        // An identical pair explains itself.
        let terms: Vec<String> = if pair.kind == PairKind::Identical {
            Vec::new()
        } else {
            pair.evidence
                .iter()
                .take(EVIDENCE_SHOWN)
                .map(|e| escape(&e.term))
                .collect()
        };
        writeln!(
            out,
            "| {}{} | {} | {} | {strength} | {} |",
            ids(report, pair),
            flags(report, pair),
            quoted(&report.a, &pair.a_index),
            quoted(&report.b, &pair.b_index),
            terms.join(", ")
        )?;
    }
    writeln!(out)
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
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    label.push_str(&format!(" · {noun} {}", lines.join("+")));
    let strongest = layout::strongest(clauses.iter().copied());
    if let Some(commitment) = strongest
        && let Some(marker) = &commitment.marker
    {
        label.push_str(&format!(" · {} {}", commitment.label(), escape(marker)));
    }
    format!("*{label}:* {}", escape(&layout::group_text(doc, indices)))
}
