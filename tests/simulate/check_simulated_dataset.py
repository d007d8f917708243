#!/usr/bin/python3
"""Independent checks of a dataset written by `acuroi simulate`, with nibabel and numpy only.

usage: check_simulated_dataset.py DATASET noisy|effects|noise-free

  noisy       layout, geometry, masks and every confound column (first two participants)
  effects     planted ALFF-like amplitude changes, DMN coherence and coupling vs the ground truth
  noise-free  exact recovery of planted amplitudes and mean shifts (a --noise-free dataset)

Everything is recomputed from the files (BOLD, masks, probsegs, confounds TSV, AAL and ch2bet
resampled here with nibabel.processing.resample_from_to, order 0) and compared with what acuroi
wrote or planted (acuroi_ground_truth.json). Prints one line per check with the measured figures;
exits 1 if any check fails.
"""
import csv
import json
import math
import os
import sys

import nibabel as nib
import numpy as np
from nibabel.processing import resample_from_to

TEMPLATES = "/usr/share/mricron/templates"
FAILURES = []


def check(ok, message):
    print(("ok    " if ok else "FAIL  ") + message)
    if not ok:
        FAILURES.append(message)


def read_tsv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header, body = rows[0], rows[1:]
    return {name: np.array([np.nan if r[i] == "n/a" else float(r[i]) for r in body])
            for i, name in enumerate(header)}, header


def expected_affine(r):
    return np.array([[-r, 0, 0, 90], [0, r, 0, -126], [0, 0, r, -72], [0, 0, 0, 1]], float)


def close(a, b, rtol=0.0, atol=0.0):
    a, b = np.asarray(a, float), np.asarray(b, float)
    both_nan = np.isnan(a) & np.isnan(b)
    return bool(np.all(both_nan | (np.abs(a - b) <= atol + rtol * np.abs(b))))


class Dataset:
    def __init__(self, root):
        self.root = root
        with open(os.path.join(root, "acuroi_ground_truth.json")) as f:
            self.truth = json.load(f)
        self.settings = self.truth["settings"]
        self.res = self.settings["resolution_mm"]
        self.tr = self.settings["repetition_time_s"]
        self.space = "space-%s_res-%d" % (self.settings["space"], self.res)
        with open(os.path.join(root, "participants.tsv"), newline="") as f:
            self.participants = list(csv.DictReader(f, delimiter="\t"))
        self.shape = tuple(self.truth["grid"]["dims"])
        self.target = (self.shape, expected_affine(self.res))
        aal = nib.load(os.path.join(TEMPLATES, "aal.nii.gz"))
        self.aal = np.asarray(resample_from_to(aal, self.target, order=0).dataobj).round().astype(int)
        brain = nib.load(os.path.join(TEMPLATES, "ch2bet.nii.gz"))
        self.template_mask = np.asarray(resample_from_to(brain, self.target, order=0).dataobj) > 0

    def func(self, sub, ses, suffix):
        runs = self.settings["runs"]
        run = "" if runs == 1 else "_run-1"
        stem = "%s/ses-%s/func/%s_ses-%s_task-%s%s" % (sub, ses, sub, ses, self.settings["task"], run)
        if suffix == "confounds":
            return os.path.join(self.root, stem + "_desc-confounds_timeseries.tsv")
        return os.path.join(self.root, stem + "_%s_%s" % (self.space, suffix))

    def anat(self, sub, suffix):
        return os.path.join(self.root, "%s/anat/%s_%s_%s" % (sub, sub, self.space, suffix))

    def region_masks(self, brain):
        masks = {}
        for region in self.truth["regions"]:
            masks[region["name"]] = np.isin(self.aal, region["aal_labels"]) & brain
        masks["DMN"] = np.zeros_like(brain)
        for region in self.truth["regions"]:
            if region["roi"] == "DMN":
                masks["DMN"] |= masks[region["name"]]
        return masks

    def sessions(self):
        return self.settings["sessions"]


def check_layout(d):
    with open(os.path.join(d.root, "dataset_description.json")) as f:
        desc = json.load(f)
    check(desc["DatasetType"] == "derivative" and desc["GeneratedBy"][0]["Name"] == "acuroi simulate"
          and desc["acuroi_simulate_seed"] == d.truth["seed"], "dataset_description.json is a BIDS derivative with the seed")
    arms = [p["arm"] for p in d.participants]
    n = d.settings["participants_per_arm"]
    check(arms.count("acupuncture") == n and arms.count("sham") == n and
          all(p["sex"] in ("M", "F") and 20 <= int(p["age"]) <= 65 for p in d.participants),
          "participants.tsv: %d per arm, sex M/F, age 20-65" % n)
    sidecar = json.load(open(d.func(d.participants[0]["participant_id"], "pre", "desc-preproc_bold.json")))
    check(sidecar["RepetitionTime"] == d.tr and sidecar["TaskName"] == d.settings["task"], "BOLD sidecar: RepetitionTime, TaskName")


