//! Section context, a weak signal: when both documents have headings that correspond
//! ("3. Publicly report…" in one, "3 Publicly report…" in the other), a clause under one
//! heading rarely answers a clause under a *different* heading that has its own
//! counterpart. Such a pair is not taken on a middling score: it needs
//! the absolute match ([`crate::tuning::Tuning::absolute_match`]), as a clause moved to another section in a revision has.
//!
//! Headings correspond when their character trigrams (numbering and case aside) overlap by
//! [`crate::tuning::Tuning::heading_match`] (Jaccard). Start with [`Sections::new`], then [`Sections::conflict`].

use rustc_hash::{FxHashMap, FxHashSet};

pub use crate::tuning::MAX_HEADING_PAIRS;

/// Which clause pairs stand under headings that correspond to other headings.
#[derive(Debug, Clone, Default)]
pub struct Sections {
    /// Each clause's innermost heading, as an index into that side's distinct headings.
    heading_a: Vec<Option<u32>>,
    heading_b: Vec<Option<u32>>,
    /// Whether each distinct heading corresponds to some heading of the other document.
    answered_a: Vec<bool>,
    answered_b: Vec<bool>,
    /// The corresponding pairs of distinct headings.
    matched: FxHashSet<(u32, u32)>,
    /// The documents had more than [`MAX_HEADING_PAIRS`] pairs of headings: no context.
    pub skipped: bool,
}

impl Sections {
    /// From each clause's innermost heading (`None` before the first heading).
    pub fn new(
        headings_a: &[Option<&str>],
        headings_b: &[Option<&str>],
        heading_match: f64,
    ) -> Sections {
        let (heading_a, distinct_a) = number(headings_a);
        let (heading_b, distinct_b) = number(headings_b);
        let mut sections = Sections {
            heading_a,
            heading_b,
            answered_a: vec![false; distinct_a.len()],
            answered_b: vec![false; distinct_b.len()],
            matched: FxHashSet::default(),
            skipped: false,
        };
        if distinct_a.len().saturating_mul(distinct_b.len()) > MAX_HEADING_PAIRS {
            sections.skipped = true;
            return sections;
        }
        let grams_a: Vec<FxHashSet<[char; 3]>> = distinct_a.iter().map(|h| trigrams(h)).collect();
        let grams_b: Vec<FxHashSet<[char; 3]>> = distinct_b.iter().map(|h| trigrams(h)).collect();
        for (x, ga) in grams_a.iter().enumerate() {
            for (y, gb) in grams_b.iter().enumerate() {
                if jaccard(ga, gb) >= heading_match {
                    sections.matched.insert((x as u32, y as u32));
                    sections.answered_a[x] = true;
                    sections.answered_b[y] = true;
                }
            }
        }
        sections
    }

    /// Whether A clause `i` and B clause `j` stand under corresponding headings.
    pub fn agree(&self, i: usize, j: usize) -> bool {
        match (self.heading_a.get(i), self.heading_b.get(j)) {
            (Some(&Some(x)), Some(&Some(y))) => self.matched.contains(&(x, y)),
            (Some(None), Some(None)) => true,
            _ => false,
        }
    }

    /// Whether A clause `i` and B clause `j` stand under headings that each correspond to a
    /// heading of the other document, but not to each other.
    pub fn conflict(&self, i: usize, j: usize) -> bool {
        match (self.heading_a.get(i), self.heading_b.get(j)) {
            (Some(&Some(x)), Some(&Some(y))) => {
                self.answered_a[x as usize]
                    && self.answered_b[y as usize]
                    && !self.matched.contains(&(x, y))
            }
            _ => false,
        }
    }
}

/// Numbers the distinct headings in order of first appearance.
fn number<'h>(headings: &[Option<&'h str>]) -> (Vec<Option<u32>>, Vec<&'h str>) {
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut distinct = Vec::new();
    let numbered = headings
        .iter()
        .map(|h| {
            h.map(|h| {
                *ids.entry(h).or_insert_with(|| {
                    distinct.push(h);
                    distinct.len() as u32 - 1
                })
            })
        })
        .collect();
    (numbered, distinct)
}

/// A heading's character trigrams, lowercased, leading numbering ("3.", "（三）", "一、")
/// and white space left out; a heading of fewer than three characters is one "trigram".
fn trigrams(heading: &str) -> FxHashSet<[char; 3]> {
    let numbering = |c: char| {
        c.is_ascii_digit() || c.is_whitespace() || "一二三四五六七八九十.．、()（）".contains(c)
    };
    let chars: Vec<char> = heading
        .trim_start_matches(numbering)
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    if chars.len() < 3 {
        let mut padded = ['\0'; 3];
        padded[..chars.len()].copy_from_slice(&chars);
        return std::iter::once(padded).collect();
    }
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

fn jaccard(x: &FxHashSet<[char; 3]>, y: &FxHashSet<[char; 3]>) -> f64 {
    let shared = x.intersection(y).count();
    let union = x.len() + y.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MATCH: f64 = crate::tuning::Tuning::DEFAULT.heading_match;

    #[test]
    fn clauses_under_corresponding_headings_do_not_conflict() {
        let a = [
            Some("1. Take appropriate measures to identify risks"),
            Some("3. Publicly report capabilities"),
            None,
        ];
        let b = [
            Some("1 Take appropriate measures to identify risks"),
            Some("3 Publicly report capabilities and limitations"),
            Some("Annex: glossary"),
        ];
        let s = Sections::new(&a, &b, MATCH);
        assert!(!s.conflict(0, 0) && !s.conflict(1, 1));
        assert!(
            s.conflict(0, 1) && s.conflict(1, 0),
            "other answered headings"
        );
        assert!(!s.conflict(0, 2), "B's annex answers nothing in A");
        assert!(!s.conflict(2, 0), "A's clause stands under no heading");
    }

    #[test]
    fn chinese_numbering_is_left_out() {
        let s = Sections::new(
            &[Some("一、促进人工智能发展")],
            &[Some("（一）促进人工智能发展")],
            MATCH,
        );
        assert!(s.matched.contains(&(0, 0)));
    }

    #[test]
    fn too_many_headings_switch_the_signal_off() {
        let names: Vec<String> = (0..600)
            .map(|k| format!("Section {k} on topic {k}"))
            .collect();
        let headings: Vec<Option<&str>> = names.iter().map(|n| Some(n.as_str())).collect();
        let s = Sections::new(&headings, &headings, MATCH);
        assert!(s.skipped && s.matched.is_empty() && !s.conflict(0, 1));
    }
}
