"""Independent end-to-end check of the measures in an acuroi participant file.

Recomputes, with nibabel + numpy + scipy (+ statsmodels when installed) on the SAME input files,
every run's censoring, denoised ROI series, signal statistics, FC, ALFF/fALFF/mALFF, ReHo and
task GLM, the session combination of the runs and the grey-matter rows, and compares them with
what `acuroi participant` wrote. Shares no code with acuroi; definitions as in the headers of
modules/denoise and modules/measures (and the references in tests/denoise, tests/measures).

usage: check_measures.py DATASET FILE.h5 [FILE.h5 ...] --roi NAME=labels:A,B --roi NAME=union:X,Y
           --roi NAME=sphere:x,y,z,r ... [config values, see --help]
Prints the largest relative difference per quantity; exits 1 with a message at the first
mismatch.
"""
import argparse
import functools
import glob
import math
import os
import sys

import h5py
import nibabel as nib
import numpy as np
from scipy import signal
from scipy.stats import gamma, rankdata

MOTION = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]
EXPANSIONS = ["", "_derivative1", "_power2", "_derivative1_power2"]
NAN = float("nan")
FORCE_NUMPY_GLM = "--numpy-glm" in sys.argv

# Per quantity (relative tolerance, floor): |got - expected| <= rel * max(|expected|, floor), or
# rel * an explicit scale (denoised series: the column's largest |value|; spectra: their peak).
# Closed forms in double: 1e-8 and tighter; float32 voxel data (ALFF, ReHo, GM): 1e-6.
TOLERANCES = {
    "roi series": (1e-9, 1.0), "fd": (1e-12, 1.0), "denoised series": (1e-8, None),
    "band-stop": (1e-9, None), "band leakage": (1e-4, None),
    "mean": (1e-10, 1.0), "sd": (1e-8, 1e-3), "tsnr": (1e-8, 1e-3),
    "fc_r": (1e-8, 1.0), "fc_z": (1e-8, 1.0), "fc_within_z": (1e-8, 1.0), "fc_partial": (1e-7, 1.0),
    "alff": (1e-6, 1e-3), "falff": (1e-6, 1e-3), "malff": (1e-6, 1e-3), "reho": (1e-6, 1e-3),
    "gm": (1e-6, 1e-6), "task": (1e-7, 1e-3),
}


@functools.lru_cache(maxsize=None)
def statsmodels_ols():
    """statsmodels' OLS when installed (imported only for the task GLM: it is slow to import)."""
    if FORCE_NUMPY_GLM:
        return None
    try:
        from statsmodels.regression.linear_model import OLS
        return OLS
    except ImportError:  # numpy fallback in ols()
        return None


class Mismatch(Exception):
    pass


class Comparer:
    """Largest relative difference per quantity; raises Mismatch beyond its tolerance."""

    def __init__(self):
        self.worst = {}

    def values(self, quantity, got, expected, where, scale=None):
        got = np.atleast_1d(np.asarray(got, dtype=float))
        expected = np.atleast_1d(np.asarray(expected, dtype=float))
        if got.shape != expected.shape:
            raise Mismatch(f"{where}: {quantity} shape {got.shape} != expected {expected.shape}")
        nan_got, nan_exp = ~np.isfinite(got), ~np.isfinite(expected)
        infinite = np.isinf(got) | np.isinf(expected)
        differ = (nan_got != nan_exp) | (infinite & (got != expected))
        if np.any(differ):
            i = np.flatnonzero(differ)[0]
            raise Mismatch(f"{where}: {quantity}[{i}] = {got.flat[i]}, expected {expected.flat[i]}")
        rel, floor = TOLERANCES[quantity]
        ok = ~nan_exp
        if not ok.any():
            return
        if scale is None:
            scale = np.maximum(np.abs(expected[ok]), floor if floor is not None else 0.0)
        diff = np.abs(got[ok] - expected[ok]) / scale
        worst = float(np.max(diff))
        self.worst[quantity] = max(self.worst.get(quantity, 0.0), worst)
        if not worst <= rel:
            i = int(np.argmax(diff))
            raise Mismatch(f"{where}: {quantity} got {got[ok][i]!r}, expected {expected[ok][i]!r}"
                           f" (relative difference {worst:.3g} > {rel:g})")

    def report(self):
        for key in sorted(self.worst):
            print(f"  {key:16s} max relative difference {self.worst[key]:.3g}"
                  f" (tolerance {TOLERANCES[key][0]:g})")


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


# ---------------------------------------------------------------- inputs ----------------------

def read_tsv(path):
    with open(path) as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    return rows[0], rows[1:]


def numeric_column(header, rows, name):
    i = header.index(name)
    return np.array([NAN if r[i] in ("n/a", "") else float(r[i]) for r in rows])


def confound(header, rows, name):
    """fMRIPrep column (leading n/a -> 0) or its expansion computed from the base column."""
    if name in header:
        x = numeric_column(header, rows, name)
        x[np.cumsum(np.isfinite(x)) == 0] = 0.0
        return x
    for suffix in ["_derivative1_power2", "_power2", "_derivative1"]:
        if name.endswith(suffix):
            base = confound(header, rows, name[: -len(suffix)])
            d = np.concatenate([[0.0], np.diff(base)])
            return {"_derivative1": d, "_power2": base ** 2, "_derivative1_power2": d ** 2}[suffix]
    raise Mismatch(f"confounds have no column {name}")


