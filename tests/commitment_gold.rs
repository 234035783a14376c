//! Commitment directions against the gold of `../shared/bench/rev-*`: every gold
//! weakened/strengthened pair is read in the same direction, at paragraph and at sentence
//! level, with at most one false flag per set. The scorer pairs sentences by character
//! bigrams itself, so it measures the lexicon alone, not the aligner.

mod common;

use declcmp::commitment::{CommitmentChange, commitment_change};

#[derive(serde::Deserialize)]
struct Gold {
    a: Vec<GoldParagraph>,
    b: Vec<GoldParagraph>,
    pairs: Vec<(usize, usize, String)>,
}

#[derive(serde::Deserialize)]
struct GoldParagraph {
    text: String,
}

/// Sentences compared at sentence level must be this similar (character-bigram Dice):
/// near-identical, as an aligner would pair them inside a matched paragraph.
const NEAR_IDENTICAL: f64 = 0.75;

#[derive(Debug, Default)]
struct SetScore {
    directed: usize,
    hits: usize,
    false_flags: usize,
    notes: Vec<String>,
}

fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let full_stop = c == '.' && text[end..].starts_with(' ');
        if matches!(c, '。' | '！' | '？') || full_stop {
            out.push(text[start..end].trim());
            start = end;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

fn bigram_dice(a: &str, b: &str) -> f64 {
    let grams = |s: &str| {
        let chars: Vec<char> = s.chars().collect();
        let mut g: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        g.sort_unstable();
        g
    };
    let (ga, gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < ga.len() && j < gb.len() {
        match ga[i].cmp(&gb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (ga.len() + gb.len()) as f64
}

/// The direction(s) found for one gold pair, paragraph against paragraph.
fn paragraph_changes(a: &str, b: &str) -> Vec<CommitmentChange> {
    let c = commitment_change(a, b);
    if c == CommitmentChange::Same {
        vec![]
    } else {
        vec![c]
    }
}

/// The direction(s) found for one gold pair, near-identical sentence against sentence.
fn sentence_changes(a: &str, b: &str) -> Vec<CommitmentChange> {
    let sb = split_sentences(b);
    let mut found = Vec::new();
    for x in split_sentences(a) {
        let best = sb
            .iter()
            .map(|y| (bigram_dice(x, y), *y))
            .max_by(|p, q| p.0.total_cmp(&q.0));
        if let Some((score, y)) = best
            && score >= NEAR_IDENTICAL
        {
            let c = commitment_change(x, y);
            if c != CommitmentChange::Same && !found.contains(&c) {
                found.push(c);
            }
        }
    }
    found
}

fn score_set(gold: &Gold, changes: fn(&str, &str) -> Vec<CommitmentChange>) -> SetScore {
    let mut score = SetScore::default();
    for (i, j, kind) in &gold.pairs {
        let (Some(a), Some(b)) = (gold.a.get(*i), gold.b.get(*j)) else {
            continue;
        };
        let expected = match kind.as_str() {
            "weakened" => Some(CommitmentChange::Weakened),
            "strengthened" => Some(CommitmentChange::Strengthened),
            _ => None,
        };
        let found = changes(&a.text, &b.text);
        match expected {
            Some(want) => {
                score.directed += 1;
                if found == [want] {
                    score.hits += 1;
                } else {
                    score
                        .notes
                        .push(format!("missed {kind} {i}->{j}: found {found:?}"));
                }
            }
            None if !found.is_empty() => {
                score.false_flags += 1;
                score
                    .notes
                    .push(format!("false flag {kind} {i}->{j}: {found:?}"));
            }
            None => {}
        }
    }
    score
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
#[allow(clippy::print_stderr, reason = "the benchmark reports its numbers")]
fn gold_bench_commitment_directions() {
    let dir = common::shared_path("bench");
    let mut sets: Vec<_> = std::fs::read_dir(&dir)
        .expect("bench dir readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("rev-"))
        })
        .filter(|p| p.join("gold.json").is_file())
        .collect();
    sets.sort();
    assert!(
        !sets.is_empty(),
        "no rev-*/gold.json under {}",
        dir.display()
    );
    let (mut directed, mut hits) = ([0usize; 2], [0usize; 2]);
    let mut failures = Vec::new();
    for set in &sets {
        let json = std::fs::read_to_string(set.join("gold.json")).expect("gold.json readable");
        let gold: Gold = serde_json::from_str(&json).expect("gold.json parses");
        let name = set
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for (k, (label, changes)) in [
            (
                "paragraph",
                paragraph_changes as fn(&str, &str) -> Vec<CommitmentChange>,
            ),
            ("sentence", sentence_changes),
        ]
        .into_iter()
        .enumerate()
        {
            let score = score_set(&gold, changes);
            eprintln!(
                "{name} {label:9}: directions {}/{}, false flags {}",
                score.hits, score.directed, score.false_flags
            );
            for note in &score.notes {
                eprintln!("    {note}");
            }
            directed[k] += score.directed;
            hits[k] += score.hits;
            if score.false_flags > 1 {
                failures.push(format!("{name} {label}: {} false flags", score.false_flags));
            }
        }
    }
    for (k, label) in ["paragraph", "sentence"].iter().enumerate() {
        eprintln!("total {label}: directions {}/{}", hits[k], directed[k]);
        if hits[k] != directed[k] {
            failures.push(format!("{label}: {}/{} directions", hits[k], directed[k]));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}
