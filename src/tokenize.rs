//! Tokens of a clause: words for TF-IDF and character n-grams, by script.
//!
//! Han runs are cut into words by jieba-rs (with only the dictionary words the runs can use,
//! see [`crate::dictionary`], so English-only runs never pay for it and short Chinese ones
//! pay little). Other
//! runs are split into Unicode words, lowercased, stripped of a short stopword list and
//! stemmed with the Snowball English stemmer. Character n-grams are Han bigrams and, for
//! Latin words, trigrams of the word padded with spaces.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::is_han;

/// English words too common to tell clauses apart.
const EN_STOPWORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "to",
    "in",
    "on",
    "for",
    "by",
    "with",
    "at",
    "as",
    "from",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "is",
    "are",
    "be",
    "been",
    "being",
    "was",
    "were",
    "which",
    "who",
    "whom",
    "whose",
    "such",
    "into",
    "than",
    "their",
    "them",
    "they",
    "there",
    "also",
    "both",
    "all",
    "any",
    "each",
    "other",
    "so",
    "if",
    "but",
    "not",
    "we",
    "our",
    "us",
    "has",
    "have",
    "had",
    "do",
    "does",
    "well",
    "including",
    "through",
    "between",
    "within",
    "upon",
    "about",
    "while",
    "where",
    "when",
    "how",
];

/// Chinese function words too common to tell clauses apart.
const ZH_STOPWORDS: &[&str] = &[
    "的", "了", "和", "与", "及", "以及", "在", "是", "等", "对", "为", "并", "其", "之", "中",
    "也", "而", "或", "把", "被", "于", "这", "那", "这些", "各", "从", "向", "我们", "着", "所",
    "以", "到", "将", "可", "就", "都", "还", "由", "给", "该", "此", "又", "已", "则", "但",
];

/// The tokens of one clause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClauseTokens {
    /// Content words: jieba words for Han text, stems for Latin text.
    pub words: Vec<String>,
    /// The word each entry of `words` was made from, lowercased (same length as `words`),
    /// so evidence can show "ensure" rather than the stem "ensur".
    pub surfaces: Vec<String>,
    /// Character n-grams: Han bigrams, Latin word trigrams, each packed in a [`Gram`].
    pub grams: Vec<Gram>,
    /// Every Latin word in order, stopwords included, with an empty entry where
    /// punctuation or Han text breaks the phrase: what multi-word terms are matched on.
    pub phrase: Vec<PhraseWord>,
    /// The runs of Han characters, what Chinese terms are matched in.
    pub han_runs: Vec<String>,
}

/// A Latin word of a clause, lowercased, and its stem; both empty at a phrase break.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseWord {
    /// The word, lowercased.
    pub word: String,
    /// Its Snowball stem.
    pub stem: String,
}

impl PhraseWord {
    /// Whether this entry marks a break between phrases.
    pub fn is_break(&self) -> bool {
        self.word.is_empty()
    }
}

/// Whether `word` (lowercased) is an English stopword, dropped from word bags.
pub(crate) fn is_en_stopword(word: &str) -> bool {
    EN_STOPWORDS.contains(&word)
}

/// Whether `word` is a Chinese function word, dropped from word bags.
pub(crate) fn is_zh_stopword(word: &str) -> bool {
    ZH_STOPWORDS.contains(&word)
}

pub(crate) fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Splits text into maximal runs of Han and non-Han characters.
fn script_runs(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let han = is_han(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_han(c) != han)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((han, run))
    })
}

impl ClauseTokens {
    /// Ends the current phrase, if one is open.
    fn break_phrase(&mut self) {
        if self.phrase.last().is_some_and(|w| !w.is_break()) {
            self.phrase.push(PhraseWord::default());
        }
    }
}

/// A character n-gram of one to three characters packed in 64 bits, 21 bits a character
/// from the low end; places past the gram's length hold all ones, which no character has.
/// Compact where a `String` per gram cost some 50 bytes and an allocation: the grams are
/// most of a clause's tokens.
pub type Gram = u64;

/// Bits a character takes in a [`Gram`].
const GRAM_CHAR_BITS: u32 = 21;
/// An empty place of a [`Gram`].
const GRAM_EMPTY: u64 = (1 << GRAM_CHAR_BITS) - 1;

/// Packs up to three characters into a [`Gram`] (further characters are ignored).
pub fn pack_gram(chars: &[char]) -> Gram {
    (0..3).fold(0, |gram, k| {
        let place = chars.get(k).map_or(GRAM_EMPTY, |&c| u64::from(c));
        gram | (place << (GRAM_CHAR_BITS * k as u32))
    })
}

/// The [`Gram`] of a short text (its first three characters), for tests.
#[cfg(test)]
pub fn gram_of(text: &str) -> Gram {
    pack_gram(&text.chars().take(3).collect::<Vec<_>>())
}

