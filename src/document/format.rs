//! Which format an input is in, told from its bytes (never its name), and the one-line
//! errors of the readers for PDF, DOCX and HTML. Start at [`detect`]; each format's reader
//! lives in its own file (`pdf.rs`, `docx.rs`, `html.rs`, `text.rs`) and ends in the same
//! blocks the Markdown parser gives.

/// How many leading bytes may stand before `%PDF-`: the PDF specification lets readers
/// accept a header anywhere in the first 1024 bytes (some generators write junk first).
pub const PDF_HEADER_WINDOW: usize = 1024;

/// How many leading bytes are searched for the start of an HTML document: a BOM, white
/// space, an XML declaration and comments may stand before `<!doctype html` or `<html`.
pub const HTML_SNIFF_WINDOW: usize = 1024;

/// The format an input is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Tell the format from the content: `%PDF-`, a ZIP holding `word/document.xml`,
    /// `<!doctype html` or `<html`; anything else is Markdown.
    #[default]
    Auto,
    /// Markdown (plain text reads as Markdown without markup).
    Markdown,
    /// Plain text: paragraphs are separated by blank lines, nothing is markup.
    Text,
    /// A PDF with a text layer (or `--ocr` for one without).
    Pdf,
    /// A Word document (Office Open XML).
    Docx,
    /// A web page: its main content, without navigation, banners and footers.
    Html,
}

named!(InputFormat {
    Auto => "auto",
    Markdown => "markdown",
    Text => "text",
    Pdf => "pdf",
    Docx => "docx",
    Html => "html",
});

impl InputFormat {
    /// The formats read from bytes rather than decoded text.
    pub fn is_binary(self) -> bool {
        matches!(self, InputFormat::Pdf | InputFormat::Docx)
    }
}

impl serde::Serialize for InputFormat {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for InputFormat {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

/// The format the content shows. Never [`InputFormat::Auto`]; text that is not HTML is
/// Markdown. A ZIP archive reads as DOCX here; whether it holds `word/document.xml` is the
/// DOCX reader's to say, so that an `.xlsx` gets a message and not a binary-file error.
pub fn detect(bytes: &[u8]) -> InputFormat {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return InputFormat::Docx;
    }
    let head = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if find(head, b"%PDF-").is_some() {
        return InputFormat::Pdf;
    }
    if looks_like_html(bytes) {
        return InputFormat::Html;
    }
    InputFormat::Markdown
}

/// True when the input, after a BOM, white space, an XML declaration and comments, opens
/// with `<!doctype html` or `<html` (ASCII case ignored).
fn looks_like_html(bytes: &[u8]) -> bool {
    let mut rest = &bytes[..bytes.len().min(HTML_SNIFF_WINDOW)];
    rest = rest.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(rest);
    loop {
        rest = trim_ascii_start(rest);
        if starts_with_ignore_case(rest, b"<!doctype html")
            || starts_with_ignore_case(rest, b"<html")
        {
            return true;
        }
        let close: &[u8] = if rest.starts_with(b"<!--") {
            b"-->"
        } else if rest.starts_with(b"<?") {
            b"?>"
        } else {
            return false;
        };
        match find(rest, close) {
            Some(at) => rest = &rest[at + close.len()..],
            None => return false,
        }
    }
}

/// What the first bytes say a file is, for a message when it is not what was asked for.
pub fn describe(bytes: &[u8]) -> &'static str {
    if bytes.is_empty() {
        return "an empty file";
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return "a legacy Word/Office file (.doc); save it as .docx";
    }
    match detect(bytes) {
        InputFormat::Pdf => "a PDF",
        InputFormat::Docx => "a ZIP archive",
        InputFormat::Html => "an HTML page",
        _ if bytes.contains(&0) => "binary data",
        _ => "text",
    }
}

/// The format to read `bytes` in: `forced` when it is not `Auto`, checked against the
/// content for the binary formats, else the one the content shows. A file named `.pdf` or
/// `.docx` whose content is text is refused rather than compared as text: it is most likely
/// a failed download or a mislabelled file, and `--input-format markdown` reads it anyway.
pub fn choose(bytes: &[u8], forced: InputFormat, path: &str) -> Result<InputFormat, FormatError> {
    let detected = detect(bytes);
    let mismatch = |expected, hint| FormatError::Mismatch {
        path: path.to_owned(),
        expected,
        found: describe(bytes),
        hint,
    };
    match forced {
        InputFormat::Auto => {
            let extension = std::path::Path::new(path)
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            let claimed = match extension.as_deref() {
                Some("pdf") => Some((InputFormat::Pdf, "a PDF")),
                Some("docx") => Some((InputFormat::Docx, "a Word document")),
                _ => None,
            };
            match claimed {
                Some((format, expected)) if !detected.is_binary() && format != detected => {
                    Err(mismatch(
                        expected,
                        "; give --input-format markdown to read it as text",
                    ))
                }
                _ => Ok(detected),
            }
        }
        InputFormat::Pdf if detected != InputFormat::Pdf => Err(mismatch("a PDF", "")),
        InputFormat::Docx if detected != InputFormat::Docx => {
            Err(mismatch("a Word document (a ZIP archive)", ""))
        }
        forced => Ok(forced),
    }
}

