//! Text from a document or a file name made safe to show a person: the one rule every
//! human-facing output (terminal, CI log, job summary) uses so that nothing a document says
//! can move the cursor, hide or recolour text, write the clipboard, start a new log line or
//! reorder what a reader sees. Start with [`visible`]; [`has_hidden_controls`] and
//! [`hidden_controls`] tell whether a document needs a warning.
//!
//! What is replaced, and by what:
//!
//! | characters | shown as |
//! |---|---|
//! | C0 controls U+0000–U+001F (tab, line feed, carriage return, ESC…) | the Control Pictures `␀`…`␟` (`␉`, `␊`, `␍`, `␛`) |
//! | DEL U+007F | `␡` |
//! | C1 controls U+0080–U+009F (CSI, NEL, OSC…) | `\u{9b}` |
//! | bidi embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069 | `\u{202e}` |
//! | bidi marks U+200E, U+200F, U+061C | `\u{200f}` |
//! | line and paragraph separators U+2028, U+2029 | `\u{2028}` |
//! | tag characters U+E0000–U+E007F (invisible ASCII look-alikes) | `\u{e0041}` |
//!
//! Everything else, zero-width spaces and joiners included (emoji sequences need them), is
//! kept. The replacements are printable ASCII or printable symbols, so `visible` applied
//! twice changes nothing more.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How a character that must not reach an output raw is shown, or `None` to keep it.
fn shown_as(c: char) -> Option<Replacement> {
    match c {
        // U+2400 + code for the C0 controls: `␛` for ESC, `␊` for a line feed.
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).map(Replacement::Picture),
        '\u{7F}' => Some(Replacement::Picture('␡')),
        '\u{80}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{E0000}'..='\u{E007F}' => Some(Replacement::Escape(c)),
        _ => None,
    }
}

enum Replacement {
    Picture(char),
    Escape(char),
}

/// `text` with every control character, bidi control and invisible tag character replaced
/// by a visible stand-in (see the module docs): one line, shown as written, whatever it
/// holds. Borrowed when nothing needed replacing, so ordinary text costs a scan.
pub fn visible(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(|c| shown_as(c).is_some()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match shown_as(c) {
            None => out.push(c),
            Some(Replacement::Picture(p)) => out.push(p),
            Some(Replacement::Escape(c)) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    Cow::Owned(out)
}

/// True when a document's text holds characters that change how it reads without showing:
/// everything [`visible`] replaces except tab and line feed, whose effect a reader sees.
pub fn has_hidden_controls(text: &str) -> bool {
    text.chars().any(is_hidden_control)
}

/// The characters [`has_hidden_controls`] looks for.
fn is_hidden_control(c: char) -> bool {
    c != '\t' && c != '\n' && shown_as(c).is_some()
}

/// Where a document hides characters: how many, and the first one with its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HiddenControls {
    /// How many hidden control characters the text holds.
    pub count: usize,
    /// The first of them.
    pub first: char,
    /// The 1-based line of the first.
    pub line: usize,
}

impl std::fmt::Display for HiddenControls {
    /// `3 hidden control character(s) (bidi controls, terminal escapes), first U+202E on line 12`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} hidden control character(s) (bidi controls, terminal escapes), first U+{:04X} on line {}",
            self.count,
            u32::from(self.first),
            self.line
        )
    }
}

/// Counts the hidden control characters of `text` (see [`has_hidden_controls`]); `None`
/// when there are none.
pub fn hidden_controls(text: &str) -> Option<HiddenControls> {
    let first_at = text.find(is_hidden_control)?;
    let first = text[first_at..].chars().next()?;
    let line = 1 + text[..first_at].bytes().filter(|&b| b == b'\n').count();
    let count = text[first_at..]
        .chars()
        .filter(|&c| is_hidden_control(c))
        .count();
    Some(HiddenControls { count, first, line })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_and_line_breaks_become_pictures() {
        assert_eq!(visible("a\u{1b}[8mb"), "a␛[8mb");
        assert_eq!(visible("x\n::error::y\r"), "x␊::error::y␍");
        assert_eq!(visible("\t\u{7f}"), "␉␡");
        assert_eq!(visible("\u{9b}31m\u{85}"), "\\u{9b}31m\\u{85}");
    }

    #[test]
    fn bidi_controls_and_tags_are_spelled_out() {
        assert_eq!(visible("a\u{202E}b\u{2066}"), "a\\u{202e}b\\u{2066}");
        assert_eq!(
            visible("\u{200E}\u{200F}\u{61C}"),
            "\\u{200e}\\u{200f}\\u{61c}"
        );
        assert_eq!(visible("\u{E0041}\u{2028}"), "\\u{e0041}\\u{2028}");
    }

    #[test]
    fn ordinary_text_is_borrowed_and_twice_is_once() {
        for text in [
            "我们将加强合作。",
            "plain text",
            "👩‍👩‍👧 e\u{301}",
            "zero\u{200B}width",
        ] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text:?}");
        }
        let hostile = "\u{1b}]52;c;ZXZpbA==\u{7}\u{202E}\n";
        assert_eq!(visible(&visible(hostile)), visible(hostile));
    }

    #[test]
    fn tabs_and_line_feeds_are_not_hidden() {
        assert!(!has_hidden_controls("a\tb\nc"));
        assert!(has_hidden_controls("a\u{202E}b"));
        assert!(has_hidden_controls("a\u{1b}[31m"));
        assert_eq!(hidden_controls("plain\ntext"), None);
        assert_eq!(
            hidden_controls("one\ntwo \u{202E}x\u{202C}\n\u{1b}"),
            Some(HiddenControls {
                count: 3,
                first: '\u{202E}',
                line: 2
            })
        );
    }
}
