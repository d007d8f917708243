"""Writes a minimal <out>/meta/ (metastudy/SCHEMA.md columns the report reads) from metafor 3.8.1
reference values (data/), for two pools:
  ACC x alff      escalc normand1999 MD and rma REML on it (no trim-and-fill, no subgroups);
  insula x alff   dat.bcg log RR, rma REML, trimfill (L0: k0 = 1, side right) and subgroups by
                  `alloc` (rma REML per level, Q between, moderator test QM).
Prints three lines for the checks:
  "yi1,yi2,... POOLED"                                     (ACC x alff forest)
  "K K0 POOLED FILLED_YI FILLED_SEI TRIMFILL_ESTIMATE"     (insula x alff funnel, check_meta_svg.py)
  "OVERALL LEVEL=N:EST:CI_LB:CI_UB ... test=QM"            (insula x alff forest by alloc)
Usage: make_meta_fixture.py OUT"""
import csv
import math
import os
import sys

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
out = os.path.join(sys.argv[1], "meta")
os.makedirs(out, exist_ok=True)
studies = list(csv.DictReader(open(os.path.join(here, "normand1999_MD.csv"))))
fit, weights = {}, {}
for row in csv.reader(open(os.path.join(here, "normand1999_MD_REML_expected.csv"))):
    _, _, quantity, index, value = row
    if quantity == "weights_pct":
        weights[index] = value
    else:
        fit[quantity] = value

bcg = list(csv.DictReader(open(os.path.join(here, "bcg_logRR.csv"))))
ref = {}
for row in csv.DictReader(open(os.path.join(here, "bcg_logRR_REML_expected.csv"))):
    ref[(row["analysis"], row["quantity"], row["index"])] = row["value"]
rr = lambda q, i="": ref[("logRR_REML", q, i)]
tf = lambda q, i="": ref[("logRR_trimfill_REML_L0", q, i)]
sg = lambda q, i="": ref[("subgroup_alloc_REML", q, i)]
levels = ["alternate", "random", "systematic"]


def write(name, header, rows):
    with open(os.path.join(out, name), "w") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(str(v) for v in r) + "\n")


write("meta_study_effects.tsv", ["roi", "measure", "study", "label", "yi", "vi", "sei", "total_n", "weight", "alloc"],
      [["ACC", "alff", "s" + s["study"], "study " + s["study"], s["yi"], s["vi"], s["sei"], "n/a",
        weights[s["study"]], "n/a"] for s in studies] +
      [["insula", "alff", "bcg", b["author"], b["yi"], b["vi"], b["sei"], "n/a", rr("weights_pct", b["study"]),
        b["alloc"]] for b in bcg])
pooled_header = ["roi", "measure", "k", "effect_measure", "method", "estimate", "se", "ci_lb", "ci_ub", "pi_lb",
                 "pi_ub", "tau2", "I2", "QE", "QEp", "status"]
write("meta_pooled.tsv", pooled_header,
      [["ACC", "alff", fit["k"], "MD", "REML", fit["beta"], fit["se"], fit["ci.lb"], fit["ci.ub"],
        fit["predict/pi.lb"], fit["predict/pi.ub"], fit["tau2"], fit["I2"], fit["QE"], fit["QEp"], ""],
       ["insula", "alff", rr("k"), "RR", "REML", rr("beta", "intrcpt"), rr("se", "intrcpt"), rr("ci.lb", "intrcpt"),
        rr("ci.ub", "intrcpt"), rr("predict/pi.lb"), rr("predict/pi.ub"), rr("tau2"), rr("I2"), rr("QE"), rr("QEp"),
        ""]])
write("meta_summary_of_findings.tsv", ["roi", "measure", "k", "estimate", "ci_lb", "ci_ub", "pi_lb", "pi_ub",
                                       "I2", "pval"],
      [["ACC", "alff", fit["k"], fit["beta"], fit["ci.lb"], fit["ci.ub"], fit["predict/pi.lb"],
        fit["predict/pi.ub"], fit["I2"], fit["pval"]]])
k0 = int(tf("k0"))
write("meta_small_study.tsv", ["roi", "measure", "test", "k", "statistic", "df", "pval", "estimate", "ci_lb",
                               "ci_ub", "k0", "side", "detail"],
      [["insula", "alff", "trim_and_fill_L0", tf("k"), tf("stat", "intrcpt"), "n/a", tf("pval", "intrcpt"),
        tf("beta", "intrcpt"), tf("ci.lb", "intrcpt"), tf("ci.ub", "intrcpt"), k0, "right", "metafor"]])
filled_yi = [tf("filled_yi")] if k0 == 1 else [tf("filled_yi", str(j + 1)) for j in range(k0)]
filled_vi = [tf("filled_vi")] if k0 == 1 else [tf("filled_vi", str(j + 1)) for j in range(k0)]
filled_sei = [repr(math.sqrt(float(v))) for v in filled_vi]
write("meta_trimfill_filled.tsv", ["roi", "measure", "effect_measure", "filled", "side", "yi", "vi", "sei"],
      [["insula", "alff", "RR", j + 1, "right", filled_yi[j], filled_vi[j], filled_sei[j]] for j in range(k0)])
write("meta_subgroups.tsv", ["roi", "measure", "moderator", "level", "k", "estimate", "se", "statistic", "pval",
                             "ci_lb", "ci_ub", "tau2", "QE", "QEp", "I2"],
      [["insula", "alff", "alloc", lv, sg(f"per_level/{lv}/k"), sg(f"per_level/{lv}/beta"),
        sg(f"per_level/{lv}/se"), "n/a", sg(f"per_level/{lv}/pval"), sg(f"per_level/{lv}/ci.lb"),
        sg(f"per_level/{lv}/ci.ub"), sg(f"per_level/{lv}/tau2"), sg(f"per_level/{lv}/QE"),
        sg(f"per_level/{lv}/QEp"), sg(f"per_level/{lv}/I2")] for lv in levels])
write("meta_subgroup_tests.tsv", ["roi", "measure", "moderator", "test", "k", "statistic", "df1", "df2", "pval",
                                  "tau2"],
      [["insula", "alff", "alloc", "separate_tau2_Q_between", rr("k"), sg("test_subgroup_diff_Q"),
        sg("test_subgroup_diff_df"), "n/a", sg("test_subgroup_diff_p"), "n/a"],
       ["insula", "alff", "alloc", "common_tau2_QM", rr("k"), sg("metareg_common_tau2/QM"),
        sg("metareg_common_tau2/QMdf", "1"), "n/a", sg("metareg_common_tau2/QMp"),
        sg("metareg_common_tau2/tau2")]])
print(",".join(s["yi"] for s in studies), fit["beta"])
print(len(bcg), k0, rr("beta", "intrcpt"), ",".join(filled_yi), ",".join(filled_sei), tf("beta", "intrcpt"))
counts = {lv: sum(b["alloc"] == lv for b in bcg) for lv in levels}
qm = float(sg("metareg_common_tau2/QM"))
print(rr("beta", "intrcpt"), " ".join(f"{lv}={counts[lv]}:{sg(f'per_level/{lv}/beta')}:{sg(f'per_level/{lv}/ci.lb')}:"
                                      f"{sg(f'per_level/{lv}/ci.ub')}" for lv in levels), f"test=QM = {qm:.4g}")
