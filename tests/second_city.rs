//! A second plan, not Isesaki's: tests/plans/second-city/ is a fictional city (みどり野市) that
//! writes its plan with another vocabulary — three-level measure ids (1-1-1), directions
//! numbered 「施策の方向１」, related initiatives marked 「関連」, 「検討中」/「未定」 for open
//! values, 「○ページ」 for unfilled page references, 「（素案）」 for draft plans, 単位施策 for
//! its measures — configured in its plancheck.toml. Defects of every rule family are planted
//! in it (each commented in the list below); these tests assert exactly those findings, in both
//! languages, with the messages in that city's words. The expected lists are written by hand.

mod common;

use common::{repo, run_in};

const PLAN: &str = "tests/plans/second-city";

fn concise(lang: &str) -> (i32, Vec<String>) {
    let out = run_in(
        &repo(),
        &[
            "check",
            PLAN,
            "--format",
            "concise",
            "--min-severity",
            "info",
            "--color",
            "never",
            "--lang",
            lang,
        ],
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let lines = out
        .stdout
        .lines()
        .filter(|l| l.starts_with(PLAN))
        .map(|l| l.strip_prefix(PLAN).unwrap().to_string())
        .collect();
    (out.code, lines)
}

/// Every planted defect, as `file:line:col: CODE message` in Japanese.
const JA: &[&str] = &[
    // PC113: the one ○ too many (PC111 below) makes the drawn totals one mark more than the tables'
    "/matrix.toml:3:12: PC113 重点施策との対応（図）の印は 6 個（うち◎ 2 個）、印のある行は 3 行ですが、対応表からは 5 個（うち◎ 2 個）、3 行になります",
    // PC111: the matrix draws ○ where project 4 cites no direction of 1-1-2
    "/matrix.toml:16:23: PC111 1-1-2 × 移住・定住促進プロジェクト: 重点施策との対応（図）では○ですが、このプロジェクトの対応表は 1-1-2 の施策の方向を一つも引用していません（空欄のはずです）",
    // PC305: 平成30年度 is 2018, not 2019
    "/plan.toml:21:35: PC305 「平成30年度（2019年度）」の和暦と西暦が合いません: 和暦は 2018 年、西暦は 2019 年です（本文 › 計画の期間）",
    // PC103: the strategy mapping names a project that does not exist
    "/plan.toml:26:30: PC103 国の総合戦略との関係の「まちなか交流プロジェクト」は重点プロジェクトの一覧にありません",
    // PC405: the city's figure box word
    "/projects.toml:12:10: PC405 グラフ・写真の枠: 重点プロジェクト1 子育てまるごと応援プロジェクト › 取組の方向性1",
    // PC401: 未定 as a baseline
    "/projects.toml:31:13: PC401 未定: 重点プロジェクト1 子育てまるごと応援プロジェクト › 取組の方向性1 › 対応表",
    // PC404: （素案）
    "/projects.toml:44:10: PC404 関連計画が（素案）のまま: みどり野市子ども・子育て支援計画（素案）（重点プロジェクト1 子育てまるごと応援プロジェクト › 関連計画）",
    // PC601: an allow for a page reference that is filled in
    "/projects.toml:69:10: PC601 使われていない allow: この記録に PC402 の指摘はもうありません",
    // PC102: 施策の方向３ is not declared under 2-1-1
    "/projects.toml:72:13: PC102 施策の方向「2-1-1 施策の方向3」は単位施策 2-1-1 に宣言されていません",
    // PC206: the draft mark on one copy only
    "/projects.toml:80:10: PC206 重点プロジェクト2の関連計画「みどり野市子ども・子育て支援計画」は、重点プロジェクト1の「みどり野市子ども・子育て支援計画（素案）」と表記が違います（「（素案）」は重点プロジェクト1の方にだけあります）",
    // PC201: a row titled differently from its direction
    "/projects.toml:100:9: PC201 重点プロジェクト3（まちなかにぎわいプロジェクト）の「1-1-2 施策の方向１」の行の名称「まちなか交流拠点の整備」が、施策の一覧で宣言された名称「子育て広場の運営」と異なります",
    // PC101: there is no 単位施策 9-1-1
    "/projects.toml:107:13: PC101 単位施策「9-1-1」は単位施策の一覧にありません",
    // PC501: half-width digit and a space in the id
    "/projects.toml:131:13: PC501 施策の方向の ID「2-1-1 施策の方向 2」の書き方が、施策の一覧の「2-1-1 施策の方向２」と違います（数字「2」が半角で一覧は全角「２」、余分な空白）",
    // PC401: 検討中 as a target
    "/projects.toml:135:11: PC401 検討中: 重点プロジェクト4 移住・定住促進プロジェクト › 取組の方向性1 › 対応表",
    // PC402: ○ページ
    "/projects.toml:136:8: PC402 参考ページが未記入（○ページ）: 重点プロジェクト4 移住・定住促進プロジェクト › 取組の方向性1 › 対応表 › 2-1-1 施策の方向 2",
    // PC102: a two-level measure id where the city's has three
    "/projects.toml:139:13: PC102 「1-1 施策の方向1」を施策の方向の ID として読めません",
    // PC406: a to-be-settled note
    "/projects.toml:148:8: PC406 調整予定の注記: ※関連する単位施策の整理に合わせて見直します。（重点プロジェクト4 移住・定住促進プロジェクト › 関連計画）",
    // PC012: a memo beside the plan files
    "/原稿メモ.txt: PC012 tests/plans/second-city/原稿メモ.txt は読み込まれません（テキストファイルです）",
];

/// The same findings in English.
const EN: &[&str] = &[
    "/matrix.toml:3:12: PC113 the ○/◎ matrix draws 6 marks (2 ◎) in 3 rows, but the direction tables imply 5 marks (2 ◎) in 3 rows",
    "/matrix.toml:16:23: PC111 1-1-2 × 移住・定住促進プロジェクト: drawn ○, but no table of this project cites a direction of 1-1-2, which means blank",
    "/plan.toml:21:35: PC305 era year and Western year disagree in 「平成30年度（2019年度）」: the era year is 2018, the Western year 2019 (本文 › 計画の期間)",
    "/plan.toml:26:30: PC103 `まちなか交流プロジェクト` in the national-strategy mapping is not a project of this plan",
    "/projects.toml:12:10: PC405 graph/photo box to fill: 重点プロジェクト1 子育てまるごと応援プロジェクト › 取組の方向性1",
    "/projects.toml:31:13: PC401 being adjusted (未定): 重点プロジェクト1 子育てまるごと応援プロジェクト › 取組の方向性1 › 対応表",
    "/projects.toml:44:10: PC404 related plan still a draft: みどり野市子ども・子育て支援計画（素案） (重点プロジェクト1 子育てまるごと応援プロジェクト › 関連計画)",
    "/projects.toml:69:10: PC601 unused allow: this record has no PC402 finding any more",
    "/projects.toml:72:13: PC102 policy direction `2-1-1 施策の方向3` is not declared under measure 2-1-1",
    "/projects.toml:80:10: PC206 related plan 「みどり野市子ども・子育て支援計画」 in project 2 is written differently from 「みどり野市子ども・子育て支援計画（素案）」 in project 1 (only the copy in project 1 has the draft mark 「（素案）」)",
    "/projects.toml:100:9: PC201 project 3 (まちなかにぎわいプロジェクト): row `1-1-2 施策の方向１` is titled 「まちなか交流拠点の整備」, but the catalogue declares this direction as 「子育て広場の運営」",
    "/projects.toml:107:13: PC101 measure `9-1-1` is not in the measure catalogue",
    "/projects.toml:131:13: PC501 direction id 「2-1-1 施策の方向 2」 is printed differently from the catalogue's 「2-1-1 施策の方向２」 (half-width digit 「2」 where the catalogue has full-width 「２」, an extra space)",
    "/projects.toml:135:11: PC401 being adjusted (検討中): 重点プロジェクト4 移住・定住促進プロジェクト › 取組の方向性1 › 対応表",
    "/projects.toml:136:8: PC402 page reference not filled in (○ページ): 重点プロジェクト4 移住・定住促進プロジェクト › 取組の方向性1 › 対応表 › 2-1-1 施策の方向 2",
    "/projects.toml:139:13: PC102 cannot read `1-1 施策の方向1` as a policy direction id",
    "/projects.toml:148:8: PC406 to-be-settled note: ※関連する単位施策の整理に合わせて見直します。 (重点プロジェクト4 移住・定住促進プロジェクト › 関連計画)",
    "/原稿メモ.txt: PC012 tests/plans/second-city/原稿メモ.txt is not read (a text file)",
];

#[test]
fn the_second_city_reports_exactly_its_planted_defects_in_japanese() {
    let (code, lines) = concise("ja");
    assert_eq!(code, 1, "errors fail the check");
    assert_eq!(lines, JA);
}

#[test]
fn the_second_city_reports_exactly_its_planted_defects_in_english() {
    let (code, lines) = concise("en");
    assert_eq!(code, 1);
    assert_eq!(lines, EN);
}

#[test]
fn every_rule_family_is_planted() {
    // PC0xx load/files, PC1xx references, PC2xx consistency, PC3xx values, PC4xx
    // placeholders, PC5xx notation, PC6xx suppressions
    for family in ["PC0", "PC1", "PC2", "PC3", "PC4", "PC5", "PC6"] {
        assert!(
            JA.iter().any(|l| l.contains(&format!(" {family}"))),
            "{family}"
        );
    }
}

#[test]
fn help_texts_quote_the_citys_words_and_none_of_the_defaults() {
    let out = run_in(
        &repo(),
        &[
            "check",
            PLAN,
            "--min-severity",
            "info",
            "--color",
            "never",
            "--lang",
            "ja",
        ],
    );
    let text = out.stdout;
    for expected in [
        // PC102: the example is the city's form, with its own related marker
        "「1-1-1 施策の方向１」の形ではありません",
        "「単位施策番号 方向番号」（例: 1-1-1 施策の方向１、関連する取組なら 1-1-1 施策の方向１関",
        // PC102: the declared directions, by the city's short name
        "単位施策 2-1-1 が宣言する方向: 方向1、方向2",
        // PC201: write the city's related marker after the id
        "ID の後に「関連」と書いてください",
        // PC305: the era printed, not 令和
        "西暦は平成の年に 1988 を足し",
    ] {
        assert!(
            text.contains(expected),
            "missing 「{expected}」 in:\n{text}"
        );
    }
    // the first plan's words appear nowhere (国の総合戦略との関係 is the name of a section of
    // the plan format, not a related marker)
    for word in ["方針", "調整中", "Ｐ.○", "（案）", "関連するグラフ"] {
        assert!(!text.contains(word), "「{word}」 in:\n{text}");
    }
    assert_eq!(
        text.matches("関係").count(),
        text.matches("国の総合戦略との関係").count(),
        "{text}"
    );
}

#[test]
fn the_placeholder_report_finds_the_citys_placeholder_words() {
    let out = run_in(
        &repo(),
        &["report", PLAN, "--format", "csv", "--lang", "ja"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    for printed in [
        "未定",
        "検討中",
        "○ページ",
        "（素案）",
        "写真・図の挿入予定",
    ] {
        assert!(out.stdout.contains(printed), "{printed}:\n{}", out.stdout);
    }
}
