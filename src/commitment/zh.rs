//! The Chinese lexicon and its rules: other senses of 将/应/愿, speaker frames, purpose phrases.

use super::Level;
use super::scan::{Clause, Hit, Tok};
use crate::text::{first_chars, is_han, last_chars};

/// What besides "not after 的" tells a Chinese entry from another word or sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ZhRule {
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
    /// 可 "may, can": not in 可持续, 可靠, 可信, 可能…, not after 不/许/认 (不可 is a ban).
    Ke,
}

/// What an entry marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ZhKind {
    /// A commitment marker at its level.
    Marker,
    /// A weak modal (可以): governs nothing; a duty replaced by one is weakened.
    Weak,
    /// A hedge (酌情, 尽量): lowers the duty of its sentence.
    Hedge,
}

pub(super) struct ZhEntry {
    pub(super) word: &'static str,
    key: &'static str,
    level: Level,
    negated: bool,
    rule: ZhRule,
    kind: ZhKind,
}

/// A weak modal or a hedge entry (see [`ZhKind`]).
pub(super) const fn zh_weak(word: &'static str, kind: ZhKind, rule: ZhRule) -> ZhEntry {
    ZhEntry {
        word,
        key: word,
        level: Level::Note,
        negated: false,
        rule,
        kind,
    }
}

pub(super) const fn zh(
    word: &'static str,
    key: &'static str,
    level: u8,
    negated: bool,
    rule: ZhRule,
) -> ZhEntry {
    ZhEntry {
        word,
        key,
        level: Level::from_table(level),
        negated,
        rule,
        kind: ZhKind::Marker,
    }
}

