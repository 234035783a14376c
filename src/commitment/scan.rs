//! The scan: a light tokenizer (words, Han runs, clause and sentence breaks), the marker
//! hits of both lexicons, and the governing marker of a clause.

use super::en::{english_hedge, english_hit};
use super::zh::{chinese_hits, zh_is_speaker_frame};
use super::{Level, NOTE};
pub(super) use crate::text::is_han;

/// One lexicon match in a text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    /// Byte span of the marker words, with a negator ("shall not", "no longer required").
    pub(super) start: usize,
    pub(super) end: usize,
    /// The lexeme, shared by inflections and synonyms ("ensure", "应", "致力").
    pub(super) key: &'static str,
    pub(super) level: Level,
    /// A prohibition (shall not, 不得) or a release (need not, 无需).
    pub(super) negated: bool,
    /// Infinitive, purpose phrase or participle: cannot govern its sentence.
    pub(super) subordinate: bool,
    /// Uttered by the speaker in its own main clause ("we will", clause-initial 致力于).
    pub(super) main_clause: bool,
    /// A hedge ("where appropriate", 酌情, 尽量): qualifies the duty of its sentence,
    /// lowering its level, and governs nothing itself.
    pub(super) hedge: bool,
    /// A weak modal or a hedge: no commitment of its own.
    pub(super) weak: bool,
    pub(super) sentence: u32,
}

/// The marker that sets a clause's level: the strongest sentence governor, earliest on ties.
/// A hedge in the governor's sentence lowers a duty (endeavour or binding) by one level.
pub(super) fn clause_governor(hits: &[Hit]) -> Option<Hit> {
    let mut best: Option<Hit> = None;
    let mut rest = hits;
    while let Some(first) = rest.first() {
        let len = rest
            .iter()
            .take_while(|h| h.sentence == first.sentence)
            .count();
        let (sentence, tail) = rest.split_at(len);
        rest = tail;
        if let Some(governor) = sentence_governor(sentence).map(|g| hedged(g, sentence))
            && best.is_none_or(|b| governor.level > b.level)
        {
            best = Some(governor);
        }
    }
    best
}

/// `governor` one level lower when its sentence holds a hedge and it is a duty (endeavour
/// or binding): "will, where appropriate, ensure" is an endeavour.
fn hedged(mut governor: Hit, sentence: &[Hit]) -> Hit {
    if governor.level >= Level::Endeavour && sentence.iter().any(|h| h.hedge) {
        governor.level = Level::from_table(governor.level.number() - 1);
    }
    governor
}

/// The first non-subordinate marker; a level-0 one yields to a later, stronger marker when it
/// is a release, or when that marker is the speaker's own main clause.
pub(super) fn sentence_governor(hits: &[Hit]) -> Option<Hit> {
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
pub(super) struct MarkerCounts(Vec<(&'static str, bool)>);

impl MarkerCounts {
    pub(super) fn of(hits: &[Hit]) -> MarkerCounts {
        let mut kinds: Vec<_> = hits.iter().map(|h| (h.key, h.negated)).collect();
        kinds.sort_unstable();
        MarkerCounts(kinds)
    }

    pub(super) fn of_kind(&self, hit: &Hit) -> usize {
        let kind = (hit.key, hit.negated);
        self.0.partition_point(|k| *k <= kind) - self.0.partition_point(|k| *k < kind)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    /// Letters and digits outside the Han script (English words, numbers).
    Word,
    /// A run of Han characters.
    Han,
    ClauseBreak,
    SentenceBreak,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: TokKind,
}

#[rustfmt::skip]
pub(super) fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

pub(super) fn tokenize(text: &str) -> Vec<Tok> {
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
pub(super) fn word_end(text: &str, mut pos: usize) -> usize {
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
pub(super) fn is_full_stop(text: &str, after: usize, prev: Option<&Tok>) -> bool {
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
pub(super) struct Clause {
    pub(super) start: usize,
    /// The previous clause was only a speaker and a verb of saying ("中法两国主张，"), so this
    /// clause is what the speaker asserts, not reported speech.
    pub(super) after_speaker_frame: bool,
}

/// All marker hits of a text, in text order.
pub(super) fn scan(text: &str) -> Vec<Hit> {
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
            TokKind::Word => {
                hits.extend(english_hit(text, &toks, i, sentence));
                hits.extend(english_hedge(text, &toks, i, sentence));
            }
            TokKind::Han => chinese_hits(text, *tok, clause, sentence, &mut hits),
        }
    }
    // A hedge phrase is found at its first word, after a marker that may start there.
    hits.sort_by_key(|h| h.start);
    hits
}
