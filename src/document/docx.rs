//! Word documents (DOCX) -> blocks: `word/document.xml` read with quick-xml, paragraphs in
//! document order. Headings come from paragraph styles (Title, Heading 1…9, or a style's
//! outline level, named in `word/styles.xml`), list items from numbering, table rows as the
//! Markdown reader gives them (cells joined by ` | `). Tracked changes read as accepted:
//! insertions kept, deletions dropped; comments, field codes, footnotes and text boxes are
//! not text of the body.
//!
//! A DOCX has no lines: a block's "line" is the number of its paragraph in the body,
//! counting from 1 (table cells count their paragraphs too).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::chrome::{self, Item};
use super::format::FormatError;
use super::join::{self, Joiner};
use super::{Block, BlockKind};

/// Largest XML part read from the archive (uncompressed), in bytes: more than any
/// declaration needs, and a bound on a ZIP bomb (a small archive that inflates to gigabytes).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The text of a Word document as blocks, with what was done to get it.
#[derive(Debug, Default)]
pub struct DocxText {
    /// The first heading (the Title, else the first Heading paragraph).
    pub first_heading: Option<String>,
    /// Blocks in document order.
    pub blocks: Vec<Block>,
    /// Tracked insertions kept (read as accepted).
    pub insertions: usize,
    /// Tracked deletions dropped (read as accepted).
    pub deletions: usize,
    /// Comments left out.
    pub comments: usize,
}

impl DocxText {
    /// What was done to tracked changes and comments, for the user to know; `None` when the
    /// document had neither.
    pub fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.insertions + self.deletions > 0 {
            parts.push(format!(
                "tracked changes read as accepted ({} insertion(s) kept, {} deletion(s) dropped)",
                self.insertions, self.deletions
            ));
        }
        if self.comments > 0 {
            parts.push(format!("{} comment(s) ignored", self.comments));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

/// Reads a DOCX. `path` names the input in errors.
pub fn read(bytes: &[u8], path: &str) -> Result<DocxText, FormatError> {
    let fail = |reason: String| FormatError::Docx {
        path: path.to_owned(),
        reason,
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| fail(format!("not a valid ZIP archive ({error})")))?;
    let document = read_part(&mut archive, "word/document.xml")
        .map_err(&fail)?
        .ok_or_else(|| {
            fail("the ZIP archive holds no word/document.xml (is it a Word document?)".into())
        })?;
    let styles = match read_part(&mut archive, "word/styles.xml").map_err(&fail)? {
        Some(xml) => heading_styles(&xml),
        None => HashMap::new(),
    };
    parse_document(&document, &styles).map_err(fail)
}

/// One part of the archive as text, `None` when it is absent.
fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(format!("cannot open {name}: {error}")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot inflate {name}: {error}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} inflates to more than {MAX_PART_BYTES} bytes (the limit for one part)"
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8 XML"))
}

/// Heading level of each paragraph style id that is a heading: Title is 1, Heading N (or
/// outline level N-1) is N+1, so that a document without a Title still nests.
fn heading_styles(xml: &str) -> HashMap<String, u8> {
    let mut levels = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut style_id: Option<String> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) if e.local_name().as_ref() == "style" => {
                style_id = attribute(&e, "w:styleId");
            }
            Event::Empty(e) | Event::Start(e) => {
                let Some(id) = style_id.as_ref() else {
                    continue;
                };
                match e.local_name().as_ref() {
                    "name" => {
                        if let Some(level) =
                            attribute(&e, "w:val").and_then(|name| level_of_style_name(&name))
                        {
                            levels.insert(id.clone(), level);
                        }
                    }
                    "outlineLvl" => {
                        if let Some(level) =
                            attribute(&e, "w:val").and_then(|v| v.parse::<u8>().ok())
                            && level < 9
                        {
                            levels.entry(id.clone()).or_insert(level + 2);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.local_name().as_ref() == "style" => style_id = None,
            Event::Eof => break,
            _ => {}
        }
    }
    levels
}

/// `Title` -> 1, `heading 2` -> 3; any other name -> `None`.
fn level_of_style_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let n = lower.strip_prefix("heading")?.trim().parse::<u8>().ok()?;
    (1..=9).contains(&n).then_some(n + 1)
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(std::borrow::Cow::into_owned)
    })
}

