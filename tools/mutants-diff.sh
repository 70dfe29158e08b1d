#!/usr/bin/env bash
# Mutation testing of the Rust code a change touched (issue 18, docs/mutation-testing.md).
#
#   tools/mutants-diff.sh [BASE]
#
# Tests the mutants cargo-mutants generates in the lines of src/ changed between BASE and HEAD
# (default BASE: HEAD^1, the previous main when HEAD is a merge commit; a branch name works
# too, the diff then starts at the merge base). Exit 0 when every mutant is caught (or there is
# nothing to test, or no previous commit), 1 when a mutant is missed or the run cannot fit.
#
# Two stages, because a mutant costs a rebuild plus a test run:
#   1. every mutant against the library's unit tests only (`cargo test --lib`: the rules' fixture
#      tests, one test binary, a few seconds per mutant with an incremental rebuild);
#   2. only the mutants stage 1 missed (or that timed out), against the whole suite
#      (`--iterate` skips those caught in stage 1). A mutant missed here fails the run.
# Mutants are applied in the working tree (`--in-place`) to reuse the warm target/: the tree must
# have no uncommitted .rs change, and src/ must not be edited while this runs. cargo-mutants puts
# every file back after each mutant; this script checks that it did.
#
# Environment:
#   MUTANTS_DIFF_BUDGET_MIN  minutes the run may take by the estimate below (default 40;
#                            0 = no cap). Over it the run fails before testing, and says so.
#   MUTANTS_DIFF_OUT         where mutants.out goes (default target/mutants-diff)
#   MUTANTS_NICE             niceness of the cargo-mutants runs (default 0)
set -euo pipefail
cd "$(dirname "$0")/.."

base="${1:-HEAD^1}"
budget_min="${MUTANTS_DIFF_BUDGET_MIN:-40}"
out="${MUTANTS_DIFF_OUT:-target/mutants-diff}"
nice_level="${MUTANTS_NICE:-0}"
# Estimated seconds per mutant on the 2-core CI machine, measured 2026-12-01 (see the doc):
# stage 1 (incremental rebuild of the lib test binary + 208 unit tests) and stage 2 (rebuild
# of every test binary + the whole suite, which a missed mutant runs to the end).
stage1_secs=20
stage2_secs=120

log() { echo "mutants-diff: $*"; }

if ! git rev-parse --verify --quiet "${base}^{commit}" >/dev/null; then
  log "SKIPPED: no previous commit to diff against (${base} does not exist: a shallow or"
  log "single-commit clone); no mutant was tested."
  exit 0
fi
if ! command -v cargo-mutants >/dev/null 2>&1; then
  log "cargo-mutants is not installed: cargo install --locked cargo-mutants --version 27.1.0" >&2
  exit 1
fi
if [ -n "$(git status --porcelain -- '*.rs')" ]; then
  log "the working tree has uncommitted .rs changes; commit or stash them first" >&2
  log "(mutants are applied in place and the diff is taken between commits)" >&2
  git status --short -- '*.rs' >&2
  exit 1
fi

from="$(git merge-base "$base" HEAD)"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
diff="$out/change.diff"
git diff --no-ext-diff --no-color "$from" HEAD -- '*.rs' > "$diff"
log "diff: $(git rev-parse --short "$from")..$(git rev-parse --short HEAD)," \
  "$(grep -c '^+++ ' "$diff" || true) Rust file(s) changed"

# Put src/ back if the run is interrupted while a mutant is applied (src/ was clean at start).
restore() {
  if ! git diff --quiet HEAD -- src; then
    log "restoring src/ from HEAD after an interrupted run" >&2
    git checkout HEAD -- src
  fi
}
trap restore EXIT

common=(--in-place --in-diff "$diff" --baseline skip --no-shuffle --colors never
  --build-timeout 900 --output "$out")
mutants() { INSTA_UPDATE=no nice -n "$nice_level" cargo mutants "${common[@]}" "$@"; }

if ! mutants --list > "$out/list.txt"; then
  log "FAILED: cargo-mutants could not list the mutants of the diff" >&2
  exit 1
