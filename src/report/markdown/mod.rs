//! `--format markdown`: a brief to paste into an issue or a note, in GitHub-flavoured
//! Markdown. The headline comes first, then the sources, counts overall and by section, and
//! commitment levels with their markers; then one section per kind of change, weakened and
//! strengthened commitments first. Between two versions of a text a change shows as an
//! inline diff (`~~deleted~~**inserted**`); between two different texts the two clauses are
//! quoted side by side. Clause text is escaped so it cannot break the markup.

use std::io::Write;

pub(crate) mod inline;

use inline::{escape, inline_diff};

use super::brief;
use super::layout::{self, Side};
use super::worddiff::word_diff;
use super::{ClauseReport, DocumentReport, Pair, PairKind, RenderOptions, Report};

/// Shared words listed per pair between two different texts, where they say why two
/// clauses that read differently were paired (between versions the diff says it).
const EVIDENCE_SHOWN: usize = 3;

/// Above this many clauses only one side has, its list keeps the commitments in view and
/// folds the rest: between two different texts most clauses are a side's own.
const ONLY_LIST_OPEN: usize = 8;

/// Writes the report.
pub fn render(
    report: &Report,
    _options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "# Comparison: {} → {}\n",
        escape(&title(&report.a)),
        escape(&title(&report.b))
    )?;
    writeln!(out, "**{}**\n", escape(&brief::headline(report)))?;
    for warning in &report.warnings {
        writeln!(out, "> **Warning:** {}\n", escape(warning))?;
    }
    sources(report, out)?;
    summary(report, out)?;
    by_section(report, out)?;
    commitment_levels(report, out)?;
    if !report.comparison.limits.is_empty() {
        writeln!(out, "## Limits reached\n")?;
        for limit in &report.comparison.limits {
            writeln!(out, "- {}", escape(&limit.to_string()))?;
        }
        writeln!(out)?;
    }
    let cross = brief::is_cross(report);

    // Groups in reading order of A, so every section lists its items the same way round.
    let pairs: Vec<&Pair> = layout::reading_order(report, Side::A)
        .into_iter()
        .filter_map(|entry| match entry {
            layout::Entry::Pair(k) => report.pairs.get(k),
            _ => None,
        })
        .collect();

    let shifts = pairs
        .iter()
        .filter_map(|&pair| Some((pair, layout::commitment_shift(report, pair)?)));
    let title = if cross {
        "Commitments made at different strengths"
    } else {
        "Commitments weakened, strengthened or reversed"
    };
    section(out, title, shifts, |out, (pair, shift)| {
        writeln!(
            out,
            "- {} · {}: {} → {} · {}{}",
            ids(report, pair),
            shift.direction,
            escape(&shift.from),
            escape(&shift.to),
            place(report, pair),
            flags(pair)
        )?;
        let text_a = layout::group_text(&report.a, &pair.a_index);
        let text_b = layout::group_text(&report.b, &pair.b_index);
        if cross {
            writeln!(out, "  - A: {}", escape(&text_a))?;
            writeln!(out, "  - B: {}", escape(&text_b))
        } else {
            writeln!(
                out,
                "  - change: {}",
                inline_diff(&word_diff(&text_a, &text_b))
            )
        }
    })?;

    // A weakened or strengthened group is shown once, above.
    let modified: Vec<&Pair> = pairs
        .iter()
        .copied()
        .filter(|p| p.kind != PairKind::Identical && !p.also)
        .filter(|p| layout::commitment_shift(report, p).is_none())
        .collect();
    let besides = if pairs
        .iter()
        .any(|p| layout::commitment_shift(report, p).is_some())
    {
        ", besides the commitments above"
    } else {
        ""
    };
    if cross {
        writeln!(out, "## Modified{besides} (quoted side by side)\n")?;
        quoted_pairs(report, &modified, out)?;
        let also: Vec<&Pair> = pairs.iter().copied().filter(|p| p.also).collect();
        if !also.is_empty() {
            writeln!(
                out,
                "## Further counterparts\n\nThe same clause answered again in another place.\n"
            )?;
            quoted_pairs(report, &also, out)?;
        }
        if !report.related.is_empty() {
            writeln!(
                out,
                "## Related, not counted as shared\n\nThe closest clause of the other text for a clause without a counterpart, below the confidence of the same commitment.\n"
            )?;
            let related: Vec<&Pair> = report.related.iter().collect();
            quoted_pairs(report, &related, out)?;
        }
    } else {
        let heading = format!("Modified{besides}");
        section(out, &heading, modified.into_iter(), |out, pair| {
            writeln!(
                out,
                "- {} · {}{}",
                ids(report, pair),
                place(report, pair),
                flags(pair)
            )?;
            let diff = word_diff(
                &layout::group_text(&report.a, &pair.a_index),
                &layout::group_text(&report.b, &pair.b_index),
            );
            writeln!(out, "  - change: {}", inline_diff(&diff))
        })?;
    }

    // Two different texts keep no order in common: nothing is moved, so no section says so.
    let different_texts = report.comparison.relation == crate::report::Relation::Cross;
    if !different_texts {
        section(
            out,
            "Moved",
            pairs.iter().filter(|p| p.moved),
            |out, pair| {
                let note = if pair.kind == PairKind::Identical {
                    ""
                } else {
                    " (reworded, see Modified)"
                };
                writeln!(
                    out,
                    "- {} · {}{note}: {}",
                    ids(report, pair),
                    place(report, pair),
                    escape(&layout::group_text(&report.b, &pair.b_index))
                )
            },
        )?;
    }

    let mut only_a = layout::positions(&report.a, &report.unmatched_a);
    let mut only_b = layout::positions(&report.b, &report.unmatched_b);
    only_a.sort_unstable();
    only_b.sort_unstable();
    let only_a: Vec<&ClauseReport> = only_a
        .iter()
        .filter_map(|&i| report.a.clauses.get(i))
        .collect();
    let only_b: Vec<&ClauseReport> = only_b
        .iter()
        .filter_map(|&j| report.b.clauses.get(j))
        .collect();
    only_in(out, "Only in A", &only_a)?;
    only_in(out, "Only in B", &only_b)?;

    let identical: Vec<&&Pair> = pairs
        .iter()
        .filter(|p| p.kind == PairKind::Identical)
        .collect();
    // Between two different texts an identical clause is the exception, not the context.
    if identical.is_empty() && different_texts {
        return Ok(());
    }
    writeln!(out, "## Shared (identical)\n")?;
    if identical.is_empty() {
        writeln!(out, "None.")?;
        return Ok(());
    }
    let noun = if identical.len() == 1 {
        "clause"
    } else {
        "clauses"
    };
    // Collapsed: the shared text is context, not news.
    writeln!(
        out,
        "<details>\n<summary>{} {noun} identical in both documents</summary>\n",
        identical.len()
    )?;
    for pair in identical {
        writeln!(
            out,
            "- {} · {}: {}",
            ids(report, pair),
            place(report, pair),
            escape(&layout::group_text(&report.b, &pair.b_index))
        )?;
    }
    writeln!(out, "\n</details>")
}

