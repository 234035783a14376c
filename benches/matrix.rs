//! `declcmp matrix` at scale: one focus against a set of 20, 40, 80 and 160 documents of
//! declaration size (perturbed variants of the corpus texts, `variants/mod.rs`, written once
//! outside the timed loop), timed from reading the files to the JSON in memory. Run with
//! `cargo bench --bench matrix`; the last figures are in `benches/README.md`.

mod variants;

use std::path::PathBuf;
use std::sync::OnceLock;

use declcmp::matrix::render::{MatrixFormat, MatrixRenderOptions, render};
use declcmp::{CompareOptions, ReadOptions};
use divan::Bencher;

fn main() {
    divan::main();
}

/// Documents in the set, the focus included.
const SIZES: [usize; 4] = [20, 40, 80, 160];

/// Ten variants of each corpus text, in the order v1 of every text, v2 of every text…, so
/// the first N are as varied as N can be; the focus is a variant of the Shanghai Declaration.
fn documents() -> &'static [PathBuf] {
    static DOCS: OnceLock<(tempfile::TempDir, Vec<PathBuf>)> = OnceLock::new();
    let (_, docs) = DOCS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let written = variants::write_variants(dir.path(), 10);
        let texts = written.len() / 10;
        let mut docs: Vec<PathBuf> = (0..10)
            .flat_map(|v| (0..texts).map(move |t| (t, v)))
            .map(|(t, v)| written[t * 10 + v].clone())
            .collect();
        let focus = docs
            .iter()
            .position(|p| p.to_string_lossy().contains("shanghai-declaration.zh.v1"))
            .expect("the Shanghai Declaration is in the corpus");
        let focus = docs.remove(focus);
        docs.insert(0, focus);
        (dir, docs)
    });
    docs
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn matrix_json(bencher: Bencher, documents_in_set: usize) {
    let paths = &documents()[..documents_in_set];
    bencher.bench_local(|| {
        let read = ReadOptions::default();
        let docs: Vec<declcmp::document::Document> = paths
            .iter()
            .map(|p| declcmp::read_document(p.to_str().unwrap(), &read).expect("readable"))
            .collect();
        let (matrix, _) = declcmp::matrix::build(
            &docs[0],
            &docs[1..],
            &CompareOptions::default(),
            declcmp::matrix::themes::builtin(),
            &|| {},
        );
        let mut json = Vec::new();
        render(
            &matrix,
            MatrixFormat::Json,
            &MatrixRenderOptions::default(),
            &mut json,
        )
        .expect("rendered");
        json
    });
}
