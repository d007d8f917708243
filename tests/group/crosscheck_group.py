"""Independent recomputation of `acuroi group` outputs from the participant files.

Reads every sub-*/sub-*_acuroi.h5 under the output folder with h5py, applies the exclusion rules
(participants.exclude, study arms, both sessions present with a measure table and a finite value,
finite pre and post per ROI x measure), recomputes every test, effect size, study record and OLS
model with numpy/scipy (OLS as statsmodels defines it: numpy least squares here, statsmodels is not
installed), R's p.adjust "BH", and checks group/group_acuroi.h5 against them at the given relative
tolerance; checks that the TSV tables hold the same values as the HDF5 tables and the provenance.

Usage: crosscheck_group.py SPEC.json   (prints a JSON summary with the failures found)
"""
import csv
import hashlib
import json
import math
import os
import sys

import h5py
import numpy as np
from scipy import stats

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import group_reference as ref  # noqa: E402

spec = json.load(open(sys.argv[1]))
TOL = spec["tolerance"]
CONF = spec["confidence"]
out_dir = spec["output_dir"]
group_path = os.path.join(out_dir, "group", "group_acuroi.h5")
active_arm, control_arm = spec["arms"]
pre_ses, post_ses = spec["sessions"]
failures = []
compared = 0
max_relative = 0.0


def check(what, ours, expected):
    """ours (from the group file) against expected (recomputed) at TOL relative."""
    global compared, max_relative
    compared += 1
    ours, expected = float(ours), float(expected)
    if math.isnan(expected):
        if not math.isnan(ours):
            failures.append(f"{what}: expected NaN, got {ours!r}")
        return
    diff = abs(ours - expected)
    rel = diff / abs(expected) if expected != 0 else diff
    if not (diff <= TOL * abs(expected) + 1e-15):
        failures.append(f"{what}: ours {ours!r}, expected {expected!r} (rel {rel:.3g})")
    if expected != 0:
        max_relative = max(max_relative, rel)


# ---- participant files ----------------------------------------------------------------------
participants = ref.read_participants(out_dir)
included = [p for p in participants if ref.usable(p, spec)]
left_out = sorted(p["label"] for p in participants if not ref.usable(p, spec))

g = h5py.File(group_path, "r")
columns = list(zip(g["values/roi"].asstr()[...], g["values/measure"].asstr()[...]))
expected_columns = set()
for p in included:
    for ses in (pre_ses, post_ses):
        expected_columns |= {k for k in p["sessions"][ses] if ref.selected(k[1], spec["measures"])}
if set(columns) != expected_columns or len(columns) != len(expected_columns):
    failures.append(f"columns {columns} != {sorted(expected_columns)}")
if list(g["values/participant"].asstr()[...]) != [p["label"] for p in included]:
    failures.append("included participants differ")


def arm_data(key, arm):
    rows = [p for p in included if p["arm"] == arm
            and np.isfinite(ref.value(p, pre_ses, key)) and np.isfinite(ref.value(p, post_ses, key))]
    pre = np.array([ref.value(p, pre_ses, key) for p in rows])
    post = np.array([ref.value(p, post_ses, key) for p in rows])
    return rows, pre, post


# Value-level exclusions: every (participant, session, roi, measure) without a finite value.
expected_value_exclusions = set()
for p in included:
    for key in columns:
        for ses in (pre_ses, post_ses):
            if not np.isfinite(ref.value(p, ses, key)):
                expected_value_exclusions.add((p["label"], ses, key[0], key[1]))
ex = {k: g["exclusions/" + k].asstr()[...] for k in ("participant", "session", "roi", "measure")}
got_value = {(a, b, c, d) for a, b, c, d in zip(ex["participant"], ex["session"], ex["roi"],
                                                  ex["measure"]) if c}
got_participants = sorted(a for a, c in zip(ex["participant"], ex["roi"]) if not c)
if got_value != expected_value_exclusions:
    failures.append(f"value exclusions {sorted(got_value)} != {sorted(expected_value_exclusions)}")
if got_participants != left_out:
    failures.append(f"participants left out {got_participants} != {left_out}")


def table(name):
    grp = g[name]
    out = {}
    for k in grp:
        d = grp[k]
        out[k] = list(d.asstr()[...]) if d.dtype.kind == "O" else list(d[...])
    return out