/// Counts by section, with each heading in full.
fn by_section(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let sections = brief::section_counts(report);
    writeln!(out, "## By section\n")?;
    writeln!(
        out,
        "| section | identical | modified | only in A | only in B | weakened | strengthened |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|")?;
    for s in &sections {
        let name = if s.name.is_empty() {
            "(before the first heading)".to_string()
        } else {
            escape(&s.name)
        };
        writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} |",
            s.identical, s.modified, s.only_a, s.only_b, s.weakened, s.strengthened
        )?;
    }
    writeln!(out)
}

/// How firmly each side commits: clauses per level and the commonest markers.
fn commitment_levels(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "## Commitment levels\n")?;
    writeln!(out, "| level | A | A's markers | B | B's markers |")?;
    writeln!(out, "|---|---:|---|---:|---|")?;
    for level in brief::commitment_levels(report) {
        let markers = |m: &[String]| m.iter().map(|m| escape(m)).collect::<Vec<_>>().join(", ");
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            level.label,
            level.a,
            markers(&level.markers_a),
            level.b,
            markers(&level.markers_b)
        )?;
    }
    writeln!(out)
}

/// Pairs between two different texts as a table, the two clauses side by side, with the
/// shared words that made the match.
fn quoted_pairs(report: &Report, pairs: &[&Pair], out: &mut dyn Write) -> std::io::Result<()> {
    if pairs.is_empty() {
        return writeln!(out, "None.\n");
    }
    // Across two languages the evidence is term pairs (能力建设 ↔ capacity building).
    let header = if report.a.lang == report.b.lang {
        "shared words"
    } else {
        "matched terms"
    };
    writeln!(out, "| clauses | A | B | {header} |")?;
    writeln!(out, "|---|---|---|---|")?;
    for pair in pairs {
        let head = format!("{}{}", ids(report, pair), flags(pair));
        let terms: Vec<String> = pair
            .evidence
            .iter()
            .take(EVIDENCE_SHOWN)
            .map(|e| escape(&e.term))
            .collect();
        writeln!(
            out,
            "| {head} | {} | {} | {} |",
            quoted(&report.a, &pair.a_index),
            quoted(&report.b, &pair.b_index),
            terms.join(", ")
        )?;
    }
    writeln!(out)
}

