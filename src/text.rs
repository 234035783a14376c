//! Text helpers every stage shares: what counts as a Han character, windows of characters,
//! how a group's clauses are joined, and how text is cut to a display width.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;

/// True for Han ideographs: the CJK unified ideographs, their extensions and the
/// compatibility ideographs (the whole of planes 2 and 3, where only Han is encoded).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// The last `n` characters of `s` (all of it when shorter).
pub fn last_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    s.get(start..).unwrap_or("")
}

/// The first `n` characters of `s` (all of it when shorter).
pub fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or("")
}

/// The largest char boundary of `s` not above `max`.
pub fn floor_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// What stands between two clauses of one side of a group when their texts are joined:
/// Chinese sentences run on, other languages take a space.
pub fn clause_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "",
        Lang::En => " ",
    }
}

/// The texts of a group's clauses on one side, joined by [`clause_separator`]: the one rule
/// the classifier, the renderers and the check use.
pub fn join_clauses<'a>(texts: impl IntoIterator<Item = &'a str>, lang: Lang) -> String {
    texts
        .into_iter()
        .collect::<Vec<_>>()
        .join(clause_separator(lang))
}

/// `text` cut to at most `width` display columns (CJK characters count two), ending in `…`
/// when cut. Cuts fall between grapheme clusters, so a base character keeps its combining
/// marks and an emoji sequence stays whole.
pub fn abbreviate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > width - 1 {
            break;
        }
        kept.push_str(grapheme);
        used += w;
    }
    kept.push('…');
    kept
}

/// Runs of white space (line breaks included) collapsed to one space, ends trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviate_counts_display_columns() {
        assert_eq!(abbreviate("我们将加强合作", 14), "我们将加强合作");
        assert_eq!(abbreviate("我们将加强合作", 7), "我们将…");
        assert_eq!(abbreviate("我们将加强合作", 6), "我们…");
        assert_eq!(abbreviate("cooperation", 5), "coop…");
        assert_eq!(abbreviate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(abbreviate("𦡦😀ab", 3), "𦡦…");
        assert_eq!(abbreviate("anything", 0), "");
        assert_eq!(abbreviate("ab", 1), "…");
    }

    #[test]
    fn han_covers_the_extensions_and_nothing_latin() {
        assert!(is_han('我') && is_han('𦡦') && is_han('\u{2F800}'));
        assert!(!is_han('a') && !is_han('。') && !is_han('ア'));
    }

    #[test]
    fn windows_of_characters_respect_boundaries() {
        assert_eq!(last_chars("我们将加强", 2), "加强");
        assert_eq!(first_chars("我们将加强", 2), "我们");
        assert_eq!(first_chars("ab", 5), "ab");
        assert_eq!(floor_boundary("我们", 4), 3);
    }

    #[test]
    fn clauses_join_by_language() {
        assert_eq!(join_clauses(["我们", "合作。"], Lang::Zh), "我们合作。");
        assert_eq!(join_clauses(["We act.", "Now."], Lang::En), "We act. Now.");
        assert_eq!(collapse_whitespace("  a \n b\t"), "a b");
    }
}
