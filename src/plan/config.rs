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
    /// A built-in dictionary to use as well (`kobun-2022`), below the office's entries.
    #[serde(default)]
    pub preset: Option<Text>,
}

/// The built-in notation presets: name and data (`[[variant]]` entries in TOML).
pub const PRESETS: &[(&str, &str)] = &[("kobun-2022", include_str!("presets/kobun-2022.toml"))];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PresetFile {
    variant: Vec<Variant>,
}

/// The entries of a built-in preset, or `None` for an unknown name.
pub fn preset(name: &str) -> Option<Vec<Variant>> {
    let (_, data) = PRESETS.iter().find(|(n, _)| *n == name)?;
    // The data is ours and tested; a failure to parse would be a bug caught by the tests.
    toml::from_str::<PresetFile>(data).ok().map(|f| f.variant)
}

impl Notation {
    /// The dictionary in force: the office's entries, then the preset's entries that share no
    /// spelling (preferred or variant) with any of the office's (the office overrides).
    pub fn entries(&self) -> Vec<Variant> {
        let mut out = self.variant.clone();
        let Some(name) = &self.preset else {
            return out;
        };
        let spellings = |v: &Variant| -> Vec<String> {
            std::iter::once(v.preferred.get_ref().clone())
                .chain(v.variants.iter().map(|x| x.get_ref().clone()))
                .collect()
        };
        let office: std::collections::HashSet<String> =
            self.variant.iter().flat_map(spellings).collect();
        for e in preset(name.get_ref()).unwrap_or_default() {
            if spellings(&e).iter().all(|s| !office.contains(s)) {
                out.push(e);
            }
        }
        out
    }
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
    let mut ok = true;
    if let Some(lang) = &config.lang
        && !matches!(lang.get_ref().as_str(), "ja" | "en")
    {
        ok = false;
        let v = lang.get_ref();
        errors.push(
            codes::INVALID
                .at(
                    file,
                    lang.span(),
                    msg!("言語「{v}」は使えません", "invalid language `{v}`"),
                )
                .help(msg!(
                    "lang には ja か en を指定してください。",
                    "use lang = \"ja\" or lang = \"en\""
                )),
        );
    }
    if let Some(p) = &config.notation.preset
        && preset(p.get_ref()).is_none()
    {
        ok = false;
        let v = p.get_ref();
        let names = PRESETS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ");
        errors.push(
            codes::INVALID
                .at(
                    file,
                    p.span(),
                    msg!(
                        "表記のプリセット「{v}」はありません",
                        "unknown notation preset `{v}`"
                    ),
                )
                .help(msg!(
                    "使えるプリセット: {names}",
                    "available presets: {names}"
                )),
        );
    }
    for (key, value) in &config.rules {
        if parse_level(value.get_ref()).is_none() {
            ok = false;
            let v = value.get_ref();
            errors.push(
                codes::INVALID
                    .at(
                        file,
                        value.span(),
                        msg!(
                            "規則「{key}」の重大度「{v}」は使えません",
                            "invalid severity `{v}` for rule `{key}`"
                        ),
                    )
                    .help(msg!(
                        "off、info、warning、error のいずれかにしてください。",
                        "use one of off, info, warning, error"
                    )),
            );
        }
    }
    ok.then_some(config)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Text {
        toml::Spanned::new(0..0, s.to_string())
    }

    #[test]
    fn every_preset_parses_and_no_variant_is_its_own_preferred() {
        for (name, _) in PRESETS {
            let entries = preset(name).expect(name);
            assert!(entries.len() >= 10, "{name}");
            for e in &entries {
                assert!(!e.variants.is_empty());
                assert!(
                    e.variants
                        .iter()
                        .all(|v| v.get_ref() != e.preferred.get_ref())
                );
            }
        }
        assert!(preset("kobun-2010").is_none());
    }

    #[test]
    fn the_office_overrides_a_preset_entry_sharing_a_spelling() {
        let n = Notation {
            // the office keeps すべて as its preferred spelling
            variant: vec![Variant {
                preferred: text("すべて"),
                variants: vec![text("全て")],
                except: Vec::new(),
            }],
            preset: Some(text("kobun-2022")),
        };
        let entries = n.entries();
        let preferred: Vec<&str> = entries
            .iter()
            .map(|e| e.preferred.get_ref().as_str())
            .collect();
        assert_eq!(preferred[0], "すべて");
        assert!(!preferred.contains(&"全て"));
        assert!(preferred.contains(&"及び"));
        let without = Notation {
            preset: None,
            ..n.clone()
        };
        assert_eq!(without.entries().len(), 1);
    }
}
