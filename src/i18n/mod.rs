//! Languages of the engine's words: English (the default, used by the
//! command line and the tests) and Simplified Chinese (简体中文).
//!
//! Numbers, variable names and lavaan syntax stay as they are in every
//! language; only the words around them change. The English text lives
//! where it always did (each error's `Display`, the report's tables); each
//! error and warning type implements [`Localized`] beside its definition,
//! with its Chinese text there (shared fragments in [`zh`]); the Chinese
//! table captions and notes are in the report's `words`, the Chinese methods
//! paragraph in the report's `methods`. This module imports nothing from the
//! engine, so every module can use it without an import cycle.
//!
//! [`Localized::message`] renders an error or a warning in a language:
//! `message(Lang::En)` is exactly its `Display` text.

pub mod zh;

use serde::{Deserialize, Serialize};

/// A language of the user interface and the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese (简体中文).
    Zh,
}

impl Lang {
    /// Every language, in the order a switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// From a language code or a browser's language tag: `en`, `en-US`,
    /// `english`; `zh`, `zh-CN`, `zh-Hans`, `zh_TW`, `chinese` (every `zh*`
    /// tag is Chinese). None for other languages.
    pub fn parse(code: &str) -> Option<Lang> {
        let c = code.trim().to_ascii_lowercase();
        let primary = c.split(['-', '_']).next().unwrap_or("");
        match primary {
            "en" | "english" => Some(Lang::En),
            "zh" | "chinese" | "cn" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The short code (`en`, `zh`), as used in links and project files.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for an HTML `lang` attribute.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name (what a language switch shows).
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }
}

/// Something with a message for a person, in any [`Lang`].
pub trait Localized {
    /// The message in `lang`; in English exactly the `Display` text.
    fn message(&self, lang: Lang) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_browser_tags() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh_TW"), Some(Lang::Zh));
        assert_eq!(Lang::parse("zh-Hans-CN"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en-GB"), Some(Lang::En));
        assert_eq!(Lang::parse("de-DE"), None);
        assert_eq!(Lang::parse(""), None);
    }
}
