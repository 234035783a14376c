//! Reading inputs (placeholder: UTF-8 files and stdin only).

use std::io::Read;

/// Decoded input text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The text, line ends normalised to LF.
    pub text: String,
    /// WHATWG encoding name.
    pub encoding: &'static str,
    /// The input as named to the user.
    pub display_path: String,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The input.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// Not UTF-8.
    #[error("{path}: not UTF-8 text")]
    Undecodable {
        /// The input.
        path: String,
    },
}

/// Reads a path or `-`.
pub fn read_source(spec: &str, forced_encoding: Option<&str>) -> Result<SourceText, InputError> {
    let io = |source| InputError::Io {
        path: spec.to_string(),
        source,
    };
    let bytes = if spec == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(io)?;
        buf
    } else {
        std::fs::read(spec).map_err(io)?
    };
    decode(&bytes, forced_encoding, spec)
}

/// Decodes bytes.
pub fn decode(
    bytes: &[u8],
    _forced_encoding: Option<&str>,
    display_path: &str,
) -> Result<SourceText, InputError> {
    let text = std::str::from_utf8(bytes).map_err(|_| InputError::Undecodable {
        path: display_path.to_string(),
    })?;
    Ok(SourceText {
        text: text
            .trim_start_matches('\u{FEFF}')
            .replace("\r\n", "\n")
            .replace('\r', "\n"),
        encoding: "UTF-8",
        display_path: display_path.to_string(),
    })
}