fi
n="$(grep -c . "$out/list.txt" || true)"
if [ "$n" -eq 0 ]; then
  log "no mutant in the changed code: nothing to test"
  exit 0
fi
estimate=$(((n * stage1_secs + 59) / 60))
log "$n mutant(s) in the changed code; stage 1 estimated at ${estimate} min"
if [ "$budget_min" -gt 0 ] && [ "$estimate" -gt "$budget_min" ]; then
  log "FAILED: $n mutants cannot be tested within the budget of ${budget_min} min." >&2
  log "Split the change into smaller merges (each merge is checked against its own first" >&2
  log "parent), or run tools/mutants-diff.sh with MUTANTS_DIFF_BUDGET_MIN=0 on a machine of" >&2
  log "its own and raise the budget for that one CI run deliberately." >&2
  exit 1
fi

started=$SECONDS
log "stage 1: each mutant against the library's unit tests (cargo test --lib)"
set +e
# --cargo-arg reaches the build too (`cargo test --no-run --lib`): arguments after `--` would
# reach only the test run, and the build would still compile every test binary.
mutants --timeout 120 --cargo-arg=--lib
code=$?
set -e
# 0: all caught; 2: some missed; 3: some timed out. Anything else is a failure of the run.
case "$code" in 0 | 2 | 3) ;; *)
  log "FAILED: cargo-mutants stopped with exit code $code in stage 1 (see $out/mutants.out)" >&2
  exit 1
  ;;
esac
count() { if [ -f "$1" ]; then grep -c . "$1" || true; else echo 0; fi; }
caught1=$(count "$out/mutants.out/caught.txt")
unviable1=$(count "$out/mutants.out/unviable.txt")
left=$(($(count "$out/mutants.out/missed.txt") + $(count "$out/mutants.out/timeout.txt")))
log "stage 1 in $((SECONDS - started)) s: $caught1 caught, $unviable1 unviable, $left left"
if [ "$left" -eq 0 ]; then
  log "PASSED: every mutant in the changed code is caught"
  exit 0
fi

estimate=$(((left * stage2_secs + 59) / 60))
spent=$(((SECONDS - started) / 60))
log "stage 2: the $left mutant(s) the unit tests missed, against the whole suite" \
  "(estimated ${estimate} min)"
if [ "$budget_min" -gt 0 ] && [ $((spent + estimate)) -gt "$budget_min" ]; then
  log "FAILED: $left mutants survive the unit tests; the whole suite on each would take" >&2
  log "about ${estimate} min, over the budget of ${budget_min} min (${spent} min spent). They are:" >&2
  cat "$out/mutants.out/missed.txt" "$out/mutants.out/timeout.txt" 2>/dev/null >&2 || true
  log "Add unit tests in src/ that catch them, or split the change into smaller merges." >&2
  exit 1
fi
set +e
mutants --iterate --timeout 300 --caught
code=$?
set -e
caught2=$(count "$out/mutants.out/caught.txt")
missed2=$(count "$out/mutants.out/missed.txt")
timeout2=$(count "$out/mutants.out/timeout.txt")
log "stage 2 done, $((SECONDS - started)) s in all: $caught2 caught, $missed2 missed," \
  "$timeout2 timed out (a mutant that makes the suite hang is noticed)"
# The verdict is read from the lists, not from the exit code: cargo-mutants exits with 3 (timeout)
# rather than 2 (missed) when a run has both, and a missed mutant must fail the step either way.
case "$code" in 0 | 2 | 3) ;; *)
  log "FAILED: cargo-mutants stopped with exit code $code in stage 2 (see $out/mutants.out)" >&2
  exit 1
  ;;
esac
case "$missed2" in
  0)
    log "PASSED: every mutant in the changed code is caught"
    ;;
  *)
    log "FAILED: $missed2 mutant(s) in the changed code are missed by every test:" >&2
    cat "$out/mutants.out/missed.txt" >&2
    log "Each is a change of the code no test notices: add a test asserting the behaviour a" >&2
    log "user would see (docs/mutation-testing.md). Their diffs: $out/mutants.out/diff/" >&2
    exit 1
    ;;
esac
