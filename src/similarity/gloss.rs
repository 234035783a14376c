//! The bridge between a Chinese clause and an English one beyond the concept lexicon: each
//! Chinese word becomes weighted English stems, so the word TF-IDF cosine can compare the
//! two sides as if both were English. Start with [`gloss_bag`].
//!
//! Where a word's English comes from, first match wins:
//! 1. the concept lexicon ([`super::concepts`]): a word inside a concept term the clause
//!    names takes the concept (its token is in the bag already) and the stems of the
//!    concept's first English term;
//! 2. `data/policy-glosses.tsv`: senses that fit policy text, written for declcmp (包容
//!    "inclusive", not CC-CEDICT's first sense "pardon"), for words and for up to
//!    [`MAX_JOINED_WORDS`] words jieba cuts apart (数字 + 鸿沟);
//! 3. `data/cedict/glosses.tsv`, derived from CC-CEDICT (CC BY-SA 4.0, MDBG; see its
//!    `README.md`), over all senses, weighed by rank.
//!
//! Only a comparison of a Chinese text with an English one reads them: the small policy
//! table is parsed on first use ([`OnceLock`]), the CC-CEDICT one is never loaded but
//! searched in place (binary search over its sorted lines), and the senses of a word are
//! stemmed when it is first looked up.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::tokenize::ClauseTokens;
use crate::tuning::{GLOSS_SENSE_DECAY, GLOSS_SINGLE_CHAR_WEIGHT};

/// `headword TAB sense|sense…` lines from CC-CEDICT (`scripts/build_gloss_table.py`).
static CEDICT_GLOSSES: &str = include_str!("../../data/cedict/glosses.tsv");
/// The same format, written for declcmp, `#` comments allowed.
static POLICY_GLOSSES: &str = include_str!("../../data/policy-glosses.tsv");

/// Jieba words read together when looking a term up in the policy table (数字鸿沟 is cut
/// 数字 + 鸿沟): the longest of its terms is three words.
pub const MAX_JOINED_WORDS: usize = 3;

/// The policy table, senses unparsed until a word is looked up. (The CC-CEDICT table is
/// not loaded at all: [`cedict_senses`] searches the sorted text.)
struct Tables {
    policy: FxHashMap<&'static str, &'static str>,
}

/// The senses of `word` in the CC-CEDICT table, by binary search over its lines (sorted by
/// bytes): a lookup reads a few dozen lines, where building a map of its 77,000 took
/// 20–50 ms, most of a short comparison.
fn cedict_senses(word: &str) -> Option<&'static str> {
    let text = CEDICT_GLOSSES.as_bytes();
    let (mut lo, mut hi) = (0, text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = text[..mid]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |k| k + 1);
        let end = text[mid..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(text.len(), |k| mid + k);
        let line = &CEDICT_GLOSSES[start..end];
        let (head, senses) = line.split_once('\t').unwrap_or((line, ""));
        match head.as_bytes().cmp(word.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(senses),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

fn parse(text: &'static str) -> FxHashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(head, senses)| (head.trim(), senses.trim()))
        .collect()
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        policy: parse(POLICY_GLOSSES),
    })
}

/// The weighted English stems of one sense list: sense `r` (0-based) weighs
/// `GLOSS_SENSE_DECAY^r`, the weights of a word's senses sum to 1, each stem of a sense
/// takes the sense's weight, and a stem in several senses their sum, up to 1.
fn sense_stems(senses: &str) -> Vec<(String, f64)> {
    let stemmer = crate::tokenize::stemmer();
    let senses: Vec<Vec<String>> = senses
        .split('|')
        .map(|sense| {
            sense
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .filter(|w| !crate::tokenize::is_en_stopword(w))
                .map(|w| stemmer.stem(&w).into_owned())
                .collect()
        })
        .filter(|s: &Vec<String>| !s.is_empty())
        .collect();
    let total: f64 = (0..senses.len())
        .map(|r| GLOSS_SENSE_DECAY.powi(r as i32))
        .sum();
    let mut stems: Vec<(String, f64)> = Vec::new();
    for (r, sense) in senses.into_iter().enumerate() {
        let weight = GLOSS_SENSE_DECAY.powi(r as i32) / total;
        for stem in sense {
            match stems.iter_mut().find(|(s, _)| *s == stem) {
                Some(entry) => entry.1 = (entry.1 + weight).min(1.0),
                None => stems.push((stem, weight)),
            }
        }
    }
    stems
}

