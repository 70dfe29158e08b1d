//! Behaviour that the mutants of issue 18 changed without any test noticing: each test states
//! what a user sees (an id that must be rejected, a suppression that must apply, a baseline
//! entry that absorbs one finding, an indicator pairing, a bracket that must be skipped, a fix
//! that keeps the file valid TOML, a level set in plancheck.toml, why a baseline cannot be read).
//! docs/mutation-testing.md maps every listed mutant to the test here that kills it.

mod common;
use common::{Fixture, base_with};
use plancheck::plan::value::{self, Parsed};
use plancheck::{Finding, Options, check_in_memory};

/// The findings of rule `code` for the base plan with `edits`, in report order.
fn findings(code: &str, edits: &[(&str, &str)]) -> Vec<Finding> {
    let text = base_with(edits);
    let outcome = check_in_memory("plan", &[("plan.toml", &text)], &Options::default());
    outcome
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

fn english(f: &[Finding]) -> Vec<&str> {
    f.iter().map(|f| f.message.en.as_str()).collect()
}

// --- Direction ids (normalize.rs: is_measure_id, DirectionRef::parse) ---------------------

/// A cited direction whose measure part is not `N-M` in digits is unreadable (PC102 says so);
/// it must not be taken for a direction of some measure 「一-1」.
#[test]
fn a_direction_with_a_kanji_numeral_measure_is_unreadable() {
    for printed in [
        "一-1 方針２",
        "1-x 方針２",
        "x-1 方針２",
        "-1 方針２",
        "1- 方針２",
    ] {
        let edit = format!("direction = \"{printed}\"");
        let f = findings("PC102", &[("direction = \"1-1 方針２\"", &edit)]);
        let en = english(&f);
        assert_eq!(
            en,
            [format!("cannot read `{printed}` as a policy direction id")],
            "{printed}"
        );
    }
}

/// A direction number with a sign is not a number as printed: 「方針＋２」 is unreadable,
/// not 方針２.
#[test]
fn a_direction_number_with_a_plus_sign_is_unreadable() {
    let f = findings(
        "PC102",
        &[("direction = \"1-1 方針２\"", "direction = \"1-1 方針＋２\"")],
    );
    assert_eq!(
        english(&f),
        ["cannot read `1-1 方針＋２` as a policy direction id"]
    );
}

// --- Suppressions (allow.rs: is_header) ----------------------------------------------------

/// An `allow` on the first line of a table record covers the whole record, down to the next
/// header — also the lines below the `allow` itself.
#[test]
fn an_allow_at_the_top_of_a_record_covers_the_lines_below_it() {
    let text = base_with(&[(
        "[[project.direction.table.row]]\ndirection = \"1-1 方針２\"",
        "[[project.direction.table.row]]\nallow = [{ rule = \"unknown-direction\", reason = \"第６回審議会で追加予定\" }]\ndirection = \"1-1 方針９\"",
    )]);
    let outcome = check_in_memory("plan", &[("plan.toml", &text)], &Options::default());
    let reported: Vec<_> = outcome
        .findings
        .iter()
        .map(|f| (f.code, f.message.en.as_str()))
        .collect();
    assert!(
        !reported.iter().any(|(c, _)| *c == "PC102" || *c == "PC601"),
        "{reported:#?}"
    );
    let hidden: Vec<_> = outcome
        .suppressed
        .iter()
        .map(|s| {
            (
                s.finding.code,
                s.finding.subject.as_deref(),
                s.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        hidden,
        [("PC102", Some("1-1 方針9"), "第６回審議会で追加予定")]
    );
}

/// The same `allow` does not reach into the next record.
#[test]
fn an_allow_does_not_cover_the_next_record() {
    let text = base_with(&[
        (
            "[[project.direction.table.row]]\ndirection = \"1-1 方針２\"",
            "[[project.direction.table.row]]\nallow = [{ rule = \"unknown-direction\", reason = \"r\" }]\ndirection = \"1-1 方針９\"",
        ),
        ("direction = \"2-1 方針１\"", "direction = \"2-1 方針８\""),
    ]);
    let outcome = check_in_memory("plan", &[("plan.toml", &text)], &Options::default());
    let reported: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.code == "PC102")
        .map(|f| f.subject.as_deref())
        .collect();
    assert_eq!(reported, [Some("2-1 方針8")]);
    assert_eq!(outcome.suppressed.len(), 1);
}

// --- Baselines (baseline.rs: compare) ------------------------------------------------------

/// Two rows citing the same undeclared direction (same rule, file and subject).
const TWICE: [(&str, &str); 2] = [
    ("direction = \"1-1 方針１\"", "direction = \"1-1 方針９\""),
    ("direction = \"1-1 方針２\"", "direction = \"1-1 方針９\""),
];

fn entry(message: &str) -> String {
    format!(
        r#"{{ "code": "PC102", "file": "plan.toml", "subject": "1-1 方針9", "message": "{message}" }}"#
    )
}

fn baseline_file(entries: &[String]) -> String {
    format!(
        "{{ \"version\": 2, \"entries\": [{}] }}\n",
        entries.join(", ")
    )
}

fn check_json_with_baseline(plan: &str, baseline: &str) -> (i32, serde_json::Value, String) {
    let f = Fixture::new();
    f.write("plan.toml", plan);
    std::fs::write(f.dir.path().join("baseline.json"), baseline).unwrap();
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    let v = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    (out.code, v, out.stderr)
}

/// One baseline entry absorbs one finding: the second finding with the same rule, file and
/// subject is new, fails the check, and the entry is not also counted as fixed.
#[test]
fn a_baseline_entry_absorbs_one_finding_only() {
    let plan = base_with(&[TWICE[0]]);
    let twice = base_with(&TWICE);
    let baseline = baseline_file(&[entry("recorded once")]);
    // today's plan: the one recorded finding is known
    let (code, v, stderr) = check_json_with_baseline(&plan, &baseline);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    assert!(
        stderr.contains("baseline: 1 known findings not shown, 0 baseline entries fixed now"),
        "{stderr}"
    );
    // the same mistake made a second time is reported (with what citing one direction
    // twice brings: other rules' findings, not in the baseline either)
    let (code, v, stderr) = check_json_with_baseline(&twice, &baseline);
    assert_eq!(code, 1, "{v}");
    let new: Vec<_> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "PC102")
        .collect();
    assert_eq!(new.len(), 1, "{v}");
    assert_eq!(new[0]["subject"], "1-1 方針9");
    assert!(
        stderr.contains("baseline: 1 known findings not shown, 0 baseline entries fixed now"),
        "{stderr}"
    );
}

/// Two entries with the same key and one finding left: one entry is fixed, whatever the order
/// of the entries in the file.
#[test]
fn repeated_baseline_entries_are_matched_one_to_one_in_any_order() {
    let plan = base_with(&[TWICE[0]]);
    let mut fixed_lines = Vec::new();
    for order in [
        ["a first copy", "b second copy"],
        ["b second copy", "a first copy"],
    ] {
        let baseline = baseline_file(&[entry(order[0]), entry(order[1])]);
        let (code, v, stderr) = check_json_with_baseline(&plan, &baseline);
        assert_eq!(code, 0, "{v}");
        assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
        assert!(
            stderr.contains("baseline: 1 known findings not shown, 1 baseline entries fixed now"),
            "{stderr}"
        );
        let fixed: Vec<&str> = stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("fixed:"))
            .collect();
        assert_eq!(fixed.len(), 1, "{stderr}");
        fixed_lines.push(fixed[0].to_string());
    }
    assert_eq!(fixed_lines[0], fixed_lines[1]);
}