def check_geometry(d, sub, expect_int16):
    bold = nib.load(d.func(sub, "pre", "desc-preproc_bold.nii.gz"))
    mask_img = nib.load(d.func(sub, "pre", "desc-brain_mask.nii.gz"))
    gm_img = nib.load(d.anat(sub, "label-GM_probseg.nii.gz"))
    ok = (bold.shape == d.shape + (d.settings["volumes"],) and np.allclose(bold.affine, expected_affine(d.res))
          and np.allclose(mask_img.affine, bold.affine) and np.allclose(gm_img.affine, bold.affine)
          and abs(bold.header.get_zooms()[3] - d.tr) < 1e-6 and int(bold.header["sform_code"]) == 4)
    check(ok, "%s: BOLD %s, LAS affine, TR %.2f s, sform MNI" % (sub, bold.shape, bold.header.get_zooms()[3]))
    dtype = bold.get_data_dtype()
    slope = bold.dataobj.slope  # nibabel moves scl_slope from the header to the array proxy
    check((dtype == np.int16 and slope == d.settings["bold_step"]) if expect_int16 else dtype == np.float32,
          "%s: BOLD stored as %s (scl_slope %s)" % (sub, dtype, slope))
    mask = np.asarray(mask_img.dataobj)
    check(mask.dtype == np.uint8 and set(np.unique(mask)) <= {0, 1}, "%s: brain mask uint8 0/1" % sub)
    brain = mask > 0
    agree = np.mean(brain == d.template_mask)
    check(np.array_equal(brain, d.template_mask),
          "%s: brain mask == ch2bet > 0 resampled by nibabel (order 0, world space): agreement %.6f, %d voxels"
          % (sub, agree, brain.sum()))
    tissues = [np.asarray(nib.load(d.anat(sub, "label-%s_probseg.nii.gz" % t)).dataobj) for t in ("GM", "WM", "CSF")]
    total = sum(t.astype(float) for t in tissues)
    check(all(t.dtype == np.float32 and t.min() >= 0 and t.max() <= 1 for t in tissues)
          and np.allclose(total[brain], 1, atol=1e-6) and np.all(total[~brain] == 0),
          "%s: GM/WM/CSF probsegs float32 in [0,1], sum 1 in the brain, 0 outside (GM mean %.3f)"
          % (sub, tissues[0][brain].mean()))
    data = bold.get_fdata()
    check(np.all(data[~brain] == 0) and np.all(data[brain].min(axis=-1) > 0), "%s: BOLD zero outside the mask, positive inside" % sub)


def nipype_dvars(mfunc):
    """nipype.algorithms.confounds.compute_dvars (remove_zerovariance) on voxels x time."""
    mfunc = mfunc / np.median(mfunc) * 1000.0
    sd = (np.percentile(mfunc, 75, axis=1, method="lower") - np.percentile(mfunc, 25, axis=1, method="lower")) / 1.349
    mfunc, sd = mfunc[sd != 0], sd[sd != 0]
    x = mfunc - mfunc.mean(axis=1, keepdims=True)
    ar1 = np.sum(x[:, :-1] * x[:, 1:], axis=1) / np.sum(x * x, axis=1)
    diff_sd_mean = (np.sqrt(2 * (1 - ar1)) * sd).mean()
    dvars = np.sqrt(np.square(np.diff(mfunc, axis=1)).mean(axis=0))
    return np.r_[np.nan, dvars], np.r_[np.nan, dvars / diff_sd_mean]


def cosine_basis(T, tr, period=128.0):
    order = max(int(np.floor(2 * T * tr / period)), 1)
    t = np.arange(T)
    return np.array([np.sqrt(2.0 / T) * np.cos(np.pi / T * (t + 0.5) * k) for k in range(1, order)]).T.reshape(T, order - 1)


def numpy_compcor(series, tr, count=6):
    """nipype CompCor (cosine pre-filter, 128 s): voxels x time -> time x components."""
    T = series.shape[1]
    X = np.column_stack([cosine_basis(T, tr), np.ones(T)])
    beta = np.linalg.lstsq(X, series.T, rcond=None)[0]
    M = series.T - X @ beta
    sd = M.std(axis=0)
    sd[sd == 0] = 1
    u, _, _ = np.linalg.svd(M / sd, full_matrices=False)
    return u[:, :count]


