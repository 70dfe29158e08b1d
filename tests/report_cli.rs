//! `plancheck report` as a drafting officer calls it: the default format, `--project` and
//! `--kind` in the words the tool prints, `--width`, Japanese through and through. Expected
//! counts come from `report --format json` run as a separate process, or are written out.

mod common;
use common::{repo, run_in};
use unicode_width::UnicodeWidthStr;

/// The kinds: contract code, Japanese name, English name, as chosen for display.
const KINDS: [(&str, &str, &str); 7] = [
    ("tbd", "調整中", "being adjusted"),
    ("page-ref", "参考ページ未記入", "page reference missing"),
    ("missing-value", "空欄", "empty value"),
    ("draft-plan", "（案）のまま", "still a draft"),
    ("figure", "グラフ・写真の枠", "graph/photo box"),
    ("note", "調整予定の注記", "to-be-settled note"),
    ("footnote", "定義のない※", "undefined ※"),
];

/// The shipped plan's projects as printed in plan/projects/*.toml.
const PROJECTS: [(i64, &str); 5] = [
    (1, "少子高齢化対策プロジェクト"),
    (2, "産業活性化プロジェクト"),
    (3, "暮らしの安心実現プロジェクト"),
    (4, "共生社会実現プロジェクト"),
    (5, "ＤＸ推進プロジェクト"),
];

