//! Bilingual messages: every user-facing string exists in Japanese and English.

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// The text in this language from a `(Japanese, English)` pair, the form rule
    /// documentation is declared in.
    pub fn pick<'a>(self, pair: (&'a str, &'a str)) -> &'a str {
        match self {
            Lang::Ja => pair.0,
            Lang::En => pair.1,
        }
    }

    /// `ja` when the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` starts with `ja`, else `en`.
    pub fn from_env_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Some(v) = get(var).filter(|v| !v.is_empty()) {
                return if v.starts_with("ja") {
                    Lang::Ja
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }
}

/// A message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub ja: String,
    pub en: String,
}

impl Msg {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// `msg!("日本語 {x}", "English {x}")`: both strings are `format!` templates; named
/// arguments after them (`n = expr`) are passed to both, so both must use each of them.
#[macro_export]
macro_rules! msg {
    ($ja:literal, $en:literal $(,)?) => {
        $crate::i18n::Msg::new(format!($ja), format!($en))
    };
    ($ja:literal, $en:literal, $($args:tt)+) => {
        $crate::i18n::Msg::new(format!($ja, $($args)+), format!($en, $($args)+))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_from_env_prefers_lc_all_then_lc_messages_then_lang() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_env_vars(env(&[("LANG", "ja_JP.UTF-8")])),
            Lang::Ja
        );
        assert_eq!(Lang::from_env_vars(env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_MESSAGES", "ja_JP"), ("LANG", "en_US")])),
            Lang::Ja
        );
        assert_eq!(Lang::from_env_vars(env(&[])), Lang::En);
    }
}
