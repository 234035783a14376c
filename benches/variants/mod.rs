//! Perturbed variants of the corpus texts, for the matrix benchmark and `examples/
//! gen_variants.rs`: each variant of a text drops, rewords and moves a few of its paragraphs
//! (fixed rates, a seeded generator), so a set of N texts × V variants is a set of
//! declaration-size documents where each text has V close relatives and the rest are
//! different texts on the same topics.

use std::path::{Path, PathBuf};

#[path = "../rng/mod.rs"]
mod rng;
use rng::Rng;

/// A paragraph is dropped from a variant at this rate.
pub const DROP_RATE: f64 = 0.05;
/// A paragraph loses one of its words (English) or characters (Chinese) at this rate.
pub const REWORD_RATE: f64 = 0.15;
/// A paragraph moves to another place at this rate.
pub const MOVE_RATE: f64 = 0.03;

/// The corpus texts the variants are made from, sorted.
pub fn corpus_texts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut texts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    texts.sort();
    texts
}

/// Variant `seed` of a Markdown text: headings and front matter kept, paragraphs dropped,
/// reworded and moved at the rates above.
pub fn variant(text: &str, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ 0x5851_F42D_4C95_7F2D);
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let mut kept: Vec<String> = Vec::with_capacity(blocks.len());
    let mut moved: Vec<String> = Vec::new();
    for (k, block) in blocks.iter().enumerate() {
        let structural =
            k == 0 || block.starts_with('#') || block.starts_with("---") || block.starts_with('|');
        if structural {
            kept.push((*block).to_string());
            continue;
        }
        let roll = rng.unit();
        if roll < DROP_RATE {
            continue;
        }
        let mut block = (*block).to_string();
        if rng.unit() < REWORD_RATE {
            block = reworded(&block, &mut rng);
        }
        if roll < DROP_RATE + MOVE_RATE {
            moved.push(block);
        } else {
            kept.push(block);
        }
    }
    for block in moved {
        let at = 1 + rng.below(kept.len().saturating_sub(1));
        kept.insert(at.min(kept.len()), block);
    }
    let mut out = kept.join("\n\n");
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// One word (space-separated text) or one Han character (Chinese text) left out.
fn reworded(block: &str, rng: &mut Rng) -> String {
    let words: Vec<&str> = block.split(' ').collect();
    if words.len() > 4 {
        let drop = 1 + rng.below(words.len() - 1);
        return words
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != drop)
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ");
    }
    let han: Vec<(usize, char)> = block
        .char_indices()
        .filter(|&(_, c)| ('\u{4E00}'..='\u{9FFF}').contains(&c))
        .collect();
    if han.len() > 4 {
        let (at, c) = han[1 + rng.below(han.len() - 1)];
        let mut out = block.to_string();
        out.replace_range(at..at + c.len_utf8(), "");
        return out;
    }
    block.to_string()
}

/// Writes `per_text` variants of each corpus text to `dir` (`NAME.v1.md`…) and returns their
/// paths, text by text.
pub fn write_variants(dir: &Path, per_text: usize) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for (t, text_path) in corpus_texts().iter().enumerate() {
        let text = std::fs::read_to_string(text_path)
            .unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
        let stem = text_path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("text");
        for v in 1..=per_text {
            let path = dir.join(format!("{stem}.v{v}.md"));
            std::fs::write(&path, variant(&text, (t * 1000 + v) as u64))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            paths.push(path);
        }
    }
    paths
}
