//! `--format html`: one self-contained page for analysts. A headline, counts and a change
//! list that links to each row; filters; then one grid whose rows hold both sides of an
//! aligned group, A left and B right, with word-level changes marked (deletions red and
//! struck, insertions blue, moves green) and commitment badges on every clause.
//!
//! Every piece of document text reaches the page through maud's `html!` splices, which
//! escape it; the one unescaped string is the page's own stylesheet. The page loads nothing:
//! a Content-Security-Policy forbids it, no element points outside the page, and the filters
//! are radio buttons read by CSS, so there is no script at all.

use std::collections::HashMap;
use std::io::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use similar::ChangeTag;

use super::brief;
use super::layout::{self, CommitmentShift, Entry, Side};
use super::safe;
use super::worddiff::word_diff;
use super::{ClauseReport, DocumentReport, Pair, PairKind, RenderOptions, Report};
use crate::commitment::CommitmentChange;

/// The page's stylesheet, inlined (no file or font is fetched).
const STYLE: &str = include_str!("html.css");

/// What the page may load: nothing; its inline style (and inline script, were there any).
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

/// Evidence terms shown in a row; all of them, with weights, are in its tooltip.
const EVIDENCE_SHOWN: usize = 3;

/// Display columns of a clause excerpt in the change list: enough to recognise the clause,
/// the row it links to has the whole text.
const EXCERPT_COLUMNS: usize = 80;

/// Up to this many changes the change list stands open; a longer one (two different texts
/// differ nearly everywhere) is folded so the grid is not pushed pages down.
const CHANGE_LIST_OPEN: usize = 30;

/// The filters: input id, label, the row class a filter keeps, and what it keeps.
const FILTERS: [(&str, &str, &str, &str); 5] = [
    ("f-all", "All", "row", "every row"),
    (
        "f-changed",
        "Changed",
        "changed",
        "everything but identical clauses in place",
    ),
    (
        "f-commitments",
        "Commitments",
        "commitment",
        "weakened or strengthened, and commitments only one side makes",
    ),
    (
        "f-only-a",
        "Only in A",
        "only-a",
        "A clauses without counterpart",
    ),
    (
        "f-only-b",
        "Only in B",
        "only-b",
        "B clauses without counterpart",
    ),
];

/// How a run of a side's text is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Same,
    Deleted,
    Inserted,
}

/// One row of the grid: an aligned group, or a clause without counterpart.
struct Row<'r> {
    /// 1-based; the row's anchor is `r{number}`.
    number: usize,
    a: Vec<&'r ClauseReport>,
    b: Vec<&'r ClauseReport>,
    text_a: Vec<(Mark, String)>,
    text_b: Vec<(Mark, String)>,
    /// `identical`, `modified`, `split`, `merged`, `only in A`, `only in B`, `also`.
    kind: &'static str,
    pair: Option<&'r Pair>,
    shift: Option<CommitmentShift>,
    /// The heading the row stands under: A's, or B's for a clause only B has.
    section: &'r str,
    /// Classes the filters and the stylesheet read.
    classes: Vec<&'static str>,
}

impl Row<'_> {
    fn has(&self, class: &str) -> bool {
        self.classes.contains(&class)
    }

    fn anchor(&self) -> String {
        format!("r{}", self.number)
    }
}

/// Writes the page.
pub fn render(
    report: &Report,
    _options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let (rows, also, related) = rows(report);
    let page = page(report, &rows, &also, &related);
    out.write_all(page.into_string().as_bytes())?;
    writeln!(out)
}

/// The grid's rows in A's reading order, and apart from them the further counterparts and
/// the related pairs (not counted as shared).
fn rows(report: &Report) -> (Vec<Row<'_>>, Vec<Row<'_>>, Vec<Row<'_>>) {
    let mut rows = Vec::new();
    let mut also = Vec::new();
    let cross = brief::is_cross(report);
    for entry in layout::reading_order(report, Side::A) {
        match entry {
            Entry::OnlyA(i) => {
                if let Some(clause) = report.a.clauses.get(i) {
                    rows.push(single(clause, Side::A, cross));
                }
            }
            Entry::OnlyB(j) => {
                if let Some(clause) = report.b.clauses.get(j) {
                    rows.push(single(clause, Side::B, cross));
                }
            }
            Entry::Pair(k) => {
                if let Some(pair) = report.pairs.get(k) {
                    let row = group(report, pair);
                    if pair.also {
                        also.push(row);
                    } else {
                        rows.push(row);
                    }
                }
            }
        }
    }
    let mut related: Vec<Row> = report
        .related
        .iter()
        .map(|pair| Row {
            kind: "related",
            classes: vec!["row", "related"],
            ..group(report, pair)
        })
        .collect();
    for (n, row) in rows
        .iter_mut()
        .chain(also.iter_mut())
        .chain(related.iter_mut())
        .enumerate()
    {
        row.number = n + 1;
    }
    (rows, also, related)
}

