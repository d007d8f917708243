#!/usr/bin/python3
"""Independent re-computation of `acuroi meta CONFIG` with numpy/scipy (no acuroi code).

Usage: crosscheck_meta.py CONFIG.yaml

Reads the config (PyYAML), the study records the config names (the group outputs'
group_study_records.tsv and the published CSV tables), computes the effect sizes (metafor escalc
formulas), and pools every ROI x measure: DL in closed form; REML, ML and PM as roots of their
estimating equations (scipy brentq to 1e-14); Hartung-Knapp; Q, I^2, H^2; Q-profile CIs;
prediction intervals (metafor's and Higgins' df); p.adjust BH; leave-one-out; Egger's weighted
regression; Begg's Kendall tau; trim-and-fill (L0: side, k0, the filled studies, the estimate with
them: 1e-4 under iterative estimators, refitted with metafor's default threshold 1e-5); subgroups
(separate tau^2 Q-between, common tau^2 moderator test);
meta-regression. Then compares with the outputs (TSV tables, the HDF5 file read with h5py, the JSON
models) at 1e-8 relative for closed forms and 1e-6 for quantities of iterative estimators.
Prints the largest relative error per group of quantities and "ok", or the mismatches and exits 1.
"""
import csv
import glob
import hashlib
import json
import math
import os
import sys

import h5py
import numpy as np
import yaml
from scipy import optimize, special, stats

FAILURES = []
WORST = {}


def check(group, what, got, want, tol, floor=1e-6):
    got = float("nan") if got is None else float(got)
    want = float("nan") if want is None else float(want)
    if math.isnan(want) or math.isnan(got):
        if not (math.isnan(want) and math.isnan(got)):
            FAILURES.append(f"{group} {what}: got {got}, want {want}")
        return
    rel = abs(got - want) / max(abs(want), floor)
    if group not in WORST or rel > WORST[group][0]:
        WORST[group] = (rel, what)
    if rel > tol:
        FAILURES.append(f"{group} {what}: got {got!r}, want {want!r} (rel {rel:.3g} > {tol:g})")


# ---------------------------------------------------------------- inputs

def num(cell):
    if cell is None or cell.strip().lower() in ("", "n/a", "na", "nan"):
        return float("nan")
    return float(cell)


