#!/usr/bin/env bash
# Times the release binary on the shipped plan and on generated plans against a floor (a
# program that only reads and parses the same TOML files), and reports peak memory.
# Usage: bash bench/run.sh [SCALES...]   (default: 1 10 100 200; see bench/README.md for why not 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
scales=("${@:-1 10 100 200}")
scales=(${scales[*]})
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

plans=("plan:plan")
for s in "${scales[@]}"; do
  dir="$work/scale-$s"
  if [ ! -f "$dir/manifest.json" ]; then
    rm -rf "$dir"
    "$gen" --scale "$s" --defects 0 --seed 1 --out "$dir" >/dev/null
  fi
  plans+=("scale-$s:$dir")
done

printf "\n%-12s %10s %12s %12s %8s %12s %10s\n" plan "size KiB" "check ms" "floor ms" ratio "peak KiB" "peak/size"
for entry in "${plans[@]}"; do
  name=${entry%%:*}; dir=${entry#*:}
  size=$(du -sk --apparent-size "$dir" | cut -f1)
  check=$(median_ms "$bin" check "$dir" --format json)
  floor_t=$(median_ms "$floor" "$dir")
  peak=$(peak_kib "$bin" check "$dir" --format json)
  ratio=$(python3 -c "print(f'{$check/max($floor_t,0.001):.2f}')")
  per=$(python3 -c "print(f'{$peak/max($size,1):.1f}')")
  printf "%-12s %10s %12s %12s %8s %12s %10s\n" "$name" "$size" "$check" "$floor_t" "$ratio" "$peak" "$per"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; $(date -u +%Y-%m-%d)"
