//! Text from a document or a file name made safe to show a person: the one rule every
//! human-facing output (terminal, CI log, job summary) uses so that nothing a document says
//! can move the cursor, hide or recolour text, write the clipboard, start a new log line or
//! reorder what a reader sees. Start with [`visible`]; [`one_line`] is the same rule for a
//! clause shown on one line (tabs and line breaks read as the spaces they stand for);
//! [`markdown_autolinks_broken`] keeps a name or an address in Markdown from becoming a live
//! mention or link; [`has_hidden_controls`] and [`hidden_controls`] tell whether a document
//! needs a warning.
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
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// `text` on one output line, as [`visible`] shows it but for tabs and line feeds, which
/// become spaces: between the words of a clause they are only white space, and a reader sees
/// no less for it. Every other control, bidi control or tag character is spelled out as
/// [`visible`] does, so the table, the diff, the Markdown brief and the HTML page show a
/// hostile clause the same way the check summary and the warnings name it. Borrowed when
/// nothing needed replacing.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(|c| c == '\t' || c == '\n' || shown_as(c).is_some()) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match c {
            '\t' | '\n' => out.push(' '),
            _ => push_shown(&mut out, c),
        }
    }
    Cow::Owned(out)
}

/// Pushes `c`, or its stand-in when it is one [`visible`] replaces.
fn push_shown(out: &mut String, c: char) {
    match shown_as(c) {
        None => out.push(c),
        Some(Replacement::Picture(p)) => out.push(p),
        Some(Replacement::Escape(c)) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// The zero-width space GitHub-flavoured Markdown is given, as a character reference, to
/// break a mention or an autolink: invisible when rendered, and it survives copy-paste as
/// nothing a reader notices.
pub const MARKDOWN_LINK_BREAK: &str = "&#8203;";

/// Markdown `text` (already escaped for markup) with every `@` and every bare `www.` that
/// GitHub would turn into a mention (which notifies whoever it names), an e-mail link or a
/// live `www.` link broken by [`MARKDOWN_LINK_BREAK`]: after the `@`, and after the first
/// `w`. A `www.` only autolinks at the start of the text, after white space or after one of
/// `*_~(` (GitHub's extended autolink rule), so `https://www.…` is left as it is: an
/// explicit address shows where it leads. The check's job summary, which may hold HTML and
/// is read on a pull request, breaks every `://` as well.
pub fn markdown_autolinks_broken(text: &str) -> Cow<'_, str> {
    let bare_www = |at: usize| {
        text.get(at..at + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case("www."))
            && text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '*' | '_' | '~' | '(' | '\\'))
    };
    if !text.contains('@') && !text.char_indices().any(|(at, _)| bare_www(at)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (at, c) in text.char_indices() {
        out.push(c);
        if c == '@' || bare_www(at) {
            out.push_str(MARKDOWN_LINK_BREAK);
        }
    }
    Cow::Owned(out)
}

/// A writer for JSON output that writes every character [`visible`] would replace as its
/// JSON escape (`\\u202e`; a surrogate pair above U+FFFF) instead of raw. The value a
/// program reads is the same, and a person who prints the report to a terminal or a CI log
/// sees no raw escape, bidi control or line separator (serde escapes the C0 controls in
/// strings, but not DEL, the C1 controls or the bidi controls). Every such character of serde's output
/// stands inside a string, where an escape means the same character, so the JSON stays
/// valid. A character cut between two writes waits for the rest.
pub struct JsonControlsEscaped<'w> {
    inner: &'w mut dyn std::io::Write,
    /// The start of a character whose last bytes have not been written yet (at most 3).
    pending: Vec<u8>,
}

