//! The library's error type: every message names the input and the problem.

use std::path::PathBuf;

/// What can go wrong while reading inputs, parsing options or writing a report.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input could not be read or decoded (see [`crate::input`]).
    #[error(transparent)]
    Input(#[from] crate::input::InputError),
    /// A PDF, DOCX or HTML input could not be read (see [`crate::document::format`]).
    #[error(transparent)]
    Format(#[from] crate::document::format::FormatError),
    /// A saved report (`declcmp render`) is not a `declcmp.report/1` JSON report.
    #[error("{path}: not a declcmp.report/1 JSON report: {reason}")]
    Report {
        /// The report as given.
        path: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The rules file of `declcmp check` is malformed.
    #[error("{path}: {reason}")]
    Config {
        /// The rules file.
        path: PathBuf,
        /// What is wrong, with the line where known.
        reason: String,
    },
    /// Writing the report failed; any existing file at the path is untouched.
    #[error("cannot write {path}: {source}")]
    Output {
        /// The output path.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// Writing to stdout or another stream failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
