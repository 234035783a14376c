//! jieba's dictionary, loaded with only the words the texts at hand can use: the whole of it
//! takes about 90 ms to load, most of a short Chinese comparison.
//!
//! Why a partial dictionary cuts alike: jieba cuts a Han run along the most probable path
//! through the dictionary words that are substrings of the run, each weighing
//! `ln(freq) − ln(total)`, and sends runs of single characters that are not a dictionary
//! word to its HMM. Only the substrings of the run and the total are ever consulted. So a
//! dictionary holding every word that is a substring of the runs to cut, with its
//! frequency, and the same total (topped up by a filler word no Han run contains) cuts them
//! exactly as the full one; `tests` check it on every Chinese text of the corpus.
//!
//! The words are found in the dictionary jieba-rs embeds (vendored as `data/jieba/dict.txt`,
//! sorted by bytes), by binary search from every character of a run, longer and longer
//! while some word starts so: a few milliseconds per thousand characters, and nothing to
//! load first. Past [`FULL_LOAD_HAN_CHARS`] characters prepared, the whole dictionary is
//! loaded instead (cheaper than searching for more).

use std::sync::RwLock;

use jieba_rs::{Jieba, Token};
use rustc_hash::FxHashSet;

/// `word frequency tag` lines, sorted by bytes: jieba-rs 0.11's `src/data/dict.txt`.
static WORDS: &str = include_str!("../data/jieba/dict.txt");
/// The sum of the frequencies in [`WORDS`] (`tests` check it).
const TOTAL_FREQ: usize = 60_101_964;
/// Han characters searched word by word before loading the whole dictionary costs less:
/// searching and adding the words found takes ~3 µs a character, a full load ~90 ms
/// (measured here, release build: 45 ms for 20,000 characters, 115 ms for 36,000).
pub const FULL_LOAD_HAN_CHARS: usize = 30_000;
/// A word no Han run contains (a private-use character), whose frequency tops the total up.
const FILLER: &str = "\u{F8FF}";

/// The dictionary as loaded so far.
struct Segmenter {
    jieba: Jieba,
    /// Runs whose words are loaded.
    prepared: FxHashSet<Box<str>>,
    /// Han characters in `prepared`.
    prepared_chars: usize,
    /// Sum of the frequencies of the words loaded (the filler aside).
    loaded_freq: usize,
    /// The whole dictionary is loaded.
    full: bool,
}

impl Segmenter {
    fn new() -> Self {
        Segmenter {
            jieba: Jieba::empty(),
            prepared: FxHashSet::default(),
            prepared_chars: 0,
            loaded_freq: 0,
            full: false,
        }
    }

    /// Whether `run` can be cut as it is.
    fn covers(&self, run: &str) -> bool {
        self.full || self.prepared.contains(run)
    }

    /// Loads the words of the `runs` not covered yet, or the whole dictionary when that
    /// costs less.
    fn prepare(&mut self, runs: &[&str]) {
        let mut seen = FxHashSet::default();
        let runs: Vec<&str> = runs
            .iter()
            .copied()
            .filter(|r| !self.covers(r) && seen.insert(*r))
            .collect();
        if runs.is_empty() {
            return;
        }
        let chars: usize = runs.iter().map(|r| r.chars().count()).sum();
        if self.prepared_chars + chars > FULL_LOAD_HAN_CHARS {
            self.jieba = Jieba::new();
            self.full = true;
            self.prepared = FxHashSet::default();
            return;
        }
        for run in runs {
            words_in(run, |word, freq, tag| {
                if !self.jieba.has_word(word) {
                    self.jieba.add_word(word, Some(freq), Some(tag));
                    self.loaded_freq += freq;
                }
            });
            self.prepared_chars += run.chars().count();
            self.prepared.insert(run.into());
        }
        let filler = TOTAL_FREQ.saturating_sub(self.loaded_freq);
        self.jieba.add_word(FILLER, Some(filler), None);
    }
}

/// The process's dictionary: it only grows, so a run covered stays covered.
static SEGMENTER: RwLock<Option<Segmenter>> = RwLock::new(None);

/// Cuts a run of Han characters with jieba (HMM on), as `Jieba::new().cut(run, true)`
/// would.
pub fn cut(run: &str) -> Vec<Token<'_>> {
    prepare(std::iter::once(run));
    let guard = SEGMENTER
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    guard.as_ref().expect("prepared above").jieba.cut(run, true)
}

/// Loads the words that `runs` (runs of Han characters) can be cut into, once per run.
pub fn prepare<'a>(runs: impl Iterator<Item = &'a str>) {
    let runs: Vec<&str> = {
        let guard = SEGMENTER
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match guard.as_ref() {
            Some(s) => runs.filter(|r| !s.covers(r)).collect(),
            None => runs.collect(),
        }
    };
    if runs.is_empty() {
        return;
    }
    SEGMENTER
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get_or_insert_with(Segmenter::new)
        .prepare(&runs);
}

