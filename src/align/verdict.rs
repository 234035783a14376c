//! Between two different texts, which clause pairs are the same commitment: a fitted
//! decision instead of hand-set cut-offs.
//!
//! Every scored pair gets a vector of signals the aligner already has ([`FEATURES`]: the
//! blend and its two cosines, the pair's z-scores within its row and its column, whether
//! it is the best of either and by what margin, how many words and concepts it shares and
//! how much of that is framing, the clauses' lengths, their headings, their scripts). A
//! logistic model over them ([`crate::tuning::CrossModel`], fitted on the hand-labelled
//! real pairs by `scripts/fit.py`) turns them into a `confidence`: the estimated chance
//! that an analyst would list the two clauses side by side as the same commitment.
//!
//! Pairs are then taken best-first, one-to-one, from [`CrossModel::same`] up; further
//! counterparts (a clause that answers two) need [`CrossModel::also`]; a clause left
//! without a counterpart keeps its best pair from [`CrossModel::related`] up as a
//! *related* pair, shown apart and never counted as shared.
//!
//! Boilerplate never pairs here ([`is_boilerplate`]): lists of names, run-in headings
//! and salutations share words with anything near them. A definition ("AI actors: AI
//! actors are those who …") pairs only with a definition ([`Kind`]): it names what a term
//! covers and commits to nothing, so its many topic words would otherwise pair it with the
//! commitments that use the term.

use crate::similarity::Scorer;
use crate::tuning::{CrossModel, Tuning};

use super::decide::Backgrounds;
use super::group::Group;
use super::sections::Sections;
use super::table::ScoreTable;

/// The signals of a pair, in the order of [`CrossModel::weights`]. Each reads both sides
/// alike (the lower and the higher of the two z-scores, not A's and B's), so comparing B
/// with A decides as comparing A with B.
pub const FEATURES: [&str; FEATURE_COUNT] = [
    "bias",
    "score",
    "word_cosine",
    "char_cosine",
    "lower_z",
    "higher_z",
    "best_in_one",
    "best_in_both",
    "stands_out",
    "lower_margin",
    "higher_margin",
    "shared_words",
    "shared_concepts",
    "top_word_share",
    "framing_share",
    "length_ratio",
    "shorter_words",
    "headings_agree",
    "headings_conflict",
    "other_script",
];

/// How many signals a pair has.
pub const FEATURE_COUNT: usize = 20;

/// Words that frame a commitment rather than state one: a pair carried by these alone
/// says two texts are declarations, not that they commit to the same thing.
const FRAMING: &[&str] = &[
    "we",
    "our",
    "recognis",
    "recogn",
    "acknowledg",
    "affirm",
    "reaffirm",
    "welcom",
    "note",
    "commit",
    "look",
    "forward",
    "continu",
    "further",
    "encourag",
    "support",
    "call",
    "stress",
    "emphasis",
    "emphas",
    "underlin",
    "believ",
    "consid",
    "import",
    "need",
    "also",
    "work",
    "togeth",
    "effort",
    "promot",
    "strengthen",
    "enhanc",
    "ensur",
    "我们",
    "认识到",
    "致力于",
    "支持",
    "鼓励",
    "呼吁",
    "期待",
    "欢迎",
    "认为",
    "重申",
    "强调",
    "注意到",
    "承诺",
    "愿",
    "将",
    "继续",
    "进一步",
    "推动",
    "促进",
    "加强",
    "共同",
    "努力",
    "各国",
    "国际社会",
    "重要",
    "积极",
];

/// A row's or a column's two best scores.
#[derive(Debug, Clone, Copy, Default)]
struct TopTwo {
    best: f64,
    second: f64,
}

impl TopTwo {
    fn add(&mut self, s: f64) {
        if s > self.best {
            self.second = self.best;
            self.best = s;
        } else if s > self.second {
            self.second = s;
        }
    }

    /// Whether `s` is the best, and its margin over the best other score.
    fn standing(&self, s: f64) -> (bool, f64) {
        if s >= self.best {
            (true, s - self.second)
        } else {
            (false, s - self.best)
        }
    }
}

