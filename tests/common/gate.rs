//! The gate suite: edits of a real text that `declcmp check` must fail (a commitment
//! deleted) or pass (a text unchanged, re-wrapped or renumbered), run through the library
//! with the default rules. Shared by `tests/gate.rs` and `examples/gate_suite.rs`.
#![allow(dead_code, reason = "the test and the example use different parts")]

use std::fmt;

use declcmp::check::{Change, Rules, Verdict};
use declcmp::commitment::{Level, commitment_of};
use declcmp::{CompareOptions, ReadOptions, Unit};

/// Which deletions to run: every k-th protected clause (1 = all).
#[derive(Debug, Clone, Copy)]
pub struct Every(pub usize);

/// What a suite found.
#[derive(Debug, Default)]
pub struct Tally {
    /// Deletions tried.
    pub deletions: usize,
    /// Deletions that failed the check naming every deleted clause.
    pub caught: usize,
    /// The deletions that were not caught, described.
    pub misses: Vec<String>,
    /// Edits that must pass (unchanged, re-wrapped, renumbered) tried.
    pub controls: usize,
    /// The controls that failed, described.
    pub false_failures: Vec<String>,
    /// Deletions skipped because the clause's text was not found verbatim in the source.
    pub skipped: usize,
}

impl Tally {
    /// Adds another suite's counts to this one.
    pub fn add(&mut self, other: &Tally) {
        self.deletions += other.deletions;
        self.caught += other.caught;
        self.controls += other.controls;
        self.skipped += other.skipped;
        self.misses.extend(other.misses.iter().cloned());
        self.false_failures
            .extend(other.false_failures.iter().cloned());
    }

    /// Share of deletions caught, 1.0 when there were none.
    pub fn rate(&self) -> f64 {
        if self.deletions == 0 {
            1.0
        } else {
            self.caught as f64 / self.deletions as f64
        }
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "caught {}/{} ({:.1} %), false failures {}/{}, skipped {}",
            self.caught,
            self.deletions,
            100.0 * self.rate(),
            self.false_failures.len(),
            self.controls,
            self.skipped
        )
    }
}

/// The lowest level the default rules protect against removal.
pub fn protected_level() -> Level {
    Rules::default().min_level.max(Level::Encourage)
}

/// Runs the whole suite on one text (Markdown source), both units.
pub fn run_suite(name: &str, source: &str, every: Every) -> Tally {
    let mut tally = Tally::default();
    for unit in [Unit::Sentence, Unit::Paragraph] {
        let original = document(source, unit);
        for (what, edited) in controls(source) {
            tally.controls += 1;
            let verdict = verdict(&original, &document(&edited, unit), unit);
            if !verdict.passed() {
                let first = &verdict.failures[0];
                tally.false_failures.push(format!(
                    "{name} {unit}: {what}: {} at line {} ({} failing)",
                    first.change,
                    first.line,
                    verdict.failures.len()
                ));
            }
        }
        let protected: Vec<usize> = original
            .clauses
            .iter()
            .filter(|c| commitment_of(&c.text).level >= protected_level())
            .map(|c| c.index)
            .collect();
        for &i in protected.iter().step_by(every.0.max(1)) {
            let mut variants: Vec<(&str, Vec<usize>, Option<usize>)> =
                vec![("alone", vec![i], None)];
            if unit == Unit::Sentence {
                let n = original.clauses.len();
                let neighbour = if i + 1 < n { i + 1 } else { i.wrapping_sub(1) };
                if neighbour < n {
                    variants.push(("with a reworded neighbour", vec![i], Some(neighbour)));
                }
                if i + 1 < n {
                    variants.push(("with the next", vec![i, i + 1], None));
                }
            }
            for (what, deleted, reworded) in variants {
                let Some(edited) = delete(source, &original, &deleted, reworded) else {
                    tally.skipped += 1;
                    continue;
                };
                tally.deletions += 1;
                let verdict = verdict(&original, &document(&edited, unit), unit);
                match missing(&verdict, &original, &deleted) {
                    None => tally.caught += 1,
                    Some(why) => tally.misses.push(format!(
                        "{name} {unit}: A{} {what}: {why}: {}",
                        i + 1,
                        start_of(&original.clauses[i].text)
                    )),
                }
            }
        }
    }
    tally
}

fn document(source: &str, unit: Unit) -> declcmp::document::Document {
    let options = ReadOptions {
        unit,
        ..ReadOptions::default()
    };
    declcmp::document_from_text(source, "text.md", "UTF-8", &options)
}

fn verdict(
    a: &declcmp::document::Document,
    b: &declcmp::document::Document,
    unit: Unit,
) -> Verdict {
    let options = CompareOptions {
        unit,
        ..CompareOptions::default()
    };
    let report = declcmp::compare(a, b, &options);
    declcmp::check::check(&report, &Rules::default())
}

