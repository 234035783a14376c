//! Scaled document pairs with a known edit list, built deterministically from the
//! declarations in `../shared/corpus`, and the two workloads the `scale` bench compares
//! ([`floor`] and [`full`]); shared by the bench, the `gen_scaled` and `scale_ratio`
//! examples and `tests/scale.rs`.
//!
//! Sentences come from a Markov chain trained on the corpus texts of one language (English:
//! words, order 1; Chinese: characters, order 2), so a document of any length reads like the
//! corpus (its vocabulary, sentence lengths and boilerplate) without repeating a sentence
//! verbatim the way concatenated copies would: a repeated sentence would make the true
//! partner of an edited clause ambiguous at scale and not at small size. B is A with edits
//! drawn per sentence at fixed rates ([`EDIT_RATES`]), so a pair of 100 sentences and one of
//! 10,000 carry the same mix, and the gold (the `../shared/bench` format that `score.py`
//! reads) lists them all.
#![allow(
    dead_code,
    reason = "the bench and the example each use a different part of this module"
)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "../rng/mod.rs"]
mod rng;
use rng::Rng;

/// The corpus the chains are trained on.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Language of a scaled pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English (`*.en.md`).
    En,
    /// Chinese (`*.zh.md`).
    Zh,
}

impl Lang {
    /// `en` or `zh`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// Per-sentence probability of each edit of A; the rest is kept identical. Insertions are
/// drawn after every B sentence at [`INSERT_RATE`]. Close to the mix of the `rev-*` sets.
pub const EDIT_RATES: [(Edit, f64); 7] = [
    (Edit::Deleted, 0.04),
    (Edit::Reworded, 0.10),
    (Edit::Weakened, 0.02),
    (Edit::Strengthened, 0.02),
    (Edit::Moved, 0.03),
    (Edit::Split, 0.02),
    (Edit::Merged, 0.02),
];

/// Probability of a new sentence after each B sentence.
pub const INSERT_RATE: f64 = 0.04;

/// Sentences per section: each section starts with a heading.
const SECTION_SENTENCES: usize = 25;

/// An edit applied to one A sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Kept as it is.
    Identical,
    /// Gone from B.
    Deleted,
    /// Some words replaced, dropped or repeated.
    Reworded,
    /// A modal made weaker.
    Weakened,
    /// A modal made stronger.
    Strengthened,
    /// Kept, somewhere else.
    Moved,
    /// Cut into two sentences.
    Split,
    /// Joined with the next sentence.
    Merged,
}

impl Edit {
    /// The gold kind, as `../shared/bench/*/gold.json` spells it.
    pub fn gold_kind(self) -> &'static str {
        match self {
            Edit::Identical => "identical",
            Edit::Deleted => "deleted",
            Edit::Reworded => "reworded",
            Edit::Weakened => "weakened",
            Edit::Strengthened => "strengthened",
            Edit::Moved => "moved",
            Edit::Split => "split",
            Edit::Merged => "merged",
        }
    }
}

/// Two Markdown documents and the gold alignment between them.
#[derive(Debug, Clone)]
pub struct ScaledPair {
    /// The original: `sentences` sentences, one per paragraph.
    pub a: String,
    /// The revision.
    pub b: String,
    /// The gold alignment as JSON (`score.py` format).
    pub gold: String,
    /// Number of B sentences.
    pub sentences_b: usize,
}

/// The floor: read, segment and tokenize both documents, as `declcmp` does before it
/// compares anything. Returns the number of tokens (for `black_box`).
pub fn floor(a: &Path, b: &Path) -> usize {
    let read = declcmp::ReadOptions::default();
    let mut tokens = 0;
    for path in [a, b] {
        let doc = declcmp::read_document(path.to_str().expect("UTF-8 path"), &read)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let texts: Vec<&str> = doc.clauses.iter().map(|c| c.text.as_str()).collect();
        let all = declcmp::tokenize_all(&texts);
        tokens += all
            .iter()
            .map(|t| t.words.len() + t.grams.len())
            .sum::<usize>();
    }
    tokens
}

/// The full comparison: read both documents, compare them and render the JSON report
/// (into memory). Returns the report's bytes.
pub fn full(a: &Path, b: &Path) -> Vec<u8> {
    let read = declcmp::ReadOptions::default();
    let doc = |path: &Path| {
        declcmp::read_document(path.to_str().expect("UTF-8 path"), &read)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
    };
    let (doc_a, doc_b) = (doc(a), doc(b));
    let report = declcmp::compare(&doc_a, &doc_b, &declcmp::CompareOptions::default());
    let mut out = Vec::new();
    declcmp::report::render(
        &report,
        declcmp::report::Format::Json,
        &declcmp::report::RenderOptions::default(),
        &mut out,
    )
    .expect("rendering to memory");
    out
}

