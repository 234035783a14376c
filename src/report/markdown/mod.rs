//! `--format markdown`: a brief to paste into an issue or a note, in GitHub-flavoured
//! Markdown. The headline comes first, then the two sources with the commitment levels of
//! each and their markers, and counts by section with a total (`counts.rs`). Between two
//! versions of a text the changes follow, weakened and strengthened commitments first, each
//! as an inline diff (`~~deleted~~**inserted**`); between two different texts, or a text
//! and its translation, every pair stands once in one table with the two clauses side by
//! side (`side_by_side.rs`).
//! Then the clauses only one side has, each with its heading (none where it is only the
//! document's title). Clause text is escaped so it cannot break the markup.

use std::io::Write;

mod counts;
pub(crate) mod inline;
mod side_by_side;

use inline::{escape, inline_diff};

use super::brief;
use super::layout::{self, Side};
use super::worddiff::word_diff;
use super::{ClauseReport, DocumentReport, Pair, PairKind, RenderOptions, Report};

/// Above this many clauses only one side has, its list keeps the commitments in view and
/// folds the rest: between two different texts most clauses are a side's own.
const ONLY_LIST_OPEN: usize = 8;

/// Writes the report, ending in exactly one newline.
pub fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut brief = Vec::new();
    write_brief(report, options, &mut brief)?;
    let end = brief.iter().rposition(|&b| b != b'\n').map_or(0, |k| k + 1);
    out.write_all(&brief[..end])?;
    writeln!(out)
}