/// ` · confidence 0.81 · similarity 0.52 · split · moved · also`: the scores, then what else
/// is true of the group.
fn flags(pair: &Pair) -> String {
    let mut flags = if pair.kind == PairKind::Identical {
        String::new()
    } else {
        format!(" · confidence {:.2}", pair.confidence)
    };
    flags.push_str(&format!(" · similarity {:.2}", pair.similarity));
    if !matches!(pair.kind, PairKind::Modified | PairKind::Identical) {
        flags.push_str(&format!(" · {}", pair.kind.name()));
    }
    if pair.moved {
        flags.push_str(" · moved");
    }
    if pair.also {
        flags.push_str(" · also");
    }
    flags
}

/// A side's clauses for a table cell: ids, lines, commitment, then the text.
fn quoted(doc: &DocumentReport, indices: &[usize]) -> String {
    let label: Vec<String> = layout::clauses(doc, indices)
        .map(|c| {
            let mut label = format!("{} (line {}", escape(&c.id), c.line);
            if let Some(marker) = &c.commitment.marker {
                label.push_str(&format!(", {} {}", c.commitment.label(), escape(marker)));
            }
            label.push(')');
            label
        })
        .collect();
    format!(
        "*{}:* {}",
        label.join(" + "),
        escape(&layout::group_text(doc, indices))
    )
}

/// A list of the clauses only one side has. A long list keeps the commitments in view and
/// folds the rest.
fn only_in(out: &mut dyn Write, heading: &str, clauses: &[&ClauseReport]) -> std::io::Result<()> {
    if clauses.len() <= ONLY_LIST_OPEN {
        return section(out, heading, clauses.iter().copied(), write_single);
    }
    let (commits, rest): (Vec<&ClauseReport>, Vec<&ClauseReport>) =
        clauses.iter().partition(|c| brief::commits(c));
    writeln!(out, "## {heading}\n")?;
    for clause in &commits {
        write_single(out, clause)?;
    }
    if !commits.is_empty() {
        writeln!(out)?;
    }
    let noun = if rest.len() == 1 { "clause" } else { "clauses" };
    let which = if commits.is_empty() {
        ""
    } else {
        " that commit less"
    };
    writeln!(
        out,
        "<details>\n<summary>{} more {noun}{which}</summary>\n",
        rest.len()
    )?;
    for clause in rest {
        write_single(out, clause)?;
    }
    writeln!(out, "\n</details>\n")
}

