//! A policy-domain concept lexicon: terms that name the same commitment in other words
//! ("developing countries", "Global South", 发展中国家, 全球南方) map to one concept, and a
//! clause that uses any of them gets the concept as an extra word token (`#developing-countries`).
//! Two clauses that say the same thing in different words, or in different languages, then
//! share a word. The lexicon is `data/concepts.tsv`, embedded in the binary; start with
//! [`concept_tokens`].

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use crate::tokenize::{ClauseTokens, PhraseWord};

/// The lexicon shipped with declcmp.
const LEXICON_TSV: &str = include_str!("../../data/concepts.tsv");

/// What marks a concept token among the words of a clause (no word can start with it: words
/// are made of letters and digits).
pub const CONCEPT_PREFIX: char = '#';

/// One concept and the terms that name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// Identifier, shown as evidence (`capacity-building`).
    pub id: String,
    /// English terms as sequences of words to match.
    pub en: Vec<Vec<TermWord>>,
    /// Chinese terms.
    pub zh: Vec<String>,
    /// Why a language has no term, when it has none.
    pub note: Option<String>,
}

/// A concept lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// The concepts, in file order.
    pub concepts: Vec<Concept>,
    /// Where terms are looked up: English terms by their first word, Chinese ones in one
    /// automaton, so a clause is read once rather than once per term.
    index: TermIndex,
}

/// A malformed lexicon line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("concept lexicon line {line}: {message}")]
pub struct LexiconError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// One word of an English term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermWord {
    /// Any word with this stem.
    Stem(String),
    /// Exactly this word (lowercased), for words whose stem an unrelated word shares.
    Exact(String),
}

impl TermWord {
    fn matches(&self, word: &PhraseWord) -> bool {
        match self {
            TermWord::Stem(stem) => *stem == word.stem,
            TermWord::Exact(exact) => *exact == word.word,
        }
    }
}

impl std::fmt::Display for TermWord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TermWord::Stem(stem) => write!(f, "{stem}"),
            TermWord::Exact(word) => write!(f, "={word}"),
        }
    }
}

/// The words of an English term: stems, or exact words where written `=word`.
fn term_words(term: &str) -> Vec<TermWord> {
    let stemmer = crate::tokenize::stemmer();
    let mut words = Vec::new();
    for chunk in term.split_whitespace() {
        let (exact, chunk) = match chunk.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, chunk),
        };
        for word in chunk.unicode_words() {
            let lower = word.to_lowercase();
            words.push(if exact {
                TermWord::Exact(lower)
            } else {
                TermWord::Stem(stemmer.stem(&lower).into_owned())
            });
        }
    }
    words
}

