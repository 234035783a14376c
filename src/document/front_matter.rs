//! YAML front matter (`---` … `---` at the top): the two fields declcmp uses.
//!
//! Only top-level `title:` and `language:` scalars are read, quoted or not. The rest of the
//! block is not interpreted, so a front matter that is not valid YAML still leaves the text
//! comparable: metadata is a convenience here, never a reason to refuse a document.

/// Front matter fields that declcmp uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    /// `title:`.
    pub title: Option<String>,
    /// `language:` (or `lang:`), e.g. `zh`.
    pub language: Option<String>,
}

/// Splits off a front matter block; returns it and the byte offset where the body starts
/// (0 when there is none).
pub fn split(text: &str) -> (FrontMatter, usize) {
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return (FrontMatter::default(), 0),
    }
    let mut offset = text.split_inclusive('\n').next().map_or(0, str::len);
    let mut fields = FrontMatter::default();
    for line in lines {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (fields, offset);
        }
        if line.starts_with([' ', '\t', '-']) {
            continue;
        }
        if let Some((key, value)) = trimmed.split_once(':') {
            let value = unquote(value.trim());
            if value.is_empty() {
                continue;
            }
            match key.trim() {
                "title" => fields.title = Some(value),
                "language" | "lang" => fields.language = Some(value),
                _ => {}
            }
        }
    }
    // No closing fence: not front matter after all.
    (FrontMatter::default(), 0)
}

fn unquote(value: &str) -> String {
    let stripped = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')));
    match stripped {
        Some(inner) => inner.replace("\\\"", "\"").replace("''", "'"),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title_and_language_and_body_offset() {
        let text = "---\ntitle: \"The \\\"Bletchley\\\" Declaration\"\nlanguage: en\nsource:\n  repo: x\n---\n\n# Heading\n";
        let (fm, offset) = split(text);
        assert_eq!(fm.title.as_deref(), Some("The \"Bletchley\" Declaration"));
        assert_eq!(fm.language.as_deref(), Some("en"));
        assert_eq!(&text[offset..], "\n# Heading\n");
    }

    #[test]
    fn unclosed_fence_is_not_front_matter() {
        let (fm, offset) = split("---\ntitle: x\nno end\n");
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(offset, 0);
    }

    #[test]
    fn no_front_matter() {
        assert_eq!(split("# Title\n").1, 0);
        assert_eq!(split("").1, 0);
    }
}