// --- Summary pairing (summary_indicator_mismatch.rs: the most similar near name) -----------

/// A summary name near several page indicators is paired, as a rename, with the most similar
/// one — not the first or the last near one — and the others are missing from the summary.
#[test]
fn a_renamed_summary_indicator_pairs_with_the_most_similar_page_indicator() {
    let f = findings(
        "PC204",
        &[
            (
                "[[project.indicators.row]]\nname = \"年少人口\"",
                "[[project.indicators.row]]\nname = \"子育て支援センター登録者数\"\n\n\
                 [[project.indicators.row]]\nname = \"子育て支援センターの利用者数\"\n\n\
                 [[project.indicators.row]]\nname = \"子育て支援センター相談件数\"",
            ),
            (
                "indicators = [{ name = \"年少人口\",",
                "indicators = [{ name = \"子育て支援センター利用者数\",",
            ),
        ],
    );
    let en = english(&f);
    assert_eq!(en.len(), 3, "{en:#?}");
    let renamed: Vec<&&str> = en
        .iter()
        .filter(|m| m.contains("prints the indicator as"))
        .collect();
    assert_eq!(
        renamed,
        [
            &"the summary's 「１ 子育て応援プロジェクト」 prints the indicator as 「子育て支援センター利用者数」, but project 1's page names it 「子育て支援センターの利用者数」"
        ],
        "{en:#?}"
    );
    for other in ["子育て支援センター登録者数", "子育て支援センター相談件数"]
    {
        assert!(
            en.iter().any(|m| m.contains(&format!(
                "project indicator 「{other}」 is missing from the summary"
            ))),
            "{other}: {en:#?}"
        );
    }
}

// --- Values (value.rs: parse, Part::label) -------------------------------------------------

