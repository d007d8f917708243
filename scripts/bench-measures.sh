#!/usr/bin/env bash
# Measures benchmark (not a test), the extension of bench-extract.sh to the participant level.
# In one run on this machine it simulates one participant per arm on the 2 mm MNI grid
# (91x109x91) with 200 and with 400 volumes, and times `acuroi participant` on sub-01 (pre and
# post: 2 runs) over the pain-network ROIs with 24P denoising and
#   none   measures.compute: []                                    (extraction + denoising)
#   rest   [mean, sd, tsnr, alff, falff, fc]                        (full resting state, no ReHo)
#   malff  rest + malff                                             (brain-mean ALFF sample)
#   reho   rest + reho
# Target: rest adds <= 30% to `none`; ReHo's and mALFF's costs are reported separately.
# Memory: peak RSS (/usr/bin/time -v) at 200 and 400 volumes, next to the sizes of the ROI-voxel
# series (ROI voxels x T x 4 bytes) and of the whole brain (brain voxels x T x 4 bytes): the
# growth with T follows the former. Times are the best of 3 runs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
py=/usr/bin/python3
acuroi=${ACUROI:-$here/build/bin/acuroi}
work=${BENCH_DIR:-$(mktemp -d /tmp/acuroi-bench-measures.XXXXXX)}
[ -x "$acuroi" ] || "$here/scripts/setup.sh"

seconds() { # best of N runs of a command, wall seconds
  local n=$1; shift; local best=""
  for _ in $(seq "$n"); do
    local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null 2>&1; t1=$(date +%s.%N)
    local dt; dt=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || (( $(echo "$dt < $best" | bc -l) )); then best=$dt; fi
  done
  printf '%.3f' "$best"
}
peak_mb() { /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/{printf "%.1f", $2/1024}'; }
ratio() { echo "scale=2; $1 / $2" | bc -l; }

config() { # config T VARIANT MEASURES -> path
  local f=$work/$2_$1.yaml
  cat > "$f" <<YAML
study: {name: bench, dataset: $work/ds$1, arm_column: arm, arms: [acupuncture, sham], task: rest, space: MNI152NLin6Asym}
rois: {preset: $here/configs/pain-network.yaml}
extraction: {threads: 1}
denoise: {strategy: 24P}
measures: {compute: $3}
output: {dir: $work/out_$2_$1, write_tsv: false}
YAML
  echo "$f"
}

declare -A measures=(
  [none]="[]"
  [rest]="[mean, sd, tsnr, alff, falff, fc]"
  [malff]="[mean, sd, tsnr, alff, falff, fc, malff]"
  [reho]="[mean, sd, tsnr, alff, falff, fc, reho]")
declare -A t rss
for T in 200 400; do
  [ -d "$work/ds$T" ] || { echo "simulating $work/ds$T (2 mm, $T volumes)"; \
    "$acuroi" simulate --out "$work/ds$T" --seed 5 --participants 1 --resolution 2 --volumes "$T" >/dev/null; }
  for v in none rest malff reho; do
    c=$(config "$T" "$v" "${measures[$v]}")
    [ "$T" = 200 ] && t[$v]=$(seconds 3 "$acuroi" participant "$c" --participant-label 01)
    rss[$v,$T]=$(peak_mb "$acuroi" participant "$c" --participant-label 01)
  done
done

sizes=$("$py" - "$work/ds200" "$here/configs/pain-network.yaml" <<'PY'
import glob, sys
import h5py, nibabel as nib, numpy as np
ds = sys.argv[1]
mask = glob.glob(ds + "/sub-01/ses-pre/func/*desc-brain_mask.nii.gz")[0]
brain = int((np.asarray(nib.load(mask).dataobj) > 0).sum())
print(brain)
PY
)
roi_voxels=$("$py" -c "
import h5py,glob,sys
f=h5py.File(glob.glob('$work/out_rest_200/sub-01/*.h5')[0],'r')
print(int(f['sessions/pre/runs/rest/voxel_count'][()].sum()))")

mb() { echo "scale=1; $1 * $2 * 4 / 1048576" | bc -l; }
echo
echo "acuroi measures benchmark: 91x109x91 (2 mm), sub-01 pre+post (2 runs), 24P, pain-network ROIs, $(nproc) cores"
printf '%-48s %8s s\n' "none: extraction + denoising (baseline)" "${t[none]}"
printf '%-48s %8s s   %5sx baseline (target <= 1.30)\n' "rest: mean sd tsnr alff falff fc" "${t[rest]}" "$(ratio "${t[rest]}" "${t[none]}")"
printf '%-48s %8s s   %5sx baseline (mALFF separately)\n' "rest + malff" "${t[malff]}" "$(ratio "${t[malff]}" "${t[none]}")"
printf '%-48s %8s s   %5sx baseline (ReHo separately)\n' "rest + reho" "${t[reho]}" "$(ratio "${t[reho]}" "${t[none]}")"
echo
printf '%-24s %10s %10s %12s\n' "peak RSS (MB)" "T=200" "T=400" "growth"
for v in none rest malff reho; do
  printf '%-24s %10s %10s %12s\n' "$v" "${rss[$v,200]}" "${rss[$v,400]}" "$(echo "${rss[$v,400]} - ${rss[$v,200]}" | bc -l)"
done
printf 'ROI voxels (all ROIs, with overlaps): %s -> x T x 4 B = %s MB (T=200), %s MB (T=400)\n' \
  "$roi_voxels" "$(mb "$roi_voxels" 200)" "$(mb "$roi_voxels" 400)"
printf 'brain voxels: %s -> x T x 4 B = %s MB (T=200), %s MB (T=400)\n' \
  "$sizes" "$(mb "$sizes" 200)" "$(mb "$sizes" 400)"
