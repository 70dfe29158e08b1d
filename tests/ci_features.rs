//! CI and office features: SARIF, GitHub annotations, configuration, suppressions, exit
//! policy and baselines.

mod common;
use common::{Fixture, plan_with, repo, run_in};

const WARNING: (&str, &str) = ("direction = \"1-1 方針１\"", "direction = \"1-1 方針 1\""); // PC501 id-notation
const ERROR: (&str, &str) = ("direction = \"1-1 方針２\"", "direction = \"1-1 方針９\""); // PC102
const INFO: (&str, &str) = ("\"地域防災計画\"]", "\"地域防災計画（案）\"]"); // PC404

/// A validator of the SARIF 2.1.0 schema in tests/schemas/.
fn sarif_validator() -> jsonschema::Validator {
    let mut schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/schemas/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // This schema revision's `run.language` pattern has a stray `]` that the validator's
    // meta-schema check rejects; later revisions fixed it to the pattern below. plancheck does not
    // emit `language`, so the correction changes nothing that is checked.
    fn fix_language_patterns(v: &mut serde_json::Value) -> usize {
        match v {
            serde_json::Value::Object(m) => {
                let mut n = 0;
                if m.get("pattern").and_then(|p| p.as_str())
                    == Some("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")
                {
                    m.insert(
                        "pattern".into(),
                        serde_json::json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"),
                    );
                    n += 1;
                }
                n + m.values_mut().map(fix_language_patterns).sum::<usize>()
            }
            serde_json::Value::Array(a) => a.iter_mut().map(fix_language_patterns).sum(),
            _ => 0,
        }
    }
    assert!(fix_language_patterns(&mut schema) >= 1);
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn schema_errors(validator: &jsonschema::Validator, sarif: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn sarif_validates_against_the_schema() {
    let validator = sarif_validator();
    for dir in [repo()] {
        let out = run_in(
            &dir,
            &["check", "plan", "--format", "sarif", "--lang", "en"],
        );
        assert!(out.code < 2);
        let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let errors = schema_errors(&validator, &sarif);
        assert!(errors.is_empty(), "{errors:#?}");
        let run = &sarif["runs"][0];
        assert_eq!(sarif["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), plancheck::rules::REGISTRY.len());
        assert!(rules.iter().all(|r| r["shortDescription"]["text"].is_string() && r["help"]["text"].is_string()));
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for r in results {
            let idx = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[idx]["id"], r["ruleId"]);
            let loc = &r["locations"][0]["physicalLocation"];
            assert!(
                loc["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .starts_with("plan/")
            );
            assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
        }
        assert!(
            results.iter().any(|r| r["relatedLocations"].is_array()),
            "drift findings carry the other copy"
        );
    }
}

#[test]
fn github_annotations_escape_percent_newline_colon_and_comma() {
    // A related plan named with %, a newline, ':' and ',' — reported by draft-plan.
    let f = plan_with(&[(
        "\"地域防災計画\"]",
        "\"地域防災計画（案）: 100%, 改定\\n予定\"]",
    )]);
    let out = f.run(&[
        "check",
        "plan",
        "--format",
        "github",
        "--lang",
        "en",
        "--min-severity",
        "info",
    ]);
    assert_eq!(out.code, 0);
    let line = out
        .stdout
        .lines()
        .find(|l| l.contains("PC404"))
        .expect("annotation");
    assert!(
        line.starts_with("::notice file=plan/plan.toml,line="),
        "{line}"
    );
    assert!(line.contains(",title=PC404 draft-plan::"), "{line}");
    let message = line.split_once("::").unwrap().1.split_once("::").unwrap().1;
    assert!(message.contains("100%25, 改定%0A予定"), "{message}");
    assert!(
        message.contains(": 100"),
        "':' stays in the message: {message}"
    );
    let g = plan_with(&[ERROR, WARNING]);
    let out = g.run(&["check", "plan", "--format", "github"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.lines().any(|l| l.starts_with("::error ")));
    assert!(out.stdout.lines().any(|l| l.starts_with("::warning ")));
}

#[test]
fn exit_codes_follow_the_flags() {
    let warn = plan_with(&[WARNING]);
    assert_eq!(warn.run(&["check", "plan"]).code, 0, "warnings alone pass");
    assert_eq!(warn.run(&["check", "plan", "--deny", "warnings"]).code, 1);
    let err = plan_with(&[ERROR]);
    assert_eq!(err.run(&["check", "plan"]).code, 1);
    assert_eq!(err.run(&["check", "plan", "--exit-zero"]).code, 0);
    let info = plan_with(&[INFO]);
    assert_eq!(
        info.run(&["check", "plan", "--deny", "warnings"]).code,
        0,
        "info never fails"
    );
    let broken = Fixture::new();
    broken.write("plan.toml", "[plan\n");
    assert_eq!(
        broken.run(&["check", "plan", "--exit-zero"]).code,
        2,
        "could not run"
    );
}

#[test]
fn severity_is_configurable_per_rule() {
    let f = plan_with(&[INFO]);
    f.write("plancheck.toml", "[rules]\ndraft-plan = \"error\"\n");
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["severity"], "error");
    f.write("plancheck.toml", "[rules]\nPC404 = \"off\"\n");
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    let explain = f.run(&["explain", "PC404", "plan", "--lang", "en"]);
    assert!(
        explain
            .stdout
            .contains("info (configured: off in plancheck.toml)"),
        "{}",
        explain.stdout
    );
}

/// Code scanning shows a rule's level from its descriptor: the configured one, else the rule's.
#[test]
fn sarif_rule_descriptors_carry_the_configured_severity() {
    let f = plan_with(&[INFO]);
    f.write("plancheck.toml", "[rules]\ndraft-plan = \"error\"\n");
    let out = f.run(&["check", "plan", "--format", "sarif"]);
    assert_eq!(out.code, 1);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let rules = v["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    let level = |code: &str| {
        rules.iter().find(|r| r["id"] == code).unwrap()["defaultConfiguration"]["level"].clone()
    };
    assert_eq!(level("PC404"), "error", "configured");
    assert_eq!(level("PC111"), "warning", "the rule's own");
}

#[test]
fn configuration_errors_suggest_the_near_name() {
    let f = plan_with(&[]);
    f.write("plancheck.toml", "[rules]\ndraft-plam = \"off\"\n");
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("did you mean `draft-plan`?"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("plan/plancheck.toml:2:"),
        "{}",
        out.stdout
    );
    f.write("plancheck.toml", "[rulez]\n");
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("did you mean `rules`?"),
        "{}",
        out.stdout
    );
    f.write("plancheck.toml", "[rules]\nPC404 = \"loud\"\n");
    let out = f.run(&["check", "plan", "--color", "never", "--lang", "en"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("invalid severity `loud`"),
        "{}",
        out.stdout
    );
}

#[test]
fn suppressions_hide_findings_and_show_on_request() {
    let f = plan_with(&[(
        "\"地域防災計画\"]",
        "\"地域防災計画（案）\"]\nallow = [{ rule = \"draft-plan\", reason = \"令和７年度に策定予定\" }]",
    )]);
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 0);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    assert!(v.get("suppressed").is_none());
    let out = f.run(&["check", "plan", "--format", "json", "--show-suppressed"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["suppressed"][0]["code"], "PC404");
    assert_eq!(v["suppressed"][0]["reason"], "令和７年度に策定予定");
    let human = f.run(&[
        "check",
        "plan",
        "--show-suppressed",
        "--lang",
        "ja",
        "--color",
        "never",
    ]);
    assert!(
        human.stdout.contains("理由: 令和７年度に策定予定"),
        "{}",
        human.stdout
    );
}

/// The base plan with a related plan （案） (PC404, info) whose record allows it.
const ALLOWED_DRAFT: (&str, &str) = (
    "\"地域防災計画\"]",
    "\"地域防災計画（案）\"]\nallow = [{ rule = \"draft-plan\", reason = \"令和７年度に策定予定\" }]",
);

#[test]
fn sarif_with_suppressed_findings_is_one_valid_log() {
    // defect 1: human text used to be appended after the SARIF document
    let f = plan_with(&[ALLOWED_DRAFT, ERROR]);
    let out = f.run(&["check", "plan", "--format", "sarif", "--show-suppressed"]);
    assert_eq!(out.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document ({e}):\n{}", out.stdout));
    let errors = schema_errors(&sarif_validator(), &sarif);
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let suppressed: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1, "{results:#?}");
    assert_eq!(suppressed[0]["ruleId"], "PC404");
    assert_eq!(
        suppressed[0]["suppressions"],
        serde_json::json!([{ "kind": "inSource", "justification": "令和７年度に策定予定" }])
    );
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "PC102" && r.get("suppressions").is_none())
    );
    // without the flag, the suppressed finding is not in the log
    let out = f.run(&["check", "plan", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["ruleId"] != "PC404"));
}

#[test]
fn github_annotations_leave_suppressed_findings_out() {
    let f = plan_with(&[ALLOWED_DRAFT, ERROR]);
    let plain = f.run(&["check", "plan", "--format", "github"]);
    let shown = f.run(&["check", "plan", "--format", "github", "--show-suppressed"]);
    assert_eq!(plain.stdout, shown.stdout);
    assert!(shown.stdout.lines().all(|l| l.starts_with("::")
        || l.starts_with("plancheck: ")
        || l.ends_with("Exit code 1.")));
    assert!(!shown.stdout.contains("令和７年度に策定予定"));
}

#[test]
fn an_allow_for_a_rule_that_is_off_is_reported_as_such() {
    // defect 3: it used to be reported as a stale suppression
    let f = plan_with(&[ALLOWED_DRAFT]);
    f.write("plancheck.toml", "[rules]\ndraft-plan = \"off\"\n");
    let out = f.run(&["check", "plan", "--format", "json", "--lang", "en"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["code"], "PC601");
    assert_eq!(findings[0]["subject"], "PC404");
    let message = findings[0]["message"].as_str().unwrap();
    assert!(message.contains("off in plancheck.toml"), "{message}");
    assert!(!message.contains("no PC404 finding any more"), "{message}");
    // with the rule on and nothing left to suppress, the allow is stale
    let g = plan_with(&[(
        "\"地域防災計画\"]",
        "\"地域防災計画\"]\nallow = [{ rule = \"draft-plan\", reason = \"r\" }]",
    )]);
    let out = g.run(&["check", "plan", "--format", "json", "--lang", "en"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v["findings"][0]["message"],
        "unused allow: this record has no PC404 finding any more"
    );
}

#[test]
fn rule_keys_ignore_case_in_configuration_allow_and_explain() {
    // defect 4: `pc404 = "off"` used to be rejected as an unknown rule
    let f = plan_with(&[INFO]);
    f.write("plancheck.toml", "[rules]\npc404 = \"off\"\n");
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    let explain = f.run(&["explain", "Draft-Plan", "plan", "--lang", "en"]);
    assert_eq!(explain.code, 0);
    assert!(
        explain
            .stdout
            .contains("info (configured: off in plancheck.toml)"),
        "{}",
        explain.stdout
    );
    f.write("plancheck.toml", "[rules]\nDRAFT-PLAN = \"error\"\n");
    let out = f.run(&["check", "plan", "--format", "json"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    // a code wins over a name for the same rule
    f.write(
        "plancheck.toml",
        "[rules]\ndraft-plan = \"error\"\nPC404 = \"warning\"\n",
    );
    let out = f.run(&["check", "plan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"][0]["severity"], "warning");
    // allow, in any case
    let g = plan_with(&[(
        "\"地域防災計画\"]",
        "\"地域防災計画（案）\"]\nallow = [{ rule = \"pc404\", reason = \"r\" }]",
    )]);
    let out = g.run(&["check", "plan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{}", out.stdout);
}

#[test]
fn baseline_survives_a_line_shift_and_reports_only_new_findings() {
    let f = plan_with(&[ERROR, INFO]);
    let out = f.run(&["check", "plan", "--write-baseline", "baseline.json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let recorded = std::fs::read_to_string(f.dir.path().join("baseline.json")).unwrap();
    assert!(recorded.contains("\"PC102\"") && !recorded.contains("\"line\""));
    // shift everything down: an edit above the findings
    let plan = f.plan().join("plan.toml");
    let shifted = format!(
        "# 第６回審議会に向けた修正\n\n\n{}",
        std::fs::read_to_string(&plan).unwrap()
    );
    std::fs::write(&plan, &shifted).unwrap();
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        "baseline.json",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
    // a new error fails; the fixed one is counted
    let changed = shifted
        .replace("direction = \"1-1 方針９\"", "direction = \"1-1 方針２\"")
        .replace("direction = \"2-1 方針１\"", "direction = \"2-1 方針８\"");
    std::fs::write(&plan, changed).unwrap();
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        "baseline.json",
        "--lang",
        "en",
        "--color",
        "never",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("2-1 方針8"), "{}", out.stdout);
    // The fixed entry is named in the baseline's list, and only there.
    for line in out.stdout.lines().filter(|l| l.contains("1-1 方針9")) {
        assert!(line.starts_with("  fixed: PC102 plan.toml"), "{line}");
    }
    assert!(
        out.stdout
            .contains("1 known findings not shown, 1 baseline entries fixed now"),
        "{}",
        out.stdout
    );
}

#[test]
fn integration_examples_use_real_commands() {
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    assert!(hooks.contains("- id: plancheck"));
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .unwrap();
    let args: Vec<&str> = entry.split_whitespace().collect();
    assert_eq!(args[0], "plancheck");
    let mut full: Vec<&str> = args[1..].to_vec();
    full.push("plan");
    let out = run_in(&repo(), &full);
    assert!(out.code < 2, "hook entry runs: {}", out.stdout);
    let workflow =
        std::fs::read_to_string(repo().join("examples/github-actions/plancheck.yml")).unwrap();
    let run_line = workflow
        .lines()
        .find_map(|l| l.trim().strip_prefix("run: plancheck "))
        .unwrap();
    let args: Vec<&str> = run_line.split_whitespace().collect();
    let out = run_in(&repo(), &args);
    assert!(out.code < 2, "workflow command runs: {}", out.stdout);
    assert!(
        out.stdout.lines().any(|l| l.starts_with("::")),
        "workflow uses --format github"
    );
}

/// A baseline that cannot be used says why in the chosen language, with the place in the
/// file, and exits 2 before checking anything.
#[test]
fn an_unusable_baseline_says_why_in_each_language() {
    let f = plan_with(&[ERROR]);
    let cases: [(&str, Option<&str>, &str, &str); 4] = [
        (
            "missing.json",
            None,
            "（見つかりません）",
            "(No such file or directory",
        ),
        (
            "future.json",
            Some("{\"version\": 99, \"entries\": []}"),
            "版 99 のベースラインです。この plancheck が読めるのは版 1 から 2 までです",
            "version 99 (this plancheck reads versions 1 to 2)",
        ),
        (
            "typo.json",
            // the unknown key ends at column 24 (its closing quote)
            Some("{\"version\": 2, \"entires\": []}"),
            "1 行 24 列: ベースラインの形式ではありません。plancheck check --write-baseline で作り直してください",
            "unknown field `entires`",
        ),
        (
            "cut.json",
            Some("{\"version\": 2,"),
            "JSON として正しくありません",
            "EOF while parsing",
        ),
    ];
    for (name, text, ja, en) in cases {
        if let Some(text) = text {
            std::fs::write(f.dir.path().join(name), text).unwrap();
        }
        for (lang, said) in [("ja", ja), ("en", en)] {
            let out = f.run(&["--lang", lang, "check", "plan", "--baseline", name]);
            assert_eq!(out.code, 2, "{name} {lang}: {}{}", out.stdout, out.stderr);
            let all = format!("{}{}", out.stdout, out.stderr);
            assert!(all.contains(said), "{name} {lang}: {all}");
            assert!(
                !all.contains("PC102"),
                "{name} {lang}: checked anyway: {all}"
            );
        }
    }
}
