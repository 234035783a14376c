//! The committed reports in `reports/` are what the current code prints for the pairs in
//! `reports/pairs.tsv`, as a Markdown brief (`NAME.md`) and an HTML page (`NAME.html`);
//! and the matrix of the samples (`samples-matrix.md`, `.html`); regenerate them with
//! `scripts/reports.sh`.

use assert_cmd::Command;

#[test]
fn committed_reports_are_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    let pairs = std::fs::read_to_string(format!("{root}/reports/pairs.tsv")).unwrap();
    let mut checked = 0;
    for line in pairs.lines().filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [a, b, report] = fields[..] else {
            panic!("reports/pairs.tsv: expected A, B, report: {line:?}");
        };
        let page = format!("{}.html", report.trim_end_matches(".md"));
        for (format, file) in [("markdown", report), ("html", page.as_str())] {
            let output = Command::cargo_bin("declcmp")
                .unwrap()
                .current_dir(root)
                .args([a, b, "--format", format, "--color", "never"])
                .output()
                .unwrap();
            assert!(
                output.status.code().is_some_and(|c| c <= 1),
                "{a} vs {b} --format {format} failed"
            );
            let committed = std::fs::read_to_string(format!("{root}/reports/{file}"))
                .unwrap_or_else(|e| panic!("reports/{file}: {e} (run scripts/reports.sh)"));
            assert!(
                committed == String::from_utf8(output.stdout).unwrap(),
                "reports/{file} is out of date: run scripts/reports.sh and commit the result"
            );
        }
        checked += 1;
    }
    assert!(
        checked >= 2,
        "reports/pairs.tsv lists the sample comparisons"
    );
}

#[test]
fn committed_matrix_of_the_samples_is_up_to_date() {
    let root = env!("CARGO_MANIFEST_DIR");
    for (format, file) in [
        ("markdown", "samples-matrix.md"),
        ("html", "samples-matrix.html"),
    ] {
        let output = Command::cargo_bin("declcmp")
            .unwrap()
            .current_dir(root)
            .args(["matrix", "samples/shanghai-declaration.zh.md", "samples"])
            .args(["--sort", "shared", "--format", format])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "matrix --format {format} failed"
        );
        let committed = std::fs::read_to_string(format!("{root}/reports/{file}"))
            .unwrap_or_else(|e| panic!("reports/{file}: {e} (run scripts/reports.sh)"));
        assert!(
            committed == String::from_utf8(output.stdout).unwrap(),
            "reports/{file} is out of date: run scripts/reports.sh and commit the result"
        );
    }
}
