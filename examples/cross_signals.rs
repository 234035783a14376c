//! Prints the signals of every candidate pair between two different texts as one JSON
//! object, for fitting the decision (`scripts/fit.py` runs it on the bench's real sets):
//! `cargo run --release --example cross_signals -- A B [--unit paragraph]`.
//!
//! The object holds the clauses' start lines, the relation, the identical pairs, the
//! signal names and one `[a, b, signals...]` row per candidate pair (empty for a revision,
//! which the fitted decision does not serve).

use declcmp::{AlignOptions, CROSS_FEATURES, CompareOptions, ReadOptions, Unit};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let unit = match args.iter().position(|a| a == "--unit") {
        Some(k) => args
            .get(k + 1)
            .map_or("sentence", String::as_str)
            .parse::<Unit>()
            .map_err(anyhow::Error::msg)?,
        None => Unit::Sentence,
    };
    let read = ReadOptions {
        unit,
        ..ReadOptions::default()
    };
    let a = declcmp::read_document(&args[0], &read)?;
    let b = declcmp::read_document(&args[1], &read)?;
    let align = AlignOptions {
        keep_signals: true,
        ..AlignOptions::default()
    };
    let (report, stats) = declcmp::compare_tuned(&a, &b, &CompareOptions::default(), align);
    let identical: Vec<(usize, usize)> = report
        .pairs
        .iter()
        .filter(|p| p.kind == declcmp::report::PairKind::Identical)
        .flat_map(|p| {
            p.a_index
                .iter()
                .flat_map(|&i| p.b_index.iter().map(move |&j| (i, j)))
        })
        .collect();
    let rows: Vec<serde_json::Value> = stats
        .signals
        .iter()
        .map(|(i, j, x)| {
            let mut row = vec![serde_json::json!(i), serde_json::json!(j)];
            row.extend(x.iter().map(|v| serde_json::json!(v)));
            serde_json::Value::Array(row)
        })
        .collect();
    let out = serde_json::json!({
        "lines_a": a.clauses.iter().map(|c| c.line).collect::<Vec<_>>(),
        "lines_b": b.clauses.iter().map(|c| c.line).collect::<Vec<_>>(),
        "relation": report.comparison.relation.name(),
        "identical": identical,
        "features": CROSS_FEATURES,
        "rows": rows,
    });
    #[allow(clippy::print_stdout, reason = "an example that prints its result")]
    {
        println!("{out}");
    }
    Ok(())
}