/// What the signals of a pair are read from.
pub struct Signals<'a> {
    scorer: &'a Scorer,
    backgrounds: &'a Backgrounds,
    sections: &'a Sections,
    rows: Vec<TopTwo>,
    cols: Vec<TopTwo>,
    /// The pairs the relative decision ([`super::decide`]) grouped.
    stands_out: rustc_hash::FxHashSet<(usize, usize)>,
}

impl<'a> Signals<'a> {
    /// Reads the rows' and columns' best scores off `table`.
    pub fn new(
        scorer: &'a Scorer,
        table: &ScoreTable,
        backgrounds: &'a Backgrounds,
        sections: &'a Sections,
    ) -> Signals<'a> {
        let (na, nb) = scorer.sizes();
        let (mut rows, mut cols) = (vec![TopTwo::default(); na], vec![TopTwo::default(); nb]);
        for (i, j, s) in table.cells() {
            rows[i].add(s);
            cols[j].add(s);
        }
        Signals {
            scorer,
            backgrounds,
            sections,
            rows,
            cols,
            stands_out: Default::default(),
        }
    }

    /// Notes the clause pairs of `groups` as pairs the relative decision took.
    pub fn note_decided(&mut self, groups: &[Group]) {
        for group in groups {
            for &i in &group.a {
                self.stands_out.extend(group.b.iter().map(|&j| (i, j)));
            }
        }
    }

    /// The model's confidence for `(i, j)`.
    pub fn confidence(&self, model: &CrossModel, i: usize, j: usize) -> f64 {
        confidence(model, &self.features(i, j))
    }

    /// The signals of `(i, j)`.
    pub fn features(&self, i: usize, j: usize) -> [f64; FEATURE_COUNT] {
        let score = self.scorer.score(i, j);
        let s = score.blended;
        let (row_z, col_z) = self.backgrounds.z(i, j, s);
        let (best_row, row_margin) = self.rows[i].standing(s);
        let (best_col, col_margin) = self.cols[j].standing(s);
        let (words_a, words_b) = self.scorer.word_vectors();
        let shared = words_a[i].shared_terms(&words_b[j]);
        let total: f64 = shared.iter().map(|&(_, w)| w).sum();
        let share = |w: f64| if total > 0.0 { w / total } else { 0.0 };
        let concepts = shared
            .iter()
            .filter(|&&(t, _)| self.scorer.term(t).starts_with('#'))
            .count();
        let framing: f64 = shared
            .iter()
            .filter(|&&(t, _)| is_framing(self.scorer.term(t)))
            .map(|&(_, w)| w)
            .sum();
        let (len_a, len_b) = (words_a[i].entries.len(), words_b[j].entries.len());
        let ratio = ((len_a.max(1) as f64) / (len_b.max(1) as f64)).ln().abs();
        [
            1.0,
            s,
            score.word,
            score.char,
            row_z.min(col_z).clamp(-3.0, 10.0),
            row_z.max(col_z).clamp(-3.0, 10.0),
            f64::from(u8::from(best_row || best_col)),
            f64::from(u8::from(best_row && best_col)),
            f64::from(u8::from(self.stands_out.contains(&(i, j)))),
            row_margin.min(col_margin),
            row_margin.max(col_margin),
            (1.0 + shared.len() as f64).ln(),
            concepts.min(3) as f64,
            share(shared.first().map_or(0.0, |&(_, w)| w)),
            share(framing),
            ratio.min(3.0),
            (1.0 + len_a.min(len_b) as f64).ln(),
            f64::from(u8::from(self.sections.agree(i, j))),
            f64::from(u8::from(self.sections.conflict(i, j))),
            f64::from(u8::from(self.scorer.other_script(i, j))),
        ]
    }
}

/// Whether a word term (a stem, a Chinese word or `#concept`) frames rather than commits.
fn is_framing(term: &str) -> bool {
    FRAMING.contains(&term)
}

/// The model's confidence for signals `x`: a logistic function of their weighted sum.
pub fn confidence(model: &CrossModel, x: &[f64; FEATURE_COUNT]) -> f64 {
    let z: f64 = model.weights.iter().zip(x).map(|(w, v)| w * v).sum();
    1.0 / (1.0 + (-z).exp())
}

/// A scored pair the decision may take.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// A clause.
    pub i: usize,
    /// B clause.
    pub j: usize,
    /// Blended score.
    pub score: f64,
    /// The model's confidence.
    pub confidence: f64,
    /// The signals it was computed from.
    pub features: [f64; FEATURE_COUNT],
}

