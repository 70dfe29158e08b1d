//! JSON Schemas of a plan file and of `plancheck.toml`, generated from the typed model with
//! `schemars`, for editors (Even Better TOML / taplo completes keys, flags unknown ones and
//! shows each key's description on hover).
//!
//! The model's fields are `toml::Spanned`, which has no schema of its own: each field names
//! its plain type with `#[schemars(with = …)]`, and its doc comment (Japanese, then English) is
//! its description. The generated schema is then adjusted to what the loader accepts:
//! optional keys are absent rather than `null` (TOML has no null), and every table may hold an
//! `allow` list (suppressions, taken out before the records are decoded).
//!
//! A plan is split over many files, each holding some of the top-level sections, so the plan
//! schema describes one file: every section is optional.

use crate::plan::config::Config;
use crate::plan::model::{Change, Matrix, Measure, Overview, PlanMeta, Policy, Project, Prose};
use crate::plan::model::{Sdgs, Strategy, Summary};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

/// One file of the plan folder (any file but `plancheck.toml`).
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct PlanFile {
    /// 計画そのもの: 名称、計画期間、基準年度（計画全体で 1 つ）。
    ///
    /// The plan itself: name, period, standard years (one per plan).
    plan: Option<PlanMeta>,
    /// 政策と政策のゴール（[[policy]]）。
    ///
    /// The policies and their goals, [[policy]].
    #[serde(default)]
    policy: Vec<Policy>,
    /// 重点施策と施策の展開方針の一覧（[[measure]]）。
    ///
    /// The measures and the catalogue of their policy directions, [[measure]].
    #[serde(default)]
    measure: Vec<Measure>,
    /// 重点プロジェクト（[[project]]）。
    ///
    /// The priority projects, [[project]].
    #[serde(default)]
    project: Vec<Project>,
    /// 重点プロジェクトの数値目標（計画全体で 1 つ）。
    ///
    /// The projects' numerical targets (one per plan).
    summary: Option<Summary>,
    /// ＳＤＧｓローカル指標の表（計画全体で 1 つ）。
    ///
    /// The SDGs local indicator table (one per plan).
    sdgs: Option<Sdgs>,
    /// 国の総合戦略と重点プロジェクトの関係（[[strategy]]）。
    ///
    /// The national strategy's pillars and the projects they correspond to, [[strategy]].
    #[serde(default)]
    strategy: Vec<Strategy>,
    /// 重点施策との対応（○/◎ の図、計画全体で 1 つ。行や印は複数のファイルに分けて書けます）。
    ///
    /// The ○/◎ matrix of measures and projects as drawn (one per plan; its rows or marks may be kept in several files).
    matrix: Option<Matrix>,
    /// 概要版（計画全体で 1 つ）。
    ///
    /// The overview leaflet (one per plan).
    overview: Option<Overview>,
    /// 章の本文（見出しと本文、[[prose]]）。
    ///
    /// Running text of the chapter (heading and text), [[prose]].
    #[serde(default)]
    prose: Vec<Prose>,
    /// 前回の審議会からの変更対照表（[[change]]）。
    ///
    /// The change table since the previous council meeting, [[change]].
    #[serde(default)]
    change: Vec<Change>,
}

/// One entry of an `allow` list.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct AllowEntry {
    /// 抑止する規則のコードまたは名前（例: "PC402", "page-ref-missing"）。
    ///
    /// The rule to suppress, by code or name, e.g. "PC402", "page-ref-missing".
    rule: String,
    /// 指摘を受け入れる理由（必須）。
    ///
    /// Why the finding is accepted (required).
    reason: String,
}

const ALLOW_DESCRIPTION: &str = "抑止 (allow): この記録で受け入れる指摘と、その理由。\n\n\
    Suppressions: findings accepted on this record, each with its reason.";

const PLAN_DESCRIPTION: &str = "plancheck の計画ファイル。計画フォルダの *.toml（plancheck.toml \
    を除く）は、それぞれ下の節のいくつかを持ちます。\n\n\
    A plancheck plan file: each *.toml of the plan folder (but plancheck.toml) holds some of \
    the sections below.";

