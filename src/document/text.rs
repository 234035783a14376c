//! Plain text (`--input-format text`): paragraphs are runs of lines between blank lines,
//! and nothing is markup, so `*`, `#` and `|` stay as written.

use super::chrome::{self, Item};
use super::join::Joiner;
use super::{Block, BlockKind};

/// The blocks of plain text; lines are counted from 1.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut items: Vec<Item> = Vec::new();
    let mut current = Joiner::new(BlockKind::Paragraph);
    for (k, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            let done = std::mem::replace(&mut current, Joiner::new(BlockKind::Paragraph));
            items.extend(done.finish());
        } else {
            current.push_line(line, k + 1);
        }
    }
    items.extend(current.finish());
    chrome::assemble(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_split_at_blank_lines_and_markup_is_text() {
        let got = blocks("# not a heading\nstill *one* paragraph\n\n\n我们将加强\n合作。\n");
        let texts: Vec<(&str, usize)> = got
            .iter()
            .map(|b| (b.text.as_str(), b.line_marks[0].1))
            .collect();
        assert_eq!(
            texts,
            [
                ("# not a heading still *one* paragraph", 1),
                ("我们将加强合作。", 5)
            ]
        );
    }
}
