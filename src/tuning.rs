//! Every knob of the matching pipeline in one table: the blend's weights, the thresholds,
//! z-scores and floors that decide a pair, and the limits that keep long documents
//! tractable, each with its default and the reason for it. The code reads them from here;
//! the README's "How matching works" explains them in prose and points here for numbers.
//!
//! The decisions are fields of [`Tuning`], so another table can be tried or fitted without
//! touching the code ([`crate::CompareOptions::tuning`]); the limits are constants, since
//! reports name them and nothing gains from moving them.
//!
//! Unless a field says otherwise, the defaults were chosen on the revision and the real
//! sets of the bench together (`../shared/bench`), never on one set alone.

/// The weights, thresholds and floors the aligner decides with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// Blend weight of the word TF-IDF cosine: shared rare words, and the same commitment
    /// in other words through the concept lexicon.
    pub word_weight: f64,
    /// Blend weight of the character n-gram cosine, which survives segmentation
    /// differences and inflection.
    pub char_weight: f64,
    /// Blend weight of the edit similarity, which tells near-identical wording from shared
    /// vocabulary; small, since it only separates what the cosines already rank high.
    pub edit_weight: f64,
    /// Share of the word cosine in a group's score (the character cosine has the rest):
    /// groups are scored on their texts joined, where edit distance means nothing.
    pub group_word_share: f64,

    /// A pair scoring at least this is a candidate whatever the background; also the
    /// "absolute match" that crosses section context and the order gate, and the close
    /// match from which commitment changes read the opening governors.
    pub absolute_match: f64,
    /// Below this a pair is never a candidate: too little is shared to show the reader.
    pub min_score: f64,
    /// Row and column z-score a pair needs to stand out from both clauses' backgrounds.
    pub standout_z: f64,
    /// Z-score an unpaired clause's best pair needs within its own row (or column) to join
    /// an existing group: more than a first match needs.
    pub attach_z: f64,
    /// Z-score the same pair needs from the other side's point of view, where the group's
    /// own pair already widens the spread: as much as a first match needs.
    pub attach_z_other: f64,
    /// Minimum score to join an existing group. The same commitment in two different
    /// texts scores 0.1–0.2, so a higher floor would keep the rule from ever serving the
    /// cross-document case it exists for.
    pub attach_min_score: f64,
    /// From the other side's point of view a pair scoring [`Tuning::small_background_match`]
    /// or more needs only this z-score to join: the group's own near-identical pair is
    /// what widens that spread. Also the weaker side of a further counterpart.
    pub attach_z_other_strong: f64,
    /// Standard deviations are floored at this, so a row of near-equal scores does not
    /// make a tiny difference look significant.
    pub min_spread: f64,
    /// With fewer scores than this in a row or column there is no background to judge
    /// against; the pair then needs [`Tuning::small_background_match`].
    pub min_background: usize,
    /// The cut-off used when there is no background, and the part threshold of splits and
    /// merges: the best fixed threshold on the revision sets.
    pub small_background_match: f64,

    /// An unpaired clause must score at least this share of the part threshold against its
    /// neighbour's partner to be considered part of it (a split or merge).
    pub min_part_share: f64,
    /// A grown group must improve on the pair's score by at least this much.
    pub min_gain: f64,
    /// A clause joins a group (a split, a merge, an attach) only when at least this share
    /// of what the group's partner answers of it is not answered already by the group's
    /// clauses on its side ([`crate::Scorer::answered_share`]): a deleted clause must not
    /// ride into a group on its kept twin. Chosen on every bench set and the corpus
    /// deletion suite together: 0.3 and 0.5 score the same on both (0.7 loses merges), and
    /// the lower keeps a merge whose clauses share common words (a Shanghai sample merge
    /// scores 0.48).
    pub min_answered_share: f64,

    /// A group scoring this or more counts as near-identical when telling a revision from
    /// two different texts.
    pub near_identical: f64,
    /// Share of the shorter document's clauses in near-identical groups from which the
    /// pair is a revision of one text rather than two different texts.
    pub revision_share: f64,

    /// Jaccard overlap of two headings' character trigrams (numbering and case aside) from
    /// which the headings correspond (section context).
    pub heading_match: f64,

    /// The fitted decision between two different texts.
    pub cross: CrossModel,
}

