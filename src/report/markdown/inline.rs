//! Inline Markdown: clause text escaped so it renders as itself, and a word diff as
//! `~~deleted~~**inserted**` that CommonMark parses (widened by a word where a delimiter
//! would stand next to punctuation).

use similar::ChangeTag;
use unicode_segmentation::UnicodeSegmentation;

use super::super::safe;
use super::super::worddiff::WordDiff;

/// Document text as inline Markdown that renders as the text itself: on one line with its
/// controls spelled out ([`safe::one_line`]), every character that could open markup
/// (emphasis, links, code, HTML, entities, table cells, strikethrough, math, headings)
/// backslash-escaped, and no mention or bare `www.` link made live
/// ([`safe::markdown_autolinks_broken`]).
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in safe::one_line(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    match safe::markdown_autolinks_broken(&escaped) {
        std::borrow::Cow::Borrowed(_) => escaped,
        std::borrow::Cow::Owned(broken) => broken,
    }
}

/// A stretch of a diff as the brief marks it.
pub(super) enum Segment {
    Equal(String),
    Change { deleted: String, inserted: String },
}

/// A word diff as inline Markdown: `~~deleted~~**inserted**`, GitHub-flavoured and nothing
/// else.
///
/// CommonMark only honours a delimiter run that "flanks" its text: `**` cannot open before
/// punctuation unless white space or punctuation stands before it (so `们**，将**` would stay
/// literal asterisks). Where the rule is not surely met, the change takes in the neighbouring
/// word on both sides (`我~~们~~**们，将**`), which reads as what it is and always parses. White space at the edges of a change stays outside the delimiters.
pub(super) fn inline_diff(diff: &WordDiff) -> String {
    let mut segments: Vec<Segment> = Vec::new();
    for (tag, text) in diff {
        let text = safe::one_line(text).into_owned();
        match (tag, segments.last_mut()) {
            (ChangeTag::Equal, _) => segments.push(Segment::Equal(text)),
            (_, Some(Segment::Change { deleted, inserted })) => match tag {
                ChangeTag::Delete => deleted.push_str(&text),
                _ => inserted.push_str(&text),
            },
            (ChangeTag::Delete, _) => segments.push(Segment::Change {
                deleted: text,
                inserted: String::new(),
            }),
            (_, _) => segments.push(Segment::Change {
                deleted: String::new(),
                inserted: text,
            }),
        }
    }
    let mut k = 0;
    while k < segments.len() {
        if matches!(segments[k], Segment::Change { .. }) {
            k = widen_to_flank(&mut segments, k);
        }
        k += 1;
    }
    segments.iter().map(markup).collect()
}

/// Widens the change at `k` by a word of its neighbours (a Han character, an English word:
/// Unicode word bounds) until its delimiters flank;
/// returns the change's index, which moves left when a neighbour is used up. Each step
/// shortens a neighbour, and with none left the line's edge or another change's delimiter
/// (punctuation) stands there, which always flanks: the loop ends.
pub(super) fn widen_to_flank(segments: &mut Vec<Segment>, mut k: usize) -> usize {
    loop {
        let here = markup(&segments[k]);
        let before = k
            .checked_sub(1)
            .and_then(|p| markup(&segments[p]).chars().next_back());
        let after = segments.get(k + 1).and_then(|n| markup(n).chars().next());
        let (opens, closes) = flanks(&here, before, after);
        if opens && closes {
            return k;
        }
        let Segment::Change { .. } = &segments[k] else {
            return k;
        };
        if !opens {
            let Some(Segment::Equal(previous)) = k.checked_sub(1).map(|p| &mut segments[p]) else {
                return k;
            };
            let cut = previous
                .split_word_bound_indices()
                .next_back()
                .map_or(0, |(at, _)| at);
            let grapheme = previous.split_off(cut);
            let emptied = previous.is_empty();
            if let Segment::Change { deleted, inserted } = &mut segments[k] {
                deleted.insert_str(0, &grapheme);
                inserted.insert_str(0, &grapheme);
            }
            if emptied {
                segments.remove(k - 1);
                k -= 1;
            }
        } else {
            let Some(Segment::Equal(next)) = segments.get_mut(k + 1) else {
                return k;
            };
            let cut = next.split_word_bounds().next().map_or(0, str::len);
            let grapheme: String = next.drain(..cut).collect();
            let emptied = next.is_empty();
            if let Segment::Change { deleted, inserted } = &mut segments[k] {
                deleted.push_str(&grapheme);
                inserted.push_str(&grapheme);
            }
            if emptied {
                segments.remove(k + 1);
            }
        }
    }
}

/// Whether the delimiters at the start and at the end of `markup` surely open and close,
/// given the characters around it (`None`: the line's edge).
pub(super) fn flanks(markup: &str, before: Option<char>, after: Option<char>) -> (bool, bool) {
    let delimiter = |s: &str| s.starts_with("~~") || s.starts_with("**");
    let opens = !delimiter(markup)
        || markup[2..]
            .chars()
            .next()
            .is_some_and(|c| !may_be_punctuation(c))
        || before.is_none_or(is_space_or_punctuation);
    let closes = !(markup.ends_with("~~") || markup.ends_with("**"))
        || markup[..markup.len() - 2]
            .chars()
            .next_back()
            .is_some_and(|c| !may_be_punctuation(c))
        || after.is_none_or(is_space_or_punctuation);
    (opens, closes)
}

/// One segment as Markdown. A change of white space alone cannot be marked up: the new
/// text keeps its spacing and a deleted space goes unshown.
pub(super) fn markup(segment: &Segment) -> String {
    let (deleted, inserted) = match segment {
        Segment::Equal(text) => return escape(text),
        Segment::Change { deleted, inserted } => (deleted, inserted),
    };
    let mut out = String::new();
    for (text, delimiter) in [(deleted, "~~"), (inserted, "**")] {
        let body = text.trim();
        if body.is_empty() {
            if delimiter == "**" {
                out.push_str(text);
            }
            continue;
        }
        out.push_str(&text[..text.len() - text.trim_start().len()]);
        out.push_str(delimiter);
        out.push_str(&escape(body));
        out.push_str(delimiter);
        out.push_str(&text[text.trim_end().len()..]);
    }
    out
}

/// Whether CommonMark might count `c` as punctuation (any version of the spec): anything
/// but a letter or a digit. Over-approximates, which only costs a needless `<ins>`.
pub(super) fn may_be_punctuation(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Whether CommonMark surely counts `c` as white space or punctuation: ASCII punctuation and
/// the Unicode punctuation (category P) common in Chinese and English text. Under-approximates,
/// which again only costs a needless `<ins>`.
pub(super) fn is_space_or_punctuation(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || matches!(c,
            '\u{00B7}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{2043}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF01}'..='\u{FF03}'
            | '\u{FF05}'..='\u{FF0A}'
            | '\u{FF0C}'..='\u{FF0F}'
            | '\u{FF1A}'
            | '\u{FF1B}'
            | '\u{FF1F}'
            | '\u{FF20}'
            | '\u{FF3B}'..='\u{FF3D}'
            | '\u{FF3F}'
            | '\u{FF5B}'
            | '\u{FF5D}'
            | '\u{FF5F}'..='\u{FF65}')
}
