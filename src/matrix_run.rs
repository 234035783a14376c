//! `declcmp matrix`: the inputs expanded (directories, globs), read, handed to
//! [`declcmp::matrix::build`], and the matrix written; a progress bar on stderr when the run
//! takes over a second and stderr is a terminal.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::bail;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::Outcome;
use crate::cli::MatrixCli;
use declcmp::document::Document;
use declcmp::matrix::render::{MatrixRenderOptions, render};
use declcmp::matrix::{self, Taxonomy};
use declcmp::report::safe::visible;

/// A run shorter than this shows no progress bar: it would only flicker.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// File endings a directory's documents are taken by (the formats declcmp reads).
const DOCUMENT_ENDINGS: [&str; 8] = [
    "md", "markdown", "txt", "text", "pdf", "docx", "html", "htm",
];

pub(crate) fn run(cli: &MatrixCli) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let taxonomy = match &cli.themes {
        Some(path) => read_taxonomy(path)?,
        None => matrix::themes::builtin().clone(),
    };
    let specs = expand(std::iter::once(&cli.focus).chain(&cli.others))?;
    if specs.len() < 2 {
        bail!(
            "matrix needs at least two documents (the focus and one other); {} given",
            specs.len()
        );
    }
    if specs.iter().filter(|s| s.as_str() == "-").count() > 1 {
        bail!(
            "{}: standard input can be read only once; give `-` for one document",
            declcmp::input::STDIN_DISPLAY_PATH
        );
    }
    let bar = Progress::new(specs.len() * 2 - 1);
    let (read, formats) = crate::read_options(&cli.read);
    let mut docs: Vec<Document> = Vec::with_capacity(specs.len());
    for spec in &specs {
        let (document, warnings) = declcmp::read_document_as(spec, &read, formats)?;
        for warning in &warnings {
            bar.bar.suspend(|| {
                let _ = writeln!(io::stderr(), "declcmp: warning: {}", visible(warning));
            });
        }
        docs.push(document);
        bar.tick(started);
    }
    let read_took = started.elapsed();
    let options = cli.matching.compare_options(cli.read.unit);
    let (focus, others) = docs.split_first().expect("two documents or more");
    let (matrix, mut stats) =
        matrix::build(focus, others, &options, &taxonomy, &|| bar.tick(started));
    bar.bar.finish_and_clear();
    stats.stages.insert(0, ("read", read_took));
    let rendering = Instant::now();
    let to_terminal = cli.output.is_none() && io::stdout().is_terminal();
    let width = cli.width.filter(|&w| w > 0).unwrap_or_else(|| {
        to_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten()
            .filter(|&w| w > 0)
            .unwrap_or(declcmp::report::FALLBACK_WIDTH)
    });
    let shown = MatrixRenderOptions {
        width,
        order: cli.sort,
    };
    match cli.output.as_deref() {
        Some(path) => {
            let inputs: Vec<&Path> = specs.iter().map(Path::new).collect();
            declcmp::output::refuse_input(path, &inputs)?;
            declcmp::write_atomically(path, |out| render(&matrix, cli.format, &shown, out))?;
        }
        None => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            render(&matrix, cli.format, &shown, &mut out)?;
            out.flush()?;
        }
    }
    if cli.stats {
        stats.stages.push(("render", rendering.elapsed()));
        let peak = declcmp::stats::peak_kib().map_or_else(String::new, |kib| {
            format!("; peak memory {} MiB", kib / 1024)
        });
        writeln!(io::stderr(), "{stats}{peak}")?;
    }
    Ok(Outcome::Matrix)
}

/// The progress bar: hidden until the run has taken [`PROGRESS_AFTER`], and only ever drawn
/// on a terminal.
struct Progress {
    bar: ProgressBar,
    shown: AtomicBool,
    terminal: bool,
}

impl Progress {
    fn new(steps: usize) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(steps as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("declcmp matrix {bar:30} {pos}/{len} {msg}")
        {
            bar.set_style(style);
        }
        bar.set_message("documents read and aligned");
        Progress {
            bar,
            shown: AtomicBool::new(false),
            terminal: io::stderr().is_terminal(),
        }
    }

    /// One step done (from any thread).
    fn tick(&self, started: Instant) {
        if self.terminal
            && started.elapsed() > PROGRESS_AFTER
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            // Redrawn on its own as well, so the last message shows through the stages
            // after the alignments, which have no steps to count.
            self.bar.enable_steady_tick(Duration::from_millis(250));
        }
        self.bar.inc(1);
        if Some(self.bar.position()) == self.bar.length() {
            // What follows the last alignment has no steps of its own to count.
            self.bar
                .set_message("aligned; estimating the other similarities and writing");
        }
    }
}

