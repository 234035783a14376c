//! The rules file of `declcmp check` (`declcmp.toml`): finding it, reading it into
//! [`Rules`] with errors that name the key and line, and laying command-line flags over it.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{Change, Rules};
use crate::commitment::Level;
use crate::{Error, Result};

/// The rules file looked for in the current directory.
pub const FILE_NAME: &str = "declcmp.toml";

/// The keys of the rules file; every one is optional.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    fail_on: Option<Vec<Change>>,
    min_level: Option<Spanned<i64>>,
    threshold: Option<Spanned<f64>>,
    ignore_sections: Option<Vec<String>>,
    ignore_clauses: Option<Vec<String>>,
}

/// Rules given on the command line; each one set replaces the file's value (lists too).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// `--fail-on`.
    pub fail_on: Option<Vec<Change>>,
    /// `--min-level`.
    pub min_level: Option<Level>,
    /// `--threshold`.
    pub threshold: Option<f64>,
    /// `--ignore-section`.
    pub ignore_sections: Option<Vec<String>>,
    /// `--ignore-clause`.
    pub ignore_clauses: Option<Vec<String>>,
}

impl Overrides {
    /// `rules` with every override that is set in place of its value.
    pub fn apply(&self, mut rules: Rules) -> Rules {
        if let Some(fail_on) = &self.fail_on {
            rules.fail_on = fail_on.iter().copied().collect();
        }
        if let Some(min_level) = self.min_level {
            rules.min_level = min_level;
        }
        if let Some(threshold) = self.threshold {
            rules.threshold = Some(threshold);
        }
        if let Some(sections) = &self.ignore_sections {
            rules.ignore_sections = sections.clone();
        }
        if let Some(clauses) = &self.ignore_clauses {
            rules.ignore_clauses = clauses.clone();
        }
        rules
    }
}

/// The rules in force: the file at `explicit` (which must exist), else `declcmp.toml` in
/// `dir` when there is one, else the defaults; with `overrides` laid over them.
pub fn resolve(explicit: Option<&Path>, dir: &Path, overrides: &Overrides) -> Result<Rules> {
    let rules = match local_rules_path(explicit, dir) {
        Some(path) => load(&path)?,
        None => Rules::default(),
    };
    Ok(overrides.apply(rules))
}

/// The rules file [`resolve`] reads: `explicit`, else `declcmp.toml` in `dir` when it is a
/// file; `None` for the defaults.
fn local_rules_path(explicit: Option<&Path>, dir: &Path) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => Some(dir.join(FILE_NAME)).filter(|p| p.is_file()),
    }
}

/// The rules a check runs with and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// The rules, overrides applied.
    pub rules: Rules,
    /// Where they were read: a path, `REV:./declcmp.toml`, or `defaults`.
    pub source: String,
    /// Said first in every format when the rules under review differ from those applied:
    /// the working tree's `declcmp.toml` against the base revision's.
    pub note: Option<String>,
}

/// The rules a check of `old` against a revision runs with, by the trust model: `--config`
/// (`explicit`) wins; else, when OLD is a git revision (`REV:path`), the `declcmp.toml`
/// of that revision (the base, which the change under review cannot alter), or the
/// defaults when the base has none; else `declcmp.toml` in `dir`, or the defaults. When
/// the base's rules are used and the working tree's file differs from them, `note` says
/// so. `overrides` (the command-line flags) are laid over the result.
pub fn resolve_for(
    old: &str,
    explicit: Option<&Path>,
    dir: &Path,
    overrides: &Overrides,
) -> Result<Resolved> {
    let Some(rev) = crate::input::git_revision(dir, old).filter(|_| explicit.is_none()) else {
        let path = local_rules_path(explicit, dir);
        let rules = match &path {
            Some(path) => load(path)?,
            None => Rules::default(),
        };
        return Ok(Resolved {
            rules: overrides.apply(rules),
            source: match (explicit, path) {
                (Some(given), _) => given.display().to_string(),
                (None, Some(_)) => FILE_NAME.to_string(),
                (None, None) => "defaults".to_string(),
            },
            note: None,
        });
    };
    let spec = format!("{rev}:./{FILE_NAME}");
    let base = crate::input::read_bytes_in(dir, &spec)
        .ok()
        .map(|(bytes, _)| bytes);
    let rules = match &base {
        Some(bytes) => from_bytes(bytes, Path::new(&spec))?,
        None => Rules::default(),
    };
    // Compared, not parsed: a working-tree file that is no valid rules file still differs.
    let tree = local_rules_path(None, dir).and_then(|path| read_capped(&path).ok());
    let base_name = if rev.is_empty() { "the index" } else { rev };
    let use_tree = format!("(pass --config {FILE_NAME} to use the working tree's)");
    let note = match (&base, &tree) {
        (Some(b), Some(t)) if b != t => Some(format!(
            "./{FILE_NAME} differs from {spec}: checking with the rules of {base_name}, the \
             base revision {use_tree}"
        )),
        (None, Some(_)) => Some(format!(
            "./{FILE_NAME} is not in {base_name}: checking with the default rules of the base \
             revision {use_tree}"
        )),
        _ => None,
    };
    Ok(Resolved {
        rules: overrides.apply(rules),
        source: if base.is_some() {
            spec
        } else {
            "defaults".to_string()
        },
        note,
    })
}

