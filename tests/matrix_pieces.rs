//! The ○/◎ matrix in pieces: rows in several files under one header, and the sparse form
//! (`[[matrix.mark]]`). The shipped plan's matrix is rewritten here by text manipulation (one
//! file per policy, or one mark per marked cell), and the oracle is the command line's own
//! findings on the shipped plan; nothing here calls the library.

mod common;
use common::copy_dir;
use common::snapshot;

use common::{repo, run_in};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const COLUMNS: [&str; 5] = [
    "少子高齢化対策プロジェクト",
    "産業活性化プロジェクト",
    "暮らしの安心実現プロジェクト",
    "共生社会実現プロジェクト",
    "ＤＸ推進プロジェクト",
];

/// A copy of the shipped plan as `plan/` of a temporary folder.
fn shipped_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &dir.path().join("plan"));
    dir
}

/// The shipped matrix file cut at its rows: the header part, and each `[[matrix.row]]`
/// record's text (ending in one newline).
fn shipped_rows() -> (String, Vec<String>) {
    let text = std::fs::read_to_string(repo().join("plan/matrix.toml")).unwrap();
    let mut parts = text.split("\n[[matrix.row]]\n");
    let header = format!("{}\n", parts.next().unwrap());
    let rows: Vec<String> = parts
        .map(|r| format!("[[matrix.row]]\n{}\n", r.trim_end_matches('\n')))
        .collect();
    assert_eq!(rows.len(), 36, "the shipped matrix has 36 rows");
    (header, rows)
}

/// The value of `key = "…"` in a record's text.
fn value<'a>(record: &'a str, key: &str) -> &'a str {
    let line = record
        .lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key} in {record}"));
    line.split('"').nth(1).unwrap()
}

/// The strings of `cells = [...]` in a row record.
fn cells(record: &str) -> Vec<String> {
    let line = record.lines().find(|l| l.starts_with("cells = ")).unwrap();
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The shipped matrix as one `[matrix.mark]` per marked cell, under the shipped header.
fn sparse_matrix() -> String {
    let (header, rows) = shipped_rows();
    let mut out = format!("{}\n", header.trim_end());
    for r in &rows {
        for (c, s) in cells(r).iter().enumerate() {
            if !s.is_empty() {
                out.push_str(&format!(
                    "\n[[matrix.mark]]\nmeasure = \"{}\"\nproject = \"{}\"\nsymbol = \"{s}\"\n",
                    value(r, "measure"),
                    COLUMNS[c]
                ));
            }
        }
    }
    out
}

/// Splits the shipped matrix into `matrix.toml` (the header only) and one
/// `matrix-<policy>.toml` per policy holding its rows. Returns the files written.
fn split_per_policy(plan: &Path) -> Vec<String> {
    let (header, rows) = shipped_rows();
    std::fs::write(plan.join("matrix.toml"), &header).unwrap();
    let mut by_policy: BTreeMap<String, String> = BTreeMap::new();
    for r in &rows {
        let policy = value(r, "measure").split('-').next().unwrap().to_string();
        let file = by_policy.entry(policy).or_default();
        if !file.is_empty() {
            file.push('\n');
        }
        file.push_str(r);
    }
    let mut written = Vec::new();
    for (policy, text) in by_policy {
        let name = format!("matrix-{policy}.toml");
        std::fs::write(plan.join(&name), text).unwrap();
        written.push(name);
    }
    written
}

fn check_json(cwd: &Path) -> (i32, Vec<Value>) {
    let out = run_in(cwd, &["check", "plan", "--format", "json"]);
    let v: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|_| panic!("{}", out.stderr));
    (out.code, v["findings"].as_array().unwrap().clone())
}

type Key = (String, String, String);

fn key(f: &Value) -> Key {
    (
        f["code"].as_str().unwrap().to_string(),
        f["subject"].as_str().unwrap_or("").to_string(),
        f["message"].as_str().unwrap().to_string(),
    )
}

