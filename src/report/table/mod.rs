//! `--format table` (the default): the two documents, the counts, and every clause in A's
//! order as terminal tables no wider than `--width`.
//!
//! A row is one group or one unmatched clause. Its lines run diagonally: an A clause's id
//! and text on one line, each B clause's on the lines below, so every text line sits next to
//! the id it belongs to.

use std::io::Write;

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

mod cells;

use cells::{abbreviate_around, focus_in_lines, separator_width, shared_prefix_width, wrap};

use super::layout::{self, Entry, Side};
use super::safe;
use super::{ClauseReport, FALLBACK_WIDTH, PairKind, RenderOptions, Report};
use crate::text::abbreviate;

/// Evidence terms shown per changed group: enough to see why its clauses were matched.
const EVIDENCE_SHOWN: usize = 3;
/// Widest the section column grows; headings are long and the clause text matters more.
const SECTION_MAX: usize = 16;
/// Widest the status column grows; longer status lines (evidence, markers) are abbreviated.
const STATUS_MAX: usize = 24;
/// Below this the clause text is too short to recognise, so the evidence lines and then the
/// section column give way.
const TEXT_MIN: usize = 20;
/// Lines of the table's width a path, a title or a limit may fill before it is cut with
/// `…`. comfy-table's layout takes time quadratic in the length of a cell (a 300 KB title
/// took 3 s, 1 MB a minute), so such text is cut to what can be shown before layout; no
/// real title or path comes near four full lines.
const FREE_TEXT_LINES: usize = 4;
/// Column titles of the clause table.
const HEADER: [&str; 6] = ["A", "B", "section", "sim", "status", "text"];

/// Writes the report.
pub fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for warning in &report.warnings {
        writeln!(out, "warning: {}", crate::report::safe::one_line(warning))?;
    }
    writeln!(out, "{}", documents_table(report, options))?;
    writeln!(out, "{}", counts_table(report, options))?;
    writeln!(out, "{}", clauses_table(report, options))?;
    if !report.related.is_empty() {
        writeln!(out, "{}", related_table(report, options))?;
    }
    if !report.comparison.limits.is_empty() {
        let mut limits = new_table(options);
        limits.set_header(vec!["limits reached"]);
        for limit in &report.comparison.limits {
            limits.add_row(vec![free_text(&limit.to_string(), options)]);
        }
        writeln!(out, "{limits}")?;
    }
    Ok(())
}

/// The related pairs, apart: the closest clause of the other text for a clause without a
/// counterpart, below the confidence of the same commitment and not counted as shared.
fn related_table(report: &Report, options: &RenderOptions) -> Table {
    let mut table = new_table(options);
    table.set_header(vec!["A", "B", "conf", "related, not counted as shared"]);
    for pair in &report.related {
        let text = |doc, indices: &[usize]| free_text(&layout::group_text(doc, indices), options);
        table.add_row(vec![
            Cell::new(pair.a.join("+")),
            Cell::new(pair.b.join("+")),
            Cell::new(format!("{:.2}", pair.confidence)).set_alignment(CellAlignment::Right),
            Cell::new(format!(
                "A: {}\nB: {}",
                text(&report.a, &pair.a_index),
                text(&report.b, &pair.b_index)
            )),
        ]);
    }
    table
}

/// A table that takes its width and colour from the options alone, never from the terminal,
/// so output to a pipe or a file is the same bytes as on screen.
fn new_table(options: &RenderOptions) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(table_width(options));
    if options.color {
        table.enforce_styling();
    }
    table
}

/// Text of a cell that wraps (a path, a title, a limit): made safe, and cut to
/// [`FREE_TEXT_LINES`] lines of the table's width before comfy-table lays it out.
fn free_text(text: &str, options: &RenderOptions) -> String {
    let most = FREE_TEXT_LINES * usize::from(table_width(options));
    // Cut first on characters (each at least one column), so that a huge text is never
    // scanned whole by the width and made-safe passes.
    let head = crate::text::first_chars(text, most + 1);
    let mut shown = abbreviate(&safe::one_line(head), most);
    if head.len() < text.len() && !shown.ends_with('…') {
        // Cut among zero-width characters: the cut is still marked.
        shown.push('…');
    }
    shown
}

