//! `declcmp matrix`: the real binary on the samples and the corpus. The JSON is a valid
//! `declcmp.matrix/1`; every focus clause is a row once; "shared by k" counts the cells that
//! hold a counterpart; against one other document the grid is the pairwise comparison; the
//! output is the same bytes every run; bad input is one line and exit 2.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SHANGHAI: &str = "samples/shanghai-declaration.zh.md";
const SHANGHAI_REVISED: &str = "samples/shanghai-declaration.revised.zh.md";

fn declcmp(cwd: &Path) -> Command {
    let mut command = Command::cargo_bin("declcmp").expect("the declcmp binary is built");
    command.current_dir(cwd);
    command
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `declcmp matrix ARGS... --format json`, parsed; panics unless it exits 0.
fn matrix_json(args: &[&str]) -> Value {
    let output = declcmp(root())
        .arg("matrix")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("declcmp runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "declcmp matrix {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the matrix is JSON")
}

fn validator() -> jsonschema::Validator {
    let path = root().join("schema/declcmp-matrix.schema.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn ids(values: &Value) -> Vec<String> {
    values
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

/// What every matrix holds, whatever its documents.
fn assert_invariants(matrix: &Value) {
    if let Err(error) = validator().validate(matrix) {
        panic!("not a declcmp.matrix/1: {error}");
    }
    let documents = matrix["documents"].as_array().unwrap();
    let n = documents.len();
    let focus = &documents[0]["clauses"];
    // Every focus clause is a row exactly once, in document order.
    let rows = matrix["rows"].as_array().unwrap();
    let row_ids: Vec<&str> = rows.iter().map(|r| r["clause"].as_str().unwrap()).collect();
    let clause_ids: Vec<&str> = focus
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(row_ids, clause_ids, "one row per focus clause, in order");
    for row in rows {
        let counterparts = row["counterparts"].as_array().unwrap();
        // "shared by k" is the number of non-empty cells, one per other document at most.
        assert_eq!(
            row["shared_by"].as_u64().unwrap() as usize,
            counterparts.len()
        );
        let docs: BTreeSet<u64> = counterparts
            .iter()
            .map(|c| c["document"].as_u64().unwrap())
            .collect();
        assert_eq!(docs.len(), counterparts.len(), "a document twice in a row");
        for c in counterparts {
            let k = c["document"].as_u64().unwrap() as usize;
            assert!(k >= 1 && k < n, "a counterpart in the focus or nowhere");
            let known: BTreeSet<&str> = documents[k]["clauses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            for id in ids(&c["clauses"]) {
                assert!(
                    known.contains(id.as_str()),
                    "{id} is not a clause of document {k}"
                );
            }
        }
    }
    // The similarity matrix is square, in [0, 1], 1 on the diagonal.
    let similarity = matrix["document_similarity"].as_array().unwrap();
    assert_eq!(similarity.len(), n);
    for (i, row) in similarity.iter().enumerate() {
        let row = row.as_array().unwrap();
        assert_eq!(row.len(), n);
        assert_eq!(row[i].as_f64(), Some(1.0));
    }
    // A theme's clauses carry the theme, and its level is their strongest.
    for theme in matrix["themes"].as_array().unwrap() {
        for entry in theme["documents"].as_array().unwrap() {
            let k = entry["document"].as_u64().unwrap() as usize;
            let clauses = documents[k]["clauses"].as_array().unwrap();
            let levels: Vec<u64> = ids(&entry["clauses"])
                .iter()
                .map(|id| {
                    let clause = clauses.iter().find(|c| c["id"] == id.as_str()).unwrap();
                    assert!(
                        ids(&clause["themes"]).contains(&theme["id"].as_str().unwrap().to_string())
                    );
                    clause["commitment"]["level"].as_u64().unwrap()
                })
                .collect();
            assert_eq!(levels.iter().max().copied(), entry["level"].as_u64());
        }
    }
}

/// For each A clause of a pairwise report, the B clauses of every pair that holds it.
fn pairwise_counterparts(report: &Value) -> BTreeMap<String, BTreeSet<String>> {
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for pair in report["pairs"].as_array().unwrap() {
        for a in ids(&pair["a"]) {
            map.entry(a).or_default().extend(ids(&pair["b"]));
        }
    }
    map
}

#[test]
fn against_one_other_document_the_grid_is_the_pairwise_comparison() {
    let matrix = matrix_json(&[SHANGHAI, SHANGHAI_REVISED]);
    assert_invariants(&matrix);
    let (report, _) = common::run_json(SHANGHAI, SHANGHAI_REVISED, &[]);
    assert_eq!(first_counterparts(&matrix), pairwise_counterparts(&report));
    // The focus row and column of the similarity matrix are the pairwise report's shares.
    let paired_b: BTreeSet<String> = pairwise_counterparts(&report)
        .into_values()
        .flatten()
        .collect();
    let clauses_b = report["b"]["clauses"].as_array().unwrap().len();
    let expected = (paired_b.len() as f64 / clauses_b as f64 * 1e4).round() / 1e4;
    assert_eq!(matrix["document_similarity"][1][0].as_f64(), Some(expected));
}

/// For each focus clause, its counterparts in the first document that has any.
fn first_counterparts(matrix: &Value) -> BTreeMap<String, BTreeSet<String>> {
    matrix["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|row| {
            let cell = row["counterparts"].as_array().unwrap().first()?;
            Some((
                row["clause"].as_str().unwrap().to_string(),
                ids(&cell["clauses"]).into_iter().collect(),
            ))
        })
        .collect()
}

#[test]
fn min_confidence_moves_the_cut_off_as_in_the_pairwise_comparison() {
    // The Shanghai Declaration against an English charter: two different texts.
    const CHARTER: &str = "samples/community-ai-charter.v1.en.md";
    let mut found = Vec::new();
    for c in [None, Some("0.1")] {
        let args: Vec<&str> = c.iter().flat_map(|c| ["--min-confidence", c]).collect();
        let matrix = matrix_json(&[&[SHANGHAI, CHARTER], args.as_slice()].concat());
        let (report, _) = common::run_json(SHANGHAI, CHARTER, &args);
        assert_eq!(report["comparison"]["relation"], "cross");
        assert_eq!(first_counterparts(&matrix), pairwise_counterparts(&report));
        found.push(pairwise_counterparts(&report).len());
    }
    assert!(
        found[1] > found[0],
        "a lower cut-off found no more pairs: {found:?}"
    );
}

#[test]
fn every_format_writes_and_the_same_inputs_give_the_same_bytes() {
    for format in ["table", "markdown", "json", "html"] {
        let run = || {
            let output = declcmp(root())
                .args([
                    "matrix", SHANGHAI, "samples/", "--format", format, "--sort", "shared",
                ])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{format}");
            output.stdout
        };
        let first = run();
        assert!(!first.is_empty(), "{format} wrote nothing");
        assert_eq!(first, run(), "{format}: two runs differ");
    }
}

#[test]
fn a_directory_or_a_glob_stands_for_its_documents_and_the_focus_is_not_repeated() {
    let matrix = matrix_json(&[SHANGHAI, "samples"]);
    let paths: Vec<&str> = matrix["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), common::sample_paths().len(), "{paths:?}");
    assert_eq!(paths[0], SHANGHAI);
    assert_invariants(&matrix);
    let globbed = matrix_json(&[SHANGHAI, "samples/*.en.md"]);
    let english = common::sample_paths()
        .iter()
        .filter(|p| p.ends_with(".en.md"))
        .count();
    assert_eq!(globbed["documents"].as_array().unwrap().len(), 1 + english);
}

#[test]
fn a_taxonomy_of_ones_own_replaces_the_shipped_one() {
    let dir = tempfile::tempdir().unwrap();
    let themes = dir.path().join("themes.tsv");
    std::fs::write(
        &themes,
        "# two themes\ncoop\tCooperation\t合作\tmine\tinternational-cooperation; dialogue\ndata\tData\t数据\tmine\tprivacy; data-security\n",
    )
    .unwrap();
    let matrix = matrix_json(&[
        SHANGHAI,
        SHANGHAI_REVISED,
        "--themes",
        themes.to_str().unwrap(),
    ]);
    let theme_ids: Vec<&str> = matrix["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(theme_ids, ["coop", "data"]);
    assert_invariants(&matrix);
}

#[test]
fn bad_input_is_one_line_and_exit_2_with_nothing_on_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let bad_themes = dir.path().join("bad.tsv");
    std::fs::write(&bad_themes, "x\tX\t\t\tno-such-concept\n").unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec![SHANGHAI.into(), "no-such-file.md".into()],
            "no-such-file.md",
        ),
        (vec![SHANGHAI.into()], "OTHER"),
        (
            vec![SHANGHAI.into(), SHANGHAI.into()],
            "at least two documents",
        ),
        (
            vec![
                SHANGHAI.into(),
                SHANGHAI_REVISED.into(),
                "--themes".into(),
                bad_themes.display().to_string(),
            ],
            "line 1",
        ),
        (
            vec![
                SHANGHAI.into(),
                SHANGHAI_REVISED.into(),
                "--themes".into(),
                "missing.tsv".into(),
            ],
            "missing.tsv",
        ),
        (
            vec![SHANGHAI.into(), empty.display().to_string()],
            "no documents",
        ),
        (
            vec![SHANGHAI.into(), "samples/*.pdf".into()],
            "no file matches",
        ),
        (
            vec![
                SHANGHAI.into(),
                SHANGHAI_REVISED.into(),
                "--format".into(),
                "diff".into(),
            ],
            "diff",
        ),
    ];
    for (args, says) in cases {
        let output = declcmp(root()).arg("matrix").args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "{args:?} wrote to stdout");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("declcmp: ") && stderr.contains(says),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn an_output_file_is_written_whole_and_never_onto_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.html");
    let output = declcmp(root())
        .args([
            "matrix",
            SHANGHAI,
            SHANGHAI_REVISED,
            "--format",
            "html",
            "-o",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    let copy = dir.path().join("a.md");
    std::fs::copy(root().join(SHANGHAI), &copy).unwrap();
    let output = declcmp(root())
        .args([
            "matrix",
            copy.to_str().unwrap(),
            SHANGHAI_REVISED,
            "-o",
            copy.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(root().join(SHANGHAI)).unwrap()
    );
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn shanghai_against_the_corpus_is_a_valid_matrix_with_every_theme() {
    let corpus = common::shared_path("corpus");
    let mut others: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| {
            let name = p.file_name().unwrap().to_str().unwrap();
            name != "README.md" && name != "shanghai-declaration.zh.md"
        })
        .map(|p| p.display().to_string())
        .collect();
    others.sort();
    assert_eq!(others.len(), 15);
    let mut args = vec![SHANGHAI.to_string()];
    args.extend(others);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let matrix = matrix_json(&args);
    assert_invariants(&matrix);
    let themes = matrix["themes"].as_array().unwrap();
    let addressed = themes
        .iter()
        .filter(|t| !t["documents"].as_array().unwrap().is_empty())
        .count();
    assert!(addressed >= 8, "{addressed} themes addressed");
    // The focus addresses development and international cooperation, as its text does.
    for id in [
        "development-capacity",
        "international-cooperation",
        "sovereignty",
    ] {
        let theme = themes.iter().find(|t| t["id"] == id).unwrap();
        assert!(
            theme["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["document"] == 0),
            "the Shanghai Declaration lacks {id}?"
        );
    }
    // Some clause is the focus's alone and some is shared widely.
    let shared: Vec<u64> = matrix["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["shared_by"].as_u64().unwrap())
        .collect();
    assert!(shared.iter().max() > Some(&5), "{shared:?}");
}

#[test]
fn a_theme_is_found_in_either_language_through_the_concept_lexicon() {
    use declcmp::{CompareOptions, ReadOptions, document_from_text};
    let read = ReadOptions::default();
    let en = document_from_text(
        "We will protect personal privacy. Developing countries need capacity building.",
        "en.md",
        "UTF-8",
        &read,
    );
    let zh = document_from_text(
        "我们将保护个人隐私。我们支持发展中国家的能力建设。",
        "zh.md",
        "UTF-8",
        &read,
    );
    let (matrix, _) = declcmp::matrix::build(
        &en,
        std::slice::from_ref(&zh),
        &CompareOptions::default(),
        declcmp::matrix::themes::builtin(),
        &|| {},
    );
    for doc in &matrix.documents {
        assert_eq!(doc.clauses[0].themes, ["privacy"], "{}", doc.path);
        assert!(
            doc.clauses[1]
                .themes
                .contains(&"development-capacity".to_string()),
            "{}: {:?}",
            doc.path,
            doc.clauses[1].themes
        );
    }
    let privacy = matrix.themes.iter().find(|t| t.id == "privacy").unwrap();
    let levels: Vec<u8> = privacy.documents.iter().map(|d| d.level as u8).collect();
    assert_eq!(levels, [3, 3], "will and 将 are binding");
    assert!(matrix.focus_lacks.is_empty());
}

/// Sentences to build random documents from: Chinese and English, on the corpus's topics,
/// with commitments of every strength.
const SENTENCES: [&str; 12] = [
    "我们将加强人工智能领域的国际合作。",
    "我们愿推动发展中国家的能力建设。",
    "各国应保护个人隐私和数据安全。",
    "鼓励开展人工智能伦理研究。",
    "我们注意到人工智能带来的风险。",
    "We will strengthen international cooperation on AI safety.",
    "States should protect privacy and personal data.",
    "We encourage research on the transparency of AI systems.",
    "We note the digital divide between and within countries.",
    "Developers must ensure human oversight of frontier models.",
    "We support capacity building in developing countries.",
    "The United Nations has a central role in global governance.",
];

fn random_document() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    proptest::collection::vec(proptest::collection::vec(0..SENTENCES.len(), 1..4), 0..6).prop_map(
        |paragraphs| {
            paragraphs
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|&k| SENTENCES[k])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        },
    )
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    #[test]
    fn every_matrix_of_random_documents_keeps_its_invariants(
        focus in random_document(),
        others in proptest::collection::vec(random_document(), 1..4),
    ) {
        use declcmp::{CompareOptions, ReadOptions, document_from_text};
        let read = ReadOptions::default();
        let focus = document_from_text(&focus, "focus.md", "UTF-8", &read);
        let others: Vec<_> = others
            .iter()
            .enumerate()
            .map(|(k, text)| document_from_text(text, &format!("o{k}.md"), "UTF-8", &read))
            .collect();
        let (matrix, _) = declcmp::matrix::build(
            &focus,
            &others,
            &CompareOptions::default(),
            declcmp::matrix::themes::builtin(),
            &|| {},
        );
        let mut json = Vec::new();
        declcmp::matrix::render::render(
            &matrix,
            declcmp::matrix::render::MatrixFormat::Json,
            &declcmp::matrix::render::MatrixRenderOptions::default(),
            &mut json,
        )
        .unwrap();
        let value: Value = serde_json::from_slice(&json).unwrap();
        assert_invariants(&value);
        // With a single other document the grid is the pairwise comparison's.
        if others.len() == 1 {
            let report = declcmp::compare(&focus, &others[0], &CompareOptions::default());
            let report: Value = serde_json::to_value(&report).unwrap();
            let from_matrix: BTreeMap<String, BTreeSet<String>> = matrix
                .rows
                .iter()
                .filter_map(|r| {
                    let c = r.counterparts.first()?;
                    Some((r.clause.clone(), c.clauses.iter().cloned().collect()))
                })
                .collect();
            proptest::prop_assert_eq!(from_matrix, pairwise_counterparts(&report));
        }
    }
}
