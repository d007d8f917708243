"""Planted simulator effects, recovered from acuroi's participant files.

usage: planted_effects.py OUT_DIR GROUND_TRUTH.json

For every participant (h5py on sub-*/sub-*_acuroi.h5, session measure tables
/sessions/<ses>/measures/{measure,roi,value}) the change post - pre of
  ALFF, fALFF        log(post / pre)
  mean signal        100 (post - pre) / pre
  DMN connectivity   fc_within_z post - pre
is compared ACROSS PARTICIPANTS with what the simulator planted in that participant
(acuroi_ground_truth.json: the realised SD of each ROI's planted fluctuation per run, the planted
mean shift and scanner gain per session, the DMN coupling per session):
  planted ROIs   Pearson r(measured change, planted change) >= R_MIN[measure]
                 and the between-arm difference has the planted sign
  control ROI    `visual` (no effect planted): between-arm difference within 3 SE of 0 and
                 |r| with the neighbouring planted ROI's planted change < 0.5
Prints a table; exits 1 listing every failed check."""
import glob
import json
import math
import sys

import h5py
import numpy as np

R_MIN = {"alff": 0.5, "falff": 0.4, "mean": 0.9, "fc_within_z": 0.4}
PLANTED = ["ACC", "insula", "S1", "thalamus", "DMN"]
CONTROL = "visual"

out_dir, truth_path = sys.argv[1], sys.argv[2]
truth = json.load(open(truth_path))


def text(x):
    return x.decode() if isinstance(x, bytes) else x


def table(group):
    m = group["measures"]
    return {(text(a), text(b)): v for a, b, v in
            zip(m["measure"][()], m["roi"][()], m["value"][()])}


# Planted per participant: realised fluctuation SD (mean over runs), mean shift, gain, coupling.
planted = {}
for p in truth["participants"]:
    planted[p["participant_id"]] = {"arm": p["arm"], "sessions": p["sessions"]}
for run in truth["runs"]:
    ses = planted[run["participant_id"]]["sessions"][run["session"]]
    for roi, sd in run["roi_fluctuation_sd_percent"].items():
        ses.setdefault("sd", {}).setdefault(roi, []).append(sd)


def planted_change(pid, measure, roi):
    pre, post = planted[pid]["sessions"]["pre"], planted[pid]["sessions"]["post"]
    if measure in ("alff", "falff"):
        return math.log(np.mean(post["sd"][roi]) / np.mean(pre["sd"][roi]))
    if measure == "mean":
        level = lambda s: s["gain"] * (1 + s["rois"][roi]["mean_shift_percent"] / 100)
        return 100 * (level(post) / level(pre) - 1)
    return post["dmn_coupling"] - pre["dmn_coupling"]


def measured_change(measure, before, after):
    if measure in ("alff", "falff"):
        return math.log(after / before)
    if measure == "mean":
        return 100 * (after - before) / before
    return after - before


rows = []  # (measure, roi, pid, arm, measured, planted for roi, planted for the neighbour)
for path in sorted(glob.glob(out_dir + "/sub-*/sub-*_acuroi.h5")):
    with h5py.File(path, "r") as f:
        pid = "sub-" + text(f.attrs["participant"])
        pre, post = table(f["sessions/pre"]), table(f["sessions/post"])
    for measure, rois in (("alff", PLANTED + [CONTROL]), ("falff", PLANTED + [CONTROL]),
                          ("mean", PLANTED + [CONTROL]), ("fc_within_z", ["DMN"])):
        for roi in rois:
            m = measured_change(measure, pre[(measure, roi)], post[(measure, roi)])
            source = "DMN" if roi == CONTROL else roi  # visual's neighbour in the checks
            rows.append((measure, roi, pid, planted[pid]["arm"], m,
                         planted_change(pid, measure, source)))

failures = []
print("%-12s %-9s %9s %9s %7s %7s" % ("measure", "roi", "between", "planted", "z", "r"))
for measure in ("alff", "falff", "mean", "fc_within_z"):
    for roi in PLANTED + [CONTROL]:
        sel = [r for r in rows if r[0] == measure and r[1] == roi]
        if not sel:
            continue
        m = np.array([r[4] for r in sel])
        p = np.array([r[5] for r in sel])
        acu = np.array([r[3] == "acupuncture" for r in sel])
        d = m[acu].mean() - m[~acu].mean()
        se = math.sqrt(m[acu].var(ddof=1) / acu.sum() + m[~acu].var(ddof=1) / (~acu).sum())
        planted_d = p[acu].mean() - p[~acu].mean()
        r = float(np.corrcoef(m, p)[0, 1])
        if roi == CONTROL:
            planted_d = 0.0
        print("%-12s %-9s %9.4f %9.4f %7.2f %7.2f" % (measure, roi, d, planted_d, d / se, r))
        if roi == CONTROL:
            if measure != "mean" and abs(d) > 3 * se:
                failures.append("%s %s: between-arm %.4f beyond 3 SE (%.4f) of 0" % (measure, roi, d, se))
            if measure != "mean" and abs(r) >= 0.5:
                failures.append("%s %s follows the DMN's planted change (r = %.2f)" % (measure, roi, r))
        else:
            if r < R_MIN[measure]:
                failures.append("%s %s: r = %.2f < %.2f with the planted change" % (measure, roi, r, R_MIN[measure]))
            if np.sign(d) != np.sign(planted_d):
                failures.append("%s %s: between-arm %.4f has not the planted sign (%.4f)" % (measure, roi, d, planted_d))
for f in failures:
    print("FAILED:", f)
sys.exit(1 if failures else 0)
