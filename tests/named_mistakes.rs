//! Typing mistakes of Japanese input methods are named, with the character and its code
//! point, in both languages, at the character (line and column in characters). The expected
//! texts are written out here, not computed by the code under test.

mod common;
use common::{Fixture, Output, VALID};

/// `check plan` in `lang`, human output, no colour.
fn human(f: &Fixture, lang: &str) -> Output {
    let out = f.run(&[
        "check", "plan", "--color", "never", "--width", "200", "--lang", lang,
    ]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    out
}

fn json(f: &Fixture, lang: &str) -> (i32, serde_json::Value) {
    let out = f.run(&["check", "plan", "--format", "json", "--lang", lang]);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    (out.code, serde_json::from_str(&out.stdout).expect("JSON"))
}

/// (code, line, column) of every finding; a finding about a whole file or folder has none (0).
fn places(v: &serde_json::Value) -> Vec<(String, u64, u64)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

/// Writes `text` as the plan and asserts one load error `code` at `line`:`column`, whose
/// output names `ja` in Japanese and `en` in English.
fn named(text: &str, code: &str, line: u64, column: u64, ja: &str, en: &str) {
    let f = Fixture::new();
    f.write("plan.toml", text);
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 2, "{v}");
    assert_eq!(
        places(&v),
        [(code.to_string(), line, column)],
        "{text}\n{v:#}"
    );
    let out = human(&f, "ja");
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains(ja), "{ja}\n{}", out.stdout);
    let out = human(&f, "en");
    assert!(out.stdout.contains(en), "{en}\n{}", out.stdout);
}

#[test]
fn a_full_width_space_in_a_key_is_named() {
    named(
        &VALID.replace("name = \"子育て政策\"", "name　= \"子育て政策\""),
        "PC004",
        8,
        5,
        "全角スペース「　」(U+3000) が使われています",
        "full-width space '　' (U+3000) where TOML expects an ordinary space or a key",
    );
}

#[test]
fn a_full_width_space_before_a_key_is_named() {
    named(
        &VALID.replace("name = \"子育て政策\"", "　name = \"子育て政策\""),
        "PC004",
        8,
        1,
        "全角スペース「　」(U+3000)",
        "full-width space '　' (U+3000)",
    );
}

#[test]
fn a_full_width_space_inside_a_string_is_fine() {
    let f = Fixture::new();
    f.write("plan.toml", VALID.replace("子育て政策", "子育て　政策"));
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 0, "{v}");
}

#[test]
fn a_full_width_equals_sign_is_named() {
    named(
        &VALID.replace("name = \"子育て政策\"", "name ＝ \"子育て政策\""),
        "PC004",
        8,
        6,
        "キーと値の間に全角の等号「＝」(U+FF1D) が使われています",
        "full-width equals sign '＝' (U+FF1D) used for '='",
    );
}

#[test]
fn curly_double_quotes_are_named() {
    named(
        &VALID.replace("name = \"子育て政策\"", "name = “子育て政策”"),
        "PC004",
        8,
        8,
        "文字列が左二重引用符「“」(U+201C)、右二重引用符「”」(U+201D) で囲まれています",
        "string delimited by left double quotation mark '“' (U+201C) and right double quotation mark '”' (U+201D) instead of the straight double quote '\"'",
    );
}

#[test]
fn curly_single_quotes_are_named() {
    named(
        &VALID.replace("name = \"子育て政策\"", "name = ‘子育て政策’"),
        "PC004",
        8,
        8,
        "左一重引用符「‘」(U+2018)、右一重引用符「’」(U+2019)",
        "left single quotation mark '‘' (U+2018) and right single quotation mark '’' (U+2019)",
    );
}

#[test]
fn full_width_quotes_are_named() {
    named(
        &VALID.replace("name = \"子育て政策\"", "name = ＂子育て政策＂"),
        "PC004",
        8,
        8,
        "全角の二重引用符「＂」(U+FF02)",
        "full-width quotation mark '＂' (U+FF02)",
    );
    named(
        &VALID.replace("name = \"子育て政策\"", "name = ＇子育て政策＇"),
        "PC004",
        8,
        8,
        "全角の一重引用符「＇」(U+FF07)",
        "full-width apostrophe '＇' (U+FF07)",
    );
}

#[test]
fn full_width_brackets_in_an_array_of_tables_header_are_named() {
    named(
        &VALID.replace("[[policy]]", "［［policy］］"),
        "PC004",
        6,
        1,
        "全角の左角括弧「［」(U+FF3B)、全角の右角括弧「］」(U+FF3D) が使われています",
        "full-width left square bracket '［' (U+FF3B) and full-width right square bracket '］' (U+FF3D)",
    );
}

