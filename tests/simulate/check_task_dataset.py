#!/usr/bin/python3
"""Independent checks of a block-design task dataset written by `acuroi simulate --task-design block`,
with the csv module, nibabel, numpy and scipy only.

usage: check_task_dataset.py DATASET events|glm

  events  every run's events.tsv (csv module): columns, BIDS number text, onsets inside the run, block
          durations, rests within the jitter range (so no overlap), alternating conditions, both present,
          timing jittered between runs; the ground truth points at the files
  glm     (a --noise-free --fluctuation-scale 0 float32 dataset) an ROI-level GLM computed here
          recovers every planted amplitude: design = boxcar (TR/16 grid) convolved with SPM's canonical
          HRF from scipy.stats.gamma, OLS with intercept and linear drift on the ROI means (AAL resampled
          with nibabel as in check_simulated_dataset.py); PSC = beta / intercept x 100

Prints one line per check with the measured figures; exits 1 if any check fails.
"""
import csv
import json
import math
import os
import re
import sys

import nibabel as nib
import numpy as np
from nibabel.processing import resample_from_to
from scipy.stats import gamma

TEMPLATES = "/usr/share/mricron/templates"
ROIS = ["ACC", "insula", "S1", "thalamus", "DMN"]
CONDITIONS = ["pain", "touch"]
FAILURES = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message)
    if not ok:
        FAILURES.append(message)


class Dataset:
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "acuroi_ground_truth.json")) as f:
            self.truth = json.load(f)
        self.settings = self.truth["settings"]
        self.tr = self.settings["repetition_time_s"]
        self.volumes = self.settings["volumes"]
        with open(os.path.join(root, "participants.tsv"), newline="") as f:
            self.participants = list(csv.DictReader(f, delimiter="\t"))

    def runs(self):
        """(participant_id, session, run number, stem) for every run, from the layout rules."""
        for p in self.participants:
            sub = p["participant_id"]
            for ses in self.settings["sessions"]:
                for run in range(1, self.settings["runs"] + 1):
                    run_entity = "" if self.settings["runs"] == 1 else "_run-%d" % run
                    stem = "%s/ses-%s/func/%s_ses-%s_task-%s%s" % (sub, ses, sub, ses, self.settings["task"], run_entity)
                    yield sub, ses, run, stem

    def bold(self, stem):
        space = "space-%s_res-%d" % (self.settings["space"], self.settings["resolution_mm"])
        return os.path.join(self.root, "%s_%s_desc-preproc_bold.nii.gz" % (stem, space))

    def truth_run(self, sub, ses, run):
        for r in self.truth["runs"]:
            if r["participant_id"] == sub and r["session"] == ses and r["run"] == run:
                return r
        raise KeyError((sub, ses, run))

    def truth_session(self, sub, ses):
        for p in self.truth["participants"]:
            if p["participant_id"] == sub:
                return p["sessions"][ses]
        raise KeyError(sub)