impl Lexicon {
    /// Parses the tab-separated lexicon format described at the top of `data/concepts.tsv`.
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut concepts: Vec<Concept> = Vec::new();
        for (k, line) in text.lines().enumerate() {
            let fail = |message: String| LexiconError {
                line: k + 1,
                message,
            };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').collect();
            if !(3..=4).contains(&columns.len()) {
                return Err(fail(format!(
                    "{} tab-separated columns, expected id, English, Chinese and an optional note",
                    columns.len()
                )));
            }
            let id = columns[0].trim();
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                return Err(fail(format!(
                    "concept id {id:?} is not lowercase ASCII letters, digits and '-'"
                )));
            }
            if concepts.iter().any(|c| c.id == id) {
                return Err(fail(format!("concept {id} is defined twice")));
            }
            let terms = |column: &str| -> Vec<String> {
                column
                    .split(';')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let mut en: Vec<Vec<TermWord>> = Vec::new();
            for term in terms(columns[1]) {
                let words = term_words(&term);
                if words.is_empty() {
                    return Err(fail(format!("English term {term:?} has no word")));
                }
                if !en.contains(&words) {
                    en.push(words);
                }
            }
            let zh = terms(columns[2]);
            if let Some(term) = zh.iter().find(|t| !t.chars().all(crate::text::is_han)) {
                return Err(fail(format!(
                    "Chinese term {term:?} is not all Han characters"
                )));
            }
            let note = columns
                .get(3)
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty());
            if (en.is_empty() || zh.is_empty()) && note.is_none() {
                return Err(fail(format!(
                    "concept {id} has no {} term and no note saying why",
                    if en.is_empty() { "English" } else { "Chinese" }
                )));
            }
            if en.is_empty() && zh.is_empty() {
                return Err(fail(format!("concept {id} has no term")));
            }
            concepts.push(Concept {
                id: id.to_string(),
                en,
                zh,
                note,
            });
        }
        let index = TermIndex::new(&concepts);
        Ok(Lexicon { concepts, index })
    }

    /// The concepts a clause names, once per mention, in order of first mention. Where
    /// terms overlap the longest wins, so each word or character counts towards at most
    /// one concept.
    pub fn concepts_in(&self, tokens: &ClauseTokens) -> Vec<&Concept> {
        // (start, length, concept), positions in stems or in characters of a Han run.
        let mut found: Vec<&Concept> = Vec::new();
        let mut take = |mut spans: Vec<(usize, usize, usize)>| {
            spans.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)).then(x.2.cmp(&y.2)));
            // Taken spans by start: they never overlap, so a span overlaps one of them
            // exactly when it overlaps the one starting last before its end. One lookup per
            // span keeps a clause of a megabyte of terms at n log n, not n².
            let mut taken: std::collections::BTreeMap<usize, (usize, usize)> = Default::default();
            for (start, len, concept) in spans {
                let end = start + len;
                let clear = taken
                    .range(..end)
                    .next_back()
                    .is_none_or(|(&t_start, &(t_len, _))| t_start + t_len <= start);
                if clear {
                    taken.insert(start, (len, concept));
                }
            }
            found.extend(taken.into_values().map(|(_, c)| &self.concepts[c]));
        };
        let phrase = &tokens.phrase;
        let mut spans = Vec::new();
        for (start, word) in phrase.iter().enumerate() {
            let by_stem = self.index.en_by_stem.get(word.stem.as_str());
            let by_word = self.index.en_by_word.get(word.word.as_str());
            for &(c, t) in by_stem.into_iter().chain(by_word).flatten() {
                let term = &self.concepts[c].en[t];
                let window = phrase.get(start..start + term.len());
                if window.is_some_and(|w| term.iter().zip(w).all(|(t, w)| t.matches(w))) {
                    spans.push((start, term.len(), c));
                }
            }
        }
        take(spans);
        for run in &tokens.han_runs {
            // Byte positions and lengths: every term is Han, three bytes a character, so
            // the longest in bytes is the longest in characters.
            let spans = self
                .index
                .zh
                .find_overlapping_iter(run.as_str())
                .map(|m| {
                    let c = self.index.zh_concepts[m.pattern().as_usize()];
                    (m.start(), m.len(), c)
                })
                .collect();
            take(spans);
        }
        found
    }
}

/// The lexicon's terms arranged for lookup (see [`Lexicon::concepts_in`]).
#[derive(Debug, Clone)]
struct TermIndex {
    /// (concept, term) of each English term, by the stem of its first word, or by the word
    /// itself for a term that starts with an exact word.
    en_by_stem: rustc_hash::FxHashMap<String, Vec<(usize, usize)>>,
    en_by_word: rustc_hash::FxHashMap<String, Vec<(usize, usize)>>,
    /// Every Chinese term, overlapping matches reported, and the concept of each pattern.
    zh: aho_corasick::AhoCorasick,
    zh_concepts: Vec<usize>,
}

impl TermIndex {
    fn new(concepts: &[Concept]) -> TermIndex {
        let mut en_by_stem: rustc_hash::FxHashMap<String, Vec<(usize, usize)>> = Default::default();
        let mut en_by_word: rustc_hash::FxHashMap<String, Vec<(usize, usize)>> = Default::default();
        let (mut patterns, mut zh_concepts) = (Vec::new(), Vec::new());
        for (c, concept) in concepts.iter().enumerate() {
            for (t, term) in concept.en.iter().enumerate() {
                let (map, key) = match &term[0] {
                    TermWord::Stem(stem) => (&mut en_by_stem, stem),
                    TermWord::Exact(word) => (&mut en_by_word, word),
                };
                map.entry(key.clone()).or_default().push((c, t));
            }
            for term in &concept.zh {
                patterns.push(term.as_str());
                zh_concepts.push(c);
            }
        }
        // Terms are Han characters only (checked when parsed), so the automaton is small.
        let zh = aho_corasick::AhoCorasick::new(&patterns)
            .unwrap_or_else(|e| panic!("Chinese concept terms: {e}"));
        TermIndex {
            en_by_stem,
            en_by_word,
            zh,
            zh_concepts,
        }
    }
}