def confound_names(strategy):
    if strategy == "6P":
        return list(MOTION)
    if strategy == "24P":
        return [m + s for s in EXPANSIONS for m in MOTION]
    raise SystemExit(f"check_measures.py: strategy {strategy} not supported by this check")


class RoiSet:
    """ROI voxel masks on any grid: AAL labels by world-space nearest neighbour, spheres by world
    distance of voxel centres, unions of other ROIs."""

    def __init__(self, specs, atlas_path, table_path):
        self.specs = specs  # [(name, kind, values)]
        self.atlas = nib.load(atlas_path)
        self.atlas_data = np.asarray(self.atlas.dataobj)
        self.label_values = {}
        for line in open(table_path):
            parts = line.split()
            if len(parts) >= 2:
                self.label_values[parts[1]] = int(parts[0])
        self.names = [s[0] for s in specs]

    def union_members(self):
        return [[self.names.index(m) for m in values] if kind == "union" else []
                for _, kind, values in self.specs]

    def masks(self, shape, affine):
        ijk = np.indices(shape).reshape(3, -1)
        world = affine[:3, :3] @ ijk + affine[:3, 3:4]
        inv = np.linalg.inv(self.atlas.affine)
        src = np.rint(inv[:3, :3] @ world + inv[:3, 3:4]).astype(int)
        inside = np.all((src >= 0) & (src < np.array(self.atlas_data.shape)[:, None]), axis=0)
        labels = np.zeros(ijk.shape[1], dtype=np.int64)
        labels[inside] = self.atlas_data[src[0, inside], src[1, inside], src[2, inside]]
        labels = labels.reshape(shape)
        out = {}
        for name, kind, values in self.specs:
            if kind == "labels":
                out[name] = np.isin(labels, [self.label_values[v] for v in values])
            elif kind == "sphere":
                centre, radius = np.array(values[:3])[:, None], values[3]
                out[name] = (np.sum((world - centre) ** 2, axis=0) <= radius ** 2).reshape(shape)
        for name, kind, values in self.specs:
            if kind == "union":
                out[name] = np.any([out[v] for v in values], axis=0)
        return [out[n] for n in self.names]


# ---------------------------------------------------------------- denoising -------------------

def censor(header, rows, tr, args):
    """Kept mask, FD as used, counts and the exclusion (None or a phrase the reason must hold)."""
    n = len(rows)
    if "framewise_displacement" in header:
        fd = numeric_column(header, rows, "framewise_displacement")
    else:  # Power et al. 2012: rotations in radians on a 50 mm sphere
        motion = np.column_stack([confound(header, rows, m) for m in MOTION])
        step = np.abs(np.diff(motion, axis=0))
        step[:, 3:] *= 50.0
        fd = np.concatenate([[0.0], step.sum(axis=1)])
    if args.dummy >= 0:
        dummy = np.arange(n) < args.dummy
    else:
        dummy = np.zeros(n, bool)
        for c in header:
            if c.startswith("non_steady_state_outlier"):
                dummy |= numeric_column(header, rows, c) == 1.0
    outlier = np.nan_to_num(fd, nan=0.0) > args.fd_threshold
    if args.dvars_threshold > 0:
        outlier |= np.nan_to_num(numeric_column(header, rows, "std_dvars"), nan=0.0) > args.dvars_threshold
    outlier &= ~dummy
    kept = ~(dummy | outlier)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], kept.astype(int), [0]])))
    short = 0
    for start, stop in zip(edges[::2], edges[1::2]):
        if stop - start < args.min_segment:
            kept[start:stop] = False
            short += stop - start
    k = int(kept.sum())
    exclusion = None
    if k == 0:
        exclusion = f"all {n} volumes censored"
    elif k * tr < args.min_time:
        exclusion = f"only {k} of {n} volumes"
    counts = {"dummy_volumes": int(dummy.sum()), "motion_outlier_volumes": int(outlier.sum()),
              "short_segment_volumes": short}
    return kept, np.nan_to_num(fd, nan=0.0), counts, exclusion


def denoise_design(conf, tr, args, band_stop):
    n = conf.shape[0]
    t = np.arange(n)
    scaled = 2.0 * t / (n - 1) - 1.0
    columns = [scaled ** p for p in range(args.poly_order + 1)] + list(conf.T)
    if band_stop:
        for k in range(1, n):
            f = k / (2.0 * n * tr)
            if (args.high_pass > 0 and f < args.high_pass) or (args.low_pass > 0 and f > args.low_pass):
                columns.append(np.cos(np.pi * k * (t + 0.5) / n))
    return np.column_stack(columns)


def residuals(y, design, kept):
    """lstsq residuals on the kept rows (kept x columns of y), and the residual dof."""
    beta, *_ = np.linalg.lstsq(design[kept], y[kept], rcond=None)
    return y[kept] - design[kept] @ beta, int(kept.sum()) - np.linalg.matrix_rank(design[kept])


def stopped_bins(n, tr, args):
    f = np.arange(n) / (2.0 * n * tr)
    stop = np.zeros(n, bool)
    if args.high_pass > 0:
        stop |= f < args.high_pass
    if args.low_pass > 0:
        stop |= f > args.low_pass
    stop[0] = False
    return stop


