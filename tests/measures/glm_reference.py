"""Independent numpy/scipy reference for the task GLM tests (SPM canonical HRF via
scipy.stats.gamma, boxcars on a grid oversampled by 16, np.convolve, spm_dctmtx-style cosine
drift, numpy lstsq, nilearn-style AR(1) prewhitening). Reads a JSON request, prints JSON."""
import json
import math
import sys

import numpy as np
from scipy.stats import gamma


def spm_hrf(dt, onset=0.0):
    t = np.arange(int(math.ceil(32.0 / dt)) + 1) * dt - onset
    h = gamma.pdf(t, 6) - gamma.pdf(t, 16) / 6.0
    return h / h.sum()


def design(req):
    tr, n, over = req["tr"], req["volumes"], 16
    dt = tr / over
    ref = req["slice_time_reference"]
    run_end = (n + ref) * tr
    grid = np.arange(int(math.ceil(run_end / dt)) + 1) * dt
    hrf = spm_hrf(dt)
    dhrf = spm_hrf(dt) - spm_hrf(dt, 1.0)
    frames = ((np.arange(n) + ref) * over).astype(int)
    names, columns = [], []
    conditions = []
    for ev in req["events"]:
        if ev["onset"] < run_end and ev["trial_type"] not in conditions:
            conditions.append(ev["trial_type"])
    for cond in conditions:
        box = np.zeros(grid.size)
        for ev in req["events"]:
            if ev["trial_type"] != cond or ev["onset"] >= run_end:
                continue
            inside = (grid >= ev["onset"]) & (grid < ev["onset"] + ev["duration"])
            if not inside.any():
                inside[np.argmax(grid >= ev["onset"])] = True
            box[inside] += 1.0
        columns.append(np.convolve(box, hrf)[: grid.size][frames])
        names.append(cond)
        if req["derivative"]:
            columns.append(np.convolve(box, dhrf)[: grid.size][frames])
            names.append(cond + "_derivative")
    if req["drift"] == "cosine":
        order = int(np.floor(2 * n * tr / 128.0))
        i = np.arange(n)
        for k in range(1, order + 1):
            columns.append(np.sqrt(2.0 / n) * np.cos(np.pi * k * (2 * i + 1) / (2 * n)))
    else:
        x = np.linspace(-1, 1, n)
        for p in range(1, req["order"] + 1):
            columns.append(x ** p)
    for c in np.array(req["confounds"]).T:
        columns.append(c)
    columns.append(np.ones(n))
    return np.column_stack(columns), conditions, names


def fit(y, x):
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    dof = x.shape[0] - np.linalg.matrix_rank(x)
    sigma2 = resid @ resid / dof
    cov = sigma2 * np.linalg.inv(x.T @ x)
    return beta, resid, cov


def main():
    req = json.load(open(sys.argv[1]))
    dt = req["hrf_dt"]
    out = {"hrf": spm_hrf(dt).tolist(),
           "hrf_derivative": (spm_hrf(dt) - spm_hrf(dt, 1.0)).tolist()}
    x, conditions, names = design(req)
    y = np.array(req["series"])
    beta, resid, cov = fit(y, x)
    rho = 0.0
    if req["ar1"]:
        rho = float(resid[1:] @ resid[:-1] / (resid @ resid))
        def whiten(m):
            w = m.copy()
            w[0] = np.sqrt(1 - rho ** 2) * m[0]
            w[1:] = m[1:] - rho * m[:-1]
            return w
        beta, _, cov = fit(whiten(y), whiten(x))
    se = np.sqrt(np.diag(cov))
    c = np.array(req["contrast"])
    est = float(c @ beta)
    cse = float(np.sqrt(c @ cov @ c))
    psc = [100 * beta[names.index(k)] * x[:, names.index(k)].max() / beta[-1] for k in conditions]
    out.update({"design": x.tolist(), "names": names, "beta": beta.tolist(), "se": se.tolist(),
                "t": (beta / se).tolist(), "rho": rho, "contrast": [est, cse, est / cse],
                "psc": psc})
    print(json.dumps(out))


main()
