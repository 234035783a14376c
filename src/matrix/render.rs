//! The matrix in `--format table|markdown|json` (HTML is [`super::html`]): the documents,
//! the clause grid with "shared by k of N", the theme × document table with the themes the
//! focus lacks, and the document similarity matrix. Every piece of document text is made
//! safe first ([`crate::report::safe`]).

use std::io::Write;

use comfy_table::{ContentArrangement, Table, presets};

use super::{Matrix, MatrixClause, RowOrder};
use crate::commitment::Level;
use crate::report::markdown::inline::escape;
use crate::report::safe;
use crate::text::abbreviate;

/// The output formats of `declcmp matrix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatrixFormat {
    /// Terminal tables.
    #[default]
    Table,
    /// A Markdown brief.
    Markdown,
    /// The `declcmp.matrix/1` JSON contract.
    Json,
    /// One self-contained HTML page.
    Html,
}

named!(MatrixFormat {
    Table => "table",
    Markdown => "markdown",
    Json => "json",
    Html => "html",
});

/// How the matrix is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRenderOptions {
    /// Table width in columns.
    pub width: u16,
    /// Order of the grid's rows (the JSON keeps document order).
    pub order: RowOrder,
}

impl Default for MatrixRenderOptions {
    fn default() -> Self {
        MatrixRenderOptions {
            width: crate::report::FALLBACK_WIDTH,
            order: RowOrder::Document,
        }
    }
}

/// Display columns of a focus clause in the table's grid; the Markdown and HTML have it whole.
const GRID_TEXT_COLUMNS: usize = 48;

/// Renders `matrix` in `format`.
pub fn render(
    matrix: &Matrix,
    format: MatrixFormat,
    options: &MatrixRenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        MatrixFormat::Table => table(matrix, options, out),
        MatrixFormat::Markdown => markdown(matrix, options, out),
        MatrixFormat::Json => {
            let mut escaped = safe::JsonControlsEscaped::new(out);
            serde_json::to_writer_pretty(&mut escaped, matrix)?;
            writeln!(escaped)
        }
        MatrixFormat::Html => super::html::render(matrix, options, out),
    }
}

/// A level as one letter for a narrow cell: n(ote), c (encourage), e(ndeavour), b(inding).
pub fn level_letter(level: Level) -> char {
    match level {
        Level::Note => 'n',
        Level::Encourage => 'c',
        Level::Endeavour => 'e',
        Level::Binding => 'b',
    }
}

/// `D0`, `D1`…: a document's short name in the grids (D0 is the focus).
pub fn short(k: usize) -> String {
    format!("D{k}")
}

