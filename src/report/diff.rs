//! `--format diff`: a unified diff of the two documents in B's clause order, one line per
//! group, with word-level changes inline like `git diff --word-diff=plain`.
//!
//! Line prefixes: ` ` identical, `~` reworded (modified, split or merged), `>` moved (shown
//! once, where B has it), `-` only in A (where A had it), `+` only in B, `!` a note on the
//! line above, `@@ … @@` a new section. Each line names its clauses as `id:line`. With
//! `--changes-only` a run of identical clauses in a section is one `  … N identical` line.
//! Between two different texts a pair line ends with its confidence, and a pair whose word
//! diff would keep less than half of A's text stands side by side (A's clause removed, B's
//! added), as a pair across languages always does.

use std::io::Write;

use similar::ChangeTag;

use super::brief;
use super::layout::{self, CommitmentShift, Entry, Side};
use super::safe;
use super::worddiff::{WordDiff, word_diff};
use super::{ClauseReport, PairKind, Relation, RenderOptions, Report};

/// Between two different texts a pair is shown as a word diff only when the diff keeps at
/// least this share of A's text; else the two clauses stand side by side, A's removed and
/// B's added, as across languages.
const KEPT_FOR_WORD_DIFF: f64 = 0.5;

/// Clause labels are padded to a common width so texts line up, but never beyond this: a
/// document of a hundred thousand clauses should not indent every line by its longest id.
const LABEL_PAD_MAX: usize = 16;

/// ANSI SGR codes used, named for what they mark.
const REMOVED: &str = "31";
const ADDED: &str = "32";
const CHANGED: &str = "33";
const MOVED: &str = "36";
const HEADER: &str = "1";
const NOTE: &str = "1;33";
const SECTION: &str = "36";

/// Wraps text in an ANSI colour when colour is on.
#[derive(Clone, Copy)]
struct Paint {
    on: bool,
}

