//! `--format markdown`: a report to paste into an issue or a brief. Sources and counts as
//! pipe tables, then one section per kind of change; clause text is escaped so it cannot
//! break the markup, and word changes show as `~~deleted~~` / `**inserted**`.

use std::io::Write;

use similar::ChangeTag;

use super::layout::{self, Side};
use super::worddiff::{WordDiff, word_diff};
use super::{ClauseReport, DocumentReport, Pair, PairKind, RenderOptions, Report};

/// Evidence terms listed per modified group.
const EVIDENCE_SHOWN: usize = 3;
/// Display columns of a section name in an item line. Some documents use a whole
/// principle as a heading; the line number locates the clause exactly anyway.
const SECTION_SHOWN: usize = 40;

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
    sources(report, out)?;
    summary(report, out)?;
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

    let shifts = pairs
        .iter()
        .filter_map(|&pair| Some((pair, layout::commitment_shift(report, pair)?)));
    section(
        out,
        "Commitments weakened or strengthened",
        shifts,
        |out, (pair, shift)| {
            writeln!(
                out,
                "- {} · {}: {} → {} · {}",
                ids(report, pair),
                shift.direction,
                escape(&shift.from),
                escape(&shift.to),
                place(report, pair)
            )?;
            writeln!(
                out,
                "  - A: {}",
                escape(&layout::group_text(&report.a, &pair.a_index))
            )?;
            writeln!(
                out,
                "  - B: {}",
                escape(&layout::group_text(&report.b, &pair.b_index))
            )
        },
    )?;

    section(
        out,
        "Modified",
        pairs.iter().filter(|p| p.kind != PairKind::Identical),
        |out, pair| {
            let mut head = format!(
                "- {} · {} · similarity {:.2}",
                ids(report, pair),
                place(report, pair),
                pair.similarity
            );
            if pair.kind != PairKind::Modified {
                head.push_str(&format!(" · {}", pair.kind.name()));
            }
            if pair.moved {
                head.push_str(" · moved");
            }
            if pair.also {
                head.push_str(" · also");
            }
            writeln!(out, "{head}")?;
            if !pair.evidence.is_empty() {
                let terms: Vec<String> = pair
                    .evidence
                    .iter()
                    .take(EVIDENCE_SHOWN)
                    .map(|e| escape(&e.term))
                    .collect();
                writeln!(out, "  - terms: {}", terms.join(", "))?;
            }
            let diff = word_diff(
                &layout::group_text(&report.a, &pair.a_index),
                &layout::group_text(&report.b, &pair.b_index),
            );
            writeln!(out, "  - change: {}", inline_diff(&diff))
        },
    )?;

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

    let mut only_a = layout::positions(&report.a, &report.unmatched_a);
    let mut only_b = layout::positions(&report.b, &report.unmatched_b);
    only_a.sort_unstable();
    only_b.sort_unstable();
    section(
        out,
        "Only in A",
        only_a.iter().filter_map(|&i| report.a.clauses.get(i)),
        write_single,
    )?;
    section(
        out,
        "Only in B",
        only_b.iter().filter_map(|&j| report.b.clauses.get(j)),
        write_single,
    )?;

    writeln!(out, "## Shared (identical)\n")?;
    let identical: Vec<&&Pair> = pairs
        .iter()
        .filter(|p| p.kind == PairKind::Identical)
        .collect();
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
        format!("{} · ", section_name(section))
    };
    writeln!(
        out,
        "- **{}** · {section}line {}: {}",
        clause.id,
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
    let s = &report.summary;
    writeln!(out, "## Summary\n\n| | count |\n|---|---:|")?;
    let mut counts = vec![
        ("identical", s.identical),
        ("modified, split or merged", s.modified),
        ("moved", s.moved),
        ("only in A", s.only_a),
        ("only in B", s.only_b),
        ("commitment weakened", s.weakened),
        ("commitment strengthened", s.strengthened),
    ];
    // Further counterparts exist only between two different texts (as in the table).
    if s.also > 0 {
        counts.insert(2, ("also (further counterparts)", s.also));
    }
    for (name, n) in counts {
        writeln!(out, "| {name} | {n} |")?;
    }
    writeln!(out)
}

