#!/usr/bin/env bash
# Fuzzes plancheck: `bash fuzz/run.sh [SECONDS] [TARGET]` (default 60 s, target `check`).
#
# Targets (fuzz/README.md): check (load, check and render a plan folder image), load (the
# loader on one file), rules (every rule on a generated plan), render (every output format on
# generated findings).
#
# Installs cargo-fuzz if it is missing, seeds a working corpus from the shipped plan and the
# base fixture, then runs TARGET for SECONDS with one job. New inputs go to fuzz/work/TARGET
# (ignored by git); the committed corpus fuzz/corpus/TARGET is only read. Crashes land in
# fuzz/artifacts/TARGET/. cargo-fuzz needs nightly features; on the stable toolchain
# RUSTC_BOOTSTRAP=1 enables them.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
target="${2:-check}"
case "$target" in
  check | load | rules | render) ;;
  *) echo "fuzz/run.sh: unknown target $target (check, load, rules, render)" >&2; exit 2 ;;
esac
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# Seeds from the plan as shipped now: every file alone, and folder images of several files
# (each image well under 64 KiB; see src/lib.rs for the `#@file NAME` format).
seeds=work/seeds
rm -rf "$seeds"
mkdir -p "$seeds" "work/$target"
plan=../plan
image() { # image OUT FILE...: a folder image of the given files (paths relative to plan/)
  local out="$1"
  shift
  : >"$seeds/$out"
  for rel in "$@"; do
    printf '#@file %s\n' "$rel" >>"$seeds/$out"
    cat "$plan/$rel" >>"$seeds/$out"
    printf '\n' >>"$seeds/$out"
  done
}
(cd "$plan" && find . -name '*.toml' | sed 's|^\./||' | sort) | while read -r rel; do
  image "file-${rel//\//-}" "$rel"
done
image image-a plan.toml plancheck.toml policies.toml measures.toml projects/p1.toml summary.toml matrix.toml
image image-b plan.toml policies.toml measures.toml projects/p2.toml projects/p3.toml overview.toml strategy.toml
image image-c plan.toml policies.toml measures.toml projects/p4.toml projects/p5.toml sdgs.toml intro.toml changes.toml
cp ../src/rules/base.toml "$seeds/base.toml"
# The generating targets read choices, not text: a few random inputs to start from.
for n in 16 64 256 1024; do
  head -c "$n" /dev/urandom >"$seeds/random-$n"
done

# Inputs with invalid UTF-8 or a BOM are written to a temporary folder: keep it in memory.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  export TMPDIR=/dev/shm
fi

# --sanitizer none: plancheck and its dependencies are safe Rust, so AddressSanitizer finds
# nothing a panic would not, at twice the cost. --debug-assertions: overflow checks and
# debug_assert! as in `cargo test`, where an arithmetic overflow is a panic.
# -timeout: an input that takes longer than 10 s is a bug (the whole shipped plan takes ms).
# -dict: TOML syntax, the format's keys and the printed Japanese the rules look for.
# -fork=1 with -ignore_*: one worker process; a crash, timeout or out-of-memory is saved in
# artifacts/check/ and fuzzing goes on, so that one run finds every bug it can.
# Per target: the seed folders and the longest input. The loader's cost grows with the file,
# and the generators read at most a few hundred choices.
# The cheaper targets are built without compare tracing (--no-trace-compares), in their own
# target folder so that switching targets does not rebuild everything: the tracing took 55–75 %
# of their time (2.0–2.5× the executions per second without it), and the generators' choices
# are bytes taken modulo a count, where it finds nothing; for `load` the dictionary supplies
# the words it would.
build=()
case "$target" in
  check) dirs=("$seeds" corpus/check) max_len=() ;;
  load) dirs=("$seeds" corpus/check corpus/load) max_len=(-max_len=4096) ;;
  rules) dirs=("$seeds" corpus/rules) max_len=(-max_len=2048) ;;
  render) dirs=("$seeds" corpus/render) max_len=(-max_len=1024) ;;
esac
if [ "$target" != check ]; then
  build=(--no-trace-compares --target-dir target/notc)
fi
mkdir -p "artifacts/$target" "corpus/$target"
before=$(find "artifacts/$target" -type f | wc -l)
cargo fuzz run --sanitizer none --debug-assertions "${build[@]}" "$target" "work/$target" "${dirs[@]}" -- \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict="$PWD/check.dict" \
  "${max_len[@]}" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -print_final_stats=1
after=$(find "artifacts/$target" -type f | wc -l)
if [ "$after" -gt "$before" ]; then
  echo "fuzz/run.sh: $((after - before)) new input(s) in fuzz/artifacts/$target/ crash, hang or run out of memory:" >&2
  ls -t "artifacts/$target" | head -n "$((after - before))" >&2
  exit 1
fi
