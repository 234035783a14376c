//! Reading inputs: file, stdin or git revision -> decoded text with normalised line ends.
//!
//! This is the first stage of the pipeline: everything after it works on a
//! [`SourceText`] and never sees bytes. Start at [`read_source`]; [`decode`] is
//! the byte-level half, usable on its own (tests, fuzzing).
//!
//! # Input specs
//!
//! `-` is standard input (shown as `<stdin>`). An existing path is a file.
//! Otherwise `REV:path` with a `REV` that is not an existing path is read
//! from git as `git cat-file blob REV:path` (the bytes `git show REV:path`
//! prints for a file; a directory is refused instead of listed). Anything
//! else is a file path, which may then be missing.
//!
//! # Detection order
//!
//! 1. A forced encoding label (`gbk`, `utf-16le`, `big5`, …, WHATWG labels)
//!    wins over everything, including a byte order mark.
//! 2. A byte order mark: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`), UTF-16BE
//!    (`FE FF`). The BOM is stripped.
//! 3. Valid UTF-8 (ASCII included) is UTF-8.
//! 4. Otherwise the bytes are either damaged UTF-8 or a legacy encoding:
//!    - if UTF-8 decoding stays within the tolerance below and the valid
//!      multi-byte sequences outnumber the invalid ones at least
//!      [`UTF8_EVIDENCE_RATIO`] to one, it is damaged UTF-8 (legacy CJK text
//!      forms valid UTF-8 pairs only by chance, a few per ten characters at
//!      most, so this does not steal GBK or Big5 files);
//!    - else chardetng's guess (GBK is reported as `gb18030`: WHATWG gives both
//!      the same decoder) is used if it decodes within the tolerance; for a
//!      single-byte guess, bytes it leaves unassigned (decoded as C1 controls,
//!      e.g. 0x81 in windows-1252) count as invalid, which is what turns random
//!      high bytes into an error instead of windows-1252 mojibake;
//!    - else UTF-8 if it is within the tolerance;
//!    - else [`InputError::Undecodable`], naming the candidate with fewer
//!      invalid sequences and its first bad byte.
//!
//! # Binary input
//!
//! Any NUL byte makes the input binary ([`InputError::Binary`]), wherever it
//! is. In UTF-16 (BOM or forced) NUL bytes are normal; there a NUL *code unit*
//! (`00 00` at an even offset from the start) is the sign of binary data.
//!
//! # Tolerance
//!
//! Text copied from PDFs and web pages often carries a stray invalid byte. A
//! decode is accepted with invalid sequences replaced by U+FFFD when there are
//! at most [`MAX_INVALID_SEQUENCES`] of them and at most one per
//! [`CHARS_PER_INVALID_SEQUENCE`] decoded characters (rounded up). Such a
//! decode is reported in [`SourceText::replaced`] so the caller can warn;
//! more is an error with the byte offset of the first invalid sequence.
//!
//! # Normalisation
//!
//! After decoding, one leading U+FEFF is removed and CRLF and lone CR become
//! LF. Nothing else changes, so line `n` of the text is line `n` of the file.
//!
//! # Limits
//!
//! Inputs over [`MAX_INPUT_BYTES`] are refused before they are read whole.
//! Detection looks at no more than [`DETECTION_SAMPLE_BYTES`] of non-ASCII
//! text; decoding always covers the whole input.

mod decode;
mod git;
mod source;
#[cfg(test)]
mod tests;

pub use decode::{decode, encoding_for_label};
pub use source::{read_bytes_in, read_source, read_source_in};

/// The revision of a `REV:path` input read in `dir` (`HEAD~1` for `HEAD~1:docs/p.md`, ""
/// for the index's `:p.md`), or `None` for a file or stdin.
pub fn git_revision<'s>(dir: &std::path::Path, spec: &'s str) -> Option<&'s str> {
    source::is_git_spec(dir, spec)
        .then(|| spec.split_once(':').map(|(rev, _)| rev))
        .flatten()
}

use std::io;

/// Largest input accepted, in bytes (64 MiB). The biggest real policy
/// declarations are a few hundred KiB; anything this large is not one, and
/// decoding it can take several times its size in memory (legacy CJK text
/// grows by half as UTF-8, and damaged input is decoded twice to choose an
/// encoding), so it is refused before it is read whole.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Most invalid byte sequences accepted (as U+FFFD) in one input: a stray
/// byte or two from a copy-paste, not a wrong encoding.
pub const MAX_INVALID_SEQUENCES: usize = 3;

/// At most one invalid sequence is accepted per this many valid decoded
/// characters, rounded up (0.1%), so short inputs tolerate one at most.
pub const CHARS_PER_INVALID_SEQUENCE: usize = 1000;

/// Damaged UTF-8 needs at least this many valid multi-byte sequences per
/// invalid one before it is preferred over a legacy encoding.
pub const UTF8_EVIDENCE_RATIO: usize = 4;

