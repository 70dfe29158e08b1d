//! `plancheck.toml` in the plan folder: per-rule severity, notation variants, standard years.

use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::plan::load::{CONFIG_FILE, codes};
use crate::plan::model::Text;
use crate::plan::source::FileId;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Message language: `ja` or `en` (below `--lang` and `PLANCHECK_LANG`, above the OS
    /// locale).
    #[serde(default)]
    pub lang: Option<Text>,
    /// Rule code or name (any case) → `off`, `info`, `warning`, `error`.
    #[serde(default)]
    pub rules: BTreeMap<String, Text>,
    #[serde(default)]
    pub notation: Notation,
    #[serde(default)]
    pub plan: PlanDefaults,
    #[serde(skip)]
    pub file: Option<FileId>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notation {
    /// Spellings to replace by a preferred one.
    #[serde(default)]
    pub variant: Vec<Variant>,
}

/// One entry of the notation dictionary (表記ゆれ).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// The spelling the plan should use, e.g. 取組.
    pub preferred: Text,
    /// Spellings to report, e.g. 取り組み.
    pub variants: Vec<Text>,
    /// Longer words that contain a variant but are correct, e.g. 取り組みます (a verb).
    #[serde(default)]
    pub except: Vec<Text>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanDefaults {
    pub baseline_year: Option<Text>,
    pub target_year: Option<Text>,
}

/// A configured severity: a level, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Config {
    /// Each `[rules]` entry: the key as written (a rule's code or name, any case), the value
    /// and its level. Keys are resolved against the rule registry after loading.
    pub fn levels(&self) -> impl Iterator<Item = (&str, &Text, Level)> {
        self.rules
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v, parse_level(v.get_ref())?)))
    }
}

fn parse_level(s: &str) -> Option<Level> {
    match s {
        "off" => Some(Level::Off),
        other => Severity::parse(other).map(Level::On),
    }
}

/// Decodes and validates the configuration file.
pub(crate) fn from_table(
    file: FileId,
    table: DeTable<'_>,
    errors: &mut Vec<Finding>,
) -> Option<Config> {
    let value = toml::Spanned::new(0..0, DeValue::Table(table));
    let root = crate::plan::load::schema::Root::file();
    let mut config = crate::plan::load::schema::decode::<Config>(file, &root, value, errors)?;
    config.file = Some(file);
    let before = errors.len();
    let mut invalid = |at: &Text, message: crate::i18n::Msg, help: crate::i18n::Msg| {
        errors.push(codes::INVALID.at(file, at.span(), message).help(help));
    };
    if let Some(lang) = &config.lang
        && !matches!(lang.get_ref().as_str(), "ja" | "en")
    {
        let v = lang.get_ref();
        invalid(
            lang,
            msg!("言語「{v}」は使えません", "invalid language `{v}`"),
            msg!(
                "lang には ja か en を指定してください。",
                "use lang = \"ja\" or lang = \"en\""
            ),
        );
    }
    for (key, value) in &config.rules {
        if parse_level(value.get_ref()).is_none() {
            let v = value.get_ref();
            invalid(
                value,
                msg!(
                    "規則「{key}」の重大度「{v}」は使えません",
                    "invalid severity `{v}` for rule `{key}`"
                ),
                msg!(
                    "off、info、warning、error のいずれかにしてください。",
                    "use one of off, info, warning, error"
                ),
            );
        }
    }
    (errors.len() == before).then_some(config)
}

/// The `lang` setting of the plan folder's configuration file, read leniently for choosing
/// the language before anything else runs: `None` when there is no file, no setting, or
/// the file does not parse (the loader reports that in the chosen language).
pub fn lang_setting(dir: &Path) -> Option<Lang> {
    let text = std::fs::read_to_string(dir.join(CONFIG_FILE)).ok()?;
    let table: toml::Table = text.trim_start_matches('\u{feff}').parse().ok()?;
    match table.get("lang")?.as_str()? {
        "ja" => Some(Lang::Ja),
        "en" => Some(Lang::En),
        _ => None,
    }
}
