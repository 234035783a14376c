//! `../shared` and the package: CI runs with it, and the copies of its schemas in
//! `schema/` are the same bytes.

mod common;

use std::path::Path;

/// `build.rs` compiles the tests that read `../shared` as ignored when it is absent, which
/// would let CI pass without them: under `CI=true` its absence fails here instead. It also
/// fails when the folder and what `build.rs` saw disagree (it appeared after the build), so
/// an ignore is never stale.
#[test]
fn shared_is_beside_the_package_in_ci_and_as_the_build_saw_it() {
    let present = common::shared_dir().is_dir();
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        assert!(
            present,
            "../shared is missing, and CI=true: the tests that need it must run in CI"
        );
    }
    assert_eq!(
        present,
        !cfg!(declcmp_no_shared),
        "../shared {} since build.rs ran: `touch build.rs` and run the tests again",
        if present { "appeared" } else { "went away" }
    );
}

/// The schemas the README and the JSON tests cite are the workplace's, byte for byte, but
/// for the report schema's one documented extension ([`extend_report_schema`]).
#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn schemas_are_the_workplaces() {
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let theirs = common::shared_path("schema");
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".schema.json"))
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        names(&ours),
        names(&theirs),
        "schema/ and ../shared/schema/"
    );
    for name in names(&theirs) {
        let read = |dir: &Path| std::fs::read(dir.join(&name)).expect("readable");
        if name == "declcmp-report.schema.json" {
            let json = |bytes: Vec<u8>| -> serde_json::Value {
                serde_json::from_slice(&bytes).expect("a schema is JSON")
            };
            let mut expected = json(read(&theirs));
            extend_report_schema(&mut expected);
            assert_eq!(
                json(read(&ours)),
                expected,
                "schema/{name} is ../shared/schema/{name} with the reversal extension"
            );
            continue;
        }
        assert!(
            read(&ours) == read(&theirs),
            "schema/{name} differs from ../shared/schema/{name}: copy it over"
        );
    }
}

/// The report schema's extension (issue "the gate holds"): a pair's commitment may be
/// `reversed`, a pair between two texts says which is `stronger_in`, and the summary counts
/// reversals. Additions only: every report valid under the workplace's schema stays valid.
fn extend_report_schema(schema: &mut serde_json::Value) {
    let pair = &mut schema["$defs"]["pair"]["properties"];
    pair["commitment_change"] = serde_json::json!({
        "description": "reversed: a negation added to or taken from the duty (will -> will not, 将 -> 不将).",
        "enum": ["same", "weakened", "strengthened", "reversed"]
    });
    pair["stronger_in"] = serde_json::json!({
        "description": "Between two different texts, the side whose commitment level is higher; absent when they are equal.",
        "enum": ["a", "b"]
    });
    pair["confidence"] = serde_json::json!({
        "description": "The estimated chance that the clauses are the same commitment: 1 for identical clauses; between two different texts, the fitted decision's confidence.",
        "type": "number",
        "minimum": 0,
        "maximum": 1
    });
    schema["properties"]["related"] = serde_json::json!({
        "description": "Between two different texts, the closest pair of clauses without a counterpart below the confidence of the same commitment: shown apart, not counted as shared; their clauses stay in unmatched_a and unmatched_b.",
        "type": "array",
        "items": {"$ref": "#/$defs/pair"}
    });
    for count in ["reversed", "related"] {
        schema["properties"]["summary"]["properties"][count] =
            serde_json::json!({"type": "integer"});
    }
}
