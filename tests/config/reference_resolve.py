#!/usr/bin/env python3
"""Independent reference for acuroi's config resolution, written against the documented rules
with PyYAML (not acuroi's parser or printer).

usage: reference_resolve.py CONFIG RESOLVED
  CONFIG    a config file as a user writes it
  RESOLVED  acuroi's resolved_yaml of it (written by the test)
Exit 0 and print "ok" when RESOLVED, read by PyYAML, equals what the rules derive from CONFIG;
else print both and exit 1.

Rules: defaults for missing keys; study.dataset, output.dir, rois.atlas/labels/preset and
meta.studies[].group/table relative to the config's folder, participants_file relative to the dataset; 'aal' = AAL image (+ its table when
no table is given); 'sub-'/'ses-' prefixes dropped; preset regions first (paths relative to the
preset's folder), a config region with a preset region's name replaces it in place.
"""
import copy
import json
import os
import sys

import yaml

AAL = "/usr/share/mricron/templates/aal.nii.gz"
AAL_TABLE = "/usr/share/mricron/templates/aal.nii.txt"
DEFAULTS = {
    "study": {"name": "study", "participants_file": "participants.tsv", "arm_column": "arm",
              "arms": ["acupuncture", "sham"], "sessions": {"pre": "pre", "post": "post"},
              "task": "rest", "space": "MNI152NLin6Asym"},
    "participants": {"include": [], "exclude": []},
    "rois": {"atlas": "aal", "labels": "", "preset": "", "regions": [], "min_coverage": 0.5,
             "strategy": "mean"},
    "extraction": {"threads": 0},
    "denoise": {"strategy": "24P", "acompcor_components": 5, "acompcor_variance": 0,
                "custom_columns": [], "fd_threshold_mm": 0.5, "std_dvars_threshold": 1.5,
                "min_segment_volumes": 5, "dummy_volumes": -1, "min_time_seconds": 240,
                "high_pass_hz": 0.01, "low_pass_hz": 0.08, "polynomial_order": 1},
    "measures": {"compute": ["mean", "tsnr", "alff", "falff", "reho", "fc"],
                 "alff_band_hz": [0.01, 0.08], "reho_neighbourhood": 27, "fc_partial": False,
                 "sd_ddof": 1, "task_contrasts": [], "task_hrf_derivative": False,
                 "task_drift": "cosine", "task_high_pass_seconds": 128,
                 "task_polynomial_order": 1, "task_noise_model": "ar1"},
    "group": {"covariates": [], "categorical": [], "centre_covariates": True,
              "between_test": "welch", "rank_tests": False, "hedges_correction": "exact",
              "ancova": True, "change_model": True, "permutations": 5000,
              "permutation_seed": 0, "p_adjust": "BH", "confidence": 0.95, "measures": []},
    "meta": {"studies": [], "include_own_study": True, "own_study_moderators": {},
             "effect_measure": "MD", "method": "REML", "test": "knha", "level": 95,
             "prediction_df": "metafor", "hedges_correction": "exact", "vtype": "LS",
             "zero_cell_correction": "only0", "subgroup": "", "moderators": [],
             "permutations": 0, "permutation_seed": 0, "p_adjust": "BH", "pairs": [],
             "wide_ci_width": 1, "output_dir": ""},
    "output": {"dir": "acuroi-out", "write_tsv": True},
    "hpc": {"profile": "", "memory_budget_gb": 0, "shards": 0, "max_array_throttle": 50,
            "cpus_per_task": 1, "partition": "", "account": "", "qos": "", "modules": [],
            "extra_sbatch": [], "task_memory_gb": 0, "task_time_minutes": 0,
            "group_memory_gb": 0, "group_time_minutes": 0},
}


def path(p, base):
    if p in ("", None):
        return ""
    if p == "aal":
        return AAL
    return os.path.normpath(os.path.join(base, p))


def region(r, base):
    r = dict(r)
    for key in ("atlas", "label_table", "mask"):
        if key in r:
            r[key] = path(r[key], base)
    if "labels" in r and r.get("atlas") == AAL and not r.get("label_table"):
        r["label_table"] = AAL_TABLE
    if "labels" in r:  # names first, then integer values (acuroi keeps the two apart)
        r["labels"] = ([x for x in r["labels"] if not isinstance(x, int)] +
                       [x for x in r["labels"] if isinstance(x, int)])
    if "sphere" in r:
        r["sphere"] = {"center_mm": [float(x) for x in r["sphere"]["center_mm"]],
                       "radius_mm": float(r["sphere"]["radius_mm"])}
    if r.get("description", "") == "":
        r.pop("description", None)
    return r


def expected(config_file):
    base = os.path.dirname(os.path.abspath(config_file))
    given = yaml.safe_load(open(config_file)) or {}
    c = copy.deepcopy(DEFAULTS)
    for section, values in given.items():
        for key, value in (values or {}).items():
            c[section][key] = value
    s = c["study"]
    s["dataset"] = path(s["dataset"], base)
    s["participants_file"] = path(s["participants_file"], s["dataset"])
    s["sessions"] = {k: v[4:] if v.startswith("ses-") else v for k, v in s["sessions"].items()}
    p = c["participants"]
    for key in ("include", "exclude"):
        p[key] = [x[4:] if x.startswith("sub-") else x for x in p[key] or []]
    r = c["rois"]
    r["atlas"] = path(r["atlas"], base)
    r["labels"] = path(r["labels"], base)
    if not r["labels"] and r["atlas"] == AAL:
        r["labels"] = AAL_TABLE
    r["preset"] = path(r["preset"], base)
    regions = []
    if r["preset"]:
        preset = yaml.safe_load(open(r["preset"]))
        regions = [region(x, os.path.dirname(r["preset"])) for x in preset["regions"]]
    for own in (region(x, base) for x in r["regions"] or []):
        names = [x["name"] for x in regions]
        if own["name"] in names:
            regions[names.index(own["name"])] = own
        else:
            regions.append(own)
    r["regions"] = regions
    r["min_coverage"] = float(r["min_coverage"])
    d = c["denoise"]
    for key in ("acompcor_variance", "fd_threshold_mm", "std_dvars_threshold", "min_time_seconds",
                "high_pass_hz", "low_pass_hz"):
        d[key] = float(d[key])
    c["measures"]["alff_band_hz"] = [float(x) for x in c["measures"]["alff_band_hz"]]
    c["measures"]["task_high_pass_seconds"] = float(c["measures"]["task_high_pass_seconds"])
    c["group"]["confidence"] = float(c["group"]["confidence"])
    c["meta"]["level"] = float(c["meta"]["level"])
    c["meta"]["wide_ci_width"] = float(c["meta"]["wide_ci_width"])
    for study in c["meta"]["studies"] or []:
        for key in ("group", "table"):
            if key in study:
                study[key] = path(study[key], base)
    for key in ("memory_budget_gb", "task_memory_gb", "group_memory_gb"):
        c["hpc"][key] = float(c["hpc"][key])
    c["output"]["dir"] = path(c["output"]["dir"], base)
    return c


def main():
    want = expected(sys.argv[1])
    got = yaml.safe_load(open(sys.argv[2]))
    if json.dumps(want, sort_keys=True) == json.dumps(got, sort_keys=True):
        print("ok")
        return 0
    print("expected:", json.dumps(want, sort_keys=True, indent=1))
    print("acuroi:  ", json.dumps(got, sort_keys=True, indent=1))
    return 1


if __name__ == "__main__":
    sys.exit(main())