def check_band_stop(cmp, series, tr, args, where):
    """The residual (0 at censored rows) mirrored to length 2T: its rfft at bin k is the DCT-II
    coefficient k (frequency k / (2 T TR)); every stopped one must vanish (exactly: the residual
    is orthogonal to the stopped cosines). Returns True when the run had no censored volume and
    its plain spectrum was checked too: the passed DCT cosines of odd k are not periodic in T,
    so an unwindowed rfft leaks out of the band (up to 8% of the power here); with a Hann window
    and a guard of 2 bins at each band edge the share of the non-DC power outside the band must
    be below 1e-4 (filtered series: < 1e-5; the raw simulated series: 3e-3 to 1e-2)."""
    uncensored = bool(np.all(np.isfinite(series)))
    if uncensored:
        n = series.shape[0]
        power = np.abs(np.fft.rfft(series * np.hanning(n)[:, None], axis=0)) ** 2
        f, guard = np.fft.rfftfreq(n, d=tr), 2.0 / (n * tr)
        outside = np.zeros(f.size, bool)
        if args.high_pass > 0:
            outside |= f < args.high_pass - guard
        if args.low_pass > 0:
            outside |= f > args.low_pass + guard
        outside[0] = False
        share = power[outside].sum(axis=0) / power[1:].sum(axis=0)
        cmp.values("band leakage", share, np.zeros_like(share), where + " out-of-band power share", scale=1.0)
    zero_filled = np.nan_to_num(series, nan=0.0)
    spectrum = np.abs(np.fft.rfft(np.concatenate([zero_filled, zero_filled[::-1]]), axis=0))
    n = series.shape[0]
    stop = stopped_bins(n, tr, args)
    scale = np.max(spectrum[1:n], axis=0)
    for r in range(series.shape[1]):
        if np.isfinite(scale[r]) and scale[r] > 0 and stop.any():
            cmp.values("band-stop", spectrum[:n][stop, r], np.zeros(stop.sum()), f"{where} column {r}",
                       scale=scale[r])
    return uncensored


# ---------------------------------------------------------------- measures --------------------

def alff_of(voxels, tr, band):
    """XCP-D ALFF (x 2, half-open band), C-PAC fALFF, per voxel (columns); mean over voxels
    (fALFF over the non-constant ones)."""
    if voxels.shape[1] == 0:
        return NAN, NAN
    f, p = signal.periodogram(voxels, fs=1.0 / tr, window="boxcar", scaling="spectrum",
                              detrend="constant", axis=0)
    a = np.sqrt(p)
    lo, hi = np.argmin(np.abs(f - band[0])), np.argmin(np.abs(f - band[1]))
    constant = np.std(voxels, axis=0) == 0
    alff = np.where(constant, 0.0, 2.0 * np.mean(a[lo:hi], axis=0))
    with np.errstate(invalid="ignore", divide="ignore"):
        falff = np.where(constant, NAN, np.sum(a[lo:hi], axis=0) / np.sum(a[1:], axis=0))
    return float(np.mean(alff)), float(np.nanmean(falff)) if np.isfinite(falff).any() else NAN


def unfiltered_voxels(voxels, conf, tr, kept, args):
    res, _ = residuals(voxels, denoise_design(conf, tr, args, False), kept)
    t = np.arange(voxels.shape[0], dtype=float)
    idx = np.flatnonzero(kept).astype(float)
    return np.column_stack([np.interp(t, idx, res[:, v]) for v in range(res.shape[1])])


def reho_of(series, coords, size):
    """Tie-corrected Kendall W over the 7/19/27-neighbourhood within the ROI, mean over voxels."""
    n = series.shape[0]
    ranks = rankdata(series, axis=0)
    ties = np.zeros(series.shape[1])
    for v in range(series.shape[1]):
        _, counts = np.unique(series[:, v], return_counts=True)
        ties[v] = np.sum(counts.astype(float) ** 3 - counts)
    values = []
    for v, c in enumerate(coords):
        d = np.abs(coords - c)
        near = d.max(axis=1) <= 1
        if size == 7:
            near &= d.sum(axis=1) <= 1
        elif size == 19:
            near &= d.sum(axis=1) <= 2
        m = int(near.sum())
        if m < 2:
            continue
        row_sums = ranks[:, near].sum(axis=1)
        s = np.sum((row_sums - m * (n + 1) / 2.0) ** 2)
        denominator = m * m * (n ** 3 - n) - m * ties[near].sum()
        if denominator > 0:
            values.append(12.0 * s / denominator)
    return float(np.mean(values)) if values else NAN


def spm_hrf(dt, shift=0.0):
    t = np.arange(int(math.ceil(32.0 / dt)) + 1) * dt - shift
    h = gamma.pdf(t, 6) - gamma.pdf(t, 16) / 6.0
    return h / h.sum()


def task_design(events_path, n, tr, conf, args):
    header, rows = read_tsv(events_path)
    onset, duration, kind = (header.index(c) for c in ("onset", "duration", "trial_type"))
    dt = tr / 16
    run_end = n * tr
    grid = np.arange(int(math.ceil(run_end / dt)) + 1) * dt
    events = [(float(r[onset]), float(r[duration]), r[kind]) for r in rows if r[kind] != "n/a"]
    conditions = []
    for o, _, c in events:
        if o < run_end and c not in conditions:
            conditions.append(c)
    columns = []
    for cond in conditions:
        box = np.zeros(grid.size)
        for o, d, c in events:
            if c == cond and o < run_end:
                inside = (grid >= o) & (grid < o + d)
                if not inside.any():
                    inside[np.argmax(grid >= o)] = True
                box[inside] += 1.0
        columns.append(np.convolve(box, spm_hrf(dt))[: grid.size][np.arange(n) * 16])
    i = np.arange(n)
    for k in range(1, int(np.floor(2 * n * tr / args.task_high_pass_seconds)) + 1):
        columns.append(np.sqrt(2.0 / n) * np.cos(np.pi * k * (i + 0.5) / n))
    columns += list(conf.T) + [np.ones(n)]
    dropped = sum(1 for o, _, _ in events if o >= run_end)
    return np.column_stack(columns), conditions, dropped


