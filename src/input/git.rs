//! Reading a file at a git revision (`REV:path`) through `git cat-file blob`.

use std::io::{self, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use super::source::read_limited;
use super::{InputError, MAX_INPUT_BYTES};

/// Reads the blob `spec` names. From a subdirectory git reads `REV:path` from the
/// repository root and `REV:./path` (or `../`) from the current directory; declcmp keeps
/// that, but refuses a root-relative `REV:path` when `./path` at REV is a different file
/// (`check HEAD~1:policy.md policy.md` in `docs/` would silently compare two files), and
/// says which spelling reaches the file here when only that one exists.
pub(super) fn read_git_blob(program: &str, dir: &Path, spec: &str) -> Result<Vec<u8>, InputError> {
    let subdirectory = Subdirectory::of(program, dir, spec);
    if let Some(sub) = &subdirectory
        && let (Some(root), Some(here)) = (
            object_id(program, dir, spec),
            object_id(program, dir, &sub.here_spec),
        )
        && root != here
    {
        return Err(InputError::GitAmbiguousPath {
            path: spec.to_owned(),
            here_file: format!("{}{}", sub.prefix, sub.file),
            here_spec: sub.here_spec.clone(),
            root_spec: sub.root_spec.clone(),
        });
    }
    read_git_blob_as_given(program, dir, spec).map_err(|error| match (error, &subdirectory) {
        (InputError::Git { path, message }, Some(sub))
            if object_id(program, dir, &sub.here_spec).is_some() =>
        {
            InputError::Git {
                path,
                message: format!(
                    "{message} (REV:path is read from the repository root; the file in this \
                     directory is {})",
                    sub.here_spec
                ),
            }
        }
        (error, _) => error,
    })
}

/// A root-relative `REV:path` given from a subdirectory of the repository.
struct Subdirectory {
    /// The current directory's path from the root, with a trailing `/` (`docs/`).
    prefix: String,
    /// The `path` of the spec.
    file: String,
    /// `REV:./path`: the file relative to the current directory.
    here_spec: String,
    /// `REV:../path` (as many `../` as needed): the root's file spelled from here.
    root_spec: String,
}

impl Subdirectory {
    /// `None` at the root, outside a repository, or for a spec whose path is already
    /// relative to the current directory (`./`, `../`) or has no revision (`:path`,
    /// `:0:path` name the index).
    fn of(program: &str, dir: &Path, spec: &str) -> Option<Subdirectory> {
        let (rev, file) = spec.split_once(':')?;
        if rev.is_empty() || file.is_empty() || file.starts_with("./") || file.starts_with("../") {
            return None;
        }
        let output = git_command(program, dir, &["rev-parse", "--show-prefix"])
            .output()
            .ok()?;
        let prefix = String::from_utf8(output.stdout)
            .ok()?
            .trim_end_matches('\n')
            .to_owned();
        if !output.status.success() || prefix.is_empty() {
            return None;
        }
        let up = "../".repeat(prefix.matches('/').count());
        Some(Subdirectory {
            here_spec: format!("{rev}:./{file}"),
            root_spec: format!("{rev}:{up}{file}"),
            prefix,
            file: file.to_owned(),
        })
    }
}

/// The object id `spec` names, `None` when it names nothing.
fn object_id(program: &str, dir: &Path, spec: &str) -> Option<String> {
    let output = git_command(
        program,
        dir,
        &["rev-parse", "--verify", "--quiet", "--end-of-options", spec],
    )
    .output()
    .ok()?;
    let id = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !id.is_empty()).then_some(id)
}

fn read_git_blob_as_given(program: &str, dir: &Path, spec: &str) -> Result<Vec<u8>, InputError> {
    let mut child = git_command(
        program,
        dir,
        &["cat-file", "blob", "--end-of-options", spec],
    )
    .spawn()
    .map_err(|error| git_spawn_error(spec, &error))?;
    // Read stdout to the end before stderr: git writes at most a line or two
    // to stderr, far below a pipe buffer, so this cannot deadlock.
    let bytes = match child.stdout.take() {
        Some(stdout) => read_limited(stdout, MAX_INPUT_BYTES, spec),
        None => Ok(Vec::new()),
    };
    if bytes.is_err() {
        // Best effort: the child may already have exited.
        let _ = child.kill();
    }
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    let status = child
        .wait()
        .map_err(|error| git_failure(spec, &error.to_string()))?;
    let bytes = bytes?;
    if status.success() {
        return Ok(bytes);
    }
    // Explain the common case git words as "bad file": the spec names a
    // directory (tree) or a commit.
    if let Ok(output) =
        git_command(program, dir, &["cat-file", "-t", "--end-of-options", spec]).output()
    {
        let kind = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        if output.status.success() && !kind.is_empty() && kind != "blob" {
            return Err(InputError::GitNotAFile {
                path: spec.to_owned(),
                kind,
            });
        }
    }
    let message = stderr
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .map_or_else(|| format!("git exited with {status}"), str::to_owned);
    Err(git_failure(spec, &message))
}

pub(super) fn git_command(program: &str, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

pub(super) fn git_spawn_error(spec: &str, error: &io::Error) -> InputError {
    if error.kind() == io::ErrorKind::NotFound {
        InputError::GitNotInstalled {
            path: spec.to_owned(),
        }
    } else {
        // E.g. EACCES when a PATH directory cannot be searched.
        git_failure(spec, &format!("cannot run git: {error}"))
    }
}

pub(super) fn git_failure(spec: &str, message: &str) -> InputError {
    InputError::Git {
        path: spec.to_owned(),
        message: message.to_owned(),
    }
}