/// One English stem a Chinese clause is glossed with: its weight (a term frequency) and
/// the Chinese word it came from most.
#[derive(Debug, Clone, PartialEq)]
pub struct GlossTerm {
    /// Snowball stem, as the English side's words are.
    pub stem: String,
    /// Summed weight over the clause's words.
    pub weight: f64,
    /// The Chinese word (or joined words, or concept term) that gave it the most weight.
    pub source: String,
}

/// Memo of looked-up words: stemming every sense of every word of a long text again for
/// each of its clauses would cost more than the comparison.
#[derive(Default)]
pub struct GlossCache {
    words: FxHashMap<String, Option<Stems>>,
}

/// A word's weighted English stems, shared between the clauses that use it.
type Stems = std::sync::Arc<Vec<(String, f64)>>;

impl GlossCache {
    fn policy(&mut self, term: &str) -> Option<Stems> {
        let key = format!("p:{term}");
        if let Some(hit) = self.words.get(&key) {
            return hit.clone();
        }
        let found = tables()
            .policy
            .get(term)
            .map(|s| std::sync::Arc::new(sense_stems(s)));
        self.words.insert(key, found.clone());
        found
    }

    fn cedict(&mut self, word: &str) -> Option<Stems> {
        if let Some(hit) = self.words.get(word) {
            return hit.clone();
        }
        let found = cedict_senses(word).map(|s| {
            let weight = if word.chars().count() == 1 {
                GLOSS_SINGLE_CHAR_WEIGHT
            } else {
                1.0
            };
            let stems = sense_stems(s)
                .into_iter()
                .map(|(stem, w)| (stem, w * weight))
                .collect();
            std::sync::Arc::new(stems)
        });
        self.words.insert(word.to_string(), found.clone());
        found
    }
}

/// What a Chinese clause says in English.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Gloss {
    /// Weighted English stems, sorted by stem.
    pub terms: Vec<GlossTerm>,
    /// The concept tokens the clause names (`#capacity-building`), each with the Chinese
    /// term that names it there, so evidence can pair it with the English side's words.
    pub concepts: Vec<(String, String)>,
}

/// The English a Chinese clause says: see the module docs for where each word's English
/// comes from. Latin words of the clause and its concept tokens are the caller's: they
/// are in its word bag already.
pub fn gloss_bag(tokens: &ClauseTokens, cache: &mut GlossCache) -> Gloss {
    let mut concepts: Vec<(String, String)> = Vec::new();
    let mut terms: FxHashMap<String, (f64, String, f64)> = FxHashMap::default();
    let mut add = |stem: &str, weight: f64, source: &str| {
        let entry = terms
            .entry(stem.to_string())
            .or_insert((0.0, String::new(), 0.0));
        entry.0 += weight;
        if weight > entry.2 {
            entry.1 = source.to_string();
            entry.2 = weight;
        }
    };
    // 1. Concepts: the terms found, so the words inside them are not glossed again.
    let lexicon = super::concepts::lexicon();
    let mut concept_terms: Vec<&str> = Vec::new();
    for concept in lexicon.concepts_in(tokens) {
        let found: Vec<&str> = concept
            .zh
            .iter()
            .filter(|t| tokens.han_runs.iter().any(|r| r.contains(t.as_str())))
            .map(String::as_str)
            .collect();
        if found.is_empty() {
            continue;
        }
        concept_terms.extend(&found);
        concepts.push((
            format!("{}{}", super::concepts::CONCEPT_PREFIX, concept.id),
            found[0].to_string(),
        ));
        if let Some(first) = concept.en.first() {
            let stemmer = crate::tokenize::stemmer();
            for word in first {
                let stem = match word {
                    super::concepts::TermWord::Stem(stem) => stem.clone(),
                    super::concepts::TermWord::Exact(w) => stemmer.stem(w).into_owned(),
                };
                add(&stem, 1.0, found[0]);
            }
        }
    }
    let covered = |w: &str| concept_terms.iter().any(|t| t.contains(w) || w.contains(t));
    // 2 and 3: the Han words in order (Latin stems are not Han and are skipped).
    let han: Vec<&str> = tokens
        .words
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().next().is_some_and(crate::text::is_han))
        .collect();
    let mut k = 0;
    while k < han.len() {
        let mut step = 1;
        let mut glossed = false;
        for n in (1..=MAX_JOINED_WORDS.min(han.len() - k)).rev() {
            let joined: String = han[k..k + n].concat();
            if n == 1 && covered(&joined) {
                glossed = true;
                break;
            }
            if let Some(stems) = cache.policy(&joined) {
                for (stem, w) in stems.iter() {
                    add(stem, *w, &joined);
                }
                step = n;
                glossed = true;
                break;
            }
        }
        if !glossed
            && !crate::tokenize::is_zh_stopword(han[k])
            && !is_numeral(han[k])
            && let Some(stems) = cache.cedict(han[k])
        {
            for (stem, w) in stems.iter() {
                add(stem, *w, han[k]);
            }
        }
        k += step;
    }
    let mut out: Vec<GlossTerm> = terms
        .into_iter()
        .map(|(stem, (weight, source, _))| GlossTerm {
            stem,
            weight,
            source,
        })
        .collect();
    out.sort_by(|x, y| x.stem.cmp(&y.stem));
    Gloss {
        terms: out,
        concepts,
    }
}