def check_confounds(d, sub, ses):
    bold = nib.load(d.func(sub, ses, "desc-preproc_bold.nii.gz")).get_fdata()
    brain = np.asarray(nib.load(d.func(sub, ses, "desc-brain_mask.nii.gz")).dataobj) > 0
    conf, header = read_tsv(d.func(sub, ses, "confounds"))
    T = bold.shape[3]
    motion = np.column_stack([conf[c] for c in ("trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z")])
    delta = np.abs(np.diff(motion, axis=0))
    fd = np.r_[np.nan, delta[:, :3].sum(axis=1) + 50.0 * delta[:, 3:].sum(axis=1)]
    check(close(conf["framewise_displacement"], fd, atol=1e-6),
          "%s %s: framewise_displacement == Power FD from the motion columns (max %.3f mm)" % (sub, ses, np.nanmax(fd)))
    gs = bold[brain].mean(axis=0)
    err = np.max(np.abs(conf["global_signal"] - gs) / gs)
    check(err < 1e-7, "%s %s: global_signal == in-mask mean of the BOLD (max rel diff %.1e; written with 8 digits)" % (sub, ses, err))
    wm = np.asarray(nib.load(d.anat(sub, "label-WM_probseg.nii.gz")).dataobj)
    csf = np.asarray(nib.load(d.anat(sub, "label-CSF_probseg.nii.gz")).dataobj)
    signal = d.settings["signal"]
    wm_mask = brain & (wm >= np.float32(signal["wm_mask_threshold"]))
    csf_mask = brain & (csf >= np.float32(signal["csf_mask_threshold"]))
    ok = close(conf["white_matter"], bold[wm_mask].mean(axis=0), rtol=1e-6) and close(conf["csf"], bold[csf_mask].mean(axis=0), rtol=1e-6)
    check(ok, "%s %s: white_matter / csf == means of WM >= %.2f (%d voxels) / CSF >= %.2f (%d voxels)"
          % (sub, ses, signal["wm_mask_threshold"], wm_mask.sum(), signal["csf_mask_threshold"], csf_mask.sum()))
    ok = True
    for name in ("global_signal", "csf", "white_matter", "trans_x", "rot_z"):
        x = conf[name]
        dx = np.r_[np.nan, np.diff(x)]
        # Written with 8 significant digits: relative error <= 5e-8.
        ok &= close(conf[name + "_derivative1"], dx, rtol=1e-7) and close(conf[name + "_power2"], x * x, rtol=1e-7)
        ok &= close(conf[name + "_derivative1_power2"], dx * dx, rtol=1e-7)
    check(ok, "%s %s: _derivative1 (row 0 n/a), _power2, _derivative1_power2" % (sub, ses))
    dvars, std_dvars = nipype_dvars(bold[brain])
    check(close(conf["dvars"], dvars, rtol=1e-6) and close(conf["std_dvars"], std_dvars, rtol=1e-6),
          "%s %s: dvars / std_dvars == nipype compute_dvars in numpy (median std_dvars %.3f)" % (sub, ses, np.nanmedian(std_dvars)))
    cos_cols = sorted(c for c in header if c.startswith("cosine"))
    basis = cosine_basis(T, d.tr)
    check(len(cos_cols) == basis.shape[1] and all(close(conf[c], basis[:, k], rtol=1e-7, atol=1e-12) for k, c in enumerate(cos_cols)),
          "%s %s: %d cosine regressors == nipype _cosine_drift (128 s)" % (sub, ses, len(cos_cols)))
    ours = np.column_stack([conf["a_comp_cor_%02d" % k] for k in range(6)])
    ref = numpy_compcor(bold[wm_mask | csf_mask], d.tr)
    # Each of our components must lie in numpy's 6-component subspace (signs/ordering of nearly tied
    # components may differ); the first one must match numpy's first up to sign.
    r2 = np.sum((ref.T @ ours) ** 2, axis=0)
    first = abs(float(ref[:, 0] @ ours[:, 0]))
    check(first > 0.9999 and np.all(r2[:3] > 0.999) and np.all(r2 > 0.95),
          "%s %s: a_comp_cor_00..05 == numpy SVD (|<c0, ref0>| %.6f, R^2 in ref subspace %s)"
          % (sub, ses, first, np.array2string(r2, precision=4)))


