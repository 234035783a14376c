//! Writing a report file (`-o FILE`): atomically, never onto one of the inputs, never over
//! a file the user may not write, and with no temporary file left behind when the process
//! is interrupted. Start with [`write_atomically`]; the binary calls [`refuse_input`] first
//! and [`remove_unfinished`] from its signal handler.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{Error, Result};

/// Temporary files being written, which an interrupted process must remove: a signal ends
/// the process without running destructors, so `tempfile`'s own clean-up never runs.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file [`write_atomically`] is still writing. For a signal handler
/// (SIGINT, SIGTERM) to call before the process exits; the target files are untouched.
pub fn remove_unfinished() {
    let pending = UNFINISHED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for path in pending.iter() {
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary file's place in [`UNFINISHED`] while it exists.
struct Unfinished(PathBuf);

impl Unfinished {
    fn register(path: &Path) -> Unfinished {
        let mut pending = UNFINISHED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pending.push(path.to_path_buf());
        Unfinished(path.to_path_buf())
    }
}

impl Drop for Unfinished {
    fn drop(&mut self) {
        let mut pending = UNFINISHED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        pending.retain(|p| *p != self.0);
    }
}

/// Refuses an output path that names one of the `inputs` (the same file, through any link
/// or spelling): the report would replace the document it was made from. Inputs that are
/// not files (`-`, `REV:path`) are skipped.
pub fn refuse_input(output: &Path, inputs: &[&Path]) -> Result<()> {
    let Ok(out) = std::fs::metadata(output) else {
        return Ok(());
    };
    if !out.is_file() {
        return Ok(());
    }
    let same = |input: &Path| {
        std::fs::metadata(input).is_ok_and(|meta| same_file(&out, &meta, output, input))
    };
    if inputs.iter().any(|input| same(input)) {
        return Err(Error::Output {
            path: output.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::AlreadyExists,
                "it is one of the inputs; write the report to another file",
            ),
        });
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata, a: &Path, b: &Path) -> bool {
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Writes a file through a temporary file in the same directory and a rename, so the path
/// holds either its old content or the whole new one, never a part. An existing file keeps
/// its permissions; a symbolic link stays a link to the replaced file. A path that is not a
/// regular file (`/dev/null`, `/dev/stdout`, a named pipe) is written in place instead:
/// renaming over it would replace the device with a regular file.
///
/// Refused, with the target untouched: a directory; an existing file that is read-only (no
/// write permission bit) or that this user may not open for writing, as `cp` without `-f`
/// refuses it; a symbolic link to a file that does not exist (writing through it would
/// create a file wherever the link points, replacing it would turn the link into a file).
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let fail = |source| Error::Output {
        path: path.to_path_buf(),
        source,
    };
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match std::fs::canonicalize(path) {
            Ok(target) => target,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Err(fail(io::Error::new(
                    io::ErrorKind::NotFound,
                    "it is a symbolic link to a file that does not exist",
                )));
            }
            Err(error) => return Err(fail(error)),
        },
        _ => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    if let Some(meta) = &existing {
        if meta.is_dir() {
            return Err(fail(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a directory",
            )));
        }
        if !meta.is_file() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(fail)?;
            let mut out = io::BufWriter::new(file);
            write(&mut out).map_err(fail)?;
            return out.flush().map_err(fail);
        }
        // Opening without truncating changes nothing; it asks the system whether this user
        // may write the file, which the permission bits alone do not say (root may).
        let writable = !meta.permissions().readonly()
            && std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .is_ok();
        if !writable {
            return Err(fail(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only; make it writable or remove it first",
            )));
        }
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        // As a new file is created (the umask applies); tempfile's default is owner-only.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder
        .tempfile_in(dir)
        .map_err(|error| fail(temp_file_error(dir, &error)))?;
    let unfinished = Unfinished::register(temp.path());
    let written = fill_and_rename(temp, &target, existing.as_ref(), write).map_err(fail);
    // Only now that the temporary file is renamed or removed.
    drop(unfinished);
    written
}

/// Writes the temporary file, gives it the old file's permissions and renames it to
/// `target`; on failure it is removed as it is dropped.
fn fill_and_rename(
    mut temp: tempfile::NamedTempFile,
    target: &Path,
    existing: Option<&std::fs::Metadata>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(meta) = existing {
        temp.as_file().set_permissions(meta.permissions())?;
    }
    {
        let mut out = io::BufWriter::new(temp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Why no temporary file could be made in `dir`, without the temporary file's random name
/// (which means nothing to the user and is gone).
fn temp_file_error(dir: &Path, error: &io::Error) -> io::Error {
    use io::ErrorKind;
    let reason = match error.kind() {
        ErrorKind::NotFound => format!("directory {} does not exist", dir.display()),
        ErrorKind::NotADirectory => format!("{} is not a directory", dir.display()),
        ErrorKind::PermissionDenied => {
            format!("permission denied in directory {}", dir.display())
        }
        kind => format!("cannot create a file in {}: {kind}", dir.display()),
    };
    io::Error::new(error.kind(), reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfinished_in(dir: &Path) -> usize {
        let pending = UNFINISHED.lock().unwrap();
        pending.iter().filter(|p| p.starts_with(dir)).count()
    }

    #[test]
    fn a_temporary_file_is_listed_while_it_is_written_and_no_longer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_atomically(&path, |out| {
            assert_eq!(unfinished_in(dir.path()), 1);
            out.write_all(b"done")
        })
        .unwrap();
        assert_eq!(unfinished_in(dir.path()), 0);
        assert_eq!(std::fs::read(&path).unwrap(), b"done");
        let failed = write_atomically(&dir.path().join("other.txt"), |_| {
            Err(io::Error::other("failed"))
        });
        assert!(failed.is_err());
        assert_eq!(unfinished_in(dir.path()), 0);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
