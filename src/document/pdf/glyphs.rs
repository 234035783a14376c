//! Glyphs to lines: pdf-extract hands each glyph with its position and size; glyphs on one
//! baseline become a line, with spaces where the gap is wide enough for one.

use std::panic::{self, AssertUnwindSafe};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};
use rayon::prelude::*;

use super::super::chrome::is_cjk;
use super::super::format::FormatError;
use super::furniture::is_footnote_marker;
use super::{SAME_LINE_SHIFT, WORD_GAP};

/// The glyphs of every page, from pdf-extract. pdf-extract and lopdf panic on some damaged
/// files (they unwrap freely), so the extraction runs under `catch_unwind` with the panic
/// message held back: a broken PDF is one line of error, never a backtrace.
pub(super) fn glyph_pages(bytes: &[u8], path: &str) -> Result<Vec<PageGlyphs>, FormatError> {
    let pdf_error = |reason: String| FormatError::Pdf {
        path: path.to_owned(),
        reason,
    };
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let mut document = match pdf_extract::Document::load_mem(bytes) {
            Ok(document) => document,
            Err(error) => return Err(load_error(&error, path)),
        };
        if document.is_encrypted() && document.decrypt("").is_err() {
            return Err(FormatError::PdfPassword {
                path: path.to_owned(),
            });
        }
        // Pages are independent (pdf-extract reads each page's fonts afresh), so they are
        // read in parallel: CID fonts make this the slow part, ~14 ms a page on one core.
        let numbers: Vec<u32> = document.get_pages().keys().copied().collect();
        numbers
            .par_iter()
            .map(|&number| {
                let mut collector = Collector::default();
                pdf_extract::output_doc_page(&document, &mut collector, number).map_err(
                    |error| pdf_error(crate::text::collapse_whitespace(&error.to_string())),
                )?;
                Ok(collector.pages.pop().unwrap_or_default())
            })
            .collect::<Result<Vec<PageGlyphs>, FormatError>>()
    }));
    panic::set_hook(previous_hook);
    match outcome {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(std::string::ToString::to_string)
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unexpected structure".to_owned());
            Err(pdf_error(format!(
                "damaged or unsupported PDF ({})",
                crate::text::collapse_whitespace(&what)
            )))
        }
    }
}

pub(super) fn load_error(error: &pdf_extract::Error, path: &str) -> FormatError {
    let reason = crate::text::collapse_whitespace(&error.to_string());
    if matches!(error, pdf_extract::Error::Decryption(_))
        || reason.to_lowercase().contains("password")
    {
        return FormatError::PdfPassword {
            path: path.to_owned(),
        };
    }
    FormatError::Pdf {
        path: path.to_owned(),
        reason,
    }
}

/// One glyph (or the few characters one glyph decodes to) where it stands, top-down.
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f64,
    pub(super) end: f64,
    /// Baseline, measured down from the top of the page.
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

#[derive(Debug, Default)]
pub(super) struct PageGlyphs {
    pub(super) height: f64,
    pub(super) glyphs: Vec<Glyph>,
}

#[derive(Default)]
pub(super) struct Collector {
    pages: Vec<PageGlyphs>,
    top: f64,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.top = media_box.ury;
        self.pages.push(PageGlyphs {
            height: (media_box.ury - media_box.lly).abs(),
            glyphs: Vec::new(),
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let (x, y) = (trm.m31, self.top - trm.m32);
        let end = x + width * size;
        if !(size.is_finite() && x.is_finite() && y.is_finite() && end.is_finite()) || size <= 0.0 {
            return Ok(());
        }
        if let Some(page) = self.pages.last_mut() {
            page.glyphs.push(Glyph {
                x,
                end,
                y,
                size,
                text: text.to_owned(),
            });
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A line of text rebuilt from glyphs.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// 0-based page.
    pub(super) page: usize,
    /// 1-based line number through the file.
    pub(super) number: usize,
    pub(super) y: f64,
    pub(super) x0: f64,
    pub(super) x1: f64,
    /// Where the first word ends: the next line's first word fits on this one when the
    /// space left at its end is wider than this word.
    pub(super) first_word: f64,
    pub(super) size: f64,
    pub(super) text: String,
}

pub(super) fn lines_of(page: usize, glyphs: &[Glyph]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut current: Option<Line> = None;
    let mut pending_space = false;
    for glyph in glyphs {
        let blank = glyph.text.trim().is_empty();
        let continues = current.as_ref().is_some_and(|line| {
            (glyph.y - line.y).abs() <= SAME_LINE_SHIFT * glyph.size.max(line.size)
                && glyph.x >= line.x0 - glyph.size
        });
        if !continues {
            if blank {
                continue;
            }
            lines.extend(current.take());
            current = Some(Line {
                page,
                number: 0,
                y: glyph.y,
                x0: glyph.x,
                x1: glyph.end,
                first_word: f64::NAN,
                size: glyph.size,
                text: glyph.text.trim().to_owned(),
            });
            pending_space = false;
            continue;
        }
        let Some(line) = current.as_mut() else {
            continue;
        };
        if blank {
            pending_space = true;
            continue;
        }
        if is_footnote_marker(glyph, line) {
            // The Markdown reader drops footnote references; so does this one.
            line.x1 = line.x1.max(glyph.end);
            continue;
        }
        let gap = glyph.x - line.x1;
        let before = line.text.chars().next_back();
        let after = glyph.text.chars().next();
        let cjk_join = before.is_some_and(is_cjk) && after.is_some_and(is_cjk);
        if (pending_space || gap > WORD_GAP * glyph.size) && !cjk_join {
            if line.first_word.is_nan() {
                line.first_word = line.x1 - line.x0;
            }
            line.text.push(' ');
        } else if line.first_word.is_nan() && before.is_some_and(is_cjk) {
            line.first_word = line.x1 - line.x0;
        }
        pending_space = false;
        line.text.push_str(&glyph.text);
        line.x1 = line.x1.max(glyph.end);
        // The body size of a line is its largest glyph that is not a raised marker.
        if (glyph.y - line.y).abs() < 0.1 * glyph.size {
            line.size = line.size.max(glyph.size);
        }
    }
    lines.extend(current);
    for line in &mut lines {
        if line.first_word.is_nan() {
            line.first_word = line.x1 - line.x0;
        }
        line.text = line.text.trim().to_owned();
    }
    lines.retain(|line| !line.text.is_empty());
    lines
}