fn new_table(options: &MatrixRenderOptions) -> Table {
    let mut table = Table::new();
    let width = if options.width == 0 {
        crate::report::FALLBACK_WIDTH
    } else {
        options.width
    };
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// A cell of the grid: the counterpart ids and the similarity (`B3,B4 .42`), or `·`.
fn grid_cell(row: &super::Row, k: usize) -> String {
    match row.counterparts.iter().find(|c| c.document == k) {
        // Similarities are below 1 but for identical clauses: `.42` saves a column.
        Some(c) if c.similarity < 1.0 => {
            let two = format!("{:.2}", c.similarity);
            format!("{} {}", c.clauses.join(","), two.trim_start_matches('0'))
        }
        Some(c) => format!("{} 1", c.clauses.join(",")),
        None => "·".to_string(),
    }
}

fn theme_cell(theme: &super::ThemeCoverage, k: usize) -> String {
    match theme.of(k) {
        Some(entry) => format!("{}{}", level_letter(entry.level), entry.clauses.len()),
        None => "·".to_string(),
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn table(
    matrix: &Matrix,
    options: &MatrixRenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let n = matrix.documents.len();
    let mut documents = new_table(options);
    documents.set_header(vec!["", "document", "title", "clauses"]);
    for (k, doc) in matrix.documents.iter().enumerate() {
        documents.add_row(vec![
            if k == matrix.focus {
                format!("{} (focus)", short(k))
            } else {
                short(k)
            },
            safe::one_line(&doc.path).into_owned(),
            safe::one_line(doc.title.as_deref().unwrap_or("")).into_owned(),
            doc.clauses.len().to_string(),
        ]);
    }
    writeln!(out, "{documents}")?;

    let mut grid = new_table(options);
    let mut header = vec![
        "clause".to_string(),
        "shared".to_string(),
        "text".to_string(),
    ];
    header.extend((1..n).map(short));
    grid.set_header(header);
    let focus = matrix.focus_document();
    for row in matrix.rows_in(options.order) {
        let text = &focus.clauses[row.index].text;
        let mut cells = vec![
            row.clause.clone(),
            format!("{}/{}", row.shared_by, n - 1),
            abbreviate(&safe::one_line(text), GRID_TEXT_COLUMNS),
        ];
        cells.extend((1..n).map(|k| grid_cell(row, k)));
        grid.add_row(cells);
    }
    writeln!(
        out,
        "Clauses of {} and their counterparts (shared: by how many of the {} others; cell: counterpart clauses and similarity)",
        short(matrix.focus),
        n - 1
    )?;
    writeln!(out, "{grid}")?;

    let mut themes = new_table(options);
    let mut header = vec!["theme".to_string()];
    header.extend((0..n).map(short));
    themes.set_header(header);
    for theme in &matrix.themes {
        let mut cells = vec![theme.name.clone()];
        cells.extend((0..n).map(|k| theme_cell(theme, k)));
        themes.add_row(cells);
    }
    writeln!(
        out,
        "Themes (cell: strongest commitment, n note, c encourage, e endeavour, b binding, and the number of clauses)"
    )?;
    writeln!(out, "{themes}")?;
    writeln!(out, "{}", lacks_sentence(matrix))?;

    let mut similar = new_table(options);
    let mut header = vec![String::new()];
    header.extend((0..n).map(short));
    similar.set_header(header);
    for (i, row) in matrix.document_similarity.iter().enumerate() {
        let mut cells = vec![short(i)];
        cells.extend(row.iter().map(|&x| percent(x)));
        similar.add_row(cells);
    }
    writeln!(
        out,
        "Document similarity (share of the row document's clauses with a counterpart in the column document)"
    )?;
    writeln!(out, "{similar}")?;
    writeln!(out, "{}", matrix.similarity_note)
}

/// "The focus lacks: …", or that it lacks none.
pub fn lacks_sentence(matrix: &Matrix) -> String {
    if matrix.focus_lacks.is_empty() {
        return "The focus addresses every theme another document addresses.".to_string();
    }
    let names: Vec<String> = matrix
        .focus_lacks
        .iter()
        .filter_map(|id| matrix.themes.iter().find(|t| &t.id == id))
        .map(|t| {
            let by: Vec<String> = t.documents.iter().map(|d| short(d.document)).collect();
            format!("{} ({})", t.name, by.join(", "))
        })
        .collect();
    format!(
        "Themes others address and the focus lacks: {}.",
        names.join("; ")
    )
}

fn markdown(
    matrix: &Matrix,
    options: &MatrixRenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let n = matrix.documents.len();
    let focus = matrix.focus_document();
    writeln!(
        out,
        "# {} against {} other documents\n",
        escape(focus.label()),
        n - 1
    )?;
    writeln!(out, "| | document | title | clauses |\n|---|---|---|---|")?;
    for (k, doc) in matrix.documents.iter().enumerate() {
        writeln!(
            out,
            "| {}{} | `{}` | {} | {} |",
            short(k),
            if k == matrix.focus { " (focus)" } else { "" },
            safe::one_line(&doc.path).replace('`', "'"),
            escape(doc.title.as_deref().unwrap_or("")),
            doc.clauses.len()
        )?;
    }
    writeln!(out, "\n## Themes\n")?;
    writeln!(
        out,
        "Strongest commitment (n note, c encourage, e endeavour, b binding) and the number of clauses.\n"
    )?;
    let ds: Vec<String> = (0..n).map(short).collect();
    writeln!(
        out,
        "| theme | {} |\n|---|{}",
        ds.join(" | "),
        "---|".repeat(n)
    )?;
    for theme in &matrix.themes {
        let cells: Vec<String> = (0..n).map(|k| theme_cell(theme, k)).collect();
        writeln!(out, "| {} | {} |", escape(&theme.name), cells.join(" | "))?;
    }
    writeln!(out, "\n{}", lacks_sentence(matrix))?;
    writeln!(out, "\n## Clauses of the focus\n")?;
    writeln!(
        out,
        "| clause | shared by | text | counterparts |\n|---|---|---|---|"
    )?;
    for row in matrix.rows_in(options.order) {
        let clause: &MatrixClause = &focus.clauses[row.index];
        let counterparts: Vec<String> = row
            .counterparts
            .iter()
            .map(|c| {
                format!(
                    "{}: {} ({:.2}{})",
                    short(c.document),
                    c.clauses.join(", "),
                    c.similarity,
                    if c.evidence.is_empty() {
                        String::new()
                    } else {
                        format!("; {}", escape(&c.evidence.join(", ")))
                    }
                )
            })
            .collect();
        writeln!(
            out,
            "| {} | {} of {} | {} | {} |",
            row.clause,
            row.shared_by,
            n - 1,
            escape(&clause.text),
            counterparts.join("<br>")
        )?;
    }
    writeln!(out, "\n## Document similarity\n")?;
    writeln!(
        out,
        "Share of the row document's clauses with a counterpart in the column document. {}\n",
        matrix.similarity_note
    )?;
    writeln!(out, "| | {} |\n|---|{}", ds.join(" | "), "---|".repeat(n))?;
    for (i, row) in matrix.document_similarity.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|&x| percent(x)).collect();
        writeln!(out, "| {} | {} |", short(i), cells.join(" | "))?;
    }
    Ok(())
}
