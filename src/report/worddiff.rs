//! Word-level diffs of two clause texts, jieba words for Chinese, Unicode words elsewhere.
