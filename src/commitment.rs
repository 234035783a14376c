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
//! ## Where this departs from the sketch in the brief, and why
//!
//! * **Added** after reading `../shared/corpus`: the UN operative verbs *Decides* (3),
//!   *Requests* and *Urges* (2: a request is a mandate, but softer than a decision) and
//!   *Invites* (1); OECD's *RECOMMENDS* (2); the G7's *instruct* (3); Bletchley's *resolve to*
//!   (3); *our/their commitment to* (3) and *our intention to* (2) from the Seoul and Hiroshima
//!   texts; and the zh synonyms 务必/须/决定/决心/保证 (3), 力求 (2), 提倡/邀请/期待/期望/希望 (1),
//!   意识到/深知 (0).
//! * **Prohibitions are binding whatever the modal**, as the brief asks for 不应: *should not*
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
//! to its prohibition (shall → shall not) is `Same`: a ban binds as much as a duty.

use serde::Serialize;
use std::cmp::Ordering;

/// The speaker binds itself: will, shall, must, 将, 必须, and prohibitions.
pub const BINDING: u8 = 3;
/// The speaker will try: should, strive, 应, 致力于.
pub const ENDEAVOUR: u8 = 2;
/// The speaker encourages, supports or calls on others: encourage, may, 鼓励, 愿.
pub const ENCOURAGE: u8 = 1;
/// The speaker only notes or recognises, or no marker was found.
pub const NOTE: u8 = 0;

/// How firmly one clause commits its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    /// 0 (note only, or nothing) ..= 3 (binding).
    pub level: u8,
    /// The words, as found in the text, that set the level; `None` when there is no marker.
    pub marker: Option<String>,
}

impl Commitment {
    /// The name of the level for reports: `binding`, `endeavour`, `encourage` or `note`.
    pub fn label(&self) -> &'static str {
        match self.level {
            BINDING.. => "binding",
            ENDEAVOUR => "endeavour",
            ENCOURAGE => "encourage",
            _ => "note",
        }
    }
}

/// Direction of a commitment change from clause A to clause B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitmentChange {
    /// No edit at a marker changed the strength (including pure additions and deletions).
    Same,
    /// B commits less firmly than A.
    Weakened,
    /// B commits more firmly than A.
    Strengthened,
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

    fn level(&self) -> u8 {
        self.governor.map_or(NOTE, |g| g.level)
    }

    /// [`commitment_change`] from this text to `b`; when that finds no change and the two
    /// are a `close_match` (the same clause reworded), [`opening_governor_change`].
    pub fn change_to(&self, b: &Reading<'_>, close_match: bool) -> CommitmentChange {
        match self.marker_change(b) {
            CommitmentChange::Same if close_match => self.opening_change(b),
            change => change,
        }
    }

    fn marker_change(&self, b: &Reading<'_>) -> CommitmentChange {
        let a = self;
        if a.text == b.text {
            return CommitmentChange::Same;
        }
        let (mut up, mut down) = (0usize, 0usize);
        let mut tally = |from: u8, to: u8| match to.cmp(&from) {
            Ordering::Greater => up += 1,
            Ordering::Less => down += 1,
            Ordering::Equal => {}
        };
        let only_in_a = a
            .hits
            .iter()
            .filter(|h| a.counts.of_kind(h) > b.counts.of_kind(h));
        for hit in only_in_a.take(MAX_EDITS_EXAMINED) {
            if let Some(to) = replacement_level(a.text, hit, b.text, &b.hits) {
                tally(hit.level, to);
            }
        }
        let only_in_b = b
            .hits
            .iter()
            .filter(|h| b.counts.of_kind(h) > a.counts.of_kind(h));
        for hit in only_in_b.take(MAX_EDITS_EXAMINED) {
            if let Some(from) = replacement_level(b.text, hit, a.text, &a.hits) {
                tally(from, hit.level);
            }
        }
        // Two markers edited side by side ("shall ensure" -> "should encourage") leave no
        // shared context around either, so no replacement is found; when the governing
        // marker itself is among the edited ones, its level decides.
        let governor_edited = match (a.governor, b.governor) {
            (Some(ga), Some(gb)) => {
                a.counts.of_kind(&ga) > b.counts.of_kind(&ga)
                    && b.counts.of_kind(&gb) > a.counts.of_kind(&gb)
                    && same_left_context(a.text, ga.start, b.text, gb.start)
            }
            _ => false,
        };
        match up.cmp(&down) {
            Ordering::Greater => CommitmentChange::Strengthened,
            Ordering::Less => CommitmentChange::Weakened,
            Ordering::Equal if up == 0 && !governor_edited => CommitmentChange::Same,
            Ordering::Equal => match b.level().cmp(&a.level()) {
                Ordering::Greater => CommitmentChange::Strengthened,
                Ordering::Less => CommitmentChange::Weakened,
                Ordering::Equal => CommitmentChange::Same,
            },
        }
    }

    fn opening_change(&self, b: &Reading<'_>) -> CommitmentChange {
        let a = self;
        match (a.governor, b.governor) {
            (Some(ga), Some(gb))
                if a.counts.of_kind(&ga) > b.counts.of_kind(&ga)
                    && b.counts.of_kind(&gb) > a.counts.of_kind(&gb)
                    && opens_sentence(a.text, ga.start)
                    && opens_sentence(b.text, gb.start) =>
            {
                match gb.level.cmp(&ga.level) {
                    Ordering::Greater => CommitmentChange::Strengthened,
                    Ordering::Less => CommitmentChange::Weakened,
                    Ordering::Equal => CommitmentChange::Same,
                }
            }
            _ => CommitmentChange::Same,
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

/// Whether a marker at byte `at` stands among the first words of its text ("Suppliers
/// shall", "The Council should", "我们将"): the verb that governs the whole sentence.
fn opens_sentence(text: &str, at: usize) -> bool {
    const OPENING_CHARS: usize = 16;
    text[..at].chars().count() <= OPENING_CHARS
}

/// Whether the (up to) 12 characters before two byte offsets are the same text and the
/// same length: the two markers stand in the same place of their sentences.
fn same_left_context(a_text: &str, a_at: usize, b_text: &str, b_at: usize) -> bool {
    let left = |text: &str, at: usize| -> String {
        let chars: Vec<char> = text[..at].chars().collect();
        chars[chars.len().saturating_sub(12)..].iter().collect()
    };
    let (la, lb) = (left(a_text, a_at), left(b_text, b_at));
    !la.trim().is_empty() && la == lb
}

// ---------------------------------------------------------------------------------------
// Marker hits and the governing marker

/// One lexicon match in a text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    /// Byte span of the marker words, with a negator ("shall not", "no longer required").
    start: usize,
    end: usize,
    /// The lexeme, shared by inflections and synonyms ("ensure", "应", "致力").
    key: &'static str,
    level: u8,
    /// A prohibition (shall not, 不得) or a release (need not, 无需).
    negated: bool,
    /// Infinitive, purpose phrase or participle: cannot govern its sentence.
    subordinate: bool,
    /// Uttered by the speaker in its own main clause ("we will", clause-initial 致力于).
    main_clause: bool,
    sentence: u32,
}

/// The marker that sets a clause's level: the strongest sentence governor, earliest on ties.
fn clause_governor(hits: &[Hit]) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    let mut rest = hits;
    while let Some(first) = rest.first() {
        let len = rest
            .iter()
            .take_while(|h| h.sentence == first.sentence)
            .count();
        let (sentence, tail) = rest.split_at(len);
        rest = tail;
        if let Some(governor) = sentence_governor(sentence)
            && best.is_none_or(|b| governor.level > b.level)
        {
            best = Some(governor);
        }
    }
    best
}

/// The first non-subordinate marker; a level-0 one yields to a later, stronger marker when it
/// is a release, or when that marker is the speaker's own main clause.
fn sentence_governor(hits: &[Hit]) -> Option<Hit> {
    let mut candidates = hits.iter().filter(|h| !h.subordinate);
    let first = *candidates.next()?;
    if first.level > NOTE {
        return Some(first);
    }
    let reports = !first.negated;
    Some(
        candidates
            .find(|h| h.level > NOTE && (!reports || h.main_clause))
            .copied()
            .unwrap_or(first),
    )
}

