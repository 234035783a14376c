//! The bodies of declcmp's fuzz targets, shared by the libFuzzer binaries in
//! `fuzz_targets/` and by the bounded loop in `examples/fuzz_loop.rs` (which needs no
//! nightly toolchain). Each panics when an invariant breaks, so a fuzzer reports it.

use declcmp::Unit;
use declcmp::report::{self, Format, RenderOptions, Report};
use declcmp::{CompareOptions, ReadOptions, compare, document_from_text};

/// Labels the first byte may force, as `--encoding` would (or none, most of the time).
const LABELS: &[&str] = &[
    "utf-8",
    "gb18030",
    "big5",
    "utf-16le",
    "utf-16be",
    "shift_jis",
];

/// Options chosen by one byte: the unit, a fixed threshold or none, a forced language.
fn options(byte: u8) -> (ReadOptions, CompareOptions) {
    let unit = if byte & 1 == 0 {
        Unit::Sentence
    } else {
        Unit::Paragraph
    };
    let threshold = match (byte >> 1) & 3 {
        0 | 1 => None,
        2 => Some(0.0),
        _ => Some(f64::from(byte >> 3) / 31.0),
    };
    let lang = match byte >> 6 {
        1 => Some(declcmp::Lang::Zh),
        2 => Some(declcmp::Lang::En),
        _ => None,
    };
    (
        ReadOptions {
            unit,
            lang,
            encoding: None,
        },
        CompareOptions {
            threshold,
            unit,
            ..CompareOptions::default()
        },
    )
}

/// Decodes the bytes (detected, or forced by the first byte), parses and segments them, and
/// checks the clauses: none empty, each a piece of the text's characters, lines in range.
pub fn parse(data: &[u8]) {
    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let forced = LABELS.get(usize::from(first)).copied();
    let (read, _) = options(first);
    let Ok(source) = declcmp::input::decode(bytes, forced, "fuzz.md") else {
        return;
    };
    assert!(!source.text.contains('\r'), "line ends are normalised");
    assert!(!source.text.starts_with('\u{FEFF}'), "the BOM is stripped");
    let document = document_from_text(&source.text, "fuzz.md", source.encoding, &read);
    let lines = source.text.lines().count().max(1);
    for (k, clause) in document.clauses.iter().enumerate() {
        assert_eq!(clause.index, k);
        assert!(!clause.text.trim().is_empty(), "clause {k} is empty");
        assert!(
            (1..=lines + 1).contains(&clause.line),
            "clause {k} on line {} of {lines}",
            clause.line
        );
    }
}

/// The bytes as two documents: split at the first 0xFF, which UTF-8 never holds, else in
/// the middle.
fn two_documents(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&byte| byte == 0xFF) {
        Some(k) => (&bytes[..k], &bytes[k + 1..]),
        None => bytes.split_at(bytes.len() / 2),
    }
}

/// Splits the bytes into two documents (at the first 0xFF, which UTF-8 never holds, else in
/// the middle; the second one's first line also names its file), compares them both ways
/// and each with itself, renders every format, and checks the report's invariants and that
/// every renderer shows the documents' text safely ([`assert_shown_safely`]).
pub fn compare_render(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (read, options) = options(first);
    let (a, b) = two_documents(rest);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let (a, b) = (text(a), text(b));
    // The second document's first line also names its file, so file labels carry
    // whatever the bytes hold into every renderer.
    let name: String = b.lines().next().unwrap_or("").chars().take(40).collect();
    let a = document_from_text(&a, "a.md", "UTF-8", &read);
    let b = document_from_text(&b, &format!("b{name}.md"), "UTF-8", &read);
    let report = compare(&a, &b, &options);
    check(&report);
    check(&compare(&b, &a, &options));
    let same = compare(&a, &a, &options);
    check(&same);
    assert!(
        same.is_same(),
        "a document against itself: {:?}",
        same.summary
    );
}

