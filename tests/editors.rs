//! The editors' outputs on the shipped plan: placeholder report and computed matrix.

mod common;
use common::copy_dir;
use common::{repo, run_in};
use std::path::Path;

fn report_json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["report", "plan", "--format", "json"];
    a.extend_from_slice(args);
    let out = run_in(&repo(), &a);
    assert_eq!(out.code, 0, "{}", out.stdout);
    serde_json::from_str(&out.stdout).unwrap()
}

/// Occurrences of a string in the seed texts' action-plan chapter, the source of plan/.
fn in_seed(s: &str) -> usize {
    let seed = repo().join("../shared/seeds/000_f202f648d643c5e1.txt");
    match std::fs::read_to_string(seed) {
        Ok(t) => t.matches(s).count(),
        Err(_) => usize::MAX, // shared/ not beside the repo: the seed check is skipped below
    }
}

#[test]
fn report_counts_equal_the_placeholders_in_the_plan() {
    let v = report_json(&[]);
    assert_eq!(v["version"], 1);
    let summary = &v["summary"];
    assert_eq!(summary["tbd"], 30);
    assert_eq!(summary["page-ref"], 79);
    for kind in [
        "tbd",
        "page-ref",
        "missing-value",
        "draft-plan",
        "figure",
        "note",
        "footnote",
    ] {
        assert!(summary[kind].is_u64(), "summary lists {kind}");
        let n = v["placeholders"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] == kind)
            .count() as u64;
        assert_eq!(summary[kind], n, "{kind}: summary equals the rows");
    }
    // one tbd per 「調整中」 of the seed text; 78 Ｐ.○ plus the row printed without a page
    let seed_tbd = in_seed("調整中");
    if seed_tbd != usize::MAX {
        assert_eq!(seed_tbd, 30);
        assert_eq!(in_seed("Ｐ.○"), 78);
    }
    let empty_pages: Vec<_> = v["placeholders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["kind"] == "page-ref" && p["text"] == "")
        .collect();
    assert_eq!(empty_pages.len(), 1);
    assert_eq!(empty_pages[0]["subject"], "1-6 方針３");
    // every row points at a real position
    for p in v["placeholders"].as_array().unwrap() {
        assert!(p["line"].as_u64().unwrap() >= 1 && p["column"].as_u64().unwrap() >= 1);
        assert!(p["file"].as_str().unwrap().starts_with("plan/"));
    }
}