/// Writes the pair of `sentences` in `lang` (seed 1) into `dir` once, as
/// `{lang}-{sentences}/{a.md,b.md,gold.json}`, and returns the paths of A and B.
pub fn write_pair(dir: &Path, lang: Lang, sentences: usize) -> (PathBuf, PathBuf) {
    let sub = dir.join(format!("{}-{sentences}", lang.tag()));
    let (a, b) = (sub.join("a.md"), sub.join("b.md"));
    if !a.exists() || !b.exists() {
        let pair = scaled_pair(lang, sentences, 1);
        std::fs::create_dir_all(&sub).expect("a fixture directory");
        std::fs::write(sub.join("gold.json"), &pair.gold).expect("gold written");
        std::fs::write(&b, &pair.b).expect("B written");
        std::fs::write(&a, &pair.a).expect("A written");
    }
    (a, b)
}

/// Paragraph texts of the corpus files of `lang`, front matter, headings and tables left out.
fn corpus_paragraphs(lang: Lang) -> Vec<String> {
    let suffix = format!(".{}.md", lang.tag());
    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap_or_else(|err| panic!("{}: {err}", corpus_dir().display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|p| p.to_string_lossy().ends_with(&suffix))
        .collect();
    paths.sort();
    let mut paragraphs = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let mut lines = text.lines().peekable();
        if lines.peek() == Some(&"---") {
            lines.next();
            for line in lines.by_ref() {
                if line == "---" {
                    break;
                }
            }
        }
        let mut current = String::new();
        for line in lines {
            let line = line.trim();
            let skip = line.starts_with('#') || line.starts_with('|') || line.starts_with("```");
            if line.is_empty() || skip {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
                continue;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
    }
    paragraphs
}

/// Strips Markdown markup from a word and says whether it is usable in a sentence.
fn clean_word(word: &str) -> Option<String> {
    let cleaned: String = word
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '*' | '_' | '`' | '#' | '[' | ']' | '|' | '>' | '<' | '\\' | '^'
            )
        })
        .collect();
    let body = cleaned.trim_end_matches(['.', '!', '?']);
    let has_letter = body.chars().any(char::is_alphanumeric);
    // A dot inside a word (e.g., U.S., 1.2, an address) or a list number would end or
    // confuse a sentence.
    let list_number = body.len() <= 3 && cleaned.ends_with('.') && !body.contains(' ');
    if !has_letter || body.contains('.') || body.contains("://") || list_number {
        return None;
    }
    Some(cleaned)
}

fn ends_sentence(word: &str) -> bool {
    word.ends_with(['.', '!', '?'])
}

/// Word-level order-1 chain over English corpus sentences.
struct EnglishChain {
    starts: Vec<String>,
    followers: HashMap<String, Vec<String>>,
    words: Vec<String>,
}

impl EnglishChain {
    const MIN_WORDS: usize = 6;
    const MAX_WORDS: usize = 55;

    fn train(paragraphs: &[String]) -> Self {
        let mut chain = EnglishChain {
            starts: Vec::new(),
            followers: HashMap::new(),
            words: Vec::new(),
        };
        for paragraph in paragraphs {
            let words: Vec<String> = paragraph
                .split_whitespace()
                .filter_map(clean_word)
                .collect();
            let mut at_start = true;
            for (k, word) in words.iter().enumerate() {
                if at_start && word.starts_with(|c: char| c.is_uppercase()) {
                    chain.starts.push(word.clone());
                }
                at_start = ends_sentence(word);
                chain.words.push(
                    word.trim_end_matches(['.', '!', '?', ',', ';', ':'])
                        .to_string(),
                );
                if let Some(next) = words.get(k + 1).filter(|_| !ends_sentence(word)) {
                    chain
                        .followers
                        .entry(word.clone())
                        .or_default()
                        .push(next.clone());
                }
            }
        }
        chain.words.retain(|w| !w.is_empty());
        chain
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        loop {
            let mut words = vec![rng.pick(&self.starts).clone()];
            loop {
                let last = words.last().expect("a word");
                if ends_sentence(last) {
                    break;
                }
                let Some(next) = self.followers.get(last) else {
                    break;
                };
                words.push(rng.pick(next).clone());
                if words.len() > Self::MAX_WORDS {
                    break;
                }
            }
            let last = words.last().expect("a word");
            if ends_sentence(last) && (Self::MIN_WORDS..=Self::MAX_WORDS).contains(&words.len()) {
                return words.join(" ");
            }
        }
    }
}