fn keys(findings: &[Value]) -> BTreeSet<Key> {
    findings.iter().map(key).collect()
}

fn shipped_findings() -> Vec<Value> {
    let (code, f) = check_json(&repo());
    assert!(code < 2);
    f
}

/// The text of line `line` (1-based) of `file`, as named in a finding (relative to `cwd`).
fn line_of(cwd: &Path, file: &str, line: u64) -> String {
    let text = std::fs::read_to_string(cwd.join(file)).unwrap();
    text.lines().nth(line as usize - 1).unwrap().to_string()
}

#[test]
fn the_shipped_matrix_split_per_policy_gives_the_same_findings_in_the_row_files() {
    let shipped = shipped_findings();
    let dir = shipped_copy();
    let written = split_per_policy(&dir.path().join("plan"));
    assert_eq!(written.len(), 7);
    let (code, split) = check_json(dir.path());
    assert!(code < 2);
    assert_eq!(split.len(), shipped.len());
    assert_eq!(keys(&split), keys(&shipped));
    // Every finding that pointed into the matrix points at the same line text in the file
    // holding that row now; PC111's cells are in their policy's file.
    let mut matrix_findings = 0;
    for f in &shipped {
        let Some(file) = f["file"].as_str() else {
            continue;
        };
        if !file.ends_with("plan/matrix.toml") {
            continue;
        }
        let expected = line_of(&repo(), file, f["line"].as_u64().unwrap());
        let g = split.iter().find(|g| key(g) == key(f)).unwrap();
        let gfile = g["file"].as_str().unwrap();
        assert_eq!(
            line_of(dir.path(), gfile, g["line"].as_u64().unwrap()),
            expected,
            "{f}"
        );
        assert_eq!(g["column"], f["column"], "{f}");
        if f["code"] == "PC111" {
            matrix_findings += 1;
            let policy = f["subject"].as_str().unwrap().split('-').next().unwrap();
            assert_eq!(gfile, format!("plan/matrix-{policy}.toml"), "{g}");
        }
    }
    assert!(matrix_findings >= 10, "the shipped plan has PC111 findings");
}

#[test]
fn the_sparse_form_of_the_shipped_matrix_gives_the_same_findings() {
    let shipped = shipped_findings();
    let dir = shipped_copy();
    let sparse = sparse_matrix();
    assert!(!sparse.contains("[[matrix.row]]"));
    std::fs::write(dir.path().join("plan/matrix.toml"), &sparse).unwrap();
    let (code, found) = check_json(dir.path());
    assert!(code < 2);
    assert_eq!(keys(&found), keys(&shipped));
    // A drawn mark's finding points at its symbol.
    for f in found.iter().filter(|f| f["code"] == "PC111") {
        let line = line_of(
            dir.path(),
            f["file"].as_str().unwrap(),
            f["line"].as_u64().unwrap(),
        );
        assert!(
            line.starts_with("symbol = ") || line.starts_with("columns = "),
            "{f}: {line}"
        );
    }
}

