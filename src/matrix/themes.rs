//! The theme taxonomy of `declcmp matrix`: themes named in English and Chinese, each a set
//! of concepts of the lexicon (`data/concepts.tsv`), read from `data/themes.tsv` (shipped)
//! or a user's file of the same layout (`--themes FILE`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::similarity::concepts::{self, CONCEPT_PREFIX};

/// The taxonomy shipped with declcmp (Fjeld et al. 2020's eight themes and four more; the
/// file's header names the sources).
const THEMES_TSV: &str = include_str!("../../data/themes.tsv");

/// One theme: what it is called and the concepts that tag a clause with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// Short id, as in the JSON (`privacy`).
    pub id: String,
    /// English name.
    pub name: String,
    /// Chinese name (may be empty in a user's file).
    pub name_zh: String,
    /// Where the theme comes from (may be empty).
    pub source: String,
    /// Concept ids of `data/concepts.tsv`.
    pub concepts: Vec<String>,
}

/// A list of themes, in the file's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taxonomy {
    /// The themes.
    pub themes: Vec<Theme>,
}

/// A line of a themes file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TaxonomyError {
    /// 1-based line.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl Taxonomy {
    /// Reads a themes file: `#` comments and blank lines aside, one theme a line with five
    /// tab-separated columns (id, English name, Chinese name, source, concept ids separated
    /// by `;`). Every concept must be one the lexicon knows, ids must be unique, and there
    /// must be at least one theme.
    pub fn parse(text: &str) -> Result<Taxonomy, TaxonomyError> {
        let known: BTreeSet<&str> = concepts::lexicon()
            .concepts
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let mut themes: Vec<Theme> = Vec::new();
        for (k, line) in text.lines().enumerate() {
            let fail = |message: String| TaxonomyError {
                line: k + 1,
                message,
            };
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [id, name, name_zh, source, concept_list] = columns[..] else {
                return Err(fail(format!(
                    "expected 5 tab-separated columns (id, English name, Chinese name, source, concepts), found {}",
                    columns.len()
                )));
            };
            if id.is_empty() || name.is_empty() {
                return Err(fail("a theme needs an id and an English name".into()));
            }
            if themes.iter().any(|t| t.id == id) {
                return Err(fail(format!("theme {id:?} is listed twice")));
            }
            let concept_ids: Vec<String> = concept_list
                .split(';')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect();
            if concept_ids.is_empty() {
                return Err(fail(format!("theme {id:?} names no concept")));
            }
            if let Some(unknown) = concept_ids.iter().find(|c| !known.contains(c.as_str())) {
                return Err(fail(format!(
                    "theme {id:?} names concept {unknown:?}, which data/concepts.tsv lacks"
                )));
            }
            themes.push(Theme {
                id: id.to_string(),
                name: name.to_string(),
                name_zh: name_zh.to_string(),
                source: source.to_string(),
                concepts: concept_ids,
            });
        }
        if themes.is_empty() {
            return Err(TaxonomyError {
                line: text.lines().count().max(1),
                message: "no theme in the file".into(),
            });
        }
        Ok(Taxonomy { themes })
    }

    /// The themes a clause addresses, as indices into `themes` in order, from its word bag
    /// (its words, then the concepts they name as `#id`).
    pub(crate) fn themes_of(&self, word_bag: &[String]) -> Vec<usize> {
        let named: BTreeSet<&str> = word_bag
            .iter()
            .filter_map(|w| w.strip_prefix(CONCEPT_PREFIX))
            .collect();
        self.themes
            .iter()
            .enumerate()
            .filter(|(_, t)| t.concepts.iter().any(|c| named.contains(c.as_str())))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The taxonomy shipped with declcmp (`data/themes.tsv`), parsed once.
pub fn builtin() -> &'static Taxonomy {
    static THEMES: OnceLock<Taxonomy> = OnceLock::new();
    THEMES.get_or_init(|| {
        // A unit test parses the embedded file, so a build that passed its tests cannot fail.
        Taxonomy::parse(THEMES_TSV).unwrap_or_else(|e| panic!("data/themes.tsv: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_concept_the_shipped_themes_name_is_in_the_lexicon() {
        let taxonomy = Taxonomy::parse(THEMES_TSV).expect("data/themes.tsv parses");
        assert!(taxonomy.themes.len() >= 11, "Fjeld's eight and the UN's");
        for theme in &taxonomy.themes {
            assert!(
                !theme.name_zh.is_empty() && !theme.source.is_empty(),
                "{}",
                theme.id
            );
        }
        let fjeld = taxonomy
            .themes
            .iter()
            .filter(|t| t.source == "Fjeld et al. 2020")
            .count();
        assert_eq!(fjeld, 8);
    }

    #[test]
    fn a_bad_file_names_its_line() {
        let bad = "# header\nprivacy\tPrivacy\t隐私\tx\tprivacy; no-such-concept\n";
        let err = Taxonomy::parse(bad).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("no-such-concept"), "{err}");
        assert_eq!(Taxonomy::parse("a\tb\n").unwrap_err().line, 1);
        assert!(Taxonomy::parse("# only comments\n").is_err());
        let twice = "p\tP\t\t\tprivacy\np\tP\t\t\tprivacy\n";
        assert!(
            Taxonomy::parse(twice)
                .unwrap_err()
                .message
                .contains("twice")
        );
    }

    #[test]
    fn a_clause_is_tagged_through_its_concepts() {
        let taxonomy = builtin();
        let bag: Vec<String> = ["data", "#privacy", "#capacity-building"]
            .map(String::from)
            .to_vec();
        let ids: Vec<&str> = taxonomy
            .themes_of(&bag)
            .into_iter()
            .map(|k| taxonomy.themes[k].id.as_str())
            .collect();
        assert_eq!(ids, ["privacy", "development-capacity"]);
    }
}
