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

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;
use std::process::{Command, Stdio};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

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
    /// The spec names a git object that is not a file, e.g. a directory.
    #[error("{path}: not a file in git (it is a {kind})")]
    GitNotAFile {
        /// The spec as given.
        path: String,
        /// git's object type: "tree", "commit" or "tag".
        kind: String,
    },
}

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

/// Decode bytes already read (used by read_source and by tests/fuzzing).
pub fn decode(
    bytes: &[u8],
    forced_encoding: Option<&str>,
    display_path: &str,
) -> Result<SourceText, InputError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(display_path));
    }
    let decoded = match forced_encoding {
        Some(label) => decode_forced(bytes, label, display_path)?,
        None => decode_detected(bytes, display_path)?,
    };
    let replaced = decoded.first_invalid.map(|first_offset| Replaced {
        count: decoded.invalid,
        first_offset,
    });
    let mut text = decoded.text;
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    if text.contains('\r') {
        text = normalise_line_ends(&text);
    }
    Ok(SourceText {
        text,
        encoding: decoded.encoding.name(),
        display_path: display_path.to_owned(),
        replaced,
    })
}

fn is_git_spec(dir: &Path, spec: &str) -> bool {
    if dir.join(spec).exists() {
        return false;
    }
    match spec.split_once(':') {
        Some((rev, _)) => rev.is_empty() || !dir.join(rev).exists(),
        None => false,
    }
}

fn read_file(path: &Path, display_path: &str) -> Result<Vec<u8>, InputError> {
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
fn read_limited(
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

fn read_git_blob(program: &str, dir: &Path, spec: &str) -> Result<Vec<u8>, InputError> {
    let mut child = git_command(
        program,
        dir,
        &["cat-file", "blob", "--end-of-options", spec],
    )
    .spawn()
    .map_err(|error| git_spawn_error(spec, error))?;
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

fn git_command(program: &str, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn git_spawn_error(spec: &str, error: io::Error) -> InputError {
    if error.kind() == io::ErrorKind::NotFound {
        InputError::GitNotInstalled {
            path: spec.to_owned(),
        }
    } else {
        // E.g. EACCES when a PATH directory cannot be searched.
        git_failure(spec, &format!("cannot run git: {error}"))
    }
}

fn git_failure(spec: &str, message: &str) -> InputError {
    InputError::Git {
        path: spec.to_owned(),
        message: message.to_owned(),
    }
}

fn io_error(display_path: &str, error: io::Error) -> InputError {
    let path = display_path.to_owned();
    match error.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path },
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path },
        io::ErrorKind::IsADirectory => InputError::IsDirectory { path },
        _ => InputError::Read { path, error },
    }
}

fn too_large(display_path: &str) -> InputError {
    InputError::TooLarge {
        path: display_path.to_owned(),
        limit: MAX_INPUT_BYTES,
    }
}

/// Text decoded with one encoding, with its invalid sequences counted.
struct Decoded {
    text: String,
    encoding: &'static Encoding,
    invalid: usize,
    /// Byte offset in the whole input of the first invalid sequence.
    first_invalid: Option<usize>,
}

impl Decoded {
    fn within_tolerance(&self) -> bool {
        tolerated(
            self.invalid,
            self.text.chars().count().saturating_sub(self.invalid),
        )
    }

    fn into_result(self, display_path: &str) -> Result<Self, InputError> {
        if self.within_tolerance() {
            Ok(self)
        } else {
            Err(self.undecodable(display_path))
        }
    }

    fn undecodable(&self, display_path: &str) -> InputError {
        InputError::Undecodable {
            path: display_path.to_owned(),
            encoding: self.encoding.name(),
            count: self.invalid,
            offset: self.first_invalid.unwrap_or(0),
        }
    }
}

/// The encoding a label forces, or `None` when the label is not a WHATWG label
/// or names the "replacement" encoding (labels such as "iso-2022-kr"), which
/// decodes any input to one U+FFFD: useless here, so it counts as unsupported.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.as_bytes()).filter(|encoding| *encoding != REPLACEMENT)
}