# ---- tests ----------------------------------------------------------------------------------
tests = table("tests")
row_of = {(r, m, t, gr): i for i, (r, m, t, gr) in
          enumerate(zip(tests["roi"], tests["measure"], tests["test"], tests["group"]))}


def check_row(key, expected):
    i = row_of.get(key)
    if i is None:
        failures.append(f"no test row {key}")
        return
    if tests["status"][i]:
        failures.append(f"test row {key} has status {tests['status'][i]}")
    for q, x in expected.items():
        check(f"{key}.{q}", tests[q][i], x)


between = f"{active_arm}-{control_arm}"
for key in columns:
    roi, measure = key
    changes = {}
    for arm in (active_arm, control_arm):
        rows, pre, post = arm_data(key, arm)
        d = post - pre
        changes[arm] = d
        n = len(d)
        res = stats.ttest_rel(post, pre)
        sd = d.std(ddof=1)
        se = sd / math.sqrt(n)
        lo, hi = ref.t_ci(d.mean(), se, n - 1, CONF)
        check_row((roi, measure, "paired_t", arm),
                  {"n1": n, "estimate": d.mean(), "se": se, "statistic": res.statistic,
                   "df": n - 1, "p": res.pvalue, "ci_lower": lo, "ci_upper": hi,
                   "cohen_dz": d.mean() / sd})
        w = stats.wilcoxon(d)
        check_row((roi, measure, "wilcoxon", arm), {"n1": n, "statistic": w.statistic, "p": w.pvalue})
    a, c = changes[active_arm], changes[control_arm]
    n1, n2 = len(a), len(c)
    m = n1 + n2 - 2
    pooled = math.sqrt(((n1 - 1) * a.var(ddof=1) + (n2 - 1) * c.var(ddof=1)) / m)
    d_cohen = (a.mean() - c.mean()) / pooled
    g_hedges = ref.hedges_j_exact(m) * d_cohen
    var_g = 1 / n1 + 1 / n2 + g_hedges ** 2 / (2 * (n1 + n2))
    va, vc = a.var(ddof=1) / n1, c.var(ddof=1) / n2
    for test, equal_var in (("welch_t", False), ("student_t", True)):
        res = stats.ttest_ind(a, c, equal_var=equal_var)
        if equal_var:
            df = m
            se = pooled * math.sqrt(1 / n1 + 1 / n2)
        else:
            df = (va + vc) ** 2 / (va ** 2 / (n1 - 1) + vc ** 2 / (n2 - 1))
            se = math.sqrt(va + vc)
        lo, hi = ref.t_ci(a.mean() - c.mean(), se, df, CONF)
        check_row((roi, measure, test, between),
                  {"n1": n1, "n2": n2, "estimate": a.mean() - c.mean(), "se": se,
                   "statistic": res.statistic, "df": df, "p": res.pvalue, "ci_lower": lo,
                   "ci_upper": hi, "pooled_sd": pooled, "cohen_d": d_cohen, "hedges_g": g_hedges,
                   "hedges_g_variance": var_g})
    u = stats.mannwhitneyu(a, c, alternative="two-sided")
    check_row((roi, measure, "mann_whitney", between), {"statistic": u.statistic, "p": u.pvalue})


families = {}
for i, key in enumerate(zip(tests["test"], tests["group"])):
    families.setdefault(key, []).append(i)
for key, rows in families.items():
    adjusted = ref.p_adjust_bh([tests["p"][i] for i in rows])
    for i, x in zip(rows, adjusted):
        check(f"p_adjusted {key} row {i}", tests["p_adjusted"][i], x)

