//! Web-page chrome: what a page copied as Markdown carries besides its text (share buttons,
//! QR-code prompts, bylines, lone punctuation), and how blocks get their section paths.
//!
//! Two levels of care. Everywhere, a block is dropped when it has no letter, digit or Han
//! character, when all its text is a link, or when it is made only of well-known chrome
//! phrases (`阅读原文`, `微信扫一扫`, `Share`…). In a document that shows it was copied from
//! a web page (an image with an address, or a chrome phrase), short paragraphs that do not
//! end a sentence are dropped too (bylines, hotlines, `（来源：新华网）`): in an ordinary
//! declaration such short lines are content (`The General Assembly,`), so they stay.

use super::markdown::collapse_spaces;
use super::{Block, BlockKind};

/// A block as the walker found it, with what it knows about its markup.
#[derive(Debug)]
pub struct Candidate {
    pub text: String,
    pub line_marks: Vec<(usize, usize)>,
    pub kind: BlockKind,
    /// Every substantive piece of text was bold.
    pub all_strong: bool,
    /// Some substantive text stood outside a link.
    pub outside_link: bool,
    /// The block came with an image that has an address.
    pub image_with_url: bool,
}

impl Candidate {
    pub fn new(kind: BlockKind) -> Self {
        Candidate {
            text: String::new(),
            line_marks: Vec::new(),
            kind,
            all_strong: true,
            outside_link: false,
            image_with_url: false,
        }
    }
}

/// What the walker saw, in document order.
#[derive(Debug)]
pub enum Item {
    Heading {
        level: u8,
        text: String,
    },
    Block(Candidate),
    /// An image standing alone.
    Image,
}

/// Level given to bold-only lines that read as headings: below every Markdown heading.
const PSEUDO_HEADING_LEVEL: u8 = 7;
/// A bold-only line longer than this is emphasis, not a heading.
const MAX_PSEUDO_HEADING_CHARS: usize = 60;
/// In a web page, a paragraph shorter than this that does not end a sentence is debris.
const MIN_WEB_PARAGRAPH_CHARS: usize = 30;

/// Phrases that make up page chrome on Chinese and English news sites and WeChat articles.
const CHROME_PHRASES: &[&str] = &[
    "阅读原文",
    "轻触阅读原文",
    "微信扫一扫",
    "扫一扫",
    "扫码",
    "关注该公众号",
    "继续滑动看下一个",
    "向上滑动看下一个",
    "预览时标签不可点",
    "知道了",
    "使用小程序",
    "使用完整服务",
    "取消",
    "允许",
    "分享",
    "留言",
    "收藏",
    "在看",
    "赞",
    "视频",
    "小程序",
    "分析",
    "轻点两下取消赞",
    "轻点两下取消在看",
    "听过",
    "点击下图",
    "点击上方",
    "share",
    "tweet",
    "subscribe",
    "print",
    "email",
    "read more",
    "follow us",
];

/// Words that mark a bold line as a call to subscribe or share, not a section title.
const PROMOTION_WORDS: &[&str] = &[
    "扫码",
    "订阅",
    "关注",
    "点击",
    "阅读原文",
    "分享",
    "二维码",
    "subscribe",
    "follow us",
    "click",
];

/// True for Han characters and CJK punctuation (no space is put between such characters
/// when wrapped lines are joined).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{303F}' | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Keeps the blocks worth comparing and gives each its section path.
pub fn assemble(items: Vec<Item>) -> Vec<Block> {
    let web_page = items.iter().any(|item| match item {
        Item::Image => true,
        Item::Block(c) => c.image_with_url || is_chrome_phrases(&c.text),
        Item::Heading { .. } => false,
    });
    let mut headings: Vec<(u8, String)> = Vec::new();
    let mut blocks = Vec::new();
    for item in items {
        let candidate = match item {
            Item::Heading { level, text } => {
                enter_heading(&mut headings, level, text);
                continue;
            }
            Item::Image => continue,
            Item::Block(candidate) => candidate,
        };
        let (text, line_marks) = trim(&candidate.text, candidate.line_marks);
        if text.is_empty() || !candidate.outside_link || !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        if is_chrome_phrases(&text) {
            continue;
        }
        if candidate.all_strong && candidate.kind == BlockKind::Paragraph && reads_as_heading(&text)
        {
            let lower = text.to_lowercase();
            if PROMOTION_WORDS.iter().any(|w| lower.contains(w)) {
                continue;
            }
            enter_heading(&mut headings, PSEUDO_HEADING_LEVEL, collapse_spaces(&text));
            continue;
        }
        if web_page
            && candidate.kind == BlockKind::Paragraph
            && text.chars().count() < MIN_WEB_PARAGRAPH_CHARS
            && !ends_sentence(&text)
        {
            continue;
        }
        blocks.push(Block {
            text,
            line_marks,
            section: headings.iter().map(|(_, h)| h.clone()).collect(),
            kind: candidate.kind,
        });
    }
    blocks
}

