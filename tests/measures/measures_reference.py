"""Independent numpy/scipy reference for the measures tests.

Reads a JSON request {"kind": ..., ...} (matrices as row-major nested lists, T x V) and prints a
JSON answer; NaN is written as null. Each kind is computed directly from its textbook / XCP-D
definition, without sharing code with the C++ implementation.
"""
import json
import math
import sys

import numpy as np
from scipy import signal
from scipy.stats import rankdata


def clean(value):
    if isinstance(value, np.ndarray):
        return clean(value.tolist())
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def signal_stats(req):
    x = np.array(req["series"], dtype=float)
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=req["ddof"])
    return {"mean": mean, "sd": sd, "tsnr": mean / sd}


def alff(req):
    """XCP-D compute_alff (uncensored branch) per voxel; fALFF = band / all non-DC amplitudes."""
    x = np.array(req["series"], dtype=float)
    tr, low, high = req["tr"], req["low"], req["high"]
    alff_v, falff_v = [], []
    for v in range(x.shape[1]):
        data = x[:, v].copy()
        sd = np.std(data)
        if sd == 0:
            alff_v.append(0.0)
            falff_v.append(float("nan"))
            continue
        z = (data - data.mean()) / sd
        freqs, power = signal.periodogram(z, 1 / tr, scaling="spectrum")
        amp = np.sqrt(power)
        lo = np.argmin(np.abs(freqs - low))
        hi = np.argmin(np.abs(freqs - high))
        alff_v.append(2 * np.mean(amp[lo:hi]) * sd)
        falff_v.append(np.sum(amp[lo:hi]) / np.sum(amp[1:]))
    alff_v, falff_v = np.array(alff_v), np.array(falff_v)
    return {"alff": alff_v, "falff": falff_v, "roi_alff": alff_v.mean(),
            "roi_falff": np.nanmean(falff_v)}


def kendall_w(block, tie_correction):
    """block: n time points x m series."""
    n, m = block.shape
    ranks = np.column_stack([rankdata(block[:, j]) for j in range(m)])
    row_sums = ranks.sum(axis=1)
    s = np.sum((row_sums - row_sums.mean()) ** 2)
    denom = m ** 2 * (n ** 3 - n)
    if tie_correction:
        for j in range(m):
            _, counts = np.unique(block[:, j], return_counts=True)
            denom -= m * np.sum(counts.astype(float) ** 3 - counts)
    return 12 * s / denom if denom > 0 else float("nan")


def reho(req):
    x = np.array(req["series"], dtype=float)
    dims = tuple(req["dims"])
    idx = req["indices"]
    size = req["neighbourhood"]
    coords = [np.unravel_index(i, dims, order="F") for i in idx]
    position = {tuple(int(c) for c in coord): col for col, coord in enumerate(coords)}
    values = []
    for col, coord in enumerate(coords):
        members = []
        for (other, other_col) in position.items():
            d = np.abs(np.array(other) - np.array(coord))
            if d.max() > 1:
                continue
            if size == 7 and d.sum() > 1:
                continue
            if size == 19 and d.sum() > 2:
                continue
            members.append(other_col)
        if len(members) < 2:
            values.append(float("nan"))
            continue
        values.append(kendall_w(x[:, sorted(members)], req["tie_correction"]))
    values = np.array(values)
    return {"voxel": values, "roi": np.nanmean(values) if np.isfinite(values).any() else None}


def connectivity(req):
    x = np.array(req["series"], dtype=float)
    r = np.corrcoef(x, rowvar=False)
    z = np.arctanh(np.clip(r, -1, 1))
    np.fill_diagonal(z, np.nan)
    precision = np.linalg.inv(np.cov(x, rowvar=False))
    d = np.sqrt(np.diag(precision))
    partial = -precision / np.outer(d, d)
    np.fill_diagonal(partial, 1.0)
    net = req["network"]
    pairs = [z[a, b] for i, a in enumerate(net) for b in net[i + 1:]]
    other = req["other"]
    between = [z[a, b] for a in net for b in other]
    return {"r": r, "z": z, "partial": partial, "within": float(np.mean(pairs)),
            "between": float(np.mean(between))}


def grey_matter(req):
    p = np.nan_to_num(np.array(req["probability"], dtype=float), nan=0.0)
    mask = np.array(req["mask"], dtype=float)
    roi = p[np.array(req["indices"])]
    vox = req["voxel_volume_mm3"]
    return {"roi_ml": roi.sum() * vox / 1000, "roi_mean": roi.mean(),
            "total_ml": p[mask > 0].sum() * vox / 1000}


KINDS = {"signal_stats": signal_stats, "alff": alff, "reho": reho,
         "connectivity": connectivity, "grey_matter": grey_matter}

if __name__ == "__main__":
    request = json.load(open(sys.argv[1]))
    answer = {k: clean(np.asarray(v).tolist() if isinstance(v, np.ndarray) else
                       (float(v) if isinstance(v, (np.floating, float)) else v))
              for k, v in KINDS[request["kind"]](request).items()}
    print(json.dumps(answer))
