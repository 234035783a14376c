//! PDF with a text layer -> blocks. pdf-extract (over lopdf) gives each glyph with its
//! position and size; this file rebuilds lines from those positions, drops running headers,
//! footers and page numbers, and joins lines into paragraphs by the layout rules a reader
//! uses: a vertical gap, a short last line, a first-line indent, a numbered start, a change
//! of type size. Short numbered lines without a sentence end are section headings.
//!
//! Lines are numbered through the whole file (furniture included, as the reader counts
//! them on the page); [`PdfText::page_starts`] maps them back to pages.

mod furniture;
mod glyphs;

use super::chrome::{self, Item};
use super::format::FormatError;
use super::join::{self, Joiner};
use super::{Block, BlockKind};
use furniture::{footnotes, furniture};
use glyphs::{Line, PageGlyphs, glyph_pages, lines_of};

/// A line in the top or bottom this share of the page height may be a running header,
/// footer or page number. Official PDFs put them within the outer 8-10%; body text does not
/// start that high on A4 or Letter.
pub const FURNITURE_MARGIN: f64 = 0.11;

/// A line in the margins whose text (digits aside) recurs on at least this share of the
/// pages is a running header or footer.
pub const RUNNING_LINE_SHARE: f64 = 0.3;

/// Glyphs whose baselines differ by less than this share of the type size stand on one line
/// (superscript footnote markers stay with their line).
pub const SAME_LINE_SHIFT: f64 = 0.5;

/// A horizontal gap wider than this share of the type size between two glyphs is a word
/// space (PDFs often position words instead of writing spaces).
pub const WORD_GAP: f64 = 0.15;

/// A glyph under this share of its line's type size, raised, is a superscript.
pub const SUPERSCRIPT_SIZE: f64 = 0.8;

/// Footnotes are set under this share of the body type size.
pub const FOOTNOTE_SIZE: f64 = 0.92;

/// A vertical step this many times the usual line pitch, or more, ends a paragraph.
pub const PARAGRAPH_GAP: f64 = 1.4;

/// A line this share larger than the body type, or more, reads as a heading when short.
pub const HEADING_SIZE_RATIO: f64 = 1.12;

/// A numbered heading in body type is at most this many characters and one or two lines
/// long; one set larger, twice as many characters and up to three lines.
pub const MAX_HEADING_CHARS: usize = 80;

/// The text of a PDF as blocks, with where each page starts.
#[derive(Debug, Default)]
pub struct PdfText {
    /// The first heading found, if any.
    pub first_heading: Option<String>,
    /// Text blocks in reading order.
    pub blocks: Vec<Block>,
    /// For page `k + 1`, the number of its first line (lines count through the file).
    pub page_starts: Vec<usize>,
}

/// Reads the text layer of a PDF. `path` names the input in errors.
pub fn read(bytes: &[u8], path: &str) -> Result<PdfText, FormatError> {
    let pages = glyph_pages(bytes, path)?;
    let glyphs: usize = pages.iter().map(|p| p.glyphs.len()).sum();
    if glyphs == 0 {
        return Err(FormatError::NoTextLayer {
            path: path.to_owned(),
            pages: pages.len(),
        });
    }
    Ok(layout(&pages))
}

/// Document-wide measures the paragraph rules compare against.
struct Metrics {
    body_size: f64,
    left: f64,
    right: f64,
    pitch: f64,
}

fn metrics(lines: &[&Line]) -> Metrics {
    // The body size is the size most characters are set in.
    let mut by_size: std::collections::BTreeMap<i64, usize> = Default::default();
    for line in lines {
        *by_size.entry((line.size * 2.0).round() as i64).or_default() += line.text.chars().count();
    }
    let body_size = by_size
        .iter()
        .max_by_key(|&(size, count)| (*count, -size))
        .map_or(10.0, |(&size, _)| size as f64 / 2.0);
    let body: Vec<&&Line> = lines
        .iter()
        .filter(|l| (l.size - body_size).abs() < 0.15 * body_size)
        .collect();
    let mut lefts: std::collections::BTreeMap<i64, usize> = Default::default();
    for line in &body {
        *lefts.entry(line.x0.round() as i64).or_default() += 1;
    }
    let left = lefts
        .iter()
        .max_by_key(|&(x, count)| (*count, -x))
        .map_or(0.0, |(&x, _)| x as f64);
    let mut rights: Vec<f64> = body.iter().map(|l| l.x1).collect();
    rights.sort_by(f64::total_cmp);
    let right = rights
        .get(rights.len().saturating_sub(1) * 9 / 10)
        .copied()
        .unwrap_or(left + 400.0);
    let mut pitches: Vec<f64> = body
        .windows(2)
        .filter(|pair| pair[0].page == pair[1].page)
        .map(|pair| pair[1].y - pair[0].y)
        .filter(|&dy| dy > 0.5 * body_size && dy < 3.0 * body_size)
        .collect();
    pitches.sort_by(f64::total_cmp);
    // The lower quartile: paragraph gaps make the median too wide in short paragraphs.
    let pitch = pitches
        .get(pitches.len() / 4)
        .copied()
        .unwrap_or(1.2 * body_size);
    Metrics {
        body_size,
        left,
        right,
        pitch,
    }
}

