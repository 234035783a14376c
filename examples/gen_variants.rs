//! Writes perturbed variants of every corpus text (see `benches/variants/mod.rs`), the
//! document sets `declcmp matrix` is measured on:
//!
//! ```text
//! cargo run --release --example gen_variants -- [--per-text V] DIR
//! target/release/declcmp matrix DIR/shanghai-declaration.zh.v1.md DIR --format json --stats -o /tmp/m.json
//! ```

#[path = "../benches/variants/mod.rs"]
mod variants;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let mut per_text = 10;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--per-text" => per_text = args.next().context("--per-text needs a value")?.parse()?,
            _ if dir.is_none() => dir = Some(std::path::PathBuf::from(arg)),
            _ => bail!("usage: gen_variants [--per-text V] DIR"),
        }
    }
    let dir = dir.context("usage: gen_variants [--per-text V] DIR")?;
    std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    let paths = variants::write_variants(&dir, per_text);
    println!("{} documents in {}", paths.len(), dir.display());
    Ok(())
}