/// What a clause is, as far as pairing between two different texts goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Pairs with nothing ([`is_boilerplate`]).
    Boilerplate,
    /// Pairs only with another definition ([`is_definition`]).
    Definition,
    /// Anything else: a commitment, a finding, a recital.
    Statement,
}

impl Kind {
    /// The kind of a clause's text.
    pub fn of(text: &str) -> Kind {
        if is_boilerplate(text) {
            Kind::Boilerplate
        } else if is_definition(text) {
            Kind::Definition
        } else {
            Kind::Statement
        }
    }

    /// Whether a clause of this kind may pair with one of `other`.
    pub fn pairs_with(self, other: Kind) -> bool {
        self != Kind::Boilerplate && self == other
    }
}

/// Every pair of the table that may pair between two different texts, with its
/// confidence, best first (ties by clause): both clauses open or not, of kinds that pair
/// ([`Kind::pairs_with`]), `admitted` (the order gate of long documents), scoring at least
/// [`Tuning::min_score`].
pub fn candidates(
    signals: &Signals<'_>,
    table: &ScoreTable,
    kinds: (&[Kind], &[Kind]),
    admitted: &dyn Fn(usize, usize) -> bool,
    tuning: &Tuning,
) -> Vec<Candidate> {
    let mut found: Vec<Candidate> = table
        .cells()
        .filter(|&(i, j, s)| {
            s >= tuning.min_score && kinds.0[i].pairs_with(kinds.1[j]) && admitted(i, j)
        })
        .map(|(i, j, s)| {
            let features = signals.features(i, j);
            Candidate {
                i,
                j,
                score: s,
                confidence: confidence(&tuning.cross, &features),
                features,
            }
        })
        .collect();
    found.sort_by(|x, y| {
        y.confidence
            .total_cmp(&x.confidence)
            .then((x.i, x.j).cmp(&(y.i, y.j)))
    });
    found
}

/// What the decision between two different texts took.
#[derive(Debug, Default)]
pub struct Decided {
    /// One-to-one pairs, best first.
    pub pairs: Vec<(Candidate, Group)>,
    /// Further counterparts of clauses already paired.
    pub also: Vec<(Candidate, Group)>,
    /// Best pairs of clauses left without a counterpart, not counted as shared.
    pub related: Vec<(Candidate, Group)>,
}

/// Takes pairs from `candidates` (best first): one-to-one from [`CrossModel::same`] among
/// clauses still open (`paired_*` false, updated), then further counterparts from
/// [`CrossModel::also`], then for each clause still open its best pair from
/// [`CrossModel::related`].
pub fn decide(
    candidates: &[Candidate],
    paired_a: &mut [bool],
    paired_b: &mut [bool],
    model: &CrossModel,
) -> Decided {
    let group = |c: &Candidate| Group {
        a: vec![c.i],
        b: vec![c.j],
        score: c.score,
    };
    let mut decided = Decided::default();
    let mut taken = rustc_hash::FxHashSet::default();
    for c in candidates.iter().filter(|c| c.confidence >= model.same) {
        if !paired_a[c.i] && !paired_b[c.j] {
            paired_a[c.i] = true;
            paired_b[c.j] = true;
            taken.insert((c.i, c.j));
            decided.pairs.push((*c, group(c)));
        }
    }
    for c in candidates.iter().filter(|c| c.confidence >= model.also) {
        if !taken.contains(&(c.i, c.j)) {
            taken.insert((c.i, c.j));
            decided.also.push((*c, group(c)));
        }
    }
    for c in &decided.also {
        paired_a[c.0.i] = true;
        paired_b[c.0.j] = true;
    }
    let (mut related_a, mut related_b) = (vec![false; paired_a.len()], vec![false; paired_b.len()]);
    for c in candidates.iter().filter(|c| c.confidence >= model.related) {
        let open_a = !paired_a[c.i] && !related_a[c.i];
        let open_b = !paired_b[c.j] && !related_b[c.j];
        if (open_a || open_b) && !taken.contains(&(c.i, c.j)) {
            related_a[c.i] = true;
            related_b[c.j] = true;
            taken.insert((c.i, c.j));
            decided.related.push((*c, group(c)));
        }
    }
    decided
}