def ols(y, x):
    """beta, covariance of beta, residuals: statsmodels OLS when installed, else numpy."""
    if statsmodels_ols() is not None:
        fit = statsmodels_ols()(y, x).fit()
        return fit.params, fit.cov_params(), fit.resid
    beta = np.linalg.pinv(x) @ y
    resid = y - x @ beta
    sigma2 = resid @ resid / (x.shape[0] - np.linalg.matrix_rank(x))
    return beta, sigma2 * np.linalg.pinv(x.T @ x), resid


def task_rows(y, design, conditions, kept, args):
    """Rows of one ROI and the AR(1) coefficient (NaN for OLS)."""
    x, yk = design[kept], y[kept]
    beta, cov, resid = ols(yk, x)
    rho = NAN
    if args.task_noise_model == "ar1":  # Yule-Walker rho of the OLS residuals, Prais-Winsten
        rho = float(resid[1:] @ resid[:-1] / (resid @ resid))

        def whiten(m):
            w = m.copy()
            w[0] = np.sqrt(1.0 - rho ** 2) * m[0]
            w[1:] = m[1:] - rho * m[:-1]
            return w
        beta, cov, _ = ols(whiten(yk), whiten(x))
    out = {}
    for c, name in enumerate(conditions):
        se = math.sqrt(cov[c, c])
        baseline = beta[-1]
        psc = 100.0 * beta[c] * design[:, c].max() / baseline if baseline > 0 else NAN
        out.update({f"task_beta.{name}": beta[c], f"task_se.{name}": se,
                    f"task_t.{name}": beta[c] / se, f"task_psc.{name}": psc})
    for expression in args.contrast:
        weights = np.zeros(design.shape[1])
        for term in expression.replace("-", "+-").split("+"):
            term = term.strip()
            if term:
                sign = -1.0 if term.startswith("-") else 1.0
                weights[conditions.index(term.lstrip("- ").strip())] += sign
        est, se = float(weights @ beta), float(np.sqrt(weights @ cov @ weights))
        out.update({f"task_contrast.{expression}": est, f"task_contrast_se.{expression}": se,
                    f"task_contrast_t.{expression}": est / se})
    return out, rho


# ---------------------------------------------------------------- one run ---------------------

def run_files(dataset, participant, session, task, run):
    stem = f"sub-{participant}_ses-{session}_task-{task}" + (f"_run-{run}" if run else "")
    folder = os.path.join(dataset, f"sub-{participant}", f"ses-{session}", "func")

    def one(pattern, required=True):
        found = sorted(glob.glob(os.path.join(folder, stem + pattern)))
        if required and len(found) != 1:
            raise Mismatch(f"{folder}: expected one {stem}{pattern}, found {found}")
        return found[0] if found else None
    return {"bold": one("_space-*_desc-preproc_bold.nii*"),
            "mask": one("_space-*_desc-brain_mask.nii*"),
            "confounds": one("_desc-confounds_timeseries.tsv"),
            "events": one("_events.tsv", required=False)}


def sidecar_tr(bold_path, header_tr):
    import json
    sidecar = bold_path.split(".nii")[0] + ".json"
    if os.path.exists(sidecar):
        return float(json.load(open(sidecar)).get("RepetitionTime", header_tr))
    return header_tr


