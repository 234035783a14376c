//! Commitment strength: how firmly a clause commits its speaker, from a zh/en lexicon.
//!
//! Start with [`commitment_of`] (one clause → level 0..=3 and the words that set it) and
//! [`commitment_change`] (did a revision make a clause's commitment weaker or stronger?).
//! Both are plain string scans: no regex, two small vectors per call, linear in the text.
//!
//! # Scale
//!
//! | level | name | English | Chinese |
//! |---|---|---|---|
//! | 3 | binding | will, shall, must, ensure, commit to, our commitment to, are determined to, require, decide, instruct, resolve to, pledge, undertake to; prohibitions: shall/must/should/will not | 将, 必须, 务必, 须, 应当, 确保, 承诺, 坚持, 要求, 决定, 决心, 保证; prohibitions: 不得, 不应, 禁止, 严禁, 不准 |
//! | 2 | endeavour | should, ought to, strive, endeavour, aim to, work towards, seek to, intend to, our intention to, recommend, urge, request | 应, 应该, 致力(于), 努力, 力争, 力求, 争取 |
//! | 1 | encourage | encourage, support, call on/upon/for, invite, advocate, welcome, look forward to, may | 鼓励, 支持, 呼吁, 倡导, 提倡, 愿, 推动, 欢迎, 邀请, 期待, 期望, 希望 |
//! | 0 | note only | note, recognise, acknowledge, aware, consider, mindful, bearing in mind; releases: need not, not required, no longer required | 注意到, 认识到, 意识到, 深感, 深知, 考虑; releases: 无需, 无须, 不必, 不需要, 不要求, 不再要求 |
//!
//! A clause with none of these is level 0 with no marker.
//!
//! ## Weak modals and hedges
//!
//! | kind | English | Chinese | effect |
//! |---|---|---|---|
//! | weak modal | can, could, might | 可以, 可 (not in 可持续, 可靠, 可能…, not after 不) | governs nothing; a duty replaced by one is **weakened** (will → can, 应当 → 可) |
//! | hedge | as/where/when/if appropriate, where/when/if feasible, where/if possible, as far as possible, to the extent possible/feasible/practicable, where practicable, in line with / according to national circumstances, are/is free to, may wish to | 酌情, 视情况, 尽量, 尽可能, 力所能及, 在条件允许, 在可能的情况下, 根据国情, 结合国情 | lowers the duty of its sentence by one level (binding → endeavour, endeavour → encourage; an encouragement stays one); put into a sentence both texts have, it **weakens** the clause, taken out it **strengthens** it; replacing a duty (必须 → 尽量), it weakens it |
//!
//! *may* stays an encouragement (1): in UN and OECD texts it grants or invites; *can*,
//! *could* and *might* state ability or possibility, so they commit to nothing and are
//! never a clause's level. A hedge in a sentence that only the other text has (an added
//! sentence) says nothing about the clause's strength.
//!
//! ## Reversals
//!
//! A negation added to or taken from a marker reverses it, whatever the levels:
//! will → will not / won't / will never, shall → shall not, must not → must, required →
//! not required, 将 → 不将, 支持 → 不支持 / 不再支持, and a ban replaced by a permission
//! (不得 → 可以, shall not → may). A marker replaced by a bare negation (will → never) too.
//! [`CommitmentChange::Reversed`] takes precedence over a change of strength: the
//! revision says the opposite.
//!
//! ## Where this departs from the obvious reading, and why
//!
//! * **Added** after reading `../shared/corpus`: the UN operative verbs *Decides* (3),
//!   *Requests* and *Urges* (2: a request is a mandate, but softer than a decision) and
//!   *Invites* (1); OECD's *RECOMMENDS* (2); the G7's *instruct* (3); Bletchley's *resolve to*
//!   (3); *our/their commitment to* (3) and *our intention to* (2) from the Seoul and Hiroshima
//!   texts; and the zh synonyms 务必/须/决定/决心/保证 (3), 力求 (2), 提倡/邀请/期待/期望/希望 (1),
//!   意识到/深知 (0).
//! * **Prohibitions are binding whatever the modal**, 不应 included: *should not*
//!   is 3 like *shall not*. GB/T 1.1 (the Chinese standards style guide) reads 不应 as "shall
//!   not", and TC260 uses it so. *may not* stays at 1: in the corpus it is epistemic ("may not
//!   be"), not a ban.
//! * **Negated obligations are releases**, level 0: *not required*, *no longer required*, *need
//!   not*, 不要求, 无需. Unlike a prohibition they bind nobody.
//! * **Left out**, because in these texts they are mostly not commitments: *can*, *could*,
//!   可/可以 (ability, possibility); 要 (inside 重要, 需要, 主要…); 需/需要 (mostly "needs");
//!   宜 (适宜, 事宜); 理应 (matches inside 治理应); 寻求/谋求 (TC260 uses them for what AI might
//!   seek); 保障, 促进 and *promote* (content verbs: "safeguard rights", "promote safe AI" —
//!   with *promote* at 1, "to promote that rights are respected" → "to ensure that…" in the
//!   Hiroshima texts read as a strengthening); *agree*. 推动 stays at 1 as the sketch has it.
//! * **Transparent verbs** have no level of their own; the modal they introduce counts:
//!   *stress*, *emphasize*, *affirm*, *reaffirm*, *underline*, *believe*, 强调, 重申, 主张, 认为,
//!   相信. "Stressing that AI systems should be safe" is 2.
//! * 应 stays at 2 (diplomatic "should") although TC260 uses it as a standards "shall".
//!
//! # Rules
//!
//! * **Scope: the governing marker sets a sentence's level.** It is the sentence's first
//!   marker that is not subordinate; later markers are in its scope, so
//!   "我们愿积极推进研发，释放…潜力，确保…" is 1 (愿) and "Encourages States … to ensure …" is 1.
//!   Subordinate are English infinitives after *to* ("in order to ensure"), *-ing* forms after
//!   a preposition ("by ensuring"), *-ed* forms not after *be/have/we* ("skills required to…"),
//!   and zh purpose phrases (为确保, 以推动, 为了, 以便). A clause of several sentences takes its
//!   **strongest** sentence (ties: the earliest), since each sentence commits on its own:
//!   "We call on X. We also commit to Y." is 3 (commit).
//! * **Subjects: what others must do is reported, not committed.** A note-type verb (level 0)
//!   that governs a sentence puts the rest of it in reported speech: "the report notes that
//!   States must…" and "Recognizing that X should…" are 0. The scope ends at a marker the
//!   speaker utters in its own main clause: after *we* ("Recognising X, we will Y" is 3), a
//!   coordinated operative verb ("Recognizes…; emphasizes…, and urges States" is 2), a zh
//!   marker heading a comma clause or following a speaker subject (我们, 中方, 双方, 两国…):
//!   "中法两国充分认识到…风险，致力于采取有效措施" is 2, and the clause after a speaker frame
//!   ("中法两国主张，人工智能必须…" is 3). Bare modals with third-party subjects
//!   ("Organizations should…", "States must…") count at face value: prescribing to others is
//!   what these texts do. A release (*need not*) opens no reported scope.
//! * **Other senses are not markers.** 将 as 把 (将…纳入, 将其, 应将), in
//!   将来/即将/将军/将近, and in predictions (人工智能将…, 将导致/带来/造成/对…);
//!   *will* as a noun (political will, goodwill, the will of); *May* after a word or before
//!   a number (a month); *support* after a determiner, preposition, *provide* or an
//!   adjective, or before *of/for/from/to*; *encouraged by*; 支持/努力/要求/决定/邀请/希望
//!   after 的 or before punctuation (nouns); 应 in 应对/应用/应急/相应/响应/适应… and in
//!   应…邀请 ("at the invitation of"); 愿 in 愿景/意愿/自愿.
//! * **English words** match whole and case-insensitively (mustard, shallow, willing never
//!   match); inflections count (ensures, ensuring, ensured), as do *won't*, *mustn't*;
//!   "should not only … but also" is not a prohibition.
//!
//! # Comparing two clauses
//!
//! [`commitment_change`] looks for **edits at a marker**. For every marker that occurs more
//! often in one text than in the other, it takes the few characters just before and after it
//! (twice as many on one side when the marker opens or ends the text) and looks for the same
//! surroundings in the other text. What stands between them there is the replacement: another
//! marker (确保→争取, should→must, *to ensure*→*to consider*), nothing (a deleted "will": the
//! statement is now bare, level 0), or other words (确保→保障: outside the lexicon, no
//! evidence). A replacement with more than a couple of words besides its marker is no clean
//! edit and no evidence; nor is a marker that vanished together with its surroundings (a
//! deleted sentence, a split or merged paragraph). So a change of a
//! non-governing marker is found even when the clause levels are equal, and pure additions or
//! deletions of text stay `Same`. Replacements that raise the level count as strengthening,
//! those that lower it as weakening; if both occur, the clause levels decide. Flipping a modal
//! to its prohibition (shall → shall not) is `Reversed`: a ban binds as much as a duty, but
//! it binds to the opposite.