# ---- study records --------------------------------------------------------------------------
records = table("study_records")
for i, (roi, measure) in enumerate(zip(records["roi"], records["measure"])):
    key = (roi, measure)
    if records["status"][i]:
        failures.append(f"record {key}: {records['status'][i]}")
    ch = {}
    for prefix, arm in (("active_", active_arm), ("control_", control_arm)):
        rows, pre, post = arm_data(key, arm)
        d = post - pre
        ch[arm] = d
        for q, x in (("n", len(d)), ("mean_pre", pre.mean()), ("sd_pre", pre.std(ddof=1)),
                     ("mean_post", post.mean()), ("sd_post", post.std(ddof=1)),
                     ("mean_change", d.mean()), ("sd_change", d.std(ddof=1)),
                     ("pre_post_correlation", stats.pearsonr(pre, post)[0])):
            check(f"record {key}.{prefix}{q}", records[prefix + q][i], x)
    a, c = ch[active_arm], ch[control_arm]
    check(f"record {key}.mean_difference", records["mean_difference"][i], a.mean() - c.mean())
    check(f"record {key}.mean_difference_variance", records["mean_difference_variance"][i],
          a.var(ddof=1) / len(a) + c.var(ddof=1) / len(c))
    j = row_of[(roi, measure, "student_t", between)]
    check(f"record {key}.hedges_g", records["hedges_g"][i], tests["hedges_g"][j])
    check(f"record {key}.hedges_g_variance", records["hedges_g_variance"][i],
          tests["hedges_g_variance"][j])


# ---- GLMs -----------------------------------------------------------------------------------
glm = table("glm")
glm_row = {(r, m, mo, te): i for i, (r, m, mo, te) in
           enumerate(zip(glm["roi"], glm["measure"], glm["model"], glm["term"]))}
glm_rows_expected = 0
fits = {}
for key in columns:
    rows = [p for p in included
            if np.isfinite(ref.value(p, pre_ses, key)) and np.isfinite(ref.value(p, post_ses, key))]
    for model in ("ancova", "change"):
        names, x, y, groups = ref.design(rows, key, model, spec)
        fit = ref.ols(x, y)
        fits[(key, model)] = fit
        tcrit = stats.t.ppf(0.5 + CONF / 2, fit["df_resid"])

        def expect(term, q):
            global glm_rows_expected
            glm_rows_expected += 1
            i = glm_row.get((key[0], key[1], model, term))
            if i is None:
                failures.append(f"no GLM row {key} {model} {term}")
                return
            if glm["status"][i]:
                failures.append(f"GLM row {key} {model} {term}: {glm['status'][i]}")
            for name, x_ in q.items():
                check(f"glm {key} {model} {term}.{name}", glm[name][i], x_)

        for j, name in enumerate(names):
            b, s = fit["beta"][j], fit["se"][j]
            expect(name, {"n": fit["n"], "estimate": b, "se": s, "statistic": fit["t"][j],
                          "df_den": fit["df_resid"], "p": fit["p"][j],
                          "ci_lower": b - tcrit * s, "ci_upper": b + tcrit * s})
        for cov, idx in groups.items():
            if len(idx) >= 2:
                f, d1, d2, p = ref.wald_f(fit, idx)
                expect(cov, {"statistic": f, "df_num": d1, "df_den": d2, "p": p})
        all_idx = [j for idx in groups.values() for j in idx]
        f, d1, d2, p = ref.wald_f(fit, all_idx)
        expect("covariates", {"statistic": f, "df_num": d1, "df_den": d2, "p": p})
        expect("model", {"statistic": fit["f"], "df_num": fit["df_model"],
                         "df_den": fit["df_resid"], "p": fit["f_p"], "r_squared": fit["r2"],
                         "adj_r_squared": fit["adj_r2"], "sigma2": fit["sigma2"],
                         "log_likelihood": fit["llf"], "aic": fit["aic"], "bic": fit["bic"]})
if glm_rows_expected != len(glm["roi"]):
    failures.append(f"{len(glm['roi'])} GLM rows, expected {glm_rows_expected}")

glm_families = {}
for i, (mo, te, kind) in enumerate(zip(glm["model"], glm["term"], glm["kind"])):
    if kind == "coefficient":
        glm_families.setdefault((mo, te), []).append(i)
for key, rows in glm_families.items():
    adjusted = ref.p_adjust_bh([glm["p"][i] for i in rows])
    for i, x in zip(rows, adjusted):
        check(f"glm p_adjusted {key} row {i}", glm["p_adjusted"][i], x)

# ---- permutation families: observed t on the complete cases, max-T arithmetic ----------------
complete = [p for p in included if all(
    np.isfinite(ref.value(p, s, k)) for s in (pre_ses, post_ses) for k in columns)]
