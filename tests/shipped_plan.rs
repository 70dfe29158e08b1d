//! The shipped plan in plan/: counts that catch a lost row, and deterministic output.

mod common;
use common::{repo, run_in};

#[test]
fn stats_match_the_document() {
    let out = run_in(&repo(), &["stats", "plan", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["policies"], 7);
    assert_eq!(v["measures"], 36);
    assert_eq!(v["directions"], 64);
    assert_eq!(v["projects"], 5);
    assert_eq!(v["project_directions"], 15);
    assert_eq!(v["citations"], 79);
    assert_eq!(v["related_plans"], 43);
    let by: Vec<u64> = v["citations_by_project"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["citations"].as_u64().unwrap())
        .collect();
    assert_eq!(by, [29, 17, 16, 10, 7]);
}

#[test]
fn stats_table_is_aligned() {
    let out = run_in(&repo(), &["stats", "plan", "--lang", "ja"]);
    assert_eq!(out.code, 0);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn output_is_byte_identical_across_runs() {
    for args in [
        &["check", "plan", "--format", "json"][..],
        &["check", "plan", "--color", "never", "--width", "100"][..],
        &["stats", "plan", "--format", "json"][..],
    ] {
        let a = run_in(&repo(), args);
        let b = run_in(&repo(), args);
        assert_eq!(a.stdout, b.stdout, "{args:?}");
        assert!(!a.stdout.is_empty());
    }
}