fn json(args: &[&str]) -> serde_json::Value {
    let mut a = vec!["report", "plan", "--format", "json"];
    a.extend_from_slice(args);
    let out = run_in(&repo(), &a);
    assert_eq!(out.code, 0, "{args:?}: {}{}", out.stdout, out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn rows(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["placeholders"].as_array().unwrap()
}

#[test]
fn the_table_is_the_default_when_stdout_is_a_pipe_or_a_file() {
    // The test harness reads stdout through a pipe: `| more` and `> tbd.txt` see the same.
    let out = run_in(&repo(), &["report", "plan", "--lang", "ja"]);
    assert_eq!(out.code, 0);
    let total = rows(&json(&[])).len();
    assert_eq!(
        out.stdout.lines().next(),
        Some(format!("未確定箇所 {total} 件（プロジェクト別・種類別）").as_str())
    );
    assert!(!out.stdout.trim_start().starts_with('{'));

    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("tbd.txt");
    let out = run_in(
        &repo(),
        &[
            "report",
            "plan",
            "--lang",
            "ja",
            "-o",
            txt.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written = std::fs::read_to_string(&txt).unwrap();
    assert!(written.starts_with("未確定箇所 "), "{written}");
    // without --format, the extension of --output decides
    let csv = dir.path().join("tbd.csv");
    run_in(&repo(), &["report", "plan", "-o", csv.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with('\u{FEFF}')
    );
    let j = dir.path().join("tbd.json");
    run_in(&repo(), &["report", "plan", "-o", j.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&j).unwrap()).unwrap();
    assert_eq!(v["version"], 1);
}

#[test]
fn project_by_number_printed_label_or_unique_part_of_the_name() {
    let all = json(&[]);
    for (n, name) in PROJECTS {
        let expected = rows(&all).iter().filter(|r| r["project"] == n).count();
        assert!(expected > 0);
        let full_width: String = n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect();
        for given in [
            n.to_string(),
            full_width.clone(),
            name.to_string(),
            format!("{n} {name}"),
            format!("{full_width} {name}"),
            format!("重点プロジェクト{n} {name}"),
            name.trim_end_matches("プロジェクト").to_string(),
        ] {
            let v = json(&["--project", &given]);
            assert_eq!(rows(&v).len(), expected, "--project {given}");
            assert!(
                rows(&v).iter().all(|r| r["project"] == n),
                "--project {given}"
            );
        }
    }
    // parts of names, any width and case
    for (given, n) in [("少子高齢化", 1), ("ｄｘ", 5), ("DX推進", 5), ("暮らし", 3)] {
        let v = json(&["--project", given]);
        assert!(!rows(&v).is_empty() && rows(&v).iter().all(|r| r["project"] == n));
    }
}

#[test]
fn project_headings_printed_by_the_table_are_accepted_back() {
    let table = run_in(&repo(), &["report", "plan", "--lang", "ja"]).stdout;
    let labels: Vec<&str> = table
        .lines()
        .filter_map(|l| l.strip_prefix('【'))
        .filter_map(|l| l.split_once('】').map(|(label, _)| label))
        .filter(|l| *l != "プロジェクト以外")
        .collect();
    assert_eq!(labels.len(), 5, "{table}");
    for (label, (n, _)) in labels.iter().zip(PROJECTS) {
        let v = json(&["--project", label]);
        assert!(!rows(&v).is_empty() && rows(&v).iter().all(|r| r["project"] == n));
    }
}

/// The lines of `text` that list a project as `  N name`.
fn listed(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("  "))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn a_project_that_matches_none_or_several_fails_listing_the_choices() {
    let all: Vec<String> = PROJECTS.iter().map(|(n, p)| format!("{n} {p}")).collect();
    // several: every name contains 「プロジェクト」
    let out = run_in(
        &repo(),
        &[
            "report",
            "plan",
            "--lang",
            "ja",
            "--project",
            "プロジェクト",
        ],
    );
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "", "errors go to standard error");
    assert!(
        out.stderr.contains("複数のプロジェクトに当てはまります"),
        "{}",
        out.stderr
    );
    assert_eq!(listed(&out.stderr), all);
    // only the matching ones are listed
    let out = run_in(
        &repo(),
        &["report", "plan", "--lang", "ja", "--project", "実現"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        listed(&out.stderr),
        [
            "3 暮らしの安心実現プロジェクト",
            "4 共生社会実現プロジェクト"
        ],
        "{}",
        out.stderr
    );
    // none
    for (given, lang, words) in [
        ("99", "ja", "当てはまるプロジェクトはありません"),
        ("5 少子高齢化", "ja", "当てはまるプロジェクトはありません"),
        ("transport", "en", "no project matches"),
    ] {
        let out = run_in(
            &repo(),
            &["report", "plan", "--lang", lang, "--project", given],
        );
        assert_eq!(out.code, 2, "{given}");
        assert!(out.stderr.contains(words), "{}", out.stderr);
        assert_eq!(listed(&out.stderr), all, "{}", out.stderr);
    }
}

/// Latin words left in a Japanese message once the option names are taken out.
fn english_in(ja: &str) -> Vec<String> {
    ja.replace("--project", "")
        .replace("--kind", "")
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn kinds_by_japanese_or_english_name_repeated_or_comma_separated() {
    let all = json(&[]);
    let count = |code: &str| all["summary"][code].as_u64().unwrap() as usize;
    for (code, ja, en) in KINDS {
        for given in [code, ja, en] {
            let v = json(&["--kind", given]);
            assert_eq!(rows(&v).len(), count(code), "--kind {given}");
            assert!(rows(&v).iter().all(|r| r["kind"] == code));
        }
    }
    let both = count("tbd") + count("page-ref");
    for args in [
        vec!["--kind", "tbd,page-ref"],
        vec!["--kind", "調整中、参考ページ未記入"],
        vec!["--kind", "ＴＢＤ，ｐａｇｅ－ｒｅｆ"],
        vec!["--kind", "調整中", "--kind", "page-ref"],
        vec!["--kind", "tbd, 参考ページ未記入"],
    ] {
        assert_eq!(rows(&json(&args)).len(), both, "{args:?}");
    }
}

#[test]
fn an_unknown_kind_fails_listing_the_choices_in_the_chosen_language() {
    let out = run_in(
        &repo(),
        &["report", "plan", "--lang", "ja", "--kind", "tbd,図"],
    );
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("「図」という種類はありません"),
        "{}",
        out.stderr
    );
    for (code, ja, _) in KINDS {
        assert!(
            out.stderr.contains(&format!("  {ja}（{code}）")),
            "{ja}: {}",
            out.stderr
        );
    }
    let prose: String = out.stderr.lines().next().unwrap().to_string();
    assert_eq!(english_in(&prose), Vec::<String>::new(), "{prose}");
    let out = run_in(
        &repo(),
        &["report", "plan", "--lang", "en", "--kind", "figures"],
    );
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("there is no kind “figures”"),
        "{}",
        out.stderr
    );
    for (code, ja, en) in KINDS {
        assert!(
            out.stderr.contains(&format!("  {code} ({en}, {ja})")),
            "{}",
            out.stderr
        );
    }
}

#[test]
fn project_errors_in_japanese_have_no_english_words() {
    for given in ["プロジェクト", "99"] {
        let out = run_in(
            &repo(),
            &["report", "plan", "--lang", "ja", "--project", given],
        );
        let prose = out.stderr.lines().next().unwrap();
        assert!(prose.ends_with('。'), "{prose}");
        assert_eq!(english_in(prose), Vec::<String>::new(), "{prose}");
    }
}

#[test]
fn tables_are_no_wider_than_the_width() {
    let total = rows(&json(&[])).len();
    for lang in ["ja", "en"] {
        for width in [24, 40, 60, 80, 100, 140] {
            let w = width.to_string();
            let out = run_in(&repo(), &["report", "plan", "--lang", lang, "--width", &w]);
            assert_eq!(out.code, 0);
            for line in out.stdout.lines() {
                assert!(
                    UnicodeWidthStr::width(line) <= width,
                    "{lang} {width}: {} > {width}: {line}",
                    UnicodeWidthStr::width(line)
                );
            }
            if width >= 100 {
                // wide enough to keep every location whole: one per placeholder
                let locations = out.stdout.lines().filter(|l| l.contains(".toml:")).count();
                assert_eq!(locations, total, "{lang} {width}");
            }
        }
    }
    // COLUMNS (the terminal's width) is honoured when --width is not given
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .current_dir(repo())
        .args(["report", "plan", "--lang", "ja"])
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| UnicodeWidthStr::width(l) <= 50));
    assert!(text.lines().any(|l| UnicodeWidthStr::width(l) > 40));
}

#[test]
fn japanese_mode_names_kinds_and_cells_in_japanese_in_every_text_format() {
    let contract_words = [
        "tbd",
        "page-ref",
        "missing-value",
        "draft-plan",
        "figure",
        "footnote",
        "baseline",
        "target",
        "indicator",
    ];
    for format in ["table", "markdown", "csv"] {
        let out = run_in(
            &repo(),
            &[
                "report", "plan", "--lang", "ja", "--format", format, "--width", "200",
            ],
        );
        assert_eq!(out.code, 0);
        for w in contract_words {
            assert!(!out.stdout.contains(w), "{format} contains {w}");
        }
        for (_, ja, _) in KINDS {
            assert!(out.stdout.contains(ja), "{format} lacks {ja}");
        }
        for cell in ["現状値", "目標値"] {
            assert!(out.stdout.contains(cell), "{format} lacks {cell}");
        }
    }
}

#[test]
fn a_plan_without_projects_says_so_instead_of_an_empty_list() {
    let f = common::Fixture::new();
    f.write("plan.toml", common::VALID);
    let out = f.run(&["report", "plan", "--lang", "ja", "--project", "1"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("この計画にはプロジェクトがありません。"),
        "{}",
        out.stderr
    );
    let out = f.run(&["report", "plan", "--lang", "en", "--project", "1"]);
    assert!(
        out.stderr.contains("the plan has no projects"),
        "{}",
        out.stderr
    );
    // and the report itself is an empty table, not an error
    let out = f.run(&["report", "plan", "--lang", "ja"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.starts_with("未確定箇所 0 件"), "{}", out.stdout);
}