def band_amplitude(series, tr, low=0.01, high=0.08):
    """sqrt of the periodogram power in [low, high] Hz of the demeaned series (in the series' units:
    for a sum of in-band sinusoids it equals their SD)."""
    x = series - series.mean()
    freqs = np.fft.rfftfreq(len(x), tr)
    power = np.abs(np.fft.rfft(x)) ** 2
    band = (freqs >= low - 1e-9) & (freqs <= high + 1e-9)
    return math.sqrt(2 * power[band].sum()) / len(x)


def roi_series(d, sub, ses, names):
    img = nib.load(d.func(sub, ses, "desc-preproc_bold.nii.gz"))
    bold = img.get_fdata()
    brain = np.asarray(nib.load(d.func(sub, ses, "desc-brain_mask.nii.gz")).dataobj) > 0
    masks = d.region_masks(brain)
    return {n: bold[masks[n]].mean(axis=0) for n in names}


def realised_amplitude(d, sub, ses, roi):
    """The planted signal's SD in the ROI mean for this run (acuroi_ground_truth.json, runs[])."""
    for run in d.truth["runs"]:
        if run["participant_id"] == sub and run["session"] == ses and run["run"] == 1:
            return run["roi_fluctuation_sd_percent"][roi]
    raise KeyError((sub, ses))


ROIS = ["ACC", "insula", "S1", "thalamus", "DMN"]
DMN_PARTS = ["DMN_mPFC", "DMN_PCC", "DMN_precuneus", "DMN_angular"]


def check_alff_and_fc(d):
    """ALFF-like band amplitude of each ROI mean (numpy periodogram, 0.01-0.08 Hz, % of the ROI's
    mean), post vs pre, against the planted values; DMN coherence from the ROI means."""
    rows, within, between = [], [], []
    for p in d.participants:
        sub = p["participant_id"]
        series = {}
        for ses in d.sessions():
            series[ses] = roi_series(d, sub, ses, ROIS + DMN_PARTS)
            parts = np.array([series[ses][n] for n in DMN_PARTS])
            r = np.corrcoef(np.vstack([parts, series[ses]["S1"]]))
            within.append(r[:4, :4][np.triu_indices(4, 1)].mean())
            between.append(r[:4, 4].mean())
        for roi in ROIS:
            amp = {ses: band_amplitude(series[ses][roi], d.tr) / series[ses][roi].mean() for ses in d.sessions()}
            measured = math.log(amp["post"] / amp["pre"])
            planted = math.log(realised_amplitude(d, sub, "post", roi) / realised_amplitude(d, sub, "pre", roi))
            rows.append((sub, p["arm"], roi, measured, planted))
    print("      participant arm          ROI       measured log(post/pre)  planted")
    for r in rows:
        print("      %-11s %-12s %-9s %+.3f                   %+.3f" % r)
    measured, planted = np.array([r[3] for r in rows]), np.array([r[4] for r in rows])
    errors = measured - planted
    corr = np.corrcoef(measured, planted)[0, 1]
    slope = np.polyfit(planted, measured, 1)[0]
    # Tolerances. The ROI mean also carries the global signal (0.3 %), drift, CSF pulsation, motion
    # artefacts and averaged voxel noise: ~0.3 % of band amplitude against planted 0.8-1.5 %. With
    # random phases their cross terms with the planted fluctuation move one band amplitude by
    # ~5-10 %, so one measured log ratio has an error SD of ~0.1 (8 mm, 200 volumes, seeds 1-6:
    # RMS 0.066-0.105, r 0.89-0.96, slope 0.79-0.93). The planted log ratios spread with SD ~0.2
    # (individual changes + arm effects), so the slope is near 1, attenuated by the nuisance share;
    # data whose changes were not planted (or were inverted) give r ~0 (r < 0).
    check(corr > 0.6 and 0.5 < slope < 1.3 and np.sqrt(np.mean(errors ** 2)) < 0.2,
          "measured vs planted log(post/pre) amplitude, %d participant x ROI pairs: r %.3f, slope %.3f, RMS error %.3f"
          " (limits r > 0.6, slope 0.5-1.3, RMS < 0.2)" % (len(rows), corr, slope, np.sqrt(np.mean(errors ** 2))))
    effects = d.truth["roi_effects"]
    for roi in ROIS:
        acu = np.mean([r[3] for r in rows if r[1] == "acupuncture" and r[2] == roi])
        acu_planted = np.mean([r[4] for r in rows if r[1] == "acupuncture" and r[2] == roi])
        sham = np.mean([r[3] for r in rows if r[1] == "sham" and r[2] == roi])
        expected = effects[roi]["amplitude_log_ratio"]["acupuncture"]
        expected_sham = effects[roi]["amplitude_log_ratio"]["sham"]
        n = d.settings["participants_per_arm"]
        # An arm mean of n log ratios: error SD ~0.1 / sqrt(n) = 0.04 for n = 6; limit 0.15. Sham: no
        # change beyond its small placebo share (15 % of the acupuncture effect) plus individual
        # changes (SD 0.1 / sqrt(n)), so it must stay below the acupuncture change. A study planted
        # with --effect-scale 0 fails these checks for every ROI (seed 1).
        check(np.sign(acu) == np.sign(expected) and abs(acu - acu_planted) < 0.15
              and abs(sham - expected_sham) < 0.15 and abs(sham) < abs(acu),
              "%-8s log(post/pre): acupuncture mean %+.3f (planted %+.3f, arm effect %+.3f); sham mean %+.3f (arm effect %+.3f)"
              % (roi, acu, acu_planted, expected, sham, expected_sham))
    within, between = np.array(within), np.array(between)
    check(within.mean() > between.mean() + 0.2 and np.mean(within > between) >= 0.9,
          "DMN parts correlate more with each other (mean r %.3f) than with S1 (mean r %.3f); higher in %d of %d runs"
          % (within.mean(), between.mean(), np.sum(within > between), len(within)))
    # Coupling change: within-DMN correlation post - pre follows the planted coupling change.
    dr, dc = [], []
    for k, p in enumerate(d.participants):
        truth = d.truth["participants"][k]["sessions"]
        dr.append(within[2 * k + 1] - within[2 * k])
        dc.append(truth["post"]["dmn_coupling"] - truth["pre"]["dmn_coupling"])
    acu = [k for k, p in enumerate(d.participants) if p["arm"] == "acupuncture"]
    sham = [k for k, p in enumerate(d.participants) if p["arm"] == "sham"]
    check(np.mean(np.array(dr)[acu]) > np.mean(np.array(dr)[sham]) and np.corrcoef(dr, dc)[0, 1] > 0.3,
          "within-DMN correlation change post - pre: acupuncture %+.3f, sham %+.3f (planted coupling change %+.3f / %+.3f; r with planted %.2f)"
          % (np.mean(np.array(dr)[acu]), np.mean(np.array(dr)[sham]), np.mean(np.array(dc)[acu]), np.mean(np.array(dc)[sham]),
             np.corrcoef(dr, dc)[0, 1]))


