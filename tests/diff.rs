//! `plancheck diff`: the 新旧対照表 of two versions of a plan. Expected changes are written by
//! hand from the edits each test makes; nothing here computes them with the library.

mod common;
use common::copy_dir;
use common::{base_with, repo, run_in};
use std::path::{Path, PathBuf};

/// A temporary directory with the folders `old/` and `new/` (run from it, paths are short).
struct Pair {
    dir: tempfile::TempDir,
}

impl Pair {
    fn new(old: &str, new: &str) -> Pair {
        let p = Pair {
            dir: tempfile::tempdir().unwrap(),
        };
        p.write("old/plan.toml", old);
        p.write("new/plan.toml", new);
        p
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn diff(&self, extra: &[&str]) -> common::Output {
        let mut args = vec!["diff", "old", "new"];
        args.extend_from_slice(extra);
        run_in(self.path(), &args)
    }

    fn json(&self, extra: &[&str]) -> serde_json::Value {
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(extra);
        let out = self.diff(&args);
        assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
        serde_json::from_str(&out.stdout).unwrap()
    }
}

/// The changes of a JSON document as `(kind, section › item, old text, new text)`.
fn listed(doc: &serde_json::Value) -> Vec<(String, String, String, String)> {
    let text = |v: &serde_json::Value| v["text"].as_str().unwrap_or("").to_string();
    doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut path: Vec<String> = c["section"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect();
            path.push(c["item"].as_str().unwrap().to_string());
            (
                c["kind"].as_str().unwrap().to_string(),
                path.join(" › "),
                text(&c["old"]),
                text(&c["new"]),
            )
        })
        .collect()
}

fn owned(list: &[(&str, &str, &str, &str)]) -> Vec<(String, String, String, String)> {
    list.iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect()
}

/// The base plan edited once for every kind of change.
fn every_kind() -> Pair {
    let old = base_with(&[]);
    let new = base_with(&[
        // added: a project indicator
        (
            "target = \"31,000 人\"\n\n[[project.direction]]",
            "target = \"31,000 人\"\n\n[[project.indicators.row]]\nname = \"合計特殊出生率\"\nbaseline = \"1.30\"\ntarget = \"1.40\"\n\n[[project.direction]]",
        ),
        // renamed: a table row's indicator, a near name in the same place
        (
            "indicator = \"健診受診率\"",
            "indicator = \"乳幼児健診受診率\"",
        ),
        // changed: a value
        ("target = \"96.5%\"", "target = \"97.0%\""),
        // changed and added: sentences of running text
        (
            "aim = \"安心して子どもを育てられるまちを実現します。\"",
            "aim = \"誰もが安心して子どもを育てられるまちを実現します。地域で見守ります。\"",
        ),
        // removed: a related plan
        (
            "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
            "plans = [\"子ども・子育て支援事業計画\"]",
        ),
        // changed: a matrix cell
        ("cells = [\"○\"]", "cells = [\"◎\"]"),
        // renamed: a heading
        ("heading = \"計画の期間\"", "heading = \"計画期間\""),
    ]);
    Pair::new(&old, &new)
}

