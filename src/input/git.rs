//! Reading a file at a git revision (`REV:path`) through `git cat-file blob`.

use std::io::{self, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use super::source::read_limited;
use super::{InputError, MAX_INPUT_BYTES};

pub(super) fn read_git_blob(program: &str, dir: &Path, spec: &str) -> Result<Vec<u8>, InputError> {
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
