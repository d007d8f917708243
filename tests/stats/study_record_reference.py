"""numpy reference for the study-level records: per ROI and arm, n, mean and SD (ddof=1) of
pre, post and change, and the pre-post Pearson r, from subjects.csv. Prints JSON."""
import csv
import json
import sys

import numpy as np

rows = list(csv.DictReader(open(sys.argv[1])))
rois = ["ACC", "insula", "S1", "thalamus", "DMN"]
out = {}
for roi in rois:
    out[roi] = {}
    for arm in ["acupuncture", "sham"]:
        pre = np.array([float(r[roi + "_pre"]) for r in rows if r["group"] == arm])
        post = np.array([float(r[roi + "_post"]) for r in rows if r["group"] == arm])
        change = post - pre
        out[roi][arm] = {
            "n": int(pre.size),
            "mean_pre": pre.mean(), "sd_pre": pre.std(ddof=1),
            "mean_post": post.mean(), "sd_post": post.std(ddof=1),
            "mean_change": change.mean(), "sd_change": change.std(ddof=1),
            "r": float(np.corrcoef(pre, post)[0, 1]),
        }
print(json.dumps(out))
