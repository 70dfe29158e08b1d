//! The walk is complete by construction: every string the TOML of a plan holds is a text that
//! `analysis::walk` visits (so every text rule and the placeholder report see it), except the
//! strings listed in [`NOT_WALKED`]. The oracle reads the files with `toml_edit`, not with the
//! loader or the model, so a model field that the walk forgets fails here.

use std::collections::BTreeSet;
use std::path::Path;
use toml_edit::{Document, Item, Value};

/// Keys whose strings the walk does not visit, and why.
const NOT_WALKED: &[(&str, &str)] = &[
    // `allow = [{ rule, reason }]`: suppressions, taken out before decoding and applied by the
    // outcome layer; they are not printed text of the plan.
    ("allow", "suppressions"),
];

/// The settings file is not plan text.
const CONFIG_FILE: &str = "plancheck.toml";

type Spans = BTreeSet<(String, usize, usize)>;

/// Every string of every plan file, as (file, span of the string literal), by `toml_edit`.
fn toml_strings(files: &[(&str, &str)]) -> (Spans, Vec<String>) {
    let mut spans = Spans::new();
    let mut paths = Vec::new();
    for (rel, text) in files {
        if *rel == CONFIG_FILE || !rel.ends_with(".toml") {
            continue;
        }
        let doc = Document::parse(*text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let mut visit = |path: &str, span: std::ops::Range<usize>| {
            spans.insert((rel.to_string(), span.start, span.end));
            paths.push(format!("{rel}: {path}"));
        };
        table(doc.as_table(), "", &mut visit);
    }
    (spans, paths)
}

fn table(t: &toml_edit::Table, path: &str, visit: &mut dyn FnMut(&str, std::ops::Range<usize>)) {
    for (key, item) in t.iter() {
        if NOT_WALKED.iter().any(|(k, _)| *k == key) {
            continue;
        }
        let path = format!("{path}.{key}");
        match item {
            Item::Table(t) => table(t, &path, visit),
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    table(t, &path, visit);
                }
            }
            Item::Value(v) => value(v, &path, visit),
            Item::None => {}
        }
    }
}

fn value(v: &Value, path: &str, visit: &mut dyn FnMut(&str, std::ops::Range<usize>)) {
    match v {
        Value::String(s) => visit(path, s.span().expect("a parsed string has a span")),
        Value::Array(a) => {
            for v in a.iter() {
                value(v, path, visit);
            }
        }
        Value::InlineTable(t) => {
            for (key, v) in t.iter() {
                if NOT_WALKED.iter().any(|(k, _)| *k == key) {
                    continue;
                }
                value(v, &format!("{path}.{key}"), visit);
            }
        }
        _ => {}
    }
}

/// What the walk visits, as (file, span).
fn walked(plan: &plancheck::plan::model::Plan) -> Spans {
    plancheck::analysis::walk::texts(plan)
        .iter()
        .map(|t| (plan.files[t.file].rel.clone(), t.span.start, t.span.end))
        .collect()
}

fn assert_complete(files: &[(&str, &str)]) -> usize {
    let loaded = plancheck::rules::load_from_memory("plan", files)
        .unwrap_or_else(|e| panic!("the plan loads: {:?}", e.errors));
    let (strings, paths) = toml_strings(files);
    let walked = walked(&loaded.plan);
    let missed: Vec<String> = strings
        .difference(&walked)
        .map(|(rel, start, end)| {
            let text = &files.iter().find(|(r, _)| r == rel).unwrap().1[*start..*end];
            format!("{rel} {start}..{end} {text}")
        })
        .collect();
    assert!(
        missed.is_empty(),
        "strings the walk does not visit:\n{}",
        missed.join("\n")
    );
    let stray: Vec<_> = walked.difference(&strings).collect();
    assert!(
        stray.is_empty(),
        "walked spans that are no string of the TOML: {stray:?}"
    );
    assert!(paths.len() == strings.len());
    strings.len()
}

fn read_dir(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let child = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        if e.path().is_dir() {
            read_dir(&e.path(), &child, out);
        } else if name.ends_with(".toml") {
            out.push((child, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
}

#[test]
fn the_walk_visits_every_string_of_the_shipped_plan() {
    let mut files = Vec::new();
    read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
        "",
        &mut files,
    );
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let n = assert_complete(&refs);
    assert!(n > 1000, "{n} strings");
}

#[test]
fn the_walk_visits_every_string_of_generated_plans() {
    for (scale, defects, seed) in [(1, 0, 1), (2, 3, 7), (1, 5, 42)] {
        let g = plangen::generate(&plangen::Options {
            scale,
            defects,
            seed,
        });
        assert_complete(&g.file_refs());
    }
}

/// The oracle counts every string of the TOML, in tables, arrays and inline tables, and
/// leaves out `allow` entries only.
#[test]
fn the_oracle_counts_every_string_but_allow_entries() {
    let text = "[plan]\nname = \"計画\"\n[[a.b]]\nc = [\"x\", { d = \"y\", n = 1 }]\n";
    let (strings, _) = toml_strings(&[("plan.toml", text)]);
    assert_eq!(strings.len(), 3);
    let with_allow = "[plan]\nname = \"計画\"\nallow = [{ rule = \"tbd\", reason = \"理由\" }]\n";
    let (strings, _) = toml_strings(&[("plan.toml", with_allow)]);
    assert_eq!(strings.len(), 1, "allow entries are not plan text");
}