/// How often each kind of marker (lexeme and polarity) occurs in a text.
struct MarkerCounts(Vec<(&'static str, bool)>);

impl MarkerCounts {
    fn of(hits: &[Hit]) -> MarkerCounts {
        let mut kinds: Vec<_> = hits.iter().map(|h| (h.key, h.negated)).collect();
        kinds.sort_unstable();
        MarkerCounts(kinds)
    }

    fn of_kind(&self, hit: &Hit) -> usize {
        let kind = (hit.key, hit.negated);
        self.0.partition_point(|k| *k <= kind) - self.0.partition_point(|k| *k < kind)
    }
}

// ---------------------------------------------------------------------------------------
// Comparing: edits at a marker

/// Characters of unchanged text looked for on each side of a changed marker: about two
/// English words; Chinese packs as much into fewer characters.
const CONTEXT_CHARS_EN: usize = 12;
const CONTEXT_CHARS_ZH: usize = 5;
/// Longest replacement that still reads as an edit of the marker ("are further encouraged to").
const MAX_REPLACEMENT_BYTES: usize = 40;
/// Characters of a replacement that may lie outside its markers ("are further … to"); more
/// means other content changed there too, and the marker edit is not a clean one.
const MAX_REPLACEMENT_EXTRA_CHARS_EN: usize = 14;
const MAX_REPLACEMENT_EXTRA_CHARS_ZH: usize = 2;
/// Occurrences of the left context tried in the other text. Bounds the work on repetitive
/// text; past it the marker gives no evidence, so the pair reads as `Same`.
const MAX_CONTEXT_OCCURRENCES: usize = 64;
/// Changed markers examined per text and comparison. Real clauses have a handful; the cap
/// keeps a pathological pair (thousands of markers) linear. Markers past it give no evidence.
const MAX_EDITS_EXAMINED: usize = 256;

/// If `hit` in `src` was edited in place in `other`, the level of what replaced it there (0
/// for a plain deletion); `None` when there is no such edit or it says nothing about strength.
fn replacement_level(src: &str, hit: &Hit, other: &str, other_hits: &[Hit]) -> Option<u8> {
    let zh = src.get(hit.start..)?.chars().next().is_some_and(is_han);
    let (n, max_extra) = if zh {
        (CONTEXT_CHARS_ZH, MAX_REPLACEMENT_EXTRA_CHARS_ZH)
    } else {
        (CONTEXT_CHARS_EN, MAX_REPLACEMENT_EXTRA_CHARS_EN)
    };
    let (before, after) = (src.get(..hit.start)?, src.get(hit.end..)?);
    // A marker at the very start or end has context on one side only; ask for twice as much.
    let left_anchored = before.chars().nth(n).is_none();
    let right_anchored = after.chars().nth(n).is_none();
    let left = last_chars(before, if right_anchored { 2 * n } else { n });
    let right = first_chars(after, if left_anchored { 2 * n } else { n });
    let (left_anchored, right_anchored) = (left.len() == before.len(), right.len() == after.len());
    let (left, right) = (left.trim_end(), right.trim_start());
    if (left.is_empty() && !left_anchored) || (right.is_empty() && !right_anchored) {
        return None; // only whitespace next to the marker: nothing specific to look for
    }
    let gap_starts: Vec<usize> = if left_anchored {
        other
            .starts_with(left)
            .then_some(left.len())
            .into_iter()
            .collect()
    } else {
        other
            .match_indices(left)
            .take(MAX_CONTEXT_OCCURRENCES)
            .map(|(i, m)| i + m.len())
            .collect()
    };
    for gap_start in gap_starts {
        let Some(gap_end) = gap_end(other, gap_start, right, right_anchored) else {
            continue;
        };
        // Hits are in text order, so those inside the gap are one run.
        let first = other_hits.partition_point(|h| h.start < gap_start);
        let inside = other_hits.get(first..).unwrap_or(&[]);
        let inside = inside
            .get(..inside.iter().take_while(|h| h.end <= gap_end).count())
            .unwrap_or_default();
        if inside.is_empty() {
            if other
                .get(gap_start..gap_end)
                .is_some_and(|g| g.trim().is_empty())
            {
                return Some(NOTE); // deleted in place: the clause now states it bare
            }
            continue; // replaced by words outside the lexicon (确保→保障): no evidence
        }
        let marker_chars: usize = inside
            .iter()
            .filter_map(|h| other.get(h.start..h.end))
            .map(|m| m.chars().count())
            .sum();
        let gap_chars = other
            .get(gap_start..gap_end)
            .map_or(0, |g| g.trim().chars().count());
        if gap_chars > marker_chars + max_extra {
            continue; // the marker changed along with other words: not a clean edit
        }
        // The same lexeme, or a modal flipped to its prohibition: no change of strength.
        let same_lexeme = inside.iter().any(|h| {
            h.key == hit.key && (h.negated == hit.negated || h.level.min(hit.level) > NOTE)
        });
        return (!same_lexeme).then(|| inside.iter().map(|h| h.level).max().unwrap_or(NOTE));
    }
    None
}

/// Where the replacement starting at `gap_start` ends, given the right-hand context.
fn gap_end(other: &str, gap_start: usize, right: &str, anchored: bool) -> Option<usize> {
    let rest = other.get(gap_start..)?;
    if anchored {
        let end = other.len().checked_sub(right.len())?;
        let fits = end >= gap_start && end - gap_start <= MAX_REPLACEMENT_BYTES;
        return (fits && rest.ends_with(right)).then_some(end);
    }
    let window = rest.get(..floor_boundary(rest, MAX_REPLACEMENT_BYTES + right.len()))?;
    Some(gap_start + window.find(right)?)
}

fn last_chars(s: &str, n: usize) -> &str {
    let start = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    s.get(start..).unwrap_or("")
}

fn first_chars(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s.get(..end).unwrap_or("")
}

/// The largest char boundary of `s` not above `max`.
fn floor_boundary(s: &str, max: usize) -> usize {
    if max >= s.len() {
        return s.len();
    }
    (0..=max)
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------
// Tokens and the scan

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokKind {
    /// Letters and digits outside the Han script (English words, numbers).
    Word,
    /// A run of Han characters.
    Han,
    ClauseBreak,
    SentenceBreak,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    kind: TokKind,
}

#[rustfmt::skip]
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0x30000..=0x3134F)
}

#[rustfmt::skip]
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

fn tokenize(text: &str) -> Vec<Tok> {
    // About one token per five bytes of English; a whole Han run is one token.
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut pos = 0;
    while let Some(c) = text.get(pos..).and_then(|s| s.chars().next()) {
        let start = pos;
        pos += c.len_utf8();
        let kind = if is_han(c) {
            while let Some(d) = text.get(pos..).and_then(|s| s.chars().next())
                && is_han(d)
            {
                pos += d.len_utf8();
            }
            TokKind::Han
        } else if is_word_char(c) {
            pos = word_end(text, pos);
            TokKind::Word
        } else if matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '．')
            || (c == '.' && is_full_stop(text, pos, toks.last()))
        {
            TokKind::SentenceBreak
        } else if matches!(c, '，' | ',' | '；' | ';' | '：' | ':') {
            TokKind::ClauseBreak
        } else {
            continue;
        };
        toks.push(Tok {
            start,
            end: pos,
            kind,
        });
    }
    toks
}

/// End of the word whose first char ends at `pos`: letters, digits, combining marks, and
/// inner apostrophes or hyphens ("won't", "capacity-building").
fn word_end(text: &str, mut pos: usize) -> usize {
    loop {
        let mut rest = text.get(pos..).unwrap_or("").chars();
        match rest.next() {
            Some(d) if is_word_char(d) || is_combining_mark(d) => pos += d.len_utf8(),
            Some(d @ ('\'' | '’' | '-')) if rest.next().is_some_and(is_word_char) => {
                pos += d.len_utf8();
            }
            _ => return pos,
        }
    }
}

/// A '.' ends a sentence when whitespace or the end follows, unless it closes a one-letter
/// word (e.g., i.e., U.S.).
fn is_full_stop(text: &str, after: usize, prev: Option<&Tok>) -> bool {
    let spaced = text
        .get(after..)
        .and_then(|s| s.chars().next())
        .is_none_or(char::is_whitespace);
    let initial = prev.is_some_and(|t| {
        t.kind == TokKind::Word
            && t.end + 1 == after
            && text
                .get(t.start..t.end)
                .is_some_and(|w| w.chars().count() == 1)
    });
    spaced && !initial
}

/// The clause being scanned: from the last clause or sentence break.
#[derive(Debug, Clone, Copy)]
struct Clause {
    start: usize,
    /// The previous clause was only a speaker and a verb of saying ("中法两国主张，"), so this
    /// clause is what the speaker asserts, not reported speech.
    after_speaker_frame: bool,
}

/// All marker hits of a text, in text order.
fn scan(text: &str) -> Vec<Hit> {
    let toks = tokenize(text);
    let mut hits = Vec::new();
    let mut sentence = 0u32;
    let mut clause = Clause {
        start: 0,
        after_speaker_frame: false,
    };
    for (i, tok) in toks.iter().enumerate() {
        match tok.kind {
            TokKind::SentenceBreak => {
                sentence += 1;
                clause = Clause {
                    start: tok.end,
                    after_speaker_frame: false,
                };
            }
            TokKind::ClauseBreak => {
                let finished = text.get(clause.start..tok.start).unwrap_or("");
                clause = Clause {
                    start: tok.end,
                    after_speaker_frame: zh_is_speaker_frame(finished),
                };
            }
            TokKind::Word => hits.extend(english_hit(text, &toks, i, sentence)),
            TokKind::Han => chinese_hits(text, *tok, clause, sentence, &mut hits),
        }
    }
    hits
}

// ---------------------------------------------------------------------------------------
// English

/// Grammatical shape of a matched English form; drives the subordination rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Modal,
    /// won't, mustn't, needn't.
    ModalNeg,
    Base,
    S,
    Ing,
    Ed,
    /// aware, mindful, commitment, intention.
    Fixed,
}

