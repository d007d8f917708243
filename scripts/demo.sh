#!/usr/bin/env bash
# Sets up, builds and runs acuroi's main job on the bundled sample data (data-samples/demo),
# then says where the results are.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
acuroi="$here/build/bin/acuroi"
config="$here/configs/demo.yaml"
"$acuroi" validate "$config"
"$acuroi" run "$config"          # participants in parallel, group statistics, meta-analysis, report (resumable)
out="$here/out/demo"
echo
echo "demo: results are in $out"
find "$out" -maxdepth 4 -type f \( -name '*.h5' -o -name '*.tsv' -o -name '*.json' \) | sort | head -40
echo "group statistics: $out/group/group_tests.tsv (one row per ROI x measure x test)"
echo "meta-analysis:    $out/meta/meta_summary_of_findings.tsv (one row per ROI x measure)"
echo "report:           $out/report/acuroi_report.html (open it in a browser)"
