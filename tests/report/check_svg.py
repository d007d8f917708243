"""Checks a forest-plot SVG independently of the C++ code: one g.study-row per study, a pooled
diamond whose centre maps back (through the axis range written on the plot area) to the pooled
estimate, weight squares centred on each study's estimate, and the axis label.
Usage: check_svg.py FILE N_STUDIES POOLED ESTIMATES(comma) AXIS_LABEL"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def main():
    path, n, pooled, estimates, label = sys.argv[1:6]
    n, pooled = int(n), float(pooled)
    estimates = [float(v) for v in estimates.split(",")]
    root = ET.parse(path).getroot()
    area = next(g for g in root.iter(NS + "g") if g.get("class") == "plot-area")
    x0, x1 = float(area.get("data-x-min")), float(area.get("data-x-max"))
    p0, p1 = float(area.get("data-px-min")), float(area.get("data-px-max"))
    to_data = lambda px: x0 + (px - p0) / (p1 - p0) * (x1 - x0)
    tol = (x1 - x0) * 0.011 / (p1 - p0)  # coordinates are written with 2 decimals (0.005 px)
    rows = [g for g in root.iter(NS + "g") if g.get("class") == "study-row"]
    assert len(rows) == n, f"{len(rows)} study rows, expected {n}"
    for g, expected in zip(rows, estimates):
        box = next(r for r in g.iter(NS + "rect") if r.get("class") == "weight-box")
        centre = float(box.get("x")) + float(box.get("width")) / 2
        assert abs(to_data(centre) - expected) <= tol, (to_data(centre), expected)
    diamonds = [p for p in root.iter(NS + "polygon") if p.get("class") == "pooled-diamond"]
    assert len(diamonds) == 1, f"{len(diamonds)} diamonds"
    xs = [float(pt.split(",")[0]) for pt in diamonds[0].get("points").split()]
    centre = (xs[1] + xs[3]) / 2  # top and bottom vertices sit at the estimate
    assert abs(to_data(centre) - pooled) <= tol, (to_data(centre), pooled)
    labels = [t.text for t in root.iter(NS + "text") if t.get("class") == "axis-label"]
    assert label in labels, labels
    pis = [l for l in root.iter(NS + "line") if l.get("class") == "prediction-interval"]
    assert len(pis) == 1, "prediction interval line missing"
    print(f"ok rows={len(rows)} pooled_err={abs(to_data(centre) - pooled):.3g} tol={tol:.3g}")


main()
