//! `declcmp --generate KIND`: the man page and the shell completions, generated from the
//! clap definitions of all three commands (`cli::documented_command`), as ripgrep does.

use std::io::{self, Write};

use clap_complete::Shell;

use crate::cli::{self, Generate};

/// Writes what `kind` names to `out`.
pub fn write(kind: Generate, out: &mut dyn Write) -> io::Result<()> {
    let mut command = cli::documented_command();
    let shell = match kind {
        Generate::Man => return man_page(&command, out),
        Generate::CompleteBash => Shell::Bash,
        Generate::CompleteZsh => Shell::Zsh,
        Generate::CompleteFish => Shell::Fish,
        Generate::CompletePowershell => Shell::PowerShell,
    };
    clap_complete::generate(shell, &mut command, "declcmp", out);
    Ok(())
}

/// `declcmp.1`: the plain comparison's synopsis, description and options, then a section
/// for each of `declcmp check` and `declcmp render` with theirs (clap_mangen would point at
/// pages of their own, `declcmp-check(1)`, which a single `--generate man` cannot write).
fn man_page(command: &clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let page = clap_mangen::Man::new(cli::comparison_command());
    page.render_title(out)?;
    page.render_name_section(out)?;
    page.render_synopsis_section(out)?;
    page.render_description_section(out)?;
    page.render_options_section(out)?;
    for sub in command.get_subcommands() {
        let name = sub.get_bin_name().unwrap_or_else(|| sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let sub_page = clap_mangen::Man::new(sub.clone());
        let mut section = Vec::new();
        sub_page.render_synopsis_section(&mut section)?;
        sub_page.render_description_section(&mut section)?;
        sub_page.render_options_section(&mut section)?;
        // Its own headings become subsections of this one.
        let section =
            format!("\n{}", String::from_utf8_lossy(&section)).replace("\n.SH ", "\n.SS ");
        out.write_all(section.trim_start_matches('\n').as_bytes())?;
    }
    page.render_extra_section(out)?;
    page.render_version_section(out)
}
