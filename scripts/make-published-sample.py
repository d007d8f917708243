#!/usr/bin/python3
"""Writes data-samples/published/pain_network_alff_synthetic.csv: a SYNTHETIC table of
"published" acupuncture-vs-sham studies (no real study is in it), one row per study x ROI, in
metafor's escalc column names, for the demo's meta-analysis (configs/demo.yaml, meta:).

Each study has a true standardised mean difference of the ALFF change (acupuncture - sham) drawn
around the values reviews report (ACC and insula 0.27, S1 and thalamus 0.30, DMN 0.29) with
between-study SD 0.35 (I^2 about 60-90% at these sample sizes); the per-arm change means and SDs
are then drawn as a trial of that size would give them. Seeded: the same bytes every time.
Usage: scripts/make-published-sample.py [OUT.csv]"""
import csv
import sys

import numpy as np

ROIS = {"ACC": 0.27, "insula": 0.27, "S1": 0.30, "thalamus": 0.30, "DMN": 0.29}
STUDIES = [  # label, year, country, pain_type, sham_type, n per arm
    ("Synthetic A 2014", 2014, "CN", "chronic", "non-penetrating", 24),
    ("Synthetic B 2016", 2016, "KR", "experimental", "sham points", 18),
    ("Synthetic C 2017", 2017, "CN", "chronic", "sham points", 30),
    ("Synthetic D 2019", 2019, "US", "chronic", "non-penetrating", 20),
    ("Synthetic E 2020", 2020, "DE", "experimental", "non-penetrating", 16),
    ("Synthetic F 2022", 2022, "CN", "chronic", "sham points", 36),
    ("Synthetic G 2023", 2023, "BR", "experimental", "non-penetrating", 22),
]
TAU = 0.35


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "data-samples/published/pain_network_alff_synthetic.csv"
    rng = np.random.default_rng(20261121)
    rows = []
    for label, year, country, pain, sham, n in STUDIES:
        for roi, mean_smd in ROIS.items():
            delta = rng.normal(mean_smd, TAU)
            sd = rng.uniform(0.08, 0.14)  # SD of the ALFF change, per arm
            active = rng.normal(0.0, sd, n)
            control = rng.normal(0.0, sd, n)
            active = active - active.mean() + rng.normal(0.0, 0.02)
            control = control - control.mean() + rng.normal(0.0, 0.02)
            active += delta * sd  # the study's true effect in SD units
            rows.append({"study": label, "roi": roi, "measure": "alff",
                         "m1i": f"{active.mean():.4f}", "sd1i": f"{active.std(ddof=1):.4f}", "n1i": n,
                         "m2i": f"{control.mean():.4f}", "sd2i": f"{control.std(ddof=1):.4f}", "n2i": n,
                         "year": year, "country": country, "pain_type": pain, "sham_type": sham})
    with open(out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


main()