/// A value printed after its year (「令和５年度 95.2%」) is text: the year's 5 is not a number
/// labelled 令和 in the unit 「年度 95.2%」, so no unit mismatch is reported against 96.5%.
#[test]
fn a_value_printed_after_its_year_is_not_a_number_of_the_year() {
    assert!(
        matches!(value::parse("令和５年度 95.2%"), Parsed::Text(_)),
        "{:?}",
        value::parse("令和５年度 95.2%")
    );
    assert!(matches!(value::parse("約94%"), Parsed::Text(_)));
    assert!(matches!(value::parse("男 女 79 歳"), Parsed::Text(_)));
    // a label separated by a space is still a label
    match value::parse("男 79.4 歳") {
        Parsed::Quantity(q) => assert_eq!(q.label.as_deref(), Some("男")),
        other => panic!("{other:?}"),
    }
    let f = findings(
        "PC302",
        &[("baseline = \"95.2%\"", "baseline = \"令和５年度 95.2%\"")],
    );
    assert!(f.is_empty(), "{:#?}", english(&f));
}

/// Labelled sub-values pair by label, whatever their order: 女 86.0 → 女 85.0 falls; by
/// position the rise 男 79.4 → 女 85.0 would hide it and 女 86.0 → 男 80.0 be reported.
#[test]
fn labelled_sub_values_are_compared_label_to_label() {
    let f = findings(
        "PC301",
        &[
            (
                "baseline = \"95.2%\"",
                "baseline = [\"男 79.4 歳\", \"女 86.0 歳\"]",
            ),
            (
                "target = \"96.5%\"",
                "target = [\"女 85.0 歳\", \"男 80.0 歳\"]",
            ),
        ],
    );
    assert_eq!(
        english(&f),
        [
            "target 女 85.0 歳 of `健診受診率` is below its baseline 女 86.0 歳, but the indicator is meant to rise"
        ]
    );
}

/// With a third sub-value only in the target, labels still pair the two that both print.
#[test]
fn labelled_sub_values_pair_even_when_the_counts_differ() {
    let f = findings(
        "PC301",
        &[
            (
                "baseline = \"95.2%\"",
                "baseline = [\"小学校 90%\", \"中学校 85%\"]",
            ),
            (
                "target = \"96.5%\"",
                "target = [\"中学校 80%\", \"小学校 95%\", \"高校 70%\"]",
            ),
        ],
    );
    assert_eq!(
        english(&f),
        [
            "target 中学校 80% of `健診受診率` is below its baseline 中学校 85%, but the indicator is meant to rise"
        ]
    );
}

// --- Indicator direction (target_wrong_way.rs: strip_parentheticals) -----------------------

/// A parenthetical after the measure word is skipped: 「刑法犯認知件数（累計）」 is still meant
/// to fall, so a target above the baseline is reported.
#[test]
fn a_parenthetical_after_a_falling_indicator_keeps_it_falling() {
    for name in ["刑法犯認知件数（累計）", "刑法犯認知件数(累計)"] {
        let f = findings(
            "PC301",
            &[
                (
                    "indicator = \"刑法犯認知件数\"",
                    &format!("indicator = \"{name}\""),
                ),
                ("target = \"1,400 件\"", "target = \"2,000 件\""),
            ],
        );
        assert_eq!(
            english(&f),
            [format!(
                "target 2,000 件 of `{name}` is above its baseline 1,869 件, but the indicator is meant to fall"
            )],
            "{name}"
        );
    }
}

/// Only the parenthetical is skipped: in 「危険空き家（特定空家等）の除却件数」 the removals after
/// the closing bracket still count, so the indicator rises and more removals are no mistake.
#[test]
fn text_after_a_parenthetical_still_decides_the_direction() {
    for name in [
        "危険空き家（特定空家等）の除却件数",
        "危険空き家(特定空家等)の除却件数",
    ] {
        let f = findings(
            "PC301",
            &[
                (
                    "indicator = \"刑法犯認知件数\"",
                    &format!("indicator = \"{name}\""),
                ),
                ("target = \"1,400 件\"", "target = \"2,000 件\""),
            ],
        );
        assert!(f.is_empty(), "{name}: {:#?}", english(&f));
    }
}

// --- The full run at 6b6b04d: finding.rs and i18n.rs ---------------------------------------

