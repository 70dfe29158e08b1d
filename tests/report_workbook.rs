//! The placeholder workbook read back: with calamine (what Excel shows in the cells) and from
//! the xlsx parts themselves (print setup, frozen panes, autofilter, column widths). Expected
//! rows come from `report --format json` run as a separate process.

mod common;
use calamine::{Data, Reader, Xlsx};
use common::{repo, run_in};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 2023-11-14 22:13:20 UTC.
const EPOCH: &str = "1700000000";

/// Writes the workbook with `SOURCE_DATE_EPOCH` set (or unset), returns its path and the run.
fn workbook(dir: &Path, name: &str, lang: &str, epoch: Option<&str>) -> (PathBuf, i32, String) {
    let path = dir.join(name);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plancheck"));
    cmd.current_dir(repo())
        .args([
            "report", "plan", "--format", "xlsx", "--lang", lang, "--output",
        ])
        .arg(&path)
        .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    let out = cmd.output().unwrap();
    (
        path,
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn report_json() -> serde_json::Value {
    let out = run_in(&repo(), &["report", "plan", "--format", "json"]);
    assert_eq!(out.code, 0);
    serde_json::from_str(&out.stdout).unwrap()
}

/// One part of the xlsx (a zip file), as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn text(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        other => panic!("expected text, found {other:?}"),
    }
}

#[test]
fn list_sheet_has_title_japanese_columns_first_and_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let (path, code, err) = workbook(dir.path(), "tbd.xlsx", "ja", Some(EPOCH));
    assert_eq!(code, 0, "{err}");
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), ["集計", "一覧"]);
    let list = wb.worksheet_range("一覧").unwrap();
    // title row: the plan's name (plan/plan.toml) and the date of creation
    assert_eq!(
        text(list.get((0, 0))),
        "第３次伊勢崎市総合計画 前期アクションプラン 未確定箇所一覧"
    );
    assert_eq!(text(list.get((0, 9))), "作成日：2023年11月14日");
    let header: Vec<String> = (0..10).map(|c| text(list.get((1, c)))).collect();
    assert_eq!(
        header,
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
    assert_eq!(list.width(), 10, "no column after the Japanese ones");

    let json = report_json();
    let rows = json["placeholders"].as_array().unwrap();
    assert_eq!(list.height() - 2, rows.len(), "one row per placeholder");
    let japanese = [
        ("tbd", "調整中"),
        ("page-ref", "参考ページ未記入"),
        ("missing-value", "空欄"),
        ("draft-plan", "（案）のまま"),
        ("figure", "グラフ・写真の枠"),
        ("note", "調整予定の注記"),
        ("footnote", "定義のない※"),
    ];
    let cells = [
        ("baseline", "現状値"),
        ("target", "目標値"),
        ("indicator", "指標名"),
    ];
    for (i, j) in rows.iter().enumerate() {
        let r = i + 2;
        let kind = japanese.iter().find(|(c, _)| j["kind"] == *c).unwrap().1;
        assert_eq!(text(list.get((r, 0))), kind, "row {r}");
        match j["project"].as_i64() {
            Some(p) => assert_eq!(list.get((r, 1)), Some(&Data::Float(p as f64)), "row {r}"),
            None => assert!(
                matches!(list.get((r, 1)), None | Some(Data::Empty)),
                "row {r}"
            ),
        }
        match j["cell"].as_str() {
            Some(c) => {
                let ja = cells.iter().find(|(e, _)| *e == c).unwrap().1;
                assert_eq!(text(list.get((r, 6))), ja);
            }
            None => assert!(matches!(list.get((r, 6)), None | Some(Data::Empty))),
        }
        assert_eq!(text(list.get((r, 7))), j["file"].as_str().unwrap());
        assert_eq!(
            list.get((r, 8)),
            Some(&Data::Float(j["line"].as_f64().unwrap()))
        );
        assert_eq!(
            list.get((r, 9)),
            Some(&Data::Float(j["column"].as_f64().unwrap()))
        );
    }

    let summary = wb.worksheet_range("集計").unwrap();
    assert_eq!(
        text(summary.get((0, 0))),
        "第３次伊勢崎市総合計画 前期アクションプラン 未確定箇所一覧"
    );
    assert_eq!(text(summary.get((1, 0))), "プロジェクト");
    assert_eq!(text(summary.get((1, 1))), "調整中");
    assert_eq!(text(summary.get((1, 8))), "計");
    let last = summary.height() - 1;
    assert_eq!(text(summary.get((last, 0))), "合計");
    for (c, (code, _)) in japanese.iter().enumerate() {
        let n = json["summary"][code].as_f64().unwrap();
        assert_eq!(summary.get((last, c + 1)), Some(&Data::Float(n)), "{code}");
    }
    assert_eq!(
        summary.get((last, 8)),
        Some(&Data::Float(rows.len() as f64))
    );
}