/// chardetng reads at most this many bytes from the first non-ASCII one. It
/// costs about 0.2 s per MiB even optimised, and its guess is settled long
/// before 256 KiB of non-ASCII text (some 100,000 CJK characters).
pub const DETECTION_SAMPLE_BYTES: usize = 256 * 1024;

/// Display path of standard input (spec `-`).
pub const STDIN_DISPLAY_PATH: &str = "<stdin>";

/// Decoded text of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// Decoded text, LF line ends, no leading U+FEFF.
    pub text: String,
    /// WHATWG name of the encoding used, e.g. "UTF-8", "UTF-16LE", "gb18030".
    pub encoding: &'static str,
    /// How the input is named in messages: the spec as given, or `<stdin>`.
    pub display_path: String,
    /// Invalid byte sequences replaced by U+FFFD within the tolerance;
    /// `None` when decoding was clean.
    pub replaced: Option<Replaced>,
}

/// Invalid byte sequences that were replaced by U+FFFD.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    /// Number of invalid sequences, each now one U+FFFD.
    pub count: usize,
    /// Byte offset of the first invalid sequence in the input.
    pub first_offset: usize,
}

impl SourceText {
    /// One-line warning for a lossy decode, for the binary to print.
    pub fn warning(&self) -> Option<String> {
        self.replaced.map(|replaced| {
            format!(
                "{}: {} invalid byte sequence(s) as {} replaced by U+FFFD, first at offset {}",
                self.display_path, replaced.count, self.encoding, replaced.first_offset
            )
        })
    }
}

/// Why an input could not be read. Messages are one line and start with the
/// input's display path. I/O errors are part of the message, not a `source`,
/// so that an error chain does not print them twice.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file does not exist.
    #[error("{path}: no such file")]
    NotFound {
        /// The input as named to the user.
        path: String,
    },
    /// The path names a directory.
    #[error("{path}: is a directory, not a file")]
    IsDirectory {
        /// The input as named to the user.
        path: String,
    },
    /// The file exists but may not be read.
    #[error("{path}: permission denied")]
    PermissionDenied {
        /// The input as named to the user.
        path: String,
    },
    /// Any other read failure (standard input included).
    #[error("{path}: cannot read: {error}")]
    Read {
        /// The input as named to the user.
        path: String,
        /// What the operating system said.
        error: io::Error,
    },
    /// The input is over [`MAX_INPUT_BYTES`].
    #[error("{path}: input too large (more than {limit} bytes, the limit for one input)")]
    TooLarge {
        /// The input as named to the user.
        path: String,
        /// The limit that was exceeded, in bytes.
        limit: usize,
    },
    /// A NUL byte (a NUL code unit in UTF-16): not text.
    #[error("{path}: binary file (NUL byte at offset {offset})")]
    Binary {
        /// The input as named to the user.
        path: String,
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The forced encoding label is not a WHATWG label, or names the
    /// "replacement" encoding.
    #[error("{path}: unknown or unsupported encoding label {label:?}")]
    UnknownEncoding {
        /// The input as named to the user.
        path: String,
        /// The label as given.
        label: String,
    },
    /// More invalid byte sequences than the tolerance allows.
    #[error(
        "{path}: cannot decode as {encoding}: {count} invalid byte sequences, first at offset {offset}"
    )]
    Undecodable {
        /// The input as named to the user.
        path: String,
        /// The encoding tried that came closest (WHATWG name).
        encoding: &'static str,
        /// Invalid sequences found in that encoding.
        count: usize,
        /// Byte offset of the first one.
        offset: usize,
    },
    /// A `REV:path` spec, and no `git` program on the PATH.
    #[error("{path}: git is not installed (needed to read REV:path inputs)")]
    GitNotInstalled {
        /// The spec as given.
        path: String,
    },
    /// git could not be run or refused the spec (outside a repository,
    /// unknown revision or path).
    #[error("{path}: git cannot read it: {message}")]
    Git {
        /// The spec as given.
        path: String,
        /// git's first line on stderr, or why it could not be run.
        message: String,
    },
    /// A root-relative `REV:path` given from a subdirectory, where `REV:./path` is a
    /// different file: which one the user means is not clear.
    #[error(
        "{path}: from this directory git reads this at the repository root, and {here_file} here differs; write {here_spec} for the file here or {root_spec} for the one at the root"
    )]
    GitAmbiguousPath {
        /// The spec as given.
        path: String,
        /// The file in the current directory, from the root (`docs/policy.md`).
        here_file: String,
        /// The spec that reads the file here (`HEAD~1:./policy.md`).
        here_spec: String,
        /// The spec that reads the root's file from here (`HEAD~1:../policy.md`).
        root_spec: String,
    },
    /// The spec names a git object that is not a file, e.g. a directory.
    #[error("{path}: not a file in git (it is a {kind})")]
    GitNotAFile {
        /// The spec as given.
        path: String,
        /// git's object type: "tree", "commit" or "tag".
        kind: String,
    },
}
