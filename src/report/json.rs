//! `--format json`: the report as the `declcmp.report/1` contract, pretty-printed.

use std::io::Write;

use super::Report;

/// Writes the report as JSON followed by a newline.
pub fn render(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
