//! The English lexicon and its rules: forms, inflections, other senses, subordination.

use super::scan::{Hit, Tok, TokKind};
use super::{BINDING, Level, NOTE};

/// Grammatical shape of a matched English form; drives the subordination rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
    Modal,
    /// won't, mustn't, needn't.
    ModalNeg,
    Base,
    S,
    Ing,
    Ed,
    /// aware, mindful, commitment, intention.
    Fixed,
    /// can, could, might: ability or possibility, no commitment; a duty replaced by one is
    /// weakened.
    Weak,
}

/// Words that must follow the head word for it to be a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Particle {
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
pub(super) enum NounCheck {
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

pub(super) struct Lemma {
    key: &'static str,
    level: Level,
    particle: Particle,
    noun: NounCheck,
}

/// Verbs whose base, -s, -ing and -ed forms all count, with the lexeme they belong to.
#[rustfmt::skip]
pub(super) const EN_VERBS: &[(&str, &str)] = &[
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
pub(super) fn english_form(word: &[u8]) -> Option<(&'static str, Form)> {
    use Form::*;
    Some(match word {
        b"will" => ("will", Modal), b"shall" => ("shall", Modal), b"must" => ("must", Modal),
        b"should" => ("should", Modal), b"may" => ("may", Modal), b"ought" => ("ought", Modal),
        b"won't" => ("will", ModalNeg), b"shan't" => ("shall", ModalNeg),
        b"mustn't" => ("must", ModalNeg), b"shouldn't" => ("should", ModalNeg),
        b"needn't" => ("need", ModalNeg), b"determined" => ("determined", Ed),
        b"commitment" | b"commitments" => ("commitment", Fixed),
        b"intention" => ("intention", Fixed), b"aware" => ("aware", Fixed),
        b"can" | b"could" | b"might" => ("can", Weak),
        b"mindful" => ("mindful", Fixed),
        // The first-letter test keeps this loop from calling memcmp for most words.
        _ => return EN_VERBS.iter()
            .filter(|(base, _)| base.as_bytes().first() == word.first())
            .find_map(|&(base, lexeme)| Some((lexeme, inflection(word, base.as_bytes())?))),
    })
}

/// The form of `word` if it inflects `base` regularly: ensure/ensures/ensuring/ensured,
/// commit/commits/committing/committed.
pub(super) fn inflection(word: &[u8], base: &[u8]) -> Option<Form> {
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
pub(super) fn english_lemma(lexeme: &'static str) -> Lemma {
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
        "can" => ("can", 0, P::None, N::None),
        "note" => ("note", 0, P::None, N::Determiner),
        "bear" => ("bear in mind", 0, P::InMind, N::None),
        _ => (lexeme, 0, P::None, N::None), // recognise, acknowledge, consider, aware, mindful
    };
    Lemma { key, level: Level::from_table(level), particle, noun }
}

#[rustfmt::skip]
pub(super) const DETERMINERS: &[&str] = &["a", "an", "the", "this", "that", "these", "those", "its", "their",
    "our", "his", "her", "my", "your", "each", "every", "any", "no", "some", "such", "joint",
    "common", "collective", "shared", "ongoing", "future", "important"];
pub(super) const POSSESSIVES: &[&str] = &["our", "their", "its", "my", "his", "her", "your"];
#[rustfmt::skip]
pub(super) const WILL_NOUN_BEFORE: &[&str] = &["the", "a", "an", "political", "good", "free", "ill",
    "collective", "strong", "shared", "common", "own", "our", "their", "its", "his", "her", "my", "your", "of",
    "with", "against", "general", "popular", "sovereign", "firm", "genuine"];
#[rustfmt::skip]
pub(super) const SUPPORT_NOUN_BEFORE: &[&str] = &["a", "an", "the", "this", "that", "these", "those", "its",
    "their", "our", "his", "her", "my", "your", "any", "no", "some", "such", "more", "with", "of",
    "in", "for", "without", "from", "through", "by", "provide", "provides", "providing",
    "receive", "receives", "receiving", "need", "needs", "give", "gives", "giving", "offer",
    "offers", "offering", "mobilize", "mobilise", "mobilizing", "mobilising", "strong", "full",
    "broad", "further", "adequate", "appropriate", "necessary"];
pub(super) const SUPPORT_NOUN_AFTER: &[&str] = &["of", "for", "from", "to"];
/// Before an -ing form, these make it a gerund or participle inside a larger clause.
#[rustfmt::skip]
pub(super) const ING_SUBORDINATORS: &[&str] = &["by", "for", "of", "in", "on", "through", "towards", "toward",
    "while", "when", "without", "including", "include", "includes", "from", "after", "before",
    "at", "about", "into", "upon", "via", "to"];
/// Before an -ed form, these make it a finite verb or a passive ("are encouraged").
#[rustfmt::skip]
pub(super) const ED_GOVERNORS: &[&str] = &["is", "are", "was", "were", "be", "been", "being", "am", "remain",
    "remains", "remained", "have", "has", "had", "we", "they", "i"];
pub(super) const SPEAKER: &[&str] = &["we", "i", "us"];
/// Skipped when looking for the word that decides a marker's role ("we also commit").
#[rustfmt::skip]
pub(super) const ADVERBS: &[&str] = &["also", "further", "therefore", "hereby", "jointly", "collectively",
    "all", "together", "still", "now", "thus", "accordingly", "not", "never", "no", "longer"];
/// At most this many adverbs are skipped, so a run of them cannot make a scan quadratic.
pub(super) const MAX_ADVERBS_SKIPPED: usize = 4;
#[rustfmt::skip]
pub(super) const NEGATORS: &[&str] = &["not", "never", "don't", "doesn't", "didn't", "isn't", "aren't",
    "wasn't", "weren't"];

/// A word lowercased into a stack buffer; only short ASCII words can be lexicon words.
#[derive(Clone, Copy)]
pub(super) struct Lower {
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
pub(super) struct EnContext<'a> {
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

pub(super) fn english_hit(text: &str, toks: &[Tok], i: usize, sentence: u32) -> Option<Hit> {
    let cx = EnContext { text, toks, i };
    let (lexeme, form) = english_form(cx.word(i)?.bytes())?;
    let lemma = english_lemma(lexeme);
    if form == Form::Weak {
        let head = cx.tok(i)?;
        return Some(weak_hit(head.start, head.end, lemma.key, false, sentence));
    }
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
        Form::Modal | Form::ModalNeg | Form::S | Form::Fixed | Form::Weak => false,
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
        hedge: false,
        weak: false,
        sentence,
    })
}

/// A marker that governs nothing: a weak modal (can, could, might; 可以) or a hedge.
pub(super) fn weak_hit(
    start: usize,
    end: usize,
    key: &'static str,
    hedge: bool,
    sentence: u32,
) -> Hit {
    Hit {
        start,
        end,
        key,
        level: NOTE,
        negated: false,
        subordinate: true,
        main_clause: false,
        hedge,
        weak: true,
        sentence,
    }
}

/// Phrases that qualify a duty: what the speaker will do only where it sees fit. Each is
/// its words, lowercase.
#[rustfmt::skip]
pub(super) const EN_HEDGES: &[&[&str]] = &[
    &["as", "appropriate"], &["where", "appropriate"], &["when", "appropriate"],
    &["if", "appropriate"], &["where", "feasible"], &["when", "feasible"],
    &["if", "feasible"], &["where", "possible"], &["when", "possible"], &["if", "possible"],
    &["as", "far", "as", "possible"], &["to", "the", "extent", "possible"],
    &["to", "the", "extent", "feasible"], &["to", "the", "extent", "practicable"],
    &["where", "practicable"], &["in", "line", "with", "national", "circumstances"],
    &["according", "to", "national", "circumstances"], &["are", "free", "to"],
    &["is", "free", "to"], &["may", "wish", "to"],
];

/// The hedge phrase starting at the English word at token `i`, if one does.
pub(super) fn english_hedge(text: &str, toks: &[Tok], i: usize, sentence: u32) -> Option<Hit> {
    let cx = EnContext { text, toks, i };
    // Lowercased once: every word of a text is tried, and most start no hedge.
    let first = cx.word(i)?;
    let phrase = EN_HEDGES.iter().find(|words| {
        first.is(&words[..1])
            && words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, w)| cx.next(k).is_some_and(|x| x.is(&[w])))
    })?;
    let (start, end) = (cx.tok(i)?.start, cx.tok(i + phrase.len() - 1)?.end);
    Some(weak_hit(
        start,
        end,
        phrase[phrase.len() - 1],
        true,
        sentence,
    ))
}

/// The noun "will", the month "May", the noun "support", "the aim", "encouraged by"…
pub(super) fn is_other_sense(cx: &EnContext, lemma: &Lemma, form: Form) -> bool {
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