/// Character-level order-2 chain over Chinese corpus sentences.
struct ChineseChain {
    starts: Vec<(char, char)>,
    followers: HashMap<(char, char), Vec<char>>,
    chars: Vec<char>,
}

impl ChineseChain {
    const MIN_CHARS: usize = 12;
    const MAX_CHARS: usize = 140;

    fn train(paragraphs: &[String]) -> Self {
        let mut chain = ChineseChain {
            starts: Vec::new(),
            followers: HashMap::new(),
            chars: Vec::new(),
        };
        for paragraph in paragraphs {
            let chars: Vec<char> = without_enumerator(paragraph)
                .chars()
                .filter(|c| !c.is_whitespace() && !"*_`#[]|<>\\".contains(*c))
                .map(|c| if matches!(c, '！' | '？') { '。' } else { c })
                .collect();
            let mut at_start = true;
            for k in 0..chars.len() {
                if at_start && k + 1 < chars.len() && chars[k] != '。' && chars[k + 1] != '。' {
                    chain.starts.push((chars[k], chars[k + 1]));
                }
                at_start = chars[k] == '。';
                if crate_is_han(chars[k]) {
                    chain.chars.push(chars[k]);
                }
                if k + 2 < chars.len() && chars[k + 1] != '。' {
                    chain
                        .followers
                        .entry((chars[k], chars[k + 1]))
                        .or_default()
                        .push(chars[k + 2]);
                }
            }
        }
        chain
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        loop {
            let (c1, c2) = *rng.pick(&self.starts);
            let mut chars = vec![c1, c2];
            while chars.len() <= Self::MAX_CHARS && chars.last() != Some(&'。') {
                let key = (chars[chars.len() - 2], chars[chars.len() - 1]);
                let Some(next) = self.followers.get(&key) else {
                    break;
                };
                chars.push(*rng.pick(next));
            }
            if chars.last() == Some(&'。')
                && (Self::MIN_CHARS..=Self::MAX_CHARS).contains(&chars.len())
            {
                return chars.into_iter().collect();
            }
        }
    }
}

/// The paragraph without a leading list enumerator (`1.`, `5.8`, `（a）`, `三、`).
fn without_enumerator(paragraph: &str) -> &str {
    let rest = paragraph.trim_start_matches(|c: char| {
        c.is_ascii_alphanumeric() || ".、()（）一二三四五六七八九十".contains(c)
    });
    let prefix = &paragraph[..paragraph.len() - rest.len()];
    let enumerator =
        prefix.len() <= 12 && prefix.contains(|c: char| c.is_ascii_digit() || "(（、".contains(c));
    if enumerator { rest } else { paragraph }
}

fn crate_is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

/// A trained chain for one language.
enum Chain {
    En(EnglishChain),
    Zh(ChineseChain),
}

impl Chain {
    fn new(lang: Lang) -> Self {
        let paragraphs = corpus_paragraphs(lang);
        match lang {
            Lang::En => Chain::En(EnglishChain::train(&paragraphs)),
            Lang::Zh => Chain::Zh(ChineseChain::train(&paragraphs)),
        }
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        match self {
            Chain::En(chain) => chain.sentence(rng),
            Chain::Zh(chain) => chain.sentence(rng),
        }
    }

    /// Replaces, drops or repeats a few words (English) or characters (Chinese), at least one.
    fn reword(&self, text: &str, rng: &mut Rng) -> String {
        loop {
            let out = match self {
                Chain::En(chain) => {
                    let words: Vec<&str> = text.split(' ').collect();
                    let last = words.len() - 1;
                    let mut out: Vec<String> = Vec::new();
                    for (k, word) in words.iter().enumerate() {
                        let r = rng.unit();
                        if k == 0 || k == last || r >= 0.25 {
                            out.push(word.to_string());
                        } else if r < 0.15 {
                            out.push(rng.pick(&chain.words).clone());
                        } else if r < 0.20 {
                            // dropped
                        } else {
                            out.push(word.to_string());
                            out.push(rng.pick(&chain.words).clone());
                        }
                    }
                    out.join(" ")
                }
                Chain::Zh(chain) => {
                    let mut chars: Vec<char> = text.chars().collect();
                    let edits = (chars.len() / 10).max(1);
                    for _ in 0..edits {
                        let k = rng.below(chars.len() - 1);
                        let c = *rng.pick(&chain.chars);
                        if rng.unit() < 0.7 {
                            chars[k] = c;
                        } else {
                            chars.insert(k, c);
                        }
                    }
                    chars.into_iter().collect()
                }
            };
            if out != text {
                return out;
            }
        }
    }

