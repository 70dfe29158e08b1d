//! Replays the committed fuzz corpora (`fuzz/corpus/TARGET/`) through the fuzz targets' own
//! code (`fuzz/src/lib.rs` and its modules, included below). `check`: load from memory with
//! the same folder-image splitting (or from a temporary folder for invalid UTF-8 and BOMs),
//! run every rule, render every format. `load`: the loader on one file, spans checked.
//! `rules`: every rule on a generated plan, twice, same findings. `render`: every format on
//! generated findings. Any panic fails the test; the harness's assertions are the targets'.

// `check` (the fuzzer's entry, which samples the human rendering) is not used here.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::path::Path;

/// The inputs of one target's committed corpus, sorted.
fn corpus(target: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 20,
        "the {target} corpus looks incomplete: {} files",
        paths.len()
    );
    for p in &paths {
        let size = std::fs::metadata(p).expect("a corpus file").len();
        assert!(size <= 64 * 1024, "{} is over 64 KiB", p.display());
    }
    paths
}

/// Runs every input of a target's corpus; fails naming those that panic.
fn replay(target: &str, run: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in corpus(target) {
        let data = std::fs::read(&path).expect("a corpus file");
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            failed.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(failed.is_empty(), "{target} inputs that panic: {failed:?}");
}

#[test]
fn every_corpus_input_runs_without_panic() {
    replay("check", |data| {
        harness::check_with(data, harness::Human::All)
    });
}

#[test]
fn every_load_corpus_input_runs_without_panic() {
    replay("load", harness::load::run);
}

#[test]
fn every_rules_corpus_input_runs_without_panic() {
    replay("rules", harness::model::run);
}

#[test]
fn every_render_corpus_input_runs_without_panic() {
    replay("render", harness::render::run);
}

#[test]
fn the_empty_rules_input_is_the_base_plan_without_findings() {
    let files = harness::model::generate(b"");
    assert_eq!(files.len(), 1);
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let outcome = plancheck::check_in_memory("plan", &refs, &plancheck::Options::default());
    assert!(outcome.findings.is_empty(), "{:#?}", outcome.findings);
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