/// Whether a clause is boilerplate that must not carry a match: a list of names
/// ("Australia - Brazil - Canada - …"), a run-in heading ("2.1 安全风险方面。", "(a) Principles."), or a
/// salutation or adoption line ("The General Assembly,").
pub fn is_boilerplate(text: &str) -> bool {
    let text = text.trim();
    let words = text.split_whitespace().count();
    let han = text.chars().filter(|&c| crate::text::is_han(c)).count();
    let short = words <= 6 && han <= 12;
    short && numbered(text) || salutation(text, words, han) || name_list(text) || name(text, han)
}

/// Whether a text is a name on a line of its own (a signatory: "European Union",
/// "Republic of Korea"): at most four words, capitalised but for the minor ones, no Han, no
/// sentence punctuation.
fn name(text: &str, han: usize) -> bool {
    const MINOR: &[&str] = &["of", "the", "and", "for", "on"];
    let words: Vec<&str> = text.split_whitespace().collect();
    han == 0
        && (1..=4).contains(&words.len())
        && !text.ends_with(['.', ';', ':', '!', '?', ','])
        && words
            .iter()
            .all(|w| MINOR.contains(w) || w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a text is a salutation or an adoption line: a few capitalised words, or a few
/// Han characters, ending in a comma or a colon ("The General Assembly,", "各方：").
fn salutation(text: &str, words: usize, han: usize) -> bool {
    const MINOR: &[&str] = &["of", "the", "and", "for", "on"];
    text.ends_with([',', ':', '，', '：'])
        && if han > 0 {
            han <= 8 && words <= 1
        } else {
            words <= 5
                && text
                    .split_whitespace()
                    .all(|w| MINOR.contains(&w) || w.chars().next().is_some_and(char::is_uppercase))
        }
}

/// Whether a text opens with a number or letter of a list ("2.1", "(a)", "（一）", "一、",
/// "IV.") followed by more text.
fn numbered(text: &str) -> bool {
    let rest = text.trim_start_matches(['(', '（', '[']);
    let mark: String = rest
        .chars()
        .take_while(|&c| c.is_ascii_digit() || c == '.' || "一二三四五六七八九十".contains(c))
        .collect();
    let mark = if mark.is_empty() {
        // One letter or a Roman numeral, then a closing mark.
        rest.chars()
            .take_while(|&c| c.is_ascii_lowercase() || "IVX".contains(c))
            .take(4)
            .collect()
    } else {
        mark
    };
    let after = &rest[mark.len()..];
    !mark.is_empty()
        && (mark.chars().any(|c| !c.is_ascii_lowercase()) || mark.chars().count() == 1)
        && (after.starts_with([')', '）', ']', '、', '.', ' ']) || mark.ends_with('.'))
        && !after
            .trim_start_matches([')', '）', ']', '、', '.', ' '])
            .is_empty()
}

/// Whether a clause defines a term: a short label, a colon, and a text that restates the
/// label or says what it means ("AI actors: AI actors are those who …", "Stakeholders:
/// Stakeholders encompass …", "AI knowledge: AI knowledge refers to …"), a quoted term that
/// "means" something, or a Chinese term that 是指 something.
pub fn is_definition(text: &str) -> bool {
    let text = text.trim().trim_start_matches(['-', '*', '•', ' ']);
    let defining = |rest: &str| {
        let lower = rest.to_lowercase();
        let head: Vec<&str> = lower.split_whitespace().take(8).collect();
        head.windows(2)
            .any(|w| matches!(w, ["refers" | "refer", "to"] | ["is" | "are", "defined"]))
            || head
                .iter()
                .any(|w| *w == "means" || *w == "encompass" || *w == "encompasses")
            || rest.chars().take(24).collect::<String>().contains("是指")
    };
    if let Some((label, rest)) = text.split_once([':', '：']) {
        let label = label.trim();
        let words = label.split_whitespace().count();
        let han = label.chars().filter(|&c| crate::text::is_han(c)).count();
        let short =
            (1..=6).contains(&words) && han <= 12 && !label.contains(['.', ',', '，', '。']);
        let rest = rest.trim();
        let lower = rest.to_lowercase();
        let restated = ["an ", "a ", "the "]
            .iter()
            .find_map(|article| lower.strip_prefix(article))
            .unwrap_or(&lower)
            .starts_with(&label.to_lowercase());
        if short && !rest.is_empty() && (restated || defining(rest)) {
            return true;
        }
    }
    let quoted = text.starts_with(['"', '“', '「', '‘']);
    let han_term = text.split_once("是指").is_some_and(|(term, _)| {
        (1..=12).contains(&term.chars().count()) && !term.contains(['，', '。', '、'])
    });
    quoted && defining(text) || han_term
}

/// Whether a text is a list of five or more names: items of at most four words, nearly
/// all capitalised, between dashes, commas or semicolons.
fn name_list(text: &str) -> bool {
    let items: Vec<&str> = text
        .split([',', ';', '，', '；', '、', '–', '—'])
        .flat_map(|part| part.split(" - "))
        .map(|item| item.trim().trim_start_matches("and ").trim())
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() < 5 {
        return false;
    }
    let names = items
        .iter()
        .filter(|item| {
            item.split_whitespace().count() <= 4
                && item.chars().next().is_some_and(char::is_uppercase)
        })
        .count();
    names * 5 >= items.len() * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_is_recognised_by_its_shape() {
        for text in [
            "Australia - Brazil - Canada - Chile - China - European Union - France",
            "Australia, Brazil, Canada, Chile, China and France",
            "The General Assembly,",
            "2.1 安全风险方面。",
            "（一）总体要求。",
            "(a) Principles.",
            "各方：",
            "European Union",
            "Republic of Korea",
        ] {
            assert!(is_boilerplate(text), "{text}");
        }
        for text in [
            "We will cooperate on AI safety research.",
            "2. We commit to narrowing the digital divide between and within countries.",
            "我们将加强人工智能能力建设国际合作。",
            "privacy, security, fairness, transparency and accountability",
            "Recognizing the importance of capacity-building,",
            "We will.",
            "人工智能全球治理",
        ] {
            assert!(!is_boilerplate(text), "{text}");
        }
    }

    #[test]
    fn definitions_are_recognised_by_their_shape() {
        for text in [
            "AI actors: AI actors are those who play an active role in the AI system lifecycle.",
            "- AI knowledge: AI knowledge refers to the skills and resources required.",
            "Stakeholders: Stakeholders encompass all organisations and individuals involved.",
            "“Provider” means a natural or legal person that develops an AI system.",
            "人工智能系统是指以机器为基础、可以推断输出的系统。",
        ] {
            assert_eq!(Kind::of(text), Kind::Definition, "{text}");
        }
        for text in [
            "Trust and Safety: we will keep addressing the risks of AI to information integrity.",
            "We recall: the UN Charter is the basis of our cooperation.",
            "Recommends that Members adhere to the following principles: a) inclusive growth.",
            "我们认为，能力建设是指导合作的关键。",
            "This means that we will cooperate.",
        ] {
            assert_eq!(Kind::of(text), Kind::Statement, "{text}");
        }
    }

    #[test]
    fn the_decision_pairs_one_to_one_then_links_further_counterparts() {
        let model = CrossModel {
            same: 0.5,
            also: 0.7,
            related: 0.2,
            ..CrossModel::DEFAULT
        };
        let c = |i, j, confidence| Candidate {
            i,
            j,
            score: confidence,
            confidence,
            features: [0.0; FEATURE_COUNT],
        };
        let candidates = [c(0, 0, 0.9), c(1, 0, 0.8), c(2, 0, 0.6), c(3, 1, 0.3)];
        let (mut pa, mut pb) = (vec![false; 4], vec![false; 2]);
        let decided = decide(&candidates, &mut pa, &mut pb, &model);
        let keys = |list: &[(Candidate, Group)]| -> Vec<(usize, usize)> {
            list.iter().map(|(c, _)| (c.i, c.j)).collect()
        };
        assert_eq!(keys(&decided.pairs), [(0, 0)]);
        assert_eq!(keys(&decided.also), [(1, 0)]);
        // Clause 2's best pair is below `also`: related. Clause 3 too.
        assert_eq!(keys(&decided.related), [(2, 0), (3, 1)]);
        assert_eq!(pa, [true, true, false, false]);
        assert_eq!(pb, [true, false]);
    }
}
