//! Times one hostile-size comparison in this process and prints its wall time and peak
//! resident memory against the size of its inputs: the cases of issue #12 that were
//! quadratic or unbounded. One case a run, so each peak is its own:
//!
//! ```text
//! cargo run --release --example hostile_sizes -- CASE [FORMAT]
//! ```
//!
//! CASE is `line16m` (two 15 MB lines of English words, no sentence end), `line64m` (two
//! inputs of just under 64 MiB, the input cap), `han5m` (two runs of some 4.8 million Han
//! characters, no sentence end), `title300k` or `title1m` (a `# xxx…` heading of that size
//! against a one-line document). FORMAT is any `--format` (default `json`; `table` for the
//! title cases is the one that was quadratic). The inputs are written to a temporary
//! directory first; reading them is timed, as the command would.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use declcmp::report::{self, Format, RenderOptions};

/// English words the long lines are drawn from: commitment and concept words among them,
/// so every stage has work.
const WORDS: [&str; 8] = [
    "data", "privacy", "security", "the", "of", "ensure", "we", "will",
];
/// Han words of the long Chinese runs.
const HAN_WORDS: [&str; 10] = [
    "数据",
    "隐私",
    "安全",
    "我们",
    "将",
    "确保",
    "人工智能",
    "发展",
    "合作",
    "治理",
];

/// xorshift64*, so the inputs are the same bytes every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
    }
}

/// Writes `bytes` bytes (about) of words drawn from `words`, joined by `separator`, on one
/// line.
fn write_line(path: &Path, words: &[&str], separator: &str, bytes: usize, seed: u64) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("a temp file"));
    let mut rng = Rng(seed);
    let mut written = 0;
    while written < bytes {
        let word = words[rng.below(words.len())];
        out.write_all(word.as_bytes()).unwrap();
        out.write_all(separator.as_bytes()).unwrap();
        written += word.len() + separator.len();
    }
    out.write_all(b"\n").unwrap();
    out.flush().unwrap();
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let case = args
        .next()
        .context("a case: line16m, line64m, han5m, title300k, title1m")?;
    let format = match args.next().as_deref().unwrap_or("json") {
        "table" => Format::Table,
        "diff" => Format::Diff,
        "markdown" => Format::Markdown,
        "json" => Format::Json,
        "html" => Format::Html,
        other => bail!("no format {other}"),
    };
    let dir = tempfile::tempdir()?;
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.md"));
    match case.as_str() {
        "line16m" => {
            write_line(&a, &WORDS, " ", 15_400_000, 1);
            write_line(&b, &WORDS, " ", 15_400_000, 2);
        }
        "line64m" => {
            let under_cap = declcmp::input::MAX_INPUT_BYTES - 64;
            write_line(&a, &WORDS, " ", under_cap - 16, 1);
            write_line(&b, &WORDS, " ", under_cap - 16, 2);
        }
        "han5m" => {
            write_line(&a, &HAN_WORDS, "", 14_400_000, 1);
            write_line(&b, &HAN_WORDS, "", 14_400_000, 2);
        }
        "title300k" | "title1m" => {
            let size = if case == "title1m" {
                1_000_000
            } else {
                300_000
            };
            std::fs::write(&a, format!("# {}\n\nWe will act.\n", "x".repeat(size)))?;
            std::fs::write(&b, "We will act.\n")?;
        }
        other => bail!("no case {other}"),
    }
    let input_bytes = std::fs::metadata(&a)?.len() + std::fs::metadata(&b)?.len();
    let before = declcmp::stats::peak_kib();

    let started = Instant::now();
    let read = declcmp::ReadOptions::default();
    let doc_a = declcmp::read_document(a.to_str().context("a UTF-8 path")?, &read)?;
    let doc_b = declcmp::read_document(b.to_str().context("a UTF-8 path")?, &read)?;
    let compared = declcmp::compare(&doc_a, &doc_b, &declcmp::CompareOptions::default());
    let mut sink = std::io::sink();
    report::render(&compared, format, &RenderOptions::default(), &mut sink)?;
    let took = started.elapsed();

    let peak = declcmp::stats::peak_kib();
    #[allow(
        clippy::print_stdout,
        reason = "an example that prints its measurements"
    )]
    {
        println!(
            "{case} {format:?}: inputs {:.1} MB, {:.2} s, peak {} (before reading {})",
            input_bytes as f64 / 1e6,
            took.as_secs_f64(),
            peak.map_or("unknown".to_string(), |kib| format!(
                "{:.0} MB = {:.1}x the inputs",
                kib as f64 / 1024.0,
                kib as f64 * 1024.0 / input_bytes as f64
            )),
            before.map_or("unknown".to_string(), |kib| format!(
                "{:.0} MB",
                kib as f64 / 1024.0
            )),
        );
        for limit in &compared.comparison.limits {
            println!("  limit: {limit}");
        }
    }
    Ok(())
}