/// A `--themes` file, read and checked; a bad one is one line naming the file and the line.
fn read_taxonomy(path: &Path) -> anyhow::Result<Taxonomy> {
    let text = std::fs::read_to_string(path).map_err(|e| declcmp::Error::Config {
        path: path.to_path_buf(),
        reason: format!("cannot read the themes file: {e}"),
    })?;
    Taxonomy::parse(&text).map_err(|e| {
        declcmp::Error::Config {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }
        .into()
    })
}

/// The documents the arguments name, in order, each once: a directory stands for its
/// documents (sorted by name), a pattern with `*`, `?` or `[` that names no file for the
/// files of its directory that match it; anything else (a file, `-`, `REV:path`) as given.
fn expand<'a>(specs: impl Iterator<Item = &'a String>) -> anyhow::Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut push = |spec: String| {
        // The same file named twice (a directory holding the focus) is compared once.
        let key = std::fs::canonicalize(&spec).unwrap_or_else(|_| PathBuf::from(&spec));
        if !seen.contains(&key) {
            seen.push(key);
            out.push(spec);
        }
    };
    for spec in specs {
        let path = Path::new(spec);
        if path.is_dir() {
            let found = directory_documents(path)?;
            if found.is_empty() {
                bail!(
                    "{}: no documents in the directory (.md, .txt, .pdf, .docx, .html)",
                    spec
                );
            }
            found.into_iter().for_each(&mut push);
        } else if !path.exists() && spec.contains(['*', '?', '[']) {
            let found = glob(path)?;
            if found.is_empty() {
                bail!("{spec}: no file matches the pattern");
            }
            found.into_iter().for_each(&mut push);
        } else {
            push(spec.clone());
        }
    }
    Ok(out)
}

fn directory_documents(dir: &Path) -> anyhow::Result<Vec<String>> {
    let entries = std::fs::read_dir(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            !name.starts_with('.')
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| DOCUMENT_ENDINGS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    found.sort();
    Ok(found)
}

/// The files of the pattern's directory whose names match its last component (the
/// directory part is taken as written), sorted.
fn glob(pattern: &Path) -> anyhow::Result<Vec<String>> {
    let name = pattern.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parent = match pattern.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if parent.to_string_lossy().contains(['*', '?', '[']) {
        bail!(
            "{}: only the file name may hold a pattern (`dir/*.md`)",
            pattern.display()
        );
    }
    let entries =
        std::fs::read_dir(parent).map_err(|e| anyhow::anyhow!("{}: {e}", parent.display()))?;
    let mut found: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .filter(|entry| entry.file_name().to_str().is_some_and(|n| matches(name, n)))
        .map(|entry| {
            if pattern.parent().is_some_and(|p| p.as_os_str().is_empty()) {
                entry.file_name().to_string_lossy().into_owned()
            } else {
                entry.path().to_string_lossy().into_owned()
            }
        })
        .collect();
    found.sort();
    Ok(found)
}

/// Shell-style matching of a file name: `*` any run, `?` one character, `[abc]` one of
/// them; a name starting with `.` matches only a pattern that does.
fn matches(pattern: &str, name: &str) -> bool {
    fn go(p: &[char], n: &[char]) -> bool {
        match p.first() {
            None => n.is_empty(),
            Some('*') => (0..=n.len()).any(|k| go(&p[1..], &n[k..])),
            Some('?') => !n.is_empty() && go(&p[1..], &n[1..]),
            Some('[') => match p.iter().position(|&c| c == ']') {
                Some(end) if end > 1 => {
                    !n.is_empty() && p[1..end].contains(&n[0]) && go(&p[end + 1..], &n[1..])
                }
                _ => n.first() == Some(&'[') && go(&p[1..], &n[1..]),
            },
            Some(c) => n.first() == Some(c) && go(&p[1..], &n[1..]),
        }
    }
    if name.starts_with('.') && !pattern.starts_with('.') {
        return false;
    }
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    go(&p, &n)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn file_name_patterns_match_as_a_shell_does() {
        assert!(matches("*.md", "seoul.en.md"));
        assert!(!matches("*.md", "seoul.en.txt"));
        assert!(matches("*.zh.md", "shanghai.zh.md"));
        assert!(matches("s?oul.md", "seoul.md"));
        assert!(matches("[st]*.md", "tc260.md"));
        assert!(!matches("*.md", ".hidden.md"));
    }
}