    /// The sentence with its commitment made weaker or stronger.
    fn change_commitment(&self, text: &str, stronger: bool) -> String {
        let (swaps, fallback): (&[(&str, &str)], &str) = match (self, stronger) {
            (Chain::En(_), false) => (
                &[
                    (" will ", " may "),
                    (" shall ", " should "),
                    (" must ", " should "),
                    (" should ", " may "),
                    (" commit to ", " consider "),
                ],
                "Where appropriate, ",
            ),
            (Chain::En(_), true) => (
                &[
                    (" may ", " will "),
                    (" could ", " will "),
                    (" should ", " shall "),
                    (" encourage ", " require "),
                    (" consider ", " commit to "),
                ],
                "In all cases, ",
            ),
            (Chain::Zh(_), false) => (
                &[("必须", "应当"), ("将", "可"), ("应", "可"), ("要", "宜")],
                "在适当情况下，",
            ),
            (Chain::Zh(_), true) => (
                &[
                    ("可以", "必须"),
                    ("鼓励", "要求"),
                    ("愿", "将"),
                    ("应当", "必须"),
                ],
                "务必",
            ),
        };
        for (from, to) in swaps {
            if let Some(at) = text.find(from) {
                return format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
            }
        }
        match self {
            Chain::En(_) => {
                let mut chars = text.chars();
                let first = chars.next().map(|c| c.to_lowercase().to_string());
                format!("{fallback}{}{}", first.unwrap_or_default(), chars.as_str())
            }
            Chain::Zh(_) => format!("{fallback}{text}"),
        }
    }

    /// Two sentences cut from one, or `None` when it is too short to cut.
    fn split(&self, text: &str, rng: &mut Rng) -> Option<(String, String)> {
        match self {
            Chain::En(_) => {
                let words: Vec<&str> = text.split(' ').collect();
                if words.len() < 14 {
                    return None;
                }
                let cut = words.len() * 2 / 5 + rng.below(words.len() / 5);
                let first = words[..cut]
                    .join(" ")
                    .trim_end_matches([',', ';', ':'])
                    .to_string();
                let second = words[cut..].join(" ");
                Some((format!("{first}."), capitalised(&second)))
            }
            Chain::Zh(_) => {
                let chars: Vec<char> = text.chars().collect();
                let commas: Vec<usize> = (6..chars.len().saturating_sub(6))
                    .filter(|&k| chars[k] == '，')
                    .collect();
                let &cut = commas.get(commas.len() / 2)?;
                let first: String = chars[..cut].iter().collect();
                let second: String = chars[cut + 1..].iter().collect();
                Some((format!("{first}。"), second))
            }
        }
    }