/// Numbering a paragraph can start with, and its kind (headings nest by the order in which
/// kinds first appear).
fn numbering(text: &str) -> Option<(&'static str, usize)> {
    let chars: Vec<char> = text.chars().take(12).collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let han_numeral = |c: &char| "一二三四五六七八九十百零".contains(*c);
    let han = chars.iter().take_while(|c| han_numeral(c)).count();
    if digits > 0 && digits <= 3 {
        // 1.2.3 dotted section numbers: the kind is their depth.
        let mut depth = 1;
        let mut k = digits;
        while chars.get(k) == Some(&'.') && chars.get(k + 1).is_some_and(char::is_ascii_digit) {
            depth += 1;
            k += 1;
            while chars.get(k).is_some_and(char::is_ascii_digit) {
                k += 1;
            }
        }
        let kinds = ["1", "1.1", "1.1.1", "1.1.1.1"];
        return match chars.get(k) {
            Some('.' | ')' | '、' | '．') => Some((kinds[(depth - 1).min(3)], k + 1)),
            Some(' ' | '\u{3000}') if depth > 1 => Some((kinds[(depth - 1).min(3)], k)),
            _ => None,
        };
    }
    if han > 0 && chars.get(han) == Some(&'、') {
        return Some(("一、", han + 1));
    }
    if chars.first() == Some(&'第') {
        let n = chars[1..].iter().take_while(|c| han_numeral(c)).count();
        if n > 0 && matches!(chars.get(1 + n), Some('章' | '节' | '条' | '部')) {
            return Some(("第", n + 2));
        }
    }
    if matches!(chars.first(), Some('（' | '(')) {
        let inner = chars[1..]
            .iter()
            .take_while(|c| han_numeral(c) || c.is_ascii_alphanumeric())
            .count();
        if (1..=4).contains(&inner) && matches!(chars.get(1 + inner), Some('）' | ')')) {
            let kind = if han_numeral(&chars[1]) {
                "（一）"
            } else if chars[1].is_ascii_digit() {
                "(1)"
            } else {
                "(a)"
            };
            return Some((kind, inner + 2));
        }
    }
    if matches!(
        chars.first(),
        Some('•' | '●' | '▪' | '■' | '◆' | '–' | '-' | '*')
    ) && chars.get(1) == Some(&' ')
    {
        return Some(("•", 2));
    }
    None
}

/// A paragraph being gathered from lines.
struct Paragraph<'l> {
    lines: Vec<&'l Line>,
}

fn paragraphs<'l>(lines: &[&'l Line], m: &Metrics) -> Vec<Paragraph<'l>> {
    let mut out: Vec<Paragraph<'l>> = Vec::new();
    for &line in lines {
        let breaks = match out.last().and_then(|p| p.lines.last()) {
            None => true,
            Some(&prev) => breaks_before(prev, line, m),
        };
        if breaks {
            out.push(Paragraph { lines: vec![line] });
        } else if let Some(p) = out.last_mut() {
            p.lines.push(line);
        }
    }
    out
}