#[test]
fn lenticular_brackets_in_a_table_header_are_named() {
    named(
        &VALID.replace("[plan]", "【plan】"),
        "PC004",
        1,
        1,
        "左隅付き括弧「【」(U+3010)、右隅付き括弧「】」(U+3011)",
        "left black lenticular bracket '【' (U+3010) and right black lenticular bracket '】' (U+3011)",
    );
}

#[test]
fn a_half_full_width_header_is_named_once() {
    named(
        &VALID.replace("[[measure.direction]]", "[［measure.direction］]"),
        "PC004",
        15,
        1,
        "全角の左角括弧「［」(U+FF3B)",
        "full-width left square bracket '［' (U+FF3B)",
    );
}

/// A dash look-alike in the direction id declared in the catalogue: (character, Japanese
/// name, English name).
const DASHES: [(&str, &str, &str); 7] = [
    (
        "ー",
        "長音記号「ー」(U+30FC)",
        "long vowel mark 'ー' (U+30FC)",
    ),
    ("−", "マイナス記号「−」(U+2212)", "minus sign '−' (U+2212)"),
    ("‐", "ハイフン「‐」(U+2010)", "hyphen '‐' (U+2010)"),
    ("–", "エヌダッシュ「–」(U+2013)", "en dash '–' (U+2013)"),
    ("—", "エムダッシュ「—」(U+2014)", "em dash '—' (U+2014)"),
    ("―", "水平線「―」(U+2015)", "horizontal bar '―' (U+2015)"),
    (
        "ｰ",
        "半角の長音記号「ｰ」(U+FF70)",
        "half-width long vowel mark 'ｰ' (U+FF70)",
    ),
];

#[test]
fn each_dash_look_alike_in_an_id_is_named() {
    for (dash, ja, en) in DASHES {
        named(
            &VALID.replace("id = \"1-1 方針１\"", &format!("id = \"1{dash}1 方針１\"")),
            "PC010",
            16,
            8,
            &format!("施策の展開方針の ID「1{dash}1 方針１」に{ja} が使われています"),
            &format!("direction id 「1{dash}1 方針１」 contains {en} where the hyphen '-' belongs"),
        );
    }
}

#[test]
fn a_long_vowel_mark_in_a_cited_direction_is_named_once_not_as_an_unknown_direction() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        plancheck::rules::BASE.replace("direction = \"1-1 方針２\"", "direction = \"1ー1 方針２\""),
    );
    let (exit, v) = json(&f, "ja");
    assert_eq!(exit, 2);
    let codes: Vec<String> = places(&v).into_iter().map(|p| p.0).collect();
    assert_eq!(codes, ["PC010"], "no PC102 unknown-direction on top: {v:#}");
    assert_eq!(
        v["findings"][0]["message"],
        "施策の展開方針の ID「1ー1 方針２」に長音記号「ー」(U+30FC) が使われています。ID の区切りは半角のハイフン「-」です"
    );
    assert_eq!(v["findings"][0]["subject"], "1-1方針2");
}

#[test]
fn a_dash_look_alike_in_a_measure_id_is_named() {
    named(
        &VALID.replace("id = \"1-1\"", "id = \"1−1\""),
        "PC010",
        11,
        8,
        "施策番号「1−1」にマイナス記号「−」(U+2212) が使われています",
        "measure id 「1−1」 contains minus sign '−' (U+2212)",
    );
}

#[test]
fn a_long_vowel_mark_in_a_name_is_not_a_dash() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        VALID.replace("切れ目ない支援", "1ー1 サービス"),
    );
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 0, "{v}");
}