const CONFIG_DESCRIPTION: &str = "plancheck の設定ファイル（計画フォルダの plancheck.toml）。\
    計画のデータではありません。\n\n\
    plancheck's configuration (plancheck.toml in the plan folder), not plan data.";

/// The top-level sections of a plan file, as the schema names them.
pub fn top_level_sections() -> Vec<String> {
    let schema = plan_schema();
    schema["properties"]
        .as_object()
        .map(|p| p.keys().filter(|k| *k != "allow").cloned().collect())
        .unwrap_or_default()
}

/// The schema of one plan file.
pub fn plan_schema() -> Value {
    let mut generator = settings().into_generator();
    let allow = generator.subschema_for::<Vec<AllowEntry>>();
    let mut allow = allow.to_value();
    tidy(&mut allow, false);
    allow["description"] = ALLOW_DESCRIPTION.into();
    let schema = generator.into_root_schema_for::<PlanFile>();
    finish(
        schema,
        "plancheck plan file",
        PLAN_DESCRIPTION,
        Some(&allow),
    )
}

/// The schema of `plancheck.toml`.
pub fn config_schema() -> Value {
    let schema = settings().into_generator().into_root_schema_for::<Config>();
    finish(schema, "plancheck.toml", CONFIG_DESCRIPTION, None)
}

/// A schema as committed: pretty JSON, one final newline.
pub fn to_text(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).unwrap_or_default();
    s.push('\n');
    s
}

fn settings() -> SchemaSettings {
    // Draft 7 is what taplo's validator reads; every subschema inline, so that a key's
    // description sits next to its type (no `$ref` with siblings).
    let mut s = SchemaSettings::draft07();
    s.inline_subschemas = true;
    s
}

fn finish(schema: Schema, title: &str, description: &str, allow: Option<&Value>) -> Value {
    let mut v = schema.to_value();
    tidy(&mut v, false);
    if let Some(allow) = allow {
        add_allow(
            &mut v,
            &serde_json::json!({ "$ref": "#/definitions/allow" }),
        );
        v["definitions"] = serde_json::json!({ "allow": allow });
    }
    if let Some(o) = v.as_object_mut() {
        o.insert("title".into(), title.into());
        o.insert("description".into(), description.into());
    }
    v
}

/// Removes `null` from optional keys, and descriptions from anything but a key (a struct's
/// doc comment is for developers; the key's own description is what an editor shows).
fn tidy(v: &mut Value, is_key: bool) {
    let Some(o) = v.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = o.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types[0].clone();
            o.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = o.get_mut("anyOf") {
        any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
        if any.len() == 1
            && let Some(Value::Object(inner)) = any.pop()
        {
            o.remove("anyOf");
            for (k, x) in inner {
                o.entry(k).or_insert(x);
            }
        }
    }
    if let Some(Value::Array(e)) = o.get_mut("enum") {
        e.retain(|x| !x.is_null());
    }
    if !is_key {
        o.remove("description");
    }
    o.remove("default");
    if let Some(Value::Object(props)) = o.get_mut("properties") {
        for p in props.values_mut() {
            tidy(p, true);
        }
    }
    for k in ["items", "additionalProperties"] {
        if let Some(x) = o.get_mut(k) {
            tidy(x, false);
        }
    }
    if let Some(Value::Array(any)) = o.get_mut("anyOf") {
        for x in any {
            tidy(x, false);
        }
    }
}

/// Adds the `allow` key to every table that takes a fixed set of keys.
fn add_allow(v: &mut Value, allow: &Value) {
    let Some(o) = v.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(props)) = o.get_mut("properties") {
        for p in props.values_mut() {
            add_allow(p, allow);
        }
    }
    if let Some(x) = o.get_mut("items") {
        add_allow(x, allow);
    }
    if o.get("additionalProperties") == Some(&Value::Bool(false))
        && let Some(Value::Object(props)) = o.get_mut("properties")
    {
        props.insert("allow".into(), allow.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_the_sections_the_loader_reads() {
        let mut schema = top_level_sections();
        schema.sort();
        let mut loader: Vec<String> = crate::plan::load::TOP_LEVEL
            .iter()
            .map(|s| s.to_string())
            .collect();
        loader.sort();
        assert_eq!(schema, loader);
    }
}