class Run:
    """Everything recomputed for one run; `rows` maps (measure, roi) -> (value, status phrase)."""

    def __init__(self, files, rois, args):
        bold = nib.load(files["bold"])
        data = bold.get_fdata(dtype=np.float64)
        self.n = data.shape[3]
        self.tr = sidecar_tr(files["bold"], float(bold.header["pixdim"][4]))
        self.shape = data.shape[:3]
        mask = np.asarray(nib.load(files["mask"]).dataobj)
        in_mask = np.isfinite(mask) & (mask != 0)
        usable = in_mask & np.all(np.isfinite(data), axis=3)
        self.names = rois.names
        self.voxels, self.coords, self.status = [], [], []
        self.raw = np.full((self.n, len(rois.names)), NAN)
        for r, roi in enumerate(rois.masks(self.shape, bold.affine)):
            chosen = roi & usable
            count, used = int(roi.sum()), int(chosen.sum())
            self.status.append("no voxels on this grid" if count == 0 else
                               "no voxel inside the brain mask" if used == 0 else
                               f"coverage {used / count:.3g} < min_coverage {args.min_coverage:g}"
                               if used / count < args.min_coverage else "")
            # Voxel columns in NIfTI linear order i + nx (j + ny k), as acuroi keeps them.
            ijk = np.array(np.nonzero(chosen)).T
            ijk = ijk[np.lexsort((ijk[:, 0], ijk[:, 1], ijk[:, 2]))]
            self.coords.append(ijk)
            self.voxels.append(data[ijk[:, 0], ijk[:, 1], ijk[:, 2], :].T.copy())
            if not self.status[-1]:
                self.raw[:, r] = self.voxels[-1].mean(axis=1)
        sample = in_mask.copy()
        sample[1::2, :, :] = sample[:, 1::2, :] = sample[:, :, 1::2] = False
        sample &= usable
        self.brain_sample = data[sample].T.copy()
        header, rows = read_tsv(files["confounds"])
        if len(rows) != self.n:
            raise Mismatch(f"{files['confounds']}: {len(rows)} rows for {self.n} volumes")
        self.confound_names = confound_names(args.strategy)
        self.conf = np.column_stack([confound(header, rows, c) for c in self.confound_names])
        self.inputs = {"Power FD": "framewise_displacement" not in header,
                       "computed expansions": any(c not in header for c in self.confound_names)}
        self.kept, self.fd, self.counts, self.exclusion = censor(header, rows, self.tr, args)
        self.volumes_kept = 0 if self.exclusion else int(self.kept.sum())
        self.denoised, self.filter_reason = None, self.exclusion
        if not self.exclusion:
            design = denoise_design(self.conf, self.tr, args, True)
            res, self.residual_dof = residuals(self.raw, design, self.kept)
            if self.residual_dof <= 0:
                self.filter_reason = "no residual degrees of freedom"
            else:
                self.denoised = np.full_like(self.raw, NAN)
                self.denoised[self.kept] = res
        self.events = files["events"]
        self.rows = {}
        self.fc_z = None
        self.measure(rois, args)

    def add(self, measure, roi, value, status="", r=None):
        if self.exclusion:
            value, status = NAN, "run excluded: " + self.exclusion
        elif r is not None and self.status[r]:
            value, status = NAN, self.status[r]
        self.rows[(measure, roi)] = (float(value), status)

    def measure(self, rois, args):
        R, kept = len(self.names), self.kept
        if not self.exclusion:
            x = self.raw[kept]
            mean, sd = x.mean(axis=0), x.std(axis=0, ddof=args.sd_ddof)
        else:
            mean = sd = np.full(R, NAN)
        for name, values in (("mean", mean), ("sd", sd), ("tsnr", mean / sd)):
            if name in args.measures:
                for r in range(R):
                    self.add(name, self.names[r], values[r], r=r)
        if {"alff", "falff", "malff"} & set(args.measures):
            self.alff_rows(args)
        if "reho" in args.measures:
            for r in range(R):
                value, status = NAN, self.filter_reason or ""
                if not status and not self.status[r]:
                    if self.voxels[r].shape[1] < 2:
                        status = "ReHo needs at least 2 voxels"
                    else:
                        design = denoise_design(self.conf, self.tr, args, True)
                        res, _ = residuals(self.voxels[r], design, kept)
                        value = reho_of(res, self.coords[r], args.reho_neighbourhood)
                self.add("reho", self.names[r], value, status, r)
        if "fc" in args.measures:
            self.fc_rows(rois, args)
        if "task_glm" in args.measures and self.events:
            self.task_rows(args)

    def alff_rows(self, args):
        brain = NAN
        if not self.exclusion and "malff" in args.measures:
            brain, _ = alff_of(unfiltered_voxels(self.brain_sample, self.conf, self.tr, self.kept, args),
                               self.tr, args.alff_band)
        for r, name in enumerate(self.names):
            a = f = NAN
            if not self.exclusion and not self.status[r]:
                a, f = alff_of(unfiltered_voxels(self.voxels[r], self.conf, self.tr, self.kept, args),
                               self.tr, args.alff_band)
            for measure, value in (("alff", a), ("falff", f), ("malff", a / brain)):
                if measure in args.measures:
                    self.add(measure, name, value, "", r)

    def pair_status(self, a, b):
        """Why an ROI pair has no FC: the filtered series is unavailable or an ROI is rejected."""
        return self.filter_reason or (f"{self.names[a]}: {self.status[a]}" if self.status[a] else
                                      f"{self.names[b]}: {self.status[b]}" if self.status[b] else "")

    def fc_rows(self, rois, args):
        R = len(self.names)
        reason = self.filter_reason or ""
        r_matrix = np.full((R, R), NAN)
        if not reason:
            r_matrix = np.corrcoef(self.denoised[self.kept], rowvar=False)
        with np.errstate(divide="ignore"):
            z = np.arctanh(r_matrix)
        np.fill_diagonal(z, NAN)
        self.fc_r, self.fc_z = r_matrix, z
        for a in range(R):
            for b in range(a + 1, R):
                self.add("fc_z", f"{self.names[a]}~{self.names[b]}", z[a, b], self.pair_status(a, b))
        members = rois.union_members()
        for u in range(R):
            if len(members[u]) >= 2:
                pairs = [z[a, b] for i, a in enumerate(members[u]) for b in members[u][i + 1:]]
                pairs = [p for p in pairs if np.isfinite(p)]
                self.add("fc_within_z", self.names[u], np.mean(pairs) if pairs else NAN,
                         reason or ("" if pairs else "no member pair"))
        self.fc_partial = None
        if not args.fc_partial:
            return
        plain = [i for i in range(R) if not members[i]]
        self.fc_partial = np.full((R, R), NAN)
        partial = np.full((len(plain), len(plain)), NAN)
        if not reason:  # a rejected (NaN) or constant ROI is left out of the others' precision
            x = self.denoised[self.kept][:, plain]
            valid = np.flatnonzero(np.all(np.isfinite(x), axis=0) & (np.ptp(x, axis=0) > 0))
            precision = np.linalg.inv(np.cov(x[:, valid], rowvar=False))
            d = np.sqrt(np.diag(precision))
            partial[np.ix_(valid, valid)] = -precision / np.outer(d, d)
            partial[valid, valid] = 1.0
        self.fc_partial[np.ix_(plain, plain)] = partial
        for i, a in enumerate(plain):
            for j in range(i + 1, len(plain)):
                self.add("fc_partial_z", f"{self.names[a]}~{self.names[plain[j]]}",
                         np.arctanh(partial[i, j]), self.pair_status(a, plain[j]))

    def task_rows(self, args):
        design, conditions, self.events_dropped = task_design(self.events, self.n, self.tr, self.conf, args)
        self.task_design = design
        self.task_rho = np.full(len(self.names), NAN)
        for r, name in enumerate(self.names):
            values = {}
            if not self.exclusion and not self.status[r]:
                values, self.task_rho[r] = task_rows(self.raw[:, r], design, conditions, self.kept, args)
            else:
                for c in conditions:
                    for m in ("task_beta", "task_se", "task_t", "task_psc"):
                        values[f"{m}.{c}"] = NAN
                for e in args.contrast:
                    for m in ("task_contrast", "task_contrast_se", "task_contrast_t"):
                        values[f"{m}.{e}"] = NAN
            for measure, value in values.items():
                self.add(measure, name, value, "", r)


