"""scipy (1.10.1, Debian 12) reference for the rank tests: reads a JSON list of cases, prints the
results as a JSON list [{"statistic": .., "p": .., "z": ..}] in the same order."""
import json
import sys
import warnings

from scipy import stats

warnings.simplefilter("ignore")
cases = json.load(open(sys.argv[1]))
out = []
for case in cases:
    if case["kind"] == "wilcoxon":
        method = case["method"]
        res = stats.wilcoxon(case["x"], method=method, correction=case["correction"])
        z = getattr(res, "zstatistic", None)
        out.append({"statistic": float(res.statistic), "p": float(res.pvalue),
                    "z": None if z is None else float(z)})
    else:
        res = stats.mannwhitneyu(case["x"], case["y"], method=case["method"],
                                 use_continuity=case["use_continuity"], alternative="two-sided")
        out.append({"statistic": float(res.statistic), "p": float(res.pvalue), "z": None})
print(json.dumps(out))