/// The row of a clause without counterpart: struck or underlined as removed or added in a
/// revision; between two different texts it is only one side's own, shown as it is.
fn single(clause: &ClauseReport, side: Side, cross: bool) -> Row<'_> {
    let text = safe::one_line(&clause.text).into_owned();
    let mark = |changed| if cross { Mark::Same } else { changed };
    let (a, b, text_a, text_b, kind, class) = match side {
        Side::A => (
            vec![clause],
            Vec::new(),
            vec![(mark(Mark::Deleted), text)],
            Vec::new(),
            "only in A",
            "only-a",
        ),
        Side::B => (
            Vec::new(),
            vec![clause],
            Vec::new(),
            vec![(mark(Mark::Inserted), text)],
            "only in B",
            "only-b",
        ),
    };
    let mut classes = vec!["row", class, "changed"];
    if brief::commits(clause) {
        classes.push("commitment");
    }
    Row {
        number: 0,
        a,
        b,
        text_a,
        text_b,
        kind,
        pair: None,
        shift: None,
        section: layout::section(clause),
        classes,
    }
}

fn group<'r>(report: &'r Report, pair: &'r Pair) -> Row<'r> {
    let a: Vec<&ClauseReport> = layout::clauses(&report.a, &pair.a_index).collect();
    let b: Vec<&ClauseReport> = layout::clauses(&report.b, &pair.b_index).collect();
    let joined_a = safe::one_line(&layout::group_text(&report.a, &pair.a_index)).into_owned();
    let joined_b = safe::one_line(&layout::group_text(&report.b, &pair.b_index)).into_owned();
    // Between two different texts a word diff marks nearly everything: the two clauses are
    // shown as they are, side by side.
    let (text_a, text_b) = if pair.kind == PairKind::Identical || brief::is_cross(report) {
        (vec![(Mark::Same, joined_a)], vec![(Mark::Same, joined_b)])
    } else {
        let mut text_a = Vec::new();
        let mut text_b = Vec::new();
        for (tag, text) in word_diff(&joined_a, &joined_b) {
            match tag {
                ChangeTag::Equal => {
                    text_a.push((Mark::Same, text.clone()));
                    text_b.push((Mark::Same, text));
                }
                ChangeTag::Delete => text_a.push((Mark::Deleted, text)),
                ChangeTag::Insert => text_b.push((Mark::Inserted, text)),
            }
        }
        (text_a, text_b)
    };
    let kind = if pair.also { "also" } else { pair.kind.name() };
    let mut classes = vec!["row", kind];
    if pair.kind != PairKind::Identical || pair.moved {
        classes.push("changed");
    }
    if pair.moved {
        classes.push("moved");
    }
    match pair.commitment_change {
        CommitmentChange::Weakened => classes.extend(["weakened", "commitment"]),
        CommitmentChange::Strengthened => classes.extend(["strengthened", "commitment"]),
        CommitmentChange::Reversed => classes.extend(["reversed", "commitment"]),
        CommitmentChange::Same => {}
    }
    Row {
        number: 0,
        section: a.first().map_or("", |c| layout::section(c)),
        a,
        b,
        text_a,
        text_b,
        kind,
        pair: Some(pair),
        shift: layout::commitment_shift(report, pair),
        classes,
    }
}

/// The document's BCP 47 language tag, for `lang` attributes (the browser picks CJK fonts
/// and line breaking by it).
fn lang(doc: &DocumentReport) -> &str {
    doc.lang.tag()
}

fn title(doc: &DocumentReport) -> String {
    safe::one_line(doc.title.as_deref().unwrap_or(&doc.path)).into_owned()
}