/// Largest rules file read, in bytes (64 KiB). A rules file is a few lines; even long
/// `ignore_sections` and `ignore_clauses` lists stay far below this. Reading stops one byte
/// past it, so `--config /dev/zero` is an error at once instead of eating memory.
pub const MAX_RULES_BYTES: u64 = 64 * 1024;

/// Reads and validates the rules file at `path`.
///
/// A rules file that is a symbolic link to a regular file is refused: in CI the rules file
/// arrives with the revision under review, and a link could point it at any file the
/// runner may read, whose contents the error messages (which quote keys and values) would
/// then show in the log. A link to a pipe (`--config <(…)`) is read.
pub fn load(path: &Path) -> Result<Rules> {
    let fail = |reason: String| Error::Config {
        path: path.to_path_buf(),
        reason,
    };
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Err(fail(
            "is a symbolic link; a rules file must be a regular file (a link could show \
             another file's contents in these messages)"
                .to_string(),
        ));
    }
    let bytes = read_capped(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    from_bytes(&bytes, path)
}

/// The file's bytes, at most one past [`MAX_RULES_BYTES`] (enough for [`from_bytes`] to
/// refuse it).
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_RULES_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Validates a rules file's bytes (size, UTF-8, keys); `path` names it in errors.
fn from_bytes(bytes: &[u8], path: &Path) -> Result<Rules> {
    let fail = |reason: String| Error::Config {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.len() as u64 > MAX_RULES_BYTES {
        return Err(fail(format!(
            "more than {MAX_RULES_BYTES} bytes, too large for a rules file"
        )));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| fail(format!("not UTF-8 (at byte {})", e.valid_up_to())))?;
    parse(text, path)
}

/// Parses and validates a rules file's text; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Rules> {
    let fail = |line: Option<usize>, message: String| Error::Config {
        path: path.to_path_buf(),
        reason: match line {
            Some(line) => format!("line {line}: {message}"),
            None => message,
        },
    };
    let file: RulesFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|span| line_of(text, span.start));
        // serde says "field"; in a TOML file it is a key.
        let message = e
            .message()
            .trim_end()
            .replacen("unknown field", "unknown key", 1);
        fail(line, with_suggestion(&message))
    })?;
    let mut rules = Rules::default();
    if let Some(fail_on) = file.fail_on {
        rules.fail_on = fail_on.into_iter().collect();
    }
    if let Some(min_level) = file.min_level {
        let line = line_of(text, min_level.span().start);
        let level = *min_level.get_ref();
        rules.min_level = u8::try_from(level)
            .ok()
            .and_then(Level::from_number)
            .ok_or_else(|| {
                fail(
                    Some(line),
                    format!("min_level = {level} is outside 0..={}", Level::MAX),
                )
            })?;
    }
    if let Some(threshold) = file.threshold {
        let line = line_of(text, threshold.span().start);
        let value = *threshold.get_ref();
        if !value.is_finite() || !(0.0..=1.0).contains(&value) {
            return Err(fail(
                Some(line),
                format!("threshold = {value} is outside [0, 1]"),
            ));
        }
        rules.threshold = Some(value);
    }
    if let Some(sections) = file.ignore_sections {
        rules.ignore_sections = sections;
    }
    if let Some(clauses) = file.ignore_clauses {
        rules.ignore_clauses = clauses;
    }
    Ok(rules)
}

/// How alike (Jaro-Winkler, as `strsim` computes it) a misspelt key or value must be to a
/// known one for the message to suggest it. At 0.8 a dropped, doubled or swapped letter or a
/// `-` for a `_` is suggested (`fail_onn`, `weaken`, `min-level`) and another word is not
/// (`deleted` is 0.62 from `removed`).
const SUGGESTION_MIN_SIMILARITY: f64 = 0.8;

