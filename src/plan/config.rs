//! `plancheck.toml` in the plan folder: per-rule severity, notation variants, standard years.

use crate::finding::{Finding, Severity};
use crate::i18n::Lang;
use crate::msg;
use crate::plan::load::{CONFIG_FILE, codes};
use crate::plan::model::Text;
use crate::plan::source::FileId;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use toml::de::{DeTable, DeValue};

// Field doc comments are also the descriptions of `schema/plancheck.schema.json` (Japanese,
// then English), shown by an editor on hover.

#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// メッセージの言語: "ja" または "en"。--lang や PLANCHECK_LANG の指定があればそちらを使い、OS の言語設定よりはこちらを使います。
    ///
    /// Message language: "ja" or "en" (below --lang and PLANCHECK_LANG, above the OS locale).
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("enum" = ["ja", "en"]))]
    pub lang: Option<Text>,
    /// 規則ごとの重大度。キーは規則のコードまたは名前（大文字・小文字は問いません）、値は "off"、"info"、"warning"、"error" のいずれかです。
    ///
    /// Per-rule severity: a rule's code or name (any case) = "off", "info", "warning" or "error".
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, LevelName>")]
    pub rules: BTreeMap<String, Text>,
    /// 表記ゆれの辞書（[[notation.variant]]）。
    ///
    /// The notation dictionary (表記ゆれ), [[notation.variant]].
    #[serde(default)]
    pub notation: Notation,
    /// 計画の既定値（[plan]）。
    ///
    /// Defaults for the plan, [plan].
    #[serde(default)]
    pub plan: PlanDefaults,
    /// 目標値を判断するしきい値（[targets]）。
    ///
    /// Thresholds for judging targets, [targets] (PC307).
    #[serde(default)]
    pub targets: Targets,
    /// 本文に書かれた数をデータの件数と比べる名詞（[counts]）。
    ///
    /// Nouns whose counts stated in running text are compared with the data, [counts] (PC209).
    #[serde(default)]
    pub counts: Counts,
    /// 計画書の語彙（[vocabulary]）: 施策番号・施策の展開方針の ID の形、関連する取組の印、未確定箇所の語、節の呼び名。
    ///
    /// The plan's document vocabulary, [vocabulary]: id shapes, the related-initiative mark, placeholder words, section names.
    #[serde(default)]
    pub vocabulary: crate::plan::vocabulary::Vocabulary,
    #[serde(skip)]
    pub file: Option<FileId>,
}

/// The values a `[rules]` entry takes, for the schema only.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum LevelName {
    Off,
    Info,
    Warning,
    Error,
}

/// `[targets]`: thresholds for targets set against their baselines.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// 目標値が現状値のこの倍数以上、またはこの分の 1 以下なら、極端な目標として報告します（PC307、既定 10、1 より大きい数）。
    ///
    /// A target this many times its baseline, or this many times smaller, is extreme (PC307; default 10, a number above 1).
    #[serde(default = "Targets::default_extreme_ratio")]
    #[schemars(with = "f64")]
    pub extreme_ratio: toml::Spanned<f64>,
}

impl Targets {
    pub const DEFAULT_EXTREME_RATIO: f64 = 10.0;

    fn default_extreme_ratio() -> toml::Spanned<f64> {
        toml::Spanned::new(0..0, Self::DEFAULT_EXTREME_RATIO)
    }
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            extreme_ratio: Self::default_extreme_ratio(),
        }
    }
}

/// `[counts]`: which nouns of running text count which collection of the plan data.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// データの集まりごとに、その件数を数える名詞（[counts.nouns]）。
    ///
    /// For each collection of the plan data, the nouns that count it, [counts.nouns].
    #[serde(default)]
    pub nouns: CountNouns,
}

/// `[counts.nouns]`: for each collection of the plan data, the nouns that count it. A key
/// written in `plancheck.toml` replaces that collection's default nouns; an empty list turns
/// the collection off.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountNouns {
    /// 重点プロジェクト（[[project]]）を数える名詞。既定は「プロジェクト」「重点プロジェクト」。
    ///
    /// Nouns that count the [[project]] records (重点プロジェクト); default 「プロジェクト」, 「重点プロジェクト」.
    #[serde(default = "CountNouns::default_projects")]
    #[schemars(with = "Vec<String>")]
    pub projects: Vec<Text>,
    /// 重点施策の一覧（[[measure]]）を数える名詞。既定は「施策」「重点施策」。
    ///
    /// Nouns that count the [[measure]] records (the catalogue of 重点施策); default 「施策」, 「重点施策」.
    #[serde(default = "CountNouns::default_measures")]
    #[schemars(with = "Vec<String>")]
    pub measures: Vec<Text>,
    /// 政策（[[policy]]）を数える名詞。既定は「政策」。
    ///
    /// Nouns that count the [[policy]] records; default 「政策」.
    #[serde(default = "CountNouns::default_policies")]
    #[schemars(with = "Vec<String>")]
    pub policies: Vec<Text>,
    /// 地区（[[overview.district]]）を数える名詞。既定は「地区」。
    ///
    /// Nouns that count the [[overview.district]] records (地区別計画); default 「地区」.
    #[serde(default = "CountNouns::default_districts")]
    #[schemars(with = "Vec<String>")]
    pub districts: Vec<Text>,
}

