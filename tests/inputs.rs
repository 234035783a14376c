//! Inputs that must read correctly through the real binary: every encoding declcmp detects
//! or is told, every line-ending convention, awkward Unicode, empty inputs and stdin, and
//! pathologically large inputs in bounded time. Fixtures are made here from the samples.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use encoding_rs::{BIG5, Encoding, GB18030};
use serde_json::Value;
use tempfile::TempDir;

const SHANGHAI: &str = "samples/shanghai-declaration.zh.md";
const SHANGHAI_REVISED: &str = "samples/shanghai-declaration.revised.zh.md";
const CHARTER_V1: &str = "samples/community-ai-charter.v1.en.md";

/// A short declaration in Traditional Chinese (Big5 cannot hold the simplified sample).
const ZH_HANT: &str = "# 人工智能全球治理宣言\n\n\
我們認為，人工智能的發展應當堅持以人為本、智能向善，確保安全、可靠、可控。\
各國應加強對話與合作，共同推動建立開放、公正、有效的治理機制。\n\n\
## 一、促進發展\n\n\
我們願積極推進研發，釋放人工智能在醫療、教育、交通、農業等各領域的應用潛力。\
鼓勵創新思維，支持跨學科研究合作。\n\n\
## 二、維護安全\n\n\
我們高度重視人工智能的安全問題，特別是數據安全與個人隱私保護。\
各方應建立風險評估和測試體系。\n";

fn package_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn package_text(path: &str) -> String {
    std::fs::read_to_string(package_path(path)).expect("the sample is readable")
}

fn declcmp() -> Command {
    let mut command = Command::cargo_bin("declcmp").expect("the declcmp binary is built");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// What a JSON run gave: the report, the exit code and stderr.
struct Run {
    report: Value,
    code: i32,
    stderr: String,
}

/// `declcmp A B --format json EXTRA…`; panics when it prints no JSON or panics.
fn json(a: &Path, b: &Path, extra: &[&str]) -> Run {
    let output = declcmp()
        .arg(a)
        .arg(b)
        .args(["--format", "json"])
        .args(extra)
        .output()
        .expect("declcmp runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "declcmp {} {} printed no JSON ({err}); stderr: {stderr}",
            a.display(),
            b.display()
        )
    });
    Run {
        report,
        code: output.status.code().expect("an exit code"),
        stderr,
    }
}

/// Writes `bytes` as `name` in `dir` and returns the path.
fn fixture(dir: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("the fixture is written");
    path
}

fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "the text fits {}", encoding.name());
    bytes.into_owned()
}

fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
    for unit in units {
        bytes.extend_from_slice(&if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

/// Asserts a run found every clause identical, with the same clauses on both sides.
fn all_identical(run: &Run, what: &str) {
    let summary = &run.report["summary"];
    assert_eq!(run.code, 0, "{what}: {summary}\n{}", run.stderr);
    assert!(summary["clauses_a"].as_u64().unwrap() > 0, "{what}");
    assert_eq!(summary["clauses_a"], summary["identical"], "{what}");
    assert_eq!(summary["clauses_b"], summary["identical"], "{what}");
}

fn clause_lines(report: &Value, side: &str) -> Vec<u64> {
    report[side]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn gb18030_reads_as_the_utf8_original() {
    let text = package_text(SHANGHAI);
    let dir = tempfile::tempdir().unwrap();
    let legacy = fixture(&dir, "gb.md", &encoded(GB18030, &text));
    let run = json(&legacy, &package_path(SHANGHAI), &[]);
    all_identical(&run, "GB18030 vs UTF-8");
    assert_eq!(run.report["a"]["encoding"], "gb18030");
    assert_eq!(run.report["b"]["encoding"], "UTF-8");
    assert_eq!(run.stderr, "", "a clean decode warns about nothing");
}

#[test]
fn big5_reads_as_the_utf8_original() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = fixture(&dir, "big5.md", &encoded(BIG5, ZH_HANT));
    let utf8 = fixture(&dir, "utf8.md", ZH_HANT.as_bytes());
    let run = json(&legacy, &utf8, &[]);
    all_identical(&run, "Big5 vs UTF-8");
    assert_eq!(run.report["a"]["encoding"], "Big5");
}

#[test]
fn byte_order_marks_utf8_and_utf16() {
    let text = package_text(SHANGHAI);
    let dir = tempfile::tempdir().unwrap();
    let bom8 = fixture(
        &dir,
        "bom8.md",
        &[b"\xEF\xBB\xBF", text.as_bytes()].concat(),
    );
    let le = fixture(&dir, "le.md", &utf16(&text, true, true));
    let be = fixture(&dir, "be.md", &utf16(&text, false, true));
    for (path, encoding) in [(&bom8, "UTF-8"), (&le, "UTF-16LE"), (&be, "UTF-16BE")] {
        let run = json(path, &package_path(SHANGHAI), &[]);
        all_identical(&run, encoding);
        assert_eq!(run.report["a"]["encoding"], encoding);
        assert_eq!(
            clause_lines(&run.report, "a"),
            clause_lines(&run.report, "b"),
            "{encoding}: the BOM does not shift lines"
        );
    }
}

#[test]
fn forced_encoding_reads_both_inputs() {
    let dir = tempfile::tempdir().unwrap();
    // GBK bytes for both documents, forced rather than detected.
    let a = fixture(&dir, "a.md", &encoded(GB18030, &package_text(SHANGHAI)));
    let b = fixture(
        &dir,
        "b.md",
        &encoded(GB18030, &package_text(SHANGHAI_REVISED)),
    );
    let forced = json(&a, &b, &["--encoding", "gbk"]);
    assert_eq!(forced.report["a"]["encoding"], "GBK");
    assert_eq!(forced.report["b"]["encoding"], "GBK");
    // UTF-16LE without a BOM can only be read when forced.
    let a16 = fixture(&dir, "a16.md", &utf16(&package_text(SHANGHAI), true, false));
    let b16 = fixture(
        &dir,
        "b16.md",
        &utf16(&package_text(SHANGHAI_REVISED), true, false),
    );
    let forced16 = json(&a16, &b16, &["--encoding", "utf-16le"]);
    assert_eq!(forced16.report["a"]["encoding"], "UTF-16LE");
    let plain = json(
        &package_path(SHANGHAI),
        &package_path(SHANGHAI_REVISED),
        &[],
    );
    for run in [&forced, &forced16] {
        assert_eq!(run.code, plain.code);
        assert_eq!(run.report["summary"], plain.report["summary"]);
        assert_eq!(run.report["pairs"], plain.report["pairs"]);
    }
}

#[test]
fn line_endings_crlf_cr_mixed_and_no_final_newline() {
    let lf = package_text(SHANGHAI);
    let lines: Vec<&str> = lf.split('\n').collect();
    // LF, CRLF and lone CR in turn; an empty line after a lone CR does not end in LF,
    // since CR then LF would be one CRLF line end, not two.
    let mut mixed = String::new();
    for (k, line) in lines.iter().enumerate() {
        mixed.push_str(line);
        if k + 1 < lines.len() {
            let next_empty = lines[k + 1].is_empty();
            let end = match k % 3 {
                0 => "\n",
                1 => "\r\n",
                _ if next_empty => "\r\n",
                _ => "\r",
            };
            mixed.push_str(end);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        ("crlf.md", lf.replace('\n', "\r\n")),
        ("cr.md", lf.replace('\n', "\r")),
        ("mixed.md", mixed),
        ("no-final-newline.md", lf.trim_end_matches('\n').to_string()),
        (
            "crlf-no-final.md",
            lf.trim_end_matches('\n').replace('\n', "\r\n"),
        ),
    ];
    for (name, text) in variants {
        let path = fixture(&dir, name, text.as_bytes());
        let run = json(&package_path(SHANGHAI), &path, &[]);
        all_identical(&run, name);
        assert_eq!(
            clause_lines(&run.report, "a"),
            clause_lines(&run.report, "b"),
            "{name}: line numbers are the file's"
        );
    }
}

#[test]
fn full_and_half_width_punctuation_and_invisible_spaces_compare_identical() {
    let zh = package_text(SHANGHAI);
    let en = package_text(CHARTER_V1);
    let dir = tempfile::tempdir().unwrap();
    // Full-width commas, semicolons and colons written half-width, as when text passes
    // through an English input method; paragraphs indented with ideographic spaces; zero-
    // width spaces and joiners inside words, as web pages leave them.
    let half_width = zh.replace('，', ",").replace('；', ";").replace('：', ":");
    let indented: String = zh
        .lines()
        .map(|line| {
            if line.starts_with("我们") {
                format!("\u{3000}\u{3000}{line}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    let zero_width = zh
        .replace("人工智能", "人工\u{200B}智能")
        .replace("合作", "合\u{200D}作")
        .replace("发展", "发\u{2060}展");
    let nbsp = en.replace(" the ", "\u{A0}the\u{A0}");
    for (name, text, original) in [
        ("half-width.md", half_width, SHANGHAI),
        ("indented.md", indented, SHANGHAI),
        ("zero-width.md", zero_width, SHANGHAI),
        ("nbsp.md", nbsp, CHARTER_V1),
    ] {
        assert_ne!(text, package_text(original), "{name} differs in bytes");
        let path = fixture(&dir, name, text.as_bytes());
        let run = json(&package_path(original), &path, &[]);
        all_identical(&run, name);
    }
}

/// Clauses full of characters that trip byte/char/grapheme confusions; the second version
/// changes one word in each.
const UNICODE_A: &str = "# 生僻字与表情\n\n\
我们保护𦡦𠀋𪚥等生僻字的数字化传承。\
表情符号😀🎉👩‍👩‍👧不应影响条款的比较结果。\
Café owners and naïve e\u{301}tude writers shall cooperate.\n\n\
- 全角，半角, 混用；也可以;。\n";
const UNICODE_B: &str = "# 生僻字与表情\n\n\
我们保护𦡦𠀋𪚥等生僻字的数字化存档。\
表情符号😀🎉👩‍👩‍👧不应改变条款的比较结果。\
Café owners and naïve e\u{301}tude readers shall cooperate.\n\n\
- 全角，半角, 混用；也可以;。\n";

#[test]
fn rare_characters_emoji_and_combining_marks_survive_whole() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixture(&dir, "a.md", UNICODE_A.as_bytes());
    let b = fixture(&dir, "b.md", UNICODE_B.as_bytes());
    let run = json(&a, &b, &[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary = &run.report["summary"];
    assert_eq!(summary["modified"], 3, "{summary}");
    assert_eq!(summary["identical"], 1, "{summary}");
    // The clause texts are the source characters, not a byte or two short.
    let texts: Vec<&str> = run.report["b"]["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    for needle in [
        "𦡦𠀋𪚥",
        "😀🎉👩‍👩‍👧",
        "e\u{301}tude",
        "全角，半角, 混用；也可以;。",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(needle)),
            "{needle:?} in {texts:?}"
        );
    }
}

/// The runs a plain (`--color never`) word diff marks as deleted (`[-…-]`) and inserted
/// (`{+…+}`).
fn marked(diff: &str) -> (Vec<&str>, Vec<&str>) {
    let runs = |open: &str, close: &str| -> Vec<&str> {
        diff.split(open)
            .skip(1)
            .filter_map(|rest| rest.split_once(close).map(|(run, _)| run))
            .collect()
    };
    (runs("[-", "-]"), runs("{+", "+}"))
}

#[test]
fn diff_highlights_land_on_the_changed_words() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixture(&dir, "a.md", UNICODE_A.as_bytes());
    let b = fixture(&dir, "b.md", UNICODE_B.as_bytes());
    let output = declcmp()
        .arg(&a)
        .arg(&b)
        .args(["--format", "diff", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8(output.stdout).expect("the diff is UTF-8");
    let (deleted, inserted) = marked(&diff);
    for (old, new) in [("传承", "存档"), ("影响", "改变"), ("writers", "readers")] {
        assert!(
            deleted.iter().any(|run| run.contains(old)),
            "{old} marked deleted in:\n{diff}"
        );
        assert!(
            inserted.iter().any(|run| run.contains(new)),
            "{new} marked inserted in:\n{diff}"
        );
    }
    // Nothing that stayed is marked, whole characters included.
    for kept in ["𦡦", "😀", "👩‍👩‍👧", "e\u{301}tude", "Café", "naïve"] {
        assert!(
            !deleted
                .iter()
                .chain(&inserted)
                .any(|run| run.contains(kept)),
            "{kept:?} is not marked:\n{diff}"
        );
        assert!(diff.contains(kept), "{kept:?} is shown:\n{diff}");
    }
}

#[test]
fn empty_inputs_and_dev_null_have_zero_clauses() {
    let dir = tempfile::tempdir().unwrap();
    let empty = fixture(&dir, "empty.md", b"");
    let headings = fixture(
        &dir,
        "headings.md",
        "---\ntitle: 空宣言\n---\n\n# 空宣言\n\n## 一、总则\n\n## 二、附则\n".as_bytes(),
    );
    let null = Path::new("/dev/null");
    let zero = |run: &Run, side: &str| {
        assert_eq!(run.report[side]["clauses"].as_array().unwrap().len(), 0);
    };
    for (a, b) in [
        (null, null),
        (&empty, &empty),
        (&headings, null),
        (&empty, &headings),
    ] {
        let run = json(a, b, &[]);
        assert_eq!(run.code, 0, "{} vs {}", a.display(), b.display());
        zero(&run, "a");
        zero(&run, "b");
        assert!(run.report["pairs"].as_array().unwrap().is_empty());
    }
    // Everything of the other document is then only in it.
    let run = json(null, &package_path(SHANGHAI), &[]);
    assert_eq!(run.code, 1);
    let summary = &run.report["summary"];
    assert_eq!(summary["only_b"], summary["clauses_b"]);
    assert_eq!(summary["clauses_a"], 0);
    let run = json(&package_path(SHANGHAI), &empty, &[]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.report["summary"]["only_a"],
        run.report["summary"]["clauses_a"]
    );
    for format in ["table", "diff", "markdown"] {
        declcmp()
            .args(["/dev/null", SHANGHAI, "--format", format])
            .assert()
            .code(1);
        declcmp()
            .args(["/dev/null", "/dev/null", "--format", format])
            .assert()
            .code(0);
    }
}

#[test]
fn stdin_reads_as_a_document() {
    let output = declcmp()
        .args(["-", SHANGHAI, "--format", "json"])
        .write_stdin(package_text(SHANGHAI))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["a"]["path"], "<stdin>");
    // GB18030 through stdin is detected as from a file.
    let output = declcmp()
        .args([SHANGHAI, "-", "--format", "json"])
        .write_stdin(encoded(GB18030, &package_text(SHANGHAI)))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["b"]["encoding"], "gb18030");
}

#[test]
fn a_stray_byte_is_replaced_and_warned_about() {
    let mut bytes = package_text(SHANGHAI).into_bytes();
    let offset = bytes.len() / 2;
    // The start of a line, so the byte does not cut a character in two.
    let offset = offset + bytes[offset..].iter().position(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(offset, 0xFF);
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(&dir, "stray.md", &bytes);
    let run = json(&package_path(SHANGHAI), &path, &[]);
    assert_eq!(run.code, 1, "the clause with U+FFFD differs");
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "declcmp: warning: {}: 1 invalid byte sequence(s) as UTF-8 replaced by U+FFFD, first at offset {offset}",
            path.display()
        )
    );
    let summary = &run.report["summary"];
    assert_eq!(summary["clauses_a"], summary["clauses_b"], "{summary}");
}

/// The time a pathological input may take; generous because the machines that run the
/// tests are shared. What these tests guard against is minutes and gigabytes.
const PATHOLOGICAL_BUDGET: Duration = Duration::from_secs(60);

fn timed_json(a: &Path, b: &Path) -> (Run, Duration) {
    let start = Instant::now();
    let run = json(a, b, &[]);
    let elapsed = start.elapsed();
    println!("{} vs {}: {elapsed:?}", a.display(), b.display());
    assert!(
        elapsed < PATHOLOGICAL_BUDGET,
        "{} vs {} took {elapsed:?}",
        a.display(),
        b.display()
    );
    (run, elapsed)
}

/// Deterministic Chinese clause `k` of a generated document: twenty characters picked by
/// a linear congruential generator, with a number so no two clauses are the same.
fn generated_clause(k: usize, seed: u64) -> String {
    const HAN: &[char] = &[
        '人', '工', '智', '能', '治', '理', '安', '全', '发', '展', '合', '作', '开', '放', '共',
        '享', '创', '新', '伦', '数', '据', '隐', '私', '责', '任', '透', '明', '公', '平', '国',
        '际', '社', '会', '技', '术', '应', '用', '风', '险', '监', '管', '标',
    ];
    let mut state = seed ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let body: String = (0..20)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            HAN[(state >> 33) as usize % HAN.len()]
        })
        .collect();
    format!("第{k}条：{body}。\n")
}

#[test]
fn one_megabyte_clause() {
    // No sentence end anywhere: one clause of some 340,000 characters.
    let clause: String = (0..17_000)
        .map(|k| generated_clause(k, 7).replace(['。', '\n'], "，"))
        .collect();
    assert!(clause.len() > 1_000_000);
    let middle = (clause.len() / 2..)
        .find(|&k| clause.is_char_boundary(k))
        .unwrap();
    let changed = format!("{}我们{}", &clause[..middle], &clause[middle..]);
    let dir = tempfile::tempdir().unwrap();
    let a = fixture(&dir, "a.md", clause.as_bytes());
    let b = fixture(&dir, "b.md", changed.as_bytes());
    let (run, _) = timed_json(&a, &b);
    assert_eq!(run.code, 1);
    let summary = &run.report["summary"];
    assert_eq!(summary["clauses_a"], 1);
    assert_eq!(summary["modified"], 1, "{summary}");
}

/// Concept matching compared each term found with every term taken: a clause of two
/// megabytes of concept terms took 11 s in English and some 20 s in Chinese, growing with
/// the square of its length. Now under a second each.
#[test]
fn a_clause_of_two_megabytes_of_concept_terms() {
    let dir = tempfile::tempdir().unwrap();
    let small = fixture(
        &dir,
        "small.md",
        "We help developing countries.\n".as_bytes(),
    );
    for (name, terms) in [
        (
            "en.md",
            "developing countries capacity building data security privacy global south ",
        ),
        ("zh.md", "发展中国家能力建设数据安全个人隐私全球南方"),
    ] {
        let clause = terms.repeat(2_000_000 / terms.len() + 1);
        let big = fixture(&dir, name, clause.as_bytes());
        let (run, _) = timed_json(&big, &small);
        assert_eq!(run.report["summary"]["clauses_a"], 1);
    }
}

#[test]
fn a_thousand_identical_clauses() {
    let text = "我们支持开放合作。\n".repeat(1_000);
    let dir = tempfile::tempdir().unwrap();
    let a = fixture(&dir, "a.md", text.as_bytes());
    let (run, _) = timed_json(&a, &a);
    assert_eq!(run.code, 0);
    assert_eq!(run.report["summary"]["identical"], 1_000);
    // One of them reworded: the other 999 still pair as identical.
    let reworded = text.replacen("我们支持开放合作。", "我们积极支持开放合作。", 1);
    let b = fixture(&dir, "b.md", reworded.as_bytes());
    let (run, _) = timed_json(&a, &b);
    assert_eq!(run.code, 1);
    let summary = &run.report["summary"];
    assert_eq!(summary["identical"], 999, "{summary}");
    assert_eq!(
        summary["modified"].as_u64().unwrap() + summary["only_a"].as_u64().unwrap(),
        1,
        "{summary}"
    );
}

#[test]
fn twenty_thousand_clauses_a_side_in_bounded_time() {
    const N: usize = 20_000;
    let a: String = (0..N).map(|k| generated_clause(k, 1)).collect();
    // A revision: every hundredth clause reworded, every 250th dropped, a few added.
    let b: String = (0..N)
        .filter(|k| k % 250 != 249)
        .map(|k| {
            let clause = generated_clause(k, 1);
            if k % 100 == 50 {
                clause.replace('：', "：我们将")
            } else {
                clause
            }
        })
        .chain((0..10).map(|k| generated_clause(N + k, 2)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let a = fixture(&dir, "a.md", a.as_bytes());
    let b = fixture(&dir, "b.md", b.as_bytes());
    let (run, _) = timed_json(&a, &b);
    assert_eq!(run.code, 1);
    let summary = &run.report["summary"];
    let count = |key: &str| summary[key].as_u64().unwrap() as usize;
    assert_eq!(count("clauses_a"), N);
    assert_eq!(
        count("modified"),
        N / 100,
        "candidates find rewordings: {summary}"
    );
    assert_eq!(count("only_a"), N / 250, "{summary}");
    assert_eq!(count("only_b"), 10, "{summary}");
    assert_eq!(count("identical"), N - N / 100 - N / 250, "{summary}");
    let limits = run.report["comparison"]["limits"].as_array().unwrap();
    assert!(!limits.is_empty(), "the report names the limit");
    let cells = declcmp::tuning::DENSE_MAX_CELLS.to_string();
    assert!(
        limits.iter().all(|l| l.as_str().unwrap().contains(&cells)),
        "{limits:?}"
    );
}

#[test]
fn thousands_of_headings_go_without_section_context_and_say_so() {
    // 600 distinct headings a side: 360,000 heading pairs, over MAX_HEADING_PAIRS.
    let doc = |tag: &str| -> String {
        (0..600)
            .map(|k| {
                format!(
                    "## {tag} heading number {k}\n\nClause {k} of {tag} commits to item {k}.\n\n"
                )
            })
            .collect()
    };
    let dir = tempfile::tempdir().unwrap();
    let a = fixture(&dir, "a.md", doc("alpha").as_bytes());
    let b = fixture(&dir, "b.md", doc("beta").as_bytes());
    let (run, _) = timed_json(&a, &b);
    assert_eq!(run.code, 1);
    let limits = run.report["comparison"]["limits"].as_array().unwrap();
    let limit = declcmp::tuning::MAX_HEADING_PAIRS.to_string();
    assert!(
        limits
            .iter()
            .any(|l| l.as_str().unwrap().contains("section context")
                && l.as_str().unwrap().contains(&limit)),
        "{limits:?}"
    );
}