def read_table(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t" if path.endswith(".tsv") else ","))


def hedges_j(m):
    return math.exp(special.gammaln(m / 2) - 0.5 * math.log(m / 2) - special.gammaln((m - 1) / 2))


def two_arm(measure, m1, sd1, n1, m2, sd2, n2):
    if measure == "MD":
        return m1 - m2, sd1 ** 2 / n1 + sd2 ** 2 / n2
    if measure == "SMD":
        sdp = math.sqrt(((n1 - 1) * sd1 ** 2 + (n2 - 1) * sd2 ** 2) / (n1 + n2 - 2))
        g = hedges_j(n1 + n2 - 2) * (m1 - m2) / sdp
        return g, 1 / n1 + 1 / n2 + g ** 2 / (2 * (n1 + n2))
    raise ValueError(measure)


def pre_post(measure, m1, m2, sd1, sd2, n, r):
    if measure == "MC":
        return m1 - m2, (sd1 ** 2 + sd2 ** 2 - 2 * r * sd1 * sd2) / n
    if measure == "SMCC":
        y = hedges_j(n - 1) * (m1 - m2) / math.sqrt(sd1 ** 2 + sd2 ** 2 - 2 * r * sd1 * sd2)
        return y, 1 / n + y ** 2 / (2 * n)
    if measure == "SMCR":
        y = hedges_j(n - 1) * (m1 - m2) / sd1
        return y, 2 * (1 - r) / n + y ** 2 / (2 * n)
    raise ValueError(measure)


def group_rows(name, folder, moderators, measure):
    path = os.path.join(folder, "group_study_records.tsv")
    if not os.path.exists(path):
        path = os.path.join(folder, "group", "group_study_records.tsv")
    rows = []
    for r in read_table(path):
        a = {k[7:]: num(v) for k, v in r.items() if k.startswith("active_") and k != "active_arm"}
        c = {k[8:]: num(v) for k, v in r.items() if k.startswith("control_") and k != "control_arm"}
        usable = r["status"] in ("", "n/a")
        if measure in ("MD", "SMD"):
            y, v = two_arm(measure, a["mean_change"], a["sd_change"], a["n"], c["mean_change"], c["sd_change"], c["n"])
            n = a["n"] + c["n"]
        else:
            y, v = pre_post(measure, a["mean_post"], a["mean_pre"], a["sd_pre"], a["sd_post"], a["n"],
                            a["pre_post_correlation"])
            n = a["n"]
        rows.append(dict(study=name, label=name, roi=r["roi"], measure=r["measure"], yi=y, vi=v, n=n,
                         mods=dict(moderators), usable=usable and math.isfinite(y) and v > 0))
    return path, rows


KNOWN = {"roi", "measure", "study", "author", "slab", "label", "yi", "vi", "sei", "ci.lb", "ci_lb", "ci.ub",
         "ci_ub", "pval", "p", "ai", "bi", "ci", "di", "n1i", "n2i", "m1i", "m2i", "sd1i", "sd2i", "ni", "ri"}


def table_rows(entry, path, measure):
    rows = []
    for i, r in enumerate(read_table(path)):
        g = {k: num(v) for k, v in r.items() if k in KNOWN - {"roi", "measure", "study", "author", "slab", "label"}}
        if math.isfinite(g.get("yi", float("nan"))):
            y = g["yi"]
            v = g["vi"] if math.isfinite(g.get("vi", float("nan"))) else g["sei"] ** 2
            n = g.get("ni", g.get("n1i", float("nan")) + g.get("n2i", float("nan")))
        elif measure in ("MD", "SMD"):
            y, v = two_arm(measure, g["m1i"], g["sd1i"], g["n1i"], g["m2i"], g["sd2i"], g["n2i"])
            n = g["n1i"] + g["n2i"]
        else:
            y, v = pre_post(measure, g["m1i"], g["m2i"], g["sd1i"], g.get("sd2i", 0.0), g["ni"], g["ri"])
            n = g["ni"]
        mods = dict(entry.get("moderators") or {})
        mods.update({k: v for k, v in r.items() if k not in KNOWN and v not in ("", "n/a", "NA")})
        label = next((r[c] for c in ("study", "author", "slab", "label") if r.get(c)), f"{entry['name']} row {i + 1}")
        rows.append(dict(study=entry["name"], label=label, roi=r.get("roi") or entry.get("roi"),
                         measure=r.get("measure") or entry.get("measure"), yi=y, vi=v, n=n,
                         mods={k: str(v) for k, v in mods.items()}, usable=True))
    return rows


def load_config(config_path):
    base = os.path.dirname(os.path.abspath(config_path))
    cfg = yaml.safe_load(open(config_path))
    meta = dict(effect_measure="MD", method="REML", test="knha", level=95.0, prediction_df="metafor",
                subgroup="", moderators=[], p_adjust="BH", pairs=[], include_own_study=True,
                own_study_moderators={}, wide_ci_width=1.0, output_dir="")
    meta.update(cfg.get("meta") or {})
    out_dir = os.path.join(base, (cfg.get("output") or {}).get("dir", "acuroi-out"))
    studies, inputs = [], []
    study = cfg.get("study") or {}
    measure = meta["effect_measure"]
    if study.get("dataset") and meta["include_own_study"]:
        mods = {k: str(v) for k, v in meta["own_study_moderators"].items()}
        path, rows = group_rows(study.get("name", "study"), os.path.join(out_dir, "group"), mods, measure)
        studies.append(rows)
        inputs.append((study.get("name", "study"), path))
    for s in meta.get("studies") or []:
        mods = {k: str(v) for k, v in (s.get("moderators") or {}).items()}
        s = dict(s, moderators=mods)
        if "group" in s:
            path, rows = group_rows(s["name"], os.path.join(base, s["group"]), mods, measure)
        else:
            path = os.path.join(base, s["table"])
            rows = table_rows(s, path, measure)
        studies.append(rows)
        inputs.append((s["name"], path))
    meta_dir = os.path.join(base, meta["output_dir"]) if meta["output_dir"] else os.path.join(out_dir, "meta")
    return meta, studies, inputs, meta_dir


# ---------------------------------------------------------------- models

def weighted(y, v, tau2):
    w = 1 / (v + tau2)
    mu = np.sum(w * y) / np.sum(w)
    return w, mu


def q_gen(y, v, tau2):
    w, mu = weighted(y, v, tau2)
    return float(np.sum(w * (y - mu) ** 2))


def root(f, lo=0.0):
    if f(lo) <= 0:
        return 0.0
    hi = 1.0
    while f(hi) > 0:
        hi *= 2
    return optimize.brentq(f, lo, hi, xtol=1e-15, rtol=1e-15, maxiter=1000)


def tau2_of(y, v, method):
    k = len(y)
    w0 = 1 / v
    if method == "FE" or k == 1:
        return 0.0
    if method == "DL":
        q = q_gen(y, v, 0.0)
        return max(0.0, (q - (k - 1)) / (w0.sum() - (w0 ** 2).sum() / w0.sum()))
    if method == "REML":
        def score(t):
            w, mu = weighted(y, v, t)
            return np.sum(w ** 2 * (y - mu) ** 2) - w.sum() + (w ** 2).sum() / w.sum()
        return root(score)
    if method == "ML":
        def score(t):
            w, mu = weighted(y, v, t)
            return np.sum(w ** 2 * (y - mu) ** 2) - w.sum()
        return root(score)
    if method == "PM":
        return root(lambda t: q_gen(y, v, t) - (k - 1))
    raise ValueError(method)


def fit(y, v, method, test, level):
    y, v = np.asarray(y, float), np.asarray(v, float)
    k = len(y)
    if k == 1:
        test = "z"
    tau2 = tau2_of(y, v, method)
    w, mu = weighted(y, v, tau2)
    se = math.sqrt(1 / w.sum())
    alpha = 1 - level / 100
    if test == "knha":
        se *= math.sqrt(np.sum(w * (y - mu) ** 2) / (k - 1))
        crit, df = stats.t.ppf(1 - alpha / 2, k - 1), k - 1
        p = 2 * stats.t.sf(abs(mu / se), k - 1)
    elif test == "t":
        crit, df = stats.t.ppf(1 - alpha / 2, k - 1), k - 1
        p = 2 * stats.t.sf(abs(mu / se), k - 1)
    else:
        crit, df = stats.norm.ppf(1 - alpha / 2), float("nan")
        p = 2 * stats.norm.sf(abs(mu / se))
    w0 = 1 / v
    q = q_gen(y, v, 0.0)
    vt = (k - 1) * w0.sum() / (w0.sum() ** 2 - (w0 ** 2).sum()) if k > 1 else float("nan")
    if method == "FE":
        i2 = max(0.0, 100 * (q - (k - 1)) / q) if q > 0 else 0.0
        h2 = q / (k - 1) if k > 1 else 1.0
    else:
        i2 = 100 * tau2 / (tau2 + vt) if k > 1 else 0.0
        h2 = (tau2 + vt) / vt if k > 1 else 1.0
    pi_half = crit * math.sqrt(se ** 2 + tau2)
    hig = stats.t.ppf(1 - alpha / 2, k - 2) * math.sqrt(se ** 2 + tau2) if k >= 3 else float("nan")
    return dict(k=k, tau2=tau2, estimate=mu, se=se, statistic=mu / se, df=df, pval=p,
                ci_lb=mu - crit * se, ci_ub=mu + crit * se, pi_lb=mu - pi_half, pi_ub=mu + pi_half,
                pi_higgins_lb=mu - hig, pi_higgins_ub=mu + hig, QE=q,
                QEp=stats.chi2.sf(q, k - 1) if k > 1 else 1.0, I2=i2, H2=h2, vt=vt,
                I2_Q_based=max(0.0, 100 * (q - (k - 1)) / q) if q > 0 else 0.0,
                weights=100 * w / w.sum(), y=y, v=v, test=test)


def qp_interval(y, v, tau2, level):
    k = len(y)
    alpha = 1 - level / 100
    upper_q, lower_q = stats.chi2.ppf(1 - alpha / 2, k - 1), stats.chi2.ppf(alpha / 2, k - 1)
    tmax = max(100.0, 10 * tau2)

    def bound(target):
        if q_gen(y, v, 0.0) < target:
            return 0.0
        if q_gen(y, v, tmax) > target:
            return tmax
        return optimize.brentq(lambda t: q_gen(y, v, t) - target, 0.0, tmax, xtol=1e-15, rtol=1e-15,
                               maxiter=1000)
    return bound(upper_q), bound(lower_q)


def meta_regression(y, v, X, method, test, level):
    y, v, X = np.asarray(y, float), np.asarray(v, float), np.asarray(X, float)
    k, p = X.shape
    # Fit on centred moderators (X = Xc S), which is well conditioned whatever the moderators'
    # scale (e.g. years); P, tau^2 and the moderator coefficients do not change, the intercept
    # and its variance map back through S^-1.
    S_inv = np.eye(p)
    S_inv[0, 1:] = -X[:, 1:].mean(axis=0)
    X = X @ S_inv

    def parts(t):
        W = np.diag(1 / (v + t))
        A = np.linalg.inv(X.T @ W @ X)
        P = W - W @ X @ A @ X.T @ W
        return W, A, P
    if method == "FE":
        tau2 = 0.0
    elif method == "DL":
        W, A, P = parts(0.0)
        tau2 = max(0.0, (y @ P @ y - (k - p)) / np.trace(P))
    elif method == "REML":
        def score(t):
            _, _, P = parts(t)
            return y @ P @ P @ y - np.trace(P)
        tau2 = root(score)
    else:
        raise ValueError(method)
    W, A, P = parts(tau2)
    beta = S_inv @ (A @ X.T @ W @ y)
    vb = S_inv @ A @ S_inv.T
    alpha = 1 - level / 100
    if test == "knha":
        vb *= (y @ P @ y) / (k - p)
    se = np.sqrt(np.diag(vb))
    m = p - 1
    qm = float(beta[1:] @ np.linalg.inv(vb[1:, 1:]) @ beta[1:])
    if test == "knha":
        crit, df = stats.t.ppf(1 - alpha / 2, k - p), k - p
        pv = 2 * stats.t.sf(np.abs(beta / se), k - p)
        qm /= m
        qmp = stats.f.sf(qm, m, k - p)
    else:
        crit, df = stats.norm.ppf(1 - alpha / 2), float("nan")
        pv = 2 * stats.norm.sf(np.abs(beta / se))
        qmp = stats.chi2.sf(qm, m)
    return dict(tau2=tau2, beta=beta, se=se, pval=pv, ci_lb=beta - crit * se, ci_ub=beta + crit * se, QM=qm,
                QMp=qmp, df=df)


def p_adjust_bh(p):
    p = np.asarray(p, float)
    out = np.full(len(p), np.nan)
    idx = np.where(~np.isnan(p))[0]
    n = len(idx)
    order = idx[np.argsort(-p[idx], kind="stable")]
    running = 1.0
    for rank, i in enumerate(order):
        running = min(running, n / (n - rank) * p[i])
        out[i] = min(1.0, running)
    return out


def egger_lm(y, v):
    y, v = np.asarray(y, float), np.asarray(v, float)
    X = np.column_stack([np.ones(len(y)), np.sqrt(v)])
    W = np.diag(1 / v)
    A = np.linalg.inv(X.T @ W @ X)
    beta = A @ X.T @ W @ y
    r = y - X @ beta
    s2 = float(r @ W @ r) / (len(y) - 2)
    se = np.sqrt(np.diag(s2 * A))
    t = beta[1] / se[1]
    return dict(statistic=t, df=len(y) - 2, pval=2 * stats.t.sf(abs(t), len(y) - 2), estimate=beta[0])


def begg(y, v):
    y, v = np.asarray(y, float), np.asarray(v, float)
    w = 1 / v
    beta, vb = np.sum(w * y) / w.sum(), 1 / w.sum()
    ys = (y - beta) / np.sqrt(v - vb)
    res = stats.kendalltau(ys, v, method="exact")
    return dict(statistic=res.statistic, pval=res.pvalue)


# ---------------------------------------------------------------- trim and fill (metafor trimfill, L0)

def mixed_tau2(y, v, X, method):
    """tau^2 of rma(yi, vi, mods = X[:, 1:]) from its estimating equation (X with intercept)."""
    k, p = X.shape

    def proj(t):
        W = np.diag(1 / (v + t))
        return W, W - W @ X @ np.linalg.inv(X.T @ W @ X) @ X.T @ W
    if method == "FE":
        return 0.0
    if method == "DL":
        _, P = proj(0.0)
        return max(0.0, (y @ P @ y - (k - p)) / np.trace(P))
    if method == "REML":
        return root(lambda t: y @ proj(t)[1] @ proj(t)[1] @ y - np.trace(proj(t)[1]))
    if method == "ML":
        return root(lambda t: y @ proj(t)[1] @ proj(t)[1] @ y - np.trace(proj(t)[0]))
    if method == "PM":
        return root(lambda t: y @ proj(t)[1] @ y - (k - p))
    raise ValueError(method)


def trim_and_fill(y, v, method):
    """Side: the sign of the slope of rma(yi, vi, mods = sei) (negative: studies missing on the
    right). On the side-flipped data sorted ascending, iterate: pool the k - k0 least extreme,
    rank |y - beta| (ties in order), S = sum of positive signed ranks, k0 = round((4S - k(k+1)) /
    (2k - 1)), floored at 0. The filled studies mirror the k0 most extreme about beta."""
    y, v = np.asarray(y, float), np.asarray(v, float)
    k = len(y)
    X = np.column_stack([np.ones(k), np.sqrt(v)])
    W = np.diag(1 / (v + mixed_tau2(y, v, X, method)))
    slope = (np.linalg.inv(X.T @ W @ X) @ X.T @ W @ y)[1]
    side = "right" if slope < 0 else "left"
    sign = -1.0 if side == "right" else 1.0
    order = np.argsort(sign * y, kind="stable")
    ys, vs = sign * y[order], v[order]
    k0, previous, beta = 0, -1, 0.0
    while k0 != previous:
        previous = k0
        beta = fit(ys[:k - k0], vs[:k - k0], method, "z", 95.0)["estimate"]
        centred = ys - beta
        ranks = np.empty(k)
        ranks[np.argsort(np.abs(centred), kind="stable")] = np.arange(1, k + 1)
        s_plus = float(np.sum(ranks[centred > 0]))
        k0 = max(0, int(round((4 * s_plus - k * (k + 1)) / (2 * k - 1))))
    filled_y = sign * (2 * beta - ys[k - k0:])
    return dict(side=side, k0=k0, yi=filled_y, vi=vs[k - k0:])


def check_trim_and_fill(key, y, v, method, test, level, small, filled_rows, tol):
    t = trim_and_fill(y, v, method)
    got = small.get((key[0], key[1], "trim_and_fill_L0"))
    if got is None:
        FAILURES.append(f"trim-and-fill of {key}: no trim_and_fill_L0 row")
        return
    check("trim-and-fill k0", f"{key} k0", num(got["k0"]), t["k0"], 0)
    if got["side"] != t["side"]:
        FAILURES.append(f"trim-and-fill of {key}: side {got['side']}, want {t['side']}")
    rows = [r for r in filled_rows if (r["roi"], r["measure"]) == key]
    check("trim-and-fill k0", f"{key} filled rows", len(rows), t["k0"], 0)
    for j, r in enumerate(rows[:t["k0"]]):
        check("trim-and-fill k0", f"{key} filled #{j + 1} index", num(r["filled"]), j + 1, 0)
        if r["side"] != t["side"]:
            FAILURES.append(f"trim-and-fill filled of {key}: side {r['side']}, want {t['side']}")
        check("trim-and-fill filled yi/vi", f"{key} filled #{j + 1} yi", num(r["yi"]), t["yi"][j], tol)
        check("trim-and-fill filled yi/vi", f"{key} filled #{j + 1} vi", num(r["vi"]), t["vi"][j], 1e-12)
        check("trim-and-fill filled yi/vi", f"{key} filled #{j + 1} sei", num(r["sei"]), math.sqrt(t["vi"][j]),
              1e-12)
    # metafor refits the filled data with its default control (threshold 1e-5), as acuroi does; the
    # exact root here differs from it by ~1e-5 relative under iterative estimators.
    adjusted = fit(list(y) + list(t["yi"]), list(v) + list(t["vi"]), method, test, level)
    tol_adjusted = 1e-8 if method in ("FE", "DL") else 1e-4
    for q in ("estimate", "ci_lb", "ci_ub", "pval"):
        check("trim-and-fill estimate", f"{key} {q}", num(got[q]), adjusted[q], tol_adjusted)
    return t


# ---------------------------------------------------------------- comparison

def index(rows, *keys):
    return {tuple(r[k] for k in keys): r for r in rows}


def main():
    meta, studies, inputs, meta_dir = load_config(sys.argv[1])
    method, test, level = meta["method"], meta["test"], float(meta["level"])
    iterative = method in ("REML", "ML", "PM", "EB")
    tol_fit = 1e-6 if iterative else 1e-8
    measure = meta["effect_measure"]

    pairs, count = [], {}
    for rows in studies:
        for r in rows:
            key = (r["roi"], r["measure"])
            if key not in count:
                pairs.append(key)
                count[key] = 0
            count[key] += r["usable"]
    pairs = [tuple(p.split("/")) for p in meta["pairs"]] if meta["pairs"] else [p for p in pairs if count[p] >= 2]

    pooled = index(read_table(os.path.join(meta_dir, "meta_pooled.tsv")), "roi", "measure")
    effects = index(read_table(os.path.join(meta_dir, "meta_study_effects.tsv")), "roi", "measure", "study", "label")
    loo = index(read_table(os.path.join(meta_dir, "meta_leave_one_out.tsv")), "roi", "measure", "left_out_label")
    small = index(read_table(os.path.join(meta_dir, "meta_small_study.tsv")), "roi", "measure", "test")
    filled = read_table(os.path.join(meta_dir, "meta_trimfill_filled.tsv"))
    sub = index(read_table(os.path.join(meta_dir, "meta_subgroups.tsv")), "roi", "measure", "level")
    subtests = index(read_table(os.path.join(meta_dir, "meta_subgroup_tests.tsv")), "roi", "measure", "test")
    reg = index(read_table(os.path.join(meta_dir, "meta_regression.tsv")), "roi", "measure", "term")
    sof = index(read_table(os.path.join(meta_dir, "meta_summary_of_findings.tsv")), "roi", "measure")
    left_out = read_table(os.path.join(meta_dir, "meta_left_out.tsv"))
    check("pools", "count", len(pooled), len(pairs), 0)
    stray = [r for r in filled if (r["roi"], r["measure"]) not in pooled]
    if stray:
        FAILURES.append(f"trimfill_filled rows of pools that were not pooled: {stray[:3]}")

    fits = {}
    for roi, meas in pairs:
        rows = [r for study in studies for r in study if r["roi"] == roi and r["measure"] == meas and r["usable"]]
        key = (roi, meas)
        want_left = sorted([s[0]["study"] for s in studies if not any(r["roi"] == roi and r["measure"] == meas
                                                                       for r in s)] +
                           [r["study"] for s in studies for r in s
                            if r["roi"] == roi and r["measure"] == meas and not r["usable"]])
        got_left = sorted(r["study"] for r in left_out if (r["roi"], r["measure"]) == key)
        if want_left != got_left:
            FAILURES.append(f"left out of {key}: got {got_left}, want {want_left}")
        if not rows:
            check("pools", f"{key} k", num(pooled[key]["k"]), 0, 0)
            continue
        y = [r["yi"] for r in rows]
        v = [r["vi"] for r in rows]
        f = fit(y, v, method, test, level)
        fits[key] = f
        got = pooled[key]
        for r, wt in zip(rows, f["weights"]):
            e = effects[(roi, meas, r["study"], r["label"])]
            check("effects yi/vi (closed form)", f"{key} {r['label']} yi", num(e["yi"]), r["yi"], 1e-8)
            check("effects yi/vi (closed form)", f"{key} {r['label']} vi", num(e["vi"]), r["vi"], 1e-8)
            check("weights", f"{key} {r['label']} weight", num(e["weight"]), wt, tol_fit)
            for mk, mv in r["mods"].items():
                if e.get(mk) != mv:
                    FAILURES.append(f"moderator {mk} of {key} {r['label']}: got {e.get(mk)}, want {mv}")
        check("pooled k/N", f"{key} k", num(got["k"]), f["k"], 0)
        check("pooled k/N", f"{key} total_n", num(got["total_n"]), sum(r["n"] for r in rows), 0)
        for q in ("QE", "QEp", "I2_Q_based"):
            check("pooled Q (closed form)", f"{key} {q}", num(got[q]), f[q], 1e-8)
        for q in ("tau2", "estimate", "se", "statistic", "df", "pval", "ci_lb", "ci_ub", "pi_lb", "pi_ub",
                  "pi_higgins_lb", "pi_higgins_ub", "I2", "H2"):
            check(f"pooled {method} {test}", f"{key} {q}", num(got[q]), f[q], tol_fit)
        if f["k"] >= 2 and method != "FE":
            lb, ub = qp_interval(f["y"], f["v"], f["tau2"], level)
            check("Q-profile CI", f"{key} tau2_ci_lb", num(got["tau2_ci_lb"]), lb, 1e-6)
            check("Q-profile CI", f"{key} tau2_ci_ub", num(got["tau2_ci_ub"]), ub, 1e-6)
            for name, lo, hi in (("I2", 100 * lb / (lb + f["vt"]), 100 * ub / (ub + f["vt"])),
                                 ("H2", (lb + f["vt"]) / f["vt"], (ub + f["vt"]) / f["vt"])):
                check("Q-profile CI", f"{key} {name}_ci_lb", num(got[name + "_ci_lb"]), lo, 1e-6)
                check("Q-profile CI", f"{key} {name}_ci_ub", num(got[name + "_ci_ub"]), hi, 1e-6)
        s = sof[key]
        pi_lb, pi_ub = ((f["pi_lb"], f["pi_ub"]) if meta["prediction_df"] == "metafor"
                        else (f["pi_higgins_lb"], f["pi_higgins_ub"]))
        check("summary of findings", f"{key} pi_lb", num(s["pi_lb"]), pi_lb, tol_fit)
        check("summary of findings", f"{key} estimate", num(s["estimate"]), f["estimate"], tol_fit)
        if f["k"] >= 3:
            check("Egger lm (closed form)", f"{key} summary egger_p", num(s["egger_p"]), egger_lm(y, v)["pval"], 1e-8)
        flags = dict(ci_includes_zero=f["ci_lb"] <= 0 <= f["ci_ub"],
                     ci_wide=f["ci_ub"] - f["ci_lb"] > float(meta["wide_ci_width"]),
                     I2_over_50=f["I2"] > 50, pi_includes_zero=(pi_lb <= 0 <= pi_ub) if not math.isnan(pi_lb)
                     else False)
        for flag, want in flags.items():
            if int(s[flag]) != int(want):
                FAILURES.append(f"summary flag {flag} of {key}: got {s[flag]}, want {int(want)}")
        if f["k"] >= 2:
            for i, r in enumerate(rows):
                rest = [j for j in range(len(rows)) if j != i]
                g = fit([y[j] for j in rest], [v[j] for j in rest], method, test, level)
                got_l = loo[(roi, meas, r["label"])]
                for q in ("estimate", "se", "pval", "ci_lb", "ci_ub", "tau2"):
                    check("leave-one-out", f"{key} -{r['label']} {q}", num(got_l[q]), g[q], tol_fit)
                check("leave-one-out", f"{key} -{r['label']} QE", num(got_l["QE"]), g["QE"], 1e-8)
        if f["k"] >= 3:
            e = egger_lm(y, v)
            got_e = small[(roi, meas, "egger_lm")]
            for q in ("statistic", "df", "pval", "estimate"):
                check("Egger lm (closed form)", f"{key} {q}", num(got_e[q]), e[q], 1e-8)
            b = begg(y, v)
            got_b = small[(roi, meas, "begg")]
            check("Begg (closed form)", f"{key} tau", num(got_b["statistic"]), b["statistic"], 1e-8)
            check("Begg (closed form)", f"{key} pval", num(got_b["pval"]), b["pval"], 1e-8)
            check_trim_and_fill(key, y, v, method, test, level, small, filled, tol_fit)
        if meta["subgroup"] and f["k"] >= 2:
            key_s = meta["subgroup"]
            with_level = [r for r in rows if r["mods"].get(key_s)]
            levels = sorted({r["mods"][key_s] for r in with_level})
            if len(levels) >= 2:
                ests, ses = [], []
                for lev in levels:
                    part = [r for r in with_level if r["mods"][key_s] == lev]
                    g = fit([r["yi"] for r in part], [r["vi"] for r in part], method, test, level)
                    got_s = sub[(roi, meas, lev)]
                    for q in ("estimate", "se", "ci_lb", "ci_ub", "tau2"):
                        check("subgroups", f"{key} {lev} {q}", num(got_s[q]), g[q], tol_fit)
                    ests.append(g["estimate"])
                    ses.append(g["se"])
                w = 1 / np.asarray(ses) ** 2
                mu = np.sum(w * ests) / w.sum()
                qb = float(np.sum(w * (np.asarray(ests) - mu) ** 2))
                got_t = subtests[(roi, meas, "separate_tau2_Q_between")]
                check("subgroup tests", f"{key} Q_between", num(got_t["statistic"]), qb, tol_fit)
                check("subgroup tests", f"{key} Q_between p", num(got_t["pval"]),
                      stats.chi2.sf(qb, len(levels) - 1), tol_fit)
                X = np.column_stack([np.ones(len(with_level))] +
                                    [[float(r["mods"][key_s] == lev) for r in with_level] for lev in levels[1:]])
                if len(with_level) > X.shape[1] + 1:
                    mr = meta_regression([r["yi"] for r in with_level], [r["vi"] for r in with_level], X, method,
                                         test, level)
                    name = "common_tau2_F" if test == "knha" else "common_tau2_QM"
                    got_c = subtests[(roi, meas, name)]
                    check("subgroup tests", f"{key} common QM", num(got_c["statistic"]), mr["QM"], tol_fit)
                    check("subgroup tests", f"{key} common p", num(got_c["pval"]), mr["QMp"], tol_fit)
                    check("subgroup tests", f"{key} common tau2", num(got_c["tau2"]), mr["tau2"], tol_fit)
        if meta["moderators"] and f["k"] >= 2:
            check_regression(key, rows, meta["moderators"], reg, method, test, level, tol_fit)

    keys = [k for k in pairs if k in fits]
    adjusted = p_adjust_bh([fits[k]["pval"] for k in keys]) if meta["p_adjust"] == "BH" else None
    if adjusted is not None:
        for k, a in zip(keys, adjusted):
            check("p.adjust BH", f"{k}", num(pooled[k]["p_adjusted"]), a, tol_fit)

    check_json(meta_dir, fits, method, test, tol_fit)
    check_h5(meta_dir, inputs)

    for group, (rel, what) in sorted(WORST.items()):
        print(f"[ measured ] {group}: max relative error {rel:.3g} ({what})")
    if FAILURES:
        print("\n".join(FAILURES[:50]))
        print(f"{len(FAILURES)} mismatches")
        return 1
    print("ok")
    return 0


def check_regression(key, rows, moderators, reg, method, test, level, tol):
    """Numeric moderators as numbers, text moderators as treatment-coded factors (sorted levels)."""
    part = [r for r in rows if all(r["mods"].get(m) for m in moderators)]
    cols, names = [np.ones(len(part))], ["intrcpt"]
    for m in moderators:
        values = [r["mods"][m] for r in part]
        try:
            cols.append([float(x) for x in values])
            names.append(m)
        except ValueError:
            levels = sorted(set(values))
            for level_name in levels[1:]:
                cols.append([float(x == level_name) for x in values])
                names.append(f"{m}[T.{level_name}]")
    X = np.column_stack(cols)
    fitted = [(key[0], key[1], n) in reg for n in names]
    if len(part) <= X.shape[1] or len(names) == 1:  # too few studies for the model: not fitted
        if any(fitted):
            FAILURES.append(f"meta-regression of {key} fitted with {len(part)} studies for {X.shape[1]} coefficients")
        return
    mr = meta_regression([r["yi"] for r in part], [r["vi"] for r in part], X, method, test, level)
    for i, n in enumerate(names):
        got = reg.get((key[0], key[1], n))
        if got is None:
            FAILURES.append(f"meta-regression of {key}: no term {n}")
            continue
        for q in ("estimate", "se", "pval", "ci_lb", "ci_ub"):
            want = mr["beta" if q == "estimate" else q][i]
            check("meta-regression", f"{key} {n} {q}", num(got[q]), want, tol)
        check("meta-regression", f"{key} QM", num(got["QM"]), mr["QM"], tol)
        check("meta-regression", f"{key} tau2", num(got["tau2"]), mr["tau2"], tol)
        check("meta-regression", f"{key} k", num(got["k"]), len(part), 0)


def check_json(meta_dir, fits, method, test, tol):
    for (roi, meas), f in fits.items():
        path = os.path.join(meta_dir, "models", f"{roi}_{meas}.json")
        j = json.load(open(path))
        if j["roi"] != roi or j["roi_measure"] != meas or j["method"] != method or j["k"] != f["k"]:
            FAILURES.append(f"{path}: roi/measure/method/k")
        if j["test"] != f["test"]:
            FAILURES.append(f"{path}: test {j['test']}, want {f['test']}")
        stat = "zval" if f["test"] == "z" else "tval"
        for name, want in (("estimate", f["estimate"]), ("se", f["se"]), (stat, f["statistic"]),
                           ("pval", f["pval"]), ("ci_lb", f["ci_lb"]), ("ci_ub", f["ci_ub"]), ("pi_lb", f["pi_lb"]),
                           ("pi_ub", f["pi_ub"]), ("tau2", f["tau2"]), ("I2", f["I2"]), ("H2", f["H2"]),
                           ("QE", f["QE"]), ("QEp", f["QEp"])):
            check("JSON models", f"{roi}/{meas} {name}", j[name], want, tol)
        for arr, want in (("yi", f["y"]), ("vi", f["v"]), ("weights", f["weights"])):
            for i, w in enumerate(want):
                check("JSON models", f"{roi}/{meas} {arr}[{i}]", j[arr][i], w, tol)
        for name in ("tau2_ci_lb", "tau2_ci_ub"):
            if name not in j:
                FAILURES.append(f"{path}: no {name}")
    pools = read_table(os.path.join(meta_dir, "meta_pooled.tsv"))
    written = glob.glob(os.path.join(meta_dir, "models", "*.json"))
    if len(written) != len(pools):
        FAILURES.append(f"{len(written)} JSON models for {len(pools)} pools")


def check_h5(meta_dir, inputs):
    with h5py.File(os.path.join(meta_dir, "meta_acuroi.h5"), "r") as h:
        for tsv in sorted(glob.glob(os.path.join(meta_dir, "meta_*.tsv"))):
            name = os.path.basename(tsv)[5:-4]
            g = h[name]
            columns = g.attrs["columns"].split(",")
            rows = read_table(tsv)
            header = list(rows[0].keys()) if rows else columns
            if columns != header:
                FAILURES.append(f"h5 /{name}: columns {columns} != TSV header {header}")
                continue
            for c in columns:
                ds = g[c]
                values = ds.asstr()[...] if ds.dtype.kind == "O" else ds[...]
                for i, row in enumerate(rows):
                    cell = row[c]
                    if ds.dtype.kind == "O":
                        ok = values[i] == ("" if cell == "n/a" else cell)
                    elif ds.dtype.kind == "f":
                        ok = (math.isnan(values[i]) and cell == "n/a") or float(cell) == float(values[i])
                    else:
                        ok = int(cell) == int(values[i])
                    if not ok:
                        FAILURES.append(f"h5 /{name}/{c}[{i}] = {values[i]!r}, TSV {cell!r}")
                        break
        files = h["provenance/input_files"]
        got = dict(zip(files["study"].asstr()[...], zip(files["path"].asstr()[...], files["sha256"].asstr()[...])))
        for study, path in inputs:
            want = hashlib.sha256(open(path, "rb").read()).hexdigest()
            if got.get(study, (None, None))[1] != want or os.path.abspath(got[study][0]) != os.path.abspath(path):
                FAILURES.append(f"provenance of {study}: {got.get(study)} != {path} {want}")
        if len(h["provenance"].attrs["config_sha256"]) != 64:
            FAILURES.append("provenance: config_sha256")
        if "meta:" not in h["provenance/config_yaml"].asstr()[()]:
            FAILURES.append("provenance: config_yaml has no meta section")


if __name__ == "__main__":
    sys.exit(main())
