//! Interleaves the floor and the full comparison of a scaled pair (`benches/scaled/mod.rs`)
//! N times and prints the median of each and the median of the per-round ratios: on a
//! machine shared with other work, rounds that alternate see the same load.
//!
//! ```text
//! cargo run --release --example scale_ratio -- [--lang en|zh] [--rounds N] SENTENCES...
//! ```

#[path = "../benches/scaled/mod.rs"]
mod scaled;

use std::time::Instant;

use anyhow::{Context, bail};

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn main() -> anyhow::Result<()> {
    let mut lang = scaled::Lang::En;
    let mut rounds = 7;
    let mut sizes = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => {
                lang = match args.next().context("--lang needs a value")?.as_str() {
                    "en" => scaled::Lang::En,
                    "zh" => scaled::Lang::Zh,
                    other => bail!("--lang is en or zh, not {other}"),
                }
            }
            "--rounds" => rounds = args.next().context("--rounds needs a value")?.parse()?,
            size => sizes.push(size.parse::<usize>().context("a number of sentences")?),
        }
    }
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000];
    }
    let dir = tempfile::tempdir()?;
    #[allow(
        clippy::print_stdout,
        reason = "an example that prints its measurements"
    )]
    for sentences in sizes {
        let (a, b) = scaled::write_pair(dir.path(), lang, sentences);
        // One untimed round each: the page cache, the dictionary, the thread pool.
        std::hint::black_box(scaled::floor(&a, &b));
        std::hint::black_box(scaled::full(&a, &b));
        let (mut floors, mut fulls, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..rounds {
            let started = Instant::now();
            std::hint::black_box(scaled::floor(&a, &b));
            let floor = started.elapsed().as_secs_f64();
            let started = Instant::now();
            std::hint::black_box(scaled::full(&a, &b));
            let full = started.elapsed().as_secs_f64();
            floors.push(floor);
            fulls.push(full);
            ratios.push(full / floor);
        }
        println!(
            "{} {sentences:>6} sentences: floor {:8.1} ms, full {:8.1} ms, full/floor {:.2} (medians of {rounds} rounds)",
            lang.tag(),
            median(&mut floors) * 1e3,
            median(&mut fulls) * 1e3,
            median(&mut ratios),
        );
    }
    Ok(())
}
