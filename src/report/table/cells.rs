//! Cell text: wrapping a clause to its column (by words, CJK by character, no line opening
//! on closing punctuation) and cutting it around the place where two versions differ.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::abbreviate;

/// Characters a line should not start with (closing punctuation, CJK and Latin): a break
/// before one takes the character before it along to the new line.
pub(super) fn no_line_start(piece: &str) -> bool {
    piece.chars().all(|c| {
        matches!(
            c,
            '，' | '。'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '）'
                | '」'
                | '』'
                | '》'
                | '〉'
                | '】'
                | '”'
                | '’'
                | ','
                | '.'
                | ';'
                | ':'
                | '!'
                | '?'
                | ')'
        )
    }) && !piece.is_empty()
}

/// `line` broken into lines of at most `width` display columns (CJK characters count two):
/// between words where it can, inside a word longer than a line, never inside a grapheme.
/// A space at a break is dropped.
pub(super) fn wrap(line: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut used = 0;
    for piece in line.split_word_bounds() {
        let w = piece.width();
        if used + w <= width {
            current.push_str(piece);
            used += w;
            continue;
        }
        if piece.trim().is_empty() {
            lines.push(std::mem::take(&mut current));
            used = 0;
            continue;
        }
        if no_line_start(piece) && current.graphemes(true).nth(1).is_some() {
            // Carry the last grapheme over, so the mark does not open the next line.
            let cut = current
                .grapheme_indices(true)
                .next_back()
                .map_or(0, |(at, _)| at);
            let carried = current.split_off(cut);
            lines.push(std::mem::take(&mut current));
            used = carried.width();
            current = carried;
            if used + w <= width {
                current.push_str(piece);
                used += w;
                continue;
            }
        }
        if !current.is_empty() && w <= width {
            lines.push(std::mem::take(&mut current));
            current.push_str(piece);
            used = w;
            continue;
        }
        for grapheme in piece.graphemes(true) {
            let gw = grapheme.width();
            if used + gw > width && !current.is_empty() {
                lines.push(std::mem::take(&mut current));
                used = 0;
            }
            current.push_str(grapheme);
            used += gw;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    for line in &mut lines {
        line.truncate(line.trim_end().len());
    }
    lines
}

/// Display width of the graphemes two texts start with in common.
pub(super) fn shared_prefix_width(a: &str, b: &str) -> usize {
    a.graphemes(true)
        .zip(b.graphemes(true))
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.width())
        .sum()
}

/// Display width of what joins a side's clauses in [`layout::group_text`].
pub(super) fn separator_width(doc: &super::super::DocumentReport) -> usize {
    crate::text::clause_separator(doc.lang).len()
}

/// For each line of one side, where `column` of the side's joined text falls within the line,
/// if it does.
pub(super) fn focus_in_lines(
    lines: &[String],
    separator: usize,
    column: usize,
) -> Vec<Option<usize>> {
    let mut start = 0;
    lines
        .iter()
        .map(|line| {
            let end = start + line.width();
            let focus = (start..=end).contains(&column).then(|| column - start);
            start = end + separator;
            focus
        })
        .collect()
}

/// `line` cut to `width` so that `column` (where two wordings part) is in view: when it would
/// fall in the last third, the line starts `…` a third of the width before it, so two lines
/// that share a long opening still show where they differ.
pub(super) fn abbreviate_around(line: &str, column: usize, width: usize) -> String {
    let lead = width / 3;
    if column + 1 < width.saturating_sub(lead) {
        return abbreviate(line, width);
    }
    let skip = column - lead;
    // Cut at the start of the word holding the cut point, unless the word is so long that
    // the change would slide out of view; then between graphemes.
    let mut word_cut = (0, 0);
    for (offset, piece) in line.split_word_bound_indices() {
        let end = word_cut.1 + piece.width();
        if end > skip {
            break;
        }
        word_cut = (offset + piece.len(), end);
    }
    let rest = if skip - word_cut.1 <= lead / 2 {
        &line[word_cut.0..]
    } else {
        let mut skipped = 0;
        let at = line
            .grapheme_indices(true)
            .find(|(_, g)| {
                let before = skipped;
                skipped += g.width();
                before >= skip
            })
            .map_or(line.len(), |(i, _)| i);
        &line[at..]
    };
    let rest = rest.trim_start();
    format!("…{}", abbreviate(rest, width.saturating_sub(1)))
}
