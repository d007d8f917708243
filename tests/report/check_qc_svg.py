"""Checks QC and group SVG plots element by element, independently of the C++ writer: the SVG is
parsed with xml.etree, pixel coordinates are mapped back to data through the scale written on
<g class="plot-area"> (data-x-min/max + data-px-min/max, data-y-min/max + data-py-min/max), and
expected values are computed here with numpy from the plot's input (a JSON file; null = NaN).
Coordinates are written with 2 decimals, so a mapped-back value may differ from the input by
0.005 px in data units; the tolerance is 0.0051 px converted to data units.
Usage: check_qc_svg.py KIND SVG EXPECTED_JSON   (KIND: fd, paired, effect, carpet, legend)
       check_qc_svg.py bound REPORT_HTML EXPECTED_JSON  ({"out_dir": ..., "max_runs": N}): the
           report draws FD + carpet figures for the N runs with the most censored volumes (read
           from the participant files with h5py; ties: report order), or all runs if there are <= N.
       check_qc_svg.py make-clones OUT_DIR SPEC_JSON  ({"participants": N}): test fixture, not a
           check: copies the participant files of OUT_DIR cyclically up to N participants (labels
           09, 10, ...), censoring the first (clone number mod 7) volumes of each cloned run more.
Exits non-zero (AssertionError) on the first mismatch; prints one "ok ..." line otherwise."""
import glob
import os
import re
import shutil
import json
import sys
import xml.etree.ElementTree as ET

import numpy as np

NS = "{http://www.w3.org/2000/svg}"
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]


def number(v):
    return float("nan") if v is None else float(v)


def by_class(root, tag, cls):
    return [e for e in root.iter(NS + tag) if cls in (e.get("class") or "").split()]


class Scale:
    """The pixel <-> data map of one axis of a plot area."""

    def __init__(self, area, axis):
        self.d0, self.d1 = float(area.get(f"data-{axis}-min")), float(area.get(f"data-{axis}-max"))
        self.p0, self.p1 = float(area.get(f"data-p{axis}-min")), float(area.get(f"data-p{axis}-max"))
        self.tol = abs(self.d1 - self.d0) * 0.0051 / abs(self.p1 - self.p0)

    def to_data(self, px):
        return self.d0 + (float(px) - self.p0) / (self.p1 - self.p0) * (self.d1 - self.d0)

    def check(self, px, expected, what):
        got = self.to_data(px)
        assert abs(got - expected) <= self.tol, f"{what}: {got} != {expected} (tol {self.tol:.3g})"
        return abs(got - expected)


def plot_area(root):
    areas = by_class(root, "g", "plot-area")
    assert len(areas) == 1, f"{len(areas)} plot areas"
    return areas[0]


def check_fd(root, e):
    fd, kept = [number(v) for v in e["fd"]], e["kept"]
    tr, threshold = e["tr"], e["threshold"]
    area = plot_area(root)
    x, y = Scale(area, "x"), Scale(area, "y")
    lines = by_class(area, "polyline", "fd")
    assert len(lines) == 1, f"{len(lines)} FD polylines"
    points = [p.split(",") for p in lines[0].get("points").split()]
    finite = [i for i, v in enumerate(fd) if np.isfinite(v)]
    assert len(points) == len(finite), f"{len(points)} points for {len(finite)} finite FD values"
    worst = 0.0
    for (px, py), i in zip(points, finite):
        x.check(px, i * tr, f"time of volume {i}")
        worst = max(worst, y.check(py, fd[i], f"FD of volume {i}"))
    thresholds = by_class(area, "line", "threshold")
    assert len(thresholds) == 1, f"{len(thresholds)} threshold lines"
    t = thresholds[0]
    assert t.get("y1") == t.get("y2"), "threshold line is not horizontal"
    y.check(t.get("y1"), threshold, "threshold")
    censored = by_class(area, "rect", "censored")
    expected = [i for i, k in enumerate(kept) if k == 0]
    assert len(censored) == len(expected), f"{len(censored)} censored rects, expected {len(expected)}"
    for r, i in zip(censored, expected):
        x.check(r.get("x"), i * tr, f"censored volume {i}")
    return f"points={len(points)} censored={len(censored)} max_fd_err={worst:.3g} tol={y.tol:.3g}"


