//! `plancheck.toml` in the plan folder: per-rule severity, notation variants, standard years.

use crate::finding::{Finding, Location, Severity};
use crate::msg;
use crate::plan::load::{CONFIG_FILE, LoadFailure, Loaded, codes, display_path};
use crate::plan::model::Text;
use crate::plan::source::FileId;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
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
    let mut ok = true;
    for (key, value) in &config.rules {
        if parse_level(value.get_ref()).is_none() {
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

/// Loads only the configuration file of the plan folder `dir` (shown as `root_display`), for
/// commands that need the configuration but not the plan (`explain`). `Ok(None)`: the folder
/// has no configuration file. Only the result's `config` and the configuration's file in
/// `plan.files` are meaningful: the plan is a stand-in.
/// Errors: the loader's report of a missing folder, or the configuration's own load errors.
pub fn load_only(dir: &Path, root_display: &str) -> Result<Option<Loaded>, LoadFailure> {
    if !dir.is_dir() {
        // the loader's own report of a missing folder, or of a file given as the folder
        return crate::plan::load::load(dir, root_display).map(|_| None);
    }
    let path = dir.join(CONFIG_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let shown = display_path(root_display, CONFIG_FILE);
    let failure = |code: (&'static str, &'static str), message| LoadFailure {
        files: Vec::new(),
        errors: vec![Finding::new(
            code.0,
            code.1,
            Severity::Error,
            Location::Path(shown.clone()),
            message,
        )],
    };
    let bytes = std::fs::read(&path).map_err(|e| {
        failure(
            codes::IO,
            msg!(
                "ファイルを読めません: {shown}（{e}）",
                "cannot read file {shown} ({e})"
            ),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        failure(
            codes::ENCODING,
            msg!(
                "UTF-8 ではないファイルです: {shown}",
                "file is not UTF-8: {shown}"
            ),
        )
    })?;
    // The loader wants plan data beside the configuration: one prose record, dropped with
    // the rest of the plan (only the configuration is returned for use).
    const STAND_IN: (&str, &str) = ("~stand-in.toml", "[[prose]]\nheading = \"-\"\n");
    crate::plan::load::load_from_memory(root_display, &[(CONFIG_FILE, &text), STAND_IN]).map(Some)
}