impl Paint {
    fn paint(self, code: &str, text: &str) -> String {
        if self.on && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// One output line before its labels are padded.
struct Line<'r> {
    prefix: char,
    a: String,
    b: String,
    section: Option<&'r str>,
    text: WordDiff,
    /// `(moved from A12, line 27)` for a group shown away from its A position.
    moved_from: Option<String>,
    shift: Option<CommitmentShift>,
}

/// Writes the report.
pub fn render(
    report: &Report,
    options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let paint = Paint { on: options.color };
    for limit in &report.comparison.limits {
        writeln!(out, "# {}", safe::one_line(&limit.to_string()))?;
    }
    writeln!(
        out,
        "{}",
        paint.paint(HEADER, &format!("--- {}", side_path("a", &report.a.path)))
    )?;
    writeln!(
        out,
        "{}",
        paint.paint(HEADER, &format!("+++ {}", side_path("b", &report.b.path)))
    )?;

    let lines: Vec<Line> = layout::reading_order(report, Side::B)
        .into_iter()
        .filter_map(|entry| line(report, entry))
        .collect();
    let pad_a = pad_width(lines.iter().map(|l| l.a.as_str()));
    let pad_b = pad_width(lines.iter().map(|l| l.b.as_str()));

    let mut section: Option<&str> = None;
    let mut k = 0;
    while k < lines.len() {
        let line = &lines[k];
        k += 1;
        if line.section != section {
            let name = line.section.map(safe::one_line);
            let name = name.as_deref().unwrap_or("(no heading)");
            writeln!(out, "{}", paint.paint(SECTION, &format!("@@ {name} @@")))?;
            section = line.section;
        }
        if options.changes_only && line.prefix == ' ' {
            // Identical clauses are context: a run of them in one section is one count.
            let run = 1 + lines[k..]
                .iter()
                .take_while(|l| l.prefix == ' ' && l.section == line.section)
                .count();
            k += run - 1;
            let noun = brief::plural(run, "clause", "clauses");
            writeln!(out, "  … {run} identical {noun}")?;
            continue;
        }
        let head = format!("{} {:<pad_a$}  {:<pad_b$}  ", line.prefix, line.a, line.b);
        let mut text = String::new();
        for (tag, piece) in &line.text {
            let piece = safe::one_line(piece);
            match tag {
                ChangeTag::Equal => text.push_str(&piece),
                ChangeTag::Delete if paint.on => text.push_str(&paint.paint(REMOVED, &piece)),
                ChangeTag::Insert if paint.on => text.push_str(&paint.paint(ADDED, &piece)),
                ChangeTag::Delete => text.push_str(&format!("[-{piece}-]")),
                ChangeTag::Insert => text.push_str(&format!("{{+{piece}+}}")),
            }
        }
        let rendered = match line.prefix {
            '-' => paint.paint(REMOVED, &format!("{head}{text}")),
            '+' => paint.paint(ADDED, &format!("{head}{text}")),
            '~' => format!("{}{text}", paint.paint(CHANGED, &head)),
            '>' => format!("{}{text}", paint.paint(MOVED, &head)),
            _ => format!("{head}{text}"),
        };
        write!(out, "{rendered}")?;
        if let Some(moved_from) = &line.moved_from {
            write!(out, "  {}", paint.paint(MOVED, moved_from))?;
        }
        writeln!(out)?;
        if let Some(shift) = &line.shift {
            let note = format!(
                "! commitment {}: {} → {}",
                shift.direction,
                safe::one_line(&shift.from),
                safe::one_line(&shift.to)
            );
            writeln!(out, "{}", paint.paint(NOTE, &note))?;
        }
    }
    for pair in &report.related {
        writeln!(
            out,
            "# related, not counted as shared: {} ~ {} (confidence {:.2})",
            pair.a.join("+"),
            pair.b.join("+"),
            pair.confidence
        )?;
    }
    Ok(())
}

/// The share of A's side of a word diff (in characters) that the diff keeps.
fn kept_share(diff: &WordDiff) -> f64 {
    let (mut kept, mut a) = (0, 0);
    for (tag, piece) in diff {
        let n = piece.chars().count();
        match tag {
            ChangeTag::Equal => {
                kept += n;
                a += n;
            }
            ChangeTag::Delete => a += n,
            ChangeTag::Insert => {}
        }
    }
    if a == 0 { 1.0 } else { kept as f64 / a as f64 }
}

/// The width to pad labels to: the widest label of a single clause. A split or merge names
/// several clauses and may stick out rather than push every other line right.
fn pad_width<'l>(labels: impl Iterator<Item = &'l str>) -> usize {
    labels
        .filter(|l| !l.contains('+'))
        .map(str::len)
        .max()
        .unwrap_or(0)
        .min(LABEL_PAD_MAX)
}

/// `a/path` as in a unified diff; an absolute path stays as it is.
fn side_path(side: &str, path: &str) -> String {
    let path = safe::one_line(path);
    if std::path::Path::new(path.as_ref()).is_absolute() {
        path.into_owned()
    } else {
        format!("{side}/{path}")
    }
}

/// `A12:27`, or `A12:27+A13:27` for several clauses.
fn label(clauses: &[&ClauseReport]) -> String {
    clauses
        .iter()
        .map(|c| format!("{}:{}", safe::one_line(&c.id), c.line))
        .collect::<Vec<_>>()
        .join("+")
}

