#!/usr/bin/env bash
# Extraction benchmark (not a test). In one run on this machine it makes a 91x109x91x200 float32
# run as .nii and .nii.gz (gzip -6) and times `acuroi extract --atlas aal` against
#   (a) `igzip -dc FILE > /dev/null`, the decompression floor, and
#   (b) nibabel + scipy.ndimage.mean per volume (what nilearn's maskers do),
# with peak RSS from /usr/bin/time -v, then doubles the run length to show memory stays flat.
# Targets (ratios): .nii.gz <= 1.25x igzip; >= 6x faster than baseline; .nii >= 10x faster;
# peak RSS <= 64 MB and flat when the run doubles. Times are the best of 5 runs (3 for the baseline).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
acuroi=${ACUROI:-$here/build/bin/acuroi}
work=${BENCH_DIR:-$(mktemp -d /tmp/acuroi-bench.XXXXXX)}
atlas=/usr/share/mricron/templates/aal.nii.gz
[ -x "$acuroi" ] || "$here/scripts/setup.sh"

seconds() { # best of N runs of a command, wall seconds
  local n=$1; shift; local best=""
  for _ in $(seq "$n"); do
    local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N)
    local dt; dt=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || (( $(echo "$dt < $best" | bc -l) )); then best=$dt; fi
  done
  printf '%.3f' "$best"
}
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/{printf "%.1f", $2/1024}'; }

for T in 200 400; do
  [ -f "$work/bold_$T.nii" ] || { echo "making $work/bold_$T.nii"; "$py" "$here/scripts/bench_extract_data.py" "$work/bold_$T.nii" "$T"; }
  [ -f "$work/bold_$T.nii.gz" ] || { echo "compressing (gzip -6)"; gzip -6 -k -c "$work/bold_$T.nii" > "$work/bold_$T.nii.gz"; }
done
cat "$work"/bold_200.nii* > /dev/null  # warm the page cache for everyone alike

f=$work/bold_200
t_igzip=$(seconds 5 igzip -dc "$f.nii.gz")
t_gz=$(seconds 5 "$acuroi" extract "$f.nii.gz" --atlas aal -o "$work/out_gz.tsv")
t_nii=$(seconds 5 "$acuroi" extract "$f.nii" --atlas aal -o "$work/out_nii.tsv")
t_base_gz=$(seconds 3 "$py" "$here/scripts/bench_extract_baseline.py" "$f.nii.gz" "$atlas")
t_base_nii=$(seconds 3 "$py" "$here/scripts/bench_extract_baseline.py" "$f.nii" "$atlas")
rss_gz=$(peak_mb "$acuroi" extract "$f.nii.gz" --atlas aal -o "$work/rss.tsv")
rss_nii=$(peak_mb "$acuroi" extract "$f.nii" --atlas aal -o "$work/rss.tsv")
rss_gz_400=$(peak_mb "$acuroi" extract "$work/bold_400.nii.gz" --atlas aal -o "$work/rss.tsv")
rss_nii_400=$(peak_mb "$acuroi" extract "$work/bold_400.nii" --atlas aal -o "$work/rss.tsv")
rss_base=$(peak_mb "$py" "$here/scripts/bench_extract_baseline.py" "$f.nii" "$atlas")

ratio() { echo "scale=2; $1 / $2" | bc -l; }
echo
echo "acuroi extract benchmark: 91x109x91x200 float32, AAL (116 labels), $(nproc) cores"
printf '%-44s %8s s\n' "igzip -dc (decompression floor)" "$t_igzip"
printf '%-44s %8s s   %5sx the igzip floor (target <= 1.25)\n' "acuroi extract .nii.gz" "$t_gz" "$(ratio "$t_gz" "$t_igzip")"
printf '%-44s %8s s   %5sx faster than baseline (target >= 6)\n' "nibabel+scipy.ndimage.mean .nii.gz" "$t_base_gz" "$(ratio "$t_base_gz" "$t_gz")"
printf '%-44s %8s s\n' "acuroi extract .nii" "$t_nii"
printf '%-44s %8s s   %5sx faster than baseline (target >= 10)\n' "nibabel+scipy.ndimage.mean .nii" "$t_base_nii" "$(ratio "$t_base_nii" "$t_nii")"
printf '%-44s %8s MB (200 vols) %8s MB (400 vols)  target <= 64, flat\n' "acuroi peak RSS .nii.gz" "$rss_gz" "$rss_gz_400"
printf '%-44s %8s MB (200 vols) %8s MB (400 vols)\n' "acuroi peak RSS .nii" "$rss_nii" "$rss_nii_400"
printf '%-44s %8s MB\n' "baseline peak RSS .nii" "$rss_base"
