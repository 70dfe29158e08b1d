//! The JSON Schemas in schema/ are generated from the model and stay current; every shipped plan
//! file validates against the committed schema, a file with an unknown key does not; the
//! repository's editor configuration maps the plan folder to them; docs/plan-format.md
//! documents exactly the schema's keys.

mod common;
use common::schema_keys;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn update() -> bool {
    std::env::var_os("UPDATE_DOCS").is_some()
}

/// Compares a committed file with its generated text (writing it first under UPDATE_DOCS).
fn current(rel: &str, generated: &str) {
    let path = repo().join(rel);
    if update() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{rel} is out of date: run `UPDATE_DOCS=1 cargo test --test schema`"
    );
}

#[test]
fn committed_schemas_are_generated_from_the_model() {
    use plancheck::plan::json_schema::{config_schema, plan_schema, to_text};
    current("schema/plan.schema.json", &to_text(&plan_schema()));
    current("schema/plancheck.schema.json", &to_text(&config_schema()));
}

fn committed(name: &str) -> Value {
    let text = std::fs::read_to_string(repo().join("schema").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn toml_to_json(text: &str) -> Value {
    let table: toml::Table = text.trim_start_matches('\u{feff}').parse().unwrap();
    serde_json::to_value(table).unwrap()
}

/// The validation errors of `instance`, as text (empty when it is valid).
fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("a valid schema");
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            toml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

#[test]
fn every_shipped_plan_file_validates() {
    let plan = committed("plan.schema.json");
    let config = committed("plancheck.schema.json");
    let mut files = Vec::new();
    toml_files(&repo().join("plan"), &mut files);
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let schema = if f.ends_with("plancheck.toml") {
            &config
        } else {
            &plan
        };
        let e = errors(schema, &toml_to_json(&text));
        assert!(e.is_empty(), "{}: {e:#?}", f.display());
    }
}

#[test]
fn an_unknown_key_fails_at_any_depth() {
    let plan = committed("plan.schema.json");
    let valid = "[[project]]\nnumber = 1\nname = \"x\"\n\n[[project.direction]]\ntitle = \"t\"\n\n\
                 [[project.direction.table.row]]\ndirection = \"1-1 方針１\"\nbaseline = [\"a\", \"b\"]\n\
                 allow = [{ rule = \"PC402\", reason = \"r\" }]\n";
    assert_eq!(errors(&plan, &toml_to_json(valid)), Vec::<String>::new());
    for (typo, at) in [
        ("nmae = \"y\"\n[[project]]", "/project/0"),
        (
            "\n[[project.direction.table.row]]\nindicater = \"y\"",
            "/project/0/direction/0/table/row/1",
        ),
        ("[polcy]\nid = \"1\"", ""),
    ] {
        let text = if let Some(rest) = typo.strip_suffix("[[project]]") {
            // a key on the project itself, before its sub-tables
            valid.replacen("name = \"x\"\n", &format!("name = \"x\"\n{rest}"), 1)
        } else if typo.starts_with('[') {
            format!("{typo}\n{valid}")
        } else {
            format!("{valid}{typo}\ndirection = \"1-2 方針１\"\n")
        };
        let e = errors(&plan, &toml_to_json(&text));
        assert_eq!(e.len(), 1, "{text}\n{e:#?}");
        assert!(e[0].ends_with(&format!(" at {at}")), "{e:?}");
        assert!(e[0].contains("Additional properties"), "{e:?}");
    }
    // a wrong type, a missing required key, a misspelt allow entry
    for wrong in [
        valid.replace("number = 1", "number = \"1\""),
        valid.replace("title = \"t\"", "text = \"t\""),
        valid.replace("reason = \"r\"", "reasn = \"r\""),
    ] {
        assert!(!errors(&plan, &toml_to_json(&wrong)).is_empty(), "{wrong}");
    }
    let config = committed("plancheck.schema.json");
    assert!(
        errors(
            &config,
            &toml_to_json("lang = \"ja\"\n[rules]\nPC402 = \"off\"\n")
        )
        .is_empty()
    );
    assert!(!errors(&config, &toml_to_json("lang = \"fr\"\n")).is_empty());
    assert!(!errors(&config, &toml_to_json("[rules]\nPC402 = \"of\"\n")).is_empty());
    assert!(!errors(&config, &toml_to_json("language = \"ja\"\n")).is_empty());
}

/// Every description of a key, anywhere in the schema, in Japanese then English.
fn descriptions(root: &Value, v: &Value, path: &str, out: &mut Vec<(String, Option<String>)>) {
    let Some(o) = v.as_object() else { return };
    if let Some(Value::Object(props)) = o.get("properties") {
        for (k, p) in props {
            let here = format!("{path}.{k}");
            let p = match p.get("$ref").and_then(Value::as_str) {
                Some(r) => root
                    .pointer(r.trim_start_matches('#'))
                    .expect("a resolvable $ref"),
                None => p,
            };
            out.push((
                here.clone(),
                p.get("description")
                    .and_then(Value::as_str)
                    .map(String::from),
            ));
            descriptions(root, p, &here, out);
        }
    }
    for k in ["items", "additionalProperties"] {
        if let Some(x) = o.get(k) {
            descriptions(root, x, path, out);
        }
    }
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

#[test]
fn every_key_is_described_in_japanese_then_english() {
    for name in ["plan.schema.json", "plancheck.schema.json"] {
        let mut all = Vec::new();
        let schema = committed(name);
        descriptions(&schema, &schema, "", &mut all);
        assert!(all.len() >= 8, "{name}: {}", all.len());
        for (key, d) in all {
            let d = d.unwrap_or_else(|| panic!("{name}: {key} has no description"));
            let (ja, en) = d
                .split_once("\n\n")
                .unwrap_or_else(|| panic!("{name}: {key}: two paragraphs expected: {d}"));
            assert!(has_japanese(ja), "{name}: {key}: Japanese first: {d}");
            // the English paragraph starts in English (it may quote printed Japanese)
            assert!(
                en.starts_with(|c: char| c.is_ascii_alphabetic()),
                "{name}: {key}: English second: {d}"
            );
            let latin = en.chars().filter(char::is_ascii_alphabetic).count();
            let kana = en.chars().filter(|c| has_japanese(&c.to_string())).count();
            assert!(latin > kana, "{name}: {key}: mostly English: {en}");
        }
    }
}

#[test]
fn plan_format_md_ends_with_the_generated_key_reference() {
    use plancheck::output::schema_docs::{MARKER, markdown};
    let path = repo().join("docs/plan-format.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let narrative = text.split(MARKER).next().unwrap().to_string();
    if update() {
        let narrative = narrative.trim_end();
        std::fs::write(&path, format!("{narrative}\n\n{}", markdown())).unwrap();
    }
    let text = std::fs::read_to_string(&path).unwrap();
    let generated = text.find(MARKER).map(|i| &text[i..]).unwrap_or("");
    assert!(
        generated == markdown(),
        "docs/plan-format.md is out of date: run `UPDATE_DOCS=1 cargo test --test schema`"
    );
    // every key of the committed schema appears in the reference, under its table
    let schema = committed("plan.schema.json");
    let mut keys = Vec::new();
    schema_keys(&schema, "", &mut keys);
    assert!(keys.len() > 80, "{}", keys.len());
    for (table, key) in &keys {
        let headings = if table.is_empty() {
            vec!["### the top level of a file / ファイルの最上位".to_string()]
        } else {
            vec![format!("### `[{table}]`"), format!("### `[[{table}]]`")]
        };
        let heading = &headings[0];
        let at = headings
            .iter()
            .find_map(|h| generated.find(&format!("{h}\n")))
            .unwrap_or_else(|| panic!("no table {heading} in the reference"));
        let section = &generated[at..];
        let section = &section[..section[4..].find("\n### ").map_or(section.len(), |e| e + 4)];
        assert!(
            section.contains(&format!("| `{key}` |")),
            "{key} of {heading} documented"
        );
    }
    // and every key the examples above the reference use is in a schema: the plan's, or
    // the configuration's for the section on plancheck.toml
    let mut config_keys = Vec::new();
    schema_keys(&committed("plancheck.schema.json"), "", &mut config_keys);
    let used = example_keys(&narrative);
    assert!(used.len() > 60, "{}", used.len());
    for (table, key) in used {
        let table = table.trim_matches(['[', ']']);
        assert!(
            keys.iter()
                .chain(&config_keys)
                .any(|(t, k)| *t == table && *k == key),
            "the example key `{key}` in [{table}] is in a schema"
        );
    }
}

/// The (table path, key) pairs written in the ```toml examples of a Markdown text.
fn example_keys(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut in_toml = false;
    let mut table = String::new();
    for line in md.lines() {
        if line.starts_with("```") {
            in_toml = line == "```toml";
            table.clear();
            continue;
        }
        if !in_toml {
            continue;
        }
        let t = line.trim();
        if t.starts_with('[') {
            table = t
                .split('#')
                .next()
                .unwrap()
                .trim()
                .trim_matches(['[', ']'])
                .to_string();
            continue;
        }
        let Some((key, value)) = t.split_once(" = ") else {
            continue;
        };
        let key = key.trim();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        out.push((table.clone(), key.to_string()));
        // keys of inline tables: `[ { name = "…" }, … ]`
        let inner = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        for part in value.split(['{', ',']).skip(1) {
            if let Some((k, _)) = part.split_once(" = ") {
                let k = k.trim();
                if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push((inner.clone(), k.to_string()));
                }
            }
        }
    }
    out
}

/// Whether a taplo glob (`**` any folders, `*` any characters but `/`) matches a path.
fn glob(pattern: &str, path: &str) -> bool {
    if let Some(rest) = pattern.strip_prefix("**/") {
        return glob(rest, path)
            || path
                .split_once('/')
                .is_some_and(|(_, tail)| glob(pattern, tail));
    }
    match (pattern.chars().next(), path.chars().next()) {
        (None, None) => true,
        (Some('*'), _) => {
            glob(&pattern[1..], path)
                || path
                    .chars()
                    .next()
                    .is_some_and(|c| c != '/' && glob(pattern, &path[c.len_utf8()..]))
        }
        (Some(p), Some(c)) if p == c => glob(&pattern[p.len_utf8()..], &path[c.len_utf8()..]),
        _ => false,
    }
}

/// The schema the editor configuration gives a file (relative to the configuration's folder).
fn schema_for(taplo: &toml::Table, rel: &str) -> Vec<String> {
    let strings = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for rule in taplo["rule"].as_array().unwrap() {
        let include = strings(rule.get("include"));
        let exclude = strings(rule.get("exclude"));
        if include.iter().any(|p| glob(p, rel)) && !exclude.iter().any(|p| glob(p, rel)) {
            out.push(rule["schema"]["path"].as_str().unwrap().to_string());
        }
    }
    out
}

#[test]
fn the_editor_configuration_maps_every_plan_file_to_its_schema() {
    assert!(glob("plan/**/*.toml", "plan/projects/p1.toml"));
    assert!(glob("plan/**/*.toml", "plan/plan.toml"));
    assert!(!glob("plan/**/*.toml", "plan/projects/p1.json"));
    assert!(!glob("plan/*.toml", "plan/projects/p1.toml"));
    let taplo: toml::Table = std::fs::read_to_string(repo().join(".taplo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let mut files = Vec::new();
    toml_files(&repo().join("plan"), &mut files);
    for f in files {
        let rel = f
            .strip_prefix(repo())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let expected = if rel == "plan/plancheck.toml" {
            "schema/plancheck.schema.json"
        } else {
            "schema/plan.schema.json"
        };
        assert_eq!(schema_for(&taplo, &rel), [expected], "{rel}");
        assert!(repo().join(expected).is_file());
    }
    // files outside the plan folder keep their own schemas (Cargo.toml)
    assert!(schema_for(&taplo, "Cargo.toml").is_empty());
}