/// Words that must follow the head word for it to be a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Particle {
    None,
    To,
    ToOrThat,
    OnUponFor,
    Towards,
    ForwardTo,
    InMind,
    Not,
}

/// How to tell the marker from another sense of the same word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NounCheck {
    None,
    /// political will, the will of.
    Will,
    /// May 2024, 21 May.
    May,
    /// with the support of, technical support, support for.
    Support,
    /// A noun after a determiner or adjective: the aim to, related endeavours, a note.
    Determiner,
    /// Only a marker after a possessive: our commitment, their intention.
    Possessive,
}

struct Lemma {
    key: &'static str,
    level: u8,
    particle: Particle,
    noun: NounCheck,
}

/// Verbs whose base, -s, -ing and -ed forms all count, with the lexeme they belong to.
#[rustfmt::skip]
const EN_VERBS: &[(&str, &str)] = &[
    ("ensure", "ensure"), ("commit", "commit"), ("require", "require"), ("decide", "decide"),
    ("resolve", "resolve"), ("instruct", "instruct"), ("pledge", "pledge"),
    ("undertake", "undertake"), ("strive", "strive"), ("endeavour", "endeavour"),
    ("endeavor", "endeavour"), ("aim", "aim"), ("work", "work"), ("seek", "seek"),
    ("intend", "intend"), ("recommend", "recommend"), ("urge", "urge"), ("request", "request"),
    ("encourage", "encourage"), ("support", "support"), ("call", "call"), ("invite", "invite"),
    ("advocate", "advocate"), ("welcome", "welcome"), ("look", "look"),
    ("note", "note"), ("recognise", "recognise"), ("recognize", "recognise"),
    ("acknowledge", "acknowledge"), ("consider", "consider"), ("bear", "bear"), ("need", "need"),
];

/// Lexeme and form of a lowercased English word, if it is in the lexicon.
#[rustfmt::skip]
fn english_form(word: &[u8]) -> Option<(&'static str, Form)> {
    use Form::*;
    Some(match word {
        b"will" => ("will", Modal), b"shall" => ("shall", Modal), b"must" => ("must", Modal),
        b"should" => ("should", Modal), b"may" => ("may", Modal), b"ought" => ("ought", Modal),
        b"won't" => ("will", ModalNeg), b"shan't" => ("shall", ModalNeg),
        b"mustn't" => ("must", ModalNeg), b"shouldn't" => ("should", ModalNeg),
        b"needn't" => ("need", ModalNeg), b"determined" => ("determined", Ed),
        b"commitment" | b"commitments" => ("commitment", Fixed),
        b"intention" => ("intention", Fixed), b"aware" => ("aware", Fixed),
        b"mindful" => ("mindful", Fixed),
        // The first-letter test keeps this loop from calling memcmp for most words.
        _ => return EN_VERBS.iter()
            .filter(|(base, _)| base.as_bytes().first() == word.first())
            .find_map(|&(base, lexeme)| Some((lexeme, inflection(word, base.as_bytes())?))),
    })
}

/// The form of `word` if it inflects `base` regularly: ensure/ensures/ensuring/ensured,
/// commit/commits/committing/committed.
fn inflection(word: &[u8], base: &[u8]) -> Option<Form> {
    let (stem, e) = match base.strip_suffix(b"e") {
        Some(stem) => (stem, true),
        None => (base, false),
    };
    let suffix = word.strip_prefix(stem)?;
    let doubled = |s: &[u8]| s.first() == stem.last();
    Some(match suffix {
        b"e" if e => Form::Base,
        b"es" if e => Form::S,
        b"" if !e => Form::Base,
        b"s" if !e => Form::S,
        b"ing" => Form::Ing,
        b"ed" => Form::Ed,
        [_, rest @ ..] if !e && doubled(suffix) && rest == b"ing" => Form::Ing,
        [_, rest @ ..] if !e && doubled(suffix) && rest == b"ed" => Form::Ed,
        _ => return None,
    })
}

/// Level, required particle and sense check of an English lexeme.
#[rustfmt::skip]
fn english_lemma(lexeme: &'static str) -> Lemma {
    use NounCheck as N;
    use Particle as P;
    let (key, level, particle, noun) = match lexeme {
        "will" => ("will", 3, P::None, N::Will),
        "shall" | "must" => (lexeme, 3, P::None, N::None),
        "should" => ("should", 2, P::None, N::None),
        "ought" => ("ought to", 2, P::To, N::None),
        "may" => ("may", 1, P::None, N::May),
        "need" => ("need", 0, P::Not, N::None),
        "ensure" | "commit" | "require" | "decide" | "instruct" => (lexeme, 3, P::None, N::None),
        "commitment" => ("commit", 3, P::None, N::Possessive),
        "determined" => ("determined", 3, P::To, N::None),
        "resolve" => ("resolve", 3, P::ToOrThat, N::None),
        "pledge" => ("pledge", 3, P::None, N::Determiner),
        "undertake" => ("undertake", 3, P::To, N::None),
        "strive" | "recommend" | "urge" => (lexeme, 2, P::None, N::None),
        "endeavour" | "request" => (lexeme, 2, P::None, N::Determiner),
        "aim" => ("aim", 2, P::To, N::Determiner),
        "work" => ("work towards", 2, P::Towards, N::Determiner),
        "seek" | "intend" => (lexeme, 2, P::To, N::None),
        "intention" => ("intend", 2, P::To, N::Possessive),
        "encourage" | "invite" => (lexeme, 1, P::None, N::None),
        "support" => ("support", 1, P::None, N::Support),
        "call" => ("call on", 1, P::OnUponFor, N::Determiner),
        "advocate" | "welcome" => (lexeme, 1, P::None, N::Determiner),
        "look" => ("look forward to", 1, P::ForwardTo, N::None),
        "note" => ("note", 0, P::None, N::Determiner),
        "bear" => ("bear in mind", 0, P::InMind, N::None),
        _ => (lexeme, 0, P::None, N::None), // recognise, acknowledge, consider, aware, mindful
    };
    Lemma { key, level, particle, noun }
}

#[rustfmt::skip]
const DETERMINERS: &[&str] = &["a", "an", "the", "this", "that", "these", "those", "its", "their",
    "our", "his", "her", "my", "your", "each", "every", "any", "no", "some", "such", "joint",
    "common", "collective", "shared", "ongoing", "future", "important"];
const POSSESSIVES: &[&str] = &["our", "their", "its", "my", "his", "her", "your"];
#[rustfmt::skip]
const WILL_NOUN_BEFORE: &[&str] = &["the", "a", "an", "political", "good", "free", "ill",
    "collective", "strong", "shared", "common", "own", "our", "their", "its", "his", "her", "my", "your", "of",
    "with", "against", "general", "popular", "sovereign", "firm", "genuine"];
#[rustfmt::skip]
const SUPPORT_NOUN_BEFORE: &[&str] = &["a", "an", "the", "this", "that", "these", "those", "its",
    "their", "our", "his", "her", "my", "your", "any", "no", "some", "such", "more", "with", "of",
    "in", "for", "without", "from", "through", "by", "provide", "provides", "providing",
    "receive", "receives", "receiving", "need", "needs", "give", "gives", "giving", "offer",
    "offers", "offering", "mobilize", "mobilise", "mobilizing", "mobilising", "strong", "full",
    "broad", "further", "adequate", "appropriate", "necessary"];
const SUPPORT_NOUN_AFTER: &[&str] = &["of", "for", "from", "to"];
/// Before an -ing form, these make it a gerund or participle inside a larger clause.
#[rustfmt::skip]
const ING_SUBORDINATORS: &[&str] = &["by", "for", "of", "in", "on", "through", "towards", "toward",
    "while", "when", "without", "including", "include", "includes", "from", "after", "before",
    "at", "about", "into", "upon", "via", "to"];
/// Before an -ed form, these make it a finite verb or a passive ("are encouraged").
#[rustfmt::skip]
const ED_GOVERNORS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am", "remain",
    "remains", "remained", "have", "has", "had", "we", "they", "i"];
const SPEAKER: &[&str] = &["we", "i", "us"];
/// Skipped when looking for the word that decides a marker's role ("we also commit").
#[rustfmt::skip]
const ADVERBS: &[&str] = &["also", "further", "therefore", "hereby", "jointly", "collectively",
    "all", "together", "still", "now", "thus", "accordingly", "not", "never", "no", "longer"];
/// At most this many adverbs are skipped, so a run of them cannot make a scan quadratic.
const MAX_ADVERBS_SKIPPED: usize = 4;
#[rustfmt::skip]
const NEGATORS: &[&str] = &["not", "never", "don't", "doesn't", "didn't", "isn't", "aren't",
    "wasn't", "weren't"];

/// A word lowercased into a stack buffer; only short ASCII words can be lexicon words.
#[derive(Clone, Copy)]
struct Lower {
    buf: [u8; 16],
    len: usize,
}

impl Lower {
    fn of(word: &str) -> Option<Lower> {
        let mut buf = [0u8; 16];
        let mut len = 0;
        for c in word.chars() {
            let byte = match c {
                '’' => b'\'',
                c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
                _ => return None,
            };
            *buf.get_mut(len)? = byte;
            len += 1;
        }
        Some(Lower { buf, len })
    }

