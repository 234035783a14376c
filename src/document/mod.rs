//! Reading a declaration: Markdown or plain text -> title, language hint and text blocks with
//! their source lines and section paths. Start with [`parse`]; segmentation into clauses
//! happens later (sentences or paragraphs, [`crate::Unit`]). PDF, DOCX and HTML inputs end in
//! the same blocks; the `format` module tells them apart and reads them.

mod chrome;
mod docx;
pub mod format;
mod front_matter;
mod html;
mod join;
mod markdown;
mod ocr;
mod pdf;
mod text;

pub use front_matter::FrontMatter;

/// What kind of Markdown container a block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph (or a bold-free line of plain text).
    Paragraph,
    /// One item of a bulleted or numbered list.
    ListItem,
    /// A paragraph inside a block quote.
    Quote,
    /// One row of a table, cells joined by ` | `.
    TableRow,
}

/// A run of text that holds one or more clauses, as it stands in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The text with markup stripped and wrapped lines joined.
    pub text: String,
    /// `(byte offset in text, 1-based source line)`, ascending, first at offset 0: the line
    /// on which the text from that offset on stands.
    pub line_marks: Vec<(usize, usize)>,
    /// Heading path, outermost first.
    pub section: Vec<String>,
    /// The container the text came from.
    pub kind: BlockKind,
}

impl Block {
    /// 1-based source line of the text at `offset` (a byte offset into [`Block::text`]).
    pub fn line_at(&self, offset: usize) -> usize {
        let k = self.line_marks.partition_point(|&(o, _)| o <= offset);
        self.line_marks[k.saturating_sub(1)].1
    }
}

/// A parsed declaration before segmentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedText {
    /// YAML front matter fields that declcmp uses.
    pub front_matter: FrontMatter,
    /// The first top-level heading, used as title when the front matter has none.
    pub first_heading: Option<String>,
    /// Text blocks in document order, web-page chrome removed.
    pub blocks: Vec<Block>,
    /// For a paged input (PDF), the line number each page starts at, page 1 first; empty
    /// otherwise. Lines then count through the whole file.
    pub page_starts: Vec<usize>,
    /// What the reader did that the user should know (tracked changes accepted…).
    pub note: Option<String>,
}

impl ParsedText {
    /// The document's title: front matter `title`, else its first heading.
    pub fn title(&self) -> Option<&str> {
        self.front_matter
            .title
            .as_deref()
            .or(self.first_heading.as_deref())
    }
}

/// Parses Markdown (plain text is Markdown without markup) into blocks.
///
/// Emphasis is stripped, images, HTML, code, footnote definitions and link-only lines are
/// dropped, a paragraph that is wholly bold and short reads as a heading (web articles mark
/// their section titles so), and lines of web-page chrome (share buttons, QR-code prompts,
/// lone punctuation) are dropped; see `chrome.rs` for the rule.
pub fn parse(text: &str) -> ParsedText {
    let (front_matter, body_offset) = front_matter::split(text);
    let (first_heading, blocks) = markdown::blocks(text, body_offset);
    ParsedText {
        front_matter,
        first_heading,
        blocks,
        ..ParsedText::default()
    }
}

/// One clause: a sentence or paragraph of a declaration, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Position in the document, from 0.
    pub index: usize,
    /// 1-based source line where the clause starts.
    pub line: usize,
    /// Heading path, outermost first.
    pub section: Vec<String>,
    /// The clause text.
    pub text: String,
    /// Index of the block (paragraph, list item) the clause came from.
    pub block: usize,
    /// 1-based page of a paged input (PDF); `line` then counts on that page.
    pub page: Option<usize>,
}

/// A declaration split into clauses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The path as the user gave it (`-` for stdin).
    pub path: String,
    /// Front matter title, else the first heading.
    pub title: Option<String>,
    /// Detected or given language.
    pub lang: crate::lang::Lang,
    /// The encoding the input was decoded from (WHATWG name).
    pub encoding: String,
    /// The format the input was read as (never `Auto`).
    pub format: format::InputFormat,
    /// Clauses in document order.
    pub clauses: Vec<Clause>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_at_maps_offsets_to_source_lines() {
        let block = Block {
            text: "one two three".into(),
            line_marks: vec![(0, 3), (4, 4), (8, 5)],
            section: vec![],
            kind: BlockKind::Paragraph,
        };
        assert_eq!(block.line_at(0), 3);
        assert_eq!(block.line_at(3), 3);
        assert_eq!(block.line_at(4), 4);
        assert_eq!(block.line_at(12), 5);
    }
}