fn page(report: &Report, rows: &[Row], also: &[Row], related: &[Row]) -> Markup {
    let heading = format!("{} → {}", title(&report.a), title(&report.b));
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { "declcmp: " (heading) }
                style { (PreEscaped(STYLE)) }
            }
            "\n"
            body {
                header {
                    h1 { (heading) }
                    p.headline { (brief::headline(report)) }
                    @for warning in &report.warnings {
                        p.warning { "Warning: " (crate::report::safe::one_line(warning)) }
                    }
                    (sources(report))
                }
                "\n"
                (summary(report))
                "\n"
                (change_list(rows))
                "\n"
                (grid(report, rows, also, related))
                "\n"
                footer {
                    "Made by declcmp. Rows follow A's order; a clause only B has stands where B has it. "
                    "Hover a row's shared words for their weights."
                }
            }
        }
    }
}

fn sources(report: &Report) -> Markup {
    html! {
        table.sources {
            tr { th {} th { "path" } th { "title" } th { "language" } th { "clauses" } th { "encoding" } }
            @for (side, doc) in [("A", &report.a), ("B", &report.b)] {
                tr {
                    th { (side) }
                    td { (safe::one_line(&doc.path)) }
                    td lang=(lang(doc)) { (safe::one_line(doc.title.as_deref().unwrap_or(""))) }
                    td { (lang(doc)) }
                    td { (doc.clauses.len()) }
                    td { (safe::one_line(&doc.encoding)) }
                }
            }
        }
    }
}

fn summary(report: &Report) -> Markup {
    let counts = brief::summary_counts(report);
    let sections = brief::section_counts(report);
    let total = brief::SectionCounts::total(&sections);
    let columns = brief::section_columns(report, &total);
    let levels = brief::commitment_levels(report);
    html! {
        section.summary {
            h2 { "Summary" }
            table.counts {
                tr { @for (name, _) in &counts { th { (name) } } }
                tr { @for (_, n) in &counts { td { (n) } } }
            }
            @if !report.comparison.limits.is_empty() {
                h2 { "Limits reached" }
                ul.limits { @for limit in &report.comparison.limits { li { (safe::one_line(&limit.to_string())) } } }
            }
            details {
                summary { "Counts by section (" (sections.len()) ")" }
                table.counts {
                    tr {
                        th { "section" }
                        @for (header, _) in &columns { th { (header) } }
                    }
                    @for section in &sections {
                        tr {
                            th { (section_name(&section.name)) }
                            @for (_, count) in &columns { td { (count(section)) } }
                        }
                    }
                }
            }
            details {
                summary { "Commitment levels and their markers" }
                table.counts {
                    tr { th { "level" } th { "A" } th { "A's markers" } th { "B" } th { "B's markers" } }
                    @for level in &levels {
                        tr {
                            th { (level.label) }
                            td { (level.a) }
                            td.excerpt lang=(lang(&report.a)) { (safe::one_line(&level.markers_a.join(" · "))) }
                            td { (level.b) }
                            td.excerpt lang=(lang(&report.b)) { (safe::one_line(&level.markers_b.join(" · "))) }
                        }
                    }
                }
            }
        }
    }
}

fn section_name(name: &str) -> String {
    if name.is_empty() {
        "(before the first heading)".to_string()
    } else {
        safe::one_line(name).into_owned()
    }
}

/// The change list: commitment changes first, then every other change in A's order, each
/// linking to its row.
fn change_list(rows: &[Row]) -> Markup {
    let mut changed: Vec<&Row> = rows.iter().filter(|r| r.has("changed")).collect();
    changed.sort_by_key(|r| (r.shift.is_none(), r.number));
    html! {
        details.change-list open[changed.len() <= CHANGE_LIST_OPEN] {
            summary { h2 { "Changes (" (changed.len()) ")" } }
            @if changed.is_empty() {
                p { "None: every clause has an identical counterpart in place." }
            } @else {
                table.changes {
                    tr { th { "row" } th { "change" } th { "clauses" } th { "text" } }
                    @for row in changed {
                        tr {
                            td { a href={ "#" (row.anchor()) } { "#" (row.number) } }
                            td {
                                (row.kind)
                                @if row.has("moved") { ", moved" }
                                @if let Some(shift) = &row.shift { br; strong { (safe::one_line(&shift.to_string())) } }
                            }
                            td { (ids(row)) }
                            td.excerpt { (excerpt(row)) }
                        }
                    }
                }
            }
        }
    }
}

/// `A3 → B6`, `A4 + A5 → B7`, `A9 →`, `→ B2`.
fn ids(row: &Row) -> String {
    let join = |clauses: &[&ClauseReport]| {
        clauses
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(" + ")
    };
    safe::one_line(format!("{} → {}", join(&row.a), join(&row.b)).trim()).into_owned()
}

