//! The walk's compact list of texts reads back what the TOML holds: each text is the decoded
//! string at its span, once each, and every matrix cell (a drawn row's cell, a sparse mark's
//! symbol) is a cell about the project its column heading names. The oracle reads the files
//! with `toml_edit` and finds the projects by their `number` and `name`, not with the loader.

use plancheck::analysis::walk::{Field, TextRef};
use std::collections::HashMap;
use std::path::Path;
use toml_edit::{Document, Item, Value};

/// A string of the TOML: the key it is under, its position in its array (if any) and its
/// decoded value.
struct Str {
    key: String,
    index: Option<usize>,
    value: String,
}

type Strings = HashMap<(String, usize, usize), Str>;

fn strings(files: &[(String, String)]) -> Strings {
    let mut out = Strings::new();
    for (rel, text) in files {
        if rel == "plancheck.toml" {
            continue;
        }
        let doc = Document::parse(text.as_str()).unwrap();
        table(doc.as_table(), rel, &mut out);
    }
    out
}

fn table(t: &toml_edit::Table, rel: &str, out: &mut Strings) {
    for (key, item) in t.iter() {
        match item {
            Item::Table(t) => table(t, rel, out),
            Item::ArrayOfTables(a) => a.iter().for_each(|t| table(t, rel, out)),
            Item::Value(v) => value(v, key, None, rel, out),
            Item::None => {}
        }
    }
}

fn value(v: &Value, key: &str, index: Option<usize>, rel: &str, out: &mut Strings) {
    match v {
        Value::String(s) => {
            let span = s.span().unwrap();
            let s = Str {
                key: key.to_string(),
                index,
                value: s.value().clone(),
            };
            out.insert((rel.to_string(), span.start, span.end), s);
        }
        Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                value(v, key, Some(i), rel, out);
            }
        }
        Value::InlineTable(t) => {
            for (k, v) in t.iter() {
                value(v, k, None, rel, out);
            }
        }
        _ => {}
    }
}

/// The plan's files, relative paths with `/`.
fn read_dir(dir: &Path, rel: &str, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
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

fn shipped() -> Vec<(String, String)> {
    let mut files = Vec::new();
    read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plan"),
        "",
        &mut files,
    );
    files
}

/// Project number by name, from the `[[project]]` records' `number` and `name`.
fn project_numbers(files: &[(String, String)]) -> HashMap<String, i64> {
    let mut out = HashMap::new();
    for (_, text) in files {
        let doc = Document::parse(text.as_str()).unwrap();
        let Some(Item::ArrayOfTables(ps)) = doc.as_table().get("project") else {
            continue;
        };
        for p in ps.iter() {
            let name = p.get("name").and_then(|n| n.as_str()).unwrap();
            let number = p.get("number").and_then(|n| n.as_integer()).unwrap();
            out.insert(name.to_string(), number);
        }
    }
    out
}

/// The matrix's column headings, from `columns = [...]`.
fn columns(files: &[(String, String)]) -> Vec<String> {
    let (_, text) = files.iter().find(|(r, _)| r == "matrix.toml").unwrap();
    let doc = Document::parse(text.as_str()).unwrap();
    let cols = doc["matrix"]["columns"].as_array().unwrap();
    cols.iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect()
}