    fn bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&[])
    }

    fn is(&self, words: &[&str]) -> bool {
        words.iter().any(|w| w.as_bytes() == self.bytes())
    }

    /// "technical support", "related endeavours": an adjective before a noun.
    fn looks_adjectival(&self) -> bool {
        let b = self.bytes();
        b.len() > 3 && (b.ends_with(b"al") || b.ends_with(b"ed")) && !self.is(ED_GOVERNORS)
    }
}

/// The words around the English word at token `i`.
struct EnContext<'a> {
    text: &'a str,
    toks: &'a [Tok],
    i: usize,
}

impl EnContext<'_> {
    fn tok(&self, k: usize) -> Option<&Tok> {
        self.toks.get(k)
    }

    fn raw(&self, k: usize) -> &str {
        self.tok(k)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The word at token `k`, unless a break or a Han run stands there.
    fn word(&self, k: usize) -> Option<Lower> {
        self.tok(k).filter(|t| t.kind == TokKind::Word)?;
        Lower::of(self.raw(k))
    }

    fn next(&self, n: usize) -> Option<Lower> {
        self.word(self.i.checked_add(n)?)
    }

    fn prev(&self, n: usize) -> Option<Lower> {
        self.word(self.i.checked_sub(n)?)
    }

    fn next_is(&self, n: usize, words: &[&str]) -> bool {
        self.next(n).is_some_and(|w| w.is(words))
    }

    fn prev_is(&self, n: usize, words: &[&str]) -> bool {
        self.prev(n).is_some_and(|w| w.is(words))
    }

    /// The previous word, skipping adverbs ("we also commit", "are strongly encouraged").
    fn prev_skipping_adverbs(&self) -> Option<Lower> {
        (1..=MAX_ADVERBS_SKIPPED + 1)
            .map_while(|n| self.prev(n))
            .find(|w| !(w.is(ADVERBS) || (w.len > 4 && w.bytes().ends_with(b"ly"))))
    }
}

fn english_hit(text: &str, toks: &[Tok], i: usize, sentence: u32) -> Option<Hit> {
    let cx = EnContext { text, toks, i };
    let (lexeme, form) = english_form(cx.word(i)?.bytes())?;
    let lemma = english_lemma(lexeme);
    // Words that complete the marker: "aim to", "call on", "look forward to".
    let particle_words = match lemma.particle {
        Particle::None => Some(0),
        Particle::To => cx.next_is(1, &["to"]).then_some(1),
        Particle::ToOrThat if cx.next_is(1, &["to"]) => Some(1),
        Particle::ToOrThat => cx.next_is(1, &["that"]).then_some(0),
        Particle::OnUponFor => cx.next_is(1, &["on", "upon", "for"]).then_some(1),
        Particle::Towards => cx.next_is(1, &["towards", "toward"]).then_some(1),
        Particle::ForwardTo if !cx.next_is(1, &["forward"]) => None,
        Particle::ForwardTo if cx.next_is(2, &["to"]) => Some(2),
        // "Looks forward also to", UN style.
        Particle::ForwardTo => {
            (cx.next_is(2, &["also", "further"]) && cx.next_is(3, &["to"])).then_some(3)
        }
        Particle::InMind => (cx.next_is(1, &["in"]) && cx.next_is(2, &["mind"])).then_some(2),
        Particle::Not if form == Form::ModalNeg => Some(0),
        Particle::Not => cx.next_is(1, &["not"]).then_some(1),
    }?;
    if is_other_sense(&cx, &lemma, form) {
        return None;
    }
    let head = cx.tok(i)?;
    let (mut start, mut end) = (head.start, cx.tok(i + particle_words)?.end);
    let modal = matches!(form, Form::Modal | Form::ModalNeg);
    let mut negated = form == Form::ModalNeg || lemma.particle == Particle::Not;
    if modal && !negated {
        // "shall not", "must never", "will no longer"; "should not only … but also" is not.
        let neg_words = if cx.next_is(1, &["not", "never"]) && !cx.next_is(2, &["only"]) {
            1
        } else if cx.next_is(1, &["no"]) && cx.next_is(2, &["longer"]) {
            2
        } else {
            0
        };
        if neg_words > 0 {
            let after = neg_words + 1 + usize::from(cx.next_is(neg_words + 1, &["be"]));
            if cx.next_is(after, &["required", "obliged", "obligated"])
                || cx.next_is(neg_words + 1, &["need", "have"])
            {
                return None; // "will not be required to": a release, read at "required"
            }
            negated = true;
            end = cx.tok(i + neg_words)?.end;
        }
    } else if !modal {
        // "not required", "no longer required", "does not require", "not be required".
        let be = usize::from(cx.prev_is(1, &["be"]));
        let negator_at = if cx.prev_is(1 + be, NEGATORS) {
            Some(1 + be)
        } else if cx.prev_is(1 + be, &["longer"]) && cx.prev_is(2 + be, &["no"]) {
            Some(2 + be)
        } else {
            None
        };
        if let Some(n) = negator_at {
            negated = true;
            start = cx.tok(i.checked_sub(n)?)?.start;
        }
    }
    let level = match (negated, modal) {
        _ if lemma.particle == Particle::Not => NOTE,
        (true, true) if lemma.key == "may" => lemma.level,
        (true, true) => BINDING,
        (true, false) => NOTE,
        (false, _) => lemma.level,
    };
    let before = cx.prev_skipping_adverbs();
    let subordinate = match form {
        Form::Base => before.is_some_and(|w| w.is(&["to"])),
        Form::Ing => before.is_some_and(|w| w.is(ING_SUBORDINATORS)),
        Form::Ed => !before.is_some_and(|w| w.is(ED_GOVERNORS)),
        Form::Modal | Form::ModalNeg | Form::S | Form::Fixed => false,
    };
    // A finite verb coordinated with the clause's own verb is the speaker's too:
    // "Recognizes that …; emphasizes …, and urges Member States …".
    let after_break = i
        .checked_sub(1)
        .and_then(|k| cx.tok(k))
        .is_some_and(|t| t.kind == TokKind::ClauseBreak);
    let coordinated = form == Form::S && (after_break || before.is_some_and(|w| w.is(&["and"])));
    let main_clause = coordinated || before.is_some_and(|w| w.is(SPEAKER));
    Some(Hit {
        start,
        end,
        key: lemma.key,
        level,
        negated,
        subordinate,
        main_clause,
        sentence,
    })
}

/// The noun "will", the month "May", the noun "support", "the aim", "encouraged by"…
fn is_other_sense(cx: &EnContext, lemma: &Lemma, form: Form) -> bool {
    let noun_form = matches!(form, Form::Base | Form::S);
    let after_adjective = cx.prev(1).is_some_and(|w| w.looks_adjectival());
    let described = form == Form::Ed
        && cx.next_is(1, &["by"])
        && matches!(lemma.key, "encourage" | "support" | "welcome" | "invite");
    described
        || match lemma.noun {
            NounCheck::None => false,
            NounCheck::Will => cx.prev_is(1, WILL_NOUN_BEFORE) || cx.next_is(1, &["of"]),
            NounCheck::May => {
                let next_is_number = cx
                    .next(1)
                    .is_some_and(|w| w.bytes().first().is_some_and(u8::is_ascii_digit));
                cx.raw(cx.i) == "May" && (cx.prev(1).is_some() || next_is_number)
            }
            NounCheck::Support => {
                noun_form
                    && (cx.prev_is(1, SUPPORT_NOUN_BEFORE)
                        || after_adjective
                        || cx.next_is(1, SUPPORT_NOUN_AFTER))
            }
            NounCheck::Determiner => {
                let verbale = lemma.key == "note" && cx.next_is(1, &["verbale"]);
                noun_form && (cx.prev_is(1, DETERMINERS) || after_adjective || verbale)
            }
            NounCheck::Possessive => !cx.prev_is(1, POSSESSIVES),
        }
}

// ---------------------------------------------------------------------------------------
// Chinese