/// Whether a word is a Chinese numeral (the 三 of an item number （三）): a number says
/// nothing of what a clause commits to, and "three" would pair item numbers.
fn is_numeral(word: &str) -> bool {
    word.chars()
        .all(|c| "〇零一二三四五六七八九十百千万亿两".contains(c))
}

/// Whether one document is mostly Chinese and the other mostly English (by the scripts of
/// their clauses), the case the glosses are for.
pub fn across_languages(a: &[u8], b: &[u8]) -> bool {
    (mostly_han(a) && mostly_latin(b)) || (mostly_latin(a) && mostly_han(b))
}

/// Whether a document is mostly Chinese: most of its clauses hold Han characters.
pub fn mostly_han(scripts: &[u8]) -> bool {
    let han = scripts.iter().filter(|&&s| s & super::HAN != 0).count();
    han * 2 > scripts.len()
}

/// Whether a document is mostly in another script (English): most clauses hold letters and
/// no Han character.
pub fn mostly_latin(scripts: &[u8]) -> bool {
    let latin = scripts
        .iter()
        .filter(|&&s| s & super::HAN == 0 && s & super::OTHER_LETTERS != 0)
        .count();
    latin * 2 > scripts.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn stems(text: &str) -> Vec<String> {
        gloss_bag(&tokenize(text), &mut GlossCache::default())
            .terms
            .into_iter()
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn every_table_line_has_a_headword_and_senses() {
        for (name, text) in [("cedict", CEDICT_GLOSSES), ("policy", POLICY_GLOSSES)] {
            for (k, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let (head, senses) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{name} line {}: no tab", k + 1));
                assert!(
                    head.chars().all(crate::text::is_han),
                    "{name} line {}",
                    k + 1
                );
                assert!(!sense_stems(senses).is_empty(), "{name} line {}", k + 1);
            }
        }
    }

    #[test]
    fn the_cedict_table_is_sorted_by_bytes_and_searchable() {
        let heads: Vec<&str> = CEDICT_GLOSSES
            .lines()
            .map(|l| l.split_once('\t').expect("a tab").0)
            .collect();
        assert!(heads.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        for head in heads
            .iter()
            .step_by(97)
            .chain([&heads[0], &heads[heads.len() - 1]])
        {
            assert!(cedict_senses(head).is_some(), "{head}");
        }
        assert_eq!(cedict_senses("不是一个词的字符串"), None);
    }

    #[test]
    fn policy_senses_replace_misleading_first_senses() {
        let s = stems("我们坚持包容。");
        assert!(s.contains(&"inclus".to_string()), "{s:?}");
        assert!(!s.contains(&"pardon".to_string()), "{s:?}");
    }

    #[test]
    fn words_jieba_cuts_apart_are_read_together() {
        let s = stems("弥合数字鸿沟。");
        assert!(s.contains(&"divid".to_string()), "{s:?}");
    }

    #[test]
    fn cedict_glosses_words_the_other_tables_lack() {
        let s = stems("保护濒危物种。");
        assert!(s.contains(&"endang".to_string()), "{s:?}");
    }

    #[test]
    fn a_concept_term_gives_its_english_not_cedict_senses() {
        let gloss = gloss_bag(&tokenize("加强能力建设。"), &mut GlossCache::default());
        assert!(
            gloss
                .concepts
                .contains(&("#capacity-building".to_string(), "能力建设".to_string()))
        );
        let bag = gloss.terms;
        let capacity = bag.iter().find(|t| t.stem == "capac").expect("capacity");
        assert_eq!(capacity.source, "能力建设");
        assert!(!bag.iter().any(|t| t.stem == "abil"), "{bag:?}");
    }
}