/// The start of a row's text, B's where it has one.
fn excerpt(row: &Row) -> String {
    let side = if row.text_b.is_empty() {
        &row.text_a
    } else {
        &row.text_b
    };
    let text: String = side.iter().map(|(_, t)| t.as_str()).collect();
    crate::text::abbreviate(&text, EXCERPT_COLUMNS)
}

fn grid(report: &Report, rows: &[Row], also: &[Row], related: &[Row]) -> Markup {
    let count = |class: &str| rows.iter().chain(also).filter(|r| r.has(class)).count();
    // Which main row holds each clause, for the further counterparts' links back.
    let mut holder: HashMap<&str, usize> = HashMap::new();
    for row in rows {
        for clause in row.a.iter().chain(&row.b) {
            holder.entry(clause.id.as_str()).or_insert(row.number);
        }
    }
    let headings = headings(rows);
    html! {
        section.clauses {
            h2 { "Clauses side by side" }
            @for (k, (id, _, _, _)) in FILTERS.iter().enumerate() {
                input.filter type="radio" name="filter" id=(id) checked[k == 0];
            }
            nav.filters aria-label="Filter rows" {
                @for (id, label, class, keeps) in FILTERS {
                    label for=(id) title=(keeps) { (label) " (" (count(class)) ")" }
                }
            }
            "\n"
            table.grid {
                colgroup { col.meta; col.side; col.side; }
                thead {
                    tr {
                        th { "" }
                        th lang=(lang(&report.a)) { "A · " (title(&report.a)) }
                        th lang=(lang(&report.b)) { "B · " (title(&report.b)) }
                    }
                }
                tbody {
                    @for (row, (opens, heading)) in rows.iter().zip(&headings) {
                        @if *opens {
                            tr.section {
                                th {}
                                th lang=(lang(&report.a)) { @if let Some(h) = heading.0 { (section_name(h)) } }
                                th lang=(lang(&report.b)) { @if let Some(h) = heading.1 { (section_name(h)) } }
                            }
                            "\n"
                        }
                        (grid_row(report, row, Some(*heading), &[]))
                        "\n"
                    }
                }
                @if !also.is_empty() {
                    tbody.also {
                        tr.section {
                            th colspan="3" {
                                "Further counterparts: the same commitment answered again elsewhere"
                            }
                        }
                        "\n"
                        @for row in also {
                            @let back = back_links(row, &holder);
                            (grid_row(report, row, None, &back))
                            "\n"
                        }
                    }
                }
                @if !related.is_empty() {
                    tbody.also.related {
                        tr.section {
                            th colspan="3" {
                                "Related, not counted as shared: the closest clause of the other text, below the confidence of the same commitment"
                            }
                        }
                        "\n"
                        @for row in related {
                            (grid_row(report, row, None, &[]))
                            "\n"
                        }
                    }
                }
            }
        }
    }
}

/// The headings of one section of the grid, A's and B's; `None` where no clause of that
/// side stands in it.
type Heading<'r> = (Option<&'r str>, Option<&'r str>);