#[test]
fn every_kind_of_change_is_found_once_with_both_locations() {
    let pair = every_kind();
    let doc = pair.json(&[]);
    assert_eq!(doc["version"], 1);
    let p1 = "重点プロジェクト1 子育て応援プロジェクト";
    let row = format!("{p1} › 取組の方向性1 安心して子育てできる社会 › 対応表");
    let expected = owned(&[
        (
            "changed",
            &format!("{p1} › ねらい"),
            "安心して子どもを育てられるまちを実現します。",
            "誰もが安心して子どもを育てられるまちを実現します。",
        ),
        ("added", &format!("{p1} › ねらい"), "", "地域で見守ります。"),
        (
            "added",
            &format!("{p1} › プロジェクト指標 › 指標"),
            "",
            "合計特殊出生率（現状値 1.30、目標値 1.40）",
        ),
        (
            "renamed",
            &format!("{row} › 1-1 方針１ › 指標"),
            "健診受診率",
            "乳幼児健診受診率",
        ),
        (
            "changed",
            &format!("{row} › 1-1 方針１ › 指標 乳幼児健診受診率 › 目標値"),
            "96.5%",
            "97.0%",
        ),
        (
            "removed",
            &format!("{p1} › 関連計画 › 関連計画"),
            "地域防災計画",
            "",
        ),
        (
            "changed",
            "重点施策との対応 › 施策 2-1 › 子育て応援プロジェクト",
            "○",
            "◎",
        ),
        ("renamed", "本文 › 見出し", "計画の期間", "計画期間"),
    ]);
    assert_eq!(listed(&doc), expected);
    let summary = &doc["summary"];
    assert_eq!(
        (
            &summary["added"],
            &summary["removed"],
            &summary["renamed"],
            &summary["changed"]
        ),
        (&2.into(), &1.into(), &2.into(), &3.into())
    );
    // the renamed indicator: both places, and only the words that differ marked
    let renamed = &doc["changes"][3];
    assert_eq!(renamed["old"]["file"], "old/plan.toml");
    assert_eq!(renamed["new"]["file"], "new/plan.toml");
    let line_of = |dir: &str, needle: &str| {
        let text = std::fs::read_to_string(pair.path().join(dir).join("plan.toml")).unwrap();
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    assert_eq!(renamed["old"]["line"], line_of("old", "\"健診受診率\""));
    assert_eq!(
        renamed["new"]["line"],
        line_of("new", "\"乳幼児健診受診率\"")
    );
    assert_eq!(renamed["old"]["marks"], serde_json::json!([]));
    assert_eq!(
        renamed["new"]["marks"],
        serde_json::json!([[0, 3]]),
        "乳幼児"
    );
}

#[test]
fn every_format_shows_the_same_changes() {
    let pair = every_kind();
    let table_en = pair.diff(&["--width", "120"]);
    assert_eq!(table_en.code, 0, "{}", table_en.stderr);
    insta::assert_snapshot!("table_en", table_en.stdout);
    let table_ja = pair.diff(&["--lang", "ja", "--width", "100"]);
    insta::assert_snapshot!("table_ja", table_ja.stdout);
    let md = pair.diff(&["--lang", "ja", "--format", "markdown"]);
    insta::assert_snapshot!("markdown_ja", md.stdout);
    let json = pair.diff(&["--format", "json"]);
    insta::assert_snapshot!("json", json.stdout);
}

#[test]
fn identical_folders_give_no_change_in_one_line() {
    let pair = Pair::new(&base_with(&[]), &base_with(&[]));
    let out = pair.diff(&[]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "No changes between old and new.\n");
    let ja = pair.diff(&["--lang", "ja"]);
    assert_eq!(ja.stdout, "old と new の間に変更はありません。\n");
    let doc = pair.json(&[]);
    assert_eq!(doc["changes"], serde_json::json!([]));
    assert_eq!(doc["summary"]["total"], 0);
}

#[test]
fn reordered_records_and_width_or_spacing_variants_are_no_change() {
    // the same plan with records in another order (policies, measure directions, table rows,
    // matrix rows), split over two files, and ids printed in full width
    let old = base_with(&[]);
    let moved = |text: &str, block: &str, before: &str| {
        assert!(text.contains(block) && text.contains(before));
        text.replacen(block, "", 1)
            .replacen(before, &format!("{block}{before}"), 1)
    };
    let mut new = base_with(&[]);
    new = moved(
        &new,
        "[[policy]]\nid = \"2\"\nname = \"安全政策\"\ngoal = \"安心して暮らせるまち\"\n\n",
        "[[policy]]\nid = \"1\"",
    );
    new = moved(
        &new,
        "[[measure.direction]]\nid = \"1-1 方針２\"\ntitle = \"保育の充実\"\n\n",
        "[[measure.direction]]\nid = \"1-1 方針１\"",
    );
    let row3 = "[[project.direction.table.row]]\ndirection = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"\nindicator = \"刑法犯認知件数\"\nbaseline = \"1,869 件\"\ntarget = \"1,400 件\"\npage = \"P.20\"\n\n";
    new = moved(
        &new,
        row3,
        "[[project.direction.table.row]]\ndirection = \"1-1 方針１\"",
    );
    let matrix_row2 = "[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells = [\"○\"]\n\n";
    new = moved(&new, matrix_row2, "[[matrix.row]]\npolicy = \"子育て政策\"");
    new = new.replacen("id = \"1-1\"", "id = \"１-１\"", 1);
    new = new.replacen(
        "name = \"子育て応援プロジェクト\"",
        "name = \"子育て応援 プロジェクト\"",
        1,
    );
    // the prose moved to a file of its own
    let prose = "[[prose]]\nheading = \"計画の期間\"\ntext = \"令和７年度（2025年度）から５年間の計画です。\"\n";
    assert!(new.contains(prose));
    new = new.replacen(prose, "", 1);
    let pair = Pair::new(&old, &new);
    pair.write("new/intro.toml", prose);
    assert_ne!(old, new);
    let doc = pair.json(&[]);
    assert_eq!(doc["changes"], serde_json::json!([]), "{doc:#}");
}

/// The shipped plan's change table (plan/changes.toml) records what changed since the 5th
/// council meeting. The 5th-meeting draft, rebuilt by undoing it by hand: the five old
/// project names (「DX 推進プロジェクト」 differs from 「ＤＸ推進プロジェクト」 only in width and
/// spacing), and the old outline as far as the plan folder transcribes it — 「4.重点施策との
/// 対応」 for 「3.」, and 「2.取組方針」 with 「①SDGs の推進」 and 「②いせさき GX の推進」 (the
/// chapter headings 「1.重点プロジェクトの概要」 and 「3.重点プロジェクト」 are not in the plan
/// folder, so there is nothing to undo for them). The change table itself is left out.
fn fifth_meeting_draft(root: &Path) -> PathBuf {
    let old = root.join("old");
    copy_dir(&repo().join("plan"), &old);
    let edit = |rel: &str, edits: &[(&str, &str)]| {
        let path = old.join(rel);
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (from, to) in edits {
            assert!(text.contains(from), "{rel}: {from}");
            text = text.replace(from, to);
        }
        std::fs::write(path, text).unwrap();
    };
    let names = [
        ("暮らしの安心実現プロジェクト", "防災・減災プロジェクト"),
        ("共生社会実現プロジェクト", "多文化共生プロジェクト"),
    ];
    // projects 1 and 2 kept their names (変更前 and 変更後 agree)
    edit("projects/p3.toml", &[names[0]]);
    edit("projects/p4.toml", &[names[1]]);
    edit(
        "projects/p5.toml",
        &[(
            "name = \"ＤＸ推進プロジェクト\"",
            "name = \"DX 推進プロジェクト\"",
        )],
    );
    for rel in [
        "summary.toml",
        "strategy.toml",
        "matrix.toml",
        "overview.toml",
    ] {
        edit(rel, &names);
    }
    edit(
        "intro.toml",
        &[(
            "heading = \"３ 重点施策との対応\"",
            "heading = \"４ 重点施策との対応\"",
        )],
    );
    edit(
        "sdgs.toml",
        &[(
            "[[prose]]\nheading = \"（４） ＳＤＧｓの推進\"",
            "[[prose]]\nheading = \"２ 取組方針\"\n\n[[prose]]\nheading = \"①SDGs の推進\"",
        )],
    );
    let sdgs = old.join("sdgs.toml");
    let mut text = std::fs::read_to_string(&sdgs).unwrap();
    text.push_str("\n[[prose]]\nheading = \"②いせさき GX の推進\"\n");
    std::fs::write(sdgs, text).unwrap();
    std::fs::remove_file(old.join("changes.toml")).unwrap();
    old
}

#[test]
fn the_fifth_meeting_draft_differs_by_what_the_change_table_records() {
    let tmp = tempfile::tempdir().unwrap();
    let old = fifth_meeting_draft(tmp.path());
    let plan = repo().join("plan");
    let out = run_in(
        &repo(),
        &["diff", old.to_str().unwrap(), "plan", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let (p3_old, p3_new) = ("防災・減災プロジェクト", "暮らしの安心実現プロジェクト");
    let (p4_old, p4_new) = ("多文化共生プロジェクト", "共生社会実現プロジェクト");
    let strategy = "国の総合戦略との関係 › 柱 まちの創生 › 重点プロジェクト";
    let expected = owned(&[
        ("renamed", "重点プロジェクト3", p3_old, p3_new),
        ("renamed", "重点プロジェクト4", p4_old, p4_new),
        (
            "renamed",
            "重点プロジェクトの数値目標 › プロジェクト",
            &format!("３ {p3_old}"),
            &format!("３ {p3_new}"),
        ),
        (
            "renamed",
            "重点プロジェクトの数値目標 › プロジェクト",
            &format!("４ {p4_old}"),
            &format!("４ {p4_new}"),
        ),
        ("renamed", strategy, p3_old, p3_new),
        ("renamed", strategy, p4_old, p4_new),
        ("renamed", "重点施策との対応 › 列", p3_old, p3_new),
        ("renamed", "重点施策との対応 › 列", p4_old, p4_new),
        ("renamed", "概要版 › 重点プロジェクト", p3_old, p3_new),
        ("renamed", "概要版 › 重点プロジェクト", p4_old, p4_new),
        (
            "renamed",
            "本文 › 見出し",
            "４ 重点施策との対応",
            "３ 重点施策との対応",
        ),
        ("removed", "本文 › 見出し", "２ 取組方針", ""),
        (
            "renamed",
            "本文 › 見出し",
            "①SDGs の推進",
            "（４） ＳＤＧｓの推進",
        ),
        ("removed", "本文 › 見出し", "②いせさき GX の推進", ""),
    ]);
    assert_eq!(listed(&doc), expected);
    // every change points at both versions' lines, found here by text
    let line_of = |dir: &Path, rel: &str, needle: &str| {
        let text = std::fs::read_to_string(dir.join(rel)).unwrap();
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    };
    let p3 = &doc["changes"][0];
    assert_eq!(p3["project"], 3);
    assert_eq!(p3["level"], "project");
    assert!(
        p3["old"]["file"]
            .as_str()
            .unwrap()
            .ends_with("old/projects/p3.toml")
    );
    let name = |n: &str| format!("name = \"{n}\"");
    assert_eq!(
        p3["old"]["line"],
        line_of(&old, "projects/p3.toml", &name(p3_old))
    );
    assert_eq!(p3["new"]["file"], "plan/projects/p3.toml");
    assert_eq!(
        p3["new"]["line"],
        line_of(&plan, "projects/p3.toml", &name(p3_new))
    );
    let sdgs = &doc["changes"][12];
    assert_eq!(sdgs["old"]["line"], line_of(&old, "sdgs.toml", "①SDGs"));
    assert_eq!(
        sdgs["new"]["line"],
        line_of(&plan, "sdgs.toml", "（４） ＳＤＧｓの推進")
    );
}

#[test]
fn against_changes_lists_what_the_change_table_leaves_out() {
    // the shipped table records the renames and the removed outline items, but says that
    // 「①SDGs の推進」 was removed, while the plan renamed it 「（４） ＳＤＧｓの推進」
    let tmp = tempfile::tempdir().unwrap();
    let old = fifth_meeting_draft(tmp.path());
    let out = run_in(
        &repo(),
        &[
            "diff",
            old.to_str().unwrap(),
            "plan",
            "--against-changes",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["scope"], "not-in-change-table");
    assert_eq!(
        listed(&doc),
        owned(&[(
            "renamed",
            "本文 › 見出し",
            "①SDGs の推進",
            "（４） ＳＤＧｓの推進"
        )])
    );
    let ja = run_in(
        &repo(),
        &[
            "diff",
            old.to_str().unwrap(),
            "plan",
            "--against-changes",
            "--lang",
            "ja",
        ],
    );
    assert!(
        ja.stdout
            .contains("変更対照表に記載のない変更が 1 件あります"),
        "{}",
        ja.stdout
    );
}

#[test]
fn against_changes_on_a_small_pair_keeps_only_unrecorded_names_and_headings() {
    let old = base_with(&[]);
    let new = base_with(&[
        (
            "name = \"子育て応援プロジェクト\"",
            "name = \"子育て安心プロジェクト\"",
        ),
        ("heading = \"計画の期間\"", "heading = \"計画期間\""),
        ("target = \"96.5%\"", "target = \"97.0%\""),
    ]);
    let pair = Pair::new(&old, &new);
    // the table records the project's new name, not the heading
    pair.write(
        "new/changes.toml",
        "[[change]]\ntopic = \"重点プロジェクト\"\nbefore = [\"子育て応援プロジェクト\"]\nafter = [\"子育て安心プロジェクト\"]\n",
    );
    let doc = pair.json(&["--against-changes"]);
    assert_eq!(
        listed(&doc),
        owned(&[("renamed", "本文 › 見出し", "計画の期間", "計画期間")])
    );
    // without the table, the project's rename is listed too; the value is never at the
    // table's level
    std::fs::remove_file(pair.path().join("new/changes.toml")).unwrap();
    let doc = pair.json(&["--against-changes"]);
    let kinds: Vec<String> = listed(&doc).into_iter().map(|c| c.1).collect();
    assert_eq!(kinds, ["重点プロジェクト1", "本文 › 見出し"]);
}

#[test]
fn against_changes_leaves_out_an_added_heading_the_table_records() {
    let old = base_with(&[]);
    let mut new = base_with(&[]);
    new.push_str("\n[[prose]]\nheading = \"計画の構成\"\ntext = \"三部構成です。\"\n");
    new.push_str("\n[[prose]]\nheading = \"計画の推進体制\"\ntext = \"全庁で推進します。\"\n");
    let pair = Pair::new(&old, &new);
    // the table records one of the two new headings
    pair.write(
        "new/changes.toml",
        "[[change]]\ntopic = \"本文\"\nafter = [\"計画の構成\"]\n",
    );
    let doc = pair.json(&["--against-changes"]);
    assert_eq!(
        listed(&doc),
        owned(&[("added", "本文 › 見出し", "", "計画の推進体制")])
    );
}

#[test]
fn a_project_named_in_a_list_is_the_project_of_the_change() {
    // project 2 added, and named in the strategy box: that change is project 2's
    let old = base_with(&[]);
    let mut new = base_with(&[(
        "projects = [\"子育て応援プロジェクト\"]",
        "projects = [\"子育て応援プロジェクト\", \"安全プロジェクト\"]",
    )]);
    new.push_str("\n[[project]]\nnumber = 2\nname = \"安全プロジェクト\"\n");
    let pair = Pair::new(&old, &new);
    let doc = pair.json(&[]);
    assert_eq!(
        listed(&doc),
        owned(&[
            ("added", "重点プロジェクト2", "", "安全プロジェクト"),
            (
                "added",
                "国の総合戦略との関係 › 柱 ひとの創生 › 重点プロジェクト",
                "",
                "安全プロジェクト"
            ),
        ])
    );
    assert_eq!(doc["changes"][0]["project"], 2);
    assert_eq!(doc["changes"][1]["project"], 2, "{:#}", doc["changes"][1]);
}

#[test]
fn a_removed_group_without_text_of_its_own_is_listed_by_its_first_text() {
    // the project's indicator table removed whole: its labels and its one row
    let old = base_with(&[]);
    let table = "[project.indicators]\nbaseline_label = \"（令和５年度）\"\ntarget_label = \"（令和１１年度）\"\n\n[[project.indicators.row]]\nname = \"年少人口\"\nbaseline = \"30,000 人\"\ntarget = \"31,000 人\"\n\n";
    let new = base_with(&[(table, "")]);
    let pair = Pair::new(&old, &new);
    let doc = pair.json(&[]);
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{doc:#}");
    let c = &changes[0];
    assert_eq!(c["kind"], "removed");
    assert_eq!(c["item"], "プロジェクト指標");
    assert_eq!(c["project"], 1);
    assert_eq!(
        c["section"],
        serde_json::json!(["重点プロジェクト1 子育て応援プロジェクト"])
    );
    let line = old
        .lines()
        .position(|l| l == "baseline_label = \"（令和５年度）\"")
        .unwrap()
        + 1;
    assert_eq!(c["old"]["line"], line);
    assert!(
        c["old"]["text"]
            .as_str()
            .unwrap()
            .starts_with("（令和５年度）"),
        "{c:#}"
    );
    assert!(c["new"].is_null());
}

#[test]
fn findings_delta_counts_resolved_new_and_unchanged_like_a_baseline() {
    // old: an unknown direction (PC102) in a table row; new: that fixed, and 調整中 (PC401)
    // in an aim instead
    let old = base_with(&[("direction = \"2-1 方針１\"", "direction = \"2-1 方針９\"")]);
    let new = base_with(&[(
        "aim = \"安心して子どもを育てられるまちを実現します。\"",
        "aim = \"調整中\"",
    )]);
    let pair = Pair::new(&old, &new);
    let doc = pair.json(&["--findings"]);
    let codes = |k: &str| -> Vec<String> {
        doc["findings"][k]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(codes("resolved").contains(&"PC102".to_string()), "{doc:#}");
    assert!(!codes("new").contains(&"PC102".to_string()));
    assert!(codes("new").contains(&"PC401".to_string()), "{doc:#}");
    assert!(!codes("resolved").contains(&"PC401".to_string()));
    // the base plan has no findings, so nothing else is unchanged
    assert_eq!(codes("unchanged"), Vec::<String>::new());
    let resolved = &doc["findings"]["resolved"][0];
    assert_eq!(resolved["file"], "old/plan.toml");
    let ja = pair.diff(&["--findings", "--lang", "ja"]);
    let n = codes("resolved").len();
    assert!(
        ja.stdout
            .contains(&format!("{n} 件の指摘が前回から解消しました。")),
        "{}",
        ja.stdout
    );
    // without --findings, no findings key
    assert!(pair.json(&[]).get("findings").is_none());
}

#[test]
fn a_side_that_does_not_load_is_reported_with_its_position_and_exit_2() {
    let pair = Pair::new("[plan\nname = 1\n", &base_with(&[]));
    let out = pair.diff(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("old/plan.toml:1:"), "{}", out.stdout);
    let both = Pair::new("[plan\n", "x = = 1\n");
    let out = both.diff(&["--format", "json"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("old/plan.toml") && out.stdout.contains("new/plan.toml"));
    let missing = run_in(
        Path::new("/"),
        &["diff", "/nonexistent-old", "/nonexistent-new"],
    );
    assert_eq!(missing.code, 2);
}

#[test]
fn html_is_a_page_with_the_changed_words_in_del_and_ins() {
    use scraper::{Html, Selector};
    let pair = every_kind();
    let out = pair.diff(&["--lang", "ja", "--format", "html"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = Html::parse_document(&out.stdout);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let html = page.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("ja"));
    let title: String = page.select(&sel("title")).next().unwrap().text().collect();
    assert_eq!(title, "テスト市総合計画 前期アクションプラン 新旧対照表");
    let heads: Vec<String> = page
        .select(&sel("table.diff thead th"))
        .map(|t| t.text().collect())
        .collect();
    assert_eq!(heads, ["種別", "項目", "変更前", "変更後"]);
    let rows: Vec<_> = page.select(&sel("table.diff tbody tr")).collect();
    assert_eq!(rows.len(), 8);
    let classes: Vec<&str> = rows
        .iter()
        .map(|r| r.value().attr("class").unwrap())
        .collect();
    assert_eq!(
        classes,
        [
            "changed", "added", "added", "renamed", "changed", "removed", "changed", "renamed"
        ]
    );
    let marked = |row: usize, tag: &str| -> Vec<String> {
        rows[row]
            .select(&sel(tag))
            .map(|e| e.text().collect())
            .collect()
    };
    assert_eq!(marked(3, "ins"), ["乳幼児"]);
    assert_eq!(marked(3, "del"), Vec::<String>::new());
    assert_eq!(marked(7, "del"), ["の"]);
    assert_eq!(marked(4, "del"), ["96.5"]);
    assert_eq!(marked(4, "ins"), ["97.0"]);
    // both locations under the texts
    let places: Vec<String> = rows[3]
        .select(&sel("small.place"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(places.len(), 2);
    assert!(places[0].starts_with("old/plan.toml:") && places[1].starts_with("new/plan.toml:"));
    // plan text is escaped
    let evil = Pair::new(
        &base_with(&[]),
        &base_with(&[(
            "heading = \"計画の期間\"",
            "heading = \"計画の<b>期間</b>\"",
        )]),
    );
    let out = evil.diff(&["--format", "html"]);
    assert!(out.stdout.contains("&lt;b&gt;") && !out.stdout.contains("<b>期間"));
    let table = Html::parse_document(&pair.diff(&["--lang", "ja", "--format", "html"]).stdout)
        .select(&sel("table.diff"))
        .next()
        .unwrap()
        .html();
    insta::assert_snapshot!("html_table_ja", table.replace("</tr>", "</tr>\n"));
}

#[test]
fn xlsx_reads_back_as_the_same_table() {
    use calamine::{Data, Reader, Xlsx};
    let pair = every_kind();
    let out = pair.diff(&["--lang", "ja", "--findings", "--output", "changes.xlsx"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stdout, "", "the table went to the file");
    let mut wb: Xlsx<_> = calamine::open_workbook(pair.path().join("changes.xlsx")).unwrap();
    assert_eq!(wb.sheet_names(), ["新旧対照表", "指摘の変化"]);
    let sheet = wb.worksheet_range("新旧対照表").unwrap();
    let cell = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        None | Some(Data::Empty) => String::new(),
        Some(other) => panic!("not text: {other:?}"),
    };
    assert_eq!(
        cell(0, 0),
        "テスト市総合計画 前期アクションプラン 新旧対照表"
    );
    assert!(cell(1, 0).starts_with("old → new: 変更 8 件"));
    let head: Vec<String> = (0..6).map(|c| cell(2, c)).collect();
    assert_eq!(
        head,
        [
            "種別",
            "項目",
            "変更前",
            "変更後",
            "変更前の場所",
            "変更後の場所"
        ]
    );
    assert_eq!(sheet.height(), 3 + 8);
    // the rename row, its rich text read back whole
    assert_eq!(cell(6, 0), "改称");
    assert_eq!(cell(6, 2), "健診受診率");
    assert_eq!(cell(6, 3), "乳幼児健診受診率");
    assert!(cell(6, 4).starts_with("old/plan.toml:"));
    assert_eq!(cell(8, 0), "削除");
    assert_eq!(cell(8, 3), "");
    // the changed words are formatted runs of the cell (underlined), in the sheet's XML
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(pair.path().join("changes.xlsx")).unwrap())
            .unwrap();
    let mut xml = String::new();
    use std::io::Read;
    zip.by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<u/>") && xml.contains(">乳幼児</t>"), "{xml}");
    // xlsx needs a file
    let out = pair.diff(&["--format", "xlsx"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--output"));
}

#[test]
fn output_is_never_written_into_either_plan_folder() {
    let pair = every_kind();
    for target in ["old/changes.md", "new/changes.md"] {
        let out = pair.diff(&["--output", target]);
        assert_eq!(out.code, 2, "{target}");
        assert!(!pair.path().join(target).exists());
    }
    let out = pair.diff(&["--output", "changes.md"]);
    assert_eq!(out.code, 0);
    let md = std::fs::read_to_string(pair.path().join("changes.md")).unwrap();
    assert!(
        md.starts_with("# Comparison of versions\n"),
        "markdown from the extension"
    );
}

/// Runs git in `dir`, which must succeed.
fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn old_rev_reads_the_older_version_from_git_without_touching_the_work_tree() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let plan = root.join("plans/city");
    std::fs::create_dir_all(&plan).unwrap();
    std::fs::write(plan.join("plan.toml"), base_with(&[])).unwrap();
    std::fs::write(root.join("README"), "x").unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    let edited = base_with(&[("heading = \"計画の期間\"", "heading = \"計画期間\"")]);
    std::fs::write(plan.join("plan.toml"), &edited).unwrap();
    let status = |root: &Path| {
        std::process::Command::new("git")
            .current_dir(root)
            .args(["status", "--porcelain"])
            .output()
            .unwrap()
            .stdout
    };
    let before = status(root);
    let out = run_in(
        root,
        &[
            "diff",
            "--old-rev",
            "HEAD",
            "plans/city",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["old"], "HEAD:plans/city");
    assert_eq!(
        listed(&doc),
        owned(&[("renamed", "本文 › 見出し", "計画の期間", "計画期間")])
    );
    assert_eq!(
        doc["changes"][0]["old"]["file"],
        "HEAD:plans/city/plan.toml"
    );
    // the work tree and the index are as they were
    assert_eq!(
        std::fs::read_to_string(plan.join("plan.toml")).unwrap(),
        edited
    );
    assert_eq!(status(root), before);
    // from inside the folder, with a relative revision
    git(root, &["commit", "-q", "-am", "second"]);
    let out = run_in(&plan, &["diff", "--old-rev", "HEAD~1", "."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("HEAD~1:. → .: 1 change ("),
        "{}",
        out.stdout
    );
    // an unknown revision, a folder outside any repository, two folders with --old-rev
    let out = run_in(root, &["diff", "--old-rev", "no-such-rev", "plans/city"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("'no-such-rev'"), "{}", out.stderr);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("plan.toml"), base_with(&[])).unwrap();
    let out = run_in(
        outside.path(),
        &["diff", "--old-rev", "HEAD", ".", "--lang", "ja"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("git のリポジトリ"), "{}", out.stderr);
    let out = run_in(
        root,
        &["diff", "--old-rev", "HEAD", "plans/city", "plans/city"],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--old-rev"), "{}", out.stderr);
}

#[test]
fn the_readme_examples_run_in_a_fresh_repository() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme
        .split("### Comparing two drafts")
        .nth(1)
        .expect("the README has the diff section");
    let block = section
        .split("```sh\n")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    let commands: Vec<Vec<&str>> = block
        .lines()
        .filter_map(|l| l.split('#').next()?.trim().strip_prefix("cargo run -- "))
        .map(|c| c.split_whitespace().collect())
        .collect();
    assert!(commands.len() >= 5, "{commands:?}");
    // a clone of the office's repository: the shipped plan, committed, then edited
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("plan"), &tmp.path().join("plan"));
    git(tmp.path(), &["init", "-q"]);
    git(tmp.path(), &["add", "."]);
    git(tmp.path(), &["commit", "-q", "-m", "5th meeting"]);
    let p3 = tmp.path().join("plan/projects/p3.toml");
    let text = std::fs::read_to_string(&p3).unwrap();
    std::fs::write(
        &p3,
        text.replace(
            "name = \"暮らしの安心実現プロジェクト\"",
            "name = \"暮らしの安全実現プロジェクト\"",
        ),
    )
    .unwrap();
    for args in commands {
        let out = run_in(tmp.path(), &args);
        assert_eq!(out.code, 0, "{args:?}: {}{}", out.stdout, out.stderr);
        if let Some(i) = args.iter().position(|a| *a == "--output") {
            let written = tmp.path().join(args[i + 1]);
            assert!(std::fs::metadata(&written).unwrap().len() > 0, "{args:?}");
        } else if args.contains(&"--old-rev") && !args.contains(&"--against-changes") {
            assert!(
                out.stdout.contains("重点プロジェクト3")
                    && out.stdout.contains("HEAD:plan/projects/p3.toml:6"),
                "{args:?}: {}",
                out.stdout
            );
        } else {
            assert!(!out.stdout.is_empty(), "{args:?}");
        }
    }
}

#[test]
fn a_project_renamed_in_one_place_is_one_rename_not_a_cascade() {
    // the summary, the strategy, the matrix column and the leaflet still print the old name:
    // they are not renamed, and the matrix cells under the column are the same cells
    let new = base_with(&[(
        "number = 1\nname = \"子育て応援プロジェクト\"",
        "number = 1\nname = \"子育て安心プロジェクト\"",
    )]);
    let pair = Pair::new(&base_with(&[]), &new);
    let doc = pair.json(&[]);
    assert_eq!(
        listed(&doc),
        owned(&[(
            "renamed",
            "重点プロジェクト1",
            "子育て応援プロジェクト",
            "子育て安心プロジェクト"
        )])
    );
    // renamed everywhere: each place is one rename, the cells are no change
    let everywhere = base_with(&[]).replace("子育て応援プロジェクト", "子育て安心プロジェクト");
    let pair = Pair::new(&base_with(&[]), &everywhere);
    let places: Vec<String> = listed(&pair.json(&[]))
        .into_iter()
        .map(|c| format!("{} {}", c.0, c.1))
        .collect();
    assert_eq!(
        places,
        [
            "renamed 重点プロジェクト1",
            "renamed 重点プロジェクトの数値目標 › プロジェクト",
            "renamed 国の総合戦略との関係 › 柱 ひとの創生 › 重点プロジェクト",
            "renamed 重点施策との対応 › 列",
            "renamed 概要版 › 重点プロジェクト",
        ]
    );
}

#[test]
fn a_removed_record_is_shown_by_its_id_name_and_values() {
    let measure = "[[measure]]\nid = \"2-1\"\npolicy = \"2\"\nname = \"防犯の推進\"\n\n[[measure.direction]]\nid = \"2-1 方針１\"\ntitle = \"地域の防犯活動\"\n\n";
    let row = "[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells = [\"○\"]\n";
    let new = base_with(&[(measure, ""), (row, "")]);
    let pair = Pair::new(&base_with(&[]), &new);
    assert_eq!(
        listed(&pair.json(&[])),
        owned(&[
            ("removed", "重点施策 2-1", "2-1 防犯の推進（政策 2）", ""),
            (
                "removed",
                "重点施策との対応 › 施策 2-1",
                "2-1 防犯の推進（政策 安全政策）",
                ""
            ),
        ])
    );
}

/// The one change of a JSON document, with everything a reader sees of it.
fn only_change(doc: &serde_json::Value) -> &serde_json::Value {
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    &changes[0]
}

#[test]
fn a_removed_sentence_is_removed_with_its_number_and_whole_text_marked() {
    let two = "aim = \"安心して子どもを育てられるまちを実現します。地域で見守ります。\"";
    let one = "aim = \"安心して子どもを育てられるまちを実現します。\"";
    let old = base_with(&[(one, two)]);
    let pair = Pair::new(&old, &base_with(&[]));
    let doc = pair.json(&[]);
    assert_eq!(
        listed(&doc),
        owned(&[(
            "removed",
            "重点プロジェクト1 子育て応援プロジェクト › ねらい",
            "地域で見守ります。",
            ""
        )])
    );
    let c = only_change(&doc);
    assert_eq!(c["sentence"], 2);
    assert_eq!(c["old"]["marks"], serde_json::json!([[0, 9]]));
}

#[test]
fn an_indicator_taken_off_a_row_known_by_the_same_words_is_removed_and_put_back_added() {
    // the row is known by its indicator, or without one by its initiative: the same words, so
    // the same row, whose indicator is gone (or back)
    let with = base_with(&[(
        "indicator = \"健診受診率\"",
        "indicator = \"健診受診率\"\ninitiative = \"健診受診率\"",
    )]);
    let without = base_with(&[("indicator = \"健診受診率\"", "initiative = \"健診受診率\"")]);
    let row = "重点プロジェクト1 子育て応援プロジェクト › 取組の方向性1 安心して子育てできる社会 › 対応表 › 1-1 方針１";
    let doc = Pair::new(&with, &without).json(&[]);
    assert_eq!(
        listed(&doc),
        owned(&[("removed", &format!("{row} › 指標"), "健診受診率", "")])
    );
    assert_eq!(
        only_change(&doc)["old"]["marks"],
        serde_json::json!([[0, 5]])
    );
    let doc = Pair::new(&without, &with).json(&[]);
    assert_eq!(
        listed(&doc),
        owned(&[("added", &format!("{row} › 指標"), "", "健診受診率")])
    );
    assert_eq!(
        only_change(&doc)["new"]["marks"],
        serde_json::json!([[0, 5]])
    );
}

#[test]
fn an_empty_name_added_has_no_marked_characters() {
    let new = base_with(&[(
        "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\"]",
        "plans = [\"子ども・子育て支援事業計画\", \"地域防災計画\", \"\"]",
    )]);
    let doc = Pair::new(&base_with(&[]), &new).json(&[]);
    assert_eq!(
        listed(&doc),
        owned(&[(
            "added",
            "重点プロジェクト1 子育て応援プロジェクト › 関連計画 › 関連計画",
            "",
            ""
        )])
    );
    let c = only_change(&doc);
    assert_eq!(c["new"]["text"], "");
    assert_eq!(c["new"]["marks"], serde_json::json!([]), "nothing to mark");
}

#[test]
fn the_output_files_extension_chooses_html_or_json() {
    let pair = every_kind();
    for name in ["changes.html", "changes.htm"] {
        let out = pair.diff(&["--output", name]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let page = std::fs::read_to_string(pair.path().join(name)).unwrap();
        assert!(
            page.to_ascii_lowercase().starts_with("<!doctype html>"),
            "{name}: {}",
            &page[..page.len().min(200)]
        );
    }
    let out = pair.diff(&["--output", "changes.json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(pair.path().join("changes.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON from the extension");
    assert_eq!(listed(&doc), listed(&pair.json(&[])));
}

#[test]
fn old_rev_reads_a_plan_kept_at_the_root_of_its_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("plan.toml"), base_with(&[])).unwrap();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    let edited = base_with(&[("heading = \"計画の期間\"", "heading = \"計画期間\"")]);
    std::fs::write(root.join("plan.toml"), &edited).unwrap();
    let out = run_in(
        root,
        &["diff", "--old-rev", "HEAD", ".", "--format", "json"],
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        listed(&doc),
        owned(&[("renamed", "本文 › 見出し", "計画の期間", "計画期間")])
    );
}
