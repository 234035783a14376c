//! `declcmp matrix --format html`: one self-contained page. The documents, the theme ×
//! document table as a heat map (with the themes the focus lacks), the clause grid with
//! "shared by k of N", the document similarity matrix, and the evidence every cell links to.
//!
//! As in the pair report's page ([`crate::report::html`]), every piece of document text,
//! file names and headings included, reaches the page through maud's splices, which escape
//! it; the unescaped strings are the page's own stylesheet and its one small script, which
//! sorts the grid on a click (the page reads the same without it). The page loads nothing
//! (a Content-Security-Policy forbids it).

use std::io::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::render::{MatrixRenderOptions, lacks_sentence, level_letter, short};
use super::{Matrix, Row};
use crate::report::html::CONTENT_SECURITY_POLICY;
use crate::report::safe;

/// The page's stylesheet, inlined: CJK font stack, heat-map shades, print rules.
const STYLE: &str = include_str!("matrix.css");

/// The page's one script, inlined: a click on the grid's "clause" or "shared by" heading
/// sorts the rows by it (again: the other way). The page reads the same without it, in the
/// order `--sort` chose; it holds no document text.
const SORT_SCRIPT: &str = "document.querySelectorAll('table.grid th[data-sort]').forEach(function(th){th.addEventListener('click',function(){var body=th.closest('table').tBodies[0],key=th.getAttribute('data-sort'),rows=Array.prototype.slice.call(body.rows);rows.sort(function(a,b){return a.getAttribute('data-'+key)-b.getAttribute('data-'+key)||a.getAttribute('data-order')-b.getAttribute('data-order');});if(!th.classList.toggle('asc')){rows.reverse();}rows.forEach(function(row){body.appendChild(row);});});});";

/// Heat-map shade of a share in [0, 1]: `h0` (none) to `h4` (most).
fn shade(x: f64) -> &'static str {
    match x {
        x if x <= 0.0 => "h0",
        x if x < 0.15 => "h1",
        x if x < 0.35 => "h2",
        x if x < 0.6 => "h3",
        _ => "h4",
    }
}

/// Document text for the page: controls spelled out, on one line (maud escapes the rest).
fn text(s: &str) -> String {
    safe::one_line(s).into_owned()
}

/// Writes the page.
pub fn render(
    matrix: &Matrix,
    options: &MatrixRenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(page(matrix, options).into_string().as_bytes())?;
    writeln!(out)
}

fn page(matrix: &Matrix, options: &MatrixRenderOptions) -> Markup {
    let focus = matrix.focus_document();
    let n = matrix.documents.len();
    let title = format!("{} against {} other documents", text(focus.label()), n - 1);
    html! {
        (DOCTYPE)
        html lang=(focus.lang.tag()) {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(CONTENT_SECURITY_POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (title) }
                (documents(matrix))
                (themes(matrix))
                (grid(matrix, options))
                (similarity(matrix))
                (evidence(matrix))
                script { (PreEscaped(SORT_SCRIPT)) }
            }
        }
    }
}

fn documents(matrix: &Matrix) -> Markup {
    html! {
        section #documents {
            h2 { "Documents" }
            table.docs {
                thead { tr { th { "" } th { "document" } th { "title" } th { "clauses" } } }
                tbody {
                    @for (k, doc) in matrix.documents.iter().enumerate() {
                        tr #(format!("d{k}")) {
                            th { (short(k)) @if k == matrix.focus { " (focus)" } }
                            td.path { (text(&doc.path)) }
                            td { (text(doc.title.as_deref().unwrap_or(""))) }
                            td.num { (doc.clauses.len()) }
                        }
                    }
                }
            }
        }
    }
}

fn themes(matrix: &Matrix) -> Markup {
    let n = matrix.documents.len();
    html! {
        section #themes {
            h2 { "Themes" }
            p.legend { "Cell: strongest commitment among the clauses that address the theme (n note, c encourage, e endeavour, b binding) and their number; darker is firmer. Each cell links to its clauses." }
            table.heat {
                thead { tr { th { "theme" } @for k in 0..n { th title=(text(matrix.documents[k].label())) { (short(k)) } } } }
                tbody {
                    @for (t, theme) in matrix.themes.iter().enumerate() {
                        tr {
                            th.theme title=(theme.source) { (theme.name) " " span.zh { (theme.name_zh) } }
                            @for k in 0..n {
                                @match theme.of(k) {
                                    Some(entry) => td class=(format!("lvl{}", entry.level as u8)) {
                                        a href=(format!("#t{t}-d{k}")) { (level_letter(entry.level)) (entry.clauses.len()) }
                                    },
                                    None => td.none { "·" },
                                }
                            }
                        }
                    }
                }
            }
            p.lacks { (lacks_sentence(matrix)) }
        }
    }
}