/// For each row, whether a section row opens above it, and the headings of the section it
/// stands in. A section opens where A's heading changes (a clause only B has opens none);
/// each side's heading is that of its first clause in the section, so a renamed heading
/// shows once, in the section row, and a clause under another heading names its own.
fn headings<'r>(rows: &[Row<'r>]) -> Vec<(bool, Heading<'r>)> {
    let section_a = |row: &Row<'r>| row.a.first().map(|c| layout::section(c));
    let mut opens: Vec<bool> = Vec::with_capacity(rows.len());
    let mut current: Option<&str> = None;
    for (k, row) in rows.iter().enumerate() {
        let here = section_a(row);
        opens.push(k == 0 || here.is_some_and(|s| Some(s) != current));
        current = here.or(current);
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut heading: Heading = (None, None);
    for (k, &open) in opens.iter().enumerate() {
        if open {
            let end = opens[k + 1..]
                .iter()
                .position(|&o| o)
                .map_or(rows.len(), |n| k + 1 + n);
            let run = &rows[k..end];
            heading = (
                run.iter().find_map(section_a),
                run.iter()
                    .find_map(|r| r.b.first())
                    .map(|c| layout::section(c)),
            );
        }
        out.push((open, heading));
    }
    out
}

/// The main rows that hold a further counterpart's clauses, in order, once each.
fn back_links(row: &Row, holder: &HashMap<&str, usize>) -> Vec<usize> {
    let mut rows: Vec<usize> = row
        .a
        .iter()
        .chain(&row.b)
        .filter_map(|c| holder.get(c.id.as_str()).copied())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// One row; `heading` is the section row's (A, B) headings above it, `None` for a row
/// apart from the sections, which names each clause's own.
fn grid_row(report: &Report, row: &Row, heading: Option<Heading>, back: &[usize]) -> Markup {
    let classes = row.classes.join(" ");
    let evidence = row.pair.map(|p| p.evidence.as_slice()).unwrap_or(&[]);
    let shown: Vec<String> = evidence
        .iter()
        .take(EVIDENCE_SHOWN)
        .map(|e| safe::one_line(&e.term).into_owned())
        .collect();
    let weights: Vec<String> = evidence
        .iter()
        .map(|e| format!("{} {:.2}", safe::one_line(&e.term), e.weight))
        .collect();
    html! {
        tr id=(row.anchor()) class=(classes) {
            td.meta {
                a.n href={ "#" (row.anchor()) } { "#" (row.number) }
                span.kind {
                    (row.kind)
                    @if row.has("moved") { ", moved" }
                    @if let Some(pair) = row.pair {
                        " · " (format!("{:.2}", pair.similarity))
                        @if pair.kind != PairKind::Identical {
                            " · confidence " (format!("{:.2}", pair.confidence))
                        }
                    }
                }
                @if let Some(shift) = &row.shift {
                    span.shift title="commitment of B against A" {
                        @if shift.direction == "weakened" { "▼ " } @else { "▲ " }
                        (safe::one_line(&shift.to_string()))
                    }
                }
                @if !shown.is_empty() {
                    span.terms title={ "shared words and their share of the match: " (weights.join(", ")) } {
                        "shared: " (shown.join(" · "))
                    }
                }
                @if !back.is_empty() {
                    span.terms {
                        "also answers "
                        @for (k, n) in back.iter().enumerate() {
                            @if k > 0 { ", " }
                            a href={ "#r" (n) } { "#" (n) }
                        }
                    }
                }
                span.where { (section_name(row.section)) }
            }
            (side_cell("a", &report.a, &row.a, &row.text_a, heading.and_then(|h| h.0)))
            (side_cell("b", &report.b, &row.b, &row.text_b, heading.and_then(|h| h.1)))
        }
    }
}

fn side_cell(
    side: &str,
    doc: &DocumentReport,
    clauses: &[&ClauseReport],
    text: &[(Mark, String)],
    heading: Option<&str>,
) -> Markup {
    if clauses.is_empty() {
        return html! { td class={ (side) " empty" } { "—" } };
    }
    html! {
        td class=(side) lang=(lang(doc)) {
            @for clause in clauses {
                span.label {
                    span.id { (safe::one_line(&clause.id)) }
                    " · line " (clause.line)
                    @if Some(layout::section(clause)) != heading && !layout::section(clause).is_empty() {
                        " · " (section_name(layout::section(clause)))
                    }
                    @if let Some(marker) = &clause.commitment.marker {
                        span class={ "badge " (clause.commitment.label()) }
                            title="commitment level: binding, endeavour, encourage or note" {
                            (clause.commitment.label()) " · " (safe::one_line(marker))
                        }
                    }
                }
            }
            div.text {
                @for (mark, piece) in text {
                    @match mark {
                        Mark::Same => { span.same { (piece) } }
                        Mark::Deleted => { del { (piece) } }
                        Mark::Inserted => { ins { (piece) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_of(report: &Report) -> String {
        let mut out = Vec::new();
        render(report, &RenderOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_weakened_commitment_is_flagged_in_its_row_and_the_change_list() {
        let out = page_of(&layout::weakened_report());
        assert!(out.contains("weakened 将 → 愿"), "{out}");
        assert!(out.contains("<del>将</del>"), "{out}");
        assert!(out.contains("<ins>愿</ins>"), "{out}");
        assert!(out.contains(r##"<a href="#r1">#1</a>"##), "{out}");
    }

    #[test]
    fn clause_text_cannot_open_markup() {
        let mut report = layout::weakened_report();
        let evil = r#"<script>alert(1)</script><img src=x onerror="alert(2)"></table>&amp;"#;
        report.a.clauses[1].text = evil.to_string();
        report.a.clauses[1].section = Some(evil.to_string());
        report.a.title = Some(evil.to_string());
        report.b.path = evil.to_string();
        let out = page_of(&report);
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert_eq!(
            out.matches("</table>").count(),
            out.matches("<table").count()
        );
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(out.contains("&amp;amp;"), "{out}");
    }
}
