//! Walks pulldown-cmark events into raw blocks and headings, then hands them to
//! `chrome.rs` to drop web-page debris and assign section paths.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::chrome::{self, Candidate, Item};
use super::{Block, BlockKind};

/// Parses `text[body_offset..]`; lines are counted from the start of `text`.
/// Returns the first heading and the kept blocks.
pub fn blocks(text: &str, body_offset: usize) -> (Option<String>, Vec<Block>) {
    let lines = LineIndex::new(text);
    let body = &text[body_offset..];
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut walker = Walker::default();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        walker.event(event, lines.line_of(body_offset + range.start));
    }
    walker.flush();
    let first_heading = walker.items.iter().find_map(|item| match item {
        Item::Heading { text, .. } => Some(text.clone()),
        _ => None,
    });
    (first_heading, chrome::assemble(walker.items))
}

/// 1-based line numbers from byte offsets.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }
}

#[derive(Default)]
struct Walker {
    items: Vec<Item>,
    current: Option<Candidate>,
    heading: Option<(u8, String)>,
    /// Text inside these is not clause text.
    skip_depth: usize,
    link_depth: usize,
    strong_depth: usize,
    item_depth: usize,
    quote_depth: usize,
    table_depth: usize,
    /// A line or paragraph break is owed before the next text.
    pending_break: bool,
    image_with_url: bool,
}

impl Walker {
    fn event(&mut self, event: Event<'_>, line: usize) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                self.text(&text, line);
            }
            Event::SoftBreak | Event::HardBreak => self.pending_break = true,
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some((level as u8, String::new()));
            }
            Tag::Image { dest_url, .. } => {
                if !dest_url.is_empty() {
                    self.image_with_url = true;
                }
                self.skip_depth += 1;
            }
            Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::MetadataBlock(_) => {
                self.flush();
                self.skip_depth += 1;
            }
            Tag::Link { .. } => self.link_depth += 1,
            Tag::Strong => self.strong_depth += 1,
            Tag::Item => {
                self.flush();
                self.item_depth += 1;
            }
            Tag::List(_) => self.flush(),
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote_depth += 1;
            }
            Tag::Table(_) => self.table_depth += 1,
            Tag::TableCell => {
                if self.current.as_ref().is_some_and(|c| !c.text.is_empty()) {
                    self.push_str(" | ");
                }
            }
            Tag::Paragraph
            | Tag::Emphasis
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::TableHead
            | Tag::TableRow
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                if let Some((level, text)) = self.heading.take() {
                    let text = collapse_spaces(&text);
                    if !text.is_empty() {
                        self.items.push(Item::Heading { level, text });
                    }
                }
            }
            TagEnd::Image => self.skip_depth = self.skip_depth.saturating_sub(1),
            TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::MetadataBlock(_) => self.skip_depth = self.skip_depth.saturating_sub(1),
            TagEnd::Link => self.link_depth = self.link_depth.saturating_sub(1),
            TagEnd::Strong => self.strong_depth = self.strong_depth.saturating_sub(1),
            TagEnd::Paragraph => {
                if self.item_depth > 0 {
                    self.pending_break = true;
                } else {
                    self.flush();
                }
            }
            TagEnd::Item => {
                self.flush();
                self.item_depth = self.item_depth.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::TableHead | TagEnd::TableRow => self.flush(),
            TagEnd::Table => self.table_depth = self.table_depth.saturating_sub(1),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, line: usize) {
        if self.skip_depth > 0 {
            return;
        }
        if let Some((_, heading)) = &mut self.heading {
            heading.push_str(text);
            return;
        }
        if self.current.is_none() {
            let kind = if self.table_depth > 0 {
                BlockKind::TableRow
            } else if self.item_depth > 0 {
                BlockKind::ListItem
            } else if self.quote_depth > 0 {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            self.current = Some(Candidate::new(kind));
            self.pending_break = false;
        }
        let substantive = text.chars().any(char::is_alphanumeric);
        let (strong, link) = (self.strong_depth > 0, self.link_depth > 0);
        let pending = std::mem::take(&mut self.pending_break);
        let Some(current) = self.current.as_mut() else {
            return;
        };
        if pending && !current.text.is_empty() {
            let before = current.text.chars().next_back();
            let after = text.chars().next();
            if !(before.is_some_and(chrome::is_cjk) && after.is_some_and(chrome::is_cjk)) {
                current.text.push(' ');
            }
        }
        if current.line_marks.last().is_none_or(|&(_, l)| l != line) {
            current.line_marks.push((current.text.len(), line));
        }
        current.text.push_str(text);
        if substantive {
            current.all_strong &= strong;
            current.outside_link |= !link;
        }
    }

    fn push_str(&mut self, s: &str) {
        if let Some(current) = self.current.as_mut() {
            current.text.push_str(s);
        }
    }

    fn flush(&mut self) {
        self.pending_break = false;
        if let Some(mut candidate) = self.current.take() {
            candidate.image_with_url = std::mem::take(&mut self.image_with_url);
            self.items.push(Item::Block(candidate));
        } else if std::mem::take(&mut self.image_with_url) {
            self.items.push(Item::Image);
        }
    }
}