fn grid(matrix: &Matrix, options: &MatrixRenderOptions) -> Markup {
    let n = matrix.documents.len();
    let focus = matrix.focus_document();
    html! {
        section #grid {
            h2 { "Clauses of the focus" }
            p.legend { "Rows: the focus document's clauses; columns: the other documents; cell: the counterpart clauses and their similarity, linked to the evidence." }
            table.grid {
                thead { tr { th.sortable data-sort="order" title="sort by clause" { "clause" } th.sortable data-sort="shared" title="sort by how many documents share the clause" { "shared by" } th { "text" } @for k in 1..n { th title=(text(matrix.documents[k].label())) { (short(k)) } } } }
                tbody {
                    @for row in matrix.rows_in(options.order) {
                        @let clause = &focus.clauses[row.index];
                        tr #(format!("c{}", row.clause)) data-order=(row.index) data-shared=(row.shared_by) class=(format!("shared{}", if row.shared_by == 0 { "-none" } else if row.shared_by + 1 == n { "-all" } else { "" })) {
                            th.id { (row.clause) }
                            td.num { (row.shared_by) " of " (n - 1) }
                            td.text { (text(&clause.text)) " " span.lvl { (clause.commitment.label()) } }
                            @for k in 1..n { (grid_cell(row, k)) }
                        }
                    }
                }
            }
        }
    }
}

fn grid_cell(row: &Row, k: usize) -> Markup {
    match row.counterparts.iter().find(|c| c.document == k) {
        Some(c) => html! {
            td class=(shade(c.similarity)) {
                a href=(format!("#e{}-d{k}", row.clause)) { (c.clauses.join(", ")) br; (format!("{:.2}", c.similarity)) }
            }
        },
        None => html! { td.none { "·" } },
    }
}

fn similarity(matrix: &Matrix) -> Markup {
    let n = matrix.documents.len();
    html! {
        section #similarity {
            h2 { "Document similarity" }
            p.legend { "Share of the row document's clauses with a counterpart in the column document. " (matrix.similarity_note) }
            table.heat {
                thead { tr { th { "" } @for k in 0..n { th title=(text(matrix.documents[k].label())) { (short(k)) } } } }
                tbody {
                    @for (i, row) in matrix.document_similarity.iter().enumerate() {
                        tr {
                            th title=(text(matrix.documents[i].label())) { (short(i)) }
                            @for &x in row { td class=(shade(x)) { (format!("{:.0}%", x * 100.0)) } }
                        }
                    }
                }
            }
        }
    }
}

fn evidence(matrix: &Matrix) -> Markup {
    let focus = matrix.focus_document();
    html! {
        section #evidence {
            h2 { "Evidence" }
            @for row in &matrix.rows {
                @for c in &row.counterparts {
                    div.evidence #(format!("e{}-d{}", row.clause, c.document)) {
                        h3 { (row.clause) " ↔ " (short(c.document)) " " (c.clauses.join(", ")) " · similarity " (format!("{:.2}", c.similarity)) " · confidence " (format!("{:.2}", c.confidence)) }
                        p.focus { span.id { (row.clause) } " " (text(&focus.clauses[row.index].text)) }
                        @for id in &c.clauses {
                            @if let Some(clause) = matrix.clause(c.document, id) {
                                p.other { span.id { (id) } " " (text(&clause.text)) }
                            }
                        }
                        @if !c.evidence.is_empty() { p.terms { "shared: " (text(&c.evidence.join(", "))) } }
                    }
                }
            }
            @for (t, theme) in matrix.themes.iter().enumerate() {
                @for entry in &theme.documents {
                    div.evidence #(format!("t{t}-d{}", entry.document)) {
                        h3 { (theme.name) " in " (short(entry.document)) " · strongest: " (format!("{}", entry.level.name())) }
                        @for id in &entry.clauses {
                            @if let Some(clause) = matrix.clause(entry.document, id) {
                                p.other { span.id { (id) } " " (text(&clause.text)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