fn decode_forced(bytes: &[u8], label: &str, display_path: &str) -> Result<Decoded, InputError> {
    let encoding = encoding_for_label(label).ok_or_else(|| InputError::UnknownEncoding {
        path: display_path.to_owned(),
        label: label.to_owned(),
    })?;
    if encoding == UTF_16LE || encoding == UTF_16BE {
        check_utf16_nul(bytes, 0, display_path)?;
    } else {
        check_nul(bytes, display_path)?;
    }
    decode_with(encoding, bytes, 0).into_result(display_path)
}

fn decode_detected(bytes: &[u8], display_path: &str) -> Result<Decoded, InputError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == UTF_8 {
            check_nul(bytes, display_path)?;
        } else {
            check_utf16_nul(bytes, bom_len, display_path)?;
        }
        return decode_with(encoding, &bytes[bom_len..], bom_len).into_result(display_path);
    }
    check_nul(bytes, display_path)?;
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: UTF_8,
            invalid: 0,
            first_invalid: None,
        });
    }
    let utf8 = Utf8Scan::of(bytes);
    let utf8_tolerated = tolerated(utf8.invalid, utf8.valid_chars);
    if utf8_tolerated && utf8.valid_multibyte >= UTF8_EVIDENCE_RATIO * utf8.invalid {
        return Ok(utf8.into_decoded(bytes));
    }
    let mut legacy = decode_with(guess_legacy_encoding(bytes), bytes, 0);
    if legacy.encoding.is_single_byte() {
        replace_unassigned_single_bytes(&mut legacy);
    }
    if legacy.within_tolerance() {
        return Ok(legacy);
    }
    if utf8_tolerated {
        return Ok(utf8.into_decoded(bytes));
    }
    if utf8.invalid < legacy.invalid {
        return Err(utf8.into_decoded(bytes).undecodable(display_path));
    }
    Err(legacy.undecodable(display_path))
}

/// Whether `invalid` replaced sequences are acceptable among `valid_chars`.
fn tolerated(invalid: usize, valid_chars: usize) -> bool {
    invalid <= MAX_INVALID_SEQUENCES.min(valid_chars.div_ceil(CHARS_PER_INVALID_SEQUENCE))
}

/// How damaged a byte string is as UTF-8, measured with std's validator
/// (fast even in unoptimised builds, unlike a decoder call per bad byte).
struct Utf8Scan {
    invalid: usize,
    first_invalid: Option<usize>,
    valid_chars: usize,
    /// Valid sequences of two to four bytes: the evidence for UTF-8.
    valid_multibyte: usize,
}

impl Utf8Scan {
    fn of(bytes: &[u8]) -> Self {
        let mut scan = Utf8Scan {
            invalid: 0,
            first_invalid: None,
            valid_chars: 0,
            valid_multibyte: 0,
        };
        let mut offset = 0;
        while offset < bytes.len() {
            let rest = &bytes[offset..];
            let (valid_len, bad_len) = match std::str::from_utf8(rest) {
                Ok(_) => (rest.len(), 0),
                // No error_len: a truncated sequence at the end, one bad run.
                Err(error) => (
                    error.valid_up_to(),
                    error
                        .error_len()
                        .unwrap_or(rest.len() - error.valid_up_to()),
                ),
            };
            let valid = &rest[..valid_len];
            scan.valid_chars += valid.iter().filter(|&&byte| !is_continuation(byte)).count();
            scan.valid_multibyte += valid.iter().filter(|&&byte| byte >= 0xC0).count();
            if bad_len > 0 {
                scan.invalid += 1;
                scan.first_invalid.get_or_insert(offset + valid_len);
            }
            offset += valid_len + bad_len;
        }
        scan
    }

