#!/usr/bin/env bash
# Times the release binary on the shipped plan and on generated plans against a floor (a
# program that only reads and parses the same TOML files), and reports peak memory against the
# plan's size, for the two shapes of generated plan (see bench/README.md):
#   realistic  `gen_plan --scale N`: N× the shipped plan in measures, directions, rows and text,
#              a few dozen projects (at most 30), so a matrix 36·N × 30 wide;
#   dense      `gen_plan --scale N --dense`: 5·N projects, a matrix of 36·N × 5·N cells (stress).
# Usage: bash bench/run.sh
#   SCALES="1 10 100 300 1000"  scales of the realistic shape
#   DENSE_SCALES="1 10 100 200" scales of the dense shape (from scale 300 its matrix is written
#                               sparse; scale 1000 is 5,000 project files, minutes per run)
#   RUNS=7                      runs per median
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a scales <<<"${SCALES:-1 10 100 300 1000}"
read -r -a dense_scales <<<"${DENSE_SCALES:-1 10 100 200}"
runs=${RUNS:-7}
work=${BENCH_DIR:-/tmp/plancheck-bench}
mkdir -p "$work"

echo "== building (release)"
cargo build --release --quiet --bin plancheck --example parse_floor --example gen_plan
bin=target/release/plancheck
floor=target/release/examples/parse_floor
gen=target/release/examples/gen_plan

# median wall time in ms of `runs` runs of a command (output discarded)
median_ms() {
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
ts = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ts.append((time.perf_counter() - t) * 1000)
ts.sort()
print(f"{ts[len(ts)//2]:.1f}")
PY
}

# peak resident memory in KiB
peak_kib() {
  /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1
}

# table SHAPE ENTRIES...: one row per "name:dir"
table() {
  local shape=$1; shift
  printf "\n%s\n%-12s %10s %10s %10s %7s %11s %11s %9s %9s\n" "$shape" plan "size KiB" "check ms" \
    "floor ms" ratio "peak KiB" "floor KiB" "peak/size" "floor/size"
  for entry in "$@"; do
    local name=${entry%%:*} dir=${entry#*:}
    local size check floor_t peak fpeak
    size=$(du -sk --apparent-size --exclude=manifest.json "$dir" | cut -f1)
    check=$(median_ms "$bin" check "$dir" --format json)
    floor_t=$(median_ms "$floor" "$dir")
    peak=$(peak_kib "$bin" check "$dir" --format json)
    fpeak=$(peak_kib "$floor" "$dir")
    python3 - "$name" "$size" "$check" "$floor_t" "$peak" "$fpeak" <<'PY'
import sys
name, size, check, floor, peak, fpeak = sys.argv[1:]
size, check, floor, peak, fpeak = int(size), float(check), float(floor), int(peak), int(fpeak)
print(f"{name:<12} {size:>10,} {check:>10,.1f} {floor:>10,.1f} {check/max(floor,0.001):>7.2f} "
      f"{peak:>11,} {fpeak:>11,} {peak/max(size,1):>9.1f} {fpeak/max(size,1):>9.1f}")
PY
  done
}

# generated plan folder for a shape and scale (kept between runs)
plan_dir() {
  local shape=$1 s=$2 dir="$work/$1-$2"
  if [ ! -f "$dir/manifest.json" ]; then
    rm -rf "$dir"
    if [ "$shape" = dense ]; then
      "$gen" --scale "$s" --dense --defects 0 --seed 1 --out "$dir" >/dev/null
    else
      "$gen" --scale "$s" --defects 0 --seed 1 --out "$dir" >/dev/null
    fi
  fi
  echo "$dir"
}

realistic=("plan:plan")
for s in "${scales[@]}"; do realistic+=("scale-$s:$(plan_dir realistic "$s")"); done
dense=()
for s in "${dense_scales[@]}"; do dense+=("scale-$s:$(plan_dir dense "$s")"); done

table "realistic shape (gen_plan --scale N; the shipped plan first)" "${realistic[@]}"
if [ ${#dense[@]} -gt 0 ]; then
  table "dense shape (gen_plan --scale N --dense)" "${dense[@]}"
fi
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d); load: $(uptime | sed 's/.*load average: //')"
