#!/usr/bin/env bash
# Regenerates the committed sample dataset data-samples/demo with `acuroi simulate` and checks its
# size budget (the whole data-samples/ folder <= 10 MB, no file > 5 MB). The arguments are fixed,
# so the files come out byte-identical every time (a diff after running this means the simulator
# changed).
#
#   scripts/make-sample-data.sh                       # uses build/bin/acuroi (scripts/setup.sh builds it)
#   ACUROI=/path/to/acuroi scripts/make-sample-data.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
acuroi=${ACUROI:-$here/build/bin/acuroi}
if [ ! -x "$acuroi" ]; then
  echo "make-sample-data: $acuroi not found; run scripts/setup.sh first (or set ACUROI)" >&2
  exit 1
fi
out="$here/data-samples/demo"
# Keep in sync with data-samples/README.md.
args=(--seed 42 --participants 4 --resolution 8 --volumes 100 --tr 2 --runs 1 --task rest --bold-step 2)
overwrite=()
[ -e "$out/acuroi_ground_truth.json" ] && overwrite=(--overwrite)  # replaces only a previous simulation

start=$(date +%s.%N)
"$acuroi" simulate --out "$out" "${args[@]}" "${overwrite[@]}"
end=$(date +%s.%N)

folder_bytes=$(du -sb "$here/data-samples" | cut -f1)
largest=$(find "$here/data-samples" -type f -printf '%s %P\n' | sort -n | tail -1)
printf 'make-sample-data: %s in %.1f s; data-samples/ is %s bytes; largest file %s (%s bytes)\n' \
  "$out" "$(echo "$end - $start" | bc)" "$folder_bytes" "${largest#* }" "${largest%% *}"
if [ "$folder_bytes" -gt 10485760 ] || [ "${largest%% *}" -gt 5242880 ]; then
  echo "make-sample-data: over budget (folder <= 10 MiB, files <= 5 MiB)" >&2
  exit 1
fi