fn documents_table(report: &Report, options: &RenderOptions) -> Table {
    let mut table = new_table(options);
    table.set_header(vec!["", "path", "title", "language", "clauses"]);
    for (side, doc) in [("A", &report.a), ("B", &report.b)] {
        table.add_row(vec![
            Cell::new(side),
            Cell::new(free_text(&doc.path, options)),
            Cell::new(free_text(doc.title.as_deref().unwrap_or(""), options)),
            Cell::new(doc.lang.tag()),
            Cell::new(doc.clauses.len()).set_alignment(CellAlignment::Right),
        ]);
    }
    table
}

fn counts_table(report: &Report, options: &RenderOptions) -> Table {
    let s = &report.summary;
    let mut counts = vec![
        ("identical", s.identical, None),
        ("modified", s.modified, Some(Color::Yellow)),
        ("moved", s.moved, Some(Color::Cyan)),
        ("only in A", s.only_a, Some(Color::Red)),
        ("only in B", s.only_b, Some(Color::Green)),
    ];
    // Two different texts keep no order in common: nothing moves between them.
    if report.comparison.relation == crate::report::Relation::Cross {
        counts.retain(|&(name, _, _)| name != "moved");
    }
    let [(first, a), (second, b)] = crate::report::brief::strength_counts(report);
    if crate::report::brief::is_cross(report) {
        // Which text commits more firmly is a difference, not a loss.
        counts.extend([(first, a, None), (second, b, None)]);
    } else {
        counts.extend([
            (first, a, Some(Color::Red)),
            (second, b, Some(Color::Green)),
        ]);
    }
    if s.reversed > 0 {
        counts.push(("reversed", s.reversed, Some(Color::Red)));
    }
    if s.also > 0 {
        counts.insert(2, ("also", s.also, Some(Color::Yellow)));
    }
    let mut table = new_table(options);
    table.set_header(counts.iter().map(|&(name, _, _)| name).collect::<Vec<_>>());
    table.add_row(counts.iter().map(|&(_, n, color)| {
        let cell = Cell::new(n).set_alignment(CellAlignment::Right);
        match color {
            Some(color) if n > 0 => cell.fg(color),
            _ => cell,
        }
    }));
    table
}

/// How a row is coloured.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tone {
    Plain,
    Changed,
    Moved,
    Removed,
    Added,
}

/// One row of the clause table before it is fitted to the width.
struct Row {
    a: Vec<String>,
    b: Vec<String>,
    section: Vec<String>,
    similarity: String,
    /// The kind (and `moved`), then any commitment change.
    status: Vec<String>,
    /// `terms: …`, shown under the kind; the first to be cut when space is short.
    evidence: Option<String>,
    text: Vec<String>,
    /// Per text line, the display column where the two wordings part, when it falls in the
    /// line: the line is shown from a little before it.
    focus: Vec<Option<usize>>,
    tone: Tone,
    /// The commitment changed: the status stands out.
    shifted: bool,
}