impl<'w> JsonControlsEscaped<'w> {
    /// Wraps `inner`.
    pub fn new(inner: &'w mut dyn std::io::Write) -> Self {
        JsonControlsEscaped {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes valid UTF-8, escaping what [`visible`] replaces from DEL up. A C0 control in
    /// serde's output is the layout between values (line feeds): serde escapes those in
    /// strings itself.
    fn write_text(&mut self, text: &str) -> std::io::Result<()> {
        let mut rest = text;
        while let Some(at) = rest.find(|c| c >= '\u{7f}' && shown_as(c).is_some()) {
            self.inner.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(self.inner, "\\u{unit:04x}")?;
            }
            rest = &rest[at + c.len_utf8()..];
        }
        self.inner.write_all(rest.as_bytes())
    }
}

impl std::io::Write for JsonControlsEscaped<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let joined;
        let bytes = if self.pending.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.pending).as_slice(), buf].concat();
            joined.as_slice()
        };
        let mut rest = bytes;
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.write_text(text)?;
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.write_text(std::str::from_utf8(valid).unwrap_or_default())?;
                    match e.error_len() {
                        // Cut at the end: the rest of the character comes with the next write.
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                        // Not UTF-8 (serde never writes it): passed on as it is.
                        Some(n) => {
                            self.inner.write_all(&after[..n])?;
                            rest = &after[n..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let pending = std::mem::take(&mut self.pending);
            self.inner.write_all(&pending)?;
        }
        self.inner.flush()
    }
}

impl Drop for JsonControlsEscaped<'_> {
    /// What is left of a cut character is written rather than lost (it cannot be escaped).
    fn drop(&mut self) {
        if !self.pending.is_empty() {
            let _ = self.inner.write_all(&self.pending);
        }
    }
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
    #[test]
    fn one_line_keeps_spacing_as_spaces_and_spells_out_the_rest() {
        assert_eq!(one_line("a\tb\nc"), "a b c");
        assert_eq!(
            one_line("x\u{1b}[8m\u{202E}y\r\u{2028}"),
            "x␛[8m\\u{202e}y␍\\u{2028}"
        );
        assert!(matches!(one_line("我们 plain"), Cow::Borrowed(_)));
        let hostile = "\u{1b}]8;;http://x\u{7}\u{E0041}\u{61C}\t";
        assert_eq!(one_line(&one_line(hostile)), one_line(hostile));
        assert!(!one_line(hostile).chars().any(|c| shown_as(c).is_some()));
    }

    #[test]
    fn mentions_and_bare_www_links_are_broken_but_addresses_kept() {
        assert_eq!(
            markdown_autolinks_broken("ask @octocat or a@b.org"),
            "ask @&#8203;octocat or a@&#8203;b.org"
        );
        assert_eq!(
            markdown_autolinks_broken("see www.evil.com (WWW.x.org)"),
            "see w&#8203;ww.evil.com (W&#8203;WW.x.org)"
        );
        assert!(matches!(
            markdown_autolinks_broken("https://www.gov.uk/x and wwwx."),
            Cow::Borrowed(_)
        ));
    }

    /// What a JSON writer passes on when serde's output reaches it in pieces of `cut` bytes.
    fn json_escaped_in_pieces(value: &serde_json::Value, cut: usize) -> String {
        let raw = serde_json::to_vec_pretty(value).unwrap();
        let mut out = Vec::new();
        let mut escaped = JsonControlsEscaped::new(&mut out);
        for piece in raw.chunks(cut) {
            std::io::Write::write_all(&mut escaped, piece).unwrap();
        }
        std::io::Write::flush(&mut escaped).unwrap();
        drop(escaped);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_carries_controls_as_escapes_of_the_same_value() {
        let value = serde_json::json!({
            "title": "a\u{1b}[8m\u{202E}b\u{9B}\u{2028}\u{E0041}\u{7F}c\n我",
            "plain": "我们将加强合作。",
        });
        for cut in [1, 2, 3, 5, 4096] {
            let json = json_escaped_in_pieces(&value, cut);
            assert!(
                !json.chars().any(|c| c != '\n' && shown_as(c).is_some()),
                "{json:?}"
            );
            assert!(
                json.contains("\\u202e") && json.contains("\\udb40\\udc41"),
                "{json}"
            );
            let back: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(back, value, "cut {cut}");
        }
    }
}
