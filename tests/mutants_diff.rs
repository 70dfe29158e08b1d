//! tools/mutants-diff.sh (the CI step of docs/mutation-testing.md) decides from cargo-mutants'
//! lists, not only its exit code: cargo-mutants exits with 3 (timeout) rather than 2 (missed)
//! when a run has both, and a missed mutant must still fail the step.
//!
//! The script runs in a throw-away git repository against a stand-in `cargo` that plays
//! cargo-mutants: it lists one mutant, leaves it missed by the unit tests (stage 1), and gives
//! stage 2 the outcome each test chooses.

mod common;
use common::{git, run_tool, tool_repository};

/// The stand-in: `cargo mutants … --output DIR [--list | --cargo-arg=--lib | --iterate]`.
/// Stage 2 writes the `missed.txt` / `timeout.txt` lines in $STAGE2_MISSED / $STAGE2_TIMEOUT and
/// exits with $STAGE2_EXIT.
const STUB: &str = r#"#!/usr/bin/env bash
[ "$1" = mutants ] || { echo "stub cargo: only 'cargo mutants'" >&2; exit 101; }
out=""; stage=""
prev=""
for a in "$@"; do
  [ "$prev" = --output ] && out="$a"
  case "$a" in --list) stage=list ;; --cargo-arg=--lib) stage=1 ;; --iterate) stage=2 ;; esac
  prev="$a"
done
m="src/lib.rs:1:20: replace answer -> i32 with 0"
case "$stage" in
  list) echo "$m" ;;
  1) rm -rf "$out/mutants.out"; mkdir -p "$out/mutants.out"; echo "$m" > "$out/mutants.out/missed.txt"; exit 2 ;;
  2) rm -rf "$out/mutants.out"; mkdir -p "$out/mutants.out"
     printf '%s' "$STAGE2_MISSED" > "$out/mutants.out/missed.txt"
     printf '%s' "$STAGE2_TIMEOUT" > "$out/mutants.out/timeout.txt"
     exit "$STAGE2_EXIT" ;;
  *) echo "stub cargo: unexpected arguments: $*" >&2; exit 101 ;;
esac
"#;

/// Runs the script in a repository whose last commit changed src/lib.rs; returns (exit code,
/// stdout + stderr).
fn run(missed: &str, timeout: &str, exit: i32) -> (i32, String) {
    let t = tool_repository(
        "tools/mutants-diff.sh",
        &[
            (".gitignore", "bin/\ntarget/\n"),
            ("src/lib.rs", "pub fn answer() -> i32 { 41 }\n"),
        ],
        &[("cargo", STUB), ("cargo-mutants", "#!/bin/sh\nexit 0\n")],
    );
    let dir = t.path();
    std::fs::write(dir.join("src/lib.rs"), "pub fn answer() -> i32 { 42 }\n").unwrap();
    git(dir, &["commit", "-q", "-am", "second"]);
    let exit = exit.to_string();
    run_tool(
        dir,
        "tools/mutants-diff.sh",
        &[],
        &[
            ("STAGE2_MISSED", missed),
            ("STAGE2_TIMEOUT", timeout),
            ("STAGE2_EXIT", &exit),
        ],
    )
}

const MISSED: &str = "src/lib.rs:1:20: replace answer -> i32 with 0\n";
const HUNG: &str = "src/lib.rs:1:20: replace answer -> i32 with 1\n";

#[test]
fn a_missed_mutant_fails_the_step_even_when_another_timed_out() {
    // cargo-mutants' exit code for this run is 3 (timeout), not 2 (missed).
    let (code, text) = run(MISSED, HUNG, 3);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("FAILED: 1 mutant(s) in the changed code are missed by every test"),
        "{text}"
    );
    assert!(text.contains("replace answer -> i32 with 0"), "{text}");
    assert!(!text.contains("PASSED"), "{text}");
}

#[test]
fn a_missed_mutant_fails_the_step() {
    let (code, text) = run(MISSED, "", 2);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("FAILED: 1 mutant(s)"), "{text}");
}

#[test]
fn a_mutant_that_hangs_the_suite_counts_as_noticed() {
    let (code, text) = run("", HUNG, 3);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("PASSED: every mutant in the changed code is caught"),
        "{text}"
    );
}

#[test]
fn a_failure_of_cargo_mutants_itself_fails_the_step() {
    let (code, text) = run("", "", 4);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("cargo-mutants stopped with exit code 4 in stage 2"),
        "{text}"
    );
}
