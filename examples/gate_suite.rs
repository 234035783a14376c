//! Measures how well `declcmp check` holds on the corpus: every commitment deleted one at a
//! time (alone, with a reworded neighbour, two together, a whole paragraph) must fail the
//! check naming that clause; an unchanged text, a re-wrapped paragraph and a renumbered list
//! must pass. Prints one row per text and the totals.
//!
//! `cargo run --release --example gate_suite [CORPUS_DIR]` (default `../shared/corpus`).

#[path = "../tests/common/gate.rs"]
mod gate;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus".to_string());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    paths.sort();
    let mut total = gate::Tally::default();
    let mut out = String::new();
    for path in &paths {
        let text = std::fs::read_to_string(path)?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let tally = gate::run_suite(&name, &text, gate::Every(1));
        out.push_str(&format!("{name:<58} {tally}\n"));
        for miss in tally.misses.iter().take(3) {
            out.push_str(&format!("    missed: {miss}\n"));
        }
        for false_fail in tally.false_failures.iter().take(3) {
            out.push_str(&format!("    false failure: {false_fail}\n"));
        }
        total.add(&tally);
    }
    out.push_str(&format!("{:<58} {total}\n", "total"));
    #[allow(clippy::print_stdout, reason = "an example that prints its result")]
    {
        print!("{out}");
    }
    Ok(())
}