fn clauses_table(report: &Report, options: &RenderOptions) -> Table {
    let mut rows: Vec<Row> = layout::reading_order(report, Side::A)
        .into_iter()
        .filter_map(|entry| row(report, entry))
        .collect();
    if options.changes_only {
        rows = collapse_identical(rows);
    }
    let widths = Widths::fit(&rows, table_width(options));
    let mut table = new_table(options);
    table.set_header(HEADER.to_vec());
    for row in rows {
        let fit = |lines: &[String], width: usize| {
            lines
                .iter()
                .map(|l| abbreviate(l, width))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let mut status: Vec<String> = row
            .status
            .iter()
            .map(|l| abbreviate(l, widths.status))
            .collect();
        if let Some(evidence) = &row.evidence {
            status.insert(1.min(status.len()), abbreviate(evidence, widths.status));
        }
        let mut status = Cell::new(status.join("\n"));
        let [ids_a, ids_b, section, text] = if options.wrap {
            wrapped_columns(&row, &widths)
        } else {
            let text: Vec<String> = row
                .text
                .iter()
                .zip(&row.focus)
                .map(|(line, focus)| match *focus {
                    Some(column) => abbreviate_around(line, column, widths.text),
                    None => abbreviate(line, widths.text),
                })
                .collect();
            [
                row.a.join("\n"),
                row.b.join("\n"),
                fit(&row.section, widths.section),
                text.join("\n"),
            ]
        };
        let mut text = Cell::new(text);
        let color = match row.tone {
            Tone::Plain => None,
            Tone::Changed => Some(Color::Yellow),
            Tone::Moved => Some(Color::Cyan),
            Tone::Removed => Some(Color::Red),
            Tone::Added => Some(Color::Green),
        };
        if let Some(color) = color {
            status = status.fg(color);
            if matches!(row.tone, Tone::Removed | Tone::Added) {
                text = text.fg(color);
            }
        }
        if row.shifted {
            status = status.add_attribute(Attribute::Bold);
        }
        table.add_row(vec![
            Cell::new(ids_a),
            Cell::new(ids_b),
            Cell::new(section),
            Cell::new(row.similarity).set_alignment(CellAlignment::Right),
            status,
            text,
        ]);
    }
    table
}

/// The table width: the options', or [`FALLBACK_WIDTH`] for 0 (no width known).
fn table_width(options: &RenderOptions) -> u16 {
    if options.width == 0 {
        FALLBACK_WIDTH
    } else {
        options.width
    }
}

/// `--changes-only`: each run of identical clauses in place becomes one row that counts
/// them, as a unified diff leaves out unchanged context.
fn collapse_identical(rows: Vec<Row>) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    let mut run: Vec<Row> = Vec::new();
    let flush = |run: &mut Vec<Row>, out: &mut Vec<Row>| {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return;
        };
        let first_id = first.a.first().cloned().unwrap_or_default();
        let last_id = last.a.last().cloned().unwrap_or_default();
        let span = if run.len() == 1 || first_id == last_id {
            first_id
        } else {
            format!("{first_id}–{last_id}")
        };
        let noun = if run.len() == 1 { "clause" } else { "clauses" };
        out.push(Row {
            a: vec![String::new()],
            b: vec![String::new()],
            section: first.section.iter().take(1).cloned().collect(),
            similarity: String::new(),
            status: vec!["identical".to_string()],
            evidence: None,
            text: vec![format!("… {} identical {noun} ({span})", run.len())],
            focus: vec![None],
            tone: Tone::Plain,
            shifted: false,
        });
        run.clear();
    };
    for row in rows {
        if row.tone == Tone::Plain && !row.shifted {
            run.push(row);
        } else {
            flush(&mut run, &mut out);
            out.push(row);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// `--wrap`: the id, section and text columns of a row with each text line wrapped to the
/// text column, and each id kept beside the first line of its clause's text.
fn wrapped_columns(row: &Row, widths: &Widths) -> [String; 4] {
    let (mut a, mut b, mut section, mut text) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (k, line) in row.text.iter().enumerate() {
        let lines = wrap(line, widths.text);
        let pad = |column: &mut Vec<String>, first: Option<&String>| {
            column.push(first.cloned().unwrap_or_default());
            column.extend(std::iter::repeat_n(String::new(), lines.len() - 1));
        };
        pad(&mut a, row.a.get(k));
        pad(&mut b, row.b.get(k));
        pad(
            &mut section,
            row.section
                .get(k)
                .map(|s| abbreviate(s, widths.section))
                .as_ref(),
        );
        text.extend(lines);
    }
    [a, b, section, text].map(|column| {
        let mut column = column.join("\n");
        column.truncate(column.trim_end_matches('\n').len());
        column
    })
}

/// Display widths of the clause table's columns, content only.
struct Widths {
    section: usize,
    status: usize,
    text: usize,
}

impl Widths {
    /// Fits the columns into `width`. Ids and scores are never cut; the text keeps at least
    /// [`TEXT_MIN`] columns where it can, taking them first from the evidence lines of the
    /// status column, then from the section column.
    fn fit(rows: &[Row], width: u16) -> Widths {
        let widest = |lines: &mut dyn Iterator<Item = &String>, title: &str| {
            lines.map(|l| l.width()).fold(title.width(), usize::max)
        };
        let a = widest(&mut rows.iter().flat_map(|r| &r.a), HEADER[0]);
        let b = widest(&mut rows.iter().flat_map(|r| &r.b), HEADER[1]);
        let similarity = widest(&mut rows.iter().map(|r| &r.similarity), HEADER[3]);
        let status_needed = widest(&mut rows.iter().flat_map(|r| &r.status), HEADER[4]);
        let status_wanted = widest(&mut rows.iter().flat_map(|r| &r.evidence), "")
            .max(status_needed)
            .min(STATUS_MAX);
        let status_needed = status_needed.min(STATUS_MAX);
        let section_wanted =
            widest(&mut rows.iter().flat_map(|r| &r.section), HEADER[2]).min(SECTION_MAX);
        let section_needed = section_wanted.min(HEADER[2].width());
        let text_wanted = widest(&mut rows.iter().flat_map(|r| &r.text), HEADER[5]);

        // Each column costs a rule and a space either side, plus the closing rule.
        let chrome = 3 * HEADER.len() + 1;
        let room = usize::from(width).saturating_sub(chrome + a + b + similarity);
        let mut status = status_wanted;
        let mut section = section_wanted;
        if room < status + section + TEXT_MIN {
            status = room.saturating_sub(section + TEXT_MIN).max(status_needed);
        }
        if room < status + section + TEXT_MIN {
            section = room.saturating_sub(status + TEXT_MIN).max(section_needed);
        }
        let text = room
            .saturating_sub(status + section)
            .min(text_wanted)
            .max(1);
        Widths {
            section,
            status,
            text,
        }
    }
}

/// A clause's id as the table shows it (a saved report may hold anything there).
fn id(clause: &ClauseReport) -> String {
    safe::one_line(&clause.id).into_owned()
}

/// The row of one entry of the reading order.
fn row(report: &Report, entry: Entry) -> Option<Row> {
    let single = |clause: &ClauseReport, side: Side, status: &str, tone| {
        let id = safe::one_line(&clause.id).into_owned();
        let (a, b) = match side {
            Side::A => (vec![id], vec![String::new()]),
            Side::B => (vec![String::new()], vec![id]),
        };
        Row {
            a,
            b,
            section: vec![safe::one_line(layout::section(clause)).into_owned()],
            similarity: String::new(),
            status: vec![status.to_string()],
            evidence: None,
            text: vec![safe::one_line(&clause.text).into_owned()],
            focus: vec![None],
            tone,
            shifted: false,
        }
    };
    match entry {
        Entry::OnlyA(i) => Some(single(
            report.a.clauses.get(i)?,
            Side::A,
            "only in A",
            Tone::Removed,
        )),
        Entry::OnlyB(j) => Some(single(
            report.b.clauses.get(j)?,
            Side::B,
            "only in B",
            Tone::Added,
        )),
        Entry::Pair(k) => {
            let pair = report.pairs.get(k)?;
            let a: Vec<&ClauseReport> = layout::clauses(&report.a, &pair.a_index).collect();
            let b: Vec<&ClauseReport> = layout::clauses(&report.b, &pair.b_index).collect();
            let mut kind = if pair.also { "also" } else { pair.kind.name() }.to_string();
            if pair.moved {
                kind.push_str(", moved");
            }
            if crate::report::brief::is_cross(report) {
                kind.push_str(&format!(" · conf {:.2}", pair.confidence));
            }
            let mut status = vec![kind];
            let shift = layout::commitment_shift(report, pair);
            if let Some(shift) = &shift {
                status.push(safe::one_line(&shift.to_string()).into_owned());
            }
            let evidence = (!pair.evidence.is_empty()).then(|| {
                let terms: Vec<&str> = pair
                    .evidence
                    .iter()
                    .take(EVIDENCE_SHOWN)
                    .map(|e| e.term.as_str())
                    .collect();
                format!("terms: {}", safe::one_line(&terms.join(", ")))
            });
            let tone = match (pair.kind, pair.moved) {
                (PairKind::Identical, false) => Tone::Plain,
                (PairKind::Identical, true) => Tone::Moved,
                _ => Tone::Changed,
            };
            let similarity = format!("{:.2}", pair.similarity);
            if pair.kind == PairKind::Identical {
                // Same text on both sides: one line says it all.
                return Some(Row {
                    a: a.iter().map(|c| id(c)).collect(),
                    b: b.iter().map(|c| id(c)).collect(),
                    section: a
                        .first()
                        .map(|c| safe::one_line(layout::section(c)).into_owned())
                        .into_iter()
                        .collect(),
                    similarity,
                    status,
                    evidence,
                    text: a
                        .iter()
                        .map(|c| safe::one_line(&c.text).into_owned())
                        .collect(),
                    focus: vec![None; a.len()],
                    tone,
                    shifted: shift.is_some(),
                });
            }
            let lines = a.len() + b.len();
            let mut ids_a: Vec<String> = a.iter().map(|c| id(c)).collect();
            ids_a.resize(lines, String::new());
            let mut ids_b = vec![String::new(); a.len()];
            ids_b.extend(b.iter().map(|c| id(c)));
            let all: Vec<&ClauseReport> = a.iter().chain(&b).copied().collect();
            let text: Vec<String> = all
                .iter()
                .map(|c| safe::one_line(&c.text).into_owned())
                .collect();
            let (text_a, text_b) = text.split_at(a.len());
            let parting = shared_prefix_width(
                &safe::one_line(&layout::group_text(&report.a, &pair.a_index)),
                &safe::one_line(&layout::group_text(&report.b, &pair.b_index)),
            );
            let mut focus = focus_in_lines(text_a, separator_width(&report.a), parting);
            focus.extend(focus_in_lines(text_b, separator_width(&report.b), parting));
            // A section is named once, and again only where it changes.
            let mut section = Vec::with_capacity(lines);
            let mut previous = None;
            for clause in &all {
                let name = layout::section(clause);
                section.push(if previous == Some(name) {
                    String::new()
                } else {
                    safe::one_line(name).into_owned()
                });
                previous = Some(name);
            }
            Some(Row {
                a: ids_a,
                b: ids_b,
                section,
                similarity,
                status,
                evidence,
                text,
                focus,
                tone,
                shifted: shift.is_some(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_start_near_where_two_wordings_part() {
        let old = "We will establish a network, and we will fund it.";
        let new = "We will establish a network. We will fund it.";
        let column = shared_prefix_width(old, new);
        assert_eq!(column, 27);
        assert_eq!(abbreviate_around(old, column, 21), "…network, and we wil…");
        assert_eq!(abbreviate_around(new, column, 21), "…network. We will fu…");
        // The cut snaps back to the start of a word.
        assert_eq!(abbreviate_around(old, 29, 21), "…network, and we wil…");
        // A word too long to keep whole is cut inside.
        let long = format!("{}x", "y".repeat(40));
        assert_eq!(abbreviate_around(&long, 40, 12), "…yyyyx");
        // An early change needs no shift.
        assert_eq!(abbreviate_around(old, 3, 21), "We will establish a …");
        // Wide characters are skipped whole.
        let column = shared_prefix_width("我们愿加强合作", "我们愿加强协作");
        assert_eq!(abbreviate_around("我们愿加强合作", column, 9), "…加强合作");
        assert_eq!(abbreviate_around("我们愿加强协作", column, 9), "…加强协作");
    }

    #[test]
    fn focus_falls_in_the_line_holding_the_change() {
        let split = ["We will act.".to_string(), "We will pay.".to_string()];
        // Joined with a space: "We will act. We will pay." — a change at column 14 lies in
        // the second line, at its column 1.
        assert_eq!(focus_in_lines(&split, 1, 14), [None, Some(1)]);
        assert_eq!(focus_in_lines(&split, 1, 3), [Some(3), None]);
        let zh = ["我们行动。".to_string(), "我们付款。".to_string()];
        assert_eq!(focus_in_lines(&zh, 0, 10), [Some(10), Some(0)]);
    }

    #[test]
    fn wrapping_keeps_words_and_graphemes_whole() {
        assert_eq!(
            wrap("We will fund joint evaluations.", 12),
            ["We will fund", "joint", "evaluations."]
        );
        assert_eq!(
            wrap("我们将加强合作，推动发展。", 10),
            ["我们将加强", "合作，推动", "发展。"]
        );
        // A comma does not open a line: the character before it comes along.
        assert_eq!(
            wrap("我们将加强合作，推动", 14),
            ["我们将加强合", "作，推动"]
        );
        assert_eq!(
            wrap("supercalifragilistic", 8),
            ["supercal", "ifragili", "stic"]
        );
        assert_eq!(wrap("", 8), [""]);
        for line in wrap("e\u{301}𦡦😀 我们将加强合作 and more words here", 5) {
            assert!(line.width() <= 5, "{line}");
        }
    }

    #[test]
    fn a_huge_title_is_cut_to_four_lines_before_layout() {
        let options = RenderOptions::default();
        let most = FREE_TEXT_LINES * usize::from(FALLBACK_WIDTH);
        let title = format!("\u{1b}[8m{}", "x".repeat(1 << 20));
        let shown = free_text(&title, &options);
        assert_eq!(shown.width(), most, "{shown}");
        assert!(
            shown.starts_with("␛[8mxxx") && shown.ends_with('…'),
            "{shown}"
        );
        // Zero-width characters cut are still marked as cut.
        let marks = "e".to_string() + &"\u{301}".repeat(2 * most);
        assert!(free_text(&marks, &options).ends_with('…'));
        let ordinary = "Riverside Community AI Charter (second edition)";
        assert_eq!(free_text(ordinary, &options), ordinary);
    }

    #[test]
    fn a_weakened_commitment_shows_both_markers() {
        let mut out = Vec::new();
        render(
            &layout::weakened_report(),
            &RenderOptions::default(),
            &mut out,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("weakened 将 → 愿"), "{out}");
    }
}
