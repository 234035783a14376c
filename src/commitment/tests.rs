use super::zh::{ZH_FIRST_CHARS, ZH_LEXICON};
use super::*;

fn level(text: &str) -> (u8, Option<String>) {
    let c = commitment_of(text);
    (c.level.number(), c.marker)
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
    let text = "The data need not include user information, but organizations should keep logs.";
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
    let text =
        "We call on organizations to follow these actions. We also commit to develop proposals.";
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
    let text = "考虑到人工智能技术的快速发展，中法两国主张，人工智能必须为所有人提供包容性接入。";
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
        CommitmentChange::Reversed
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
    let a =
        "We call on organizations to follow these actions. We also commit to develop proposals.";
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
fn polarity_flip_of_a_modal_reverses_it() {
    let a = "Providers shall retain user data.";
    let b = "Providers shall not retain user data.";
    assert_eq!(change(a, b), CommitmentChange::Reversed);
    assert_eq!(change(b, a), CommitmentChange::Reversed);
    assert_eq!(
        change("我们将开放数据。", "我们不将开放数据。"),
        CommitmentChange::Reversed
    );
}

#[test]
fn hedges_lower_the_duty_they_qualify() {
    let level = |text: &str| commitment_of(text).level;
    assert_eq!(level("We will ensure safety."), Level::Binding);
    assert_eq!(
        level("We will, where appropriate, ensure safety."),
        Level::Endeavour
    );
    assert_eq!(level("我们将酌情加强合作。"), Level::Endeavour);
    // A hedge never lowers an encouragement to a note, and weak modals govern nothing.
    assert_eq!(
        level("We encourage, as appropriate, sharing."),
        Level::Encourage
    );
    assert_eq!(
        level("Systems that can cause harm must be tested."),
        Level::Binding
    );
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

/// The caps on examined edits and context occurrences bound the work on repetitive text
/// (timed in `benches/`); here, that such text still gets an answer, and the right one.
#[test]
fn pathological_input_is_answered() {
    let a = "we will ".repeat(2_000);
    let b = "we shall ".repeat(2_000);
    assert_eq!(change(&a, &b), CommitmentChange::Same);
    // One run of markers with no text between them: no context to find an edit by.
    assert_eq!(
        change(&"将".repeat(5_000), &"应".repeat(5_000)),
        CommitmentChange::Same
    );
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
