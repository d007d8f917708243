#!/usr/bin/env bash
# Benchmark of the group-stage permutation inference (not a test): builds bench_group in Release
# and runs 10,000 permutations × 5 ROIs × 10 measures × 200 participants with max-T, for the
# between-arm Welch label permutation and the Freedman–Lane GLM, with 1 and 2 TBB threads; then
# the whole group analysis of that study (tests, records, two GLMs, three max-T families).
# Usage: scripts/bench-group.sh [n_permutations]   (BUILD_DIR overrides build-bench)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$here/build-bench}
log="$build/bench-group-build.log"
mkdir -p "$build"
{ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release &&
  cmake --build "$build" --target bench_group bench_group_analysis -j "$(nproc)"; } > "$log" 2>&1 ||
  { tail -40 "$log"; echo "bench-group: build failed (log: $log)" >&2; exit 1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bin/bench_group" "${1:-10000}"
"$build/bin/bench_group_analysis" "${1:-10000}"