# ---------------------------------------------------------------- sessions and GM --------------

FIXED_EFFECTS = [("task_beta.", "task_se.", "task_t."),
                 ("task_contrast.", "task_contrast_se.", "task_contrast_t.")]


def fixed_effect_family(measure):
    for estimate, se, t in FIXED_EFFECTS:
        for prefix in (estimate, se, t):
            if measure.startswith(prefix):
                name = measure[len(prefix):]
                return estimate + name, se + name
    return None


def combine_runs(runs):
    """Session rows: volumes-kept weighted mean over runs with a value; task estimates by
    inverse-variance fixed effects. Value -> (value, status, runs_used, volumes_kept)."""
    keys = []
    for run in runs:
        keys += [k for k in run.rows if k not in keys]
    out = {}
    for key in keys:
        measure, roi = key
        present = [run for run in runs if key in run.rows]
        family = fixed_effect_family(measure)
        if family:
            estimate, se = family
            b, s, w_volumes = [], [], 0
            for run in present:
                e, v = run.rows[(estimate, roi)][0], run.rows[(se, roi)][0]
                if np.isfinite(e) and np.isfinite(v):
                    w_volumes += run.volumes_kept
                if np.isfinite(e) and np.isfinite(v) and v > 0:
                    b.append(e)
                    s.append(v)
            if b:
                w = 1.0 / np.array(s) ** 2
                est, err = float(np.sum(w * b) / np.sum(w)), float(1.0 / np.sqrt(np.sum(w)))
                value = est if measure == estimate else err if measure == se else est / err
                used = len(b)
            else:
                value, used = NAN, 0
        else:
            good = [(run.rows[key][0], run.volumes_kept) for run in present
                    if np.isfinite(run.rows[key][0]) and run.volumes_kept > 0]
            w_volumes = sum(w for _, w in good)
            value = sum(v * w for v, w in good) / w_volumes if good else NAN
            used = len(good)
        if np.isfinite(value):
            out[key] = (value, "", used, w_volumes)
        else:
            statuses = [run.rows[key][1] for run in present if run.rows[key][1]]
            out[key] = (NAN, statuses[0] if statuses else "no run has a value", 0, 0)
    return out


