//! `--format markdown`.

use std::io::Write;

use super::{RenderOptions, Report};

/// Writes the report.
pub fn render(
    report: &Report,
    _options: &RenderOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{} pairs", report.pairs.len())
}
