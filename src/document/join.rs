//! Joining pieces of text into one block as the non-Markdown readers find them: a space
//! between words, none between Chinese characters, a hyphen at a line end dropped when the
//! word goes on, and a source line for each piece.

use super::BlockKind;
use super::chrome::{Candidate, Item, is_cjk};

/// A block being built from pieces of text, each with the line it stands on.
pub struct Joiner {
    candidate: Candidate,
    /// White space seen and not yet written; true when it held a line break.
    pending_space: Option<bool>,
}

impl Joiner {
    /// An empty block of `kind`. Text added is plain (never all bold) and outside links,
    /// except what [`Joiner::push_link_text`] adds.
    pub fn new(kind: BlockKind) -> Self {
        let mut candidate = Candidate::new(kind);
        candidate.all_strong = false;
        Joiner {
            candidate,
            pending_space: None,
        }
    }

    /// True while nothing but white space has been added.
    pub fn is_empty(&self) -> bool {
        self.candidate.text.trim().is_empty()
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.candidate.text
    }

    /// Appends a wrapped line: joined with a space, with none between Chinese characters,
    /// and a line-end hyphen dropped when a lowercase letter goes on (`govern-` + `ance`)
    /// and kept, without a space, otherwise (`human-` + `Centred`).
    pub fn push_line(&mut self, line: &str, source_line: usize) {
        self.push_wrapped(line, source_line, &|_| true);
    }

    /// [`Joiner::push_line`], asking `is_one_word` whether a word broken by a line-end
    /// hyphen is one word (`governance`, hyphen dropped) or a compound (`evidence-based`,
    /// kept); it is given the word without the hyphen, lowercased.
    pub fn push_wrapped(
        &mut self,
        line: &str,
        source_line: usize,
        is_one_word: &dyn Fn(&str) -> bool,
    ) {
        self.pending_space = None;
        let line = collapse(line);
        if line.is_empty() {
            return;
        }
        let text = &mut self.candidate.text;
        if !text.is_empty() {
            let before = text.chars().next_back();
            let after = line.chars().next();
            let hyphenated = text.ends_with('-')
                && text
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| c.is_alphabetic() && !is_cjk(c))
                && after.is_some_and(char::is_lowercase)
                && is_one_word(&broken_word(text, &line));
            let hyphen_kept = text.ends_with('-') && !text.ends_with(" -");
            if hyphenated {
                text.pop();
            } else if hyphen_kept {
                // A compound broken at its own hyphen (`human-` + `Centred`).
            } else if !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk)) {
                text.push(' ');
            }
        }
        self.mark(source_line);
        self.candidate.text.push_str(&line);
        self.candidate.outside_link = true;
    }

    /// Appends inline text as it is (white space runs folded, no join rules): runs of a
    /// paragraph that belong together.
    pub fn push_inline(&mut self, piece: &str, source_line: usize) {
        if self.push_folded(piece, source_line) && piece.chars().any(char::is_alphanumeric) {
            self.candidate.outside_link = true;
        }
    }

    /// [`Joiner::push_inline`] for the text of a link: a block of nothing but links is
    /// navigation, and `chrome::assemble` drops it.
    pub fn push_link_text(&mut self, piece: &str, source_line: usize) {
        self.push_folded(piece, source_line);
    }

    /// Appends `piece` with white space runs folded into one space, held back until the
    /// next character shows whether it is wanted: none at the start, and none where a line
    /// break stood between two Chinese characters (a wrapped line in the source, as the
    /// Markdown reader joins them). False when nothing but white space came.
    fn push_folded(&mut self, piece: &str, source_line: usize) -> bool {
        let mut added = false;
        for c in piece.chars() {
            if c.is_whitespace() {
                let newline = c == '\n' || self.pending_space == Some(true);
                self.pending_space = Some(newline);
                continue;
            }
            if !added {
                self.mark_after_space(source_line, c);
                added = true;
            }
            self.push_char(c);
        }
        added
    }

    fn mark_after_space(&mut self, source_line: usize, next: char) {
        self.flush_space(next);
        self.mark(source_line);
    }

    fn push_char(&mut self, c: char) {
        self.flush_space(c);
        self.candidate.text.push(c);
    }

    /// Writes the held-back space before `next`, if it is wanted.
    fn flush_space(&mut self, next: char) {
        let Some(newline) = self.pending_space.take() else {
            return;
        };
        let text = &mut self.candidate.text;
        let before = text.chars().next_back();
        let at_start = before.is_none_or(|c| c == ' ');
        let cjk_wrap = newline && before.is_some_and(is_cjk) && is_cjk(next);
        if !at_start && !cjk_wrap {
            text.push(' ');
        }
    }

    /// Appends a separator between table cells (` | `, as the Markdown reader writes).
    pub fn push_cell_separator(&mut self) {
        self.pending_space = None;
        if !self.is_empty() {
            let trimmed = self.candidate.text.trim_end().len();
            self.candidate.text.truncate(trimmed);
            self.candidate.text.push_str(" | ");
        }
    }

    fn mark(&mut self, source_line: usize) {
        let candidate = &mut self.candidate;
        if candidate
            .line_marks
            .last()
            .is_none_or(|&(_, line)| line != source_line)
        {
            candidate
                .line_marks
                .push((candidate.text.len(), source_line));
        }
    }

    /// The block as an item for `chrome::assemble`, or `None` when it holds no text.
    pub fn finish(mut self) -> Option<Item> {
        if self.is_empty() {
            return None;
        }
        let trimmed = self.candidate.text.trim_end().len();
        self.candidate.text.truncate(trimmed);
        if self.candidate.text.ends_with(" |") {
            let cut = self.candidate.text.len() - 2;
            self.candidate.text.truncate(cut);
        }
        Some(Item::Block(self.candidate))
    }
}

