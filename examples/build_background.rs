//! Builds `data/background-df.tsv`, the document frequencies of word terms (and concept
//! tokens) over the paragraphs of a corpus of policy texts:
//!
//! ```text
//! cargo run --release --example build_background -- ../shared/corpus/*.*.md > data/background-df.tsv
//! ```
//!
//! `--exclude NAME` (repeatable) leaves out files whose name contains NAME, to measure how
//! much a comparison gains from its own documents being in the background. Only counts of
//! terms are written, never text.

use std::collections::{BTreeMap, BTreeSet};

use declcmp::{ReadOptions, similarity, tokenize};

/// Terms in fewer paragraphs than this are left out: the table stays small, and a term seen
/// once weighs as much as an unseen one ([`similarity::background::Background::idf`]).
const MIN_DF: u32 = 2;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut files = Vec::new();
    let mut exclude = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--exclude" {
            exclude.push(
                args.next()
                    .ok_or_else(|| anyhow::anyhow!("--exclude NAME"))?,
            );
        } else {
            files.push(arg);
        }
    }
    files.retain(|f| !exclude.iter().any(|e| f.contains(e.as_str())));
    files.sort();
    let read = ReadOptions {
        unit: declcmp::segment::Unit::Paragraph,
        ..ReadOptions::default()
    };
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    let mut paragraphs = 0u32;
    for file in &files {
        let document = declcmp::read_document(file, &read)?;
        for clause in &document.clauses {
            let tokens = tokenize::tokenize(&clause.text);
            let bag: BTreeSet<String> = similarity::word_bag(&tokens).into_iter().collect();
            paragraphs += 1;
            for term in bag {
                *df.entry(term).or_default() += 1;
            }
        }
    }
    let mut out = String::new();
    out.push_str(&format!(
        "# Paragraph frequencies of word terms over {} files; rebuild with examples/build_background.rs\n",
        files.len()
    ));
    out.push_str(&format!("#paragraphs\t{paragraphs}\n"));
    for (term, count) in df.into_iter().filter(|&(_, c)| c >= MIN_DF) {
        out.push_str(&format!("{term}\t{count}\n"));
    }
    #[allow(clippy::print_stdout, reason = "an example that prints its result")]
    {
        print!("{out}");
    }
    Ok(())
}
