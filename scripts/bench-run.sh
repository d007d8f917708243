#!/usr/bin/env bash
# Benchmark of `acuroi run` and of SLURM shards:
#  1. throughput of the participant level on 8 simulated participants (acuroi simulate, 1 run per
#     session) with 1 and 2 threads, at 4 mm / 150 volumes (small: start-up counts) and at 2 mm /
#     120 volumes (the usual fMRIPrep resolution); target >= 1.8x on 2 cores;
#  2. the per-shard overhead of a SLURM array task: an empty shard run directly vs the same empty
#     shards as a SLURM array on a local cluster (scripts/slurm-local.sh; needs root, else skipped
#     with a message).
# Usage: scripts/bench-run.sh            (ACUROI=path/to/acuroi overrides build/bin/acuroi)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
acuroi=${ACUROI:-$here/build/bin/acuroi}
[[ -x $acuroi ]] || { echo "no acuroi binary at $acuroi (run scripts/setup.sh or set ACUROI)" >&2; exit 1; }
work=$(mktemp -d /tmp/acuroi-bench-run.XXXXXX)
cleanup() {
  if [[ -n ${SLURM_LOCAL_DIR:-} ]]; then "$here/scripts/slurm-local.sh" stop >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
now() { date +%s.%N; }
calc() { awk "BEGIN { print $* }"; }

config() {  # $1 output dir, $2 dataset -> config path
  sed -e "s|dataset: ../data-samples/demo|dataset: $2|" \
      -e "s|preset: pain-network.yaml|preset: $here/configs/pain-network.yaml|" \
      -e "s|dir: ../out/demo|dir: $1|" -e "s|table: ../data-samples/|table: $here/data-samples/|" \
      "$here/configs/demo.yaml" > "$1.yaml"
  echo "$1.yaml"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
# What the machine itself gives now: two independent CPU-bound processes, serially vs at once
# (2.0x on an idle 2-core machine; less when other work shares the cores).
burn() { head -c 400000000 /dev/zero | sha256sum >/dev/null; }
t0=$(now); burn; burn; t1=$(now); burn & burn; wait; t2=$(now)
machine=$(calc "($t1 - $t0) / ($t2 - $t1)")
printf 'machine check: 2 CPU-bound processes at once vs one after the other: %.2fx\n' "$machine"

# throughput RESOLUTION_MM VOLUMES REPEATS: the participant level of 8 simulated participants
# (2 runs each) with --threads 1 (one thread: no other acuroi thread runs) and --threads 2.
throughput() {
  local res=$1 vols=$2 reps=$3 ds="$work/ds-$1mm"
  "$acuroi" simulate --out "$ds" --seed 7 --participants 4 --resolution "$res" --volumes "$vols" >/dev/null 2>&1
  local best=() threads b s out c rep
  for threads in 1 2; do
    b=""
    for rep in $(seq "$reps"); do
      out="$work/out-$res-t$threads-$rep"; c=$(config "$out" "$ds")
      t0=$(now); "$acuroi" run "$c" --stage participant --threads "$threads" --quiet >/dev/null; t1=$(now)
      s=$(calc "$t1 - $t0")
      if [[ -z $b ]] || [[ $(calc "($s < $b) ? 1 : 0") == 1 ]]; then b=$s; fi
      rm -rf "$out"
    done
    best+=("$b")
    printf '%d mm, %d volumes: 8 participants, --threads %d: %.2f s (best of %d; %.1f participants/min)\n' \
      "$res" "$vols" "$threads" "$b" "$reps" "$(calc "8 * 60 / $b")"
  done
  printf '%d mm, %d volumes: speedup --threads 2 vs --threads 1: %.2fx (target >= 1.8x on 2 cores; %.0f%% of what the machine gave)\n' \
    "$res" "$vols" "$(calc "${best[0]} / ${best[1]}")" "$(calc "100 * ${best[0]} / ${best[1]} / $machine")"
  rm -rf "$ds"
}
# Small participants (4 mm, 150 volumes, ~0.4 s each): the fixed start-up of `acuroi run` counts.
throughput 4 150 3
# Participants at the resolution fMRIPrep writes for MNI152NLin6Asym res-2 (2 mm, 120 volumes).
throughput 2 120 2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

ds4="$work/ds-shards"
"$acuroi" simulate --out "$ds4" --seed 7 --participants 4 --resolution 4 --volumes 150 >/dev/null 2>&1
# Per-shard overhead: 16 shards for 8 participants -> 8 empty shards.
out="$work/out-slurm"; c=$(config "$out" "$ds4")
"$acuroi" submit "$c" --shards 16 --dry-run >/dev/null
empty=$(/usr/bin/python3 -c "import json,sys; m=json.load(open('$out/hpc/manifest.json')); print(','.join(str(i+1) for i,s in enumerate(m['shards']) if not s))")
first=${empty%%,*}
t0=$(now)
for i in 1 2 3 4 5; do "$acuroi" run "$c" --stage participant --manifest "$out/hpc/manifest.json" --shard "$first/16" --quiet >/dev/null; done
t1=$(now)
direct=$(calc "($t1 - $t0) / 5")
printf 'empty shard run directly: %.3f s per run (process start, config, manifest)\n' "$direct"

if [[ $(id -u) != 0 ]]; then echo "SLURM overhead: skipped (the local cluster needs root)"; exit 0; fi
"$here/scripts/slurm-local.sh" install >/dev/null 2>&1
eval "$("$here/scripts/slurm-local.sh" start 2>/dev/null)"
wait_array() {  # $1 job id: until no task is pending or running
  while scontrol -o show job "$1" | grep -qE 'JobState=(PENDING|RUNNING|COMPLETING|CONFIGURING)'; do sleep 0.1; done
}
# Warm-up job (the first scheduling pass of a fresh controller comes ~2 s after it starts).
j=$(sbatch --parsable -o /dev/null --wrap true); wait_array "$j"
t0=$(now); j=$(sbatch --parsable --array="$first" "$out/hpc/array.sbatch"); wait_array "$j"; t1=$(now)
one=$(calc "$t1 - $t0")
n=$(echo "$empty" | tr ',' '\n' | wc -l)
t0=$(now); j=$(sbatch --parsable --array="$empty" "$out/hpc/array.sbatch"); wait_array "$j"; t1=$(now)
many=$(calc "$t1 - $t0")
states=$(scontrol -o show job "$j" | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 | sort | uniq -c | xargs)
printf 'SLURM, one empty-shard task: %.2f s from sbatch to completion (overhead %.2f s over the direct run)\n' \
  "$one" "$(calc "$one - $direct")"
printf 'SLURM, %d empty-shard tasks on %d CPUs: %.2f s in all, %.2f s per task (task states: %s)\n' \
  "$n" "$(nproc)" "$many" "$(calc "$many / $n")" "$states"