/// Checks the walk of `files` against the oracle; returns the number of cells seen.
fn check(files: &[(String, String)]) -> usize {
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let loaded = plancheck::rules::load_from_memory("plan", &refs).unwrap_or_else(|e| {
        panic!("the plan loads: {:?}", e.errors);
    });
    let plan = &loaded.plan;
    let strings = strings(files);
    let numbers = project_numbers(files);
    let columns = columns(files);
    let about = |heading: &str| numbers.get(heading).copied();
    let texts = plancheck::analysis::walk::texts(plan);
    let walked: Vec<TextRef> = texts.iter().collect();
    // the texts of some fields: those of the whole walk with these fields, in the same order
    let keeps: [fn(Field) -> bool; 4] = [
        |f| f == Field::Cell,
        |f| f == Field::Id,
        |f| matches!(f, Field::Text | Field::RelatedPlan | Field::Mark),
        |f| f != Field::Value,
    ];
    let key = |t: &TextRef| {
        (
            t.file,
            t.span.clone(),
            t.field,
            t.project,
            t.subject.to_string(),
        )
    };
    for keep in keeps {
        let some: Vec<_> = texts.of_fields(keep).map(|t| key(&t)).collect();
        let all: Vec<_> = walked.iter().filter(|t| keep(t.field)).map(key).collect();
        assert!(!some.is_empty());
        assert_eq!(some, all);
    }
    // a sparse mark's `project` names its column and is not walked (as before the compact
    // list): every other string once
    let marks_projects = strings
        .iter()
        .filter(|((rel, _, _), s)| rel == "matrix.toml" && s.key == "project")
        .count();
    assert_eq!(
        walked.len(),
        strings.len() - marks_projects,
        "each string walked once"
    );
    let mut cells = 0;
    // the column of the last sparse mark's `project`, for its symbol
    let mut mark_column: Option<usize> = None;
    for t in &walked {
        let rel = plan.files[t.file].rel.clone();
        let s = strings
            .get(&(rel.clone(), t.span.start, t.span.end))
            .unwrap_or_else(|| panic!("{rel} {:?} is no string", t.span));
        assert_eq!(t.text, s.value, "{rel} {:?}", t.span);
        match s.key.as_str() {
            "cells" => {
                cells += 1;
                assert_eq!(t.field, Field::Cell, "{rel} {:?}", t.span);
                let heading = &columns[s.index.unwrap()];
                assert_eq!(t.project, about(heading), "cell under {heading}");
            }
            "symbol" => {
                cells += 1;
                assert_eq!(t.field, Field::Cell, "{rel} {:?}", t.span);
                let heading = &columns[mark_column.take().unwrap()];
                assert_eq!(t.project, about(heading), "mark under {heading}");
            }
            "measure" if rel == "matrix.toml" => {
                assert_eq!(t.field, Field::Id);
                assert_eq!(t.project, None);
                // a sparse mark's project is not walked: find its column by the source
                let record = &files.iter().find(|(r, _)| *r == rel).unwrap().1[t.span.end..];
                let next = record.lines().nth(1).unwrap_or("");
                mark_column = next
                    .strip_prefix("project = \"")
                    .and_then(|p| p.strip_suffix('"'))
                    .map(|p| columns.iter().position(|c| c == p).unwrap());
            }
            _ => assert_ne!(t.field, Field::Cell, "{rel} {:?} {}", t.span, s.key),
        }
    }
    cells
}

#[test]
fn every_text_of_the_shipped_plan_reads_back_its_string() {
    let files = shipped();
    // 36 rows of 5 cells, blank ones included
    assert_eq!(check(&files), 180);
}

#[test]
fn sparse_marks_are_walked_as_cells_of_their_column() {
    let mut files = shipped();
    let (_, matrix) = files.iter_mut().find(|(r, _)| r == "matrix.toml").unwrap();
    let columns: Vec<String> = columns(&[("matrix.toml".into(), matrix.clone())]);
    let mut parts = matrix.split("\n[[matrix.row]]\n");
    let mut sparse = parts.next().unwrap().trim_end().to_string();
    sparse.push('\n');
    let mut marks = 0;
    for row in parts {
        let line = |k: &str| {
            row.lines()
                .find(|l| l.starts_with(&format!("{k} = ")))
                .unwrap()
                .to_string()
        };
        let measure = line("measure");
        let cells = line("cells");
        for (c, s) in cells.split('"').skip(1).step_by(2).enumerate() {
            if !s.is_empty() {
                marks += 1;
                let p = &columns[c];
                sparse.push_str(&format!(
                    "\n[[matrix.mark]]\n{measure}\nproject = \"{p}\"\nsymbol = \"{s}\"\n"
                ));
            }
        }
    }
    *matrix = sparse;
    assert!(marks > 20, "{marks} marks");
    assert_eq!(check(&files), marks);
}