/// The line of one entry of the reading order.
fn line(report: &Report, entry: Entry) -> Option<Line<'_>> {
    let plain = |text: &str| vec![(ChangeTag::Equal, text.to_string())];
    match entry {
        Entry::OnlyA(i) => {
            let clause = report.a.clauses.get(i)?;
            Some(Line {
                prefix: '-',
                a: label(&[clause]),
                b: String::new(),
                section: clause.section.as_deref(),
                text: plain(&clause.text),
                moved_from: None,
                shift: None,
            })
        }
        Entry::OnlyB(j) => {
            let clause = report.b.clauses.get(j)?;
            Some(Line {
                prefix: '+',
                a: String::new(),
                b: label(&[clause]),
                section: clause.section.as_deref(),
                text: plain(&clause.text),
                moved_from: None,
                shift: None,
            })
        }
        Entry::Pair(k) => {
            let pair = report.pairs.get(k)?;
            let a: Vec<&ClauseReport> = layout::clauses(&report.a, &pair.a_index).collect();
            let b: Vec<&ClauseReport> = layout::clauses(&report.b, &pair.b_index).collect();
            let text_b = layout::group_text(&report.b, &pair.b_index);
            let text = if pair.kind == PairKind::Identical {
                plain(&text_b)
            } else {
                let text_a = layout::group_text(&report.a, &pair.a_index);
                // Two languages: a word diff would mark every word. Two authors' sentences
                // on one topic keep a few words in common: marked word by word they read as
                // neither sentence. A revision's edit is always a word diff, however large.
                let diff = (report.a.lang == report.b.lang)
                    .then(|| word_diff(&text_a, &text_b))
                    .filter(|diff| {
                        !brief::is_cross(report) || kept_share(diff) >= KEPT_FOR_WORD_DIFF
                    });
                // Else the two clauses stand side by side, A's as removed and B's as added.
                diff.unwrap_or_else(|| {
                    vec![(ChangeTag::Delete, text_a), (ChangeTag::Insert, text_b)]
                })
            };
            let prefix = match (pair.moved, pair.kind) {
                (true, _) => '>',
                (false, PairKind::Identical) => ' ',
                (false, _) => '~',
            };
            let cross = report.comparison.relation == Relation::Cross;
            let moved_from = if pair.also {
                Some(format!(
                    "(also: a further counterpart, confidence {:.2})",
                    pair.confidence
                ))
            } else if cross && pair.kind != PairKind::Identical {
                Some(format!("(confidence {:.2})", pair.confidence))
            } else {
                pair.moved.then(|| {
                    let ids: Vec<&str> = a.iter().map(|c| c.id.as_str()).collect();
                    let line = a.first().map_or(0, |c| c.line);
                    format!(
                        "(moved from {}, line {line})",
                        safe::one_line(&ids.join("+"))
                    )
                })
            };
            Some(Line {
                prefix,
                a: label(&a),
                b: label(&b),
                section: b.first().and_then(|c| c.section.as_deref()),
                text,
                moved_from,
                shift: layout::commitment_shift(report, pair),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diff_of(report: &Report, color: bool) -> String {
        let options = RenderOptions {
            color,
            ..RenderOptions::default()
        };
        let mut out = Vec::new();
        render(report, &options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn a_weakened_commitment_gets_a_note() {
        let out = diff_of(&layout::weakened_report(), false);
        assert!(
            out.contains(
                "~ A1:1  B1:1  我们[-将-]{+愿+}加强合作。\n! commitment weakened: 将 → 愿\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn colour_replaces_the_brackets() {
        let out = diff_of(&layout::weakened_report(), true);
        assert!(
            out.contains("我们\x1b[31m将\x1b[0m\x1b[32m愿\x1b[0m加强合作。"),
            "{out}"
        );
        assert!(!out.contains("[-"), "{out}");
    }

    #[test]
    fn changes_only_counts_the_identical_clauses() {
        let options = RenderOptions {
            changes_only: true,
            ..RenderOptions::default()
        };
        let mut out = Vec::new();
        render(&layout::weakened_report(), &options, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("  … 1 identical clause\n"), "{out}");
        assert!(!out.contains("我们支持开放"), "{out}");
        assert!(out.contains("我们[-将-]{+愿+}加强合作"), "{out}");
    }

    #[test]
    fn relative_paths_get_side_prefixes() {
        assert_eq!(side_path("a", "docs/x.md"), "a/docs/x.md");
        assert_eq!(side_path("b", "/tmp/x.md"), "/tmp/x.md");
    }
}