/// A `##` section listing `items`, or saying there are none.
fn section<T>(
    out: &mut dyn Write,
    heading: &str,
    items: impl Iterator<Item = T>,
    mut write_item: impl FnMut(&mut dyn Write, T) -> std::io::Result<()>,
) -> std::io::Result<()> {
    writeln!(out, "## {heading}\n")?;
    let mut any = false;
    for item in items {
        write_item(out, item)?;
        any = true;
    }
    if !any {
        writeln!(out, "None.")?;
    }
    writeln!(out)
}

fn write_single(out: &mut dyn Write, clause: &ClauseReport) -> std::io::Result<()> {
    let section = layout::section(clause);
    let section = if section.is_empty() {
        String::new()
    } else {
        format!("{} · ", escape(section))
    };
    let commitment = match &clause.commitment.marker {
        Some(marker) => format!(" · {} {}", clause.commitment.label(), escape(marker)),
        None => String::new(),
    };
    writeln!(
        out,
        "- **{}** · {section}line {}{commitment}: {}",
        escape(&clause.id),
        clause.line,
        escape(&clause.text)
    )
}

fn title(doc: &DocumentReport) -> String {
    doc.title.clone().unwrap_or_else(|| doc.path.clone())
}

fn sources(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let (a, b) = (&report.a, &report.b);
    writeln!(out, "| | A | B |\n|---|---|---|")?;
    writeln!(out, "| path | {} | {} |", escape(&a.path), escape(&b.path))?;
    writeln!(
        out,
        "| title | {} | {} |",
        escape(a.title.as_deref().unwrap_or("")),
        escape(b.title.as_deref().unwrap_or(""))
    )?;
    writeln!(
        out,
        "| language | {} | {} |",
        escape(a.lang.tag()),
        escape(b.lang.tag())
    )?;
    writeln!(
        out,
        "| clauses | {} | {} |\n",
        a.clauses.len(),
        b.clauses.len()
    )
}

fn summary(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "## Summary\n\n| | count |\n|---|---:|")?;
    let counts = brief::summary_counts(report);
    for (name, n) in counts {
        writeln!(out, "| {name} | {n} |")?;
    }
    writeln!(out)
}

/// `**A3 → B6**`, or `**A4 = B7**` for identical text.
fn ids(report: &Report, pair: &Pair) -> String {
    let join = |doc, indices| {
        let ids: Vec<&str> = layout::clauses(doc, indices)
            .map(|c| c.id.as_str())
            .collect();
        escape(&ids.join("+"))
    };
    let arrow = if pair.kind == PairKind::Identical {
        "="
    } else {
        "→"
    };
    format!(
        "**{} {arrow} {}**",
        join(&report.a, &pair.a_index),
        join(&report.b, &pair.b_index)
    )
}

/// Section and lines of a group: `一、促进 · line 19 → 21`.
fn place(report: &Report, pair: &Pair) -> String {
    let a: Vec<&ClauseReport> = layout::clauses(&report.a, &pair.a_index).collect();
    let b: Vec<&ClauseReport> = layout::clauses(&report.b, &pair.b_index).collect();
    let section_a = a.first().map_or("", |c| layout::section(c));
    let section_b = b.first().map_or("", |c| layout::section(c));
    let section = if section_a == section_b {
        escape(section_a)
    } else {
        format!("{} → {}", escape(section_a), escape(section_b))
    };
    let lines = |clauses: &[&ClauseReport]| {
        clauses
            .iter()
            .map(|c| c.line.to_string())
            .collect::<Vec<_>>()
            .join("+")
    };
    let noun = if a.len() + b.len() > 2 {
        "lines"
    } else {
        "line"
    };
    let place = format!("{noun} {} → {}", lines(&a), lines(&b));
    if section.is_empty() {
        place
    } else {
        format!("{section} · {place}")
    }
}

