//! The Markdown brief as a reader meets it, through the real binary: the headline first, the
//! brief of two different texts short enough for two screens, every pair shown once, the
//! changed commitments of a revision before any list of clauses, and clause text that
//! cannot break the side-by-side table.

mod common;

use assert_cmd::Command;
use common::{Side, pair_ids, pairs, run_json, shared_path, unmatched};
use serde_json::Value;

/// The corpus pair of the brief's line budget: the Shanghai Declaration against the
/// China–France joint statement, two different Chinese texts.
const CHINA_FRANCE: &str = "corpus/china-france-joint-statement-ai-global-governance.zh.md";

/// Lines of the brief outside `<details>` blocks: what a reader scrolls through before
/// unfolding anything, about two screens.
const OPEN_LINES: usize = 60;

/// Lines of the whole brief, folded blocks included.
const ALL_LINES: usize = 110;

fn markdown(a: &str, b: &str) -> String {
    let output = Command::cargo_bin("declcmp")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([a, b, "--format", "markdown"])
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{a} {b}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The lines outside `<details>` … `</details>` (both tags count as folded).
fn open_lines(brief: &str) -> usize {
    let mut folded = false;
    let mut open = 0;
    for line in brief.lines() {
        if line.starts_with("<details>") {
            folded = true;
        }
        if !folded {
            open += 1;
        }
        if line.starts_with("</details>") {
            folded = false;
        }
    }
    open
}

/// A pair's ids as the brief writes them: `**A5 → B22**`, `**A29+A30 → B29**`, or
/// `**A4 = B7**` for identical text.
fn pair_label(pair: &Value) -> String {
    let arrow = if pair["kind"] == "identical" {
        "="
    } else {
        "→"
    };
    format!(
        "**{} {arrow} {}**",
        pair_ids(pair, Side::A).join("+"),
        pair_ids(pair, Side::B).join("+")
    )
}

/// Every pair and related pair of the JSON report stands once in the brief, and every
/// clause without a counterpart once in its list.
fn assert_each_pair_once(a: &str, b: &str) {
    let (report, _) = run_json(a, b, &[]);
    let brief = markdown(a, b);
    let related = report["related"].as_array().map_or(&[][..], Vec::as_slice);
    for pair in pairs(&report).iter().chain(related) {
        let label = pair_label(pair);
        assert_eq!(
            brief.matches(&label).count(),
            1,
            "{a} {b}: {label}\n{brief}"
        );
    }
    for side in [Side::A, Side::B] {
        for id in unmatched(&report, side) {
            let item = format!("- **{id}** · ");
            assert_eq!(brief.matches(&item).count(), 1, "{a} {b}: {item}\n{brief}");
        }
    }
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn the_brief_of_two_different_texts_opens_with_its_headline_and_fits_two_screens() {
    let b = shared_path(CHINA_FRANCE).display().to_string();
    let a = "samples/shanghai-declaration.zh.md";
    let brief = markdown(a, &b);
    let (report, _) = run_json(a, &b, &[]);

    // The title, then the headline as the first paragraph.
    let mut paragraphs = brief.split("\n\n");
    assert!(
        paragraphs
            .next()
            .is_some_and(|p| p.starts_with("# Comparison: ")),
        "{brief}"
    );
    let headline = paragraphs.next().unwrap_or("");
    let s = &report["summary"];
    let paired = s["clauses_a"].as_u64().unwrap() - s["only_a"].as_u64().unwrap();
    assert!(
        headline.starts_with(&format!(
            "**{paired} of A's {} clauses have a counterpart in B",
            s["clauses_a"]
        )) && headline.ends_with(".**"),
        "{headline}"
    );
    assert!(
        headline.contains(&format!("B adds {} of its own", s["only_b"])),
        "{headline}"
    );
    // Two different texts do not weaken one another: they commit at different strengths.
    assert!(
        headline.contains("pairs commit at different strengths (")
            && !headline.contains("weakened"),
        "{headline}"
    );

    let (open, all) = (open_lines(&brief), brief.lines().count());
    assert!(
        open <= OPEN_LINES && all <= ALL_LINES,
        "{open} lines outside <details> (at most {OPEN_LINES}), {all} in all (at most {ALL_LINES}):\n{brief}"
    );
    // One side-by-side table of the pairs, not a list per kind.
    assert!(brief.contains("## Shared clauses, side by side"), "{brief}");
    for gone in [
        "## Summary",
        "## Commitments made at different strengths",
        "## Further counterparts",
    ] {
        assert!(!brief.contains(gone), "{gone}\n{brief}");
    }
    // B has no headings: no line names B's title as its section.
    let title_b = report["b"]["title"].as_str().unwrap();
    assert_eq!(brief.matches(title_b).count(), 1, "{brief}");
}

#[test]
#[cfg_attr(declcmp_no_shared, ignore = "needs ../shared (the workplace corpus)")]
fn every_pair_of_two_different_texts_is_shown_once() {
    let b = shared_path(CHINA_FRANCE).display().to_string();
    assert_each_pair_once("samples/shanghai-declaration.zh.md", &b);
}

#[test]
fn every_pair_of_a_translation_is_shown_once_side_by_side() {
    let (a, b) = (
        "samples/shanghai-declaration.zh.md",
        "samples/shanghai-declaration.en.md",
    );
    assert_each_pair_once(a, b);
    let brief = markdown(a, b);
    // Between two languages no word diff: the two clauses side by side, with the terms
    // that matched.
    assert!(!brief.contains("~~"), "{brief}");
    assert!(
        brief.contains("| clauses | A | B | strength | matched terms |"),
        "{brief}"
    );
    assert!(
        brief.contains("stronger in B: 致力于 → committed"),
        "{brief}"
    );
}

/// A revision too: a moved identical clause stands under Moved, not again among the
/// identical ones.
#[test]
fn every_pair_of_a_revision_is_shown_once() {
    assert_each_pair_once(
        "samples/shanghai-declaration.zh.md",
        "samples/shanghai-declaration.revised.zh.md",
    );
    assert_each_pair_once(
        "samples/community-ai-charter.v1.en.md",
        "samples/community-ai-charter.v2.en.md",
    );
}

#[test]
fn a_revision_shows_every_changed_commitment_before_any_list_of_clauses() {
    for (a, b) in [
        (
            "samples/shanghai-declaration.zh.md",
            "samples/shanghai-declaration.revised.zh.md",
        ),
        (
            "samples/community-ai-charter.v1.en.md",
            "samples/community-ai-charter.v2.en.md",
        ),
    ] {
        let (report, _) = run_json(a, b, &[]);
        let brief = markdown(a, b);
        let first_list = ["## Only in A", "## Only in B", "## Shared (identical)"]
            .iter()
            .map(|heading| brief.find(heading).expect(heading))
            .min()
            .unwrap();
        let changed: Vec<&Value> = pairs(&report)
            .iter()
            .filter(|p| p["commitment_change"] != "same")
            .collect();
        assert!(
            !changed.is_empty(),
            "{a} {b}: the sample changes commitments"
        );
        for pair in changed {
            let label = pair_label(pair);
            let at = brief
                .find(&label)
                .unwrap_or_else(|| panic!("{label}\n{brief}"));
            assert!(at < first_list, "{a} {b}: {label} after a list\n{brief}");
            // With its inline diff, once.
            assert_eq!(brief.matches(&label).count(), 1, "{label}\n{brief}");
        }
        // The by-section table totals what the JSON summary counts.
        let s = &report["summary"];
        let total = format!(
            "| **total** | **{}** | **{}** | **{}** | **{}** | **{}** | **{}** |",
            s["identical"],
            s["modified"],
            s["only_a"],
            s["only_b"],
            s["weakened"],
            s["strengthened"]
        );
        assert!(brief.contains(&total), "{a} {b}: {total}\n{brief}");
    }
}

/// What clause text is made to carry: a cell separator, a tag, strikethrough.
const HOSTILE: &str = " a | b <script>alert(1)</script> ~~c~~ |";

#[test]
fn a_pipe_or_a_tag_in_a_clause_keeps_the_side_by_side_table_whole() {
    // Two different texts of the samples: pairs and related pairs, so both tables.
    let (mut report, _) = run_json(
        "samples/shanghai-declaration.en.md",
        "samples/community-ai-charter.v1.en.md",
        &[],
    );
    assert_eq!(report["comparison"]["relation"], "cross");
    assert!(!pairs(&report).is_empty());
    for side in ["a", "b"] {
        for clause in report[side]["clauses"].as_array_mut().unwrap() {
            let text = format!("{}{HOSTILE}", clause["text"].as_str().unwrap());
            clause["text"] = Value::String(text);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("report.json");
    std::fs::write(&saved, serde_json::to_string(&report).unwrap()).unwrap();
    let output = Command::cargo_bin("declcmp")
        .unwrap()
        .arg("render")
        .arg(&saved)
        .args(["--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let brief = String::from_utf8(output.stdout).unwrap();

    // As GitHub reads it: every row of a table has as many cells as its header, each
    // clause cell holds the text as text, and no tag but the brief's own folds is live.
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut rows = 0;
    let mut cells = 0;
    let mut header_cells = 0;
    let mut in_cell = false;
    let mut cell_text = String::new();
    let mut clause_cells = 0;
    for event in Parser::new_ext(
        &brief,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    ) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::End(TagEnd::TableHead) => header_cells = cells,
            Event::End(TagEnd::TableRow) => {
                rows += 1;
                assert_eq!(cells, header_cells, "a row of {cells} cells\n{brief}");
            }
            Event::Start(Tag::TableCell) => {
                cells += 1;
                in_cell = true;
                cell_text.clear();
            }
            Event::End(TagEnd::TableCell) => {
                in_cell = false;
                if cell_text.contains("<script>") {
                    clause_cells += 1;
                    assert!(
                        cell_text.ends_with("a | b <script>alert(1)</script> ~~c~~ |"),
                        "{cell_text:?}"
                    );
                }
            }
            Event::Start(Tag::Strikethrough) => panic!("clause text struck through\n{brief}"),
            Event::Text(text) if in_cell => cell_text.push_str(&text),
            Event::Html(html) | Event::InlineHtml(html) => assert!(
                ["<details>", "</details>", "<summary>", "</summary>"]
                    .iter()
                    .any(|own| html.trim_start().starts_with(own)),
                "a live tag {html:?}\n{brief}"
            ),
            _ => {}
        }
    }
    assert!(rows > pairs(&report).len(), "{brief}");
    // Two clause cells per pair and per related pair.
    let related = report["related"].as_array().map_or(0, Vec::len);
    assert_eq!(
        clause_cells,
        2 * (pairs(&report).len() + related),
        "{brief}"
    );
}