/// serde's "unknown key `x`, expected one of `a`, `b`" (or "unknown variant `x`, expected
/// `a` or `b`") with "did you mean `a`?" after the unknown name, when one of the names it
/// lists is close enough; any other message as it is.
fn with_suggestion(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix("unknown key `")
        .or_else(|| message.strip_prefix("unknown variant `"))
    else {
        return message.to_string();
    };
    let Some((given, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let known = expected.split('`').skip(1).step_by(2);
    match closest(given, known) {
        Some(name) => {
            let head = message.len() - expected.len();
            let tail = expected.trim_start_matches(',').trim_start();
            format!("{}, did you mean `{name}`? ({tail})", &message[..head])
        }
        None => message.to_string(),
    }
}

/// The name in `known` most like `given` (the first of equals), when it is like enough.
fn closest<'k>(given: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let given = given.to_lowercase();
    known
        .map(|name| (strsim::jaro_winkler(&given, name), name))
        .filter(|&(similarity, _)| similarity >= SUGGESTION_MIN_SIMILARITY)
        .fold(None, |best: Option<(f64, &str)>, candidate| match best {
            Some(best) if best.0 >= candidate.0 => Some(best),
            _ => Some(candidate),
        })
        .map(|(_, name)| name)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        match parse(text, Path::new("declcmp.toml")) {
            Err(Error::Config { reason, .. }) => reason,
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn empty_file_is_the_defaults() {
        assert_eq!(
            parse("", Path::new("declcmp.toml")).unwrap(),
            Rules::default()
        );
    }

    #[test]
    fn every_key_is_read() {
        let rules = parse(
            "fail_on = [\"removed\", \"added\"]\nmin_level = 1\nthreshold = 0.5\n\
             ignore_sections = [\"序言\"]\nignore_clauses = [\"联系方式\"]\n",
            Path::new("declcmp.toml"),
        )
        .unwrap();
        assert_eq!(
            rules.fail_on.into_iter().collect::<Vec<_>>(),
            [Change::Removed, Change::Added]
        );
        assert_eq!(rules.min_level, Level::Encourage);
        assert_eq!(rules.threshold, Some(0.5));
        assert_eq!(rules.ignore_sections, ["序言"]);
        assert_eq!(rules.ignore_clauses, ["联系方式"]);
    }

    #[test]
    fn integer_threshold_is_a_number() {
        let rules = parse("threshold = 1", Path::new("declcmp.toml")).unwrap();
        assert_eq!(rules.threshold, Some(1.0));
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let reason = reason("min_level = 2\n\nfail_onn = [\"removed\"]\n");
        assert!(
            reason.starts_with("line 3: unknown key `fail_onn`"),
            "{reason}"
        );
    }

    #[test]
    fn unknown_key_suggests_the_closest_key() {
        assert_eq!(
            reason("fail_onn = []"),
            "line 1: unknown key `fail_onn`, did you mean `fail_on`? (expected one of \
             `fail_on`, `min_level`, `threshold`, `ignore_sections`, `ignore_clauses`)"
        );
        assert!(
            reason("min-level = 2").contains("did you mean `min_level`?"),
            "{}",
            reason("min-level = 2")
        );
        assert!(reason("ignore_section = []").contains("did you mean `ignore_sections`?"));
    }

    #[test]
    fn unknown_value_suggests_the_closest_value() {
        let reason = reason("fail_on = [\"removed\", \"weaken\"]");
        assert!(
            reason.contains("unknown variant `weaken`, did you mean `weakened`? (expected one of"),
            "{reason}"
        );
        assert!(reason.contains("`strengthened`"), "{reason}");
    }

    #[test]
    fn no_suggestion_for_a_different_word() {
        let value = reason("fail_on = [\"deleted\"]");
        assert!(!value.contains("did you mean"), "{value}");
        assert!(
            value.contains("unknown variant `deleted`, expected one of"),
            "{value}"
        );
        let key = reason("colour = \"red\"");
        assert!(!key.contains("did you mean"), "{key}");
        assert!(
            key.contains("unknown key `colour`, expected one of"),
            "{key}"
        );
    }

    #[test]
    fn unknown_change_is_named_with_its_line() {
        let reason = reason("\nfail_on = [\"removed\", \"deleted\"]\n");
        assert!(reason.starts_with("line 2: "), "{reason}");
        assert!(reason.contains("deleted"), "{reason}");
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert!(reason("min_level = 4").starts_with("line 1: min_level = 4"));
        assert!(reason("min_level = -1").starts_with("line 1: min_level = -1"));
        assert!(reason("\nthreshold = 1.5").starts_with("line 2: threshold = 1.5"));
    }

    #[test]
    fn invalid_toml_has_a_line() {
        let reason = reason("min_level = 2\nfail_on = [\"removed\"\n");
        assert!(reason.starts_with("line "), "{reason}");
    }

    #[test]
    fn overrides_replace_file_values() {
        let rules = Overrides {
            fail_on: Some(vec![Change::Added]),
            min_level: Some(Level::Note),
            ignore_sections: Some(vec!["附件".to_string()]),
            ..Overrides::default()
        }
        .apply(Rules {
            ignore_sections: vec!["序言".to_string()],
            threshold: Some(0.4),
            ..Rules::default()
        });
        assert_eq!(
            rules.fail_on.into_iter().collect::<Vec<_>>(),
            [Change::Added]
        );
        assert_eq!(rules.min_level, Level::Note);
        assert_eq!(rules.threshold, Some(0.4));
        assert_eq!(rules.ignore_sections, ["附件"]);
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("rules.toml");
        assert!(matches!(
            resolve(Some(&missing), dir.path(), &Overrides::default()),
            Err(Error::Config { .. })
        ));
        let rules = resolve(None, dir.path(), &Overrides::default()).unwrap();
        assert_eq!(rules, Rules::default());
    }
}