fn breaks_before(prev: &Line, line: &Line, m: &Metrics) -> bool {
    let size = m.body_size;
    if numbering(&line.text).is_some() {
        return true;
    }
    if (line.size - prev.size).abs() > 0.1 * prev.size.max(line.size) {
        return true;
    }
    let room = m.right - prev.x1;
    let short = room > line.first_word + 0.5 * size;
    if line.page != prev.page {
        // Across a page break only the line ends and starts tell.
        return short || line.x0 > m.left + 1.0 * size;
    }
    let step = line.y - prev.y;
    if step <= 0.0 || step > PARAGRAPH_GAP * m.pitch {
        return true;
    }
    // Headings in larger type are often centred or broken by sense, so a short line there
    // does not end them; the vertical gap and the size still do.
    if short && prev.size < HEADING_SIZE_RATIO * size {
        return true;
    }
    // A first-line indent after a line at the margin (a hanging list item's second line is
    // indented after a numbered first line, and goes on).
    line.x0 > m.left + 1.0 * size
        && prev.x0 < m.left + 0.5 * size
        && numbering(&prev.text).is_none()
        && line.x0 > prev.x0 + 1.0 * size
}

fn layout(pages: &[PageGlyphs]) -> PdfText {
    let mut lines: Vec<Line> = Vec::new();
    let mut page_starts = Vec::with_capacity(pages.len());
    for (k, page) in pages.iter().enumerate() {
        page_starts.push(lines.len() + 1);
        lines.extend(lines_of(k, &page.glyphs));
    }
    for (n, line) in lines.iter_mut().enumerate() {
        line.number = n + 1;
    }
    let heights: Vec<f64> = pages.iter().map(|p| p.height).collect();
    let dropped = furniture(&lines, &heights);
    let body: Vec<&Line> = lines
        .iter()
        .zip(&dropped)
        .filter(|(_, drop)| !**drop)
        .map(|(line, _)| line)
        .collect();
    let m = metrics(&body);
    let notes = footnotes(&body, &heights, m.body_size);
    let body: Vec<&Line> = body
        .into_iter()
        .zip(&notes)
        .filter(|(_, note)| !**note)
        .map(|(line, _)| line)
        .collect();
    // Words the document writes whole: a word broken by a line-end hyphen is one word
    // (hyphen dropped) only when it also stands whole somewhere; otherwise it is a compound
    // broken at its own hyphen (`evidence-` + `based`), as line-end hyphens in official
    // PDFs mostly are.
    let words: std::collections::HashSet<String> = body
        .iter()
        .flat_map(|line| line.text.split(|c: char| !c.is_alphabetic()))
        .filter(|word| word.len() > 2)
        .map(str::to_lowercase)
        .collect();
    let is_one_word = |word: &str| words.contains(word);
    let mut kinds: Vec<&'static str> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut first_heading = None;
    for paragraph in paragraphs(&body, &m) {
        let text: String = {
            let mut joiner = Joiner::new(BlockKind::Paragraph);
            for line in &paragraph.lines {
                joiner.push_wrapped(&line.text, line.number, &is_one_word);
            }
            joiner.text().to_owned()
        };
        if let Some(level) = heading_level(&paragraph, &text, &m, &mut kinds) {
            if first_heading.is_none() {
                first_heading = Some(text.clone());
            }
            items.extend(join::heading(level, &text));
            continue;
        }
        // A CommonMark ordered-list marker (`1.` or `1)` and a space) is not text in the
        // Markdown reader; drop it here too, so the same clause reads the same.
        let marker = list_marker_len(&text);
        let kind = if marker > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let mut joiner = Joiner::new(kind);
        for (k, line) in paragraph.lines.iter().enumerate() {
            let piece = if k == 0 {
                &line.text[marker.min(line.text.len())..]
            } else {
                &line.text
            };
            joiner.push_wrapped(piece, line.number, &is_one_word);
        }
        items.extend(joiner.finish());
    }
    PdfText {
        first_heading,
        blocks: chrome::assemble(items),
        page_starts,
    }
}

/// Bytes of a leading `1. `/`1) ` list marker (as CommonMark reads one), else 0.
fn list_marker_len(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && text.as_bytes().get(digits + 1) == Some(&b' ')
    {
        digits + 2
    } else if matches!(text.as_bytes().first(), Some(b'-' | b'*' | b'+'))
        && text.as_bytes().get(1) == Some(&b' ')
    {
        2
    } else if let Some(rest) = text.strip_prefix('•') {
        text.len() - rest.trim_start().len()
    } else {
        0
    }
}