/// Every clause once (in a pair or unmatched; a further counterpart, `also`, may share
/// paired clauses), scores in [0, 1], counts that agree, every renderer writes UTF-8.
fn check(report: &Report) {
    let mut seen_a = vec![0u32; report.a.clauses.len()];
    let mut seen_b = vec![0u32; report.b.clauses.len()];
    let (mut also_a, mut also_b) = (vec![false; seen_a.len()], vec![false; seen_b.len()]);
    for pair in &report.pairs {
        assert!(!pair.a_index.is_empty() && !pair.b_index.is_empty());
        if pair.also {
            pair.a_index.iter().for_each(|&i| also_a[i] = true);
            pair.b_index.iter().for_each(|&j| also_b[j] = true);
        } else {
            for &i in &pair.a_index {
                seen_a[i] += 1;
            }
            for &j in &pair.b_index {
                seen_b[j] += 1;
            }
        }
        assert!(
            pair.similarity.is_finite() && (0.0..=1.0).contains(&pair.similarity),
            "similarity {}",
            pair.similarity
        );
    }
    let number = |id: &str| {
        id[1..]
            .parse::<usize>()
            .expect("an id is a letter and a number")
            - 1
    };
    for (unmatched, seen, also) in [
        (&report.unmatched_a, &mut seen_a, &also_a),
        (&report.unmatched_b, &mut seen_b, &also_b),
    ] {
        for id in unmatched {
            assert!(!also[number(id)], "{id} is unmatched and in an `also` pair");
            seen[number(id)] += 1;
        }
        for (n, &also) in seen.iter_mut().zip(also) {
            if *n == 0 && also {
                *n = 1;
            }
        }
    }
    assert!(seen_a.iter().all(|&n| n == 1), "A clauses: {seen_a:?}");
    assert!(seen_b.iter().all(|&n| n == 1), "B clauses: {seen_b:?}");
    let summary = &report.summary;
    assert_eq!(
        summary.identical + summary.modified + summary.also,
        report.pairs.len()
    );
    assert_eq!(summary.only_a, report.unmatched_a.len());
    assert_eq!(summary.only_b, report.unmatched_b.len());
    for format in [
        Format::Table,
        Format::Diff,
        Format::Markdown,
        Format::Json,
        Format::Html,
    ] {
        for color in [false, true] {
            let mut out = Vec::new();
            let options = RenderOptions {
                color,
                width: 80,
                wrap: color,
                changes_only: color,
            };
            report::render(report, format, &options, &mut out).expect("rendering to memory");
            let out = String::from_utf8(out).expect("every format writes UTF-8");
            assert_shown_safely(format, color, &out);
        }
    }
}

#[path = "../../tests/common/raw_control.rs"]
mod raw_control;
pub use raw_control::is_raw_control;

/// `out` with the renderer's own colours (SGR sequences, never conceal) taken out; panics
/// on any other escape sequence.
fn without_own_colours(out: &str) -> String {
    let mut plain = String::with_capacity(out.len());
    let mut rest = out;
    while let Some(at) = rest.find('\u{1b}') {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let params = after
            .strip_prefix('[')
            .and_then(|p| p.find('m').map(|end| &p[..end]))
            .filter(|p| p.chars().all(|c| c.is_ascii_digit() || c == ';'))
            .unwrap_or_else(|| {
                panic!(
                    "an escape that is no colour: {:?}",
                    &after[..after.len().min(20)]
                )
            });
        assert!(!params.split(';').any(|p| p == "8"), "conceal in {out:?}");
        rest = &after[params.len() + 2..];
    }
    plain.push_str(rest);
    plain
}

/// The invariant every renderer keeps whatever a document holds: no raw control, bidi
/// control, separator or tag character (with colour on, no escape but the renderer's own
/// colours; JSON carries such characters as escapes and reads back); in Markdown no tag
/// but the brief's own `<details>`/`<summary>`, no live mention; in HTML no element but
/// the page's own.
fn assert_shown_safely(format: Format, color: bool, out: &str) {
    let plain = if color && matches!(format, Format::Table | Format::Diff) {
        without_own_colours(out)
    } else {
        out.to_string()
    };
    if let Some(c) = plain.chars().find(|&c| is_raw_control(c)) {
        panic!("{format:?}: raw U+{:04X} in {out:?}", u32::from(c));
    }
    match format {
        Format::Json => {
            Report::from_json(out).expect("the JSON reads back");
        }
        Format::Markdown => {
            for (at, _) in out.match_indices('<') {
                let own = ["<details>", "</details>", "<summary>", "</summary>"]
                    .iter()
                    .any(|tag| out[at..].starts_with(tag));
                assert!(out[..at].ends_with('\\') || own, "a live tag: {out}");
            }
            for (at, _) in out.match_indices('@') {
                assert!(
                    out[at + 1..].starts_with("&#8203;"),
                    "a live mention: {out}"
                );
            }
        }
        Format::Html => {
            // Clause text is escaped: the page has no element but its own.
            assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
            for (open, close) in [("<table", "</table>"), ("<details", "</details>")] {
                assert_eq!(
                    out.matches(open).count(),
                    out.matches(close).count(),
                    "{out}"
                );
            }
        }
        Format::Table | Format::Diff => {}
    }
}

/// Formats the first byte may force, as `--input-format` would (or detection).
const FORMATS: &[declcmp::document::format::InputFormat] = {
    use declcmp::document::format::InputFormat;
    &[
        InputFormat::Auto,
        InputFormat::Pdf,
        InputFormat::Docx,
        InputFormat::Html,
        InputFormat::Text,
        InputFormat::Auto,
    ]
};