#[test]
fn report_filters_by_kind_and_project() {
    let v = report_json(&["--kind", "tbd", "--project", "1"]);
    let rows = v["placeholders"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert!(rows.iter().all(|p| p["kind"] == "tbd" && p["project"] == 1));
    let by_name = report_json(&[
        "--kind",
        "draft-plan",
        "--project",
        "産業活性化プロジェクト",
    ]);
    assert_eq!(by_name["placeholders"].as_array().unwrap().len(), 4);
    let out = run_in(
        &repo(),
        &["report", "plan", "--project", "99", "--format", "json"],
    );
    assert_eq!(out.code, 2);
}

#[test]
fn report_table_and_markdown_snapshots() {
    let t = run_in(
        &repo(),
        &[
            "report", "plan", "--format", "table", "--lang", "ja", "--kind", "tbd",
        ],
    );
    assert_eq!(t.code, 0);
    insta::assert_snapshot!("report_table_tbd_ja", t.stdout);
    let m = run_in(
        &repo(),
        &[
            "report",
            "plan",
            "--format",
            "markdown",
            "--lang",
            "en",
            "--kind",
            "draft-plan",
            "--kind",
            "footnote",
        ],
    );
    assert_eq!(m.code, 0);
    insta::assert_snapshot!("report_markdown_en", m.stdout);
}

#[test]
fn report_table_columns_line_up_in_display_width() {
    let t = run_in(
        &repo(),
        &[
            "report", "plan", "--format", "table", "--lang", "ja", "--width", "200",
        ],
    )
    .stdout;
    // In the counts table (wide enough not to wrap), every row ends at the same display column.
    let counts: Vec<&str> = t.lines().skip(1).take_while(|l| !l.is_empty()).collect();
    let widths: Vec<usize> = counts
        .iter()
        .filter(|l| !l.starts_with('-'))
        .map(|l| unicode_width::UnicodeWidthStr::width(*l))
        .collect();
    assert!(
        widths.len() == 8 && widths.iter().all(|w| *w == widths[0]),
        "{widths:?}\n{t}"
    );
}

#[test]
fn report_csv_has_bom_and_parses_back_to_the_same_rows() {
    let english = [
        ("tbd", "being adjusted"),
        ("page-ref", "page reference missing"),
        ("missing-value", "empty value"),
        ("draft-plan", "still a draft"),
        ("figure", "graph/photo box"),
        ("note", "to-be-settled note"),
        ("footnote", "undefined ※"),
    ];
    let out = run_in(
        &repo(),
        &["report", "plan", "--format", "csv", "--lang", "en"],
    );
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with('\u{FEFF}'));
    let rows = parse_csv(out.stdout.trim_start_matches('\u{FEFF}'));
    assert_eq!(
        rows[0],
        [
            "kind",
            "project",
            "project name",
            "section",
            "item",
            "text",
            "cell",
            "file",
            "line",
            "column"
        ]
    );
    let json = report_json(&[]);
    let items = json["placeholders"].as_array().unwrap();
    assert_eq!(rows.len() - 1, items.len());
    for (r, j) in rows[1..].iter().zip(items) {
        let code = j["kind"].as_str().unwrap();
        let label = english.iter().find(|(c, _)| *c == code).unwrap().1;
        assert_eq!(r[0], label);
        assert_eq!(
            r[1],
            j["project"]
                .as_i64()
                .map(|p| p.to_string())
                .unwrap_or_default()
        );
        assert_eq!(r[5], j["text"].as_str().unwrap());
        assert_eq!(r[7], j["file"].as_str().unwrap());
        assert_eq!(r[8], j["line"].to_string());
        assert_eq!(r[9], j["column"].to_string());
    }
}

/// A small RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF).
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[test]
fn binary_output_needs_a_file_and_never_goes_into_the_plan_folder() {
    let out = run_in(&repo(), &["report", "plan", "--format", "xlsx"]);
    assert_eq!(out.code, 2);
    let copy = copy_plan();
    let target = copy.path().join("plan").join("report.xlsx");
    let out = run_in(
        copy.path(),
        &[
            "report",
            "plan",
            "--format",
            "xlsx",
            "--output",
            "plan/report.xlsx",
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("plan"), "{}", out.stdout);
    assert!(!target.exists());
}

#[test]
fn matrix_diff_counts_the_differing_cells() {
    let out = run_in(&repo(), &["matrix", "plan", "--format", "json"]);
    assert_eq!(out.code, 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["differing"], 16);
    assert_eq!(v["columns"].as_array().unwrap().len(), 5);
    assert_eq!(v["rows"].as_array().unwrap().len(), 36);
    let row = |m: &str| {
        v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["measure"] == m)
            .unwrap()
            .clone()
    };
    assert_eq!(
        row("1-1")["cells"],
        serde_json::json!(["◎", "", "", "", ""])
    );
    assert_eq!(
        row("7-4")["cells"],
        serde_json::json!(["", "○", "", "", "○"]),
        "方針１ cited three times counts once"
    );
    let diff = run_in(&repo(), &["matrix", "plan", "--diff", "--lang", "en"]);
    insta::assert_snapshot!("matrix_diff_en", diff.stdout);
}

#[test]
fn matrix_table_aligns_with_ambiguous_marks_narrow_and_wide() {
    use unicode_width::UnicodeWidthStr;
    for (flag, width) in [
        ("narrow", UnicodeWidthStr::width as fn(&str) -> usize),
        ("wide", UnicodeWidthStr::width_cjk),
    ] {
        let out = run_in(
            &repo(),
            &["matrix", "plan", "--ambiguous", flag, "--lang", "en"],
        )
        .stdout;
        // the column of the last project starts at the same display column on every row with a mark
        let header = out.lines().next().unwrap();
        let start = width(&header[..header.find("ＤＸ推進プロジェクト").unwrap()]);
        for line in out
            .lines()
            .skip(2)
            .filter(|l| l.starts_with("1-2") || l.starts_with("7-4"))
        {
            let pos = line.rfind(['○', '◎']).unwrap();
            assert_eq!(width(&line[..pos]), start, "{flag}: {line}");
        }
    }
}