    /// The lossy decode; std replaces the same maximal invalid subparts as
    /// the WHATWG decoder, one U+FFFD each, so the counts agree.
    fn into_decoded(self, bytes: &[u8]) -> Decoded {
        Decoded {
            text: String::from_utf8_lossy(bytes).into_owned(),
            encoding: UTF_8,
            invalid: self.invalid,
            first_invalid: self.first_invalid,
        }
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

fn guess_legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    // chardetng skips a leading ASCII run itself; the sample starts there.
    let first_non_ascii = bytes.iter().position(|byte| !byte.is_ascii()).unwrap_or(0);
    let end = bytes.len().min(first_non_ascii + DETECTION_SAMPLE_BYTES);
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(&bytes[..end], end == bytes.len());
    let guess = detector.guess(None, Utf8Detection::Deny);
    // GBK and gb18030 share one decoder; gb18030 is the honest name.
    if guess == GBK { GB18030 } else { guess }
}

/// Single-byte encodings map the bytes they leave unassigned (0x81, 0x8D,
/// 0x8F, 0x90 and 0x9D in windows-1252; 0x80–0x9F in ISO-8859-x) to C1
/// controls, which real text never contains: a guess that produces them is
/// wrong, or the input is not text. They count as invalid sequences and
/// become U+FFFD. In a single-byte decode the char index is the byte offset.
fn replace_unassigned_single_bytes(decoded: &mut Decoded) {
    let is_c1 = |c: char| ('\u{80}'..='\u{9F}').contains(&c);
    let Some(first) = decoded.text.chars().position(is_c1) else {
        return;
    };
    decoded.invalid += decoded.text.chars().filter(|&c| is_c1(c)).count();
    decoded.first_invalid = Some(
        decoded
            .first_invalid
            .map_or(first, |known| known.min(first)),
    );
    decoded.text = decoded
        .text
        .chars()
        .map(|c| if is_c1(c) { '\u{FFFD}' } else { c })
        .collect();
}

fn check_nul(bytes: &[u8], display_path: &str) -> Result<(), InputError> {
    match bytes.iter().position(|&byte| byte == 0) {
        Some(offset) => Err(InputError::Binary {
            path: display_path.to_owned(),
            offset,
        }),
        None => Ok(()),
    }
}

/// A NUL code unit (two zero bytes at an even distance from `start`).
fn check_utf16_nul(bytes: &[u8], start: usize, display_path: &str) -> Result<(), InputError> {
    let mut units = bytes.get(start..).unwrap_or_default().chunks_exact(2);
    match units.position(|unit| unit == [0, 0]) {
        Some(index) => Err(InputError::Binary {
            path: display_path.to_owned(),
            offset: start + 2 * index,
        }),
        None => Ok(()),
    }
}

/// Decodes without BOM handling, replacing each invalid sequence by U+FFFD
/// and recording where the first one starts (`base_offset` + position).
fn decode_with(encoding: &'static Encoding, bytes: &[u8], base_offset: usize) -> Decoded {
    // A fixed chunk, not the String's spare capacity: encoding_rs touches
    // every page of the spare capacity on each call, and damaged input makes
    // one call per invalid sequence, which made that quadratic.
    let mut chunk = [0u8; 16 * 1024];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut invalid = 0;
    let mut first_invalid = None;
    let mut consumed = 0;
    loop {
        let (result, read, written) =
            decoder.decode_to_utf8_without_replacement(&bytes[consumed..], &mut chunk, true);
        consumed += read;
        // encoding_rs writes valid UTF-8, so this borrows and never replaces.
        text.push_str(&String::from_utf8_lossy(&chunk[..written]));
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(bad, after) => {
                invalid += 1;
                let start = consumed.saturating_sub(usize::from(bad) + usize::from(after));
                first_invalid.get_or_insert(base_offset + start);
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded {
        text,
        encoding,
        invalid,
        first_invalid,
    }
}

/// CRLF and lone CR become LF; every line end stays exactly one line end.
fn normalise_line_ends(text: &str) -> String {
    let mut pieces = text.split('\r');
    let mut normalised = String::with_capacity(text.len());
    normalised.push_str(pieces.next().unwrap_or_default());
    for piece in pieces {
        normalised.push('\n');
        normalised.push_str(piece.strip_prefix('\n').unwrap_or(piece));
    }
    normalised
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, SHIFT_JIS};
    use std::path::PathBuf;

    const ZH_HANS: &str = "人工智能全球治理上海宣言\n\n我们认为，人工智能的发展应当坚持以人为本、智能向善，确保安全、可靠、可控。\n各国应加强对话与合作，共同推动建立开放、公正、有效的治理机制。\n";
    const ZH_HANT: &str = "人工智能全球治理上海宣言\n\n我們認為，人工智能的發展應當堅持以人為本、智能向善，確保安全、可靠、可控。\n各國應加強對話與合作，共同推動建立開放、公正、有效的治理機制。\n";

    fn decoded(bytes: &[u8]) -> SourceText {
        decode(bytes, None, "t.md").unwrap_or_else(|error| panic!("{error}"))
    }

    fn decode_error(bytes: &[u8], forced: Option<&str>) -> InputError {
        match decode(bytes, forced, "t.md") {
            Ok(source) => panic!("expected an error, got {source:?}"),
            Err(error) => error,
        }
    }

    fn encoded(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(
            !unmappable,
            "test text not representable in {}",
            encoding.name()
        );
        bytes.into_owned()
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for unit in text.encode_utf16() {
            let pair = if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn utf8_without_bom() {
        let source = decoded(ZH_HANS.as_bytes());
        assert_eq!(source.text, ZH_HANS);
        assert_eq!(source.encoding, "UTF-8");
        assert_eq!(source.replaced, None);
        assert_eq!(source.display_path, "t.md");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let bytes = [b"\xEF\xBB\xBF".as_slice(), ZH_HANS.as_bytes()].concat();
        let source = decoded(&bytes);
        assert_eq!(source.text, ZH_HANS);
        assert_eq!(source.encoding, "UTF-8");
    }

    #[test]
    fn utf16le_and_be_with_bom() {
        let text = ZH_HANS.replace('\n', "\r\n");
        for (little_endian, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let source = decoded(&utf16(&text, little_endian));
            assert_eq!(source.text, ZH_HANS, "{name}");
            assert_eq!(source.encoding, name);
            assert_eq!(source.replaced, None);
        }
    }

    #[test]
    fn utf16_ascii_has_nul_bytes_and_is_still_text() {
        let source = decoded(&utf16("Article 1. Scope\n", true));
        assert_eq!(source.text, "Article 1. Scope\n");
    }

    #[test]
    fn utf16_nul_code_unit_is_binary() {
        let bytes = utf16("ab\0c", true);
        let error = decode_error(&bytes, None);
        assert!(
            matches!(error, InputError::Binary { offset: 6, .. }),
            "{error}"
        );
    }

    #[test]
    fn utf16_odd_trailing_byte_is_one_tolerated_replacement() {
        let mut bytes = utf16(ZH_HANS, false);
        bytes.push(0x4E);
        let source = decoded(&bytes);
        assert_eq!(source.text, format!("{ZH_HANS}\u{FFFD}"));
        assert_eq!(
            source.replaced,
            Some(Replaced {
                count: 1,
                first_offset: bytes.len() - 1
            })
        );
    }

    #[test]
    fn gb18030_is_detected_and_round_trips() {
        let source = decoded(&encoded(GB18030, ZH_HANS));
        assert_eq!(source.encoding, "gb18030");
        assert_eq!(source.text, ZH_HANS);
        assert_eq!(source.replaced, None);
    }

    #[test]
    fn big5_is_detected_and_round_trips() {
        let source = decoded(&encoded(BIG5, ZH_HANT));
        assert_eq!(source.encoding, "Big5");
        assert_eq!(source.text, ZH_HANT);
    }

    #[test]
    fn shift_jis_is_detected_and_round_trips() {
        let text = "人工知能のグローバル・ガバナンスに関する上海宣言。私たちは、人工知能の発展が人間中心であるべきだと考えます。\n";
        let source = decoded(&encoded(SHIFT_JIS, text));
        assert_eq!(source.encoding, "Shift_JIS");
        assert_eq!(source.text, text);
    }

    #[test]
    fn windows_1252_english_with_curly_quotes() {
        let source = decoded(b"The parties\x92 commitment to the caf\xe9 \x93rules\x94.\n");
        assert_eq!(source.encoding, "windows-1252");
        assert_eq!(
            source.text,
            "The parties’ commitment to the café “rules”.\n"
        );
    }

    #[test]
    fn crlf_lf_and_cr_give_identical_text() {
        let lf = decoded(b"one\ntwo\n\nfour\n").text;
        assert_eq!(decoded(b"one\r\ntwo\r\n\r\nfour\r\n").text, lf);
        assert_eq!(decoded(b"one\rtwo\r\rfour\r").text, lf);
        assert_eq!(decoded(b"one\r\ntwo\r\n\rfour\n").text, lf);
    }

    #[test]
    fn line_ends_keep_line_count() {
        // CR LF is one line end; LF CR is two; CR CR LF is two.
        assert_eq!(decoded(b"a\n\rb").text, "a\n\nb");
        assert_eq!(decoded(b"a\r\r\nb").text, "a\n\nb");
        assert_eq!(decoded(b"a\r\n\nb").text, "a\n\nb");
    }

    #[test]
    fn no_trailing_newline_is_kept() {
        assert_eq!(decoded(b"one\r\ntwo").text, "one\ntwo");
        assert_eq!(decoded(b"one\rtwo").text, "one\ntwo");
    }

    #[test]
    fn only_other_characters_are_untouched() {
        let text = "a\u{2028}b\u{85}c\u{0B}d\u{0C}e\t\u{FEFF}f";
        assert_eq!(decoded(text.as_bytes()).text, text);
    }

    #[test]
    fn one_leading_feff_is_stripped_after_decoding() {
        let source = decode(&encoded(GB18030, "\u{FEFF}条款"), Some("gb18030"), "t.md");
        assert_eq!(source.unwrap().text, "条款");
        // A UTF-8 BOM is removed as a BOM, then one more U+FEFF as text.
        assert_eq!(decoded("\u{FEFF}\u{FEFF}x".as_bytes()).text, "x");
        assert_eq!(
            decoded("\u{FEFF}\u{FEFF}\u{FEFF}x".as_bytes()).text,
            "\u{FEFF}x"
        );
    }

    #[test]
    fn nul_at_offset_zero_is_binary() {
        let error = decode_error(b"\0PNG", None);
        assert_eq!(
            error.to_string(),
            "t.md: binary file (NUL byte at offset 0)"
        );
    }

    #[test]
    fn nul_after_first_64_kib_is_binary() {
        let mut bytes = "第一条 适用范围。\n".repeat(10_000).into_bytes();
        assert!(bytes.len() > 70_001);
        bytes[70_000] = 0;
        let error = decode(&bytes, None, "samples/x.md").unwrap_err();
        assert_eq!(
            error.to_string(),
            "samples/x.md: binary file (NUL byte at offset 70000)"
        );
    }

    #[test]
    fn nul_in_utf8_bom_file_offset_counts_the_bom() {
        let error = decode_error(b"\xEF\xBB\xBFab\0", None);
        assert!(
            matches!(error, InputError::Binary { offset: 5, .. }),
            "{error}"
        );
    }

    #[test]
    fn random_garbage_with_nul_is_binary_at_first_nul() {
        let bytes = pseudo_random_bytes(7, 4096, |byte| byte);
        let first_nul = bytes.iter().position(|&b| b == 0).expect("4 KiB has a NUL");
        let error = decode_error(&bytes, None);
        assert!(
            matches!(error, InputError::Binary { offset, .. } if offset == first_nul),
            "{error}"
        );
    }

    #[test]
    fn random_high_bytes_are_undecodable_with_offset() {
        let bytes = pseudo_random_bytes(11, 10_000, |byte| byte | 0x80);
        let error = decode_error(&bytes, None);
        let InputError::Undecodable { count, offset, .. } = error else {
            panic!("{error}");
        };
        assert!(count > MAX_INVALID_SEQUENCES);
        assert!(offset < bytes.len());
    }

    #[test]
    fn utf8_with_one_stray_byte_decodes_lossily_and_reports_it() {
        let mut bytes = ZH_HANS.as_bytes().to_vec();
        let offset = ZH_HANS.find('我').expect("in text");
        bytes.insert(offset, 0xFF);
        let source = decoded(&bytes);
        assert_eq!(source.encoding, "UTF-8");
        assert_eq!(source.text.replacen('\u{FFFD}', "", 1), ZH_HANS);
        assert_eq!(
            source.replaced,
            Some(Replaced {
                count: 1,
                first_offset: offset
            })
        );
        let warning = source.warning().expect("lossy decode warns");
        assert!(
            warning.starts_with("t.md: 1 invalid byte sequence(s) as UTF-8"),
            "{warning}"
        );
        assert!(
            warning.ends_with(&format!("first at offset {offset}")),
            "{warning}"
        );
    }

    #[test]
    fn utf8_with_many_stray_bytes_is_undecodable() {
        let mut bytes = Vec::new();
        for line in ZH_HANS.lines() {
            bytes.extend_from_slice(line.as_bytes());
            bytes.extend_from_slice(b"\xC3\n");
        }
        let first_bad = ZH_HANS.lines().next().expect("line").len();
        let error = decode_error(&bytes, None);
        let InputError::Undecodable {
            encoding, offset, ..
        } = error
        else {
            panic!("{error}");
        };
        assert_eq!((encoding, offset), ("UTF-8", first_bad));
    }

    #[test]
    fn short_file_tolerates_one_invalid_sequence_only() {
        let source = decode(b"ab\xC3", Some("utf-8"), "t.md").unwrap();
        assert_eq!(source.replaced.map(|r| r.count), Some(1));
        // Detected, the same bytes are a plausible single-byte encoding.
        assert_eq!(decoded(b"ab\xC3").replaced, None);
        let error = decode_error(b"ab\xFF\xFF", Some("utf-8"));
        assert!(
            matches!(
                error,
                InputError::Undecodable {
                    count: 2,
                    offset: 2,
                    ..
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn forced_encoding_overrides_detection() {
        let bytes = encoded(GB18030, "中华人民共和国");
        let source = decode(&bytes, Some("gbk"), "t.md").unwrap();
        assert_eq!(
            (source.text.as_str(), source.encoding),
            ("中华人民共和国", "GBK")
        );
        // Undetectable without help: too short for chardetng.
        let short = encoded(GB18030, "Hello 中 world");
        assert_eq!(
            decode(&short, Some("GB2312"), "t.md").unwrap().text,
            "Hello 中 world"
        );
        let big5 = decode(&encoded(BIG5, ZH_HANT), Some(" big5 "), "t.md").unwrap();
        assert_eq!((big5.text.as_str(), big5.encoding), (ZH_HANT, "Big5"));
    }

    #[test]
    fn forced_utf16_without_bom() {
        let bytes = utf16("Scope\r\n", true);
        let source = decode(&bytes[2..], Some("utf-16le"), "t.md").unwrap();
        assert_eq!(
            (source.text.as_str(), source.encoding),
            ("Scope\n", "UTF-16LE")
        );
        // With a BOM the decoded U+FEFF is stripped too.
        assert_eq!(
            decode(&bytes, Some("utf-16"), "t.md").unwrap().text,
            "Scope\n"
        );
    }

    #[test]
    fn forced_wrong_encoding_is_undecodable() {
        let error = decode_error(&encoded(GB18030, ZH_HANS), Some("utf-8"));
        assert!(matches!(
            error,
            InputError::Undecodable {
                encoding: "UTF-8",
                offset: 0,
                ..
            }
        ));
        let message = error.to_string();
        assert!(
            message.starts_with("t.md: cannot decode as UTF-8: "),
            "{message}"
        );
    }

    #[test]
    fn unknown_forced_label_is_an_error_naming_it() {
        let error = decode_error(b"text", Some("klingon-8"));
        assert_eq!(
            error.to_string(),
            "t.md: unknown or unsupported encoding label \"klingon-8\""
        );
        // A WHATWG label for the "replacement" encoding is no real decoder.
        let error = decode_error(b"text", Some("iso-2022-kr"));
        assert!(
            matches!(error, InputError::UnknownEncoding { .. }),
            "{error}"
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        let source = decoded(b"");
        assert_eq!((source.text.as_str(), source.encoding), ("", "UTF-8"));
        assert_eq!(decoded(b"\xEF\xBB\xBF").text, "");
        assert_eq!(decoded(b"\xFF\xFE").text, "");
    }

    #[test]
    fn one_megabyte_line() {
        let line = "人工智能".repeat(90_000);
        assert!(line.len() > 1 << 20);
        assert_eq!(decoded(line.as_bytes()).text, line);
        // Encoding repeats, and the unoptimised encoder is slow: repeat bytes.
        let source = decoded(&encoded(GB18030, "人工智能").repeat(90_000));
        assert_eq!(
            (source.text.len(), source.encoding),
            (line.len(), "gb18030")
        );
    }

    #[test]
    fn too_large_input_is_refused() {
        let bytes = vec![b'a'; MAX_INPUT_BYTES + 1];
        let error = decode_error(&bytes, None);
        assert_eq!(
            error.to_string(),
            format!(
                "t.md: input too large (more than {MAX_INPUT_BYTES} bytes, the limit for one input)"
            )
        );
        let error = read_limited(&b"abcdef"[..], 5, "-").unwrap_err();
        assert!(
            matches!(error, InputError::TooLarge { limit: 5, .. }),
            "{error}"
        );
        assert_eq!(read_limited(&b"abcde"[..], 5, "-").unwrap(), b"abcde");
    }

    #[test]
    fn stdin_read_failure_names_stdin() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("stream closed"))
            }
        }
        let error = read_limited(Broken, 10, STDIN_DISPLAY_PATH).unwrap_err();
        assert_eq!(error.to_string(), "<stdin>: cannot read: stream closed");
    }

    #[test]
    fn missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_source_in(dir.path(), "nope.md", None).unwrap_err();
        assert_eq!(error.to_string(), "nope.md: no such file");
    }

    #[test]
    fn directory() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("docs")).unwrap();
        let error = read_source_in(dir.path(), "docs", None).unwrap_err();
        assert_eq!(error.to_string(), "docs: is a directory, not a file");
    }

    #[test]
    fn empty_file_and_dev_null() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("empty.md"), b"").unwrap();
        let source = read_source_in(dir.path(), "empty.md", None).unwrap();
        assert_eq!(
            (source.text.as_str(), source.display_path.as_str()),
            ("", "empty.md")
        );
        assert_eq!(read_source("/dev/null", None).unwrap().text, "");
    }