/// The word a line-end hyphen breaks, without the hyphen and lowercased: the letters before
/// it at the end of `text` and the letters that start `next`.
fn broken_word(text: &str, next: &str) -> String {
    let head = text[..text.len() - 1]
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let tail = next
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    format!("{head}{tail}").to_lowercase()
}

/// A heading item, white space folded; `None` when empty.
pub fn heading(level: u8, text: &str) -> Option<Item> {
    let text = collapse(text);
    (!text.is_empty()).then_some(Item::Heading { level, text })
}

/// Folds runs of white space into one space and trims.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(lines: &[&str]) -> String {
        let mut joiner = Joiner::new(BlockKind::Paragraph);
        for (k, line) in lines.iter().enumerate() {
            joiner.push_line(line, k + 1);
        }
        match joiner.finish() {
            Some(Item::Block(c)) => c.text,
            _ => String::new(),
        }
    }

    #[test]
    fn lines_join_with_spaces_but_not_between_chinese_characters() {
        assert_eq!(
            joined(&["We will act", "together."]),
            "We will act together."
        );
        assert_eq!(joined(&["我们将加强", "合作。"]), "我们将加强合作。");
        assert_eq!(joined(&["支持 AI", "治理"]), "支持 AI 治理");
    }

    #[test]
    fn inline_text_folds_spaces_and_drops_line_breaks_between_chinese_characters() {
        let mut joiner = Joiner::new(BlockKind::Paragraph);
        joiner.push_inline("  我们将加强\n  ", 1);
        joiner.push_inline("合作， and   we\n", 2);
        joiner.push_link_text("act", 3);
        joiner.push_inline(" . ", 3);
        assert_eq!(joiner.text(), "我们将加强合作， and we act .");
    }

    #[test]
    fn hyphenated_line_ends_are_joined() {
        assert_eq!(
            joined(&["good govern-", "ance of AI"]),
            "good governance of AI"
        );
        assert_eq!(joined(&["human-", "Centred AI"]), "human-Centred AI");
        assert_eq!(joined(&["see 1-", "2"]), "see 1-2");
        assert_eq!(joined(&["one -", "two"]), "one - two");
    }
}