#[test]
fn matrix_toml_sparse_writes_marks_that_check_like_the_rows() {
    let dir = shipped_copy();
    let plan = dir.path().join("plan");
    let out = run_in(
        dir.path(),
        &["matrix", "plan", "--format", "toml", "--sparse"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("[[matrix.mark]]"));
    assert!(!out.stdout.contains("[[matrix.row]]"));
    let marks = out.stdout.matches("\n[[matrix.mark]]\n").count();
    let dense = run_in(dir.path(), &["matrix", "plan", "--format", "toml"]);
    assert_eq!(dense.code, 0);
    // one mark per non-blank computed cell of the dense form
    let nonblank = dense
        .stdout
        .lines()
        .filter(|l| l.starts_with("cells = "))
        .map(|l| {
            l.split('"')
                .skip(1)
                .step_by(2)
                .filter(|s| !s.is_empty())
                .count()
        })
        .sum::<usize>();
    assert_eq!(marks, nonblank);
    assert!(marks > 20);
    // Either form, as the plan's matrix, checks the same, and agrees with the tables.
    std::fs::write(plan.join("matrix.toml"), &out.stdout).unwrap();
    let (code, sparse) = check_json(dir.path());
    assert!(code < 2);
    std::fs::write(plan.join("matrix.toml"), &dense.stdout).unwrap();
    let (code, rows) = check_json(dir.path());
    assert!(code < 2);
    assert_eq!(keys(&sparse), keys(&rows));
    assert!(!sparse.iter().any(|f| f["code"] == "PC111"));
    // --sparse belongs to the TOML output
    let bad = run_in(dir.path(), &["matrix", "plan", "--sparse"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("--format toml"), "{}", bad.stderr);
}

/// Line and column (1-based, in characters) of the first occurrence of `needle` in `text`,
/// plus `skip` characters.
fn position(text: &str, needle: &str, skip: usize) -> (u64, u64) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1 + skip;
    (line as u64, col as u64)
}

/// Loads a plan whose matrix is written by `arrange` into the shipped copy; asserts a load
/// error with exit 2, returns it (the only finding) and the human output.
fn load_error(arrange: impl FnOnce(&Path)) -> (tempfile::TempDir, Value, String) {
    let dir = shipped_copy();
    arrange(&dir.path().join("plan"));
    let (code, found) = check_json(dir.path());
    assert_eq!(code, 2, "{found:#?}");
    assert_eq!(found.len(), 1, "{found:#?}");
    let human = run_in(dir.path(), &["check", "plan"]);
    assert_eq!(human.code, 2);
    (dir, found[0].clone(), human.stdout + &human.stderr)
}

fn assert_at(f: &Value, file: &str, (line, column): (u64, u64), human: &str) {
    assert_eq!(f["file"], format!("plan/{file}"), "{f}");
    assert_eq!(f["line"], line, "{f}");
    assert_eq!(f["column"], column, "{f}");
    assert!(
        human.contains(&format!("plan/{file}:{line}:{column}")),
        "{human}"
    );
}

#[test]
fn two_headers_are_an_error_naming_both() {
    let extra = "[matrix]\ncolumns = [\"少子高齢化対策プロジェクト\"]\n";
    let (_d, f, human) = load_error(|plan| {
        split_per_policy(plan);
        std::fs::write(plan.join("matrix-9.toml"), extra).unwrap();
    });
    assert_eq!(f["code"], "PC008");
    // files are read in path order: matrix-9.toml's header comes before matrix.toml's
    let header = std::fs::read_to_string(repo().join("plan/matrix.toml")).unwrap();
    assert_at(&f, "matrix.toml", position(&header, "[matrix]", 1), &human);
    assert_eq!(f["related"][0]["file"], "plan/matrix-9.toml");
    assert_eq!(f["related"][0]["line"], 1);
}

#[test]
fn a_measure_with_rows_in_two_files_is_a_duplicate_id_naming_both() {
    let (_, rows) = shipped_rows();
    let (_d, f, human) = load_error(|plan| {
        split_per_policy(plan);
        // 1-1's row again, at the end of policy 2's file
        let mut two = std::fs::read_to_string(plan.join("matrix-2.toml")).unwrap();
        two.push('\n');
        two.push_str(&rows[0]);
        std::fs::write(plan.join("matrix-2.toml"), &two).unwrap();
    });
    assert_eq!(f["code"], "PC007");
    assert_eq!(f["subject"], "1-1");
    let dir2 = shipped_copy();
    split_per_policy(&dir2.path().join("plan"));
    let two = std::fs::read_to_string(dir2.path().join("plan/matrix-2.toml")).unwrap();
    let line = two.lines().count() as u64 + 4; // blank line, header, policy, measure
    assert_at(&f, "matrix-2.toml", (line, 11), &human);
    assert_eq!(f["related"][0]["file"], "plan/matrix-1.toml");
    assert_eq!(f["related"][0]["line"], 3);
}

#[test]
fn a_measure_given_as_a_row_and_as_marks_is_an_error() {
    let mark = "\n[[matrix.mark]]\nmeasure = \"1-2\"\nproject = \"産業活性化プロジェクト\"\nsymbol = \"○\"\n";
    let (_d, f, human) = load_error(|plan| {
        let mut text = std::fs::read_to_string(plan.join("matrix.toml")).unwrap();
        text.push_str(mark);
        std::fs::write(plan.join("matrix.toml"), &text).unwrap();
    });
    assert_eq!(f["code"], "PC007");
    assert_eq!(f["subject"], "1-2");
    let shipped = std::fs::read_to_string(repo().join("plan/matrix.toml")).unwrap();
    let whole = format!("{shipped}{mark}");
    let (line, _) = position(&whole, "[[matrix.mark]]", 0);
    assert_at(&f, "matrix.toml", (line + 1, 11), &human);
    let (row_line, _) = position(&shipped, "measure = \"1-2\"", 0);
    assert_eq!(f["related"][0]["line"], row_line);
}

#[test]
fn a_mark_naming_no_column_is_an_error_with_a_suggestion() {
    let sparse = sparse_matrix().replacen(
        "project = \"産業活性化プロジェクト\"",
        "project = \"産業活性プロジェクト\"",
        1,
    );
    let (_d, f, human) = load_error(|plan| {
        std::fs::write(plan.join("matrix.toml"), &sparse).unwrap();
    });
    assert_eq!(f["code"], "PC006");
    assert_at(
        &f,
        "matrix.toml",
        position(&sparse, "\"産業活性プロジェクト\"", 0),
        &human,
    );
    assert!(human.contains("産業活性化プロジェクト"), "{human}");
    // the columns, in the header
    let (line, _) = position(&sparse, "columns = ", 0);
    assert_eq!(f["related"][0]["line"], line);
}

#[test]
fn two_marks_for_one_cell_and_rows_without_a_header_are_errors() {
    let sparse = sparse_matrix();
    let first = sparse.find("[[matrix.mark]]").unwrap();
    let record = sparse[first..].split("\n\n").next().unwrap().to_string();
    let (_d, f, _) = load_error(|plan| {
        std::fs::write(plan.join("matrix.toml"), format!("{sparse}\n{record}\n")).unwrap();
    });
    assert_eq!(f["code"], "PC007");
    let (_, rows) = shipped_rows();
    let (_d, f, human) = load_error(|plan| {
        std::fs::write(plan.join("matrix.toml"), rows.concat()).unwrap();
    });
    assert_eq!(f["code"], "PC006");
    assert_at(&f, "matrix.toml", (1, 3), &human);
}

fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(b))
        .map(|(p, _)| p.to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn fix_on_split_files_edits_the_file_holding_each_cell() {
    let dir = shipped_copy();
    let plan = dir.path().join("plan");
    split_per_policy(&plan);
    let (_, found) = check_json(dir.path());
    let policies: BTreeSet<String> = found
        .iter()
        .filter(|f| f["code"] == "PC111")
        .map(|f| {
            f["subject"]
                .as_str()
                .unwrap()
                .split('-')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let before = snapshot(&plan);
    let out = run_in(dir.path(), &["fix", "plan", "--rule", "PC111"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let after = snapshot(&plan);
    let expected: Vec<String> = policies
        .iter()
        .map(|p| format!("matrix-{p}.toml"))
        .collect();
    assert_eq!(changed(&before, &after), expected);
    let (_, left) = check_json(dir.path());
    assert!(!left.iter().any(|f| f["code"] == "PC111"), "{left:#?}");
    // Only cells changed: each changed line is a `cells = ` line.
    for name in &expected {
        let (a, b) = (
            String::from_utf8(before[&PathBuf::from(name)].clone()).unwrap(),
            String::from_utf8(after[&PathBuf::from(name)].clone()).unwrap(),
        );
        assert_eq!(a.lines().count(), b.lines().count());
        for (x, y) in a.lines().zip(b.lines()) {
            assert!(x == y || (x.starts_with("cells = ") && y.starts_with("cells = ")));
        }
    }
}

#[test]
fn fix_on_the_sparse_form_rewrites_removes_and_adds_marks() {
    let dir = shipped_copy();
    let plan = dir.path().join("plan");
    std::fs::write(plan.join("matrix.toml"), sparse_matrix()).unwrap();
    let before = snapshot(&plan);
    let out = run_in(dir.path(), &["fix", "plan", "--rule", "PC111"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(changed(&before, &snapshot(&plan)), ["matrix.toml"]);
    let (_, left) = check_json(dir.path());
    assert!(!left.iter().any(|f| f["code"] == "PC111"), "{left:#?}");
    // The fixed marks are what `matrix --format toml --sparse` computes, in some order.
    let fixed = std::fs::read_to_string(plan.join("matrix.toml")).unwrap();
    let computed = run_in(
        dir.path(),
        &["matrix", "plan", "--format", "toml", "--sparse"],
    )
    .stdout;
    let records = |t: &str| -> BTreeSet<String> {
        t.split("[[matrix.mark]]\n")
            .skip(1)
            .map(|r| r.trim().to_string())
            .collect()
    };
    assert_eq!(records(&fixed), records(&computed));
    assert!(!fixed.contains("\n\n\n"), "one blank line between records");
}

#[test]
fn a_mark_that_is_neither_circle_nor_double_circle_is_reported_at_its_symbol() {
    let dir = shipped_copy();
    let sparse = sparse_matrix().replacen("symbol = \"○\"", "symbol = \"△\"", 1);
    std::fs::write(dir.path().join("plan/matrix.toml"), &sparse).unwrap();
    let (code, found) = check_json(dir.path());
    assert!(code < 2);
    let f: Vec<&Value> = found.iter().filter(|f| f["code"] == "PC112").collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    let (line, column) = position(&sparse, "\"△\"", 0);
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
        (Some(line), Some(column))
    );
}

/// Each differing drawn cell of the review page's matrix with the finding it links to:
/// (measure, column, the linked finding's rule).
fn linked_cells(html: &str) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for part in html.split("<td class=\"cell drawn differs\"").skip(1) {
        let attr = |name: &str| {
            part.split(&format!("{name}=\""))
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string()
        };
        let cell = part.split("</td>").next().unwrap();
        let target = cell
            .split("href=\"#")
            .nth(1)
            .unwrap_or_else(|| panic!("no link in {cell}"))
            .split('"')
            .next()
            .unwrap();
        let article = html
            .split(&format!("id=\"{target}\""))
            .nth(1)
            .unwrap()
            .split('>')
            .next()
            .unwrap();
        let rule = article
            .split("data-rule=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        out.insert((attr("data-measure"), attr("data-column"), rule));
    }
    out
}

#[test]
fn the_review_page_links_every_differing_cell_of_the_sparse_form_to_its_finding() {
    let shipped = run_in(&repo(), &["review", "plan"]);
    let dir = shipped_copy();
    std::fs::write(dir.path().join("plan/matrix.toml"), sparse_matrix()).unwrap();
    let out = dir.path().join("review.html");
    let sparse = run_in(
        dir.path(),
        &["review", "plan", "--output", out.to_str().unwrap()],
    );
    assert_eq!(sparse.code, 0, "{}", sparse.stderr);
    let expected = linked_cells(&shipped.stdout);
    assert!(expected.len() >= 10, "{expected:?}");
    assert!(expected.iter().all(|(_, _, rule)| rule == "PC111"));
    assert_eq!(
        linked_cells(&std::fs::read_to_string(out).unwrap()),
        expected
    );
}