def read_events(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return rows[0], rows[1:]


def check_events(d):
    design = d.settings["block_design"]
    block = design["block_duration_s"]
    rest_min, rest_max = design["rest_s"]
    run_s = d.volumes * d.tr
    number = re.compile(r"^(0|[1-9][0-9]*)(\.[0-9])?$")  # BIDS: plain decimals, 0.1 s resolution here
    timings, problems, n_blocks = [], [], []
    for sub, ses, run, stem in d.runs():
        path = os.path.join(d.root, stem + "_events.tsv")
        if not os.path.exists(path):
            problems.append("missing " + path)
            continue
        header, rows = read_events(path)
        name = "%s %s run %d" % (sub, ses, run)
        if header != ["onset", "duration", "trial_type"]:
            problems.append("%s: header %s" % (name, header))
        if d.truth_run(sub, ses, run)["events"] != os.path.relpath(path, d.root):
            problems.append("%s: ground truth names %s" % (name, d.truth_run(sub, ses, run)["events"]))
        if any(len(r) != 3 or not number.match(r[0]) or not number.match(r[1]) for r in rows):
            problems.append("%s: cells not 3 plain decimals per row: %s" % (name, rows))
            continue
        onset = np.array([float(r[0]) for r in rows])
        duration = np.array([float(r[1]) for r in rows])
        kind = [r[2] for r in rows]
        rests = np.diff(np.r_[0.0, onset]) - np.r_[0.0, duration[:-1]]
        if not (np.all(onset >= 0) and np.all(onset + duration <= run_s + 1e-9)):
            problems.append("%s: a block outside 0..%g s: %s" % (name, run_s, onset))
        if not np.all(np.abs(duration - block) < 1e-9):
            problems.append("%s: durations %s != %g" % (name, duration, block))
        if not np.all((rests >= rest_min - 1e-9) & (rests <= rest_max + 1e-9)):
            problems.append("%s: rests %s outside %g-%g s (overlap or no jitter bound)" % (name, rests, rest_min, rest_max))
        if set(kind) != set(CONDITIONS) or any(a == b for a, b in zip(kind, kind[1:])):
            problems.append("%s: conditions %s not alternating pain/touch" % (name, kind))
        # The design fills the run: no room for one more rest + block after the last block.
        if onset[-1] + duration[-1] + rest_max + block <= run_s:
            problems.append("%s: run ends with room for another block (last ends %g s)" % (name, onset[-1] + duration[-1]))
        timings.append(tuple(onset))
        n_blocks.append(len(rows))
    check(not problems, "events.tsv of %d runs: onset/duration/trial_type, onsets in 0..%g s, %g s blocks, rests %g-%g s "
          "(no overlap), pain/touch alternating, %d-%d blocks per run%s"
          % (len(timings), run_s, block, rest_min, rest_max, min(n_blocks or [0]), max(n_blocks or [0]),
             "" if not problems else ": " + "; ".join(problems[:5])))
    check(len(set(timings)) == len(timings) and len(timings) > 1,
          "block timing is jittered per run: %d distinct timings in %d runs" % (len(set(timings)), len(timings)))


def canonical_hrf(dt):
    """spm_hrf defaults: gamma(6) - gamma(16)/6 over 0..32 s at step dt, scaled to sum 1."""
    t = np.arange(int(math.ceil(32.0 / dt)) + 1) * dt
    h = gamma.pdf(t, 6) - gamma.pdf(t, 16) / 6.0
    return h / h.sum()


def design_matrix(events, volumes, tr, shift_s=0.0):
    """[x_pain, x_touch, 1, linear drift]: boxcars on the TR/16 grid convolved with the HRF, read at i x TR."""
    dt = tr / 16.0
    fine = np.arange((volumes - 1) * 16 + 1) * dt
    hrf = canonical_hrf(dt)
    columns = []
    for condition in CONDITIONS:
        box = np.zeros(len(fine))
        for onset, duration, kind in events:
            if kind == condition:
                box[(fine >= onset + shift_s) & (fine < onset + shift_s + duration)] = 1.0
        columns.append(np.convolve(box, hrf)[: len(fine)][::16])
    drift = np.arange(volumes) - (volumes - 1) / 2.0
    return np.column_stack(columns + [np.ones(volumes), drift])


def roi_means(d, stem, aal):
    bold = nib.load(d.bold(stem)).get_fdata()
    mask_path = d.bold(stem).replace("desc-preproc_bold", "desc-brain_mask")
    brain = np.asarray(nib.load(mask_path).dataobj) > 0
    masks = {r: np.zeros(brain.shape, bool) for r in ROIS}
    for region in d.truth["regions"]:
        masks[region["roi"]] |= np.isin(aal, region["aal_labels"]) & brain
    return {r: bold[masks[r]].mean(axis=0) for r in ROIS}


def psc(X, y):
    beta = np.linalg.lstsq(X, y, rcond=None)[0]
    return beta[:2] / beta[2] * 100.0


def check_glm(d):
    r = d.settings["resolution_mm"]
    affine = np.array([[-r, 0, 0, 90], [0, r, 0, -126], [0, 0, r, -72], [0, 0, 0, 1]], float)
    target = (tuple(d.truth["grid"]["dims"]), affine)
    aal = np.asarray(resample_from_to(nib.load(os.path.join(TEMPLATES, "aal.nii.gz")), target, order=0).dataobj)
    aal = aal.round().astype(int)
    worst, worst_truth_psc, worst_shifted, peak = 0.0, 0.0, np.inf, 0.0
    table = []
    for sub, ses, run, stem in d.runs():
        _, rows = read_events(os.path.join(d.root, stem + "_events.tsv"))
        events = [(float(a), float(b), c) for a, b, c in rows]
        X = design_matrix(events, d.volumes, d.tr)
        X_shifted = design_matrix(events, d.volumes, d.tr, shift_s=d.tr)  # negative control
        peak = max(peak, X[:, :2].max())
        means = roi_means(d, stem, aal)
        planted = d.truth_session(sub, ses)
        truth_psc = d.truth_run(sub, ses, run)["task_response_psc"]
        for roi in ROIS:
            shift = planted["rois"][roi]["mean_shift_percent"]
            amplitude = [planted["task_amplitude_percent"][roi][c] for c in CONDITIONS]
            # Intercept = baseline x (1 + shift / 100), so beta / intercept x 100 = amplitude / (1 + shift / 100).
            expected = np.array(amplitude) / (1.0 + shift / 100.0)
            measured = psc(X, means[roi])
            shifted = psc(X_shifted, means[roi])
            worst = max(worst, np.max(np.abs(measured - expected)))
            worst_shifted = min(worst_shifted, np.max(np.abs(shifted - expected)))
            worst_truth_psc = max(worst_truth_psc, max(abs(truth_psc[roi][c] - e) for c, e in zip(CONDITIONS, expected)))
            table.append((sub, ses, roi, amplitude[0], measured[0], amplitude[1], measured[1]))
    print("      participant session ROI       pain planted  PSC      touch planted  PSC")
    for row in table:
        print("      %-11s %-7s %-9s %+.4f       %+.4f  %+.4f        %+.4f" % row)
    # Tolerance 1e-4 PSC (1e-4 of a 1 % response). Float32 storage rounds each voxel value by <= 6e-8
    # relative, so the ROI mean and the betas are exact to ~1e-6 PSC; the HRF and boxcar follow the
    # same definition here (scipy) and in acuroi, so any real mismatch (a shifted onset, a different
    # HRF, a wrong amplitude or unit) is orders of magnitude larger: shifting the design by one TR
    # gives the error printed below.
    check(worst < 1e-4, "GLM on ROI means recovers every planted amplitude as PSC = amplitude / (1 + mean shift / 100): "
          "%d values, max |error| %.2e %% (limit 1e-4); regressor peak %.3f (plateau 1)" % (2 * len(table), worst, peak))
    check(worst_shifted > 100 * 1e-4, "negative control: the design shifted by one TR misses by >= %.3f %% (must be > 100 x limit)"
          % worst_shifted)
    check(worst_truth_psc < 1e-12, "ground truth task_response_psc == amplitude / (1 + mean shift / 100) (max diff %.1e)"
          % worst_truth_psc)
    # Participant variation is multiplicative (log-normal), so every pain amplitude keeps its nominal sign.
    nominal = d.settings["effects"]["task"]["rois"]
    signs_ok = all(np.sign(t[3]) == np.sign(nominal[t[2]]["pain_amplitude_percent"]) for t in table)
    check(signs_ok, "pain amplitudes have the nominal signs (DMN deactivates: %+.2f %% nominal)"
          % nominal["DMN"]["pain_amplitude_percent"])


def main():
    root, mode = sys.argv[1], sys.argv[2]
    d = Dataset(root)
    check(d.settings.get("task_design") == "block", "ground truth: task_design block, task %s" % d.settings["task"])
    if mode == "events":
        check_events(d)
    else:
        check_glm(d)
    print("%d check(s) failed" % len(FAILURES) if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