/// Tokens of one clause for scoring.
pub fn tokenize(text: &str) -> ClauseTokens {
    let mut tokens = ClauseTokens::default();
    for (han, run) in script_runs(text) {
        if han {
            for token in crate::dictionary::cut(run) {
                if !ZH_STOPWORDS.contains(&token.word) {
                    tokens.words.push(token.word.to_string());
                    tokens.surfaces.push(token.word.to_string());
                }
            }
            tokens.han_runs.push(run.to_string());
            tokens.break_phrase();
            let chars: Vec<char> = run.chars().collect();
            if chars.len() == 1 {
                tokens.grams.push(pack_gram(&chars));
            }
            tokens.grams.extend(chars.windows(2).map(pack_gram));
        } else {
            for piece in run.split_word_bounds() {
                // The pieces `unicode_words` would keep are those with a letter or digit.
                if !piece.chars().any(char::is_alphanumeric) {
                    // White space and hyphens continue a phrase; other punctuation breaks it.
                    if !piece.chars().all(|c| c.is_whitespace() || c == '-') {
                        tokens.break_phrase();
                    }
                    continue;
                }
                let lower = piece.to_lowercase();
                let stem = stemmer().stem(&lower).into_owned();
                if !EN_STOPWORDS.contains(&lower.as_str()) {
                    tokens.words.push(stem.clone());
                    tokens.surfaces.push(lower.clone());
                }
                tokens.phrase.push(PhraseWord {
                    word: lower.clone(),
                    stem,
                });
                let padded: Vec<char> = std::iter::once(' ')
                    .chain(lower.chars())
                    .chain(std::iter::once(' '))
                    .collect();
                tokens.grams.extend(padded.windows(3).map(pack_gram));
            }
        }
    }
    tokens
}

/// Tokens of many clauses, computed in parallel, in their order.
pub fn tokenize_all(texts: &[&str]) -> Vec<ClauseTokens> {
    use rayon::prelude::*;
    // The dictionary words of every Han run at once, before the threads need them.
    crate::dictionary::prepare(
        texts
            .iter()
            .flat_map(|t| script_runs(t).filter(|&(han, _)| han).map(|(_, run)| run)),
    );
    texts.par_iter().map(|t| tokenize(t)).collect()
}

/// Splits text into pieces that cover it exactly (every byte in one piece), for word-level
/// diffs: jieba words for Han runs, Unicode word boundaries elsewhere.
pub fn diff_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    for (han, run) in script_runs(text) {
        if han {
            pieces.extend(crate::dictionary::cut(run).into_iter().map(|t| t.word));
        } else {
            pieces.extend(run.split_word_bounds());
        }
    }
    pieces
}

/// Text folded for identity tests: full-width ASCII forms and the ideographic space folded
/// to their half-width forms, zero-width characters dropped, and white space collapsed: a
/// run of it is one space between two words of an alphabetic script ("now here" stays
/// two words, "1 000" stays apart from "10 00"), and nothing next to a Han character or
/// at either end, since Chinese writes no spaces between words and a line break inside a
/// Chinese paragraph is only layout.
pub fn fold_for_identity(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    // A white-space run seen since the last kept character, to be written (or not) once
    // the next one shows what it stands between.
    let mut pending_space = false;
    for c in text.chars() {
        let c = match c {
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        };
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space
            && let Some(before) = folded.chars().next_back()
            && !is_cjk(before)
            && !is_cjk(c)
        {
            folded.push(' ');
        }
        pending_space = false;
        folded.push(c);
    }
    folded
}

/// Han characters and CJK punctuation (。，、「」), beside which white space is layout.
fn is_cjk(c: char) -> bool {
    crate::text::is_han(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_collapses_white_space_between_words_and_drops_it_beside_han() {
        let f = fold_for_identity;
        assert_eq!(f("stored  nowhere\n outside"), "stored nowhere outside");
        assert_ne!(f("stored nowhere outside"), f("stored now here outside"));
        assert_ne!(f("1 000"), f("10 00"));
        assert_eq!(f("数据\n安全"), f("数据安全"));
        assert_eq!(f("AI 治理"), f("AI治理"));
        assert_eq!(f("  We will.\t"), "We will.");
        assert_eq!(f("ＡＩ\u{3000}safety"), "AI safety");
    }

    #[test]
    fn chinese_words_and_bigrams() {
        let t = tokenize("我们将加强合作");
        assert!(t.words.contains(&"加强".to_string()));
        assert!(t.words.contains(&"合作".to_string()));
        assert!(
            !t.words.contains(&"我们".to_string()),
            "stopword kept: {:?}",
            t.words
        );
        assert!(t.grams.contains(&gram_of("合作")));
        assert!(t.grams.contains(&gram_of("加强")));
    }

    #[test]
    fn english_words_are_stemmed_and_stopwords_dropped() {
        let t = tokenize("The Organizations shall ensure safety.");
        assert_eq!(t.words, ["organ", "shall", "ensur", "safeti"]);
        assert_eq!(t.surfaces, ["organizations", "shall", "ensure", "safety"]);
        assert!(t.grams.contains(&gram_of(" sa")));
    }

    #[test]
    fn phrases_break_at_punctuation_and_han_text_but_not_at_hyphens() {
        let t = tokenize("capacity-building, the Global South 中国 open source");
        let words: Vec<&str> = t.phrase.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(
            words,
            [
                "capacity", "building", "", "the", "global", "south", "", "open", "source"
            ]
        );
        assert_eq!(t.phrase[1].stem, "build");
        assert_eq!(t.han_runs, ["中国"]);
    }

    #[test]
    fn mixed_text_uses_both() {
        let t = tokenize("支持OECD principles");
        assert!(t.words.contains(&"支持".to_string()));
        assert!(t.words.contains(&"oecd".to_string()));
        assert!(t.words.contains(&"principl".to_string()));
    }

    #[test]
    fn diff_pieces_cover_the_text() {
        for text in ["我们将加强合作, and we shall act. 𦡦😀", "", "e\u{301} x"] {
            assert_eq!(diff_pieces(text).concat(), text);
        }
    }

    #[test]
    fn identity_folding() {
        assert_eq!(
            fold_for_identity("合作，共享 。"),
            fold_for_identity("合作,共享。")
        );
        assert_eq!(fold_for_identity("a\u{200B}b\u{3000}c"), "ab c");
        assert_eq!(fold_for_identity("合\u{200B}作\u{3000}共享"), "合作共享");
    }
}