def grey_matter_rows(dataset, participant, session, rois):
    def find(folder, pattern):
        found = sorted(glob.glob(os.path.join(folder, pattern)))
        return found[0] if found else None
    folder = os.path.join(dataset, f"sub-{participant}", f"ses-{session}", "anat")
    if not find(folder, "*_label-GM_probseg.nii*"):
        folder = os.path.join(dataset, f"sub-{participant}", "anat")
    gm_path = find(folder, "*_label-GM_probseg.nii*")
    if gm_path is None:
        return {}
    image = nib.load(gm_path)
    gm = np.nan_to_num(image.get_fdata(dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0)
    voxel_ml = abs(np.linalg.det(image.affine[:3, :3])) / 1000.0
    out = {}
    for name, roi in zip(rois.names, rois.masks(gm.shape, image.affine)):
        out[("gm_volume_ml", name)] = (gm[roi].sum() * voxel_ml, "", 0, 0)
        out[("gm_probability", name)] = (gm[roi].mean() if roi.any() else NAN, "", 0, 0)
    mask_path = find(folder, "*_desc-brain_mask.nii*")
    mask = np.asarray(nib.load(mask_path).dataobj) > 0
    out[("total_gm_ml", "brain")] = (gm[mask].sum() * voxel_ml, "", 0, 0)
    return out


# ---------------------------------------------------------------- comparison -------------------

def quantity(measure):
    if measure.startswith("task_"):
        return "task"
    if measure.startswith("gm_") or measure == "total_gm_ml":
        return "gm"
    if measure.startswith("fc_partial"):
        return "fc_partial"
    return measure


def read_table(group):
    if "measures/measure" not in group:
        return {}
    g = group["measures"]
    measure, roi, status = (list(g[n].asstr()[:]) for n in ("measure", "roi", "status"))
    value, runs_used, volumes = g["value"][:], g["runs_used"][:], g["volumes_kept"][:]
    return {(measure[i], roi[i]): (float(value[i]), status[i], int(runs_used[i]), int(volumes[i]))
            for i in range(len(measure))}


def compare_rows(cmp, got, expected, where):
    """expected: (measure, roi) -> (value, status phrase[, runs_used, volumes_kept])."""
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    if missing or extra:
        raise Mismatch(f"{where}: measure rows missing {missing[:5]}, unexpected {extra[:5]}")
    for key, want in expected.items():
        value, status = got[key][0], got[key][1]
        label = f"{where} {key[0]} {key[1]}"
        cmp.values(quantity(key[0]), value, want[0], label)
        if (want[1] == "") != (status == "") or want[1] not in status:
            raise Mismatch(f"{label}: status {status!r}, expected {'empty' if not want[1] else repr(want[1])}")
        if len(want) > 2 and (got[key][2], got[key][3]) != (want[2], want[3]):
            raise Mismatch(f"{label}: runs_used/volumes_kept {got[key][2:]}, expected {want[2:]}")


def check_run(cmp, group, run, args, where):
    a = group.attrs
    cmp.values("roi series", group["timeseries"][:], run.raw, where + " timeseries")
    statuses = list(group["roi_status"].asstr()[:])
    for r, s in enumerate(statuses):
        if (s == "") != (run.status[r] == "") or run.status[r] not in s:
            raise Mismatch(f"{where} roi_status[{r}] {s!r}, expected {run.status[r]!r}")
    if abs(float(a["tr_seconds"]) - run.tr) > 1e-9:
        raise Mismatch(f"{where}: tr_seconds {a['tr_seconds']} != {run.tr}")
    kept = group["denoise/kept"][:].astype(bool)
    if not np.array_equal(kept, run.kept):
        raise Mismatch(f"{where}: denoise/kept differs at volumes {np.flatnonzero(kept != run.kept)[:10]}")
    cmp.values("fd", group["denoise/framewise_displacement"][:], run.fd, where + " FD")
    for name, count in run.counts.items():
        if int(a[name]) != count:
            raise Mismatch(f"{where}: attribute {name} = {a[name]}, expected {count}")
    if list(group["denoise/confound_names"].asstr()[:]) != run.confound_names:
        raise Mismatch(f"{where}: confound_names {list(group['denoise/confound_names'].asstr()[:])}")
    if int(a["excluded"]) != (1 if run.exclusion else 0) or int(a["volumes_kept"]) != run.volumes_kept:
        raise Mismatch(f"{where}: excluded {a['excluded']} volumes_kept {a['volumes_kept']}, expected "
                       f"{run.exclusion!r} {run.volumes_kept}")
    if run.exclusion and run.exclusion not in text(a["exclusion_reason"]):
        raise Mismatch(f"{where}: exclusion_reason {text(a['exclusion_reason'])!r} lacks {run.exclusion!r}")
    if ("denoise/timeseries" in group) != (run.denoised is not None):
        raise Mismatch(f"{where}: denoise/timeseries present: {'denoise/timeseries' in group}")
    if run.denoised is not None:
        if int(a["residual_dof"]) != run.residual_dof:
            raise Mismatch(f"{where}: residual_dof {a['residual_dof']}, expected {run.residual_dof}")
        got = group["denoise/timeseries"][:]
        for r in range(got.shape[1]):
            if not run.status[r]:
                cmp.values("denoised series", got[:, r], run.denoised[:, r], f"{where} denoised column {r}",
                           scale=np.nanmax(np.abs(run.denoised[:, r])))
        run.plain_spectrum_checked = check_band_stop(
            cmp, got[:, [r for r in range(got.shape[1]) if not run.status[r]]], run.tr, args, where)
    if run.fc_z is not None:
        cmp.values("fc_r", group["measures/fc_r"][:], run.fc_r, where + " fc_r")
        cmp.values("fc_z", group["measures/fc_z"][:], run.fc_z, where + " fc_z")
        if run.fc_partial is not None:
            cmp.values("fc_partial", group["measures/fc_partial_r"][:], run.fc_partial, where + " fc_partial_r")
    if run.events and "task_glm" in args.measures:
        cmp.values("task", group["task/design"][:], run.task_design, where + " task/design", scale=1.0)
        if args.task_noise_model == "ar1":
            cmp.values("task", group["task/ar1_rho"][:], run.task_rho, where + " task/ar1_rho", scale=1.0)
    if run.events and getattr(run, "events_dropped", 0):
        warning = text(a.get("task_warnings", ""))
        if not warning:
            raise Mismatch(f"{where}: {run.events_dropped} events after the run's end, no task_warnings")
    compare_rows(cmp, read_table(group), run.rows, where)


def check_file(cmp, path, rois, args, tally):
    with h5py.File(path, "r") as f:
        participant = text(f.attrs["participant"])
        if list(f["rois/names"].asstr()[:]) != rois.names:
            raise Mismatch(f"{path}: ROI names {list(f['rois/names'].asstr()[:])} != {rois.names}")
        for session in f["sessions"]:
            where = f"sub-{participant} ses-{session}"
            groups = sorted(f["sessions"][session]["runs"].values(), key=lambda g: int(g.attrs["run_index"]))
            runs = []
            for group in groups:
                a = group.attrs
                files = run_files(args.dataset, participant, session, text(a["task"]), text(a["run"]))
                if os.path.realpath(text(a["bold_path"])) != os.path.realpath(files["bold"]):
                    raise Mismatch(f"{group.name}: bold_path {text(a['bold_path'])} != {files['bold']}")
                run = Run(files, rois, args)
                check_run(cmp, group, run, args, f"sub-{participant} {group.name}")
                runs.append(run)
                tally["runs"] += 1
                tally["excluded"] += 1 if run.exclusion else 0
                tally["task"] += 1 if any(m.startswith("task_") for m, _ in run.rows) else 0
                for name, count in run.counts.items():
                    tally[name] = tally.get(name, 0) + count
                tally["plain spectrum"] = tally.get("plain spectrum", 0) + \
                    (1 if getattr(run, "plain_spectrum_checked", False) else 0)
                for name, used in run.inputs.items():
                    tally[name] = tally.get(name, 0) + (1 if used else 0)
            expected = combine_runs(runs)
            if "gm_volume" in args.measures:
                expected.update(grey_matter_rows(args.dataset, participant, session, rois))
            s_group = f["sessions"][session]
            compare_rows(cmp, read_table(s_group), expected, where + " (session)")
            fc = [(r.fc_z, r.volumes_kept if r.denoised is not None else 0) for r in runs if r.fc_z is not None]
            if fc:
                z = np.array([m for m, _ in fc])
                w = np.array([v for _, v in fc], dtype=float)[:, None, None] * np.isfinite(z)
                with np.errstate(invalid="ignore"):
                    combined = np.sum(np.nan_to_num(z) * w, axis=0) / w.sum(axis=0)
                cmp.values("fc_z", s_group["measures/fc_z"][:], combined, where + " session fc_z")


def parse_roi(spec):
    name, rest = spec.split("=", 1)
    kind, values = rest.split(":", 1)
    if kind == "sphere":
        return name, kind, [float(v) for v in values.split(",")]
    return name, kind, values.split(",")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dataset")
    p.add_argument("h5", nargs="+")
    p.add_argument("--roi", action="append", required=True, type=parse_roi)
    p.add_argument("--atlas", default="/usr/share/mricron/templates/aal.nii.gz")
    p.add_argument("--atlas-table", default="/usr/share/mricron/templates/aal.nii.txt")
    p.add_argument("--min-coverage", type=float, default=0.5)
    p.add_argument("--strategy", default="24P")
    p.add_argument("--fd-threshold", type=float, default=0.5)
    p.add_argument("--dvars-threshold", type=float, default=1.5, help="0 = off")
    p.add_argument("--min-segment", type=int, default=5)
    p.add_argument("--dummy", type=int, default=-1)
    p.add_argument("--min-time", type=float, default=240.0)
    p.add_argument("--high-pass", type=float, default=0.01, help="0 = off")
    p.add_argument("--low-pass", type=float, default=0.08, help="0 = off")
    p.add_argument("--poly-order", type=int, default=1)
    p.add_argument("--measures", default="mean,tsnr,alff,falff,reho,fc",
                   type=lambda s: s.split(","))
    p.add_argument("--alff-band", type=float, nargs=2, default=[0.01, 0.08])
    p.add_argument("--reho-neighbourhood", type=int, default=27)
    p.add_argument("--sd-ddof", type=int, default=1)
    p.add_argument("--fc-partial", action="store_true")
    p.add_argument("--task-noise-model", default="ar1", choices=["ols", "ar1"])
    p.add_argument("--task-high-pass-seconds", type=float, default=128.0)
    p.add_argument("--contrast", action="append", default=[])
    p.add_argument("--expect-excluded", type=int, default=None, help="number of excluded runs")
    p.add_argument("--expect-task", action="store_true", help="fail when no run has task rows")
    p.add_argument("--numpy-glm", action="store_true", help="numpy OLS even when statsmodels is installed")
    args = p.parse_args()
    rois = RoiSet(args.roi, args.atlas, args.atlas_table)
    cmp = Comparer()
    tally = {"runs": 0, "excluded": 0, "task": 0}
    for path in args.h5:
        check_file(cmp, path, rois, args, tally)
    if args.expect_excluded is not None and tally["excluded"] != args.expect_excluded:
        raise Mismatch(f"{tally['excluded']} runs excluded, expected {args.expect_excluded}")
    if args.expect_task and tally["task"] == 0:
        raise Mismatch("no run had task GLM rows to check")
    glm = "" if not tally["task"] else \
        f", task GLM by {'statsmodels OLS' if statsmodels_ols() else 'numpy'}"
    print(f"ok {len(args.h5)} file(s), {tally['runs']} runs ({tally['excluded']} excluded){glm}")
    print(f"  censored volumes: {tally['dummy_volumes']} dummy, {tally['motion_outlier_volumes']} motion"
          f" outliers, {tally['short_segment_volumes']} in short segments; runs with Power FD:"
          f" {tally['Power FD']}, with computed expansions: {tally['computed expansions']};"
          f" uncensored runs with a plain-spectrum check: {tally['plain spectrum']}")
    cmp.report()

if __name__ == "__main__":
    try:
        main()
    except Mismatch as e:
        print(f"MISMATCH {e}")
        sys.exit(1)