fn write_brief(
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
    counts::sources(report, out)?;
    counts::by_section(report, out)?;
    if !report.comparison.limits.is_empty() {
        writeln!(out, "## Limits reached\n")?;
        for limit in &report.comparison.limits {
            writeln!(out, "- {}", escape(&limit.to_string()))?;
        }
        writeln!(out)?;
    }

    // Groups in reading order of A, so every section lists its items the same way round.
    let pairs: Vec<&Pair> = layout::reading_order(report, Side::A)
        .into_iter()
        .filter_map(|entry| match entry {
            layout::Entry::Pair(k) => report.pairs.get(k),
            _ => None,
        })
        .collect();
    let cross = brief::is_cross(report);
    if cross {
        side_by_side::shared(report, &pairs, out)?;
        side_by_side::related(report, out)?;
    } else {
        changes(report, &pairs, out)?;
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
    only_in(out, "Only in A", &report.a, &only_a)?;
    only_in(out, "Only in B", &report.b, &only_b)?;

    // Between two different texts an identical pair stands in the table with the others.
    if cross {
        return Ok(());
    }
    // A moved identical clause is listed under Moved already.
    let (moved, identical): (Vec<&&Pair>, Vec<&&Pair>) = pairs
        .iter()
        .filter(|p| p.kind == PairKind::Identical)
        .partition(|p| p.moved);
    writeln!(out, "## Shared (identical)\n")?;
    if identical.is_empty() && moved.is_empty() {
        writeln!(out, "None.")?;
        return Ok(());
    }
    let noun = brief::plural(identical.len(), "clause", "clauses");
    let also_moved = match moved.len() {
        0 => String::new(),
        n => format!(", in place, and {n} more moved (listed under Moved)"),
    };
    // Collapsed: the shared text is context, not news.
    writeln!(
        out,
        "<details>\n<summary>{} {noun} identical in both documents{also_moved}</summary>\n",
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

/// Between two versions of a text: the commitments weakened, strengthened or reversed
/// first, then the other modified groups, each once with its inline diff; then the groups
/// that moved.
fn changes(report: &Report, pairs: &[&Pair], out: &mut dyn Write) -> std::io::Result<()> {
    let shifts = pairs
        .iter()
        .filter_map(|&pair| Some((pair, layout::commitment_shift(report, pair)?)));
    section(
        out,
        "Commitments weakened, strengthened or reversed",
        shifts,
        |out, (pair, shift)| {
            writeln!(
                out,
                "- {} · {}: {} → {} · {}{}",
                ids(report, pair),
                shift.direction,
                escape(&shift.from),
                escape(&shift.to),
                place(report, pair),
                flags(report, pair)
            )?;
            writeln!(out, "  - change: {}", pair_diff(report, pair))
        },
    )?;

    // A weakened or strengthened group is shown once, above.
    let modified = pairs
        .iter()
        .copied()
        .filter(|p| p.kind != PairKind::Identical)
        .filter(|p| layout::commitment_shift(report, p).is_none());
    let heading = if pairs
        .iter()
        .any(|p| layout::commitment_shift(report, p).is_some())
    {
        "Modified, besides the commitments above"
    } else {
        "Modified"
    };
    section(out, heading, modified, |out, pair| {
        writeln!(
            out,
            "- {} · {}{}",
            ids(report, pair),
            place(report, pair),
            flags(report, pair)
        )?;
        writeln!(out, "  - change: {}", pair_diff(report, pair))
    })?;

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
    )
}

/// A group's change as an inline word diff.
fn pair_diff(report: &Report, pair: &Pair) -> String {
    inline_diff(&word_diff(
        &layout::group_text(&report.a, &pair.a_index),
        &layout::group_text(&report.b, &pair.b_index),
    ))
}

/// ` · confidence 0.81 · similarity 0.52 · split · moved · also`: the scores, then what else
/// is true of the group. Between two different texts the confidence alone says how sure the
/// pairing is (the similarity is one of its inputs).
fn flags(report: &Report, pair: &Pair) -> String {
    let mut flags = if pair.kind == PairKind::Identical {
        String::new()
    } else {
        format!(" · confidence {:.2}", pair.confidence)
    };
    if !brief::is_cross(report) {
        flags.push_str(&format!(" · similarity {:.2}", pair.similarity));
    }
    if !matches!(pair.kind, PairKind::Modified | PairKind::Identical) {
        flags.push_str(&format!(" · {}", pair.kind.name()));
    }
    if pair.moved {
        flags.push_str(" · moved");
    }
    if pair.also {
        flags.push_str(" · also: a further counterpart");
    }
    flags
}

/// The clauses only one side has. A long list keeps the commitments in view and folds the
/// rest.
fn only_in(
    out: &mut dyn Write,
    heading: &str,
    doc: &DocumentReport,
    clauses: &[&ClauseReport],
) -> std::io::Result<()> {
    writeln!(out, "## {heading}\n")?;
    if clauses.is_empty() {
        return writeln!(out, "None.\n");
    }
    if clauses.len() <= ONLY_LIST_OPEN {
        list(out, doc, clauses)?;
        return writeln!(out);
    }
    let (commits, rest): (Vec<&ClauseReport>, Vec<&ClauseReport>) =
        clauses.iter().partition(|c| brief::commits(c));
    if !commits.is_empty() {
        list(out, doc, &commits)?;
        writeln!(out)?;
    }
    let noun = brief::plural(rest.len(), "clause", "clauses");
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
    list(out, doc, &rest)?;
    writeln!(out, "\n</details>\n")
}

/// A list of clauses in the order given.
fn list(
    out: &mut dyn Write,
    doc: &DocumentReport,
    clauses: &[&ClauseReport],
) -> std::io::Result<()> {
    for clause in clauses {
        writeln!(out, "- {}", single(doc, clause))?;
    }
    Ok(())
}

/// `**A12** · 一、促进人工智能发展 · line 27 · endeavour 致力于: text`; no heading where the
/// clause stands before any (under the document's title alone).
fn single(doc: &DocumentReport, clause: &ClauseReport) -> String {
    let heading = brief::heading(doc, clause);
    let heading = if heading.is_empty() {
        String::new()
    } else {
        format!("{} · ", escape(heading))
    };
    let commitment = match &clause.commitment.marker {
        Some(marker) => format!(" · {} {}", clause.commitment.label(), escape(marker)),
        None => String::new(),
    };
    format!(
        "**{}** · {heading}line {}{commitment}: {}",
        escape(&clause.id),
        clause.line,
        escape(&clause.text)
    )
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

fn title(doc: &DocumentReport) -> String {
    doc.title.clone().unwrap_or_else(|| doc.path.clone())
}

/// A heading as the brief names it, escaped: "(before any heading)" for the clauses under
/// the document's title alone ([`brief::heading`] is empty there).
fn heading_name(heading: &str) -> String {
    if heading.is_empty() {
        "(before any heading)".to_string()
    } else {
        escape(heading)
    }
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

/// Heading and lines of a group: `一、促进 · line 19 → 21`; no heading where the clauses
/// stand before any (under the document's title alone).
fn place(report: &Report, pair: &Pair) -> String {
    let a: Vec<&ClauseReport> = layout::clauses(&report.a, &pair.a_index).collect();
    let b: Vec<&ClauseReport> = layout::clauses(&report.b, &pair.b_index).collect();
    let heading_a = a.first().map_or("", |c| brief::heading(&report.a, c));
    let heading_b = b.first().map_or("", |c| brief::heading(&report.b, c));
    let section = if heading_a == heading_b {
        escape(heading_a)
    } else {
        format!("{} → {}", heading_name(heading_a), heading_name(heading_b))
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
        // The by-section table's total counts it, as the summary does.
        assert!(
            out.contains("| **total** | **1** | **1** | **0** | **0** | **1** | **0** |"),
            "{out}"
        );
        assert!(!out.contains("## Summary"), "{out}");
        // Shown once: not again under Modified.
        assert_eq!(out.matches("**A1 → B1**").count(), 1, "{out}");
        assert!(
            out.starts_with("# Comparison: a.md → b.md\n\n**2 of A's 2 clauses"),
            "{out}"
        );
    }
}
