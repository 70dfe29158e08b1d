//! tools/mutants-full.sh (the resumable full mutation run of docs/mutation-testing.md): its
//! chunks, its record of each mutant's final outcome, its summary, and its refusal to resume
//! a run of another commit. It runs in a throw-away git repository against a stand-in `cargo`
//! that plays cargo-mutants on two files: src/a.rs's mutant is caught by the unit tests, src/b.rs's
//! survives them and meets the whole suite with the outcome $STAGE2 ("caught" or "missed").

mod common;
use common::{git, run_tool, tool_repository};
use std::path::Path;

const STUB: &str = r#"#!/usr/bin/env bash
[ "$1" = mutants ] || exit 101
echo "$*" >> "$STUB_LOG"
out=""; diff=""; stage=""; prev=""
for a in "$@"; do
  [ "$prev" = --output ] && out="$a"
  [ "$prev" = --in-diff ] && diff="$a"
  case "$a" in --list) stage=list ;; --cargo-arg=--lib) stage=1 ;; --iterate) stage=2 ;; esac
  prev="$a"
done
a="src/a.rs:1:20: replace a -> i32 with 0"
b="src/b.rs:1:20: replace b -> i32 with 0"
case "$stage" in
  list) echo "$a"; echo "$b" ;;
  1) mkdir -p "$out/mutants.out"; cd "$out/mutants.out"; : > caught.txt; : > missed.txt
     if grep -q '^+++ b/src/a.rs' "$diff"; then echo "$a" >> caught.txt; fi
     if grep -q '^+++ b/src/b.rs' "$diff"; then echo "$b" >> missed.txt; exit 2; fi ;;
  2) cd "$out"; rm -rf mutants.out.old; mv mutants.out mutants.out.old; mkdir mutants.out
     cat mutants.out.old/caught.txt > mutants.out/previously_caught.txt
     : > mutants.out/caught.txt; : > mutants.out/missed.txt
     echo "$b" >> "mutants.out/$STAGE2.txt"
     [ "$STAGE2" = missed ] && exit 2 ;;
esac
exit 0
"#;

/// A repository with src/a.rs and src/b.rs committed, the script and the stand-in.
fn repository() -> tempfile::TempDir {
    tool_repository(
        "tools/mutants-full.sh",
        &[
            (".gitignore", "bin/\nout/\nstub.log\n"),
            ("src/a.rs", "pub fn a() -> i32 { 1 }\n"),
            ("src/b.rs", "pub fn b() -> i32 { 2 }\n"),
        ],
        &[("cargo", STUB)],
    )
}

fn run(dir: &Path, args: &[&str], stage2: &str) -> (i32, String) {
    let log = dir.join("stub.log");
    run_tool(
        dir,
        "tools/mutants-full.sh",
        args,
        &[
            ("CHUNK_MUTANTS", "1"),
            ("MUTANTS_NICE", "0"),
            ("STAGE2", stage2),
            ("STUB_LOG", log.to_str().unwrap()),
        ],
    )
}

fn read(p: impl AsRef<Path>) -> String {
    std::fs::read_to_string(p.as_ref()).unwrap_or_else(|e| panic!("{}: {e}", p.as_ref().display()))
}

#[test]
fn each_chunk_records_every_mutants_final_outcome_and_the_summary_counts_them() {
    let t = repository();
    let dir = t.path();
    let (code, text) = run(dir, &["out"], "missed");
    assert_eq!(code, 0, "{text}");
    // One file a chunk (CHUNK_MUTANTS=1), in listing order.
    assert_eq!(read(dir.join("out/chunks.txt")), "src/a.rs \nsrc/b.rs \n");
    assert_eq!(
        read(dir.join("out/chunk-001/result.tsv")),
        "caught\tsrc/a.rs:1:20: replace a -> i32 with 0\n"
    );
    assert_eq!(
        read(dir.join("out/chunk-002/result.tsv")),
        "missed\tsrc/b.rs:1:20: replace b -> i32 with 0\n"
    );
    // Stage 2 ran only for the chunk whose mutant survived the unit tests.
    assert!(!dir.join("out/chunk-001/stage2.log").exists());
    assert!(dir.join("out/chunk-002/stage2.log").exists());
    let (code, summary) = run(dir, &["--summary", "out"], "missed");
    assert_eq!(code, 0, "{summary}");
    assert!(summary.contains(": 2 of 2 chunks done"), "{summary}");
    assert!(
        summary.contains(
            "mutants 2: unviable 0, viable 2: caught 1, timeout 0, missed 1 — 50.0 % caught"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("MISSED src/b.rs:1:20: replace b -> i32 with 0"),
        "{summary}"
    );
}

#[test]
fn a_mutant_the_whole_suite_catches_is_recorded_as_caught() {
    let t = repository();
    let dir = t.path();
    let (code, text) = run(dir, &["out"], "caught");
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        read(dir.join("out/chunk-002/result.tsv")),
        "caught\tsrc/b.rs:1:20: replace b -> i32 with 0\n"
    );
    let (_, summary) = run(dir, &["--summary", "out"], "caught");
    assert!(
        summary.contains("caught 2, timeout 0, missed 0 — 100.0 % caught"),
        "{summary}"
    );
}

#[test]
fn a_second_sitting_skips_finished_chunks() {
    let t = repository();
    let dir = t.path();
    run(dir, &["out"], "missed");
    // The first chunk is finished, the second is not (as if the run had been stopped in it).
    std::fs::remove_file(dir.join("out/chunk-002/done")).unwrap();
    std::fs::remove_file(dir.join("stub.log")).unwrap();
    let (code, text) = run(dir, &["out"], "missed");
    assert_eq!(code, 0, "{text}");
    let calls = read(dir.join("stub.log"));
    assert!(!calls.contains("chunk-001"), "{calls}");
    assert_eq!(
        calls.lines().filter(|l| l.contains("chunk-002")).count(),
        2,
        "{calls}"
    );
    assert!(!calls.contains("--list"), "the chunks are kept: {calls}");
}

#[test]
fn a_run_of_another_commit_is_not_resumed() {
    let t = repository();
    let dir = t.path();
    run(dir, &["out"], "missed");
    std::fs::write(dir.join("src/a.rs"), "pub fn a() -> i32 { 3 }\n").unwrap();
    git(dir, &["commit", "-q", "-am", "second"]);
    let (code, text) = run(dir, &["out"], "missed");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("not of HEAD"), "{text}");
}
