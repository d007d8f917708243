"""Reference computations for crosscheck_group.py, written independently of acuroi: reading the
participant files with h5py and the selection rules of the group level, and the statistics with
numpy/scipy (OLS as statsmodels defines it, R's p.adjust "BH", metafor's exact Hedges J).
"""
import glob
import math
import os

import h5py
import numpy as np
from scipy import special, stats


def read_participants(out_dir):
    """Every sub-*/sub-*_acuroi.h5: label, arm, covariates (text) and per session the long
    measure table as {(roi, measure): value}, or None for a session without one."""
    participants = []
    for path in sorted(glob.glob(os.path.join(out_dir, "sub-*", "sub-*_acuroi.h5"))):
        with h5py.File(path, "r") as f:
            p = {"path": path, "label": f.attrs["participant"], "arm": f.attrs["arm"],
                 "cov": {k: str(v) for k, v in f["covariates"].attrs.items()}, "sessions": {}}
            for ses in f.get("sessions", {}):
                g = f["sessions"][ses]
                if "measures" in g and "value" in g["measures"]:
                    m = g["measures"]
                    keys = list(zip(m["roi"].asstr()[...], m["measure"].asstr()[...]))
                    p["sessions"][ses] = dict(zip(keys, m["value"][...]))
                else:
                    p["sessions"][ses] = None
        participants.append(p)
    return participants


def usable(p, spec):
    """Selected, in a study arm, both sessions with a measure table holding a finite value."""
    if p["label"] in spec["exclude"] or p["arm"] not in spec["arms"]:
        return False
    for ses in spec["sessions"]:
        table = p["sessions"].get(ses)
        if not table or not any(np.isfinite(list(table.values()))):
            return False
    return True


def selected(measure, patterns):
    if not patterns:
        return True
    return any(measure.startswith(p[:-1]) if p.endswith("*") else measure == p for p in patterns)


def value(p, ses, key):
    return float(p["sessions"][ses].get(key, np.nan))


def t_ci(mean, se, df, confidence):
    h = stats.t.ppf(0.5 + confidence / 2, df) * se
    return mean - h, mean + h


def hedges_j_exact(m):
    return math.exp(special.gammaln(m / 2) - 0.5 * math.log(m / 2) - special.gammaln((m - 1) / 2))


def p_adjust_bh(p):
    """R's p.adjust(p, "BH"); NaN stays NaN and does not count."""
    p = np.asarray(p, float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    pv = p[ok]
    n = len(pv)
    if n:
        o = np.argsort(-pv, kind="stable")
        i = np.arange(n, 0, -1)
        adj = np.minimum(1, np.minimum.accumulate(n / i * pv[o]))
        out = np.empty(n)
        out[o] = adj
        q[ok] = out
    return q


def design(rows, key, model, spec):
    """patsy-style design: const, arm[T.active], (pre), covariates (categorical: treatment coding
    against the first level in sorted order; numeric: centred when spec says so)."""
    active_arm = spec["arms"][0]
    pre_ses, post_ses = spec["sessions"]
    names = ["const", f"arm[T.{active_arm}]"]
    cols = [np.ones(len(rows)), np.array([1.0 if p["arm"] == active_arm else 0.0 for p in rows])]
    pre = np.array([value(p, pre_ses, key) for p in rows])
    post = np.array([value(p, post_ses, key) for p in rows])
    if model == "ancova":
        names.append("pre")
        cols.append(pre)
    groups = {}
    for cov in spec["covariates"]:
        texts = [p["cov"][cov] for p in rows]
        if cov in spec["categorical"]:
            levels = sorted(set(texts))
            groups[cov] = []
            for level in levels[1:]:
                names.append(f"{cov}[T.{level}]")
                groups[cov].append(len(cols))
                cols.append(np.array([1.0 if t == level else 0.0 for t in texts]))
        else:
            x = np.array([float(t) for t in texts])
            if spec["centre_covariates"]:
                x = x - x.mean()
            names.append(cov)
            groups[cov] = [len(cols)]
            cols.append(x)
    y = post if model == "ancova" else post - pre
    return names, np.column_stack(cols), y, groups


def ols(x, y):
    """OLS with statsmodels' definitions (centred TSS with a constant, llf, AIC/BIC with k
    counting the constant)."""
    n, k = x.shape
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    ssr = resid @ resid
    df_resid = n - k
    sigma2 = ssr / df_resid
    cov = sigma2 * np.linalg.inv(x.T @ x)
    se = np.sqrt(np.diag(cov))
    t = beta / se
    tss = ((y - y.mean()) ** 2).sum()
    r2 = 1 - ssr / tss
    df_model = k - 1
    llf = -n / 2 * (math.log(2 * math.pi) + math.log(ssr / n) + 1)
    f = ((tss - ssr) / df_model) / sigma2
    return {"beta": beta, "se": se, "t": t, "p": 2 * stats.t.sf(np.abs(t), df_resid),
            "df_resid": df_resid, "df_model": df_model, "cov": cov, "r2": r2,
            "adj_r2": 1 - (n - 1) / df_resid * (1 - r2), "f": f,
            "f_p": stats.f.sf(f, df_model, df_resid), "sigma2": sigma2, "llf": llf,
            "aic": -2 * llf + 2 * k, "bic": -2 * llf + math.log(n) * k, "n": n}


def wald_f(fit, idx):
    """F test that the coefficients at idx are all 0 (statsmodels f_test)."""
    r = np.zeros((len(idx), len(fit["beta"])))
    for row, j in enumerate(idx):
        r[row, j] = 1
    rb = r @ fit["beta"]
    f = rb @ np.linalg.solve(r @ fit["cov"] @ r.T, rb) / len(idx)
    return f, len(idx), fit["df_resid"], stats.f.sf(f, len(idx), fit["df_resid"])
