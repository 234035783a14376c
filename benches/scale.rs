//! The scale sweep: a full comparison to a JSON report against its floor
//! (reading, segmenting and tokenizing the same two documents) on scaled pairs of 100,
//! 1,000 and 10,000 sentences per side, English and Chinese (`scaled/mod.rs` builds them,
//! outside the timed loop). Run with `cargo bench --bench scale`; the last figures and how
//! to read them are in `benches/README.md`.

mod scaled;

use std::path::PathBuf;
use std::sync::OnceLock;

use divan::Bencher;
use scaled::Lang;

fn main() {
    divan::main();
}

/// Sentences per side.
const SIZES: [usize; 3] = [100, 1_000, 10_000];

/// The pair of `sentences` in `lang`, written once per run to a temporary directory.
fn fixture(lang: Lang, sentences: usize) -> (PathBuf, PathBuf) {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    let dir = DIR.get_or_init(|| tempfile::tempdir().expect("a temporary directory"));
    scaled::write_pair(dir.path(), lang, sentences)
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn floor_en(bencher: Bencher, sentences: usize) {
    let (a, b) = fixture(Lang::En, sentences);
    bencher.bench_local(|| scaled::floor(&a, &b));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn full_en(bencher: Bencher, sentences: usize) {
    let (a, b) = fixture(Lang::En, sentences);
    bencher.bench_local(|| scaled::full(&a, &b));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn floor_zh(bencher: Bencher, sentences: usize) {
    let (a, b) = fixture(Lang::Zh, sentences);
    bencher.bench_local(|| scaled::floor(&a, &b));
}

#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn full_zh(bencher: Bencher, sentences: usize) {
    let (a, b) = fixture(Lang::Zh, sentences);
    bencher.bench_local(|| scaled::full(&a, &b));
}