#[test]
fn print_setup_frozen_header_autofilter_and_widths_that_fit() {
    let dir = tempfile::tempdir().unwrap();
    let (path, code, err) = workbook(dir.path(), "tbd.xlsx", "ja", Some(EPOCH));
    assert_eq!(code, 0, "{err}");
    let rows = report_json()["placeholders"].as_array().unwrap().len();
    let workbook = part(&path, "xl/workbook.xml");
    for sheet in ["集計", "一覧"] {
        // the header row (row 2) is printed at the top of every page
        assert!(workbook.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId="));
        assert!(
            workbook.contains(&format!("{sheet}!$2:$2")),
            "{sheet}: {workbook}"
        );
    }
    let list = part(&path, "xl/worksheets/sheet2.xml");
    for expected in [
        "<pageSetUpPr fitToPage=\"1\"/>",
        "paperSize=\"9\"",
        "orientation=\"landscape\"",
        "fitToHeight=\"0\"",
        "<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>",
        &format!("<autoFilter ref=\"A2:J{}\"/>", rows + 2),
    ] {
        assert!(
            list.contains(expected),
            "{expected} missing in the list sheet"
        );
    }
    for expected in [
        "<pageSetUpPr fitToPage=\"1\"/>",
        "orientation=\"landscape\"",
    ] {
        let summary = part(&path, "xl/worksheets/sheet1.xml");
        assert!(
            summary.contains(expected),
            "{expected} missing in the summary sheet"
        );
    }
    // column widths: 種類 holds 「参考ページ未記入」 (16 columns wide in CJK width); 番号 is narrow
    let attr = |el: &str, name: &str| -> f64 {
        let v = el.split(&format!("{name}=\"")).nth(1).unwrap();
        v[..v.find('"').unwrap()].parse().unwrap()
    };
    let mut widths: Vec<f64> = Vec::new();
    for col in list.split("<col ").skip(1) {
        let el = &col[..col.find("/>").unwrap()];
        for _ in attr(el, "min") as usize..=attr(el, "max") as usize {
            widths.push(attr(el, "width"));
        }
    }
    assert_eq!(widths.len(), 10, "{widths:?}");
    assert!(widths[0] >= 16.0, "種類: {}", widths[0]);
    assert!(widths[1] < 8.0, "番号: {}", widths[1]);
    assert!(
        widths[7] >= "plan/projects/p1.toml".len() as f64,
        "ファイル"
    );
    assert!(widths.iter().all(|w| *w <= 52.0), "{widths:?}");
}

#[test]
fn same_plan_and_date_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, ..) = workbook(dir.path(), "a.xlsx", "ja", Some(EPOCH));
    let (b, ..) = workbook(dir.path(), "b.xlsx", "ja", Some(EPOCH));
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // the document's creation time is the same date
    assert!(part(&a, "docProps/core.xml").contains("2023-11-14T00:00:00Z"));
}

#[test]
fn without_source_date_epoch_the_date_is_today_and_a_bad_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (path, code, err) = workbook(dir.path(), "today.xlsx", "en", None);
    assert_eq!(code, 0, "{err}");
    let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let list = wb.worksheet_range("Placeholders").unwrap();
    let dated = text(list.get((0, 9)));
    let date = dated.strip_prefix("created ").unwrap();
    let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
    assert!(parts.len() == 3 && parts[0] >= 2024 && (1..=12).contains(&parts[1]));
    assert_eq!(text(list.get((1, 0))), "kind");

    let (bad, code, err) = workbook(dir.path(), "bad.xlsx", "ja", Some("yesterday"));
    assert_eq!(code, 2);
    assert!(
        err.contains("SOURCE_DATE_EPOCH") && err.contains("秒数"),
        "{err}"
    );
    assert!(!bad.exists(), "nothing written");
}
