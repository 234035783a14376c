//! Writes a scaled document pair and its gold edit list (see `benches/scaled/mod.rs`):
//!
//! ```text
//! cargo run --release --example gen_scaled -- [--sentences N] [--lang en|zh] [--seed S] DIR
//! ```
//!
//! `DIR/a.md`, `DIR/b.md` and `DIR/gold.json`, the layout of `../shared/bench/rev-*`, so
//! `python3 ../shared/bench/score.py DIR/gold.json REPORT.json` scores a report of the pair.

#[path = "../benches/scaled/mod.rs"]
mod scaled;

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let mut sentences = 10_000;
    let mut lang = scaled::Lang::En;
    let mut seed = 1;
    let mut dir: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--sentences" => sentences = value()?.parse()?,
            "--seed" => seed = value()?.parse()?,
            "--lang" => {
                lang = match value()?.as_str() {
                    "en" => scaled::Lang::En,
                    "zh" => scaled::Lang::Zh,
                    other => bail!("--lang is en or zh, not {other}"),
                }
            }
            "--help" | "-h" => {
                bail!("usage: gen_scaled [--sentences N] [--lang en|zh] [--seed S] DIR")
            }
            _ if dir.is_none() => dir = Some(PathBuf::from(&arg)),
            _ => bail!("unexpected argument {arg}"),
        }
    }
    let dir = dir.context("usage: gen_scaled [--sentences N] [--lang en|zh] [--seed S] DIR")?;
    let pair = scaled::scaled_pair(lang, sentences, seed);
    std::fs::create_dir_all(&dir).with_context(|| dir.display().to_string())?;
    for (name, text) in [
        ("a.md", &pair.a),
        ("b.md", &pair.b),
        ("gold.json", &pair.gold),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).with_context(|| path.display().to_string())?;
    }
    Ok(())
}