#[test]
fn matrix_formats_snapshot() {
    for format in ["markdown", "csv", "toml"] {
        let out = run_in(
            &repo(),
            &["matrix", "plan", "--format", format, "--lang", "ja"],
        );
        assert_eq!(out.code, 0);
        if format == "csv" {
            assert!(out.stdout.starts_with('\u{FEFF}'));
        }
        insta::assert_snapshot!(format!("matrix_{format}"), out.stdout);
    }
}

fn copy_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &dir.path().join("plan"));
    dir
}

/// Findings as comparable keys: matrix.toml findings by code and message (its lines change).
fn findings(dir: &Path) -> Vec<String> {
    let out = run_in(dir, &["check", "plan", "--format", "json", "--lang", "en"]);
    assert!(out.code < 2, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut keys: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            if f["file"] == "plan/matrix.toml" {
                format!("{} {} {}", f["code"], f["file"], f["message"])
            } else {
                format!(
                    "{} {} {} {} {}",
                    f["code"], f["file"], f["line"], f["column"], f["message"]
                )
            }
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn accepting_the_computed_matrix_removes_the_matrix_findings_and_nothing_else() {
    let copy = copy_plan();
    // An `allow` on a row of the drawn matrix, with a comment after it: both must stay.
    let path = copy.path().join("plan/matrix.toml");
    let shipped = std::fs::read_to_string(&path).unwrap();
    let row = "measure = \"1-2\"\n";
    assert_eq!(shipped.matches(row).count(), 1);
    let allow =
        "allow = [{ rule = \"notation-variant\", reason = \"原文どおりです\" }] # 確認済み\n";
    let original = shipped.replacen(row, &format!("{row}{allow}"), 1);
    std::fs::write(&path, &original).unwrap();
    let before = findings(copy.path());
    let out = run_in(
        copy.path(),
        &[
            "matrix",
            "plan",
            "--format",
            "toml",
            "--output",
            "plan/matrix.toml",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stdout);
    // Edited in place: the same lines, and every line that changed is a row's `cells`.
    let edited = std::fs::read_to_string(&path).unwrap();
    let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
        (original.lines().collect(), edited.lines().collect());
    assert_eq!(old_lines.len(), new_lines.len(), "{edited}");
    let changed: Vec<(&str, &str)> = old_lines
        .iter()
        .zip(&new_lines)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (*a, *b))
        .collect();
    assert!(
        changed.len() >= 10,
        "the computed cells differ from the drawn ones"
    );
    for (a, b) in &changed {
        assert!(
            a.starts_with("cells = [") && b.starts_with("cells = ["),
            "{a} → {b}"
        );
    }
    let comments = |lines: &[&str]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.starts_with('#'))
            .map(|l| l.to_string())
            .collect()
    };
    assert!(comments(&old_lines).len() >= 30);
    assert_eq!(comments(&old_lines), comments(&new_lines));
    assert!(edited.contains(allow), "{edited}");
    let after = findings(copy.path());
    let matrix_codes = ["\"PC111\"", "\"PC112\"", "\"PC113\""];
    let is_matrix = |k: &String| matrix_codes.iter().any(|c| k.starts_with(c));
    assert!(
        before.iter().filter(|k| is_matrix(k)).count() >= 16,
        "the drawn matrix has findings"
    );
    assert_eq!(
        after.iter().filter(|k| is_matrix(k)).count(),
        0,
        "{after:#?}"
    );
    let rest: Vec<&String> = before.iter().filter(|k| !is_matrix(k)).collect();
    let rest_after: Vec<&String> = after.iter().collect();
    assert_eq!(rest, rest_after);
    let m = run_in(copy.path(), &["matrix", "plan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
    assert_eq!(v["differing"], 0);
}

/// A plan whose summary table and drawn matrix carry placeholders of project 2.
fn summary_and_matrix_fixture() -> common::Fixture {
    let f = common::Fixture::new();
    f.write(
        "plan.toml",
        format!(
            "{}{}",
            common::VALID,
            r#"
[[project]]
number = 1
name = "子育てプロジェクト"

[[project]]
number = 2
name = "産業プロジェクト"

[summary]
[[summary.headline]]
name = "住み続けたい人の割合"
target = "80%"

[[summary.project]]
project = "２ 産業プロジェクト"
indicators = [{ name = "新規求人数", target = "100件" }]

[matrix]
columns = ["子育てプロジェクト", "産業プロジェクト"]

[[matrix.row]]
measure = "1-1"
cells = ["", "調整中"]
"#
        ),
    );
    f
}

#[test]
fn report_assigns_summary_and_matrix_rows_to_their_project() {
    let f = summary_and_matrix_fixture();
    let out = f.run(&["report", "plan", "--format", "json"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = v["placeholders"].as_array().unwrap();
    let find = |subject: &str, kind: &str| {
        rows.iter()
            .find(|r| r["subject"] == subject && r["kind"] == kind)
            .unwrap_or_else(|| panic!("{subject} {kind}: {rows:#?}"))
    };
    // the summary table's row for 「２ 産業プロジェクト」: its empty baseline
    let summary = find("新規求人数", "missing-value");
    assert_eq!(summary["project"], 2);
    assert_eq!(summary["cell"], "baseline");
    // a 調整中 in the matrix column headed 「産業プロジェクト」
    let cell = find("1-1", "tbd");
    assert_eq!(cell["project"], 2);
    assert_eq!(cell["file"], "plan/plan.toml");
    // えがお咲く指標 are about every project: no project
    assert!(find("住み続けたい人の割合", "missing-value")["project"].is_null());

    let only2 = f.run(&["report", "plan", "--format", "json", "--project", "2"]);
    let v2: serde_json::Value = serde_json::from_str(&only2.stdout).unwrap();
    let subjects: Vec<&str> = v2["placeholders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["subject"].as_str().unwrap())
        .collect();
    assert_eq!(subjects, ["新規求人数", "1-1"], "{}", only2.stdout);
}

#[test]
fn report_of_a_project_includes_its_summary_table_rows() {
    let v = report_json(&["--project", "1"]);
    let from_summary: Vec<(&str, &str)> = v["placeholders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["file"] == "plan/summary.toml")
        .map(|r| (r["subject"].as_str().unwrap(), r["cell"].as_str().unwrap()))
        .collect();
    // plan/summary.toml prints both indicators of 「１ 少子高齢化対策プロジェクト」 with blank values
    assert_eq!(
        from_summary,
        [
            ("年少人口", "baseline"),
            ("年少人口", "target"),
            ("介護を必要としない高齢者の割合", "baseline"),
            ("介護を必要としない高齢者の割合", "target"),
        ]
    );
}

#[test]
fn japanese_csv_has_japanese_headers_kinds_and_cells() {
    let out = run_in(
        &repo(),
        &["report", "plan", "--format", "csv", "--lang", "ja"],
    );
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with('\u{FEFF}'));
    let rows = parse_csv(out.stdout.trim_start_matches('\u{FEFF}'));
    assert_eq!(
        rows[0],
        [
            "種類",
            "番号",
            "プロジェクト",
            "節",
            "項目",
            "記載",
            "欄",
            "ファイル",
            "行",
            "列"
        ]
    );
    let json = report_json(&[]);
    let items = json["placeholders"].as_array().unwrap();
    assert_eq!(rows.len() - 1, items.len());
    for (r, j) in rows[1..].iter().zip(items) {
        let (kind, cell) = (j["kind"].as_str().unwrap(), j["cell"].as_str());
        let expected_kind = match kind {
            "tbd" => "調整中",
            "page-ref" => "参考ページ未記入",
            "missing-value" => "空欄",
            "draft-plan" => "（案）のまま",
            "figure" => "グラフ・写真の枠",
            "note" => "調整予定の注記",
            "footnote" => "定義のない※",
            other => panic!("unknown kind {other}"),
        };
        assert_eq!(r[0], expected_kind);
        let expected_cell = match cell {
            Some("baseline") => "現状値",
            Some("target") => "目標値",
            Some("indicator") => "指標名",
            _ => "",
        };
        assert_eq!(r[6], expected_cell);
    }
}