/// A measure id holding a control character (DEL, as pasted from another program), declared
/// as `2-\u007F1` and printed in full-width digits in the SDGs table. `fix` writes the declared
/// form back as an escape, so the file stays valid TOML (a raw DEL is not allowed in a TOML
/// string); the rest of the file keeps its bytes.
#[test]
fn fix_writes_a_control_character_of_an_id_as_an_escape() {
    let before = base_with(&[
        ("id = \"2-1\"\npolicy", "id = \"2-\\u007F1\"\npolicy"),
        (
            "measure = \"2-1\"\nname = \"防犯の推進\"\nindicators",
            "measure = \"２-\\u007F１\"\nname = \"防犯の推進\"\nindicators",
        ),
    ]);
    let f = Fixture::new();
    f.write("plan.toml", &before);
    let out = f.run(&["fix", "plan", "--lang", "en"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let after = std::fs::read_to_string(f.plan().join("plan.toml")).unwrap();
    let expected = before.replacen("measure = \"２-\\u007F１\"", "measure = \"2-\\u007F1\"", 1);
    assert_ne!(expected, before);
    assert_eq!(after, expected);
    assert!(!after.contains('\u{7f}'));
}

/// A rule configured as `info` in plancheck.toml reports at that level: the warning PC501
/// becomes information, which never fails the check, not even with `--deny warnings`.
#[test]
fn a_rule_configured_as_info_reports_information() {
    let f = common::plan_with(&[(
        "measure = \"2-1\"\nname = \"防犯の推進\"\nindicators",
        "measure = \"２-１\"\nname = \"防犯の推進\"\nindicators",
    )]);
    // without configuration: a warning, and `--deny warnings` fails
    let out = f.run(&["check", "plan", "--format", "json", "--deny", "warnings"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    f.write("plancheck.toml", "[rules]\nPC501 = \"info\"\n");
    let out = f.run(&["check", "plan", "--format", "json", "--deny", "warnings"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let levels: Vec<(&str, &str)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(levels, [("PC501", "info")]);
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "ja"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    // the officer's first line counts it as information, not as a warning
    assert!(
        out.stdout.contains("エラー 0 件、警告 0 件、情報 1 件"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("PC501  id-notation  情報"),
        "{}",
        out.stdout
    );
}

/// `check --baseline PATH` in Japanese, from the folder above `plan/`: exit code and stdout.
fn check_with_baseline_ja(f: &Fixture, path: &str) -> common::Output {
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        path,
        "--color",
        "never",
        "--lang",
        "ja",
    ]);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    out
}

/// A baseline path that names a folder is said to be a folder, in Japanese.
#[test]
fn a_baseline_that_is_a_folder_is_said_to_be_a_folder() {
    let f = common::plan_with(&[]);
    std::fs::create_dir(f.dir.path().join("baseline.json")).unwrap();
    let out = check_with_baseline_ja(&f, "baseline.json");
    assert_eq!(
        out.stdout,
        "ベースラインを読めません: baseline.json（ファイルではなくフォルダです）\n"
    );
}

/// A baseline path that goes through a file (`plan/plan.toml/baseline.json`) is said to pass
/// through a file, in Japanese.
#[test]
fn a_baseline_path_through_a_file_is_said_to_name_a_file() {
    let f = common::plan_with(&[]);
    let out = check_with_baseline_ja(&f, "plan/plan.toml/baseline.json");
    assert_eq!(
        out.stdout,
        "ベースラインを読めません: plan/plan.toml/baseline.json（フォルダではなくファイルです）\n"
    );
}

/// A baseline saved in Shift_JIS (not UTF-8) cannot be read as text, and says so in Japanese.
#[test]
fn a_baseline_not_in_utf8_is_said_to_be_unreadable_as_text() {
    let f = common::plan_with(&[]);
    // a baseline holding 「基準」 in Shift_JIS (0x8A 0xEE 0x8F 0x80)
    let mut bytes = b"{ \"note\": \"".to_vec();
    bytes.extend_from_slice(&[0x8A, 0xEE, 0x8F, 0x80]);
    bytes.extend_from_slice(b"\", \"version\": 2, \"entries\": [] }\n");
    std::fs::write(f.dir.path().join("baseline.json"), bytes).unwrap();
    let out = check_with_baseline_ja(&f, "baseline.json");
    assert_eq!(
        out.stdout,
        "ベースラインを読めません: baseline.json（中身を文字として読めません）\n"
    );
}

// --- Commands (report, matrix, review, write) ---------------------------------------------

/// `report --output FILE` without `--format` writes the format the extension names: a
/// workbook for `.xlsx`, Markdown for `.md` and `.markdown` (the same bytes as
/// `--format markdown`), not the text table.
#[test]
fn report_output_format_follows_the_extension() {
    let f = common::plan_with(&[]);
    let out = f.run(&["report", "plan", "--output", "tbd.xlsx"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let xlsx = std::fs::read(f.dir.path().join("tbd.xlsx")).unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"), "not a zip (xlsx) file");
    let markdown = f.run(&["report", "plan", "--format", "markdown"]);
    assert_eq!(markdown.code, 0);
    assert!(markdown.stdout.contains("\n|"), "{}", markdown.stdout);
    for name in ["tbd.md", "tbd.markdown"] {
        let out = f.run(&["report", "plan", "--output", name]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let written = std::fs::read_to_string(f.dir.path().join(name)).unwrap();
        assert_eq!(written, markdown.stdout, "{name}");
    }
}

/// A plan that does not load: `--format json` gets the findings as JSON (a script parses
/// it), the other formats the human listing.
#[test]
fn a_plan_that_does_not_load_is_json_only_for_json() {
    let f = Fixture::new();
    f.write("plan.toml", "[plan\n");
    for command in ["report", "matrix"] {
        let out = f.run(&[command, "plan", "--format", "json"]);
        assert_eq!(out.code, 2, "{command}");
        let v: serde_json::Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{command}: not JSON ({e}): {}", out.stdout));
        assert_eq!(v["findings"][0]["code"], "PC004", "{command}");
        assert_eq!(v["findings"][0]["line"], 1, "{command}");
        let out = f.run(&[command, "plan"]);
        assert_eq!(out.code, 2, "{command}");
        assert!(
            out.stdout.starts_with("loading the plan: 1 error (1 file)"),
            "{command}: {}",
            out.stdout
        );
        assert!(out.stdout.contains("× PC004"), "{command}: {}", out.stdout);
    }
}

// --- The loader: schema errors, encodings, the matrix header, files loaded in pieces ------

use plancheck::plan::load::{LoadFailure, Loaded, load_from_memory};

/// The load errors of in-memory plan files as (code, English message), in report order.
fn load_errors(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
    match load_from_memory("plan", files) {
        Ok(_) => Vec::new(),
        Err(f) => errors_of(&f),
    }
}

fn errors_of(f: &LoadFailure) -> Vec<(&'static str, String)> {
    f.errors
        .iter()
        .map(|e| (e.code, e.message.en.clone()))
        .collect()
}

/// The English messages of `errors`, sorted.
fn messages<'a>(errors: &'a [(&'static str, String)]) -> Vec<&'a str> {
    let mut m: Vec<&str> = errors.iter().map(|(_, m)| m.as_str()).collect();
    m.sort();
    m
}

/// The errors of loading the folder `plan/` of `f` from disk, as (code, English message).
fn load_folder(f: &Fixture) -> Result<Loaded, Vec<(&'static str, String)>> {
    plancheck::plan::load::load(&f.plan(), "plan").map_err(|e| errors_of(&e))
}

#[test]
fn every_wrong_element_of_an_inline_array_is_reported_and_the_record_read_on() {
    let text = "[[project]]\nnumber = 1\nname = \"x\"\ndirection = [5, 6]\nnmae = 1\n";
    assert_eq!(
        messages(&load_errors(&[("p.toml", text)])),
        [
            "unknown key `nmae` in [[project]]",
            "wrong type for `direction` in [[project]]: integer `5` where a table (ProjectDirection) is expected",
            "wrong type for `direction` in [[project]]: integer `6` where a table (ProjectDirection) is expected",
        ]
    );
}

#[test]
fn a_fractional_number_does_not_hide_the_next_mistake_of_its_record() {
    // (keys are decoded in alphabetical order: `tables_heading` after `number`)
    let text = "[[project]]\nnumber = 1.5\nname = \"x\"\ntables_heading = 3\n";
    assert_eq!(
        messages(&load_errors(&[("p.toml", text)])),
        [
            "wrong type for `number` in [[project]]: floating point `1.5` where an integer is expected",
            "wrong type for `tables_heading` in [[project]]: integer `3` where a string is expected",
        ]
    );
}

#[test]
fn a_misspelt_key_hides_only_the_missing_key_it_stands_for() {
    // `nmae` is `name` misspelt: `name` is not reported missing, `number` is
    let text = "[[project]]\nnmae = \"x\"\n";
    assert_eq!(
        messages(&load_errors(&[("p.toml", text)])),
        [
            "missing field `number` in [[project]]",
            "unknown key `nmae` in [[project]]",
        ]
    );
}

#[test]
fn every_wrong_value_of_the_configuration_is_reported() {
    // (keys are decoded in alphabetical order: `ratio` after `extreme_ratio`)
    let config =
        "lang = 1\nrules = 5\n\n[targets]\nextreme_ratio = \"ten\"\nratio = 2\n\n[bogus]\n";
    let found = load_errors(&[("plancheck.toml", config), ("plan.toml", common::VALID)]);
    assert_eq!(
        messages(&found),
        [
            "unknown key `bogus` at the top level of the file",
            "unknown key `ratio` in [targets]",
            "wrong type for `extreme_ratio` in [targets]: string \"ten\" where f64 is expected",
            "wrong type for `lang` at the top level of the file: integer `1` where a string is expected",
            "wrong type for `rules` at the top level of the file: integer `5` where a table is expected",
        ]
    );
}

/// `text` as UTF-16 little-endian bytes, without a byte order mark.
fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
}

#[test]
fn an_empty_plan_file_is_read_as_empty_text_not_as_utf16() {
    let f = Fixture::new();
    f.write("plan.toml", common::VALID).write("notes.toml", "");
    assert!(load_folder(&f).is_ok(), "{:?}", load_folder(&f).err());
}

#[test]
fn nul_bytes_in_a_utf8_file_are_not_taken_for_utf16() {
    // one stray NUL in a plan file; a file of one NUL, of 64; NULs after a UTF-8 byte order
    // mark
    let mut stray = common::VALID.as_bytes().to_vec();
    stray.insert(40, 0);
    let mut after_bom = b"\xEF\xBB\xBF".to_vec();
    for _ in 0..20 {
        after_bom.extend_from_slice(b"\0a");
    }
    for bytes in [stray, vec![0u8], vec![0u8; 64], after_bom] {
        let f = Fixture::new();
        f.write("plan.toml", &bytes);
        let found = load_folder(&f).unwrap_err();
        eprintln!("{found:#?}");
        assert!(
            found
                .iter()
                .all(|(code, m)| *code == "PC004" && !m.contains("UTF-16")),
            "{found:#?}"
        );
    }
}

#[test]
fn a_short_utf16_file_without_a_byte_order_mark_is_named_utf16() {
    // three ASCII characters and two kanji: few zero bytes, but only in the high bytes
    let f = Fixture::new();
    f.write("plan.toml", utf16le("[計画]\n"));
    let found = load_folder(&f).unwrap_err();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0]
            .1
            .starts_with("file is saved as UTF-16 (LE, without a byte order mark)"),
        "{found:#?}"
    );
}

#[test]
fn a_utf16_file_shows_its_first_line_decoded() {
    let f = Fixture::new();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(utf16le(common::VALID));
    f.write("plan.toml", bytes);
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "en"]);
    assert_eq!(out.code, 2);
    eprintln!("{}", out.stdout);
    assert!(out.stdout.contains("1 │ [plan]"), "{}", out.stdout);
    assert!(!out.stdout.contains("xyzzy"), "{}", out.stdout);
}

#[test]
fn a_file_of_exactly_the_size_limit_is_still_read() {
    let f = Fixture::new();
    f.write("plan.toml", common::VALID);
    // 0xFF then zero bytes up to exactly 64 MiB (sparse): read, and found not to be UTF-8
    let path = f.plan().join("huge.toml");
    std::fs::write(&path, [0xFF]).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(plancheck::plan::load::MAX_FILE_BYTES)
        .unwrap();
    let found = load_folder(&f).unwrap_err();
    assert_eq!(
        found,
        [(
            "PC003",
            "file is not UTF-8 (byte 0xFF at offset 0)".to_string()
        )]
    );
}

const DUPLICATE_MATRIX_HEADER: &str =
    "the matrix's header ([matrix] with columns, legend or marks) may appear only once in a plan";

#[test]
fn a_second_matrix_header_with_a_legend_only_is_a_duplicate() {
    let second = "[matrix]\nlegend = \"※別の凡例\"\n";
    let found = load_errors(&[("a.toml", plancheck::rules::BASE), ("b.toml", second)]);
    assert_eq!(messages(&found), [DUPLICATE_MATRIX_HEADER]);
}

#[test]
fn a_second_matrix_header_does_not_replace_the_first_ones_columns() {
    // b.toml's mark names a column of the first header (a.toml), not of its own
    let second = "[matrix]\ncolumns = [\"安全プロジェクト\"]\n\n[[matrix.mark]]\nmeasure = \"9-9\"\n\
                  project = \"子育て応援プロジェクト\"\nsymbol = \"○\"\n";
    let found = load_errors(&[("a.toml", plancheck::rules::BASE), ("b.toml", second)]);
    assert_eq!(messages(&found), [DUPLICATE_MATRIX_HEADER]);
}

#[test]
fn a_long_vowel_mark_between_katakana_and_a_digit_is_not_a_look_alike_dash() {
    // 「センター１」: the ー follows a katakana letter, so it is no dash between digits
    let text = base_with(&[("id = \"1-1 方針１\"", "id = \"1-1 センター１\"")]);
    let loaded = load_from_memory("plan", &[("plan.toml", &text)]);
    assert!(loaded.is_ok(), "{:?}", loaded.err().map(|f| errors_of(&f)));
}

#[test]
fn fix_removes_a_wrong_matrix_mark_with_its_blank_line_and_nothing_else() {
    let mark = |measure: &str, symbol: &str| {
        format!(
            "[[matrix.mark]]\nmeasure = \"{measure}\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"{symbol}\"\n"
        )
    };
    // the matrix as marks; measure 2-2 has no direction in any project table, so its mark
    // is wrong
    let wrong = format!("{}\n", mark("2-2", "○"));
    let text = base_with(&[
        (
            "[[matrix.row]]\npolicy = \"子育て政策\"\nmeasure = \"1-1\"\nname = \"子育て環境の充実\"\ncells = [\"◎\"]\n",
            &format!("{}\n{wrong}", mark("1-1", "◎")),
        ),
        (
            "[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells = [\"○\"]\n",
            &mark("2-1", "○"),
        ),
        (
            "title = \"地域の防犯活動\"\n",
            "title = \"地域の防犯活動\"\n\n[[measure]]\nid = \"2-2\"\npolicy = \"2\"\nname = \"交通安全\"\n",
        ),
    ]);
    let f = Fixture::new();
    f.write("plan.toml", &text);
    let out = f.run(&["fix", "plan", "--rule", "PC111"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let fixed = std::fs::read_to_string(f.plan().join("plan.toml")).unwrap();
    assert_eq!(fixed, text.replacen(&wrong, "", 1));
}

/// A wrong mark whose last line ends in a comment (an editor's note) goes with its comment:
/// the removal runs to the end of the record's last line, not just past its last value.
#[test]
fn fix_removes_a_wrong_matrix_mark_with_the_comment_on_its_last_line() {
    let mark = |measure: &str, symbol: &str, comment: &str| {
        format!(
            "[[matrix.mark]]\nmeasure = \"{measure}\"\nproject = \"子育て応援プロジェクト\"\nsymbol = \"{symbol}\"{comment}\n"
        )
    };
    let wrong = format!("{}\n", mark("2-2", "○", "  # 要確認（企画課）"));
    let text = base_with(&[
        (
            "[[matrix.row]]\npolicy = \"子育て政策\"\nmeasure = \"1-1\"\nname = \"子育て環境の充実\"\ncells = [\"◎\"]\n",
            &format!("{}\n{wrong}", mark("1-1", "◎", "")),
        ),
        (
            "[[matrix.row]]\npolicy = \"安全政策\"\nmeasure = \"2-1\"\nname = \"防犯の推進\"\ncells = [\"○\"]\n",
            &mark("2-1", "○", ""),
        ),
        (
            "title = \"地域の防犯活動\"\n",
            "title = \"地域の防犯活動\"\n\n[[measure]]\nid = \"2-2\"\npolicy = \"2\"\nname = \"交通安全\"\n",
        ),
    ]);
    let f = Fixture::new();
    f.write("plan.toml", &text);
    let out = f.run(&["fix", "plan", "--rule", "PC111"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let fixed = std::fs::read_to_string(f.plan().join("plan.toml")).unwrap();
    assert_eq!(fixed, text.replacen(&wrong, "", 1));
}

// Plan files of 1 MiB and more are parsed in pieces (src/plan/load/pieces.rs); what a user
// sees must be what the whole file means.

/// `n` measure records of about 70 bytes, record k starting on line 5k + 1.
fn measures(n: usize) -> String {
    (0..n)
        .map(|k| {
            let (p, m) = (k / 100 + 1, k % 100 + 1);
            format!("[[measure]]\nid = \"{p}-{m}\"\npolicy = \"{p}\"\nname = \"施策{k}\"\n\n")
        })
        .collect()
}

/// (code, line) of each load error of one in-memory file.
fn error_lines(name: &str, text: &str) -> Vec<(&'static str, usize)> {
    let failure = load_from_memory("plan", &[(name, text)]).expect_err("load errors");
    failure
        .errors
        .iter()
        .map(|e| match &e.location {
            plancheck::finding::Location::Span { file, span } => {
                (e.code, failure.files[*file].line_col(span.start).line)
            }
            _ => (e.code, 0),
        })
        .collect()
}

#[test]
fn a_syntax_error_before_the_first_record_of_a_large_file_is_reported() {
    let text = format!("x =\n{}", measures(20_000));
    assert!(text.len() > 1 << 20);
    let found = error_lines("m.toml", &text);
    assert!(
        !found.is_empty() && found.iter().all(|e| *e == ("PC004", 1)),
        "{found:?}"
    );
}

#[test]
fn syntax_errors_in_every_part_of_a_large_file_are_all_reported() {
    // a missing value in every 1,500th record (about every 100 KiB)
    let broken: Vec<usize> = (0..20_000).step_by(1_500).collect();
    let mut text = measures(20_000);
    for k in broken.iter().rev() {
        let name = format!("name = \"施策{k}\"\n");
        let at = text.find(&name).unwrap();
        text.replace_range(at..at + name.len(), "name =\n");
    }
    assert!(text.len() > 1 << 20);
    let found = error_lines("m.toml", &text);
    let lines: Vec<usize> = found.iter().map(|e| e.1).collect();
    // the record's 4th line, `name =`
    let expected: Vec<usize> = broken.iter().map(|k| 5 * k + 4).collect();
    assert!(found.iter().all(|e| e.0 == "PC004"), "{found:?}");
    let mut unique = lines.clone();
    unique.dedup();
    assert_eq!(unique, expected, "{found:?}");
}

#[test]
fn a_large_file_loaded_whole_after_all_keeps_the_sections_of_earlier_files() {
    // a.toml: the single sections. b.toml: one project of 1 MiB whose indicator table is
    // written again as [project.indicators] after its directions: valid TOML, which the
    // pieces cannot merge, so b.toml is loaded whole after its pieces were undone.
    let a = "[plan]\nname = \"計画\"\n\n[summary]\nbaseline_label = \"（令和５年度）\"\n\n\
             [sdgs]\ntitle = \"表\"\n\n[overview]\nvision = \"笑顔のまち\"\n";
    let mut b = String::from("[[project]]\nnumber = 1\nname = \"子育て応援プロジェクト\"\n\n");
    for k in 0..14_000 {
        b.push_str(&format!(
            "[[project.indicators.row]]\nname = \"指標{k}\"\nbaseline = \"{k} 人\"\ntarget = \"{k} 人\"\n\n"
        ));
    }
    b.push_str("[[project.direction]]\ntitle = \"方向\"\n\n[project.indicators]\nbaseline_label = \"（令和５年度）\"\n");
    assert!(b.len() > 1 << 20);
    let loaded = match load_from_memory("plan", &[("a.toml", a), ("b.toml", &b)]) {
        Ok(l) => l,
        Err(f) => panic!("{:?}", errors_of(&f)),
    };
    let plan = &loaded.plan;
    assert_eq!(
        plan.projects[0].item.indicators.as_ref().unwrap().row.len(),
        14_000
    );
    assert!(plan.meta.is_some(), "[plan] of a.toml lost");
    assert!(plan.summary.is_some(), "[summary] of a.toml lost");
    assert!(plan.sdgs.is_some(), "[sdgs] of a.toml lost");
    assert!(plan.overview.is_some(), "[overview] of a.toml lost");
}

#[test]
fn a_missing_key_in_the_first_row_of_a_table_is_reported_once() {
    let text = "[sdgs]\ntitle = \"表\"\n\n[[sdgs.row]]\npolicy = \"子育て政策\"\nname = \"x\"\n";
    let found = load_errors(&[("plan.toml", text)]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].1.starts_with("missing field `measure` in "),
        "{found:#?}"
    );
}

#[test]
fn a_record_that_is_not_a_table_is_reported_as_such() {
    assert_eq!(
        messages(&load_errors(&[("plan.toml", "project = [1]\n")])),
        ["wrong type for a value in [[project]]: integer `1` where a table (Project) is expected"]
    );
}

#[test]
fn a_syntax_error_on_the_line_after_a_named_mistake_is_reported_too() {
    // a full-width space at the end of line 2, named; a syntax error of its own on line 3
    for (next, error) in [
        ("= 1", "the key is empty"),
        (
            "?x = 1",
            "a key without quotes holds a character keys may not have",
        ),
    ] {
        let text = format!("[plan]\nname = \"市\"\u{3000}\n{next}\n");
        let mut expected = vec![
            "full-width space '\u{3000}' (U+3000) where TOML expects an ordinary space or a key",
            error,
        ];
        expected.sort();
        assert_eq!(messages(&load_errors(&[("plan.toml", &text)])), expected);
    }
}

#[test]
fn a_number_too_large_for_any_integer_is_reported_at_it() {
    let text = "[[project]]\nnumber = 999999999999999999999999999999999999999999\nname = \"x\"\n";
    // the toml crate's own words, with no type expected: reported at the number, no panic
    assert_eq!(
        load_errors(&[("p.toml", text)]),
        [(
            "PC006",
            "invalid value for `number` in [[project]]: integer number overflowed".to_string()
        )]
    );
}

/// After a number too large for any integer, the rest of its record is still checked: a
/// wrong value further down is reported in the same run, not after the number is fixed.
#[test]
fn a_record_with_a_number_too_large_is_checked_to_its_end() {
    let text = "[[project]]\nnumber = 999999999999999999999999999999999999999999\nname = \"x\"\ntables_heading = 5\n\n[[project]]\nnumber = 2\nname = \"y\"\naim = 3\n";
    assert_eq!(
        load_errors(&[("p.toml", text)]),
        [
            (
                "PC006",
                "invalid value for `number` in [[project]]: integer number overflowed".to_string()
            ),
            (
                "PC006",
                "wrong type for `tables_heading` in [[project]]: integer `5` where a string is expected".to_string()
            ),
            (
                "PC006",
                "wrong type for `aim` in [[project]]: integer `3` where a string is expected".to_string()
            ),
        ]
    );
}
