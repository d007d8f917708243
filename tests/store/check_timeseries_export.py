"""Independent check of acuroi's TSV/JSON time-series exports against its HDF5 file, with the
Python standard library's csv/json readers and h5py (no acuroi code).

usage: check_timeseries_export.py FILE.h5 OUTPUT_DIR SPACE ATLAS STRATEGY

For every run in FILE.h5 the export files must exist under the BIDS-style name; the TSV header
must be the ROI names and every cell the same double as the HDF5 time series (bit for bit; "n/a"
exactly where the HDF5 value is NaN); the JSON sidecar must agree with the HDF5 attributes
(NaN as null). No other files may exist under OUTPUT_DIR/sub-<p>/.
"""
import csv
import json
import math
import os
import sys

import h5py
import numpy as np

failures = []


def fail(message):
    failures.append(message)


def same(a, b):
    """Same double, NaN == NaN, -0 != +0."""
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return a == b and math.copysign(1, a) == math.copysign(1, b)


def nan_to_none(x):
    return None if math.isnan(x) else float(x)


def check_run(f, run, out_dir, entities, participant, names, expected_files):
    a = run.attrs
    ses, task, label = a["session"], a["task"], a["run"]
    stem = f"sub-{participant}_ses-{ses}_task-{task}" + (f"_run-{label}" if label else "")
    stem += f"_space-{entities[0]}_seg-{entities[1]}_desc-{entities[2]}_timeseries"
    folder = os.path.join(out_dir, f"sub-{participant}", f"ses-{ses}", "func")
    tsv, sidecar = os.path.join(folder, stem + ".tsv"), os.path.join(folder, stem + ".json")
    expected_files.update([tsv, sidecar])
    series = run["timeseries"][()]
    with open(tsv, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    if rows[0] != names:
        fail(f"{tsv}: header {rows[0]} != {names}")
    if len(rows) - 1 != series.shape[0]:
        fail(f"{tsv}: {len(rows) - 1} rows, HDF5 has {series.shape[0]}")
        return
    for t, row in enumerate(rows[1:]):
        values = [math.nan if cell == "n/a" else float(cell) for cell in row]
        if len(values) != series.shape[1] or not all(same(v, float(h)) for v, h in zip(values, series[t])):
            fail(f"{tsv}: row {t + 1} {row} != {series[t].tolist()}")
        if any(cell == "nan" or cell == "" for cell in row):
            fail(f"{tsv}: row {t + 1} has a NaN not written as n/a: {row}")
    meta = json.load(open(sidecar, encoding="utf-8"))
    tr = float(a["tr_seconds"])
    wanted = {
        "RepetitionTime": tr, "SamplingFrequency": 1.0 / tr, "NumberOfVolumes": series.shape[0],
        "Space": entities[0], "Atlas": entities[1], "DenoisingStrategy": entities[2],
        "ROIs": names, "ROIKinds": list(f["rois/kinds"].asstr()[:]),
        "ROIDefinitions": list(f["rois/definitions"].asstr()[:]),
        "VoxelCount": [int(v) for v in run["voxel_count"][()]],
        "Coverage": [nan_to_none(v) for v in run["coverage"][()]],
        "ROIStatus": list(run["roi_status"].asstr()[:]),
        "Sources": {"bold": a["bold_path"], "confounds": a["confounds_path"], "mask": a["mask_path"]},
        "ConfigSHA256": f["provenance"].attrs["config_sha256"],
        "AtlasSHA256": f["provenance"].attrs["atlas_sha256"],
        "ROIDefinitionsSHA256": f["provenance"].attrs["roi_definitions_sha256"],
        "AcuroiVersion": f.attrs["acuroi_version"],
        "CreatedUTC": f["provenance"].attrs["created_utc"],
    }
    for key, value in wanted.items():
        got = meta.get(key, "<missing>")
        if key == "Coverage":
            ok = len(got) == len(value) and all(same(g, v) for g, v in zip(got, value))
        else:
            ok = got == value
        if not ok:
            fail(f"{sidecar}: {key} = {got!r}, expected {value!r}")
    if set(meta) != set(wanted):
        fail(f"{sidecar}: keys {sorted(set(meta) ^ set(wanted))} unexpected or missing")


def main():
    h5_path, out_dir, entities = sys.argv[1], sys.argv[2], sys.argv[3:6]
    expected_files = {os.path.abspath(h5_path)}
    runs = 0
    with h5py.File(h5_path, "r") as f:
        participant = f.attrs["participant"]
        names = list(f["rois/names"].asstr()[:])
        for session in f["sessions"].values():
            for run in session.get("runs", {}).values():
                check_run(f, run, out_dir, entities, participant, names, expected_files)
                runs += 1
    found = set()
    for root, _, files in os.walk(os.path.join(out_dir, f"sub-{participant}")):
        found.update(os.path.abspath(os.path.join(root, name)) for name in files)
    expected_files = {os.path.abspath(p) for p in expected_files}
    if found != expected_files:
        fail(f"files: {sorted(found ^ expected_files)} unexpected or missing")
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ok: {runs} runs, {len(found)} files")


if __name__ == "__main__":
    main()