/// The decision between two different texts: a logistic model over a pair's signals
/// (`align::verdict::FEATURES`) giving its confidence, and the confidences from which a
/// pair counts. Fitted on the hand-labelled real pairs of `../shared/bench` by
/// `scripts/fit.py`, which prints this table and the leave-one-set-out figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrossModel {
    /// One weight per signal, in the order of `align::verdict::FEATURES`.
    pub weights: [f64; crate::align::verdict::FEATURE_COUNT],
    /// Confidence from which a pair of open clauses is the same commitment.
    pub same: f64,
    /// Confidence from which a clause already paired takes a further counterpart.
    pub also: f64,
    /// Confidence from which a clause left without a counterpart shows its best pair as
    /// related (not counted as shared).
    pub related: f64,
}

impl CrossModel {
    /// The model with pairs counted from `confidence` up (`--min-confidence`): further
    /// counterparts need at least as much, and a related pair stays below it.
    pub fn from_confidence(self, confidence: f64) -> CrossModel {
        CrossModel {
            same: confidence,
            also: self.also.max(confidence),
            related: self.related.min(confidence),
            ..self
        }
    }

    /// The fitted defaults (`scripts/fit.py`).
    pub const DEFAULT: CrossModel = CrossModel {
        weights: [
            -4.2201, 0.0292, 0.0416, 0.0245, 0.3831, 0.4606, 0.1553, 0.0887, 0.1028, 0.0259,
            0.0261, 0.1789, 0.3654, -0.0392, -0.0190, -0.0022, 0.0389, 0.0000, 0.0000, -0.0461,
        ],
        same: 0.3,
        also: 0.35,
        related: 0.25,
    };
}

impl Tuning {
    /// The defaults (see each field).
    pub const DEFAULT: Tuning = Tuning {
        word_weight: 0.45,
        char_weight: 0.45,
        edit_weight: 0.10,
        group_word_share: 0.5,
        absolute_match: 0.5,
        min_score: 0.05,
        standout_z: 2.0,
        attach_z: 2.5,
        attach_z_other: 2.0,
        attach_min_score: 0.15,
        attach_z_other_strong: 1.5,
        min_spread: 0.03,
        min_background: 6,
        small_background_match: 0.3,
        min_part_share: 0.5,
        min_gain: 0.02,
        min_answered_share: 0.3,
        near_identical: 0.8,
        revision_share: 0.3,
        heading_match: 0.5,
        cross: CrossModel::DEFAULT,
    };
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning::DEFAULT
    }
}

/// The confidence of a pair found in a revision or a translation (not identical): the pair
/// precision the decision reaches on the bench's revision sets (0.991, both units; the
/// translation sample aligns at 1.0). The fitted model reads two different texts; in a
/// revision its z-scores mean something else.
pub const REVISION_PAIR_PRECISION: f64 = 0.99;

/// Clauses longer than this (in characters) skip the edit-distance signal: it costs the
/// product of the lengths, and the cosines already tell long near-identical clauses apart.
pub const EDIT_DISTANCE_MAX_CHARS: usize = 400;

/// Above this many clause pairs (A clauses × B clauses) documents count as long: pairs are
/// proposed and sampled instead of all scored, and the order gate applies. Three times the
/// largest pair of the corpus (174 × 76 clauses), so every real declaration is compared
/// exactly; scoring 40,000 pairs takes about 40 ms here.
pub const DENSE_MAX_CELLS: usize = 40_000;

