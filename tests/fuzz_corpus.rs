//! Replays the committed fuzz corpus (`fuzz/corpus/check/`) through the fuzz target's own code
//! (`fuzz/src/lib.rs`, included below): load from memory with the same folder-image splitting
//! (or from a temporary folder for invalid UTF-8 and BOMs), run every rule, render every
//! format. Any panic fails the test; the harness also asserts that every JSON output parses.

// `check` (the fuzzer's entry, which samples the human rendering) is not used here.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

#[test]
fn every_corpus_input_runs_without_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/check");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 20,
        "the corpus looks incomplete: {} files",
        paths.len()
    );
    let mut failed = Vec::new();
    for path in &paths {
        let data = std::fs::read(path).expect("a corpus file");
        if std::panic::catch_unwind(|| harness::check_with(&data, harness::Human::All)).is_err() {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(failed.is_empty(), "inputs that panic: {failed:?}");
}

#[test]
fn the_json_report_of_a_corpus_input_parses() {
    let base = include_bytes!("../src/rules/base.toml");
    let json = harness::render_all(
        plancheck::rules::load_from_memory(
            "plan",
            &[("plan.toml", std::str::from_utf8(base).unwrap())],
        ),
        plancheck::Lang::En,
        harness::Human::All,
    );
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["version"], 1);
}

#[test]
fn folder_images_split_as_documented() {
    let files = harness::split(b"[plan]\n#@file projects/p1.toml\na = 1\n#@file ../x\n#@file .h\n");
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["plan.toml", "projects/p1.toml", "x.toml"]);
    assert_eq!(files[1].1, b"a = 1");
    let only = harness::split(b"#@file plancheck.toml\n[rules]\n");
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].0, "plancheck.toml");
}
