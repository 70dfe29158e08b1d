#!/usr/bin/env bash
# The full mutation run over src/ (issue 18, item 2; docs/mutation-testing.md), resumable.
#
#   tools/mutants-full.sh [OUT]
#
# Mutates every file of src/ at HEAD, a chunk of files at a time, each chunk in the two stages of
# tools/mutants-diff.sh: every mutant against the library's unit tests (`--cargo-arg=--lib`),
# then the survivors against the whole suite (`--iterate` skips what stage 1 caught). A chunk is
# selected with `--in-diff` and a diff that adds its files whole (from git's empty tree), which
# selects exactly the mutants of those files. A finished chunk leaves OUT/chunk-NNN/done and its
# outcomes; running the script again skips finished chunks, so the run can be stopped (kill the
# process group; src/ is put back) and resumed over several sittings. The run is of one commit:
# OUT/commit records it, and the script refuses to resume at another.
#
# OUT defaults to target/mutants-full. Environment: MUTANTS_NICE (default 19), CHUNK_MUTANTS
# (mutants per chunk, default 100). The summary: tools/mutants-full.sh --summary [OUT].
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

summary=0
if [ "${1:-}" = --summary ]; then summary=1; shift; fi
out="${1:-target/mutants-full}"
nice_level="${MUTANTS_NICE:-19}"
per_chunk="${CHUNK_MUTANTS:-100}"
empty_tree=4b825dc642cb6eb9a060e54bf8d69288fbee4904
log() { echo "mutants-full: $*"; }

mkdir -p "$out"
out="$(cd "$out" && pwd)"
# With the kernel's autogroups (one per session: a terminal, `setsid`), nice only ranks the
# processes of one group: the run takes a session of its own and lowers that whole group, so
# that it yields to other people's work without lowering the terminal it was started from.
if [ "$summary" = 0 ] && [ -z "${MUTANTS_FULL_SESSION:-}" ] && command -v setsid >/dev/null; then
  MUTANTS_FULL_SESSION=1 exec setsid --wait bash "$self" "$out"
fi
if [ -n "${MUTANTS_FULL_SESSION:-}" ] && [ -w /proc/self/autogroup ]; then
  echo "$nice_level" > /proc/self/autogroup 2>/dev/null || true
fi

if [ "$summary" = 1 ]; then
  python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
tot = {"caught": 0, "missed": 0, "unviable": 0, "timeout": 0}
chunks = sorted(out.glob("chunk-*"))
done = [c for c in chunks if (c / "done").exists()]
missed = []
for c in done:
    for line in (c / "result.tsv").read_text().splitlines():
        outcome, name = line.split("\t", 1)
        tot[outcome] += 1
        if outcome == "missed":
            missed.append(name)
viable = tot["caught"] + tot["missed"] + tot["timeout"]
print(f"commit {(out / 'commit').read_text().strip()}: {len(done)} of {len(chunks)} chunks done")
print(f"mutants {sum(tot.values())}: unviable {tot['unviable']}, viable {viable}: "
      f"caught {tot['caught']}, timeout {tot['timeout']}, missed {tot['missed']}"
      + (f" — {100 * (tot['caught'] + tot['timeout']) / viable:.1f} % caught" if viable else ""))
for m in missed:
    print(f"MISSED {m}")
PY
  exit 0
fi

head="$(git rev-parse HEAD)"
if [ -f "$out/commit" ] && [ "$(cat "$out/commit")" != "$head" ]; then
  log "$out holds a run of $(cat "$out/commit"), not of HEAD ($head); use another OUT" >&2
  exit 1
fi
echo "$head" > "$out/commit"
if [ -n "$(git status --porcelain -- '*.rs')" ]; then
  log "the working tree has uncommitted .rs changes; commit or stash them first" >&2
  exit 1
fi
restore() {
  if ! git diff --quiet HEAD -- src; then
    log "restoring src/ from HEAD" >&2
    git checkout HEAD -- src
  fi
}
trap restore EXIT

# The chunks: files of src/ in path order, cut after CHUNK_MUTANTS mutants (a file is never split).
if [ ! -f "$out/chunks.txt" ]; then
  cargo mutants --list --colors never | cut -d: -f1 | uniq -c \
    | awk -v per="$per_chunk" '{ n += $1; printf "%s ", $2; if (n >= per) { print ""; n = 0 } }
      END { if (n > 0) print "" }' > "$out/chunks.txt"
fi
total=$(wc -l < "$out/chunks.txt")

mutants() { INSTA_UPDATE=no nice -n "$nice_level" cargo mutants --in-place --baseline skip \
  --no-shuffle --colors never --build-timeout 900 "$@"; }

i=0
while read -r files; do
  i=$((i + 1))
  dir="$out/$(printf 'chunk-%03d' "$i")"
  [ -f "$dir/done" ] && continue
  mkdir -p "$dir"
  # shellcheck disable=SC2086
  git diff --no-ext-diff --no-color "$empty_tree" HEAD -- $files > "$dir/chunk.diff"
  log "chunk $i of $total: $files"
  start=$(date +%s)
  # Stage 1: the unit tests. cargo-mutants exits non-zero when a mutant is missed.
  mutants --in-diff "$dir/chunk.diff" --output "$dir" --timeout 120 --cargo-arg=--lib \
    > "$dir/stage1.log" 2>&1 || true
  s1=$(( $(date +%s) - start ))
  # Stage 2: what stage 1 did not catch, against the whole suite.
  left=$({ cat "$dir/mutants.out/missed.txt" "$dir/mutants.out/timeout.txt" 2>/dev/null || true; } | wc -l)
  if [ "$left" -gt 0 ]; then
    cp "$dir/mutants.out/outcomes.json" "$dir/stage1.json" 2>/dev/null || true
    mutants --in-diff "$dir/chunk.diff" --output "$dir" --timeout 300 --iterate \
      > "$dir/stage2.log" 2>&1 || true
  fi
  # The chunk's result: every mutant's final outcome (stage 2's for those it retested).
  python3 - "$dir" <<'PY'
import pathlib, sys
d = pathlib.Path(sys.argv[1]) / "mutants.out"
res = {}
prev = d / "previously_caught.txt"
if prev.exists():  # caught or unviable in stage 1
    unv = set()
    old = d.parent / "mutants.out.old" / "unviable.txt"
    if old.exists():
        unv = set(old.read_text().splitlines())
    for name in prev.read_text().splitlines():
        res[name] = "unviable" if name in unv else "caught"
for outcome in ("caught", "missed", "unviable", "timeout"):
    f = d / f"{outcome}.txt"
    if f.exists():
        for name in f.read_text().splitlines():
            res[name] = outcome
(d.parent / "result.tsv").write_text("".join(f"{o}\t{n}\n" for n, o in sorted(res.items())))
PY
  took=$(( $(date +%s) - start ))
  echo "stage1 ${s1}s, stage2 $((took - s1))s, survivors of stage 1: $left" > "$dir/done"
  log "chunk $i done in ${took}s: $(cut -f1 "$dir/result.tsv" | sort | uniq -c | tr '\n' ' ')"
done < "$out/chunks.txt"
log "all $total chunks done"