#[cfg(test)]
mod tests {
    use super::inline::{escape, inline_diff};
    use super::*;

    fn md(old: &str, new: &str) -> String {
        inline_diff(&word_diff(old, new))
    }

    #[test]
    fn chinese_word_change() {
        assert_eq!(
            md("我们愿加强合作。", "我们将加强合作。"),
            "我们~~愿~~**将**加强合作。"
        );
    }

    #[test]
    fn spaces_stay_outside_the_markup() {
        assert_eq!(
            md("We will act now.", "We may act now."),
            "We ~~will~~**may** act now."
        );
        assert_eq!(md("We act.", "We act fast."), "We act **fast**.");
    }

    #[test]
    fn punctuation_at_an_edge_widens_the_change() {
        // `们**，将**加强` would not render as bold: `**` before `，` after a letter.
        assert_eq!(md("我们加强", "我们，将加强"), "我~~们~~**们，将**加强");
        assert_eq!(md("我们加强，", "我们加强"), "我们加~~强，~~**强**");
        // A swapped punctuation mark takes its neighbours in until both edges flank.
        assert_eq!(md("，甲", "。甲"), "~~，甲~~**。甲**");
        assert_eq!(md("甲，乙", "甲。乙"), "~~甲，乙~~**甲。乙**");
        assert_eq!(md("a, b", "a; b"), "~~a,~~**a;** b");
    }

    /// The text a GitHub-flavoured parser leaves after reading `markdown`'s markup.
    fn parsed_text(markdown: &str) -> String {
        use pulldown_cmark::{Event, Options, Parser};
        Parser::new_ext(
            markdown,
            Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
        )
        .filter_map(|event| match event {
            Event::Text(text) | Event::Code(text) => Some(text.into_string()),
            Event::Html(html) | Event::InlineHtml(html) => Some(html.into_string()),
            _ => None,
        })
        .collect()
    }

    #[test]
    fn every_delimiter_parses_as_markup() {
        let cases = [
            ("我们加强", "我们，将加强"),
            ("我们加强，", "我们加强"),
            ("，甲", "。甲"),
            ("甲，乙", "甲。乙"),
            ("a, b", "a; b"),
            ("法律法规，呼吁在", "法律法规。我们呼吁，在"),
            ("（试行）办法", "办法"),
            ("We act.", "We act, now."),
            ("“甲”乙", "「甲」乙"),
        ];
        for (old, new) in cases {
            let markdown = md(old, new);
            let left = parsed_text(&markdown);
            assert!(
                !left.contains('~') && !left.contains('*'),
                "{old} → {new}: {markdown} leaves {left}"
            );
        }
    }

    #[test]
    fn markup_in_clause_text_is_escaped() {
        assert_eq!(
            escape("a*b_c [x](y) <i> | ~~ &amp; $x$ #"),
            r"a\*b\_c \[x\](y) \<i\> \| \~\~ \&amp; \$x\$ \#"
        );
        assert_eq!(md("use *this*", "use *that*"), r"use \*~~this~~**that**\*");
    }

    #[test]
    fn a_weakened_commitment_has_its_section_entry() {
        let mut out = Vec::new();
        render(
            &layout::weakened_report(),
            &RenderOptions::default(),
            &mut out,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.contains(
                "## Commitments weakened, strengthened or reversed\n\n\
                 - **A1 → B1** · weakened: 将 → 愿 · line 1 → 1 · confidence 0.99 · similarity 0.66\n  \
                 - change: 我们~~将~~**愿**加强合作。\n"
            ),
            "{out}"
        );
        assert!(out.contains("| commitment weakened | 1 |"), "{out}");
        // Shown once: not again under Modified.
        assert_eq!(out.matches("**A1 → B1**").count(), 1, "{out}");
        assert!(
            out.starts_with("# Comparison: a.md → b.md\n\n**2 of A's 2 clauses"),
            "{out}"
        );
    }
}