/// The heading level of a short paragraph that reads as a heading: set larger than the
/// body, or numbered and without a sentence end. Levels: larger type first (by size), then
/// numbering kinds in the order they first appear.
fn heading_level(
    paragraph: &Paragraph<'_>,
    text: &str,
    m: &Metrics,
    kinds: &mut Vec<&'static str>,
) -> Option<u8> {
    let first = paragraph.lines.first()?;
    let chars = text.chars().count();
    let larger = first.size >= HEADING_SIZE_RATIO * m.body_size;
    let (max_lines, max_chars) = if larger {
        (3, 2 * MAX_HEADING_CHARS)
    } else {
        (2, MAX_HEADING_CHARS)
    };
    if paragraph.lines.len() > max_lines || chars > max_chars || chars < 2 {
        return None;
    }
    let ends = text.trim_end().chars().next_back();
    if matches!(
        ends,
        Some('。' | '.' | '；' | ';' | '，' | ',' | '：' | ':' | '!' | '！' | '?' | '？')
    ) {
        return None;
    }
    if !text.chars().any(char::is_alphabetic) {
        return None;
    }
    if larger {
        let rank = (first.size / m.body_size * 4.0) as u8;
        return Some(6u8.saturating_sub(rank.min(5)).max(1));
    }
    let (kind, _) = numbering(text)?;
    if kind == "•" || kind == "(a)" || kind == "(1)" {
        return None;
    }
    let position = match kinds.iter().position(|&k| k == kind) {
        Some(p) => p,
        None => {
            kinds.push(kind);
            kinds.len() - 1
        }
    };
    Some((2 + position).min(6) as u8)
}

#[cfg(test)]
mod tests {
    use super::furniture::is_page_number;
    use super::glyphs::Glyph;
    use super::*;
    use crate::document::chrome::is_cjk;

    #[test]
    fn page_numbers_are_recognised() {
        for text in [
            "3",
            "- 3 -",
            "3/19",
            "Page 3 of 19",
            "第 3 页",
            "iv",
            "— 12 —",
        ] {
            assert!(is_page_number(text), "{text}");
        }
        for text in ["2024", "In 3 years", "第三条"] {
            assert!(!is_page_number(text) || text == "2024", "{text}");
        }
    }

    #[test]
    fn numbering_kinds() {
        assert_eq!(numbering("1. Take measures"), Some(("1", 2)));
        assert_eq!(numbering("3.1.2 模型算法"), Some(("1.1.1", 5)));
        assert_eq!(numbering("一、总体要求"), Some(("一、", 2)));
        assert_eq!(numbering("（二）模型"), Some(("（一）", 3)));
        assert_eq!(numbering("(a) Expanding"), Some(("(a)", 3)));
        assert_eq!(numbering("第三条 为了"), Some(("第", 3)));
        assert_eq!(numbering("2024 was"), None);
        assert_eq!(numbering("Recalling"), None);
    }

    #[test]
    fn list_markers_as_commonmark_reads_them() {
        assert_eq!(list_marker_len("1. Resolves to"), 3);
        assert_eq!(list_marker_len("12) Calls"), 4);
        assert_eq!(list_marker_len("1.1 包容"), 0);
        assert_eq!(list_marker_len("(a) Expanding"), 0);
    }

    fn glyphs(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let width = if is_cjk(c) { 1.0 } else { 0.5 };
                let glyph = Glyph {
                    x,
                    end: x + width * size,
                    y,
                    size,
                    text: c.to_string(),
                };
                x += width * size;
                glyph
            })
            .collect()
    }

    #[test]
    fn chinese_lines_join_without_spaces_and_short_lines_end_paragraphs() {
        let mut page = PageGlyphs {
            height: 800.0,
            glyphs: Vec::new(),
        };
        // Two full lines and a short one, a wide gap, then one more paragraph; a page
        // number at the foot.
        page.glyphs
            .extend(glyphs("人工智能是人类发展新领域给世界", 100.0, 200.0, 10.0));
        page.glyphs
            .extend(glyphs("带来巨大机遇也带来各类风险挑战", 100.0, 215.0, 10.0));
        page.glyphs.extend(glyphs("落实倡议。", 100.0, 230.0, 10.0));
        page.glyphs
            .extend(glyphs("秉持共同、综合、合作的安全观。", 100.0, 245.0, 10.0));
        page.glyphs.extend(glyphs("1", 175.0, 780.0, 9.0));
        let text = layout(&[page]);
        let texts: Vec<&str> = text.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "人工智能是人类发展新领域给世界带来巨大机遇也带来各类风险挑战落实倡议。",
                "秉持共同、综合、合作的安全观。"
            ]
        );
    }
}