pub(super) use crate::text::collapse_whitespace as collapse_spaces;

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(md: &str) -> Vec<(String, usize, Vec<String>)> {
        blocks(md, 0)
            .1
            .into_iter()
            .map(|b| (b.text.clone(), b.line_marks[0].1, b.section))
            .collect()
    }

    #[test]
    fn paragraphs_lists_and_quotes_with_lines_and_sections() {
        let md = "# Title\n\nFirst paragraph is here.\n\n## Part one\n\n- item one is a list item.\n- item two is another.\n\n> Quoted text stands here.\n";
        let got = texts(md);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].0, "First paragraph is here.");
        assert_eq!(got[0].1, 3);
        assert_eq!(got[0].2, vec!["Title".to_string()]);
        assert_eq!(got[1].0, "item one is a list item.");
        assert_eq!(got[1].1, 7);
        assert_eq!(got[1].2, vec!["Title".to_string(), "Part one".to_string()]);
        assert_eq!(got[2].1, 8);
        assert_eq!(got[3].0, "Quoted text stands here.");
        assert_eq!(got[3].1, 10);
    }

    #[test]
    fn wrapped_lines_join_with_space_in_english_and_without_in_chinese() {
        let got = blocks("We will act\ntogether now.\n\n我们将加强\n合作。\n", 0).1;
        assert_eq!(got[0].text, "We will act together now.");
        assert_eq!(got[0].line_at(12), 2);
        assert_eq!(got[1].text, "我们将加强合作。");
        assert_eq!(got[1].line_at(0), 4);
        assert_eq!(got[1].line_at("我们将加强".len()), 5);
    }

    #[test]
    fn emphasis_is_stripped_and_images_html_and_footnotes_dropped() {
        let md = "We *shall* act **now** <span>together</span>, as one.[^1]\n\n![logo](http://x/y.png)\n\n<!-- comment -->\n\n[^1]: A footnote.\n";
        let got = texts(md);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "We shall act now together, as one.");
    }

    #[test]
    fn bold_line_reads_as_a_section_heading() {
        let md = "**一、促进人工智能发展**\n\n我们愿积极推进研发。\n";
        let got = texts(md);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2, vec!["一、促进人工智能发展".to_string()]);
    }

    #[test]
    fn nested_list_items_are_separate_blocks() {
        let md = "- outer item text\n  - inner item text\n- last item text\n";
        let got: Vec<String> = texts(md).into_iter().map(|t| t.0).collect();
        assert_eq!(
            got,
            ["outer item text", "inner item text", "last item text"]
        );
    }

    #[test]
    fn table_rows_join_cells() {
        let md = "| a cell | b cell |\n|---|---|\n| one two | three four |\n";
        let got: Vec<String> = texts(md).into_iter().map(|t| t.0).collect();
        assert_eq!(got, ["a cell | b cell", "one two | three four"]);
    }
}
