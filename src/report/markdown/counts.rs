//! The brief's opening after the headline: the two sources on two lines with the commitment
//! levels of each and their markers, then counts by section with a total.

use std::io::Write;

use super::inline::escape;
use crate::report::brief::{self, SectionCounts};
use crate::report::{DocumentReport, Report};

/// The two sources, `- **A:** samples/a.md · zh · 35 clauses` (the titles stand in the
/// brief's title), and how firmly each commits: a row per side, its clauses per level with
/// the commonest markers.
pub(super) fn sources(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for (side, doc) in [("A", &report.a), ("B", &report.b)] {
        writeln!(out, "- **{side}:** {}", source(doc))?;
    }
    writeln!(out)?;
    let levels = brief::commitment_levels(report);
    let labels: Vec<&str> = levels.iter().map(|l| l.label).collect();
    writeln!(out, "| commitment level | {} |", labels.join(" | "))?;
    writeln!(out, "|---|{}", "---|".repeat(levels.len()))?;
    for side in ["A", "B"] {
        let cells: Vec<String> = levels
            .iter()
            .map(|level| {
                let (n, markers) = if side == "A" {
                    (level.a, &level.markers_a)
                } else {
                    (level.b, &level.markers_b)
                };
                let markers: Vec<String> = markers.iter().map(|m| escape(m)).collect();
                if markers.is_empty() {
                    n.to_string()
                } else {
                    format!("{n}: {}", markers.join(", "))
                }
            })
            .collect();
        writeln!(out, "| **{side}** | {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

fn source(doc: &DocumentReport) -> String {
    let n = doc.clauses.len();
    format!(
        "{} · {} · {n} {}",
        escape(&doc.path),
        escape(doc.lang.tag()),
        brief::plural(n, "clause", "clauses")
    )
}

/// Counts by section, each heading in full, and a bold total row; between two versions the
/// groups that moved in a line below.
pub(super) fn by_section(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let sections = brief::section_counts_under_headings(report);
    let total = SectionCounts::total(&sections);
    let columns = brief::section_columns(report, &total);

    writeln!(out, "## By section\n")?;
    let headers: Vec<&str> = columns.iter().map(|(header, _)| *header).collect();
    writeln!(out, "| section | {} |", headers.join(" | "))?;
    writeln!(out, "|---|{}", "---:|".repeat(columns.len()))?;
    for s in &sections {
        let name = super::heading_name(&s.name);
        let cells: Vec<String> = columns.iter().map(|(_, n)| n(s).to_string()).collect();
        writeln!(out, "| {name} | {} |", cells.join(" | "))?;
    }
    let cells: Vec<String> = columns
        .iter()
        .map(|(_, n)| format!("**{}**", n(&total)))
        .collect();
    writeln!(out, "| **total** | {} |", cells.join(" | "))?;
    writeln!(out)?;

    // What the rows leave out, where the brief lists no such group elsewhere.
    let s = &report.summary;
    if s.moved > 0 && !brief::is_cross(report) {
        let groups = brief::plural(s.moved, "group", "groups");
        writeln!(out, "{} {groups} of these moved (see Moved).\n", s.moved)?;
    }
    Ok(())
}
