//! Bytes to text: the encoding forced or detected, invalid sequences within the tolerance
//! replaced, NUL bytes refused, line ends normalised (the rules are in the module docs).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

use super::source::too_large;
use super::{
    CHARS_PER_INVALID_SEQUENCE, DETECTION_SAMPLE_BYTES, InputError, MAX_INPUT_BYTES,
    MAX_INVALID_SEQUENCES, Replaced, SourceText, UTF8_EVIDENCE_RATIO,
};

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
pub(super) struct Utf8Scan {
    pub(super) invalid: usize,
    pub(super) first_invalid: Option<usize>,
    pub(super) valid_chars: usize,
    /// Valid sequences of two to four bytes: the evidence for UTF-8.
    pub(super) valid_multibyte: usize,
}

impl Utf8Scan {
    pub(super) fn of(bytes: &[u8]) -> Self {
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