#[test]
fn a_full_width_hyphen_minus_in_a_cited_id_still_matches_and_is_named_as_a_warning() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        plancheck::rules::BASE.replace("direction = \"1-1 方針２\"", "direction = \"1－1 方針２\""),
    );
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 0, "a warning, not an error: {v:#}");
    assert_eq!(places(&v), [("PC501".to_string(), 76, 13)]);
    let out = human(&f, "ja");
    assert!(
        out.stdout
            .contains("全角ハイフンマイナス「－」(U+FF0D) の使用"),
        "{}",
        out.stdout
    );
    let out = human(&f, "en");
    assert!(
        out.stdout
            .contains("full-width hyphen-minus '－' (U+FF0D) used"),
        "{}",
        out.stdout
    );
}

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_files_are_named_with_and_without_a_byte_order_mark() {
    for (little, bom, ja, en) in [
        (
            true,
            true,
            "UTF-16（LE、BOM 付き）で保存されたファイルです。メモ帳の「Unicode」はこの文字コードです。",
            "file is saved as UTF-16 (LE, with a byte order mark), which Notepad calls \"Unicode\"; save it again as UTF-8",
        ),
        (
            true,
            false,
            "UTF-16（LE、BOM なし）で保存されたファイルです。",
            "file is saved as UTF-16 (LE, without a byte order mark)",
        ),
        (
            false,
            true,
            "UTF-16（BE、BOM 付き）で保存されたファイルです。",
            "file is saved as UTF-16 (BE, with a byte order mark)",
        ),
    ] {
        let f = Fixture::new();
        f.write("plan.toml", utf16(VALID, little, bom));
        let (exit, v) = json(&f, "en");
        assert_eq!(exit, 2);
        assert_eq!(places(&v), [("PC003".to_string(), 1, 1)]);
        let out = human(&f, "ja");
        assert!(out.stdout.contains(ja), "{}", out.stdout);
        assert!(
            out.stdout
                .contains("［ファイル］→［名前を付けて保存］で［エンコード］を「UTF-8」にして保存してください。"),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("Shift_JIS"), "{}", out.stdout);
        let out = human(&f, "en");
        assert!(out.stdout.contains(en), "{}", out.stdout);
        assert!(
            out.stdout.contains(
                "open it in Notepad, choose File > Save As, set Encoding to \"UTF-8\" and save"
            ),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("Shift_JIS"), "{}", out.stdout);
    }
}

#[test]
fn shift_jis_is_still_named_in_both_languages() {
    let f = Fixture::new();
    // 伊勢崎 in Shift_JIS
    let mut bytes = b"[plan]\nname = \"".to_vec();
    bytes.extend_from_slice(&[0x88, 0xC9, 0x90, 0xA8, 0x8D, 0xE8]);
    bytes.extend_from_slice(b"\"\n");
    f.write("plan.toml", bytes);
    let out = human(&f, "ja");
    assert!(
        out.stdout
            .contains("Shift_JIS で保存されている可能性があります。"),
        "{}",
        out.stdout
    );
    let out = human(&f, "en");
    assert!(
        out.stdout.contains("it is probably Shift_JIS"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_unknown_key_in_a_direction_table_row_names_that_table() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        plancheck::rules::BASE.replace("indicator = \"待機児童数\"", "indicater = \"待機児童数\""),
    );
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 2);
    assert_eq!(places(&v), [("PC005".to_string(), 78, 1)]);
    let out = human(&f, "ja");
    assert!(
        out.stdout
            .contains("[[project.direction.table.row]] に未知のキー `indicater` があります"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("`indicator` のことですか？"));
    assert!(!out.stdout.contains("[[project]] に未知のキー"));
    let out = human(&f, "en");
    assert!(
        out.stdout
            .contains("unknown key `indicater` in [[project.direction.table.row]]"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("did you mean `indicator`?"));
}

#[test]
fn every_mistake_of_one_file_is_reported_in_one_run() {
    let f = Fixture::new();
    // a full-width space on line 8, two misspelt keys in one record (lines 12 and 13) and a
    // number where text belongs (line 17)
    let text = VALID
        .replace("name = \"子育て政策\"", "name　= \"子育て政策\"")
        .replace("policy = \"1\"", "polcy = \"1\"")
        .replace("name = \"子育て環境の充実\"", "nmae = \"子育て環境の充実\"")
        .replace("title = \"切れ目ない支援\"", "title = 1");
    f.write("plan.toml", &text);
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 2);
    assert_eq!(
        places(&v),
        [
            ("PC004".to_string(), 8, 5),
            ("PC005".to_string(), 12, 1),
            ("PC005".to_string(), 13, 1),
            ("PC006".to_string(), 17, 9),
        ]
    );
    let out = human(&f, "ja");
    for expected in [
        "全角スペース「　」(U+3000)",
        "[[measure]] に未知のキー `polcy` があります",
        "[[measure]] に未知のキー `nmae` があります",
        "[[measure.direction]] の `title` の値の型が違います（整数 `1` ではなく文字列で書いてください）",
        "計画の読み込み: エラー 4 件",
        "計画を読み込めなかったため、点検は行っていません（読み込みエラー 4 件、終了コード 2）。",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.stdout);
    }
}

#[test]
fn parser_messages_reach_japanese_users_in_japanese() {
    let f = Fixture::new();
    f.write(
        "a.toml",
        "[plan]\nname = \"未完の文字列\n\n[[policy]]\nid = = \"1\"\n[[measure]\nid = \"1-1\"\n",
    );
    let (exit, v) = json(&f, "ja");
    assert_eq!(exit, 2);
    let messages: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "文字列の終わりの「\"」がありません",
            "「=」が 1 つ多すぎます",
            "値の後に余分な文字があります（1 行に書けるのは「キー = 値」1 つだけです）",
            "表の配列の見出し [[表名]] の「]]」がありません",
        ]
    );
    let out = human(&f, "ja");
    for english in ["invalid", "expected", "string", "unclosed", "here"] {
        assert!(!out.stdout.contains(english), "{english}\n{}", out.stdout);
    }
}