/// `**A3 → B6**`, or `**A4 = B7**` for identical text.
fn ids(report: &Report, pair: &Pair) -> String {
    let join = |doc, indices| {
        layout::clauses(doc, indices)
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join("+")
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
        section_name(section_a)
    } else {
        format!("{} → {}", section_name(section_a), section_name(section_b))
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

/// A section name for an item line, abbreviated and escaped.
fn section_name(section: &str) -> String {
    escape(&crate::text::abbreviate(section, SECTION_SHOWN))
}

/// Clause text as inline Markdown that renders as the text itself: on one line, with every
/// character that could open markup (emphasis, links, code, HTML, entities, table cells,
/// strikethrough, math, headings) backslash-escaped.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in layout::one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// A word diff as inline Markdown: `~~deleted~~`, `**inserted**`.
///
/// CommonMark only honours a delimiter run that "flanks" its text: `**` cannot open before
/// punctuation unless white space or punctuation stands before it (so `们**，将**` stays
/// literal asterisks). Where the rule is not surely met, the change falls back to
/// `<del>`/`<ins>`, which GitHub and most renderers accept and which cannot misparse. White
/// space at the edges of a change moves outside the markup for the same reason.
fn inline_diff(diff: &WordDiff) -> String {
    struct Piece {
        tag: ChangeTag,
        lead: String,
        body: String,
        trail: String,
    }
    let mut pieces: Vec<Piece> = Vec::new();
    for (tag, text) in diff {
        let text = layout::one_line(text);
        if *tag == ChangeTag::Equal {
            pieces.push(Piece {
                tag: *tag,
                lead: String::new(),
                body: escape(&text),
                trail: String::new(),
            });
            continue;
        }
        let body = text.trim();
        if body.is_empty() {
            // A change of white space alone cannot be marked up; the new text keeps its
            // spacing and a deleted space goes unshown.
            if *tag == ChangeTag::Insert {
                pieces.push(Piece {
                    tag: ChangeTag::Equal,
                    lead: String::new(),
                    body: text.into_owned(),
                    trail: String::new(),
                });
            }
            continue;
        }
        let lead_len = text.len() - text.trim_start().len();
        let trail_start = text.trim_end().len();
        pieces.push(Piece {
            tag: *tag,
            lead: text[..lead_len].to_string(),
            body: escape(body),
            trail: text[trail_start..].to_string(),
        });
    }

    let mut out = String::new();
    for (k, piece) in pieces.iter().enumerate() {
        out.push_str(&piece.lead);
        if piece.tag == ChangeTag::Equal {
            out.push_str(&piece.body);
            out.push_str(&piece.trail);
            continue;
        }
        let before = out.chars().next_back();
        // What follows the closing delimiter: this piece's trailing space, the next piece's
        // leading space or first character, or a delimiter (`*`, `~`, `<`: punctuation).
        let after = if !piece.trail.is_empty() {
            Some(' ')
        } else {
            pieces.get(k + 1).and_then(|next| match next.tag {
                _ if !next.lead.is_empty() => Some(' '),
                ChangeTag::Equal => next.body.chars().next(),
                _ => Some('*'),
            })
        };
        let first = piece.body.chars().next();
        let last = piece.body.chars().next_back();
        let opens = first.is_some_and(|c| !may_be_punctuation(c))
            || before.is_none_or(is_space_or_punctuation);
        let closes = last.is_some_and(|c| !may_be_punctuation(c))
            || after.is_none_or(is_space_or_punctuation);
        let (open, close) = match (piece.tag, opens && closes) {
            (ChangeTag::Delete, true) => ("~~", "~~"),
            (ChangeTag::Delete, false) => ("<del>", "</del>"),
            (_, true) => ("**", "**"),
            (_, false) => ("<ins>", "</ins>"),
        };
        out.push_str(open);
        out.push_str(&piece.body);
        out.push_str(close);
        out.push_str(&piece.trail);
    }
    out
}

/// Whether CommonMark might count `c` as punctuation (any version of the spec): anything
/// but a letter or a digit. Over-approximates, which only costs a needless `<ins>`.
fn may_be_punctuation(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Whether CommonMark surely counts `c` as white space or punctuation: ASCII punctuation and
/// the Unicode punctuation (category P) common in Chinese and English text. Under-approximates,
/// which again only costs a needless `<ins>`.
fn is_space_or_punctuation(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{00B7}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{2043}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF01}'..='\u{FF03}'
            | '\u{FF05}'..='\u{FF0A}'
            | '\u{FF0C}'..='\u{FF0F}'
            | '\u{FF1A}'
            | '\u{FF1B}'
            | '\u{FF1F}'
            | '\u{FF20}'
            | '\u{FF3B}'..='\u{FF3D}'
            | '\u{FF3F}'
            | '\u{FF5B}'
            | '\u{FF5D}'
            | '\u{FF5F}'..='\u{FF65}')
}

#[cfg(test)]
mod tests {
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
    fn punctuation_at_an_edge_falls_back_to_html() {
        // `们**，将**加强` would not render as bold: `**` before `，` after a letter.
        assert_eq!(md("我们加强", "我们，将加强"), "我们<ins>，将</ins>加强");
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
                "## Commitments weakened or strengthened\n\n\
                 - **A1 → B1** · weakened: 将 → 愿 · line 1 → 1\n  \
                 - A: 我们将加强合作。\n  \
                 - B: 我们愿加强合作。\n"
            ),
            "{out}"
        );
        assert!(out.contains("| commitment weakened | 1 |"), "{out}");
    }
}