/// Parses decoded text in a text format (Markdown, plain text, HTML).
pub fn parse_text(text: &str, format: InputFormat) -> super::ParsedText {
    match format {
        InputFormat::Html => {
            let (first_heading, blocks) = super::html::blocks(text);
            super::ParsedText {
                first_heading,
                blocks,
                ..Default::default()
            }
        }
        InputFormat::Text => super::ParsedText {
            blocks: super::text::blocks(text),
            ..Default::default()
        },
        _ => super::parse(text),
    }
}

/// Reads an input in a binary format (PDF, DOCX). A PDF without a text layer is refused
/// unless `ocr`, when tesseract reads its pages instead.
pub fn parse_binary(
    bytes: &[u8],
    format: InputFormat,
    path: &str,
    ocr: bool,
) -> Result<super::ParsedText, FormatError> {
    match format {
        InputFormat::Docx => {
            let docx = super::docx::read(bytes, path)?;
            Ok(super::ParsedText {
                note: docx.note(),
                first_heading: docx.first_heading,
                blocks: docx.blocks,
                ..Default::default()
            })
        }
        _ => {
            let pdf = match super::pdf::read(bytes, path) {
                Err(FormatError::NoTextLayer { .. }) if ocr => super::ocr::read(bytes, path)?,
                result => result?,
            };
            Ok(super::ParsedText {
                first_heading: pdf.first_heading,
                blocks: pdf.blocks,
                page_starts: pdf.page_starts,
                ..Default::default()
            })
        }
    }
}

fn trim_ascii_start(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// Why a PDF, DOCX or HTML input could not be read. Messages are one line and start with
/// the input's display path.
#[derive(Debug, thiserror::Error)]
pub enum FormatError {
    /// `--input-format` (or the file's extension) names a format the content is not in.
    #[error("{path}: not {expected}: the content is {found}{hint}")]
    Mismatch {
        /// The input as named to the user.
        path: String,
        /// What was expected, e.g. "a PDF".
        expected: &'static str,
        /// What the content is, from [`describe`].
        found: &'static str,
        /// How to read it anyway, or empty.
        hint: &'static str,
    },
    /// The PDF is encrypted with a password that is not empty.
    #[error(
        "{path}: the PDF is password-protected; remove the password (e.g. print to PDF) and try again"
    )]
    PdfPassword {
        /// The input as named to the user.
        path: String,
    },
    /// The PDF is damaged or uses something its reader does not support.
    #[error("{path}: cannot read the PDF: {reason}")]
    Pdf {
        /// The input as named to the user.
        path: String,
        /// What the PDF reader said.
        reason: String,
    },
    /// The PDF has pages but no text on them (scanned, or letters drawn as outlines).
    #[error(
        "{path}: the PDF has no text layer ({pages} page(s) of images or outlines); it needs OCR: run again with --ocr (uses tesseract)"
    )]
    NoTextLayer {
        /// The input as named to the user.
        path: String,
        /// Pages in the PDF.
        pages: usize,
    },
    /// `--ocr` was given and OCR could not run or failed.
    #[error("{path}: OCR failed: {reason}")]
    Ocr {
        /// The input as named to the user.
        path: String,
        /// What is missing or what the OCR program said.
        reason: String,
    },
    /// The ZIP container of a DOCX is damaged, encrypted or not a Word document.
    #[error("{path}: cannot read the Word document: {reason}")]
    Docx {
        /// The input as named to the user.
        path: String,
        /// What is wrong.
        reason: String,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(detect(b"%PDF-1.7\n%\xE2\xE3"), InputFormat::Pdf);
        assert_eq!(detect(b"\n\n%PDF-1.4"), InputFormat::Pdf);
        assert_eq!(detect(b"PK\x03\x04rest"), InputFormat::Docx);
        assert_eq!(detect(b"<!DOCTYPE html><p>x"), InputFormat::Html);
        assert_eq!(detect(b"\xEF\xBB\xBF  <html lang=zh>"), InputFormat::Html);
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<!-- c -->\n<html>"),
            InputFormat::Html
        );
        assert_eq!(detect(b"# Title\n\n<html> in text"), InputFormat::Markdown);
        assert_eq!(detect("我们将加强合作。".as_bytes()), InputFormat::Markdown);
        assert_eq!(detect(b""), InputFormat::Markdown);
    }

    #[test]
    fn a_forced_or_claimed_format_must_match_the_content() {
        assert_eq!(
            choose(b"# T", InputFormat::Auto, "a.md").unwrap(),
            InputFormat::Markdown
        );
        let error = choose(b"<html>", InputFormat::Auto, "a.pdf").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a.pdf: not a PDF: the content is an HTML page; give --input-format markdown to read it as text"
        );
        assert!(choose(b"%PDF-1.4", InputFormat::Auto, "a.docx").is_ok());
        assert!(choose(b"text", InputFormat::Pdf, "a").is_err());
        assert!(choose(b"%PDF-1.4", InputFormat::Docx, "a").is_err());
        assert_eq!(
            choose(b"%PDF-1.4", InputFormat::Markdown, "a").unwrap(),
            InputFormat::Markdown
        );
    }

    #[test]
    fn names_parse_back() {
        for name in InputFormat::NAMES {
            assert_eq!(name.parse::<InputFormat>().unwrap().name(), *name);
        }
        assert!("word".parse::<InputFormat>().is_err());
    }

    #[test]
    fn describe_names_what_a_file_is() {
        assert_eq!(describe(b"%PDF-1.4"), "a PDF");
        assert_eq!(describe(b"hello"), "text");
        assert!(describe(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1....").contains(".doc"));
    }
}
