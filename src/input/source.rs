//! Where an input's bytes come from: a file, standard input, or a git revision.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use super::git::read_git_blob;
use super::{InputError, MAX_INPUT_BYTES, STDIN_DISPLAY_PATH, SourceText, decode};

/// spec: a path, "-" for stdin, or "REV:path" read through `git show REV:path`
/// (only when the spec has a ':' and the part before it is not an existing file
/// path; Windows drive letters are not a concern).
///
/// An existing file whose name contains ':' is always read as a file. Git
/// specs are read with `git cat-file blob REV:path`, which gives the same
/// bytes as `git show REV:path` for a file but refuses a directory (where
/// `git show` prints a listing that would be compared as text) and never runs
/// textconv filters.
pub fn read_source(spec: &str, forced_encoding: Option<&str>) -> Result<SourceText, InputError> {
    read_source_in(Path::new("."), spec, forced_encoding)
}

/// [`read_source`] with relative paths and git run from `dir` instead of the
/// current directory.
pub fn read_source_in(
    dir: &Path,
    spec: &str,
    forced_encoding: Option<&str>,
) -> Result<SourceText, InputError> {
    let (bytes, display_path) = read_bytes_in(dir, spec)?;
    decode(&bytes, forced_encoding, display_path)
}

/// The bytes of an input, undecoded, and the name it is shown by (`<stdin>` for `-`): for
/// the readers of binary formats (PDF, DOCX), which must see them before the text checks.
/// Specs as in [`read_source`], relative to `dir`.
pub fn read_bytes_in<'s>(dir: &Path, spec: &'s str) -> Result<(Vec<u8>, &'s str), InputError> {
    if spec.is_empty() {
        return Err(InputError::NotFound {
            path: "\"\"".to_owned(),
        });
    }
    let bytes = if spec == "-" {
        read_limited(io::stdin().lock(), MAX_INPUT_BYTES, STDIN_DISPLAY_PATH)?
    } else if is_git_spec(dir, spec) {
        read_git_blob("git", dir, spec)?
    } else {
        read_file(&dir.join(spec), spec)?
    };
    let display_path = if spec == "-" {
        STDIN_DISPLAY_PATH
    } else {
        spec
    };
    Ok((bytes, display_path))
}

pub(super) fn is_git_spec(dir: &Path, spec: &str) -> bool {
    if dir.join(spec).exists() {
        return false;
    }
    match spec.split_once(':') {
        Some((rev, _)) => rev.is_empty() || !dir.join(rev).exists(),
        None => false,
    }
}

pub(super) fn read_file(path: &Path, display_path: &str) -> Result<Vec<u8>, InputError> {
    let metadata = fs::metadata(path).map_err(|error| io_error(display_path, error))?;
    if metadata.is_dir() {
        return Err(InputError::IsDirectory {
            path: display_path.to_owned(),
        });
    }
    // Only regular files have a meaningful length; devices and pipes are
    // caught by the bounded read.
    if metadata.is_file() && metadata.len() > MAX_INPUT_BYTES as u64 {
        return Err(too_large(display_path));
    }
    let file = File::open(path).map_err(|error| io_error(display_path, error))?;
    read_limited(file, MAX_INPUT_BYTES, display_path)
}

/// Reads at most `limit` bytes; one more means the input is too large.
pub(super) fn read_limited(
    reader: impl Read,
    limit: usize,
    display_path: &str,
) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| io_error(display_path, error))?;
    if bytes.len() > limit {
        return Err(InputError::TooLarge {
            path: display_path.to_owned(),
            limit,
        });
    }
    Ok(bytes)
}

pub(super) fn io_error(display_path: &str, error: io::Error) -> InputError {
    let path = display_path.to_owned();
    match error.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path },
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path },
        io::ErrorKind::IsADirectory => InputError::IsDirectory { path },
        _ => InputError::Read { path, error },
    }
}

pub(super) fn too_large(display_path: &str) -> InputError {
    InputError::TooLarge {
        path: display_path.to_owned(),
        limit: MAX_INPUT_BYTES,
    }
}