def check_paired(root, e):
    area = plot_area(root)
    y = Scale(area, "y")
    panels = by_class(area, "g", "arm")
    assert len(panels) == len(e["arms"]), f"{len(panels)} arm panels"
    counts = []
    for g, arm in zip(panels, e["arms"]):
        assert g.get("data-arm") == arm["arm"], (g.get("data-arm"), arm["arm"])
        pre, post = np.array([number(v) for v in arm["pre"]]), np.array([number(v) for v in arm["post"]])
        both = np.isfinite(pre) & np.isfinite(post)
        pairs = by_class(g, "line", "pair")
        assert len(pairs) == int(both.sum()), f"{arm['arm']}: {len(pairs)} lines, expected {both.sum()}"
        x_pre, x_post = float(g.get("data-x-pre")), float(g.get("data-x-post"))
        assert x_pre < x_post, "pre must be left of post"
        for line, a, b in zip(pairs, pre[both], post[both]):
            assert abs(float(line.get("x1")) - x_pre) < 0.006 and abs(float(line.get("x2")) - x_post) < 0.006
            y.check(line.get("y1"), a, f"{arm['arm']} pre")
            y.check(line.get("y2"), b, f"{arm['arm']} post")
        counts.append(len(pairs))
    return f"pairs per arm={counts} tol={y.tol:.3g}"


def check_effect(root, e):
    area = plot_area(root)
    x = Scale(area, "x")
    rows = by_class(area, "g", "effect-row")
    assert len(rows) == len(e["rows"]), f"{len(rows)} effect rows, expected {len(e['rows'])}"
    for g, row in zip(rows, e["rows"]):
        labels = [t.text for t in g.iter(NS + "text")]
        assert labels == [row["label"]], (labels, row["label"])
        marker = by_class(g, "circle", "estimate")
        ci = by_class(g, "line", "ci")
        assert len(marker) == 1 and len(ci) == 1, f"{row['label']}: marker/CI missing"
        x.check(marker[0].get("cx"), row["estimate"], f"{row['label']} estimate")
        x.check(ci[0].get("x1"), row["ci_lower"], f"{row['label']} CI lower")
        x.check(ci[0].get("x2"), row["ci_upper"], f"{row['label']} CI upper")
        assert ci[0].get("y1") == ci[0].get("y2") == marker[0].get("cy"), "CI not through the marker"
    return f"rows={len(rows)} tol={x.tol:.3g}"


def reference_z(signals, kept):
    """Each column z-scored over the kept, finite volumes (mean, SD with ddof=1)."""
    z = np.full(signals.shape, np.nan)
    for r in range(signals.shape[1]):
        column = signals[:, r]
        use = kept & np.isfinite(column)
        if use.sum() < 2:
            continue
        sd = np.std(column[use], ddof=1)
        if not sd > 0:
            continue
        z[:, r] = (column - np.mean(column[use])) / sd
    return z


def check_carpet(root, e):
    signals = np.array([[number(v) for v in row] for row in e["signals"]], dtype=float)
    volumes, rois = signals.shape
    kept = np.ones(volumes, dtype=bool)
    kept[: len(e["kept"])] = np.array(e["kept"]) != 0
    z = reference_z(signals, kept)
    area = plot_area(root)
    x = Scale(area, "x")
    cells = by_class(area, "rect", "carpet-cell")
    assert len(cells) == volumes * rois, f"{len(cells)} cells, expected {volumes} x {rois}"
    seen = set()
    worst = 0.0
    for c in cells:
        r, t = int(c.get("data-roi")), int(c.get("data-volume"))
        seen.add((r, t))
        got, want = float(c.get("data-z")), z[t, r]
        if np.isnan(want):
            assert np.isnan(got), f"ROI {r} volume {t}: z {got}, expected none"
            red, green = int(c.get("fill")[1:3], 16), int(c.get("fill")[3:5], 16)
            assert red != green, f"ROI {r} volume {t}: a cell without value is drawn grey"
            continue
        assert abs(got - want) <= 1e-12 + 1e-12 * abs(want), f"ROI {r} volume {t}: z {got} != {want}"
        worst = max(worst, abs(got - want))
        grey = int(round((np.clip(want, -2, 2) + 2) / 4 * 255))
        assert c.get("fill").lower() == "#%02x%02x%02x" % (grey, grey, grey), (r, t, c.get("fill"), want)
        x.check(c.get("x"), t * e["tr"], f"column of volume {t}")
    assert len(seen) == volumes * rois, "cells repeat an ROI x volume"
    censored = by_class(area, "rect", "censored-volume")
    expected = sorted(np.flatnonzero(~kept).tolist())
    got = sorted(int(c.get("data-volume")) for c in censored)
    assert got == expected, f"censored volumes {got} != {expected}"
    labels = [t.text for t in by_class(area, "text", "roi-label")]
    assert labels == e["roi_names"], (labels, e["roi_names"])
    return f"cells={len(cells)} censored={len(censored)} max_z_err={worst:.3g}"