def check_noise_free(d):
    """No noise, drift, global signal, gain or artefacts: the ROI mean is mean(B) (1 + (mu + a f(t)) / 100)."""
    worst_amp, worst_mean, worst_band = 0.0, 0.0, 0.0
    for i, p in enumerate(d.participants):
        series = {ses: roi_series(d, p["participant_id"], ses, ROIS[:4]) for ses in d.sessions()}
        for roi in ROIS[:4]:
            level = {}
            for ses in d.sessions():
                x = series[ses][roi]
                planted = d.truth["participants"][i]["sessions"][ses]["rois"][roi]
                # mean(x) = B (1 + mu/100), sd(x) = B a / 100  =>  a = 100 sd / mean * (1 + mu/100)
                amp = 100 * x.std() / x.mean() * (1 + planted["mean_shift_percent"] / 100)
                worst_amp = max(worst_amp, abs(amp / planted["amplitude_percent"] - 1))
                worst_band = max(worst_band, abs(band_amplitude(x, d.tr) / x.std() - 1))
                level[ses] = x.mean() / (1 + planted["mean_shift_percent"] / 100)
            worst_mean = max(worst_mean, abs(level["post"] / level["pre"] - 1))
    check(worst_amp < 1e-5, "noise-free: ROI fluctuation SD == planted amplitude (max rel error %.1e)" % worst_amp)
    check(worst_mean < 1e-5, "noise-free: ROI mean levels differ by exactly the planted mean shifts (max rel error %.1e)" % worst_mean)
    check(worst_band < 1e-5, "noise-free: all fluctuation power lies in 0.01-0.08 Hz (max rel deviation %.1e)" % worst_band)


def main():
    root, mode = sys.argv[1], sys.argv[2]
    d = Dataset(root)
    check_layout(d)
    first = d.participants[0]["participant_id"]
    check_geometry(d, first, expect_int16=(d.settings["bold_storage"] == "int16"))
    if mode == "noisy":
        for p in d.participants[:2]:
            for ses in d.sessions():
                check_confounds(d, p["participant_id"], ses)
    elif mode == "effects":
        check_alff_and_fc(d)
    else:
        check_noise_free(d)
    print("%d check(s) failed" % len(FAILURES) if FAILURES else "all checks passed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
