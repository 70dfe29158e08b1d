//! tools/mutants-diff.sh (the CI step of docs/mutation-testing.md) decides from cargo-mutants'
//! lists, not only its exit code: cargo-mutants exits with 3 (timeout) rather than 2 (missed)
//! when a run has both, and a missed mutant must still fail the step.
//!
//! The script runs in a throw-away git repository against a stand-in `cargo` that plays
//! cargo-mutants: it lists one mutant, leaves it missed by the unit tests (stage 1), and gives
//! stage 2 the outcome each test chooses.

mod common;
use common::repo;
use std::path::Path;
use std::process::Command;

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

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
        .args(args)
        .output()
        .expect("git");
    assert!(st.status.success(), "git {args:?}: {st:?}");
}

/// Runs the script in a repository whose last commit changed src/lib.rs; returns (exit code,
/// stdout + stderr).
fn run(missed: &str, timeout: &str, exit: i32) -> (i32, String) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    std::fs::create_dir_all(dir.join("tools")).unwrap();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("bin")).unwrap();
    std::fs::copy(
        repo().join("tools/mutants-diff.sh"),
        dir.join("tools/mutants-diff.sh"),
    )
    .unwrap();
    for (name, text) in [
        ("bin/cargo", STUB),
        ("bin/cargo-mutants", "#!/bin/sh\nexit 0\n"),
    ] {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(dir.join(".gitignore"), "bin/\ntarget/\n").unwrap();
    std::fs::write(dir.join("src/lib.rs"), "pub fn answer() -> i32 { 41 }\n").unwrap();
    git(dir, &["init", "-q"]);
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "first"]);
    std::fs::write(dir.join("src/lib.rs"), "pub fn answer() -> i32 { 42 }\n").unwrap();
    git(dir, &["commit", "-q", "-am", "second"]);
    let path = format!(
        "{}:{}",
        dir.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("bash")
        .current_dir(dir)
        .arg("tools/mutants-diff.sh")
        .env("PATH", path)
        .env("STAGE2_MISSED", missed)
        .env("STAGE2_TIMEOUT", timeout)
        .env("STAGE2_EXIT", exit.to_string())
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
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
