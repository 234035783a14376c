//! Word-level diffs of two clause texts, jieba words for Chinese, Unicode words elsewhere.
//!
//! [`word_diff`] is the one entry point; the diff and markdown renderers draw its result
//! with their own markup.

use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::tokenize::diff_pieces;

/// How long one clause diff may search before `similar` settles for an approximate (still
/// correct, but not minimal) edit script. Clauses are a sentence or a paragraph, which take
/// well under a millisecond; this only guards a pathological input (a whole document pasted
/// as one paragraph) from stalling a report.
const WORD_DIFF_TIMEOUT: Duration = Duration::from_millis(200);

/// Above this many pieces (both sides together) the clause is shown as wholly replaced
/// without diffing. Unlike the timeout this does not depend on the machine's speed, so the
/// output stays the same bytes everywhere; no real clause comes near it.
const MAX_DIFF_PIECES: usize = 20_000;

/// Above this many bytes (both sides together) the clause is shown as wholly replaced before
/// it is cut into pieces at all: cutting costs jieba's work on Han text and 16 bytes a piece,
/// which for a 14 MB run of Han characters with no sentence end came to half a gigabyte.
/// Ordinary text has a piece every 2–8 bytes, so a text this long would nearly always
/// exceed [`MAX_DIFF_PIECES`] too; no real clause comes near it either.
const MAX_DIFF_BYTES: usize = 256 * 1024;

/// A word-level change script: runs of equal, deleted and inserted text in reading order.
/// Equal and deleted runs concatenate to the old text, equal and inserted runs to the new;
/// adjacent runs never share a tag, and within a change the deletion comes first.
pub(crate) type WordDiff = Vec<(ChangeTag, String)>;

/// Diffs `old` against `new` word by word.
pub(crate) fn word_diff(old: &str, new: &str) -> WordDiff {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![(ChangeTag::Equal, old.to_string())]
        };
    }
    if old.len() + new.len() > MAX_DIFF_BYTES {
        return tidy([(ChangeTag::Delete, old), (ChangeTag::Insert, new)]);
    }
    let old_pieces = diff_pieces(old);
    let new_pieces = diff_pieces(new);
    if old_pieces.len() + new_pieces.len() > MAX_DIFF_PIECES {
        return tidy([(ChangeTag::Delete, old), (ChangeTag::Insert, new)]);
    }
    let diff = TextDiff::configure()
        // Patience anchors on words that occur once on each side, which keeps a reworded
        // clause from being matched up on scattered common words like "the" or "的".
        .algorithm(Algorithm::Patience)
        .timeout(WORD_DIFF_TIMEOUT)
        .diff_slices(&old_pieces, &new_pieces);
    tidy(diff.iter_all_changes().map(|c| (c.tag(), c.value())))
}

/// A stretch of the script: text both sides share, or a change.
enum Run {
    Equal(String),
    Change { deleted: String, inserted: String },
}