B = spec["permutations"]
for name in ("between_welch_t", "glm_ancova", "glm_change"):
    fam = g["permutation"][name]
    if fam.attrs["status"]:
        failures.append(f"permutation {name}: {fam.attrs['status']}")
        continue
    if list(fam["participants"].asstr()[...]) != [p["label"] for p in complete]:
        failures.append(f"permutation {name}: participants differ from the complete cases")
    max_t = fam["max_abs_t"][...]
    if len(max_t) != B or fam.attrs["n_permutations"] != B:
        failures.append(f"permutation {name}: {len(max_t)} permutations, expected {B}")
    for k, test in enumerate(fam["tests"].asstr()[...]):
        roi, measure = test.split("/")
        key = (roi, measure)
        if name == "between_welch_t":
            a = np.array([ref.value(p, post_ses, key) - ref.value(p, pre_ses, key)
                          for p in complete if p["arm"] == active_arm])
            c = np.array([ref.value(p, post_ses, key) - ref.value(p, pre_ses, key)
                          for p in complete if p["arm"] == control_arm])
            t_obs = stats.ttest_ind(a, c, equal_var=False).statistic
            row = tests, row_of[(roi, measure, "welch_t", between)]
        else:
            model = name[4:]
            _, x, y, _ = ref.design(complete, key, model, spec)
            t_obs = ref.ols(x, y)["t"][1]
            row = glm, glm_row[(roi, measure, model, f"arm[T.{active_arm}]")]
        check(f"permutation {name} {test} t_observed", fam["t_observed"][k], t_obs)
        p_fwe = (1 + np.sum(max_t >= abs(fam["t_observed"][k]))) / (B + 1)
        check(f"permutation {name} {test} p_fwe", fam["p_fwe"][k], p_fwe)
        p_unc = fam["p_uncorrected"][k]
        if not (1 / (B + 1) <= p_unc <= p_fwe <= 1):
            failures.append(f"permutation {name} {test}: p {p_unc} p_fwe {p_fwe}")
        tbl, i = row
        check(f"row p_permutation {name} {test}", tbl["p_permutation"][i], p_unc)
        check(f"row p_fwe {name} {test}", tbl["p_fwe"][i], fam["p_fwe"][k])

# ---- TSV equals HDF5 ------------------------------------------------------------------------
tsv_cells = tsv_equal = 0
for name, group_name in (("group_tests.tsv", "tests"), ("group_glm.tsv", "glm"),
                         ("group_study_records.tsv", "study_records"),
                         ("group_exclusions.tsv", "exclusions")):
    with open(os.path.join(out_dir, "group", name), newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header, body = rows[0], rows[1:]
    h5 = table(group_name)
    if header != g[group_name].attrs["columns"].split(",") or sorted(header) != sorted(h5):
        failures.append(f"{name}: columns {header} != {sorted(h5)}")
        continue
    for c, col in enumerate(header):
        for r, cells in enumerate(body):
            tsv_cells += 1
            cell, x = cells[c], h5[col][r]
            if isinstance(x, str):
                ok = cell == (x if x else "n/a")
            elif cell == "n/a":
                ok = math.isnan(float(x))
            else:
                ok = float(cell) == float(x)
            tsv_equal += ok
            if not ok and len(failures) < 50:
                failures.append(f"{name} row {r} {col}: tsv {cell!r} vs h5 {x!r}")

# ---- provenance -----------------------------------------------------------------------------
prov = g["provenance"]
files = prov["participant_files"]
paths = list(files["path"].asstr()[...])
if paths != [p["path"] for p in participants]:
    failures.append(f"provenance paths {paths}")
for path, digest, size in zip(paths, files["sha256"].asstr()[...], files["size_bytes"][...]):
    data = open(path, "rb").read()
    if hashlib.sha256(data).hexdigest() != digest or len(data) != size:
        failures.append(f"provenance hash/size of {path}")
config_text = prov["config_yaml"].asstr()[()]
if hashlib.sha256(config_text.encode()).hexdigest() != prov.attrs["config_sha256"]:
    failures.append("config_sha256 is not the SHA-256 of config_yaml")
if "group:" not in config_text or "permutations: 499" not in config_text:
    failures.append("config_yaml lacks the group section")
if not g.attrs["acuroi_version"] or g.attrs["schema_version"] != 1:
    failures.append("root attributes")

print(json.dumps({"compared": compared, "max_relative": max_relative, "failures": failures[:50],
                  "tsv_cells": tsv_cells, "tsv_cells_equal": tsv_equal,
                  "participants": len(included), "columns": len(columns)}))