def check_legend(root, e):
    swatches = by_class(root, "rect", "legend-swatch")
    assert len(swatches) == e["rois"], f"{len(swatches)} legend swatches, expected {e['rois']}"
    patterns = {p.get("id"): p for p in root.iter(NS + "pattern")}
    ids = [p.get("id") for p in root.iter(NS + "pattern")]
    assert len(ids) == len(set(ids)), "pattern ids repeat"
    looks = []
    for s in swatches:
        fill = s.get("fill")
        if fill.startswith("url(#"):
            p = patterns[fill[5:-1]]  # KeyError: a fill refers to a missing pattern
            base = next(p.iter(NS + "rect")).get("fill")
            looks.append((base.upper(), p.get("data-pattern")))
        else:
            looks.append((fill.upper(), "0"))
    assert len(set(looks)) == len(looks), f"two ROIs look the same: {looks}"
    first = [c for c, _ in looks[:7]]
    assert first == OKABE_ITO[: len(first)], f"first colours {first} are not Okabe-Ito"
    cell_fills = {c.get("fill") for c in by_class(root, "rect", "roi-cell")}
    assert cell_fills <= {s.get("fill") for s in swatches}, "an ROI cell fill is not in the legend"
    return f"distinct looks={len(set(looks))} patterned={sum(1 for _, p in looks if p != '0')}"


def participant_runs(out_dir):
    """(run name, censored volumes) in report order: participants by label, runs by run_index."""
    import h5py

    runs = []
    for path in sorted(glob.glob(os.path.join(out_dir, "sub-*", "sub-*_acuroi.h5"))):
        with h5py.File(path, "r") as f:
            label = f.attrs["participant"]
            label = label.decode() if isinstance(label, bytes) else label
            found = []
            for session in f["sessions"]:
                for name, g in f["sessions"][session]["runs"].items():
                    a = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in g.attrs.items()}
                    run = f"sub-{label}_ses-{a['session']}_task-{a['task']}" + (f"_run-{a['run']}" if a["run"] else "")
                    censored = int((g["denoise/kept"][()] == 0).sum()) if "denoise/kept" in g else 0
                    found.append((int(a["run_index"]), run, censored))
            runs += [(run, censored) for _, run, censored in sorted(found)]
    return runs


def check_bound(html_path, e):
    runs = participant_runs(e["out_dir"])
    order = sorted(range(len(runs)), key=lambda i: -runs[i][1])  # stable: ties keep report order
    chosen = sorted(order[: e["max_runs"]])
    expected = [re.sub(r"[^A-Za-z0-9_-]", "_", runs[i][0]) for i in chosen]
    with open(html_path) as f:
        html = f.read()
    for kind in ("fd", "carpet"):
        drawn = re.findall(r'<figure class="plot" data-kind="%s" id="fig-%s_([^"]+)"' % (kind, kind), html)
        assert drawn == expected, f"{kind} figures {drawn} != {expected}"
    if len(runs) > e["max_runs"]:
        assert f"Figures for {e['max_runs']} of {len(runs)} runs" in html, "note on omitted runs missing"
    return f"runs={len(runs)} drawn={len(expected)} min_censored_drawn={min(runs[i][1] for i in chosen)}"


def make_clones(out_dir, spec):
    import h5py

    sources = sorted(glob.glob(os.path.join(out_dir, "sub-*")))
    for n in range(len(sources) + 1, spec["participants"] + 1):
        label = f"{n:02d}"
        source = sources[(n - 1) % len(sources)]
        target = os.path.join(out_dir, f"sub-{label}")
        os.makedirs(target)
        h5 = os.path.join(target, f"sub-{label}_acuroi.h5")
        shutil.copy(glob.glob(os.path.join(source, "sub-*_acuroi.h5"))[0], h5)
        with h5py.File(h5, "r+") as f:
            f.attrs["participant"] = label
            def censor(name, obj):
                if name.endswith("denoise/kept"):
                    kept = obj[()]
                    kept[: n % 7] = 0
                    obj[...] = kept
            f.visititems(censor)
    return f"participants={spec['participants']}"


def main():
    kind, path, expected_path = sys.argv[1:4]
    with open(expected_path) as f:
        expected = json.load(f)
    if kind in ("bound", "make-clones"):
        print(f"ok {kind} " + (check_bound if kind == "bound" else make_clones)(path, expected))
        return
    root = ET.parse(path).getroot()
    checks = {"fd": check_fd, "paired": check_paired, "effect": check_effect,
              "carpet": check_carpet, "legend": check_legend}
    print(f"ok {kind} " + checks[kind](root, expected))


main()