fn enter_heading(headings: &mut Vec<(u8, String)>, level: u8, text: String) {
    while headings.last().is_some_and(|&(l, _)| l >= level) {
        headings.pop();
    }
    headings.push((level, text));
}

/// Trims white space at both ends, keeping the line marks pointing at the same text.
fn trim(text: &str, marks: Vec<(usize, usize)>) -> (String, Vec<(usize, usize)>) {
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim().to_string();
    let mut shifted: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
    for (offset, line) in marks {
        let at = offset.saturating_sub(start).min(trimmed.len());
        match shifted.last_mut() {
            Some(last) if last.0 == at => last.1 = line,
            _ => shifted.push((at, line)),
        }
    }
    if let Some(first) = shifted.first_mut() {
        first.0 = 0;
    }
    (trimmed, shifted)
}

/// True when the text ends a sentence (closing quotes and brackets may follow the mark).
pub fn ends_sentence(text: &str) -> bool {
    let mut chars = text.chars().rev().skip_while(|c| {
        matches!(
            c,
            '"' | '\'' | '”' | '’' | '」' | '』' | '）' | ')' | '*' | '_'
        ) || c.is_whitespace()
    });
    matches!(
        chars.next(),
        Some('。' | '！' | '？' | '.' | '!' | '?' | '；' | ';' | '：' | ':' | '…')
    )
}

fn reads_as_heading(text: &str) -> bool {
    let ends = text.trim_end().chars().next_back();
    text.chars().count() <= MAX_PSEUDO_HEADING_CHARS
        && !matches!(
            ends,
            Some('。' | '！' | '？' | '.' | '!' | '?' | '；' | ';')
        )
}

/// True when every word of the text is a chrome phrase, or a run of them written together
/// (wrapped Chinese lines join without spaces: `视频小程序赞`).
fn is_chrome_phrases(text: &str) -> bool {
    let mut any = false;
    for word in text.split(|c: char| !c.is_alphanumeric() && !is_cjk_letter(c)) {
        if word.is_empty() {
            continue;
        }
        if !is_run_of_phrases(&word.to_lowercase()) {
            return false;
        }
        any = true;
    }
    any
}

/// Whether `word` splits wholly into chrome phrases (dynamic programming over char
/// boundaries; words are short, so this is cheap).
fn is_run_of_phrases(word: &str) -> bool {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    let mut reachable = vec![false; bounds.len()];
    reachable[0] = true;
    for from in 0..bounds.len() {
        if !reachable[from] {
            continue;
        }
        for to in from + 1..bounds.len() {
            if CHROME_PHRASES.contains(&&word[bounds[from]..bounds[to]]) {
                reachable[to] = true;
            }
        }
    }
    reachable[bounds.len() - 1]
}

fn is_cjk_letter(c: char) -> bool {
    is_cjk(c)
        && !matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Item {
        let mut c = Candidate::new(BlockKind::Paragraph);
        c.text = text.to_string();
        c.line_marks = vec![(0, 1)];
        c.all_strong = false;
        c.outside_link = true;
        Item::Block(c)
    }

    #[test]
    fn chrome_phrases_are_dropped_everywhere() {
        let kept = assemble(vec![
            block("取消\n允许"),
            block("视频 小程序 赞 ，轻点两下取消赞"),
            block("视频小程序赞，轻点两下取消赞在看分享留言收藏听过"),
            block("我们将加强合作，共同应对风险。"),
            block("：，，。"),
        ]);
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["我们将加强合作，共同应对风险。"]);
    }

    #[test]
    fn short_lines_are_content_in_ordinary_documents() {
        let kept = assemble(vec![block("The General Assembly,"), block("：，，。")]);
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["The General Assembly,"]);
    }

    #[test]
    fn short_unfinished_lines_are_dropped_only_in_web_pages() {
        let kept = assemble(vec![
            Item::Image,
            block("冯歆然 龚雯"),
            block("（来源：新华网）"),
            block("陈吉宁、吴政隆参加上述活动。"),
        ]);
        let texts: Vec<&str> = kept.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["陈吉宁、吴政隆参加上述活动。"]);
    }

    #[test]
    fn ends_sentence_looks_past_closing_marks() {
        assert!(ends_sentence("他说：“好。”"));
        assert!(ends_sentence("(see above.)"));
        assert!(!ends_sentence("（来源：新华网）"));
    }
}