    /// One sentence joining two.
    fn merge(&self, first: &str, second: &str) -> String {
        match self {
            Chain::En(_) => {
                let head = first.trim_end_matches(['.', '!', '?']);
                let mut chars = second.chars();
                let lower = chars.next().map(|c| c.to_lowercase().to_string());
                format!(
                    "{head}, and {}{}",
                    lower.unwrap_or_default(),
                    chars.as_str()
                )
            }
            Chain::Zh(_) => format!("{}，{second}", first.trim_end_matches('。')),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// A sentence of B and where it came from: `(A index, gold kind)` for each A partner.
struct BSentence {
    text: String,
    origin: Vec<(usize, &'static str)>,
}

fn draw_edit(rng: &mut Rng) -> Edit {
    let mut r = rng.unit();
    for (edit, rate) in EDIT_RATES {
        if r < rate {
            return edit;
        }
        r -= rate;
    }
    Edit::Identical
}

/// Builds a pair of `sentences` sentences in A, the same for the same arguments.
pub fn scaled_pair(lang: Lang, sentences: usize, seed: u64) -> ScaledPair {
    let chain = Chain::new(lang);
    let mut rng = Rng(seed);
    // Every sentence drawn is new: a repeated one would have two true partners.
    let mut seen = std::collections::HashSet::new();
    let mut fresh = |rng: &mut Rng| loop {
        let sentence = chain.sentence(rng);
        if seen.insert(sentence.clone()) {
            return sentence;
        }
    };
    let a: Vec<String> = (0..sentences).map(|_| fresh(&mut rng)).collect();

    let mut b: Vec<BSentence> = Vec::new();
    let mut moved: Vec<BSentence> = Vec::new();
    let mut i = 0;
    while i < a.len() {
        let text = &a[i];
        let mut edit = draw_edit(&mut rng);
        if edit == Edit::Merged && i + 1 == a.len() {
            edit = Edit::Reworded;
        }
        let split = if edit == Edit::Split {
            chain.split(text, &mut rng)
        } else {
            None
        };
        if edit == Edit::Split && split.is_none() {
            edit = Edit::Reworded;
        }
        let kind = edit.gold_kind();
        match edit {
            Edit::Identical => b.push(BSentence {
                text: text.clone(),
                origin: vec![(i, kind)],
            }),
            Edit::Deleted => {}
            Edit::Reworded => b.push(BSentence {
                text: chain.reword(text, &mut rng),
                origin: vec![(i, kind)],
            }),
            Edit::Weakened | Edit::Strengthened => b.push(BSentence {
                text: chain.change_commitment(text, edit == Edit::Strengthened),
                origin: vec![(i, kind)],
            }),
            Edit::Moved => moved.push(BSentence {
                text: text.clone(),
                origin: vec![(i, kind)],
            }),
            Edit::Split => {
                let (first, second) = split.expect("checked above");
                b.push(BSentence {
                    text: first,
                    origin: vec![(i, kind)],
                });
                b.push(BSentence {
                    text: second,
                    origin: vec![(i, kind)],
                });
            }
            Edit::Merged => {
                b.push(BSentence {
                    text: chain.merge(text, &a[i + 1]),
                    origin: vec![(i, kind), (i + 1, kind)],
                });
                i += 1;
            }
        }
        i += 1;
        if rng.unit() < INSERT_RATE {
            b.push(BSentence {
                text: fresh(&mut rng),
                origin: Vec::new(),
            });
        }
    }
    for sentence in moved {
        let at = rng.below(b.len() + 1);
        b.insert(at, sentence);
    }

    let (text_a, lines_a) = markdown(lang, "A", a.iter().map(String::as_str));
    let (text_b, lines_b) = markdown(lang, "B", b.iter().map(|s| s.text.as_str()));
    let mut pairs = Vec::new();
    let mut used_a = vec![false; a.len()];
    for (j, sentence) in b.iter().enumerate() {
        for &(i, kind) in &sentence.origin {
            pairs.push(serde_json::json!([i, j, kind]));
            used_a[i] = true;
        }
    }
    let deleted: Vec<usize> = (0..a.len()).filter(|&i| !used_a[i]).collect();
    let inserted: Vec<usize> = (0..b.len()).filter(|&j| b[j].origin.is_empty()).collect();
    let paragraphs = |texts: &mut dyn Iterator<Item = &str>, lines: &[usize]| {
        texts
            .zip(lines)
            .map(|(text, &line)| serde_json::json!({"line": line, "end": line, "text": text}))
            .collect::<Vec<_>>()
    };
    let gold = serde_json::json!({
        "lang": lang.tag(),
        "a": paragraphs(&mut a.iter().map(String::as_str), &lines_a),
        "b": paragraphs(&mut b.iter().map(|s| s.text.as_str()), &lines_b),
        "pairs": pairs,
        "deleted": deleted,
        "inserted": inserted,
    });
    ScaledPair {
        a: text_a,
        b: text_b,
        gold: serde_json::to_string_pretty(&gold).expect("gold serialises"),
        sentences_b: b.len(),
    }
}

/// A Markdown document of one sentence per paragraph, a heading every
/// [`SECTION_SENTENCES`]; returns it and the 1-based line of each sentence.
fn markdown<'a>(
    lang: Lang,
    side: &str,
    sentences: impl Iterator<Item = &'a str>,
) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut line = 1;
    let push = |text: &mut String, s: &str, line: &mut usize| {
        text.push_str(s);
        text.push_str("\n\n");
        *line += 2;
    };
    let title = match lang {
        Lang::En => format!("# Scaled declaration ({side})"),
        Lang::Zh => format!("# 规模测试宣言（{side}）"),
    };
    push(&mut text, &title, &mut line);
    for (k, sentence) in sentences.enumerate() {
        if k % SECTION_SENTENCES == 0 {
            let mut heading = String::new();
            let part = k / SECTION_SENTENCES + 1;
            match lang {
                Lang::En => write!(heading, "## Part {part}"),
                Lang::Zh => write!(heading, "## 第{part}部分"),
            }
            .expect("writing to a String");
            push(&mut text, &heading, &mut line);
        }
        lines.push(line);
        push(&mut text, sentence, &mut line);
    }
    (text, lines)
}
