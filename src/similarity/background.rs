//! Document frequencies of words over a background of policy text, so a word every
//! declaration uses ("artificial intelligence", 人工智能, 推动, 加强) weighs little even when
//! the two documents at hand use it in only some clauses. The table is
//! `data/background-df.tsv`, built by `cargo run --release --example build_background`
//! from the paragraphs of the public corpus in `../shared/corpus`; it holds counts of terms,
//! not text. Start with [`blend`].

use std::collections::HashMap;
use std::sync::OnceLock;

use super::vector::Vocabulary;

/// The table shipped with declcmp.
const BACKGROUND_TSV: &str = include_str!("../../data/background-df.tsv");

/// Share of the background IDF in the blended word IDF (the rest is the IDF over the
/// clauses of the two documents).
pub const BACKGROUND_SHARE: f64 = 0.5;

/// Document frequencies of terms over the paragraphs of a background corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Background {
    /// Number of paragraphs counted.
    pub paragraphs: usize,
    /// Paragraphs each term occurs in; terms seen in fewer than two are left out.
    pub df: HashMap<String, u32>,
}

/// A malformed background table line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("background table line {line}: {message}")]
pub struct BackgroundError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

impl Background {
    /// Parses the table: a `#paragraphs<TAB>N` line, then `term<TAB>df` lines; other lines
    /// starting with `#` are comments.
    pub fn parse(text: &str) -> Result<Background, BackgroundError> {
        let mut background = Background::default();
        for (k, line) in text.lines().enumerate() {
            let fail = |message: &str| BackgroundError {
                line: k + 1,
                message: message.to_string(),
            };
            if line.trim().is_empty() || line.starts_with("# ") {
                continue;
            }
            let (key, value) = line
                .split_once('\t')
                .ok_or_else(|| fail("expected two tab-separated columns"))?;
            let count: u32 = value
                .trim()
                .parse()
                .map_err(|_| fail("the count is not a whole number"))?;
            if key == "#paragraphs" {
                background.paragraphs = count as usize;
            } else {
                background.df.insert(key.to_string(), count);
            }
        }
        if background.paragraphs == 0 {
            return Err(BackgroundError {
                line: 1,
                message: "no #paragraphs line".to_string(),
            });
        }
        Ok(background)
    }

    /// Smoothed IDF of a term, as [`super::vector::inverse_document_frequency`] computes it;
    /// a term absent from the table counts as seen once.
    pub fn idf(&self, term: &str) -> f64 {
        let df = self.df.get(term).copied().unwrap_or(1) as f64;
        ((1.0 + self.paragraphs as f64) / (1.0 + df)).ln() + 1.0
    }

    /// The largest IDF a term can have here.
    fn max_idf(&self) -> f64 {
        self.idf("")
    }
}

/// The background shipped with declcmp, parsed once.
pub fn background() -> &'static Background {
    static BACKGROUND: OnceLock<Background> = OnceLock::new();
    BACKGROUND.get_or_init(|| {
        // The embedded table is checked by a unit test.
        Background::parse(BACKGROUND_TSV).unwrap_or_else(|e| panic!("data/background-df.tsv: {e}"))
    })
}

/// Blends word IDFs computed over `clauses` clauses of the two documents with the
/// background's, each scaled to its largest possible value first so neither corpus size
/// dominates: `(1 - s) * idf / max + s * background / background max`.
pub fn blend(idf: &mut [f64], vocabulary: &Vocabulary, clauses: usize, share: f64) {
    let background = background();
    let pair_max = (1.0 + clauses as f64).ln() + 1.0;
    let background_max = background.max_idf();
    for (id, value) in idf.iter_mut().enumerate() {
        let term = vocabulary.term(id as u32);
        *value = (1.0 - share) * *value / pair_max + share * background.idf(term) / background_max;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_table_parses_and_is_compact() {
        let background = Background::parse(BACKGROUND_TSV).expect("table parses");
        assert!(background.paragraphs > 100);
        assert!(
            background.df.len() < 20_000,
            "{} terms",
            background.df.len()
        );
        assert!(background.df.values().all(|&d| d >= 2));
    }

    #[test]
    fn boilerplate_weighs_less_than_a_specific_term() {
        let background = background();
        assert!(background.idf("人工智能") < background.idf("素养"));
        assert!(background.idf("countri") < background.idf("literaci"));
    }

    #[test]
    fn malformed_lines_are_reported() {
        assert_eq!(
            Background::parse("#paragraphs\t3\nx\n").unwrap_err().line,
            2
        );
        assert_eq!(
            Background::parse("#paragraphs\t3\nx\ty\n")
                .unwrap_err()
                .line,
            2
        );
        assert!(Background::parse("x\t2\n").is_err());
    }
}
