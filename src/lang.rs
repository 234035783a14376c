//! Language of a document: Chinese when Han characters make up a fair share of its letters.

use serde::{Deserialize, Serialize};

/// The languages declcmp reads. Mixed text is tokenized by script either way; the language
/// names the document in reports and picks nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese.
    Zh,
    /// English (and any other language written in Latin letters).
    En,
}

impl Lang {
    /// BCP 47 primary tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`, `en` and regional forms such as `zh-CN`, `en-GB`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" | "cmn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Share of Han characters among letters above which a text counts as Chinese. A Chinese
/// text quoting English names stays well above it; an English text quoting a Chinese title
/// stays well below (one Han character "weighs" as much as a short English word).
const HAN_SHARE_FOR_CHINESE: f64 = 0.2;

/// Detects the language of `text` from its share of Han characters; English when it has no
/// letters at all.
pub fn detect(text: &str) -> Lang {
    let (mut han, mut letters) = (0usize, 0usize);
    for c in text.chars() {
        if crate::text::is_han(c) {
            han += 1;
            letters += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters > 0 && han as f64 / letters as f64 >= HAN_SHARE_FOR_CHINESE {
        Lang::Zh
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_chinese_english_and_mixed() {
        assert_eq!(detect("我们将加强合作。"), Lang::Zh);
        assert_eq!(detect("We will cooperate."), Lang::En);
        assert_eq!(detect("我们支持 OECD AI Principles 的落实工作。"), Lang::Zh);
        assert_eq!(
            detect("The Shanghai Declaration (上海宣言) was adopted in July."),
            Lang::En
        );
        assert_eq!(detect(""), Lang::En);
        assert_eq!(detect("123 ..."), Lang::En);
    }

    #[test]
    fn tags_round_trip() {
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::Zh.tag(), "zh");
    }
}
