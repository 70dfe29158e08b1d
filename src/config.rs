//! `plancheck.toml` in the plan folder: per-rule severity, notation variants, standard years.

use crate::finding::{Finding, Severity};
use crate::load::{codes, did_you_mean};
use crate::model::Text;
use crate::msg;
use crate::source::FileId;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::de::{DeTable, DeValue};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Rule code or name → `off`, `info`, `warning`, `error`.
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
    /// The configured level for a rule, if any (by code or by name).
    pub fn level(&self, code: &str, name: &str) -> Option<Level> {
        let v = self.rules.get(code).or_else(|| self.rules.get(name))?;
        parse_level(v.get_ref())
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
    let root = crate::load::schema::Root::file();
    let mut config = crate::load::schema::decode::<Config>(file, &root, value, errors)?;
    config.file = Some(file);
    let known: Vec<&str> = crate::rules::REGISTRY
        .iter()
        .flat_map(|r| [r.code, r.name])
        .collect();
    let mut ok = true;
    for (key, value) in &config.rules {
        let is_known = crate::rules::REGISTRY
            .iter()
            .any(|r| r.code == key || r.name == key);
        if !is_known {
            ok = false;
            let near = did_you_mean(key, &known);
            let mut f = Finding::new(
                codes::UNKNOWN_KEY.0,
                codes::UNKNOWN_KEY.1,
                Severity::Error,
                Finding::at(file, value.span()),
                msg!(
                    "[rules] に未知の規則「{key}」があります",
                    "unknown rule `{key}` in [rules]"
                ),
            )
            .help(msg!(
                "規則の一覧は `plancheck rules` で見られます。",
                "`plancheck rules` lists the rules"
            ));
            if let Some(n) = near {
                f = f.label(msg!("`{n}` のことですか？", "did you mean `{n}`?"));
            }
            errors.push(f);
        } else if parse_level(value.get_ref()).is_none() {
            ok = false;
            let v = value.get_ref();
            errors.push(
                Finding::new(
                    codes::INVALID.0,
                    codes::INVALID.1,
                    Severity::Error,
                    Finding::at(file, value.span()),
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
