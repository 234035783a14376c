//! Web pages -> blocks: the page's main content without its furniture. html5ever (through
//! scraper) parses the page as a browser would and decodes entities; the content root is
//! `<main>`, else `[role=main]`, else the `<article>` with most text, else `<body>`; inside
//! it, navigation, headers and footers, asides, forms, scripts, hidden parts, and elements
//! whose id, class or role names furniture (cookie banners, share buttons, breadcrumbs,
//! related links…) are left out. `h1`–`h6` are sections; paragraphs, list items, table rows,
//! quotes and loose text in `div`s are blocks.
//!
//! Lines: html5ever does not tell where a node stood, so each block's line is found by
//! looking its first words up in the source, from where the previous block was found.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::chrome::{self, Item};
use super::join::{self, Joiner};
use super::{Block, BlockKind};

/// Elements that are never content.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "input",
    "textarea", "iframe", "svg", "canvas", "dialog", "menu", "head", "object", "embed", "video",
    "audio", "map", "img", "picture",
];

/// ARIA roles of page furniture.
const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Pieces of an id or class name that mark page furniture. Matched against each
/// `-`/`_`-separated word of the name (`cookie-banner`, `share_buttons`, `site-footer`).
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "related",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "sidebar",
    "subscribe",
    "newsletter",
    "advert",
    "advertisement",
    "ads",
    "promo",
    "popup",
    "modal",
    "skip",
    "toolbar",
    "masthead",
    "pagination",
    "pager",
    "comments",
    "footnote",
    "footnotes",
    "banner",
    "print",
    "qrcode",
];

/// Elements that hold one block each.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figcaption",
    "caption",
    "address",
];

/// Elements that end the current block when they start or end (their text is the
/// blocks inside them, or loose text between those).
const CONTAINER_ELEMENTS: &[&str] = &[
    "div", "section", "article", "main", "body", "ul", "ol", "dl", "table", "thead", "tbody",
    "tfoot", "figure", "header", "center", "details", "summary", "hr", "br",
];

/// The blocks of a web page, and its first heading (else its `<title>`).
pub fn blocks(source: &str) -> (Option<String>, Vec<Block>) {
    let html = Html::parse_document(source);
    let root = content_root(&html);
    let mut walker = Walker {
        locator: Locator::new(source),
        items: Vec::new(),
        current: None,
        first_heading: None,
        in_table_row: false,
        block_depth: 0,
    };
    walker.children(*root);
    walker.flush();
    let title = walker.first_heading.clone().or_else(|| {
        html.root_element()
            .descendent_elements()
            .find(|e| e.value().name() == "title")
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .filter(|t| !t.is_empty())
    });
    (title, chrome::assemble(walker.items))
}

fn content_root(html: &Html) -> ElementRef<'_> {
    let elements: Vec<ElementRef<'_>> = html.root_element().descendent_elements().collect();
    if let Some(main) = elements
        .iter()
        .find(|e| e.value().name() == "main" || e.value().attr("role") == Some("main"))
    {
        return *main;
    }
    let articles = elements.iter().filter(|e| e.value().name() == "article");
    if let Some(article) = articles.max_by_key(|e| e.text().map(str::len).sum::<usize>()) {
        return *article;
    }
    elements
        .iter()
        .find(|e| e.value().name() == "body")
        .copied()
        .unwrap_or_else(|| html.root_element())
}

/// True for an element that is page furniture, not content.
fn is_furniture(element: &scraper::node::Element) -> bool {
    let name = element.name();
    if SKIPPED_ELEMENTS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if element
        .attr("role")
        .is_some_and(|role| SKIPPED_ROLES.contains(&role.trim()))
    {
        return true;
    }
    // A page header and footer (an article's own header holds its title and stays).
    if name == "footer" {
        return true;
    }
    let names = element.id().into_iter().chain(element.classes());
    for name in names {
        let lower = name.to_ascii_lowercase();
        if lower
            .split(['-', '_'])
            .any(|word| FURNITURE_WORDS.contains(&word))
        {
            return true;
        }
    }
    false
}

struct Walker<'s> {
    locator: Locator<'s>,
    items: Vec<Item>,
    current: Option<Joiner>,
    first_heading: Option<String>,
    in_table_row: bool,
    /// Depth inside block elements (`p`, `li`…).
    block_depth: usize,
}

