//! CI that explains itself: `--format github` honours `--min-severity` and writes a job
//! summary; baselines match on rule, file and subject and list the fixed entries.

mod common;
use common::{plan_with, repo, run_in};
use std::collections::BTreeMap;
use std::process::Command;

const ERROR: (&str, &str) = ("direction = \"1-1 方針２\"", "direction = \"1-1 方針９\""); // PC102
const INFO: (&str, &str) = ("\"地域防災計画\"]", "\"地域防災計画（案）\"]"); // PC404

fn count_prefix(text: &str, prefix: &str) -> usize {
    text.lines().filter(|l| l.starts_with(prefix)).count()
}

#[test]
fn github_annotations_honour_min_severity() {
    let default = run_in(&repo(), &["check", "plan", "--format", "github"]);
    assert_eq!(count_prefix(&default.stdout, "::warning "), 47);
    assert_eq!(count_prefix(&default.stdout, "::notice "), 0);
    let all = run_in(
        &repo(),
        &[
            "check",
            "plan",
            "--format",
            "github",
            "--min-severity",
            "info",
        ],
    );
    assert_eq!(count_prefix(&all.stdout, "::warning "), 47);
    assert_eq!(count_prefix(&all.stdout, "::notice "), 219);
    let errors = run_in(
        &repo(),
        &[
            "check",
            "plan",
            "--format",
            "github",
            "--min-severity",
            "error",
        ],
    );
    assert_eq!(count_prefix(&errors.stdout, "::"), 0);
    // The last line says what decided the exit code.
    assert_eq!(
        errors.stdout.lines().last(),
        Some("No errors. Please review the 47 warnings. Exit code 0.")
    );
}

#[test]
fn github_appends_a_job_summary_when_the_runner_asks() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_plancheck"))
        .current_dir(repo())
        .args(["check", "plan", "--format", "github", "--lang", "en"])
        .args(["--deny", "warnings"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(text.starts_with("earlier step\n## plancheck: "), "{text}");
    assert!(text.contains("| 0 | 47 | 219 |"), "{text}");
    // One table row per rule, with the counts of the JSON output.
    let json = run_in(&repo(), &["check", "plan", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for f in v["findings"].as_array().unwrap() {
        *by_code
            .entry(f["code"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| PC")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        rows.insert(cells[1].to_string(), cells[4].parse().unwrap());
    }
    assert_eq!(rows, by_code);
    assert!(
        text.contains("--deny warnings counts the 47 warnings as failures"),
        "{text}"
    );
    // Without the variable nothing is written anywhere.
    let plain = run_in(&repo(), &["check", "plan", "--format", "github"]);
    assert!(!plain.stdout.contains("## plancheck"));
}

/// Writes a baseline, then changes the recorded messages: matching ignores them.
#[test]
fn baseline_matches_on_rule_file_and_subject_not_message() {
    let f = plan_with(&[ERROR, INFO]);
    assert_eq!(
        f.run(&["check", "plan", "--write-baseline", "baseline.json"])
            .code,
        0
    );
    let path = f.dir.path().join("baseline.json");
    let mut b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(b["version"], 2);
    let entries = b["entries"].as_array_mut().unwrap();
    assert_eq!(entries.len(), 2);
    for e in entries.iter_mut() {
        assert!(e["subject"].is_string(), "{e}");
        // As if a count in the message had changed since.
        e["message"] = serde_json::json!("a message that changed: 3 directions");
    }
    std::fs::write(&path, serde_json::to_string(&b).unwrap()).unwrap();
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        "baseline.json",
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("2 known findings not shown, 0 baseline entries fixed now"),
        "{}",
        out.stdout
    );
    // A version 1 file (which recorded messages to compare) is still read.
    b["version"] = serde_json::json!(1);
    std::fs::write(&path, serde_json::to_string(&b).unwrap()).unwrap();
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        "baseline.json",
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    // An unknown version is refused, with exit code 2.
    b["version"] = serde_json::json!(9);
    std::fs::write(&path, serde_json::to_string(&b).unwrap()).unwrap();
    let out = f.run(&[
        "check",
        "plan",
        "--baseline",
        "baseline.json",
        "--lang",
        "en",
    ]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stdout.contains("version 9"), "{}", out.stdout);
}

#[test]
fn baseline_lists_the_fixed_entries() {
    let f = plan_with(&[ERROR, INFO]);
    f.run(&["check", "plan", "--write-baseline", "baseline.json"]);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.dir.path().join("baseline.json")).unwrap())
            .unwrap();
    let pc102 = recorded["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "PC102")
        .unwrap()
        .clone();
    // Fix the broken reference.
    let plan = f.plan().join("plan.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, text.replace(ERROR.1, ERROR.0)).unwrap();
    for (lang, lead) in [("en", "  fixed: "), ("ja", "  解消済み: ")] {
        for format in ["human", "concise", "github"] {
            let out = f.run(&[
                "check",
                "plan",
                "--baseline",
                "baseline.json",
                "--lang",
                lang,
                "--format",
                format,
                "--color",
                "never",
            ]);
            assert_eq!(out.code, 0, "{}", out.stdout);
            let fixed: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with(lead)).collect();
            assert_eq!(fixed.len(), 1, "{format} {lang}: {}", out.stdout);
            let expected = format!("{lead}PC102 {}", recorded_file(&pc102).unwrap_or_default());
            assert!(fixed[0].starts_with(&expected), "{}", fixed[0]);
            assert!(
                fixed[0].contains(pc102["subject"].as_str().unwrap()),
                "{}",
                fixed[0]
            );
        }
    }
}

fn recorded_file(e: &serde_json::Value) -> Option<String> {
    e["file"].as_str().map(str::to_string)
}

/// The example workflow: a pinned install that CI caches, the permissions the SARIF upload
/// needs, a note on private repositories, and no made-up address.
#[test]
fn example_workflow_is_pinned_cached_and_permitted() {
    let w = std::fs::read_to_string(repo().join("examples/github-actions/plancheck.yml")).unwrap();
    let lines: Vec<&str> = w.lines().map(str::trim).collect();
    let permissions = w.find("\npermissions:").expect("top-level permissions");
    let block = &w[permissions..permissions + 120];
    assert!(block.contains("contents: read"), "{block}");
    assert!(block.contains("security-events: write"), "{block}");
    let install = lines
        .iter()
        .find(|l| l.starts_with("run: cargo install"))
        .expect("an install step");
    assert!(
        install.contains("--locked") && install.contains("--tag"),
        "{install}"
    );
    assert!(w.contains("cargo install --locked --path ."));
    assert!(w.contains("uses: actions/cache@"));
    assert!(w.contains("key: plancheck-${{ runner.os }}-${{ env.PLANCHECK_TAG }}"));
    assert!(w.contains("if: steps.cache.outputs.cache-hit != 'true'"));
    assert!(w.contains("PLANCHECK_REPOSITORY: \"<REPOSITORY-URL>\""));
    assert!(!w.contains("https://github.com/") && !w.contains("http://"));
    assert!(w.contains("private repository") && w.contains("Advanced Security"));
}
