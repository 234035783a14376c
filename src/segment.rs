//! Splitting text blocks into clauses: sentences (the default) or whole paragraphs.
//!
//! Chinese sentences end at 。！？ (and a closing quote or bracket right after). English
//! sentences end at `.`, `!` or `?` followed by white space and a capital, digit or opening
//! quote, but not after an abbreviation (`e.g.`, `U.N.`, `No. 5`, `Art.`), an initial, or a
//! list number at the start of a block (`1. `). Decimal numbers have no space after the dot,
//! so they never split.
//!
//! Semicolons (`；`, `;`) do not end a clause: in these texts they separate the items of one
//! commitment (UN operative paragraphs end in `;`, and Chinese lists of measures use `；`
//! inside one sentence), and splitting there would tear a commitment from its verb.

use serde::{Deserialize, Serialize};

use crate::document::Block;

/// The unit of comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// One clause per sentence.
    #[default]
    Sentence,
    /// One clause per paragraph, list item or table row.
    Paragraph,
}

named!(Unit {
    Sentence => "sentence",
    Paragraph => "paragraph",
});

/// A piece of a block: its byte range in the block's text.
pub type Span = std::ops::Range<usize>;

/// Splits every block into clause spans; returns `(block index, span)` in document order.
pub fn clause_spans(blocks: &[Block], unit: Unit) -> Vec<(usize, Span)> {
    let mut out = Vec::new();
    for (k, block) in blocks.iter().enumerate() {
        match unit {
            Unit::Paragraph => out.push((k, 0..block.text.len())),
            Unit::Sentence => out.extend(sentences(&block.text).into_iter().map(|s| (k, s))),
        }
    }
    out
}

/// Words after which a full stop does not end an English sentence (lowercase, no dot).
const ABBREVIATIONS: &[&str] = &[
    "no", "nos", "art", "arts", "para", "paras", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "cf",
    "fig", "vol", "inc", "ltd", "co", "jr", "sr", "sec", "ch", "pp", "op", "ed", "eds", "approx",
    "dept", "res", "rev", "corr", "add", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "i.e", "e.g", "et al", "al",
];

/// Sentence spans of one block's text, trimmed, none empty. A span always holds at least
/// one letter, digit or Han character: punctuation left over is joined to its neighbour.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut cuts = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        let ends = match c {
            '。' | '！' | '？' => true,
            '!' | '?' => next_starts_sentence(&chars, k + 1),
            '.' => next_starts_sentence(&chars, k + 1) && !abbreviation_before(text, &chars, k),
            _ => false,
        };
        if ends {
            let mut end = k + 1;
            while end < chars.len() && is_closer(chars[end].1) {
                end += 1;
            }
            let at = chars.get(end).map_or(text.len(), |&(i, _)| i);
            cuts.push(at);
            k = end;
        } else {
            k += 1;
        }
    }
    cuts.push(text.len());
    let mut spans: Vec<Span> = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut <= start {
            continue;
        }
        let piece = &text[start..cut];
        let lead = piece.len() - piece.trim_start().len();
        let span = start + lead..start + piece.trim_end().len();
        start = cut;
        if span.is_empty() {
            continue;
        }
        let substantive = text[span.clone()].chars().any(char::is_alphanumeric);
        match spans.last_mut() {
            Some(last) if !substantive => last.end = span.end,
            _ => spans.push(span),
        }
    }
    // A leading piece of punctuation only: join it to the next span.
    if spans.len() > 1 && !text[spans[0].clone()].chars().any(char::is_alphanumeric) {
        let first = spans.remove(0);
        spans[0].start = first.start;
    }
    spans
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '」' | '』' | '）' | ')' | ']' | '》'
    )
}

/// After an English sentence mark: white space, then a capital, digit, opening quote or
/// bracket, or a Han character; or the end of the text.
fn next_starts_sentence(chars: &[(usize, char)], mut k: usize) -> bool {
    while k < chars.len() && is_closer(chars[k].1) {
        k += 1;
    }
    if k >= chars.len() {
        return true;
    }
    if !chars[k].1.is_whitespace() {
        return false;
    }
    while k < chars.len() && chars[k].1.is_whitespace() {
        k += 1;
    }
    match chars.get(k) {
        None => true,
        Some(&(_, c)) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '(' | '[' | '\'')
                || crate::text::is_han(c)
        }
    }
}

/// True when the full stop at `chars[k]` closes an abbreviation, an initial, or a list
/// number at the start of the text.
fn abbreviation_before(text: &str, chars: &[(usize, char)], k: usize) -> bool {
    let mut start = k;
    while start > 0 {
        let c = chars[start - 1].1;
        if c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘') {
            break;
        }
        start -= 1;
    }
    let word = &text[chars[start].0..chars[k].0];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) || word.contains('.') {
        return true;
    }
    let mut letters = word.chars();
    if let (Some(c), None) = (letters.next(), letters.next())
        && c.is_uppercase()
    {
        return true;
    }
    // "1." or "(a)." at the very start of a block is a list marker, not a sentence.
    let at_block_start = text[..chars[start].0].trim().is_empty();
    at_block_start
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_alphabetic())
        && word.len() <= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn chinese_sentences_end_at_full_stops() {
        assert_eq!(
            split("我们将加强合作。鼓励创新！是否可行？“好。”他说。"),
            [
                "我们将加强合作。",
                "鼓励创新！",
                "是否可行？",
                "“好。”",
                "他说。"
            ]
        );
    }

    #[test]
    fn chinese_semicolons_stay_inside_a_clause() {
        assert_eq!(
            split("一是加强合作；二是鼓励创新。"),
            ["一是加强合作；二是鼓励创新。"]
        );
    }

    #[test]
    fn english_abbreviations_numbers_and_markers_do_not_split() {
        assert_eq!(
            split(
                "1. Members, e.g. the U.N. Secretary, shall act. See No. 5 and Art. 3 of 2.5 times. Done."
            ),
            [
                "1. Members, e.g. the U.N. Secretary, shall act.",
                "See No. 5 and Art. 3 of 2.5 times.",
                "Done."
            ]
        );
        assert_eq!(
            split("J. Smith said so. Then left."),
            ["J. Smith said so.", "Then left."]
        );
    }

    #[test]
    fn english_needs_a_capital_after_the_stop() {
        assert_eq!(split("Act now. and later."), ["Act now. and later."]);
        assert_eq!(
            split("Is it safe? Yes! \"Quoted.\" Next"),
            ["Is it safe?", "Yes!", "\"Quoted.\"", "Next"]
        );
    }

    #[test]
    fn punctuation_only_pieces_join_a_neighbour_and_nothing_is_empty() {
        assert_eq!(split("。。好。"), ["。。好。"]);
        assert_eq!(split("好。。"), ["好。。"]);
        assert!(split("").is_empty());
        assert!(split("   ").is_empty());
    }

    #[test]
    fn multibyte_text_never_panics() {
        for text in [
            "𦡦。😀! 𦡦",
            "e\u{301}. A",
            "。",
            "?",
            "a.",
            "\u{3000}。\u{3000}",
        ] {
            let spans = sentences(text);
            for s in spans {
                assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
            }
        }
    }
}
