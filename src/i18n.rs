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

    /// Each message in this language, e.g. a table's header row.
    pub fn texts(self, msgs: &[Msg]) -> Vec<String> {
        msgs.iter().map(|m| m.get(self).to_string()).collect()
    }

    /// `ja` or `en` (any case; a locale such as `ja_JP.UTF-8`, `ja-JP` or `en_US` counts by
    /// its language part). `None` for anything else.
    pub fn parse(value: &str) -> Option<Lang> {
        let language = value
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of an OS locale (`ja-JP`, `ja_JP.UTF-8`, `en-US`, `C`): Japanese for a
    /// `ja` locale, else English.
    pub fn from_locale(locale: &str) -> Lang {
        Lang::parse(locale).unwrap_or(Lang::En)
    }

    /// The language to use, by precedence: the `--lang` option, the `PLANCHECK_LANG`
    /// environment variable (ignored unless it names `ja` or `en`), `lang` in the plan
    /// folder's `plancheck.toml`, the OS locale, else English.
    pub fn resolve(
        option: Option<Lang>,
        env_var: Option<&str>,
        config: Option<Lang>,
        os_locale: Option<&str>,
    ) -> Lang {
        option
            .or_else(|| env_var.and_then(Lang::parse))
            .or(config)
            .or_else(|| os_locale.map(Lang::from_locale))
            .unwrap_or(Lang::En)
    }
}

/// The English plural ending for a count: `"s"` unless `n` is 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `n` and an English noun, plural unless `n` is 1: `1 cell`, `2 cells`.
pub fn count_en(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
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
    fn parse_reads_the_language_part_of_a_locale() {
        assert_eq!(Lang::parse("ja"), Some(Lang::Ja));
        assert_eq!(Lang::parse("JA"), Some(Lang::Ja));
        assert_eq!(Lang::parse("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::parse("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::parse("en_US"), Some(Lang::En));
        assert_eq!(Lang::parse("japanese"), None);
        assert_eq!(Lang::parse("C"), None);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("ja-JP"), Lang::Ja);
    }

    #[test]
    fn resolve_takes_option_then_env_then_config_then_locale() {
        let ja = Some(Lang::Ja);
        let en = Some(Lang::En);
        assert_eq!(Lang::resolve(en, Some("ja"), ja, Some("ja-JP")), Lang::En);
        assert_eq!(Lang::resolve(None, Some("en"), ja, Some("ja-JP")), Lang::En);
        assert_eq!(Lang::resolve(None, Some("fr"), en, Some("ja-JP")), Lang::En);
        assert_eq!(Lang::resolve(None, None, en, Some("ja-JP")), Lang::En);
        assert_eq!(Lang::resolve(None, None, None, Some("ja-JP")), Lang::Ja);
        assert_eq!(Lang::resolve(None, Some(""), None, Some("ja_JP")), Lang::Ja);
        assert_eq!(Lang::resolve(None, None, None, Some("C")), Lang::En);
        assert_eq!(Lang::resolve(None, None, None, None), Lang::En);
    }
}

/// Why a file or folder could not be read, in both languages: the operating system's own text
/// is English, so the common kinds are said in our words (the OS text stays in English mode).
pub fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind;
    let os = e.to_string();
    match e.kind() {
        ErrorKind::NotFound => Msg::new("見つかりません", os),
        ErrorKind::PermissionDenied => Msg::new("読み取る権限がありません", os),
        ErrorKind::IsADirectory => Msg::new("ファイルではなくフォルダです", os),
        ErrorKind::NotADirectory => Msg::new("フォルダではなくファイルです", os),
        ErrorKind::InvalidData => Msg::new("中身を文字として読めません", os),
        _ => Msg::new(format!("システムのエラー: {os}"), os),
    }
}

#[cfg(test)]
mod io_reason_tests {
    use super::io_reason;
    use std::io::{Error, ErrorKind};

    #[test]
    fn the_common_kinds_are_said_in_japanese_and_the_os_text_kept_in_english() {
        let e = Error::new(
            ErrorKind::NotFound,
            "No such file or directory (os error 2)",
        );
        let m = io_reason(&e);
        assert_eq!(m.ja, "見つかりません");
        assert_eq!(m.en, "No such file or directory (os error 2)");
        let m = io_reason(&Error::new(
            ErrorKind::PermissionDenied,
            "Permission denied",
        ));
        assert_eq!(m.ja, "読み取る権限がありません");
        let m = io_reason(&Error::other("disk on fire"));
        assert_eq!(m.ja, "システムのエラー: disk on fire");
    }

    /// The three kinds a staff member meets with a wrong path or a file saved in Shift_JIS
    /// (`check --baseline` shows them: see tests/mutation_kills.rs).
    #[test]
    fn folder_file_and_encoding_kinds_are_said_in_japanese() {
        for (kind, os, ja) in [
            (
                ErrorKind::IsADirectory,
                "Is a directory (os error 21)",
                "ファイルではなくフォルダです",
            ),
            (
                ErrorKind::NotADirectory,
                "Not a directory (os error 20)",
                "フォルダではなくファイルです",
            ),
            (
                ErrorKind::InvalidData,
                "stream did not contain valid UTF-8",
                "中身を文字として読めません",
            ),
        ] {
            let m = io_reason(&Error::new(kind, os));
            assert_eq!((m.ja.as_str(), m.en.as_str()), (ja, os));
        }
    }
}