mod change;
mod en;
mod scan;
#[cfg(test)]
mod tests;
mod zh;

use serde::{Deserialize, Serialize};

use scan::{Hit, MarkerCounts, clause_governor, scan};

/// How firmly a clause commits its speaker, from note (0) to binding (3). Reports write it
/// as its number; [`Level::name`] gives the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Level {
    /// The speaker only notes or recognises, or no marker was found.
    #[default]
    Note = 0,
    /// The speaker encourages, supports or calls on others: encourage, may, 鼓励, 愿.
    Encourage = 1,
    /// The speaker will try: should, strive, 应, 致力于.
    Endeavour = 2,
    /// The speaker binds itself: will, shall, must, 将, 必须, and prohibitions.
    Binding = 3,
}

impl Level {
    /// The strongest level.
    pub const MAX: Level = Level::Binding;

    /// Every level, weakest first.
    pub const ALL: [Level; 4] = [
        Level::Note,
        Level::Encourage,
        Level::Endeavour,
        Level::Binding,
    ];

    /// The level with this number, if there is one.
    pub fn from_number(number: u8) -> Option<Level> {
        Level::ALL.get(usize::from(number)).copied()
    }

    /// The level a lexicon table writes as a number (above 3 is binding).
    pub(crate) const fn from_table(number: u8) -> Level {
        match number {
            0 => Level::Note,
            1 => Level::Encourage,
            2 => Level::Endeavour,
            _ => Level::Binding,
        }
    }