/// Reads the bytes as a PDF, DOCX, HTML page or text (detected, or forced by the first
/// byte) and checks the blocks: a refusal is an error value, never a panic; no block is
/// empty, line marks start at offset 0 and rise, page starts rise.
pub fn read_formats(data: &[u8]) {
    use declcmp::document::format;

    let Some((&first, bytes)) = data.split_first() else {
        return;
    };
    let forced = FORMATS[usize::from(first) % FORMATS.len()];
    let Ok(chosen) = format::choose(bytes, forced, "fuzz.bin") else {
        return;
    };
    let parsed = if chosen.is_binary() {
        match format::parse_binary(bytes, chosen, "fuzz.bin", false) {
            Ok(parsed) => parsed,
            Err(error) => {
                let message = error.to_string();
                assert!(!message.contains('\n'), "a one-line error: {message}");
                return;
            }
        }
    } else {
        let Ok(source) = declcmp::input::decode(bytes, None, "fuzz.bin") else {
            return;
        };
        format::parse_text(&source.text, chosen)
    };
    for block in &parsed.blocks {
        assert!(!block.text.trim().is_empty(), "an empty block");
        assert_eq!(block.line_marks.first().map(|m| m.0), Some(0));
        assert!(block.line_marks.windows(2).all(|w| w[0].0 <= w[1].0));
        assert!(block.line_marks.iter().all(|m| m.0 <= block.text.len()));
    }
    assert!(parsed.page_starts.windows(2).all(|w| w[0] <= w[1]));
    let read = ReadOptions::default();
    let document = declcmp::document_from_parsed(&parsed, "fuzz.bin", "UTF-8", &read);
    for clause in &document.clauses {
        assert!(!clause.text.trim().is_empty());
        assert!(clause.line >= 1);
    }
}

/// Splits the bytes into two documents as [`compare_render`] does (the second one's first
/// line also names its file, so paths carry whatever the bytes hold), checks them by rules
/// that fail and report everything, and renders the verdict as the summary, GitHub
/// workflow commands and the job summary. Fails when a raw control character reaches an
/// output, when a line that GitHub would run as a workflow command is not one of the
/// annotations (one per finding up to ten of a kind, one per line), or when a row of the job summary's table is
/// not one row of six cells free of HTML and backticks.
pub fn check_render(data: &[u8]) {
    use declcmp::check::{self, Change, Rules};
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let (read, options) = options(first);
    let (a, b) = two_documents(rest);
    let a = String::from_utf8_lossy(a);
    let b = String::from_utf8_lossy(b);
    let name: String = b.lines().next().unwrap_or("").chars().take(40).collect();
    let a = document_from_text(&a, "a.md", "UTF-8", &read);
    let b = document_from_text(&b, &format!("b{name}.md"), "UTF-8", &read);
    let report = compare(&a, &b, &options);
    let rules = Rules {
        fail_on: [Change::Removed, Change::Weakened, Change::Added]
            .into_iter()
            .collect(),
        min_level: declcmp::commitment::Level::Note,
        ..Rules::default()
    };
    let verdict = check::check(&report, &rules);
    // One annotation per finding, at most `MAX_ANNOTATIONS_PER_KIND` of each command.
    let cap = check::MAX_ANNOTATIONS_PER_KIND;
    let losses = verdict
        .notices
        .iter()
        .filter(|f| f.change.is_loss())
        .count();
    let findings = verdict.failures.len().min(cap)
        + losses.min(cap)
        + (verdict.notices.len() - losses).min(cap);
    let mut json = Vec::new();
    check::render(
        &report,
        &rules,
        &verdict,
        check::Format::Json,
        "b.md",
        &mut json,
    )
    .expect("rendering to memory");
    let json = String::from_utf8(json).expect("UTF-8");
    assert!(
        !json.contains(is_raw_control),
        "JSON: a raw control: {json:?}"
    );
    Report::from_json(&json).expect("the check's JSON reads back");
    for format in [check::Format::Summary, check::Format::Github] {
        let mut out = Vec::new();
        check::render(&report, &rules, &verdict, format, &report.b.path, &mut out)
            .expect("rendering to memory");
        let out = String::from_utf8(out).expect("UTF-8");
        assert!(
            !out.contains(is_raw_control),
            "{format:?}: a raw control: {out:?}"
        );
        let commands: Vec<&str> = out
            .lines()
            .filter(|line| line.trim_start().starts_with("::"))
            .collect();
        let expected = if format == check::Format::Github {
            findings
        } else {
            0
        };
        assert_eq!(commands.len(), expected, "{format:?}: {out}");
        for line in commands {
            assert!(
                ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|c| line.starts_with(c)),
                "{line}"
            );
        }
    }
    let mut summary = Vec::new();
    check::render_step_summary(&report, &verdict, &mut summary).expect("rendering to memory");
    let summary = String::from_utf8(summary).expect("UTF-8");
    let mut markdown = Vec::new();
    report::render(
        &report,
        Format::Markdown,
        &RenderOptions::default(),
        &mut markdown,
    )
    .expect("rendering to memory");
    let markdown = String::from_utf8(markdown).expect("UTF-8");
    // The verdict and its table; the Markdown report after them is its renderer's to keep.
    let verdict_part = summary
        .strip_suffix(&format!("{markdown}\n"))
        .expect("the job summary ends with the Markdown report");
    assert!(!summary.contains(is_raw_control), "{summary:?}");
    let rows: Vec<&str> = verdict_part
        .lines()
        .filter(|l| l.starts_with("| "))
        .collect();
    assert_eq!(
        rows.len(),
        verdict.failures.len() + usize::from(!verdict.failures.is_empty())
    );
    for row in rows {
        assert!(!row.contains(['<', '>', '`']), "{row}");
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "{row}");
    }
}
