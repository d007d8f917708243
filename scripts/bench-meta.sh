#!/usr/bin/env bash
# Benchmark of the meta module (not a test). Builds bench_meta in Release and prints:
#  - 1,000 pools of k = 20 with REML + Hartung-Knapp + prediction interval (metafor: ~3.9 s; target <= 10 ms)
#  - one REML pool at k = 10,000 and at k = 1,000,000: time and peak RSS (/usr/bin/time -v)
#  - 100,000 pools of k = 20 (a voxel-wise map), TBB across pools (target <= 1 s)
# Usage: scripts/bench-meta.sh [build-dir]   (default: build-bench-meta next to this script's repo)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$repo/build-bench-meta}"
if [[ ! -x "$build/bin/bench_meta" || "${REBUILD:-1}" == 1 ]]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DACUROI_BUILD_TESTS=OFF > "$build.log" 2>&1
  cmake --build "$build" --target bench_meta -j"${JOBS:-2}" >> "$build.log" 2>&1 || { cat "$build.log"; exit 1; }
fi
bench="$build/bin/bench_meta"
echo "== acuroi meta benchmark ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)) =="
echo "   (CPU time is the figure to compare when the machine is shared; wall time includes waiting)"
"$bench" small
for k in 10000 1000000; do
  out="$( { /usr/bin/time -v "$bench" large "$k"; } 2>&1 )"
  echo "$out" | grep '^large:'
  echo "$out" | awk -F': ' '/Maximum resident set size/ {printf "       peak RSS %.1f MB\n", $2/1024}'
done
"$bench" voxel 100000