/// The lexicon shipped with declcmp (`data/concepts.tsv`), parsed once.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // The embedded file is checked by a unit test, so this cannot fail in a build
        // that passed its tests.
        Lexicon::parse(LEXICON_TSV).unwrap_or_else(|e| panic!("data/concepts.tsv: {e}"))
    })
}

/// Concept tokens (`#capacity-building`) of a clause, one per mention.
pub fn concept_tokens(tokens: &ClauseTokens) -> Vec<String> {
    lexicon()
        .concepts_in(tokens)
        .into_iter()
        .map(|c| format!("{CONCEPT_PREFIX}{}", c.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn ids(text: &str) -> Vec<String> {
        lexicon()
            .concepts_in(&tokenize(text))
            .into_iter()
            .map(|c| c.id.clone())
            .collect()
    }

    #[test]
    fn shipped_lexicon_is_well_formed() {
        let lexicon = Lexicon::parse(LEXICON_TSV).expect("data/concepts.tsv parses");
        assert!(
            (60..=150).contains(&lexicon.concepts.len()),
            "{} concepts",
            lexicon.concepts.len()
        );
        for concept in &lexicon.concepts {
            assert!(
                (!concept.en.is_empty() && !concept.zh.is_empty()) || concept.note.is_some(),
                "{} lacks a language and says not why",
                concept.id
            );
        }
    }

    #[test]
    fn no_term_names_two_concepts() {
        let lexicon = lexicon();
        let mut seen: std::collections::HashMap<String, &str> = Default::default();
        for concept in &lexicon.concepts {
            let terms = concept.en.iter().map(|t| {
                let words: Vec<String> = t.iter().map(ToString::to_string).collect();
                words.join(" ")
            });
            for term in terms.chain(concept.zh.iter().cloned()) {
                if let Some(other) = seen.insert(term.clone(), &concept.id)
                    && other != concept.id
                {
                    panic!("{term:?} names both {other} and {}", concept.id);
                }
            }
        }
    }

    #[test]
    fn malformed_lines_are_reported_with_their_number() {
        let err = Lexicon::parse("# comment\nprivacy\tprivacy\n").unwrap_err();
        assert_eq!(err.line, 2);
        let err = Lexicon::parse("a\tx\t隐私\nb\t\t数据\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("no English term"), "{err}");
        assert!(Lexicon::parse("b\t\t数据\tno English word for it in the corpus\n").is_ok());
        let err = Lexicon::parse("a\tx\t隐私\na\ty\t数据\n").unwrap_err();
        assert!(err.message.contains("twice"), "{err}");
        let err = Lexicon::parse("A b\tx\t隐私\n").unwrap_err();
        assert!(err.message.contains("id"), "{err}");
        let err = Lexicon::parse("a\tx\tprivacy\n").unwrap_err();
        assert!(err.message.contains("Han"), "{err}");
    }

    #[test]
    fn english_terms_match_on_stems_across_inflection() {
        assert_eq!(
            ids("We help the developing countries in capacity-building."),
            ["developing-countries", "capacity-building"]
        );
        assert_eq!(ids("Building capacity in the Global South"), {
            ["capacity-building", "developing-countries"]
        });
    }

    #[test]
    fn exact_words_keep_unrelated_words_with_the_same_stem_out() {
        assert_eq!(ids("AI governance"), ["governance"]);
        assert!(ids("governments should act").is_empty());
        assert!(ids("taking into account").is_empty());
        assert_eq!(ids("they are accountable"), ["accountability"]);
    }

    #[test]
    fn english_phrases_do_not_match_across_punctuation() {
        assert!(!ids("data. Security matters").contains(&"data-security".to_string()));
        assert!(ids("data security matters").contains(&"data-security".to_string()));
    }

    #[test]
    fn chinese_terms_match_inside_words() {
        assert_eq!(
            ids("共同培育公众人工智能素养，推广人工智能科普"),
            ["literacy", "literacy"]
        );
        assert_eq!(ids("助力全球南方真正接触到人工智能"), {
            ["developing-countries", "access"]
        });
    }

    #[test]
    fn the_longest_overlapping_term_wins() {
        assert_eq!(ids("保护生物多样性"), ["biodiversity"]);
        assert_eq!(ids("维护个人隐私和数据安全"), ["privacy", "data-security"]);
        assert_eq!(ids("protect biological diversity"), ["biodiversity"]);
    }

    #[test]
    fn the_same_commitment_in_both_languages_shares_concepts() {
        let zh = ids("维护个人隐私和数据安全");
        let en = ids("protect privacy and ensure data security");
        assert_eq!(zh, en);
    }
}
