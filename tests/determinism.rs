//! Same inputs, same bytes: every output format is byte-identical across runs and whatever
//! the number of threads rayon scores with, on the samples and on a generated document
//! long enough to take the sparse path (see `declcmp::tuning::DENSE_MAX_CELLS`).

use std::path::Path;

use assert_cmd::Command;

const PAIRS: &[(&str, &str)] = &[
    (
        "samples/shanghai-declaration.zh.md",
        "samples/shanghai-declaration.revised.zh.md",
    ),
    (
        "samples/community-ai-charter.v1.en.md",
        "samples/community-ai-charter.v2.en.md",
    ),
];

const FORMATS: &[&str] = &["json", "table", "diff", "markdown", "html"];

/// stdout and exit code of `declcmp A B --format FORMAT --color never --width 100`, with
/// `RAYON_NUM_THREADS` set when given.
fn output(a: &Path, b: &Path, format: &str, threads: Option<usize>) -> (Vec<u8>, i32) {
    let mut command = Command::cargo_bin("declcmp").expect("the declcmp binary is built");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg(a)
        .arg(b)
        .args(["--format", format, "--color", "never", "--width", "100"]);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n.to_string());
    }
    let out = command.output().expect("declcmp runs");
    let code = out.status.code().expect("an exit code");
    assert!(
        code == 0 || code == 1,
        "{}: {}",
        a.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.stdout, code)
}

#[test]
fn twenty_runs_give_the_same_bytes() {
    for (a, b) in PAIRS {
        let (a, b) = (Path::new(a), Path::new(b));
        let first = output(a, b, "json", None);
        for run in 1..20 {
            assert!(
                output(a, b, "json", None) == first,
                "{} vs {}: run {run} differs from the first",
                a.display(),
                b.display()
            );
        }
    }
}

#[test]
fn one_thread_and_four_give_the_same_bytes() {
    for (a, b) in PAIRS {
        let (a, b) = (Path::new(a), Path::new(b));
        for format in FORMATS {
            assert!(
                output(a, b, format, Some(1)) == output(a, b, format, Some(4)),
                "{} vs {} --format {format}",
                a.display(),
                b.display()
            );
        }
    }
}

/// Clause `k` of a generated document, from a small vocabulary so many pairs score alike
/// and ties have to be broken the same way every time.
fn clause(k: usize, seed: u64) -> String {
    const WORDS: &[&str] = &[
        "合作", "安全", "发展", "治理", "开放", "共享", "创新", "伦理", "数据", "隐私",
    ];
    let mut state = seed ^ (k as u64 / 3).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let body: String = (0..6)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            WORDS[(state >> 33) as usize % WORDS.len()]
        })
        .collect();
    format!("我们{body}。\n")
}

#[test]
fn thread_count_does_not_change_long_documents() {
    // 1,500 × 1,500 clauses passes DENSE_MAX_CELLS (the sparse path); 150 × 150 does not.
    for n in [150, 1_500] {
        let a: String = (0..n).map(|k| clause(k, 1)).collect();
        let b: String = (0..n)
            .map(|k| clause(k, if k % 7 == 0 { 2 } else { 1 }))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let (pa, pb) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&pa, a).unwrap();
        std::fs::write(&pb, b).unwrap();
        let one = output(&pa, &pb, "json", Some(1));
        let four = output(&pa, &pb, "json", Some(4));
        assert!(one == four, "{n} clauses: 1 and 4 threads differ");
        let report: serde_json::Value = serde_json::from_slice(&one.0).unwrap();
        let limits = report["comparison"]["limits"].as_array().unwrap().len();
        let long = n * n > declcmp::tuning::DENSE_MAX_CELLS;
        assert_eq!(limits > 0, long, "{n} clauses");
    }
}
