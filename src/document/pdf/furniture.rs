//! Page furniture: running headers and footers, page numbers and footnotes, found by where
//! lines stand and how often they recur.

use super::glyphs::{Glyph, Line};
use super::{FOOTNOTE_SIZE, FURNITURE_MARGIN, RUNNING_LINE_SHARE, SUPERSCRIPT_SIZE};

/// A raised, smaller digit or mark after text: a footnote reference.
pub(super) fn is_footnote_marker(glyph: &Glyph, line: &Line) -> bool {
    glyph.size < SUPERSCRIPT_SIZE * line.size
        && line.y - glyph.y > 0.15 * line.size
        && glyph
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | ',' | ')' | '('))
}

/// Footnotes: from the first line on a page set smaller than the body, in the lower half,
/// that starts with a number or mark, every smaller line to the foot of the page. The
/// Markdown reader drops footnote definitions, and a paragraph that runs on to the next
/// page must reach it past them.
pub(super) fn footnotes(lines: &[&Line], heights: &[f64], body_size: f64) -> Vec<bool> {
    let small = |line: &Line| line.size < FOOTNOTE_SIZE * body_size;
    let mut out = vec![false; lines.len()];
    let mut area_page = None;
    for (k, line) in lines.iter().enumerate() {
        let height = heights.get(line.page).copied().unwrap_or(0.0);
        if area_page == Some(line.page) {
            out[k] = small(line);
            continue;
        }
        let separator = line
            .text
            .chars()
            .all(|c| matches!(c, '_' | '-' | '—' | '─'));
        let starts_note = separator
            || line
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡'));
        if small(line) && line.y > 0.5 * height && starts_note {
            area_page = Some(line.page);
            out[k] = true;
        }
    }
    out
}

/// Running headers and footers, page numbers: lines in the outer margins that recur on many
/// pages once digits are set aside, or that hold only a page number.
pub(super) fn furniture(lines: &[Line], heights: &[f64]) -> Vec<bool> {
    let pages = heights.len();
    let in_margin = |line: &Line| {
        let height = heights.get(line.page).copied().unwrap_or(0.0);
        height > 0.0
            && (line.y < height * FURNITURE_MARGIN || line.y > height * (1.0 - FURNITURE_MARGIN))
    };
    let mut recurring: std::collections::HashMap<String, std::collections::BTreeSet<usize>> =
        std::collections::HashMap::new();
    for line in lines.iter().filter(|l| in_margin(l)) {
        recurring
            .entry(digits_folded(&line.text))
            .or_default()
            .insert(line.page);
    }
    let needed = ((pages as f64 * RUNNING_LINE_SHARE).ceil() as usize).max(2);
    lines
        .iter()
        .map(|line| {
            in_margin(line)
                && (is_page_number(&line.text)
                    || recurring
                        .get(&digits_folded(&line.text))
                        .is_some_and(|pages| pages.len() >= needed))
        })
        .collect()
}

/// The text with each run of digits written `#`, white space dropped and letters lowered:
/// `Page 3 of 19` and `Page 4 of 19` fold alike.
pub(super) fn digits_folded(text: &str) -> String {
    let mut folded = String::new();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if c.is_ascii_digit() {
            if !folded.ends_with('#') {
                folded.push('#');
            }
        } else {
            folded.extend(c.to_lowercase());
        }
    }
    folded
}

/// `3`, `- 3 -`, `3/19`, `Page 3`, `Page 3 of 19`, `第3页`, `第 3 页 共 19 页`, `iv`.
pub(super) fn is_page_number(text: &str) -> bool {
    let folded = digits_folded(text);
    let stripped = folded.trim_matches(|c: char| matches!(c, '-' | '—' | '–' | '·' | '.' | '|'));
    matches!(
        stripped,
        "#" | "#/#" | "page#" | "page#of#" | "p.#" | "第#页" | "第#页共#页" | "#of#" | "-#-"
    ) || (stripped.len() <= 5
        && !stripped.is_empty()
        && stripped.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}