/// Merges pieces into runs and folds white space that separates two changes into them, so
/// `the quick brown` → `a slow red` reads as one replacement instead of three.
fn tidy<'t>(pieces: impl IntoIterator<Item = (ChangeTag, &'t str)>) -> WordDiff {
    let mut runs: Vec<Run> = Vec::new();
    for (tag, text) in pieces {
        if text.is_empty() {
            continue;
        }
        if tag == ChangeTag::Equal {
            match runs.last_mut() {
                Some(Run::Equal(equal)) => equal.push_str(text),
                _ => runs.push(Run::Equal(text.to_string())),
            }
            continue;
        }
        // A change: absorb a white-space-only equal run that separates it from the previous
        // change.
        let absorb = matches!(
            runs.as_slice(),
            [.., Run::Change { .. }, Run::Equal(gap)] if gap.chars().all(char::is_whitespace)
        );
        if absorb
            && let Some(Run::Equal(gap)) = runs.pop()
            && let Some(Run::Change { deleted, inserted }) = runs.last_mut()
        {
            deleted.push_str(&gap);
            inserted.push_str(&gap);
        }
        if !matches!(runs.last(), Some(Run::Change { .. })) {
            runs.push(Run::Change {
                deleted: String::new(),
                inserted: String::new(),
            });
        }
        if let Some(Run::Change { deleted, inserted }) = runs.last_mut() {
            match tag {
                ChangeTag::Delete => deleted.push_str(text),
                _ => inserted.push_str(text),
            }
        }
    }
    let mut script = Vec::with_capacity(runs.len() * 2);
    for run in runs {
        match run {
            Run::Equal(text) => script.push((ChangeTag::Equal, text)),
            Run::Change { deleted, inserted } => {
                if !deleted.is_empty() {
                    script.push((ChangeTag::Delete, deleted));
                }
                if !inserted.is_empty() {
                    script.push((ChangeTag::Insert, inserted));
                }
            }
        }
    }
    script
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChangeTag::{Delete, Equal, Insert};

    fn runs(expected: &[(ChangeTag, &str)]) -> WordDiff {
        expected
            .iter()
            .map(|&(tag, text)| (tag, text.to_string()))
            .collect()
    }

    fn side(diff: &WordDiff, skip: ChangeTag) -> String {
        diff.iter()
            .filter(|(tag, _)| *tag != skip)
            .map(|(_, text)| text.as_str())
            .collect()
    }

    #[test]
    fn chinese_changes_only_the_changed_word() {
        assert_eq!(
            word_diff("我们愿加强合作。", "我们将加强合作。"),
            runs(&[
                (Equal, "我们"),
                (Delete, "愿"),
                (Insert, "将"),
                (Equal, "加强合作。")
            ])
        );
    }

    #[test]
    fn english_word_changes() {
        assert_eq!(
            word_diff(
                "We will strengthen cooperation.",
                "We may strengthen international cooperation."
            ),
            runs(&[
                (Equal, "We "),
                (Delete, "will"),
                (Insert, "may"),
                (Equal, " strengthen "),
                (Insert, "international "),
                (Equal, "cooperation.")
            ])
        );
    }

    #[test]
    fn spaces_between_changes_join_them() {
        assert_eq!(
            word_diff("the quick brown fox", "a slow red fox"),
            runs(&[
                (Delete, "the quick brown"),
                (Insert, "a slow red"),
                (Equal, " fox")
            ])
        );
    }

    #[test]
    fn astral_emoji_and_combining_marks_stay_whole() {
        // 𦡦 is outside the Basic Multilingual Plane, 😀 is four bytes, e + U+0301 is one
        // grapheme; each must land in the run it belongs to, whole.
        assert_eq!(
            word_diff(
                "😀 We support résumé\u{301} 𦡦好",
                "😀 We endorse résumé\u{301} 𦡦好"
            ),
            runs(&[
                (Equal, "😀 We "),
                (Delete, "support"),
                (Insert, "endorse"),
                (Equal, " résumé\u{301} 𦡦好")
            ])
        );
        assert_eq!(
            word_diff("cafe\u{301} now", "cafe now"),
            runs(&[(Delete, "cafe\u{301}"), (Insert, "cafe"), (Equal, " now")])
        );
        assert_eq!(
            word_diff("我们𦡦合作", "我们😀合作"),
            runs(&[
                (Equal, "我们"),
                (Delete, "𦡦"),
                (Insert, "😀"),
                (Equal, "合作")
            ])
        );
    }

    #[test]
    fn empty_inputs() {
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("", "新"), runs(&[(Insert, "新")]));
        assert_eq!(word_diff("旧", ""), runs(&[(Delete, "旧")]));
        assert_eq!(word_diff("同", "同"), runs(&[(Equal, "同")]));
    }

    #[test]
    fn over_long_clauses_are_replaced_whole() {
        let old = "词 ".repeat(MAX_DIFF_PIECES);
        let new = format!("{old}新");
        assert_eq!(
            word_diff(&old, &new),
            [(Delete, old.clone()), (Insert, new.clone())]
        );
    }

    #[test]
    fn clauses_over_the_byte_cap_are_replaced_whole_before_cutting() {
        // Two pieces a side, far under the piece cap, but too long to cut.
        let old = format!("{} a", "x".repeat(MAX_DIFF_BYTES / 2));
        let new = format!("{} b", "x".repeat(MAX_DIFF_BYTES / 2));
        assert!(diff_pieces(&old).len() + diff_pieces(&new).len() < MAX_DIFF_PIECES);
        assert_eq!(
            word_diff(&old, &new),
            [(Delete, old.clone()), (Insert, new.clone())]
        );
    }

    proptest::proptest! {
        #[test]
        fn script_rebuilds_both_texts(old in "[a-c 我们将愿加强𦡦😀\u{301}，.]{0,24}",
                                      new in "[a-c 我们将愿加强𦡦😀\u{301}，.]{0,24}") {
            let diff = word_diff(&old, &new);
            proptest::prop_assert_eq!(side(&diff, Insert), old);
            proptest::prop_assert_eq!(side(&diff, Delete), new);
            for pair in diff.windows(2) {
                proptest::prop_assert_ne!(pair[0].0, pair[1].0);
                proptest::prop_assert!(!(pair[0].0 == Insert && pair[1].0 == Delete));
            }
        }
    }
}
