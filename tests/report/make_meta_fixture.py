"""Writes a minimal <out>/meta/ (metastudy/SCHEMA.md columns the report reads) from metafor 3.8.1
reference values (data/: escalc normand1999 MD and rma REML on it), for one pool ACC x alff.
Prints "yi1,yi2,..." and the pooled estimate for the checks.  Usage: make_meta_fixture.py OUT"""
import csv
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


def write(name, header, rows):
    with open(os.path.join(out, name), "w") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(str(v) for v in r) + "\n")


write("meta_study_effects.tsv", ["roi", "measure", "study", "label", "yi", "vi", "sei", "total_n", "weight"],
      [["ACC", "alff", "s" + s["study"], "study " + s["study"], s["yi"], s["vi"], s["sei"], "n/a",
        weights[s["study"]]] for s in studies])
write("meta_pooled.tsv", ["roi", "measure", "k", "effect_measure", "method", "estimate", "se", "ci_lb", "ci_ub",
                          "pi_lb", "pi_ub", "tau2", "I2", "QE", "QEp", "status"],
      [["ACC", "alff", fit["k"], "MD", "REML", fit["beta"], fit["se"], fit["ci.lb"], fit["ci.ub"],
        fit["predict/pi.lb"], fit["predict/pi.ub"], fit["tau2"], fit["I2"], fit["QE"], fit["QEp"], ""]])
write("meta_summary_of_findings.tsv", ["roi", "measure", "k", "estimate", "ci_lb", "ci_ub", "pi_lb", "pi_ub",
                                       "I2", "pval"],
      [["ACC", "alff", fit["k"], fit["beta"], fit["ci.lb"], fit["ci.ub"], fit["predict/pi.lb"],
        fit["predict/pi.ub"], fit["I2"], fit["pval"]]])
print(",".join(s["yi"] for s in studies), fit["beta"])