/// A collection of the plan data that stated counts are compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    Projects,
    Measures,
    Policies,
    Districts,
}

impl CountNouns {
    fn default_of(nouns: &[&str]) -> Vec<Text> {
        nouns
            .iter()
            .map(|n| Text::new(0..0, n.to_string()))
            .collect()
    }
    fn default_projects() -> Vec<Text> {
        Self::default_of(&["プロジェクト", "重点プロジェクト"])
    }
    fn default_measures() -> Vec<Text> {
        Self::default_of(&["施策", "重点施策"])
    }
    fn default_policies() -> Vec<Text> {
        Self::default_of(&["政策"])
    }
    fn default_districts() -> Vec<Text> {
        Self::default_of(&["地区"])
    }

    /// Every (noun, collection), in the order projects, measures, policies, districts.
    pub fn all(&self) -> Vec<(&Text, Collection)> {
        [
            (&self.projects, Collection::Projects),
            (&self.measures, Collection::Measures),
            (&self.policies, Collection::Policies),
            (&self.districts, Collection::Districts),
        ]
        .into_iter()
        .flat_map(|(nouns, c)| nouns.iter().map(move |n| (n, c)))
        .collect()
    }
}

impl Default for CountNouns {
    fn default() -> Self {
        CountNouns {
            projects: Self::default_projects(),
            measures: Self::default_measures(),
            policies: Self::default_policies(),
            districts: Self::default_districts(),
        }
    }
}

#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notation {
    /// 表記ゆれの項目: 使う表記と、指摘する表記。
    ///
    /// Spellings to replace by a preferred one.
    #[serde(default)]
    pub variant: Vec<Variant>,
    /// あわせて使う組み込みの表記辞書（"kobun-2022": 公用文作成の考え方に基づく組み合わせ）。課の辞書の項目が優先します。
    ///
    /// A built-in dictionary to use as well ("kobun-2022": pairs from 公用文作成の考え方), below the office's entries.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
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
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// 計画で使う表記（例: "取組"）。
    ///
    /// The spelling the plan should use, e.g. "取組".
    #[schemars(with = "String")]
    pub preferred: Text,
    /// 指摘する表記（例: ["取り組み"]）。
    ///
    /// Spellings to report, e.g. ["取り組み"].
    #[schemars(with = "Vec<String>")]
    pub variants: Vec<Text>,
    /// 表記ゆれを含むが正しい、より長い語（例: 動詞の "取り組みます"）。
    ///
    /// Longer words that contain a variant but are correct, e.g. the verb "取り組みます".
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub except: Vec<Text>,
}

#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanDefaults {
    /// 現状値の基準年度の既定値（例: "令和５年度"）。
    ///
    /// The default standard year of baseline values, e.g. "令和５年度".
    #[schemars(with = "Option<String>")]
    pub baseline_year: Option<Text>,
    /// 目標値の目標年度の既定値（例: "令和１１年度"）。
    ///
    /// The default standard year of targets, e.g. "令和１１年度".
    #[schemars(with = "Option<String>")]
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
    let mut invalid =
        |at: std::ops::Range<usize>, message: crate::i18n::Msg, help: crate::i18n::Msg| {
            errors.push(codes::INVALID.at(file, at, message).help(help));
        };
    if let Some(lang) = &config.lang
        && !matches!(lang.get_ref().as_str(), "ja" | "en")
    {
        let v = lang.get_ref();
        invalid(
            lang.span(),
            msg!("言語「{v}」は使えません", "invalid language `{v}`"),
            msg!(
                "lang には ja か en を指定してください。",
                "use lang = \"ja\" or lang = \"en\""
            ),
        );
    }
    if let Some(p) = &config.notation.preset
        && preset(p.get_ref()).is_none()
    {
        let v = p.get_ref();
        let names = PRESETS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ");
        invalid(
            p.span(),
            msg!(
                "表記のプリセット「{v}」はありません",
                "unknown notation preset `{v}`"
            ),
            msg!("使えるプリセット: {names}", "available presets: {names}"),
        );
    }
    for (key, value) in &config.rules {
        if parse_level(value.get_ref()).is_none() {
            let v = value.get_ref();
            invalid(
                value.span(),
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
    let ratio = &config.targets.extreme_ratio;
    let r = *ratio.get_ref();
    if !(r.is_finite() && r > 1.0) {
        invalid(
            ratio.span(),
            msg!(
                "[targets] の extreme_ratio「{r}」は使えません",
                "invalid extreme_ratio `{r}` in [targets]"
            ),
            msg!(
                "1 より大きい数を指定してください（既定は 10）。",
                "use a number greater than 1 (the default is 10)"
            ),
        );
    }
    for (noun, _) in config.counts.nouns.all() {
        if noun.get_ref().trim().is_empty() {
            invalid(
                noun.span(),
                msg!(
                    "[counts.nouns] に空の名詞があります",
                    "an empty noun in [counts.nouns]"
                ),
                msg!(
                    "名詞を書くか、その要素を削除してください。",
                    "write a noun or remove the entry"
                ),
            );
        }
    }
    config.vocabulary.validate(file, errors);
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
