//! The key reference of docs/plan-format.md, generated from the JSON Schemas of
//! [`crate::plan::json_schema`]: one table per TOML table, every key with its type, whether it
//! is required and its description (Japanese, then English).

use crate::plan::json_schema::{config_schema, plan_schema};
use serde_json::Value;
use std::fmt::Write as _;

/// The line that starts the generated part of docs/plan-format.md; everything after it is
/// [`markdown`].
pub const MARKER: &str = "<!-- Generated from the schemas: `UPDATE_DOCS=1 cargo test --test schema`. Do not edit below. -->";

/// The generated key reference, from [`MARKER`] to the end of the file.
pub fn markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKER}\n");
    out.push_str("## Key reference / キー一覧\n\n");
    out.push_str(
        "Every key of a plan file, table by table, as `schema/plan.schema.json` describes it \
         (the schema an editor uses; see the README). Every table may also hold `allow`, a list \
         of suppressions (`{ rule = \"…\", reason = \"…\" }`).\n\n\
         計画ファイルのすべてのキーを表ごとに示します（`schema/plan.schema.json` のとおり）。\
         どの表にも抑止 (allow) の一覧 `allow` を書けます。\n\n",
    );
    section(
        &mut out,
        &plan_schema(),
        "",
        "the top level of a file / ファイルの最上位",
    );
    out.push_str("## `plancheck.toml`\n\n");
    out.push_str(
        "The configuration file, as `schema/plancheck.schema.json` describes it.\n\n\
         設定ファイルのキーです（`schema/plancheck.schema.json` のとおり）。\n\n",
    );
    section(
        &mut out,
        &config_schema(),
        "plancheck.toml: ",
        "the top level / 最上位",
    );
    out
}

fn section(out: &mut String, schema: &Value, prefix: &str, top: &str) {
    for (name, keys) in tables(schema) {
        let title = if name.is_empty() {
            top.to_string()
        } else {
            format!("`{name}`")
        };
        let _ = writeln!(out, "### {prefix}{title}\n");
        out.push_str("| Key | Type | Required | 説明 / Description |\n|---|---|---|---|\n");
        let required: Vec<&str> = keys
            .iter()
            .filter(|(k, _)| is_required(schema, &name, k))
            .map(|(k, _)| k.as_str())
            .collect();
        for (k, v) in &keys {
            if k == "allow" {
                continue;
            }
            let description = v
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .replace("\n\n", "<br>")
                .replace('|', "\\|");
            let _ = writeln!(
                out,
                "| `{k}` | {} | {} | {description} |",
                type_of(v),
                if required.contains(&k.as_str()) {
                    "yes"
                } else {
                    ""
                }
            );
        }
        out.push('\n');
    }
}

/// Whether `key` is required in the table named `name` (`""` for the top level).
fn is_required(schema: &Value, name: &str, key: &str) -> bool {
    let path = name.trim_matches(['[', ']']);
    let mut v = schema;
    if !path.is_empty() {
        for part in path.split('.') {
            let Some(next) = v.get("properties").and_then(|p| p.get(part)) else {
                return false;
            };
            v = next
                .get("items")
                .filter(|i| i.get("properties").is_some())
                .unwrap_or(next);
        }
    }
    v.get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|x| x == key))
}

/// A key's type in words.
fn type_of(v: &Value) -> String {
    if let Some(any) = v.get("anyOf").and_then(Value::as_array) {
        return any.iter().map(type_of).collect::<Vec<_>>().join(" or ");
    }
    if let Some(e) = v.get("enum").and_then(Value::as_array) {
        return e
            .iter()
            .map(|x| format!("`{}`", x.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ");
    }
    match v.get("type").and_then(Value::as_str) {
        Some("array") => match v.get("items") {
            Some(i) if i.get("properties").is_some() => "array of tables".to_string(),
            Some(i) => format!("array of {}", plural(&type_of(i))),
            None => "array".to_string(),
        },
        Some("object") if v.get("properties").is_some() => "table".to_string(),
        Some("object") => match v.get("additionalProperties") {
            Some(x) if x.is_object() => format!("table of {}", type_of(x)),
            _ => "table".to_string(),
        },
        Some(t) => t.to_string(),
        None => "any".to_string(),
    }
}

fn plural(t: &str) -> String {
    match t {
        "string" | "integer" => format!("{t}s"),
        other => other.to_string(),
    }
}

/// Every table of a schema: its TOML name (`[[project.direction.table.row]]`, or `""` for the
/// top level of a file) and its keys with their schemas, in schema order.
pub fn tables(schema: &Value) -> Vec<(String, Vec<(String, Value)>)> {
    let mut out = Vec::new();
    walk_tables(schema, "", false, &mut out);
    out
}

fn walk_tables(v: &Value, path: &str, array: bool, out: &mut Vec<(String, Vec<(String, Value)>)>) {
    let Some(props) = v.get("properties").and_then(Value::as_object) else {
        return;
    };
    let name = match (path.is_empty(), array) {
        (true, _) => String::new(),
        (false, true) => format!("[[{path}]]"),
        (false, false) => format!("[{path}]"),
    };
    let keys: Vec<(String, Value)> = props.iter().map(|(k, x)| (k.clone(), x.clone())).collect();
    out.push((name, keys));
    let child = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    for (k, x) in props {
        if k == "allow" {
            continue;
        }
        if x.get("properties").is_some() {
            walk_tables(x, &child(k), false, out);
        } else if let Some(items) = x.get("items")
            && items.get("properties").is_some()
        {
            walk_tables(items, &child(k), true, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tables_and_maps_are_named_by_what_they_hold() {
        // a table with keys of its own is a table, even when it also allows other keys
        assert_eq!(
            type_of(&json!({
                "type": "object",
                "properties": { "name": { "type": "string" } },
                "additionalProperties": { "type": "string" }
            })),
            "table"
        );
        // a map from names to strings
        assert_eq!(
            type_of(&json!({ "type": "object", "additionalProperties": { "type": "string" } })),
            "table of string"
        );
        // a table that allows no keys, or any: no value type to name
        for extra in [false, true] {
            assert_eq!(
                type_of(&json!({ "type": "object", "additionalProperties": extra })),
                "table"
            );
        }
    }
}