    #[test]
    fn file_is_read_and_decoded() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), encoded(GB18030, ZH_HANS)).unwrap();
        let source = read_source(dir.path().join("a.md").to_str().unwrap(), None).unwrap();
        assert_eq!(
            (source.text.as_str(), source.encoding),
            (ZH_HANS, "gb18030")
        );
    }

    #[test]
    fn unreadable_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.md");
        fs::write(&path, b"text").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        if File::open(&path).is_ok() {
            // Running as root: mode 000 does not stop reads, nothing to test.
            return;
        }
        let error = read_source_in(dir.path(), "secret.md", None).unwrap_err();
        assert_eq!(error.to_string(), "secret.md: permission denied");
    }

    #[test]
    fn existing_file_with_colon_is_a_file_not_a_git_spec() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("v2:draft.md"), b"draft\r\n").unwrap();
        let source = read_source_in(dir.path(), "v2:draft.md", None).unwrap();
        assert_eq!(source.text, "draft\n");
        // The part before ':' exists: a path, so a missing file, not git.
        fs::create_dir(dir.path().join("notes")).unwrap();
        let error = read_source_in(dir.path(), "notes:x.md", None).unwrap_err();
        assert!(matches!(error, InputError::NotFound { .. }), "{error}");
    }

    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .args([
                "-c",
                "user.name=declcmp",
                "-c",
                "user.email=declcmp@example.invalid",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn repository() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        fs::create_dir(dir.path().join("docs")).unwrap();
        fs::write(dir.path().join("docs/a.md"), encoded(GB18030, ZH_HANS)).unwrap();
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["commit", "-q", "-m", "first"]);
        // The working tree moves on; the revision must be what is read.
        fs::write(dir.path().join("docs/a.md"), b"changed\n").unwrap();
        dir
    }

    #[test]
    fn git_revision_is_read() {
        let repo = repository();
        let source = read_source_in(repo.path(), "HEAD:docs/a.md", None).unwrap();
        assert_eq!(source.text, ZH_HANS);
        assert_eq!(source.encoding, "gb18030");
        assert_eq!(source.display_path, "HEAD:docs/a.md");
    }

    #[test]
    fn git_unknown_path_and_revision() {
        let repo = repository();
        let error = read_source_in(repo.path(), "HEAD:docs/nope.md", None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "HEAD:docs/nope.md: git cannot read it: fatal: path 'docs/nope.md' does not exist in 'HEAD'"
        );
        let error = read_source_in(repo.path(), "v9:docs/a.md", None).unwrap_err();
        assert!(matches!(error, InputError::Git { .. }), "{error}");
        assert!(error.to_string().contains("'v9'"), "{error}");
    }

    #[test]
    fn git_directory_is_not_a_file() {
        let repo = repository();
        let error = read_source_in(repo.path(), "HEAD:docs", None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "HEAD:docs: not a file in git (it is a tree)"
        );
    }

    #[test]
    fn git_spec_outside_a_repository() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_source_in(dir.path(), "HEAD:a.md", None).unwrap_err();
        let message = error.to_string();
        assert!(matches!(error, InputError::Git { .. }), "{message}");
        assert!(
            message.starts_with("HEAD:a.md: git cannot read it: fatal: not a git repository"),
            "{message}"
        );
    }

    #[test]
    fn git_not_installed() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_git_blob("/nonexistent/git", dir.path(), "HEAD:a.md").unwrap_err();
        assert_eq!(
            error.to_string(),
            "HEAD:a.md: git is not installed (needed to read REV:path inputs)"
        );
    }

    #[test]
    fn error_messages_are_one_line_and_start_with_the_path() {
        let errors = [
            decode_error(b"\0", None),
            decode_error(b"x", Some("nope")),
            decode_error(&pseudo_random_bytes(3, 5000, |b| b | 0x80), None),
            read_limited(&b"ab"[..], 1, "t.md").unwrap_err(),
        ];
        for error in errors {
            let message = error.to_string();
            assert!(message.starts_with("t.md: "), "{message}");
            assert!(!message.contains('\n'), "{message}");
        }
    }

    /// xorshift64: deterministic bytes without a dependency.
    fn pseudo_random_bytes(seed: u64, len: usize, shape: impl Fn(u8) -> u8) -> Vec<u8> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                shape((state >> 24) as u8)
            })
            .collect()
    }

    #[test]
    fn decode_never_panics_on_pseudo_random_bytes() {
        let prefixes: [&[u8]; 4] = [b"", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF"];
        let shapes: [fn(u8) -> u8; 4] = [
            |b| b,                                        // anything, NULs included
            |b| b | 0x80,                                 // high bytes only
            |b| if b < 0x20 { b'\r' } else { b },         // no NUL, many CRs
            |b| if b % 3 == 0 { b'a' } else { b | 0x80 }, // mostly CJK-like
        ];
        let forced = [
            None,
            Some("gbk"),
            Some("utf-16be"),
            Some("big5"),
            Some("utf-8"),
        ];
        for case in 0..4000u64 {
            let len = (case as usize * 37) % 600;
            let prefix = prefixes[case as usize % prefixes.len()];
            let shape = shapes[(case as usize / 4) % shapes.len()];
            let bytes = [prefix, &pseudo_random_bytes(case, len, shape)].concat();
            let forced_encoding = forced[(case as usize / 16) % forced.len()];
            if let Ok(source) = decode(&bytes, forced_encoding, "fuzz.md") {
                assert!(!source.text.contains('\r'));
                assert!(
                    !source.text.starts_with('\u{FEFF}') || source.text.starts_with("\u{FEFF}")
                );
                if let Some(replaced) = source.replaced {
                    assert!(replaced.count <= MAX_INVALID_SEQUENCES);
                    assert!(replaced.first_offset < bytes.len());
                }
            }
        }
    }

    #[test]
    fn utf8_scan_agrees_with_lossy_decoding() {
        for case in 0..2000u64 {
            let bytes = pseudo_random_bytes(case, (case as usize * 13) % 300, |b| match b % 4 {
                0 => b'a',
                1 => 0xE4,
                _ => b | 0x80,
            });
            let scan = Utf8Scan::of(&bytes);
            let lossy = String::from_utf8_lossy(&bytes);
            let replacement_bytes = lossy.len() - lossy.replace('\u{FFFD}', "").len();
            assert_eq!(scan.invalid, replacement_bytes / 3, "{bytes:?}");
            assert_eq!(scan.valid_chars, lossy.chars().count() - scan.invalid);
        }
    }

    #[test]
    fn empty_spec_is_a_missing_file() {
        let error = read_source("", None).unwrap_err();
        assert_eq!(error.to_string(), "\"\": no such file");
    }

    #[test]
    fn test_paths_are_independent_of_the_current_directory() {
        // read_source_in joins relative specs onto its directory.
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("b.md"), b"x").unwrap();
        let absolute: PathBuf = dir.path().join("b.md");
        assert_eq!(
            read_source(absolute.to_str().unwrap(), None).unwrap().text,
            "x"
        );
        assert_eq!(read_source_in(dir.path(), "b.md", None).unwrap().text, "x");
    }
}