/// What besides "not after 的" tells a Chinese entry from another word or sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZhRule {
    Plain,
    /// A noun before punctuation, before 下 (在…支持下), or after one of the listed chars.
    VerbNotNoun(&'static str),
    /// Not when one of the listed chars follows (推动力, 保证金, 不准确, 不必要).
    NotBefore(&'static str),
    /// Not when one of the listed chars precedes (受欢迎).
    NotAfter(&'static str),
    Jiang,
    Ying,
    Yuan,
    Xu,
    /// Not in 怪不得, 恨不得, 巴不得, 舍不得.
    Bude,
}

struct ZhEntry {
    word: &'static str,
    key: &'static str,
    level: u8,
    negated: bool,
    rule: ZhRule,
}

const fn zh(
    word: &'static str,
    key: &'static str,
    level: u8,
    negated: bool,
    rule: ZhRule,
) -> ZhEntry {
    ZhEntry {
        word,
        key,
        level,
        negated,
        rule,
    }
}

/// Longer words come first where one is a prefix of another (致力于 before 致力, 应当 before 应).
#[rustfmt::skip]
const ZH_LEXICON: &[ZhEntry] = &[
    // binding
    zh("必须", "必须", 3, false, ZhRule::Plain),
    zh("务必", "必须", 3, false, ZhRule::Plain),
    zh("须", "须", 3, false, ZhRule::Xu),
    zh("应当", "应当", 3, false, ZhRule::Plain),
    zh("将", "将", 3, false, ZhRule::Jiang),
    zh("确保", "确保", 3, false, ZhRule::Plain),
    zh("承诺", "承诺", 3, false, ZhRule::Plain),
    zh("坚持", "坚持", 3, false, ZhRule::Plain),
    zh("要求", "要求", 3, false, ZhRule::VerbNotNoun("")),
    zh("决定", "决定", 3, false, ZhRule::VerbNotNoun("")),
    zh("决心", "决心", 3, false, ZhRule::Plain),
    zh("保证", "保证", 3, false, ZhRule::NotBefore("金书")),
    zh("禁止", "禁止", 3, true, ZhRule::Plain),
    zh("严禁", "禁止", 3, true, ZhRule::Plain),
    // releases and prohibitions beginning with 不 / 无
    zh("不再要求", "要求", 0, true, ZhRule::Plain),
    zh("不需要", "须", 0, true, ZhRule::Plain),
    zh("不要求", "要求", 0, true, ZhRule::Plain),
    zh("不必", "须", 0, true, ZhRule::NotBefore("要")),
    zh("无需", "须", 0, true, ZhRule::Plain),
    zh("无须", "须", 0, true, ZhRule::Plain),
    zh("不得", "得", 3, true, ZhRule::Bude),
    zh("不准", "准", 3, true, ZhRule::NotBefore("确")),
    zh("不应", "应", 3, true, ZhRule::NotBefore("对用")),
    // endeavour
    zh("应该", "应该", 2, false, ZhRule::Plain),
    zh("应", "应", 2, false, ZhRule::Ying),
    zh("致力于", "致力", 2, false, ZhRule::Plain),
    zh("致力", "致力", 2, false, ZhRule::Plain),
    zh("努力", "努力", 2, false, ZhRule::VerbNotNoun("些种切项出与和")),
    zh("力争", "力争", 2, false, ZhRule::Plain),
    zh("力求", "力争", 2, false, ZhRule::Plain),
    zh("争取", "争取", 2, false, ZhRule::Plain),
    // encourage
    zh("鼓励", "鼓励", 1, false, ZhRule::Plain),
    zh("支持", "支持", 1, false, ZhRule::VerbNotNoun("")),
    zh("呼吁", "呼吁", 1, false, ZhRule::Plain),
    zh("倡导", "倡导", 1, false, ZhRule::Plain),
    zh("提倡", "倡导", 1, false, ZhRule::Plain),
    zh("愿", "愿", 1, false, ZhRule::Yuan),
    zh("推动", "推动", 1, false, ZhRule::NotBefore("力")),
    zh("欢迎", "欢迎", 1, false, ZhRule::NotAfter("受")),
    zh("邀请", "邀请", 1, false, ZhRule::VerbNotNoun("")),
    zh("期待", "期待", 1, false, ZhRule::Plain),
    zh("期望", "期待", 1, false, ZhRule::Plain),
    zh("希望", "期待", 1, false, ZhRule::VerbNotNoun("")),
    // note only
    zh("注意到", "注意到", 0, false, ZhRule::Plain),
    zh("认识到", "认识到", 0, false, ZhRule::Plain),
    zh("意识到", "认识到", 0, false, ZhRule::Plain),
    zh("深感", "深感", 0, false, ZhRule::Plain),
    zh("深知", "深感", 0, false, ZhRule::Plain),
    zh("考虑", "考虑", 0, false, ZhRule::Plain),
];

/// First characters of the [`ZH_LEXICON`] words: a cheap filter before trying entries.
const ZH_FIRST_CHARS: &str =
    "必务须应将确承坚要决保禁严不无致努力争鼓支呼倡提愿推欢邀期希注认意深考";
/// Subjects that make the following marker the speaker's own ("我们将…", "中法两国致力于…").
#[rustfmt::skip]
const ZH_SPEAKERS: &[&str] = &[
    "中法两国",
    "中国政府",
    "我们",
    "我国",
    "中方",
    "中国",
    "双方",
    "两国",
    "本国",
];
/// Characters allowed between a speaker subject and its marker ("中法两国充分致力于").
const ZH_MAX_ADVERB_CHARS: usize = 6;
/// Longest speaker frame ("（十）中法两国一致同意"): numbering, a speaker and a short verb.
const ZH_MAX_FRAME_BYTES: usize = 64;
/// How far a rule looks ahead in the clause (把-verbs after 将, 邀请 after 应): they come
/// within a few words; a bound keeps unpunctuated text linear.
const ZH_LOOKAHEAD_CHARS: usize = 24;
/// How far back a rule looks for the subject of 将 (人工智能将…).
const ZH_SUBJECT_CHARS: usize = 6;
/// Verbs that make a preceding 将 the object marker 把: 将人工智能纳入规划.
#[rustfmt::skip]
const ZH_BA_VERBS: &[&str] = &["纳入", "列入", "作为", "视为", "用于", "融入", "转化", "置于", "变为",
    "转为", "交由", "交给", "提交", "嵌入"];
/// What follows 将 in a prediction rather than a commitment: 将导致, 将带来, 将不可避免地.
#[rustfmt::skip]
const ZH_PREDICTIONS: &[&str] = &["导致", "带来", "造成", "使", "成为", "不可避免", "可能", "产生",
    "引发", "对", "给", "面临", "广泛"];
/// Subjects of 将 that make it a prediction: 人工智能将广泛应用于…
const ZH_NON_AGENTS: &[&str] = &["人工智能", "技术", "应用", "风险"];

fn chinese_hits(text: &str, tok: Tok, clause: Clause, sentence: u32, hits: &mut Vec<Hit>) {
    let mut pos = tok.start;
    while let Some(c) = text.get(pos..tok.end).and_then(|s| s.chars().next()) {
        let run = text.get(pos..tok.end).unwrap_or("");
        let entry = ZH_FIRST_CHARS.contains(c).then(|| {
            ZH_LEXICON.iter().find(|e| {
                run.starts_with(e.word)
                    && zh_entry_applies(text, pos, pos + e.word.len(), clause.start, e)
            })
        });
        let Some(entry) = entry.flatten() else {
            pos += c.len_utf8();
            continue;
        };
        let prefix = text.get(clause.start.min(pos)..pos).unwrap_or("");
        let first_in_clause = !hits
            .last()
            .is_some_and(|h| h.start >= clause.start && h.sentence == sentence);
        hits.push(Hit {
            start: pos,
            end: pos + entry.word.len(),
            key: entry.key,
            level: entry.level,
            negated: entry.negated,
            subordinate: zh_is_purpose(prefix),
            main_clause: clause.after_speaker_frame
                || (first_in_clause && zh_is_clause_head(prefix)),
            sentence,
        });
        pos += entry.word.len();
    }
}

fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The next few characters of the clause after `pos` (up to a clause or sentence break).
fn clause_ahead(text: &str, pos: usize) -> &str {
    let ahead = first_chars(text.get(pos..).unwrap_or(""), ZH_LOOKAHEAD_CHARS);
    let end = ahead.find([
        '，', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?', '\n',
    ]);
    ahead.get(..end.unwrap_or(ahead.len())).unwrap_or("")
}

fn zh_entry_applies(
    text: &str,
    start: usize,
    end: usize,
    clause_start: usize,
    entry: &ZhEntry,
) -> bool {
    let (prev, next) = (char_before(text, start), char_after(text, end));
    if prev == Some('的') {
        return false; // a noun: 的支持, 的努力, 的要求
    }
    match entry.rule {
        ZhRule::Plain => true,
        ZhRule::VerbNotNoun(noun_after) => {
            let noun = !next.is_some_and(is_han)
                || next == Some('下')
                || prev.is_some_and(|c| noun_after.contains(c));
            !noun || (entry.word == "支持" && prev == Some('示')) // 表示支持
        }
        ZhRule::NotBefore(chars) => !next.is_some_and(|c| chars.contains(c)),
        ZhRule::NotAfter(chars) => !prev.is_some_and(|c| chars.contains(c)),
        ZhRule::Xu => !prev.is_some_and(|c| "必无毋莫所急".contains(c)) && next != Some('知'),
        ZhRule::Bude => !prev.is_some_and(|c| "怪恨巴舍说免".contains(c)),
        ZhRule::Yuan => {
            !next.is_some_and(|c| "景望".contains(c))
                && !prev.is_some_and(|c| "意自心宁情祝志请如但夙遗".contains(c))
        }
        ZhRule::Ying => zh_ying_is_should(text, end, prev, next),
        ZhRule::Jiang => zh_jiang_is_will(text, start, end, clause_start, prev, next),
    }
}

/// 应 "should"; not 应对/应用/相应/响应…, not 应有的 ("due"), not 应…邀请 ("at the invitation of").
fn zh_ying_is_should(text: &str, end: usize, prev: Option<char>, next: Option<char>) -> bool {
    let ahead = clause_ahead(text, end);
    // "应对…进行/提供" is 应 + the preposition 对, not the verb 应对 "cope with".
    let ying_dui = next == Some('对')
        && ["进行", "予以", "加以", "作出", "提供"]
            .iter()
            .any(|v| ahead.contains(v));
    let word_after = !ying_dui && next.is_some_and(|c| "对用急变答聘邀运征届付酬声和".contains(c));
    let word_before = prev.is_some_and(|c| "相响适对供反效回感答呼顺报照接内".contains(c));
    let due = text.get(end..).is_some_and(|s| s.starts_with("有的"));
    !(word_after || word_before || due || ahead.contains("邀请"))
}

/// 将 "will"; not 把-将 (将…纳入, 将其, 应将), not 将来/即将/将军, not a prediction about AI.
fn zh_jiang_is_will(
    text: &str,
    start: usize,
    end: usize,
    clause_start: usize,
    prev: Option<char>,
    next: Option<char>,
) -> bool {
    if next.is_some_and(|c| "来军领士近帅计其之此这该它他她".contains(c))
        || prev.is_some_and(|c| "即大主武名老干猛应须要可需宜能会愿".contains(c))
    {
        return false;
    }
    let ahead = clause_ahead(text, end);
    if ZH_BA_VERBS.iter().any(|v| ahead.contains(v)) && !ahead.contains('把') {
        return false;
    }
    let prefix = text.get(clause_start.min(start)..start).unwrap_or("");
    if zh_starts_with_speaker(prefix) {
        return true;
    }
    let subject = last_chars(prefix, ZH_SUBJECT_CHARS);
    let about_ai = ZH_NON_AGENTS.iter().any(|w| subject.contains(w));
    !(about_ai || ZH_PREDICTIONS.iter().any(|w| ahead.starts_with(w)))
}

/// Drops list numbering and spaces from the front of a clause: "（一）中方愿" → "中方愿".
fn zh_clause_body(clause: &str) -> &str {
    clause.trim_start_matches(|c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || c.is_ascii_alphanumeric()
            || "（）【】「」“”‘’《》、．一二三四五六七八九十".contains(c)
    })
}

fn zh_starts_with_speaker(clause: &str) -> bool {
    let body = zh_clause_body(clause);
    ZH_SPEAKERS.iter().any(|s| body.starts_with(s))
}

/// The marker heads its clause: nothing before it, or only a speaker subject and adverbs.
fn zh_is_clause_head(prefix: &str) -> bool {
    let body = zh_clause_body(prefix);
    body.is_empty()
        || ZH_SPEAKERS.iter().any(|s| {
            body.strip_prefix(s)
                .is_some_and(|rest| rest.chars().nth(ZH_MAX_ADVERB_CHARS).is_none())
        })
}

/// A clause that is only a speaker and a short verb of saying: "中法两国主张", "双方强调".
fn zh_is_speaker_frame(clause: &str) -> bool {
    if clause.len() > ZH_MAX_FRAME_BYTES || !clause.chars().next_back().is_some_and(is_han) {
        return false; // the cheap exit for ordinary (and all English) clauses
    }
    let body = zh_clause_body(clause);
    ZH_SPEAKERS.iter().any(|s| {
        body.strip_prefix(s)
            .is_some_and(|rest| !rest.is_empty() && rest.chars().nth(ZH_MAX_ADVERB_CHARS).is_none())
    })
}

/// 为确保, 以推动, 为了, 以便: a purpose phrase, not the clause's own commitment.
fn zh_is_purpose(prefix: &str) -> bool {
    if prefix.ends_with("为了") || prefix.ends_with("以便") {
        return true;
    }
    let mut tail = prefix.chars().rev();
    match (tail.next(), tail.next()) {
        (Some('为'), before) => !before.is_some_and(|c| "作行认成因较更尤视称最".contains(c)),
        (Some('以'), before) => !before.is_some_and(|c| "可所难得予加足用是据".contains(c)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gold benchmark (`rev-*/gold.json`), next to the crate: `../shared/bench` from
    /// `/work/main`.
    const BENCH_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench");

    fn level(text: &str) -> (u8, Option<String>) {
        let c = commitment_of(text);
        (c.level, c.marker)
    }

    fn change(a: &str, b: &str) -> CommitmentChange {
        commitment_change(a, b)
    }

    fn marker(text: &str) -> Option<String> {
        commitment_of(text).marker
    }

    fn at(level_: u8, marker_: &str) -> (u8, Option<String>) {
        (level_, Some(marker_.to_owned()))
    }

    // ---- scale ---------------------------------------------------------------------

    #[test]
    fn two_markers_edited_side_by_side_still_give_a_direction() {
        let change = |a: &str, b: &str| commitment_change(a, b);
        assert_eq!(
            change(
                "Developers shall ensure that models are tested before release.",
                "Developers should encourage that models are tested before release."
            ),
            CommitmentChange::Weakened
        );
        // A reworded sentence whose governor moved elsewhere gives no direction.
        assert_eq!(
            change(
                "Developers shall ensure that models are tested before release.",
                "Before release, testing of models should be encouraged by developers."
            ),
            CommitmentChange::Same
        );
    }

    #[test]
    fn scale_english() {
        assert_eq!(level("We will cooperate on AI safety."), at(3, "will"));
        assert_eq!(level("We are determined to act."), at(3, "determined to"));
        assert_eq!(
            level("Organizations should respect the rule of law."),
            at(2, "should")
        );
        assert_eq!(level("We strive to close the divide."), at(2, "strive"));
        assert_eq!(
            level("Encourages Member States to act;"),
            at(1, "Encourages")
        );
        assert_eq!(
            level("We call upon all States to cooperate."),
            at(1, "call upon")
        );
        assert_eq!(level("Organizations may include academia."), at(1, "may"));
        assert_eq!(level("Noting the work of the Commission,"), at(0, "Noting"));
        assert_eq!(
            level("AI presents enormous global opportunities."),
            (0, None)
        );
    }

    #[test]
    fn scale_chinese() {
        assert_eq!(level("我们将建立多元化的参与机制。"), at(3, "将"));
        assert_eq!(level("各国必须遵守国际法。"), at(3, "必须"));
        assert_eq!(
            level("加强监管，确保人工智能技术的合规使用。"),
            at(3, "确保")
        );
        assert_eq!(level("致力于培养更多的人工智能专业人才。"), at(2, "致力于"));
        assert_eq!(level("这一治理应顾及技术发展所需的灵活性。"), at(2, "应"));
        assert_eq!(level("同时争取其发展过程中的安全性。"), at(2, "争取"));
        assert_eq!(level("鼓励创新思维，支持跨学科研究合作。"), at(1, "鼓励"));
        assert_eq!(level("我们愿建立多元化的参与机制。"), at(1, "愿"));
        assert_eq!(level("我们深感人工智能对世界的深远影响。"), at(0, "深感"));
        assert_eq!(level("人工智能是人类发展新领域。"), (0, None));
    }

    #[test]
    fn label_names_the_level() {
        assert_eq!(commitment_of("We shall act.").label(), "binding");
        assert_eq!(commitment_of("我们愿合作。").label(), "encourage");
        assert_eq!(commitment_of("Nothing here.").label(), "note");
    }

    // ---- negation and prohibition -------------------------------------------------

    #[test]
    fn prohibitions_are_binding() {
        assert_eq!(
            level("Providers shall not retain user data."),
            at(3, "shall not")
        );
        assert_eq!(level("AI must not be used to deceive."), at(3, "must not"));
        assert_eq!(
            level("Organizations should not develop such systems."),
            at(3, "should not")
        );
        assert_eq!(level("Organizations mustn’t deploy it."), at(3, "mustn’t"));
        assert_eq!(level("服务提供者不得非法收集个人信息。"), at(3, "不得"));
        assert_eq!(level("系统提供服务时不应超出预设应用范围。"), at(3, "不应"));
        assert_eq!(level("禁止利用人工智能从事违法活动。"), at(3, "禁止"));
    }

    #[test]
    fn not_only_is_not_a_prohibition() {
        assert_eq!(
            level("States should not only adopt rules but also apply them."),
            at(2, "should")
        );
    }

    #[test]
    fn english_release_from_obligation_is_level_0() {
        assert_eq!(
            level("Organizations are no longer required to report."),
            at(0, "no longer required")
        );
        assert_eq!(
            level("Disclosure is not required for small models."),
            at(0, "not required")
        );
        assert_eq!(
            level("The data need not include user information."),
            at(0, "need not")
        );
        assert_eq!(
            level("Providers will not be required to register."),
            at(0, "not be required")
        );
        assert_eq!(level("无需另行备案。"), at(0, "无需"));
    }

    #[test]
    fn release_does_not_hide_a_later_duty() {
        // A release opens no reported scope: the clause still says "should".
        let text =
            "The data need not include user information, but organizations should keep logs.";
        assert_eq!(level(text), at(2, "should"));
    }

    // ---- scope ----------------------------------------------------------------------

    #[test]
    fn leading_marker_governs_a_list_of_verbs() {
        let text = "我们愿积极推进研发，释放人工智能的应用潜力，鼓励创新思维，确保技术安全可靠。";
        assert_eq!(level(text), at(1, "愿"));
        let text = "Encourages Governments to strengthen cooperation and to ensure the full enjoyment of benefits;";
        assert_eq!(level(text), at(1, "Encourages"));
    }

    #[test]
    fn purpose_phrases_do_not_govern() {
        assert_eq!(
            level("In order to ensure safety, organizations should test models."),
            at(2, "should")
        );
        assert_eq!(level("为确保国际安全与稳定，双方愿加强合作。"), at(1, "愿"));
        assert_eq!(
            level("Appropriate measures could include testing to ensure privacy."),
            (0, None)
        );
    }

    #[test]
    fn strongest_sentence_sets_a_paragraph() {
        let text = "We call on organizations to follow these actions. We also commit to develop proposals.";
        assert_eq!(level(text), at(3, "commit"));
    }

    // ---- subjects -------------------------------------------------------------------

    #[test]
    fn reported_duties_of_others_are_note_only() {
        assert_eq!(
            level("The report notes that States must protect human rights."),
            at(0, "notes")
        );
        assert_eq!(
            level("Recognizing that States should cooperate,"),
            at(0, "Recognizing")
        );
        assert_eq!(level("我们注意到各国应加强合作。"), at(0, "注意到"));
    }

    #[test]
    fn speaker_commitment_after_a_note_counts() {
        assert_eq!(
            level("Recognising the importance of safety, we will cooperate."),
            at(3, "will")
        );
        let text = "中法两国充分认识到人工智能的潜在风险，致力于采取有效措施应对这些风险。";
        assert_eq!(level(text), at(2, "致力于"));
        let text =
            "考虑到人工智能技术的快速发展，中法两国主张，人工智能必须为所有人提供包容性接入。";
        assert_eq!(level(text), at(3, "必须"));
    }

    #[test]
    fn stress_and_affirm_are_transparent() {
        assert_eq!(
            level("Stressing that AI systems must be safe,"),
            at(3, "must")
        );
        assert_eq!(
            level("We affirm our intention to leverage shared science."),
            at(2, "intention to")
        );
        assert_eq!(
            level("We reaffirm our commitment to an inclusive approach."),
            at(3, "commitment")
        );
    }

    // ---- other senses ---------------------------------------------------------------

    #[test]
    fn jiang_other_senses_are_not_will() {
        assert_eq!(marker("将人工智能纳入国家发展规划。"), None);
        assert_eq!(marker("将其用于公益目的。"), None);
        assert_eq!(
            marker("服务提供者应将安全事故及时报告。"),
            Some("应".to_owned())
        );
        assert_eq!(marker("人工智能将来会影响就业。"), None);
        assert_eq!(marker("会议即将召开。"), None);
        assert_eq!(marker("将军出席了会议。"), None);
        assert_eq!(marker("人工智能的广泛应用将不可避免地带来变化。"), None);
        assert_eq!(marker("如果基础模型存在缺陷，将导致风险传导。"), None);
        assert_eq!(level("中国将继续参加会议。"), at(3, "将"));
        assert_eq!(level("双方还将依托联合国开展工作。"), at(3, "将"));
    }

    #[test]
    fn english_other_senses_are_not_markers() {
        assert_eq!(
            marker("This requires political will and goodwill."),
            Some("requires".to_owned())
        );
        assert_eq!(marker("Political will is essential."), None);
        assert_eq!(marker("It reflects the will of the people."), None);
        assert_eq!(marker("Adopted in May 2024 in Seoul."), None);
        assert_eq!(marker("Gathered on 21 May 2024, leaders met."), None);
        assert_eq!(
            marker("With the support of partners, the network grew."),
            None
        );
        assert_eq!(marker("They receive technical support for training."), None);
        assert_eq!(
            marker("Encouraged by the progress made, leaders met."),
            None
        );
        assert_eq!(marker("These and related endeavours continue."), None);
        assert_eq!(level("May all nations prosper."), at(1, "May"));
        assert_eq!(level("We support the network."), at(1, "support"));
    }

    #[test]
    fn chinese_other_senses_are_not_markers() {
        assert_eq!(marker("积极应对人工智能安全风险。"), None);
        assert_eq!(marker("人工智能应用于金融领域。"), None);
        assert_eq!(marker("建立相应的管理制度。"), None);
        assert_eq!(marker("应法国总统邀请，主席进行国事访问。"), None);
        assert_eq!(marker("实现人工智能能力建设愿景。"), None);
        assert_eq!(marker("在各方的支持下，项目顺利完成。"), None);
        assert_eq!(marker("这份宣言的落实需要我们共同努力。"), None);
        assert_eq!(marker("应符合出口管制要求。"), Some("应".to_owned()));
        assert_eq!(
            marker("重点领域使用者应对人工智能行为进行有效监督。"),
            Some("应".to_owned())
        );
        assert_eq!(marker("推动力的作用。"), None);
    }

    // ---- English words -----------------------------------------------------------------

    #[test]
    fn english_whole_words_case_insensitive_with_inflections() {
        assert_eq!(
            marker("Mustard grows in shallow soil; they are willing."),
            None
        );
        assert_eq!(level("The Code ENSURES transparency."), at(3, "ENSURES"));
        assert_eq!(
            level("Providers are ensuring transparency."),
            at(3, "ensuring")
        );
        assert_eq!(level("Safety was ensured by design."), at(3, "ensured"));
        assert_eq!(
            level("III. CALLS ON all AI actors to promote trust."),
            at(1, "CALLS ON")
        );
        assert_eq!(level("They won’t deploy it."), at(3, "won’t"));
    }

    #[test]
    fn coordinated_operative_verb_escapes_a_note() {
        let text = "7. Recognizes also that data is fundamental; emphasizes that governance is essential, and urges Member States to share best practices;";
        assert_eq!(level(text), at(2, "urges"));
        assert_eq!(
            level("12. Looks forward also to the overall review;"),
            at(1, "Looks forward also to")
        );
    }

    #[test]
    fn english_inflections_are_regular_forms_only() {
        assert_eq!(
            level("Organizations are committing resources."),
            at(3, "committing")
        );
        assert_eq!(level("We have committed to act."), at(3, "committed"));
        assert_eq!(level("The Assembly, noting the report,"), at(0, "noting"));
        assert_eq!(level("States recognized the risks."), (0, None)); // -ed without be/have
        assert_eq!(
            marker("Nothing is noteworthy; supportive tools exist."),
            None
        );
    }

    // ---- comparing --------------------------------------------------------------------

    #[test]
    fn change_in_the_governing_marker() {
        use CommitmentChange::*;
        assert_eq!(
            change(
                "Organizations should respect the law.",
                "Organizations must respect the law."
            ),
            Strengthened
        );
        assert_eq!(
            change("我们愿建立参与机制。", "我们将建立参与机制。"),
            Strengthened
        );
        assert_eq!(
            change(
                "同时确保其发展过程中的安全性。",
                "同时争取其发展过程中的安全性。"
            ),
            Weakened
        );
        assert_eq!(
            change(
                "致力于培养更多的人工智能专业人才。",
                "考虑培养更多的人工智能专业人才。"
            ),
            Weakened
        );
        assert_eq!(
            change(
                "Organizations are required to report.",
                "Organizations are no longer required to report."
            ),
            Weakened
        );
    }

    #[test]
    fn change_in_a_non_governing_marker_is_detected() {
        let a = "Encourages Governments to eliminate barriers, and to ensure the full enjoyment of benefits for all;";
        let b = "Encourages Governments to eliminate barriers, and to consider the full enjoyment of benefits for all;";
        assert_eq!(commitment_of(a).level, commitment_of(b).level);
        assert_eq!(change(a, b), CommitmentChange::Weakened);
        assert_eq!(change(b, a), CommitmentChange::Strengthened);
    }

    #[test]
    fn marker_deleted_in_place_leaves_a_bare_statement() {
        assert_eq!(
            change(
                "We will cooperate closely on safety.",
                "We cooperate closely on safety."
            ),
            CommitmentChange::Weakened
        );
        assert_eq!(
            change("我们合作应对风险。", "我们将合作应对风险。"),
            CommitmentChange::Strengthened
        );
    }

    #[test]
    fn content_edits_are_not_commitment_changes() {
        use CommitmentChange::Same;
        // A sentence split off, with its markers.
        let a = "We call on organizations to follow these actions. We also commit to develop proposals.";
        assert_eq!(
            change(a, "We call on organizations to follow these actions."),
            Same
        );
        assert_eq!(change(a, "We also commit to develop proposals."), Same);
        // A marker replaced by a word outside the lexicon.
        assert_eq!(
            change(
                "呼吁各国秉持原则。确保各国权利平等。",
                "呼吁各国秉持原则。保障各国权利平等。"
            ),
            Same
        );
        // Unrelated sentences that share a few words after their first marker.
        let a = "确保各国在开发和利用人工智能技术方面权利平等。";
        assert_eq!(change(a, "致力于利用人工智能提升社会福祉。"), Same);
        assert_eq!(
            change(
                "This should also include ensuring documentation.",
                "This also includes performing an assessment."
            ),
            Same
        );
        // Reworded around unchanged markers.
        assert_eq!(
            change(
                "鼓励创新思维，支持跨学科研究合作。",
                "鼓励创新思维，共同推进研究。"
            ),
            Same
        );
        // Identical text.
        assert_eq!(change("We will act.", "We will act."), Same);
    }

    #[test]
    fn polarity_flip_of_a_modal_is_not_a_strength_change() {
        let a = "Providers shall retain user data.";
        let b = "Providers shall not retain user data.";
        assert_eq!(change(a, b), CommitmentChange::Same);
    }

    // ---- robustness ---------------------------------------------------------------------

    #[test]
    fn never_panics_on_awkward_text() {
        let samples = [
            "",
            " ",
            "。",
            ". . .",
            "将",
            "应",
            "不",
            "we",
            "May",
            "shall not",
            "👩‍👩‍👧 we will 🚀 support",
            "𦡦将𦡦应𦡦不得𦡦",
            "mu\u{301}st sha\u{0327}ll will\u{20DD} 确\u{301}保",
            "e\u{301}\u{301}\u{301}",
            "我们将😀纳入",
            "’’'--",
            "will’",
            "aim to\u{0}\u{FFFF}",
            "(a) 应",
            "（b）应建立",
        ];
        for a in samples {
            for b in samples {
                let (ca, cb) = (commitment_of(a), commitment_of(b));
                assert!(ca.level <= BINDING && cb.level <= BINDING);
                let _ = commitment_change(a, b);
            }
        }
    }

    #[test]
    fn never_panics_on_generated_text() {
        const PALETTE: &[&str] = &[
            "we",
            " ",
            "will",
            "not",
            "shall",
            "to",
            "ensure",
            "support",
            "May",
            "2024",
            ".",
            ",",
            "，",
            "。",
            "将",
            "应",
            "对",
            "不",
            "得",
            "确保",
            "争取",
            "的",
            "愿",
            "景",
            "我们",
            "人工智能",
            "😀",
            "𦡦",
            "\u{301}",
            "’",
            "-",
            "\n",
            "纳入",
            "其",
            "要求",
            "努力",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut texts = Vec::new();
        for _ in 0..400 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PALETTE[(next() % PALETTE.len() as u64) as usize])
                .collect();
            texts.push(text);
        }
        for pair in texts.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let (ca, cb) = (commitment_of(a), commitment_of(b));
            assert!(ca.level <= BINDING && cb.level <= BINDING);
            if let Some(m) = &ca.marker {
                assert!(a.contains(m.as_str()));
            }
            let _ = commitment_change(a, b);
            // An edit of a text against itself with one extra word.
            let edited = format!("{a} will");
            let _ = commitment_change(a, &edited);
        }
    }

    #[test]
    fn pathological_input_stays_fast() {
        let a = "we will ".repeat(2_000);
        let b = "we shall ".repeat(2_000);
        let started = std::time::Instant::now();
        let _ = change(&a, &b);
        let _ = change(&"将".repeat(5_000), &"应".repeat(5_000));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn serializes_for_reports() {
        let json = serde_json::to_string(&commitment_of("We will act.")).expect("serializes");
        assert_eq!(json, r#"{"level":3,"marker":"will"}"#);
        let json = serde_json::to_string(&CommitmentChange::Weakened).expect("serializes");
        assert_eq!(json, r#""weakened""#);
    }

    #[test]
    fn zh_first_chars_cover_the_lexicon() {
        for entry in ZH_LEXICON {
            let first = entry.word.chars().next();
            assert!(
                first.is_some_and(|c| ZH_FIRST_CHARS.contains(c)),
                "{}",
                entry.word
            );
        }
    }

    // ---- gold benchmark ------------------------------------------------------------

    #[derive(serde::Deserialize)]
    struct Gold {
        a: Vec<GoldParagraph>,
        b: Vec<GoldParagraph>,
        pairs: Vec<(usize, usize, String)>,
    }

    #[derive(serde::Deserialize)]
    struct GoldParagraph {
        text: String,
    }

    /// Sentences compared at sentence level must be this similar (character-bigram Dice):
    /// near-identical, as an aligner would pair them inside a matched paragraph.
    const NEAR_IDENTICAL: f64 = 0.75;

    #[derive(Debug, Default)]
    struct SetScore {
        directed: usize,
        hits: usize,
        false_flags: usize,
        notes: Vec<String>,
    }

    fn split_sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            let full_stop = c == '.' && text[end..].starts_with(' ');
            if matches!(c, '。' | '！' | '？') || full_stop {
                out.push(text[start..end].trim());
                start = end;
            }
        }
        out.push(text[start..].trim());
        out.retain(|s| !s.is_empty());
        out
    }

    fn bigram_dice(a: &str, b: &str) -> f64 {
        let grams = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            let mut g: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
            g.sort_unstable();
            g
        };
        let (ga, gb) = (grams(a), grams(b));
        if ga.is_empty() || gb.is_empty() {
            return if a == b { 1.0 } else { 0.0 };
        }
        let (mut i, mut j, mut common) = (0, 0, 0usize);
        while i < ga.len() && j < gb.len() {
            match ga[i].cmp(&gb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    common += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * common as f64 / (ga.len() + gb.len()) as f64
    }

    /// The direction(s) found for one gold pair, paragraph against paragraph.
    fn paragraph_changes(a: &str, b: &str) -> Vec<CommitmentChange> {
        let c = change(a, b);
        if c == CommitmentChange::Same {
            vec![]
        } else {
            vec![c]
        }
    }

    /// The direction(s) found for one gold pair, near-identical sentence against sentence.
    fn sentence_changes(a: &str, b: &str) -> Vec<CommitmentChange> {
        let sb = split_sentences(b);
        let mut found = Vec::new();
        for x in split_sentences(a) {
            let best = sb
                .iter()
                .map(|y| (bigram_dice(x, y), *y))
                .max_by(|p, q| p.0.total_cmp(&q.0));
            if let Some((score, y)) = best
                && score >= NEAR_IDENTICAL
            {
                let c = change(x, y);
                if c != CommitmentChange::Same && !found.contains(&c) {
                    found.push(c);
                }
            }
        }
        found
    }

    fn score_set(gold: &Gold, changes: fn(&str, &str) -> Vec<CommitmentChange>) -> SetScore {
        let mut score = SetScore::default();
        for (i, j, kind) in &gold.pairs {
            let (Some(a), Some(b)) = (gold.a.get(*i), gold.b.get(*j)) else {
                continue;
            };
            let expected = match kind.as_str() {
                "weakened" => Some(CommitmentChange::Weakened),
                "strengthened" => Some(CommitmentChange::Strengthened),
                _ => None,
            };
            let found = changes(&a.text, &b.text);
            match expected {
                Some(want) => {
                    score.directed += 1;
                    if found == [want] {
                        score.hits += 1;
                    } else {
                        score
                            .notes
                            .push(format!("missed {kind} {i}->{j}: found {found:?}"));
                    }
                }
                None if !found.is_empty() => {
                    score.false_flags += 1;
                    score
                        .notes
                        .push(format!("false flag {kind} {i}->{j}: {found:?}"));
                }
                None => {}
            }
        }
        score
    }

    #[test]
    #[allow(
        clippy::print_stderr,
        reason = "the benchmark reports its numbers and why it skipped"
    )]
    fn gold_bench_commitment_directions() {
        let dir = std::path::Path::new(BENCH_DIR);
        if !dir.is_dir() {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "../shared/bench not found at {BENCH_DIR}, and CI=true"
            );
            // Not `eprintln!`: the harness would capture it (tests/common/mod.rs, say_skipped).
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                b"skipped: ../shared/bench not found\n",
            );
            return;
        }
        let mut sets: Vec<_> = std::fs::read_dir(dir)
            .expect("bench dir readable")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("rev-"))
            })
            .filter(|p| p.join("gold.json").is_file())
            .collect();
        sets.sort();
        assert!(!sets.is_empty(), "no rev-*/gold.json under {BENCH_DIR}");
        let (mut directed, mut hits) = ([0usize; 2], [0usize; 2]);
        let mut failures = Vec::new();
        for set in &sets {
            let json = std::fs::read_to_string(set.join("gold.json")).expect("gold.json readable");
            let gold: Gold = serde_json::from_str(&json).expect("gold.json parses");
            let name = set
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            for (k, (label, changes)) in [
                (
                    "paragraph",
                    paragraph_changes as fn(&str, &str) -> Vec<CommitmentChange>,
                ),
                ("sentence", sentence_changes),
            ]
            .into_iter()
            .enumerate()
            {
                let score = score_set(&gold, changes);
                eprintln!(
                    "{name} {label:9}: directions {}/{}, false flags {}",
                    score.hits, score.directed, score.false_flags
                );
                for note in &score.notes {
                    eprintln!("    {note}");
                }
                directed[k] += score.directed;
                hits[k] += score.hits;
                if score.false_flags > 1 {
                    failures.push(format!("{name} {label}: {} false flags", score.false_flags));
                }
            }
        }
        for (k, label) in ["paragraph", "sentence"].iter().enumerate() {
            eprintln!("total {label}: directions {}/{}", hits[k], directed[k]);
            if hits[k] != directed[k] {
                failures.push(format!("{label}: {}/{} directions", hits[k], directed[k]));
            }
        }
        assert!(failures.is_empty(), "{failures:?}");
    }
}