    /// The number reports write: 0 ..= 3.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The word for reports: `binding`, `endeavour`, `encourage` or `note`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Binding => "binding",
            Level::Endeavour => "endeavour",
            Level::Encourage => "encourage",
            Level::Note => "note",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl Serialize for Level {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let number = u8::deserialize(deserializer)?;
        Level::from_number(number).ok_or_else(|| {
            serde::de::Error::custom(format!("commitment level {number} is outside 0..=3"))
        })
    }
}

// The lexicons' names for the levels.
pub(crate) const BINDING: Level = Level::Binding;
pub(crate) const NOTE: Level = Level::Note;

/// How firmly one clause commits its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    /// Note only (or nothing) ..= binding.
    pub level: Level,
    /// The words, as found in the text, that set the level; `None` when there is no marker.
    pub marker: Option<String>,
}

impl Commitment {
    /// The name of the level for reports: `binding`, `endeavour`, `encourage` or `note`.
    pub fn label(&self) -> &'static str {
        self.level.name()
    }
}

/// Direction of a commitment change from clause A to clause B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentChange {
    /// No edit at a marker changed the strength (including pure additions and deletions).
    Same,
    /// B commits less firmly than A.
    Weakened,
    /// B commits more firmly than A.
    Strengthened,
    /// B says the opposite: a negation added to or taken from a duty (will → will not,
    /// must not → must, 将 → 不将, required → not required).
    Reversed,
}

/// Reads the commitment strength of one clause (a sentence or a short paragraph, zh or en).
pub fn commitment_of(text: &str) -> Commitment {
    Reading::of(text).commitment()
}

/// A text read for commitment markers once: its strength ([`Reading::commitment`]) and the
/// change to another text ([`Reading::change_to`]) come from the same scan.
pub struct Reading<'t> {
    text: &'t str,
    hits: Vec<Hit>,
    counts: MarkerCounts,
    governor: Option<Hit>,
}

impl<'t> Reading<'t> {
    /// Scans `text`.
    pub fn of(text: &'t str) -> Reading<'t> {
        let hits = scan(text);
        let counts = MarkerCounts::of(&hits);
        let governor = clause_governor(&hits);
        Reading {
            text,
            hits,
            counts,
            governor,
        }
    }

    /// The clause's commitment: its governing marker's level, or a note.
    pub fn commitment(&self) -> Commitment {
        match self.governor {
            Some(hit) => Commitment {
                level: hit.level,
                marker: self.text.get(hit.start..hit.end).map(str::to_owned),
            },
            None => Commitment {
                level: NOTE,
                marker: None,
            },
        }
    }

    fn level(&self) -> Level {
        self.governor.map_or(NOTE, |g| g.level)
    }

    /// [`commitment_change`] from this text to `b`; when that finds no change and the two
    /// are a `close_match` (the same clause reworded), [`opening_governor_change`].
    pub fn change_to(&self, b: &Reading<'_>, close_match: bool) -> CommitmentChange {
        match self.marker_change(b) {
            CommitmentChange::Same if close_match => match self.hedge_change(b) {
                CommitmentChange::Same => self.opening_change(b),
                change => change,
            },
            change => change,
        }
    }
}

/// Compares the commitment of clause A with that of clause B (see the module docs): the
/// direction of the edits found at the markers, and when they point both ways (or the
/// governing markers were edited side by side) the governing levels.
pub fn commitment_change(a_text: &str, b_text: &str) -> CommitmentChange {
    Reading::of(a_text).marker_change(&Reading::of(b_text))
}

/// For two wordings of the same clause (the caller knows they are: a close match) whose
/// markers moved too much for [`commitment_change`] to pair them up: the direction when both
/// governing markers open their sentences and were both edited ("Suppliers shall ensure…"
/// → "The Council should encourage suppliers…"). Between different texts this would guess,
/// so callers use it only for close matches.
pub fn opening_governor_change(a_text: &str, b_text: &str) -> CommitmentChange {
    Reading::of(a_text).opening_change(&Reading::of(b_text))
}