/// Why the verdict does not name every deleted clause as removed, if it does not.
fn missing(
    verdict: &Verdict,
    original: &declcmp::document::Document,
    deleted: &[usize],
) -> Option<String> {
    for &k in deleted {
        let id = format!("A{}", k + 1);
        let names = |f: &&declcmp::check::Finding| {
            f.change == Change::Removed && f.old.as_ref().is_some_and(|s| s.ids == [id.clone()])
        };
        let protected = commitment_of(&original.clauses[k].text).level >= protected_level();
        let found = if protected {
            verdict.failures.iter().any(|f| names(&f))
        } else {
            verdict
                .failures
                .iter()
                .chain(&verdict.notices)
                .any(|f| names(&f))
        };
        if !found {
            let instead = verdict
                .failures
                .iter()
                .chain(&verdict.notices)
                .find(|f| f.old.as_ref().is_some_and(|s| s.ids.contains(&id)))
                .map_or("not reported".to_string(), |f| {
                    let new = f.new.as_ref().map(|s| s.ids.join("+")).unwrap_or_default();
                    let old = f.old.as_ref().map(|s| s.ids.join("+")).unwrap_or_default();
                    format!("{id} reported as {} {old} -> {new}", f.change)
                });
            return Some(instead);
        }
    }
    None
}

/// The source with the clauses `deleted` cut out and clause `reworded` reworded, or `None`
/// when a clause's text is not found verbatim.
fn delete(
    source: &str,
    doc: &declcmp::document::Document,
    deleted: &[usize],
    reworded: Option<usize>,
) -> Option<String> {
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    for &k in deleted {
        let (start, end) = locate(source, &doc.clauses[k])?;
        cuts.push((start, end, String::new()));
    }
    if let Some(k) = reworded {
        let (start, end) = locate(source, &doc.clauses[k])?;
        cuts.push((start, end, reword(&source[start..end])));
    }
    cuts.sort_by_key(|c| c.0);
    if cuts.windows(2).any(|w| w[0].1 > w[1].0) {
        return None;
    }
    let mut out = source.to_string();
    for (start, end, with) in cuts.into_iter().rev() {
        out.replace_range(start..end, &with);
    }
    Some(out)
}

/// Byte range of a clause's text in the source: the first verbatim occurrence from the
/// clause's line on.
fn locate(source: &str, clause: &declcmp::document::Clause) -> Option<(usize, usize)> {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(clause.line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = source.get(line_start..)?.find(clause.text.as_str())? + line_start;
    Some((at, at + clause.text.len()))
}

/// A light rewording: one word (or two Han characters) dropped from the middle and an
/// adverb put in.
fn reword(text: &str) -> String {
    let han = text
        .chars()
        .filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        .count();
    if han * 2 > text.chars().count() {
        let chars: Vec<char> = text.chars().collect();
        let mid = chars.len() / 2;
        let mut out: String = chars[..mid.saturating_sub(1)].iter().collect();
        out.push_str("切实");
        out.extend(&chars[(mid + 1).min(chars.len())..]);
        out
    } else {
        let mut words: Vec<&str> = text.split(' ').collect();
        if words.len() > 3 {
            let mid = words.len() / 2;
            words.remove(mid);
            words.insert(1, "also");
        }
        words.join(" ")
    }
}

/// The edits that must pass: the text unchanged, a long paragraph line broken in two, and
/// every ordered list renumbered from 2.
fn controls(source: &str) -> Vec<(&'static str, String)> {
    let mut out = vec![("unchanged", source.to_string())];
    if let Some(wrapped) = rewrap(source) {
        out.push(("a paragraph re-wrapped", wrapped));
    }
    if let Some(renumbered) = renumber(source) {
        out.push(("lists renumbered", renumbered));
    }
    out
}

fn rewrap(source: &str) -> Option<String> {
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let body = line.trim_end();
        let plain =
            body.chars().next().is_some_and(char::is_alphabetic) && body.chars().count() > 60;
        if plain {
            let chars: Vec<(usize, char)> = body.char_indices().collect();
            let mid = chars.len() / 2;
            let han = chars[mid].1 > '\u{2e80}';
            let cut = if han {
                Some(chars[mid].0)
            } else {
                chars[mid..]
                    .iter()
                    .find(|(_, c)| *c == ' ')
                    .map(|&(i, _)| i)
            };
            if let Some(cut) = cut {
                let mut out = source.to_string();
                if han {
                    out.insert(offset + cut, '\n');
                } else {
                    out.replace_range(offset + cut..offset + cut + 1, "\n");
                }
                return Some(out);
            }
        }
        offset += line.len();
    }
    None
}

fn renumber(source: &str) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(source.len());
    for line in source.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        let rest = &line[indent..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let numbered = digits > 0 && digits < 4 && rest[digits..].starts_with(". ");
        match rest[..digits].parse::<u32>() {
            Ok(n) if numbered => {
                changed = true;
                out.push_str(&line[..indent]);
                out.push_str(&(n + 1).to_string());
                out.push_str(&rest[digits..]);
            }
            _ => out.push_str(line),
        }
    }
    changed.then_some(out)
}

fn start_of(text: &str) -> String {
    text.chars().take(50).collect()
}