#[test]
fn a_key_typed_in_full_width_letters_gets_its_half_width_form() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        VALID.replace("name = \"子育て政策\"", "ｎａｍｅ = \"子育て政策\""),
    );
    let out = human(&f, "ja");
    assert!(
        out.stdout
            .contains("キーが全角で書かれています。半角で `name` と書いてください。"),
        "{}",
        out.stdout
    );
    let out = human(&f, "en");
    assert!(
        out.stdout
            .contains("the key is typed in full-width letters: write `name`"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_copy_pasted_row_is_a_warning_in_both_languages() {
    let f = Fixture::new();
    let row = "[[project.direction.table.row]]\ndirection = \"1-1 方針２\"\ntitle = \"保育の充実\"\nindicator = \"待機児童数\"\nbaseline = \"0 人\"\ntarget = \"0 人\"\npage = \"P.11\"\n";
    let text = plancheck::rules::BASE.replacen(row, &format!("{row}\n{row}"), 1);
    assert_ne!(text, plancheck::rules::BASE);
    f.write("plan.toml", &text);
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 0, "a warning: {v:#}");
    let dup: Vec<_> = places(&v).into_iter().filter(|p| p.0 == "PC011").collect();
    assert_eq!(dup, [("PC011".to_string(), 84, 13)]);
    let out = human(&f, "ja");
    assert!(
        out.stdout
            .contains("[[project.direction.table.row]] に、前の記録とまったく同じ記録があります")
    );
    let out = human(&f, "en");
    assert!(
        out.stdout
            .contains("this [[project.direction.table.row]] record repeats an earlier one exactly")
    );
}

#[test]
fn files_that_are_not_read_are_named() {
    let f = Fixture::new();
    f.write("plan.toml", VALID)
        .write("指標一覧.csv", "指標,現状値\n")
        .write("~$集計.xlsx", [0u8; 4])
        .write("sub/measures.toml.bak", "[[measure]]\n")
        .write("メモ.txt", "メモ\n")
        .write(".hidden", "x")
        .write("Thumbs.db", [0u8; 4])
        .write(
            "MORE.TOML",
            "[[policy]]\nid = \"2\"\nname = \"大文字の拡張子\"\n",
        );
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 0, "warnings only: {v:#}");
    let findings = v["findings"].as_array().unwrap();
    let files: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["file"].as_str().unwrap()))
        .collect();
    assert_eq!(
        files,
        [
            ("PC012", "plan/sub/measures.toml.bak"),
            ("PC012", "plan/~$集計.xlsx"),
            ("PC012", "plan/メモ.txt"),
            ("PC012", "plan/指標一覧.csv"),
        ]
    );
    let out = f.run(&["stats", "plan", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(stats["policies"], 2, "MORE.TOML is read");
    let out = human(&f, "ja");
    for expected in [
        "plan/指標一覧.csv は読み込まれません（表計算のファイルです）",
        "plan/~$集計.xlsx は読み込まれません（Excel がブックを開いている間に作る一時ファイルです）",
        "plan/sub/measures.toml.bak は読み込まれません（バックアップ（控え）のファイルです）",
        "plan/メモ.txt は読み込まれません（テキストファイルです）",
    ] {
        assert!(out.stdout.contains(expected), "{expected}\n{}", out.stdout);
    }
    let out = human(&f, "en");
    assert!(
        out.stdout
            .contains("plan/指標一覧.csv is not read (a spreadsheet file)"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_plan_of_comments_only_is_a_load_failure() {
    let f = Fixture::new();
    f.write("plan.toml", "# 計画はこれから書きます\n# [[policy]]\n")
        .write("plancheck.toml", "[rules]\ntbd = \"off\"\n")
        .write("empty.toml", "");
    let (exit, v) = json(&f, "en");
    assert_eq!(exit, 2);
    assert_eq!(places(&v), [("PC009".to_string(), 0, 0)]);
    let out = human(&f, "ja");
    assert!(
        out.stdout.contains(
            "計画フォルダの TOML ファイルに計画のデータがありません（コメントと設定だけです）: plan"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("empty.toml、plan.toml に [plan]、[[policy]]")
    );
    let out = human(&f, "en");
    assert!(
        out.stdout.contains(
            "the plan folder's TOML files hold no plan data, only comments or settings: plan"
        ),
        "{}",
        out.stdout
    );
}
