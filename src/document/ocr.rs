//! OCR for a PDF without a text layer (`--ocr`): the system's `pdftoppm` (poppler-utils)
//! renders the pages and `tesseract` reads them; both run as programs, nothing is linked.
//! Paragraphs are tesseract's (blank lines between them); the spaces it puts between
//! Chinese characters are taken out.

use std::io::ErrorKind;
use std::process::{Command, Stdio};

use super::BlockKind;
use super::chrome::{self, Item, is_cjk};
use super::format::FormatError;
use super::join::Joiner;
use super::pdf::PdfText;

/// Rendering resolution: tesseract is trained on text scanned at about 300 dpi.
pub const OCR_DPI: u32 = 300;

/// Most pages read by OCR (about 2-5 s a page on one core): a declaration is a few dozen.
pub const MAX_OCR_PAGES: usize = 300;

/// Reads the pages of a PDF by OCR. `path` names the input in errors.
pub fn read(bytes: &[u8], path: &str) -> Result<PdfText, FormatError> {
    let fail = |reason: String| FormatError::Ocr {
        path: path.to_owned(),
        reason,
    };
    let langs = languages().map_err(&fail)?;
    let dir = tempfile::tempdir().map_err(|e| fail(format!("no temporary folder: {e}")))?;
    let pdf = dir.path().join("input.pdf");
    std::fs::write(&pdf, bytes).map_err(|e| fail(format!("cannot write a temporary file: {e}")))?;
    run(
        Command::new("pdftoppm")
            .args(["-r", &OCR_DPI.to_string(), "-gray", "-png"])
            .arg("-l")
            .arg(MAX_OCR_PAGES.to_string())
            .arg(&pdf)
            .arg(dir.path().join("page")),
        "pdftoppm",
        "poppler-utils",
    )
    .map_err(&fail)?;
    let mut images: Vec<_> = std::fs::read_dir(dir.path())
        .map_err(|e| fail(e.to_string()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    images.sort();
    let mut pages = Vec::with_capacity(images.len());
    for image in &images {
        let text = run(
            Command::new("tesseract")
                .arg(image)
                .arg("stdout")
                .args(["-l", &langs]),
            "tesseract",
            "tesseract-ocr",
        )
        .map_err(&fail)?;
        pages.push(text);
    }
    Ok(layout(&pages))
}

/// `chi_sim+eng`, or whichever of the two is installed.
fn languages() -> Result<String, String> {
    let listed = run(
        Command::new("tesseract").arg("--list-langs"),
        "tesseract",
        "tesseract-ocr",
    )?;
    let have: Vec<&str> = listed.lines().map(str::trim).collect();
    let wanted: Vec<&str> = ["chi_sim", "eng"]
        .into_iter()
        .filter(|lang| have.contains(lang))
        .collect();
    if wanted.is_empty() {
        return Err("tesseract has neither Chinese nor English installed (Debian: apt-get install tesseract-ocr-chi-sim tesseract-ocr-eng)".into());
    }
    Ok(wanted.join("+"))
}

/// Runs a program and returns its standard output; a missing program names its package.
fn run(command: &mut Command, program: &str, package: &str) -> Result<String, String> {
    let output = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .map_err(|error| {
            if error.kind() == ErrorKind::NotFound {
                format!(
                    "{program} is not installed (--ocr needs tesseract and pdftoppm; Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng poppler-utils; missing: {package})"
                )
            } else {
                format!("cannot run {program}: {error}")
            }
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("no message");
        return Err(format!("{program} failed: {first}"));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// Blocks from the text of each page: paragraphs between blank lines, lines numbered
/// through the file.
fn layout(pages: &[String]) -> PdfText {
    let mut items: Vec<Item> = Vec::new();
    let mut page_starts = Vec::with_capacity(pages.len());
    let mut number = 0;
    for page in pages {
        page_starts.push(number + 1);
        let mut current = Joiner::new(BlockKind::Paragraph);
        for line in page.lines() {
            number += 1;
            let line = close_cjk_gaps(line.trim_matches('\u{c}'));
            if line.trim().is_empty() {
                let done = std::mem::replace(&mut current, Joiner::new(BlockKind::Paragraph));
                items.extend(done.finish());
            } else {
                current.push_line(&line, number);
            }
        }
        items.extend(current.finish());
    }
    PdfText {
        blocks: chrome::assemble(items),
        page_starts,
        ..PdfText::default()
    }
}

/// Drops the spaces tesseract writes between Chinese characters.
fn close_cjk_gaps(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (k, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let before = out.chars().next_back();
            let after = chars[k + 1..].iter().find(|&&n| n != ' ');
            if before.is_some_and(is_cjk) && after.is_some_and(|&n| is_cjk(n)) {
                continue;
            }
            if out.ends_with(' ') {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tesseract_spaces_between_chinese_characters_are_closed() {
        assert_eq!(
            close_cjk_gaps("第 一 条  为了 促进 AI 发展"),
            "第一条为了促进 AI 发展"
        );
    }

    #[test]
    fn pages_give_paragraphs_and_page_starts() {
        let text = layout(&[
            "第 一 条\n为了 促进。\n\nSecond para.\n".into(),
            "Next page.\n".into(),
        ]);
        let got: Vec<(&str, usize)> = text
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.line_marks[0].1))
            .collect();
        assert_eq!(
            got,
            [
                ("第一条为了促进。", 1),
                ("Second para.", 4),
                ("Next page.", 5)
            ]
        );
        assert_eq!(text.page_starts, [1, 5]);
    }
}