impl Walker<'_> {
    fn children(&mut self, node: NodeRef<'_, Node>) {
        for child in node.children() {
            self.node(child, false);
        }
    }

    fn node(&mut self, node: NodeRef<'_, Node>, in_link: bool) {
        match node.value() {
            Node::Text(text) => self.text(text, in_link),
            Node::Element(element) => {
                if is_furniture(element) {
                    return;
                }
                let name = element.name();
                if let Some(level) = heading_level(name) {
                    self.heading(node, level);
                } else if name == "tr" {
                    self.flush();
                    self.current = Some(Joiner::new(BlockKind::TableRow));
                    self.in_table_row = true;
                    self.children(node);
                    self.in_table_row = false;
                    self.flush();
                } else if name == "td" || name == "th" {
                    if let Some(row) = self.current.as_mut() {
                        row.push_cell_separator();
                    }
                    self.children(node);
                } else if name == "br" && (self.block_depth > 0 || self.in_table_row) {
                    if let Some(current) = self.current.as_mut() {
                        current.push_inline("\n", 0);
                    }
                } else if self.in_table_row {
                    self.inline_children(node, in_link || name == "a");
                } else if name == "p" && self.block_depth > 0 {
                    // The paragraphs of a loose list item are one block, as in Markdown.
                    if let Some(current) = self.current.as_mut() {
                        current.push_inline("\n", 0);
                    }
                    self.inline_children(node, in_link);
                } else if BLOCK_ELEMENTS.contains(&name) {
                    self.flush();
                    let kind = match name {
                        "li" | "dd" | "dt" => BlockKind::ListItem,
                        "blockquote" => BlockKind::Quote,
                        _ => BlockKind::Paragraph,
                    };
                    self.current = Some(Joiner::new(kind));
                    self.block_depth += 1;
                    self.inline_children(node, in_link);
                    self.block_depth -= 1;
                    self.flush();
                } else if CONTAINER_ELEMENTS.contains(&name) {
                    self.flush();
                    self.children(node);
                    self.flush();
                } else {
                    self.inline_children(node, in_link || name == "a");
                }
            }
            _ => {}
        }
    }

    /// Children of an element inside a block: block elements nested in it (a `p` in an
    /// `li`) start blocks of their own.
    fn inline_children(&mut self, node: NodeRef<'_, Node>, in_link: bool) {
        for child in node.children() {
            self.node(child, in_link);
        }
    }

    fn text(&mut self, text: &str, in_link: bool) {
        if text.trim().is_empty() {
            if let Some(current) = self.current.as_mut() {
                current.push_inline(text, 0);
            }
            return;
        }
        let line = self.locator.line_of(text);
        let current = self
            .current
            .get_or_insert_with(|| Joiner::new(BlockKind::Paragraph));
        if in_link {
            current.push_link_text(text, line);
        } else {
            current.push_inline(text, line);
        }
    }

    fn heading(&mut self, node: NodeRef<'_, Node>, level: u8) {
        self.flush();
        let text: String = ElementRef::wrap(node)
            .map(|e| e.text().collect())
            .unwrap_or_default();
        if let Some(first) = text.split_whitespace().next() {
            self.locator.line_of(first);
        }
        if let Some(item) = join::heading(level, &text) {
            if let Item::Heading { text, .. } = &item {
                self.first_heading.get_or_insert_with(|| text.clone());
            }
            self.items.push(item);
        }
    }

    fn flush(&mut self) {
        if self.in_table_row {
            return;
        }
        if let Some(current) = self.current.take() {
            self.items.extend(current.finish());
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// Finds where decoded text stood in the source, moving forward only.
struct Locator<'s> {
    source: &'s str,
    /// Byte offset searched from, and the line it is on.
    cursor: usize,
    line: usize,
}

/// Characters looked up to place a text: enough to be distinctive in a page.
const LOOKUP_CHARS: usize = 24;

impl<'s> Locator<'s> {
    fn new(source: &'s str) -> Self {
        Locator {
            source,
            cursor: 0,
            line: 1,
        }
    }

    /// The line of the first word run of `text` found after the cursor; the cursor's line
    /// when it is not found (entities or markup inside the words).
    fn line_of(&mut self, text: &str) -> usize {
        let probe: String = text
            .trim_start()
            .chars()
            .take_while(|c| !matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{a0}' | '\n'))
            .take(LOOKUP_CHARS)
            .collect();
        let probe = probe.trim_end();
        if probe.is_empty() {
            return self.line;
        }
        // Text starts after a tag or white space; a match inside a tag (`<a href`) or an
        // attribute (`class="share"`) is not it.
        let rest = &self.source[self.cursor..];
        let found = rest.match_indices(probe).map(|(at, _)| at).find(|&at| {
            rest[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c == '>' || c == ';' || c.is_whitespace())
        });
        if let Some(found) = found {
            let at = self.cursor + found;
            self.line += self.source[self.cursor..at].matches('\n').count();
            self.cursor = at;
        }
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_content_without_furniture_and_with_sections() {
        let page = "<!doctype html>\n<html><head><title>T</title><script>var x = 1;</script></head>\n<body>\n<nav><a href=/>Home</a> <a href=/news>News</a></nav>\n<div class=\"cookie-banner\">We use cookies. <button>Accept</button></div>\n<div id=main-content>\n<h1>Shanghai &amp; AI</h1>\n<p>We will act\n  together &mdash; now.</p>\n<ul><li>一是加强\n合作；</li><li><a href=x>Read more</a></li></ul>\n<div class=share-buttons><a href=#>Share</a></div>\n<table><tr><th>a</th><th>b</th></tr><tr><td>one</td><td>two</td></tr></table>\n</div>\n<footer>© 2024 Site</footer>\n</body></html>\n";
        let (title, blocks) = blocks(page);
        assert_eq!(title.as_deref(), Some("Shanghai & AI"));
        let got: Vec<(&str, usize)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.line_marks[0].1))
            .collect();
        assert_eq!(
            got,
            [
                ("We will act together — now.", 8),
                ("一是加强合作；", 10),
                ("a | b", 13),
                ("one | two", 13),
            ]
        );
        assert_eq!(blocks[0].section, ["Shanghai & AI"]);
        assert_eq!(blocks[1].kind, BlockKind::ListItem);
    }
}