/// Pairs scored per open clause (not paired as identical), at least, to estimate the
/// backgrounds on long documents: the spread needs a few dozen, and each costs a score.
/// Just above [`DENSE_MAX_CELLS`] the sample is larger, about [`DENSE_MAX_CELLS`] pairs per
/// side, so the cost does not drop at the boundary and the estimate starts out exact (a
/// 200 × 200 comparison samples every pair).
pub const BACKGROUND_SAMPLES: usize = 32;

/// Clauses each clause proposes from the other document on long documents.
pub const CANDIDATES_PER_CLAUSE: usize = 8;

/// Postings read per clause before the candidate walk stops (a clause has 10–40 words; at
/// 10,000 clauses a common word has thousands of postings, a telling one a handful).
pub const POSTINGS_BUDGET: usize = 1024;

/// The rarest words of a clause are read whatever their postings cost.
pub const ALWAYS_WALKED: usize = 3;

/// Widest gap (in clauses of either side) between in-order identical neighbours whose
/// cells are all proposed.
pub const GAP_CELLS_MAX: usize = 16;

/// Above this many cells the O(n²·m) Hungarian method (a fixed `--threshold`) gives way to
/// greedy best-first matching (O(E log E)); 400 × 400 takes about 50 ms here, and no
/// declaration is that long once identical clauses are paired.
pub const HUNGARIAN_MAX_CELLS: usize = 160_000;

/// Copies of one repeated clause ("The Council shall review this section annually.")
/// are paired by their context (the section, the clauses before and after) while A's
/// copies × B's copies stay below this; above it they pair in order, as context costs a
/// comparison per pair and text that repetitive has no context to tell copies apart.
pub const MAX_DUPLICATE_PAIRS: usize = 4096;

/// Above this many pairs of distinct headings (A's × B's) section context is not computed:
/// each pair costs a set comparison, and documents with thousands of headings are long
/// enough for the order of identical clauses to give the same context.
pub const MAX_HEADING_PAIRS: usize = 250_000;

/// A clause is tokenized and scored on at most its first this many bytes (cut at a
/// character boundary); its whole text is still tested for identity, diffed and reported.
/// Tokens cost some hundred bytes a word and every signal walks them, so a text with no
/// sentence end (a 16 MB single line is one clause) took 35 s and 850 MB; the longest
/// clause of the corpus is under 3 KB, and 64 KiB (some 10,000 English words) tells any
/// two real clauses apart. A cut clause is named in the report's limits.
pub const SCORED_CLAUSE_BYTES: usize = 64 * 1024;

// Chinese against English (`similarity/gloss.rs`, `align/translation.rs`): used only when
// one text is mostly Chinese and the other mostly English, so same-language comparisons
// are untouched by them.

/// Weight of a CC-CEDICT sense relative to the one before it: later senses are rarer
/// meanings (包容: pardon, forgive, … inclusive), but the right one is often among them,
/// so all count, less and less.
pub const GLOSS_SENSE_DECAY: f64 = 0.7;

/// Weight of a single character's glosses: jieba leaves a character alone mostly when it
/// is a function word or part of a name, and a character has many unrelated senses.
pub const GLOSS_SINGLE_CHAR_WEIGHT: f64 = 0.4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_blend_weights_sum_to_one() {
        let t = Tuning::DEFAULT;
        assert!((t.word_weight + t.char_weight + t.edit_weight - 1.0).abs() < 1e-12);
        assert!((0.0..=1.0).contains(&t.group_word_share));
    }

    #[test]
    fn thresholds_are_ordered_as_the_rules_assume() {
        let t = Tuning::DEFAULT;
        assert!(t.min_score < t.attach_min_score);
        assert!(t.attach_min_score < t.small_background_match);
        assert!(t.small_background_match < t.absolute_match);
        assert!(t.attach_z_other_strong < t.standout_z && t.standout_z < t.attach_z);
    }
}