/// Longer words come first where one is a prefix of another (致力于 before 致力, 应当 before 应).
#[rustfmt::skip]
pub(super) const ZH_LEXICON: &[ZhEntry] = &[
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
    // hedges and weak modals
    zh_weak("酌情", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("视情况", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("尽可能", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("尽量", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("力所能及", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("在条件允许", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("在可能的情况下", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("根据国情", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("结合国情", ZhKind::Hedge, ZhRule::Plain),
    zh_weak("可以", ZhKind::Weak, ZhRule::NotAfter("不")),
    zh_weak("可", ZhKind::Weak, ZhRule::Ke),
];

/// Negations that reverse the marker after them (不将, 不再支持): the longest first.
pub(super) const ZH_NEGATORS: &[&str] = &["绝不", "决不", "从不", "并不", "永不", "不再", "不"];
/// Markers that a negation turns into a ban (不将 "will not"), as *shall not* is; a
/// negated verb (不支持) commits to nothing.
pub(super) const ZH_MODALS: &[&str] = &["将", "应当", "应该", "应", "必须", "须"];

/// First characters of the [`ZH_LEXICON`] words: a cheap filter before trying entries.
pub(super) const ZH_FIRST_CHARS: &str =
    "必务须应将确承坚要决保禁严不无致努力争鼓支呼倡提愿推欢邀期希注认意深考酌视尽在根结可";
/// Subjects that make the following marker the speaker's own ("我们将…", "中法两国致力于…").
#[rustfmt::skip]
pub(super) const ZH_SPEAKERS: &[&str] = &[
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
pub(super) const ZH_MAX_ADVERB_CHARS: usize = 6;
/// Longest speaker frame ("（十）中法两国一致同意"): numbering, a speaker and a short verb.
pub(super) const ZH_MAX_FRAME_BYTES: usize = 64;
/// How far a rule looks ahead in the clause (把-verbs after 将, 邀请 after 应): they come
/// within a few words; a bound keeps unpunctuated text linear.
pub(super) const ZH_LOOKAHEAD_CHARS: usize = 24;
/// How far back a rule looks for the subject of 将 (人工智能将…).
pub(super) const ZH_SUBJECT_CHARS: usize = 6;
/// Verbs that make a preceding 将 the object marker 把: 将人工智能纳入规划.
#[rustfmt::skip]
pub(super) const ZH_BA_VERBS: &[&str] = &["纳入", "列入", "作为", "视为", "用于", "融入", "转化", "置于", "变为",
    "转为", "交由", "交给", "提交", "嵌入"];
/// What follows 将 in a prediction rather than a commitment: 将导致, 将带来, 将不可避免地.
#[rustfmt::skip]
pub(super) const ZH_PREDICTIONS: &[&str] = &["导致", "带来", "造成", "使", "成为", "不可避免", "可能", "产生",
    "引发", "对", "给", "面临", "广泛"];
/// Subjects of 将 that make it a prediction: 人工智能将广泛应用于…
pub(super) const ZH_NON_AGENTS: &[&str] = &["人工智能", "技术", "应用", "风险"];

pub(super) fn chinese_hits(
    text: &str,
    tok: Tok,
    clause: Clause,
    sentence: u32,
    hits: &mut Vec<Hit>,
) {
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
        let end = pos + entry.word.len();
        if entry.kind != ZhKind::Marker {
            let hedge = entry.kind == ZhKind::Hedge;
            hits.push(super::en::weak_hit(pos, end, entry.key, hedge, sentence));
            pos = end;
            continue;
        }
        let before = text.get(clause.start.min(pos)..pos).unwrap_or("");
        let negator = (!entry.negated)
            .then(|| ZH_NEGATORS.iter().find(|n| before.ends_with(*n)))
            .flatten();
        let (start, negated, level) = match negator {
            Some(n) if ZH_MODALS.contains(&entry.key) => (pos - n.len(), true, super::BINDING),
            Some(n) => (pos - n.len(), true, super::NOTE),
            None => (pos, entry.negated, entry.level),
        };
        let prefix = text.get(clause.start.min(start)..start).unwrap_or("");
        let first_in_clause = !hits
            .iter()
            .rev()
            .find(|h| !h.weak)
            .is_some_and(|h| h.start >= clause.start && h.sentence == sentence);
        hits.push(Hit {
            start,
            end,
            key: entry.key,
            level,
            negated,
            subordinate: zh_is_purpose(prefix),
            main_clause: clause.after_speaker_frame
                || (first_in_clause && zh_is_clause_head(prefix)),
            hedge: false,
            weak: false,
            sentence,
        });
        pos = end;
    }
}

pub(super) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos)?.chars().next_back()
}

pub(super) fn char_after(text: &str, pos: usize) -> Option<char> {
    text.get(pos..)?.chars().next()
}

/// The next few characters of the clause after `pos` (up to a clause or sentence break).
pub(super) fn clause_ahead(text: &str, pos: usize) -> &str {
    let ahead = first_chars(text.get(pos..).unwrap_or(""), ZH_LOOKAHEAD_CHARS);
    let end = ahead.find([
        '，', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?', '\n',
    ]);
    ahead.get(..end.unwrap_or(ahead.len())).unwrap_or("")
}

pub(super) fn zh_entry_applies(
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
        ZhRule::Ke => {
            !next.is_some_and(|c| "持靠信控能见视行用及观贵怕惜笑疑口乐否再知谓比".contains(c))
                && !prev.is_some_and(|c| "不许认宁无即".contains(c))
        }
        ZhRule::Jiang => zh_jiang_is_will(text, start, end, clause_start, prev, next),
    }
}

/// 应 "should"; not 应对/应用/相应/响应…, not 应有的 ("due"), not 应…邀请 ("at the invitation of").
pub(super) fn zh_ying_is_should(
    text: &str,
    end: usize,
    prev: Option<char>,
    next: Option<char>,
) -> bool {
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
pub(super) fn zh_jiang_is_will(
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
pub(super) fn zh_clause_body(clause: &str) -> &str {
    clause.trim_start_matches(|c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || c.is_ascii_alphanumeric()
            || "（）【】「」“”‘’《》、．一二三四五六七八九十".contains(c)
    })
}

pub(super) fn zh_starts_with_speaker(clause: &str) -> bool {
    let body = zh_clause_body(clause);
    ZH_SPEAKERS.iter().any(|s| body.starts_with(s))
}

/// The marker heads its clause: nothing before it, or only a speaker subject and adverbs.
pub(super) fn zh_is_clause_head(prefix: &str) -> bool {
    let body = zh_clause_body(prefix);
    body.is_empty()
        || ZH_SPEAKERS.iter().any(|s| {
            body.strip_prefix(s)
                .is_some_and(|rest| rest.chars().nth(ZH_MAX_ADVERB_CHARS).is_none())
        })
}

/// A clause that is only a speaker and a short verb of saying: "中法两国主张", "双方强调".
pub(super) fn zh_is_speaker_frame(clause: &str) -> bool {
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
pub(super) fn zh_is_purpose(prefix: &str) -> bool {
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
