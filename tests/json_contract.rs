//! `check --format json` follows ../shared/docs/CONTRACT.md.

mod common;
use common::{Fixture, repo, run_in};

fn check_json(dir: &std::path::Path, plan: &str) -> (i32, serde_json::Value) {
    let out = run_in(dir, &["check", plan, "--format", "json", "--lang", "en"]);
    (
        out.code,
        serde_json::from_str(&out.stdout).expect("one JSON object"),
    )
}

#[test]
fn shipped_plan_json_has_the_contract_shape_and_order() {
    let (code, v) = check_json(&repo(), "plan");
    assert!(code == 0 || code == 1, "exit {code}");
    assert_eq!(v["version"], 1);
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    let severities = ["error", "warning", "info"];
    let mut counts = [0u64; 3];
    let mut last: Option<(String, u64, u64, String)> = None;
    for f in findings {
        let code = f["code"].as_str().unwrap();
        assert!(code.starts_with("PC") && code.len() == 5, "{code}");
        let rule = f["rule"].as_str().unwrap();
        assert!(
            !rule.is_empty()
                && rule
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
        let sev = f["severity"].as_str().unwrap();
        counts[severities
            .iter()
            .position(|s| *s == sev)
            .expect("known severity")] += 1;
        assert!(!f["message"].as_str().unwrap().is_empty());
        let file = f["file"].as_str().unwrap().to_string();
        assert!(
            file.starts_with("plan/") && file.ends_with(".toml"),
            "{file}"
        );
        let (line, column) = (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap());
        assert!(line >= 1 && column >= 1);
        let (end_line, end_column) = (
            f["end_line"].as_u64().unwrap(),
            f["end_column"].as_u64().unwrap(),
        );
        assert!((end_line, end_column) >= (line, column));
        assert!(f["related"].is_array());
        for r in f["related"].as_array().unwrap() {
            assert!(r["file"].is_string() && r["message"].is_string());
        }
        let key = (file, line, column, code.to_string());
        if let Some(prev) = &last {
            assert!(
                *prev <= key,
                "sorted by file, line, column, code: {prev:?} then {key:?}"
            );
        }
        last = Some(key);
    }
    let s = &v["summary"];
    assert_eq!(
        [
            s["error"].as_u64().unwrap(),
            s["warning"].as_u64().unwrap(),
            s["info"].as_u64().unwrap()
        ],
        counts
    );
    // exit code agrees with the error count
    assert_eq!(code == 1, counts[0] > 0);
}

#[test]
fn columns_count_characters_on_lines_with_full_width_text() {
    let f = Fixture::new();
    // A related plan still a draft, after a full-width plan name on the same line.
    let base = plancheck::rules::BASE.replace("\"地域防災計画\"]", "\"地域防災計画（案）\"]");
    f.write("plan.toml", base);
    let (_, v) = check_json(f.dir.path(), "plan");
    let draft = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "draft-plan")
        .expect("draft-plan finding");
    // plans = ["子ども・子育て支援事業計画", "地域防災計画（案）"]
    //          1234567890…: the second string starts at character 27 (byte 57)
    let line = plancheck::rules::BASE
        .lines()
        .position(|l| l.starts_with("plans = "))
        .unwrap()
        + 1;
    assert_eq!(draft["line"], line as u64);
    assert_eq!(draft["column"], 27);
    assert_eq!(
        draft["end_column"],
        27 + "\"地域防災計画（案）\"".chars().count() as u64
    );
    assert_eq!(draft["subject"], "地域防災計画(案)", "the normalised name");
}

#[test]
fn errors_exit_one_and_load_errors_exit_two_in_json() {
    let f = Fixture::new();
    f.write(
        "plan.toml",
        plancheck::rules::BASE.replace("direction = \"1-1 方針２\"", "direction = \"1-1 方針９\""),
    );
    let (code, v) = check_json(f.dir.path(), "plan");
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["error"], 1);
    assert_eq!(v["findings"][0]["subject"], "1-1 方針9");
    assert_eq!(v["findings"][0]["related"][0]["file"], "plan/plan.toml");
    let g = Fixture::new();
    g.write("plan.toml", "[plan\n");
    let (code, v) = check_json(g.dir.path(), "plan");
    assert_eq!(code, 2);
    assert_eq!(v["findings"][0]["severity"], "error");
    assert_eq!(v["findings"][0]["rule"], "toml-syntax");
}

#[test]
fn base_plan_is_clean_and_exits_zero() {
    let f = Fixture::new();
    f.write("plan.toml", plancheck::rules::BASE);
    let (code, v) = check_json(f.dir.path(), "plan");
    assert_eq!(code, 0);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert_eq!(
        v["summary"],
        serde_json::json!({"error": 0, "warning": 0, "info": 0})
    );
}