/// Elements whose content is not body text: deleted runs, field codes, the old side of a
/// move, footnote references' marks, drawings (their text boxes repeat in a fallback), and
/// run, section and table properties.
fn skips(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "instrText"
            | "delText"
            | "delInstrText"
            | "AlternateContent"
            | "drawing"
            | "pict"
            | "object"
            | "rPr"
            | "sectPr"
            | "tblPr"
            | "trPr"
            | "tcPr"
            | "footnoteReference"
            | "endnoteReference"
    )
}

#[derive(Default)]
struct Walker<'s> {
    styles: Option<&'s HashMap<String, u8>>,
    items: Vec<Item>,
    first_heading: Option<String>,
    /// Paragraphs seen, the "line" of a block.
    paragraph_number: usize,
    /// Inside a paragraph: its text so far, heading level, whether it is numbered.
    paragraph: Option<Joiner>,
    heading: Option<u8>,
    numbered: bool,
    /// Inside a table row: the row's text.
    row: Option<Joiner>,
    row_depth: usize,
    /// Depth inside `w:pPr` (paragraph properties), and inside skipped elements.
    props_depth: usize,
    skip_depth: usize,
    in_text: bool,
    insertions: usize,
    deletions: usize,
    comments: usize,
}

fn parse_document(xml: &str, styles: &HashMap<String, u8>) -> Result<DocxText, String> {
    let mut reader = Reader::from_str(xml);
    let mut walker = Walker {
        styles: Some(styles),
        ..Walker::default()
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|error| format!("word/document.xml is not well-formed XML: {error}"))?;
        match event {
            Event::Start(e) => walker.start(&e, false),
            Event::Empty(e) => walker.start(&e, true),
            Event::End(e) => walker.end(e.local_name().as_ref()),
            Event::Text(t) if walker.in_text => walker.text(&t.xml10_content()),
            Event::CData(t) if walker.in_text => walker.text(&t.xml10_content()),
            Event::GeneralRef(r) if walker.in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .map(str::to_owned),
                };
                if let Some(text) = resolved {
                    walker.text(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(DocxText {
        first_heading: walker.first_heading,
        blocks: chrome::assemble(walker.items),
        insertions: walker.insertions,
        deletions: walker.deletions,
        comments: walker.comments,
    })
}

impl Walker<'_> {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip_depth > 0 {
            if !empty {
                self.skip_depth += 1;
            }
            return;
        }
        match name {
            "ins" | "moveTo" => self.insertions += 1,
            "del" | "moveFrom" => self.deletions += 1,
            "commentReference" => self.comments += 1,
            _ => {}
        }
        if self.props_depth > 0 {
            // The old properties of a tracked formatting change are not the paragraph's.
            if name == "pPrChange" && !empty {
                self.skip_depth = 1;
            } else {
                self.property(e, name);
                if !empty {
                    self.props_depth += 1;
                }
            }
            return;
        }
        if name == "pPr" {
            if !empty {
                self.props_depth = 1;
            }
            return;
        }
        if skips(name) {
            if !empty {
                self.skip_depth = 1;
            }
            return;
        }
        match name {
            "p" => {
                self.paragraph_number += 1;
                self.paragraph = Some(Joiner::new(BlockKind::Paragraph));
                self.heading = None;
                self.numbered = false;
                if empty {
                    self.end("p");
                }
            }
            "tr" if !empty => {
                // A nested table's rows join the outer row.
                self.row_depth += 1;
                if self.row_depth == 1 {
                    self.row = Some(Joiner::new(BlockKind::TableRow));
                }
            }
            "tc" => {
                if let Some(row) = self.row.as_mut() {
                    row.push_cell_separator();
                }
            }
            "t" if !empty => self.in_text = true,
            "tab" | "br" | "cr" => self.text(" "),
            "noBreakHyphen" => self.text("-"),
            _ => {}
        }
    }

    /// Paragraph style and numbering, read inside `w:pPr`.
    fn property(&mut self, e: &BytesStart<'_>, name: &str) {
        match name {
            "pStyle" => {
                if let Some(style) = attribute(e, "w:val") {
                    let level = self
                        .styles
                        .and_then(|styles| styles.get(&style).copied())
                        .or_else(|| level_of_style_name(&style.replace("Heading", "heading ")));
                    if level.is_some() {
                        self.heading = level;
                    }
                }
            }
            "outlineLvl" => {
                if let Some(level) = attribute(e, "w:val").and_then(|v| v.parse::<u8>().ok())
                    && level < 9
                {
                    self.heading.get_or_insert(level + 2);
                }
            }
            "numId" => {
                // numId 0 removes numbering inherited from the style.
                self.numbered = attribute(e, "w:val").is_some_and(|v| v != "0");
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        if self.props_depth > 0 {
            self.props_depth -= 1;
            return;
        }
        match name {
            "t" => self.in_text = false,
            "p" => self.end_paragraph(),
            "tr" => {
                self.row_depth = self.row_depth.saturating_sub(1);
                if self.row_depth == 0
                    && let Some(row) = self.row.take()
                {
                    self.items.extend(row.finish());
                }
            }
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(paragraph) = self.paragraph.take() else {
            return;
        };
        if let Some(row) = self.row.as_mut() {
            // A paragraph of a table cell joins the row.
            let text = paragraph.text().trim().to_owned();
            if !text.is_empty() {
                row.push_inline(" ", self.paragraph_number);
                row.push_inline(&text, self.paragraph_number);
            }
            return;
        }
        if let Some(level) = self.heading {
            let text = paragraph.text().to_owned();
            if self.first_heading.is_none() && !text.trim().is_empty() {
                self.first_heading = Some(text.trim().to_owned());
            }
            self.items.extend(join::heading(level, &text));
            return;
        }
        let kind = if self.numbered {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let mut block = Joiner::new(kind);
        block.push_inline(paragraph.text(), self.paragraph_number);
        self.items.extend(block.finish());
    }

    fn text(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraph.as_mut() {
            paragraph.push_inline(text, self.paragraph_number);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn body(inner: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{inner}</w:body></w:document>"#
        )
    }

    #[test]
    fn headings_lists_tables_and_tracked_changes() {
        let xml = body(concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>The Title</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Part one</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t xml:space="preserve">We will </w:t></w:r><w:ins><w:r><w:t>really </w:t></w:r></w:ins>"#,
            r#"<w:del><w:r><w:delText>never </w:delText></w:r></w:del><w:r><w:t>act &amp; lead.</w:t></w:r>"#,
            r#"<w:r><w:commentReference w:id="1"/></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>An item.</w:t></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a cell</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>b cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:t>我们</w:t></w:r><w:r><w:t>合作。</w:t></w:r></w:p>"#,
        ));
        let text = parse_document(&xml, &HashMap::new()).expect("parses");
        let got: Vec<(&str, Vec<String>, BlockKind, usize)> = text
            .blocks
            .iter()
            .map(|b| {
                (
                    b.text.as_str(),
                    b.section.clone(),
                    b.kind,
                    b.line_marks[0].1,
                )
            })
            .collect();
        let sections = vec!["The Title".to_string(), "Part one".to_string()];
        assert_eq!(
            got,
            [
                (
                    "We will really act & lead.",
                    sections.clone(),
                    BlockKind::Paragraph,
                    3
                ),
                ("An item.", sections.clone(), BlockKind::ListItem, 4),
                ("a cell | b cell", sections.clone(), BlockKind::TableRow, 5),
                ("我们合作。", sections, BlockKind::Paragraph, 7),
            ]
        );
        assert_eq!(text.first_heading.as_deref(), Some("The Title"));
        assert_eq!((text.insertions, text.deletions, text.comments), (1, 1, 1));
        assert!(text.note().expect("a note").contains("accepted"));
    }

    #[test]
    fn style_names_give_heading_levels() {
        let styles = heading_styles(&format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style><w:style w:styleId="Custom"><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#
        ));
        assert_eq!(styles.get("berschrift1"), Some(&2));
        assert_eq!(styles.get("Custom"), Some(&3));
    }
}
