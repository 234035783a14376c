//! Prints every clause pair's signals as JSON lines, for studying the aligner's decisions
//! against the gold sets in `../shared/bench` (`cargo run --release --example dump_scores A B`).

use declcmp::prepare;
use declcmp::tuning::Tuning;
use declcmp::{ReadOptions, Scorer};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let unit = if args.iter().any(|a| a == "--paragraph") {
        declcmp::Unit::Paragraph
    } else {
        declcmp::Unit::Sentence
    };
    let read = ReadOptions {
        unit,
        ..ReadOptions::default()
    };
    let a = declcmp::read_document(&args[0], &read)?;
    let b = declcmp::read_document(&args[1], &read)?;
    let scorer = Scorer::new(&prepare(&a), &prepare(&b), &Tuning::DEFAULT);
    let lines_a: Vec<usize> = a.clauses.iter().map(|c| c.line).collect();
    let lines_b: Vec<usize> = b.clauses.iter().map(|c| c.line).collect();
    let mut rows = Vec::new();
    for i in 0..a.clauses.len() {
        let mut row = Vec::new();
        for j in 0..b.clauses.len() {
            let s = scorer.score(i, j);
            row.push([s.blended, s.word, s.char]);
        }
        rows.push(row);
    }
    let out = serde_json::json!({"lines_a": lines_a, "lines_b": lines_b, "scores": rows});
    #[allow(clippy::print_stdout, reason = "an example that prints its result")]
    {
        println!("{out}");
    }
    Ok(())
}
