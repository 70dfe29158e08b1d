//! Bad input never panics: each kind gets a diagnostic naming file, line and column, exit 2.

mod common;
use common::{Fixture, VALID};

const HUMAN: &[&str] = &[
    "check", "plan", "--color", "never", "--width", "100", "--lang", "en",
];

fn check(f: &Fixture) -> common::Output {
    let out = f.run(HUMAN);
    assert!(
        !out.stdout.contains("panicked") && !out.stderr.contains("panicked"),
        "{}",
        out.stderr
    );
    out
}

fn json(f: &Fixture) -> serde_json::Value {
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    serde_json::from_str(&out.stdout).expect("JSON even for load errors")
}

/// The first finding of a JSON report, as (code, file, line, column).
fn first(v: &serde_json::Value) -> (String, String, u64, u64) {
    let f = &v["findings"][0];
    (
        f["code"].as_str().unwrap().to_string(),
        f["file"].as_str().unwrap().to_string(),
        f["line"].as_u64().unwrap_or(0),
        f["column"].as_u64().unwrap_or(0),
    )
}

#[test]
fn malformed_toml_reports_every_syntax_error_with_position() {
    let f = Fixture::new();
    f.write(
        "a.toml",
        "[plan]\nname = \"未完の文字列\n\n[[policy]]\nid = = \"1\"\n",
    );
    let out = check(&f);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("[plan/a.toml:2:"), "{}", out.stdout);
    let v = json(&f);
    let lines: Vec<u64> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert!(
        lines.contains(&2) && lines.contains(&5),
        "both errors reported: {lines:?}"
    );
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] == "PC004")
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn unknown_key_suggests_the_near_key() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        VALID.replace("name = \"子育て環境の充実\"", "nmae = \"子育て環境の充実\""),
    );
    let out = check(&f);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("did you mean `name`?"),
        "{}",
        out.stdout
    );
    let (code, file, line, column) = first(&json(&f));
    assert_eq!(
        (code.as_str(), file.as_str(), line, column),
        ("PC005", "plan/plan.toml", 13, 1)
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn unknown_top_level_section_suggests_the_near_one() {
    let f = Fixture::new();
    f.write("plan.toml", VALID)
        .write("extra.toml", "[[polcy]]\nid = \"2\"\nname = \"x\"\n");
    let out = check(&f);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("did you mean `policy`?"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("[plan/extra.toml:1:3]"),
        "{}",
        out.stdout
    );
}

#[test]
fn wrong_type_is_reported_at_the_value() {
    let f = Fixture::new();
    f.write("plan.toml", VALID.replace("id = \"1\"", "id = 1"));
    let out = check(&f);
    assert_eq!(out.code, 2);
    let (code, file, line, column) = first(&json(&f));
    assert_eq!(
        (code.as_str(), file.as_str(), line, column),
        ("PC006", "plan/plan.toml", 7, 6)
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn missing_required_field_names_the_field_and_record() {
    let f = Fixture::new();
    f.write("plan.toml", VALID.replace("name = \"子育て政策\"\n", ""));
    let out = check(&f);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("missing field `name`"),
        "{}",
        out.stdout
    );
    let (code, _, line, _) = first(&json(&f));
    assert_eq!((code.as_str(), line), ("PC006", 6));
}

#[test]
fn duplicate_ids_across_files_and_widths_point_at_both_copies() {
    let f = Fixture::new();
    f.write("plan.toml", VALID).write(
        "more.toml",
        "[[measure]]\nid = \"１-１\"\npolicy = \"1\"\nname = \"重複\"\n",
    );
    let out = check(&f);
    assert_eq!(out.code, 2);
    let v = json(&f);
    let (code, file, line, column) = first(&v);
    // files load in path order, so more.toml holds the first copy
    assert_eq!(
        (code.as_str(), file.as_str(), line, column),
        ("PC007", "plan/plan.toml", 11, 6)
    );
    assert_eq!(v["findings"][0]["related"][0]["file"], "plan/more.toml");
    assert_eq!(v["findings"][0]["related"][0]["line"], 2);
    assert_eq!(v["findings"][0]["subject"], "1-1");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn duplicate_singleton_section_is_an_error() {
    let f = Fixture::new();
    f.write("plan.toml", VALID)
        .write("z.toml", "[plan]\nname = \"二つ目\"\n");
    let out = check(&f);
    assert_eq!(out.code, 2);
    let (code, file, line, _) = first(&json(&f));
    assert_eq!(
        (code.as_str(), file.as_str(), line),
        ("PC008", "plan/z.toml", 1)
    );
}

#[test]
fn shift_jis_file_is_named_with_a_hint() {
    let f = Fixture::new();
    // "name = \"伊勢崎\"" with 伊勢崎 in Shift_JIS
    let mut bytes = b"[plan]\nname = \"".to_vec();
    bytes.extend_from_slice(&[0x88, 0xC9, 0x90, 0xA8, 0x8D, 0xE8]);
    bytes.extend_from_slice(b"\"\n");
    f.write("plan.toml", bytes);
    let out = check(&f);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("Shift_JIS"), "{}", out.stdout);
    let (code, file, line, column) = first(&json(&f));
    assert_eq!(
        (code.as_str(), file.as_str(), line, column),
        ("PC003", "plan/plan.toml", 2, 9)
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn bom_and_crlf_are_accepted_and_columns_stay_right() {
    let f = Fixture::new();
    let text = format!("\u{FEFF}{}", VALID.replace('\n', "\r\n"));
    f.write("plan.toml", text.replace("id = \"1\"", "id = 1"));
    // the error is still reported at line 7, column 6 despite BOM and CRLF
    let (code, _, line, column) = first(&json(&f));
    assert_eq!((code.as_str(), line, column), ("PC006", 7, 6));
    let g = Fixture::new();
    g.write(
        "plan.toml",
        format!("\u{FEFF}{}", VALID.replace('\n', "\r\n")),
    );
    let out = g.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn empty_folder_is_an_error() {
    let f = Fixture::new();
    f.write("notes.txt", "not a plan");
    let out = check(&f);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("PC002"), "{}", out.stdout);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn missing_folder_is_an_error_in_every_format() {
    let f = Fixture::new();
    let out = f.run(&["check", "no-such-plan", "--color", "never", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("plan folder not found: no-such-plan"),
        "{}",
        out.stdout
    );
    let out = f.run(&["check", "no-such-plan", "--format", "json"]);
    assert_eq!(out.code, 2);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["code"], "PC001");
    assert_eq!(v["findings"][0]["file"], "no-such-plan");
    let out = f.run(&["stats", "no-such-plan", "--format", "json"]);
    assert_eq!(out.code, 2);
}

#[test]
fn every_broken_file_is_reported_in_one_run() {
    let f = Fixture::new();
    f.write("a.toml", "[plan\n")
        .write("b.toml", "[[policy]]\nid = \"1\"\nnmae = \"x\"\n")
        .write("c.toml", "[[measure]]\nid = \"1-1\"\n");
    let v = json(&f);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["plan/a.toml", "plan/b.toml", "plan/c.toml"]);
}

#[test]
fn japanese_messages_for_load_errors() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        VALID.replace("name = \"子育て環境の充実\"", "nmae = \"子育て環境の充実\""),
    );
    let out = f.run(&[
        "check", "plan", "--color", "never", "--width", "100", "--lang", "ja",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.contains("未知のキー `nmae`"), "{}", out.stdout);
    assert!(
        out.stdout.contains("`name` のことですか？"),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn output_does_not_depend_on_file_creation_order() {
    let a = Fixture::new();
    a.write("b.toml", "[[policy]]\nid = 1\n")
        .write("a.toml", "[plan\n");
    let b = Fixture::new();
    b.write("a.toml", "[plan\n")
        .write("b.toml", "[[policy]]\nid = 1\n");
    assert_eq!(a.run(HUMAN).stdout, b.run(HUMAN).stdout);
}