/// Calls `found(word, frequency, tag)` for every dictionary word that is a substring of
/// `run` (a word found at several places, several times).
fn words_in(run: &str, mut found: impl FnMut(&str, usize, &str)) {
    // The lines of each first character, found once.
    let mut first: rustc_hash::FxHashMap<char, (usize, usize)> = Default::default();
    let mut key: Vec<u8> = Vec::new();
    for (start, c) in run.char_indices() {
        let rest = &run[start..];
        let (mut lo, hi) = *first.entry(c).or_insert_with(|| {
            prefix_range(&rest.as_bytes()[..c.len_utf8()], 0, WORDS.len(), &mut key)
        });
        for (k, c) in rest.char_indices() {
            let prefix = &rest[..k + c.len_utf8()];
            if k > 0 {
                // Words starting with the longer prefix follow those with the shorter one;
                // the first-character range still bounds them.
                lo = lower_bound(prefix.as_bytes(), lo, hi);
            }
            let line = WORDS[lo..hi].lines().next().unwrap_or("");
            let mut fields = line.split(' ');
            let word = fields.next().unwrap_or("");
            if !word.starts_with(prefix) {
                break;
            }
            if word == prefix {
                let freq = fields.next().and_then(|f| f.parse().ok()).unwrap_or(0);
                found(prefix, freq, fields.next().unwrap_or(""));
            }
        }
    }
}

/// The byte range, within the line starts `lo..hi` of [`WORDS`], of the lines whose word
/// starts with `prefix` (empty when none does); `key` is scratch.
fn prefix_range(prefix: &[u8], lo: usize, hi: usize, key: &mut Vec<u8>) -> (usize, usize) {
    let start = lower_bound(prefix, lo, hi);
    // 0xFF never occurs in UTF-8: `prefix` + 0xFF sorts after every word starting so.
    key.clear();
    key.extend_from_slice(prefix);
    key.push(0xFF);
    (start, lower_bound(key, start, hi))
}

/// Byte offset in [`WORDS`], within the line starts `from..to` (`to` a line start or the
/// end), of the first line whose word is not less than `key`; `to` when there is none.
fn lower_bound(key: &[u8], from: usize, to: usize) -> usize {
    let bytes = WORDS.as_bytes();
    let line_start = |at: usize| -> usize {
        bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |nl| nl + 1)
    };
    let word_at = |start: usize| -> &[u8] {
        let line = &bytes[start..];
        let end = line.iter().position(|&b| b == b' ' || b == b'\n');
        &line[..end.unwrap_or(line.len())]
    };
    // Invariant: every line starting before `lo` has a word < key; the line starting at
    // `hi` (or the end) has a word >= key.
    let (mut lo, mut hi) = (from, to);
    while lo < hi {
        let start = line_start((lo + hi) / 2).max(lo);
        if word_at(start) < key {
            lo = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |nl| start + nl + 1);
        } else if start == lo {
            return lo;
        } else {
            hi = start;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_list_is_sorted_and_sums_to_the_total() {
        let mut total = 0;
        let mut previous = "";
        for line in WORDS.lines() {
            let mut fields = line.split(' ');
            let word = fields.next().expect("a word");
            assert!(previous < word, "{previous} / {word}");
            total += fields
                .next()
                .and_then(|f| f.parse::<usize>().ok())
                .expect("a frequency");
            previous = word;
        }
        assert_eq!(total, TOTAL_FREQ);
    }

    #[test]
    fn finds_every_word_of_a_run() {
        let mut words = Vec::new();
        words_in("人工智能", |w, freq, _| {
            words.push((w.to_string(), freq > 0));
        });
        let words: Vec<&str> = words.iter().map(|(w, _)| w.as_str()).collect();
        for expected in ["人", "人工", "人工智能", "工", "智能", "能"] {
            assert!(
                words.contains(&expected),
                "{expected} missing from {words:?}"
            );
        }
        assert_eq!(lower_bound(b"", 0, WORDS.len()), 0);
        assert_eq!(lower_bound(&[0xFF], 0, WORDS.len()), WORDS.len());
        let (lo, hi) = prefix_range("人工".as_bytes(), 0, WORDS.len(), &mut Vec::new());
        assert!(WORDS[lo..hi].lines().all(|line| line.starts_with("人工")));
        assert!(WORDS[lo..hi].lines().count() > 10);
    }

    /// The partial dictionary cuts every Chinese text of `dir` as the whole one does (one
    /// text at a time, so it stays partial); there are at least `least` of them.
    fn assert_cuts_as_the_full_dictionary(dir: &std::path::Path, least: usize) {
        let full = Jieba::new();
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("an entry").path())
            .collect();
        paths.retain(|p| p.to_string_lossy().contains(".zh"));
        paths.sort();
        assert!(paths.len() >= least, "{paths:?}");
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("readable");
            let runs: Vec<&str> = text
                .split(|c: char| !crate::text::is_han(c))
                .filter(|r| !r.is_empty())
                .collect();
            let mut partial = Segmenter::new();
            partial.prepare(&runs);
            assert!(!partial.full, "{}", path.display());
            for run in runs {
                let ours: Vec<&str> = partial
                    .jieba
                    .cut(run, true)
                    .iter()
                    .map(|t| t.word)
                    .collect();
                let theirs: Vec<&str> = full.cut(run, true).iter().map(|t| t.word).collect();
                assert_eq!(ours, theirs, "{}: {run}", path.display());
            }
        }
    }

    #[test]
    fn cuts_the_samples_as_the_full_dictionary_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_cuts_as_the_full_dictionary(&root.join("samples"), 2);
    }

    #[test]
    #[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
    fn cuts_the_corpus_as_the_full_dictionary_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_cuts_as_the_full_dictionary(&root.join("../shared/corpus"), 4);
    }

    #[test]
    fn the_process_dictionary_grows_as_texts_come() {
        let words: Vec<&str> = cut("人工智能治理").iter().map(|t| t.word).collect();
        assert_eq!(words.concat(), "人工智能治理");
        let guard = SEGMENTER.read().expect("not poisoned");
        let segmenter = guard.as_ref().expect("prepared");
        assert!(segmenter.covers("人工智能治理"));
    }
}
