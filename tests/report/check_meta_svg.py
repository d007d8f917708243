"""Checks meta-analysis SVGs independently of the C++ writer (xml.etree only).

funnel FILE K K0 POOLED FILLED_YI(comma or -) FILLED_SEI(comma or -) [TRIMFILL_ESTIMATE]
  K circle.study-point, K0 circle.filled-study (open: fill none, a stroke colour other than the
  study points' fill); each filled point's exact data-yi/data-sei equal the expected values within
  1e-6 relative and its pixel centre maps back through the plot area's data-x-*/data-px-* and
  data-y-*/data-py-* attributes to them within the pixel rounding (coordinates carry 0.01 px);
  the pseudo-CI polygon's apex is at (POOLED, SE 0) and its base at POOLED ± 1.96·SE_max, with
  SE_max the axis' largest SE (data-y-max), at least every plotted SE; line.trimfill-estimate
  (dashed) at TRIMFILL_ESTIMATE when given; a g.legend naming the filled studies when K0 > 0.
forest-subgroups FILE OVERALL LEVEL=N:ESTIMATE[:CI_LB:CI_UB] ... [left-out=N] [test=TEXT]
  one g.subgroup-heading per LEVEL (in order, data-level), N g.study-row between a heading and the
  next, a polygon.subgroup-diamond per level whose centre maps back to ESTIMATE (data-estimate
  within 1e-9 relative, pixels within rounding) and whose ends map to the CI when given; the overall
  polygon.pooled-diamond at OVERALL; left-out=N: a g.subgroup-left-out block with N studies and no
  diamond; test=TEXT: a text.subgroup-test containing TEXT.
Exits 1 with the reason on the first failed check."""
import math
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def close(got, want, rel, what):
    assert abs(got - want) <= rel * max(abs(want), 1e-300), f"{what}: {got!r} != {want!r} (rel {rel})"


def plot_area(root):
    return next(g for g in root.iter(NS + "g") if g.get("class") == "plot-area")


def axis(area, data, pixel):
    d0, d1 = float(area.get(f"data-{data}-min")), float(area.get(f"data-{data}-max"))
    p0, p1 = float(area.get(f"data-{pixel}-min")), float(area.get(f"data-{pixel}-max"))
    to_data = lambda px: d0 + (px - p0) / (p1 - p0) * (d1 - d0)
    tol = abs(d1 - d0) * 0.011 / abs(p1 - p0)  # 0.005 px of rounding, with margin
    return to_data, tol, d1


def of_class(root, tag, name):
    return [e for e in root.iter(NS + tag) if e.get("class") == name]


def floats(text):
    return [] if text == "-" else [float(v) for v in text.split(",")]


def funnel(path, k, k0, pooled, filled_yi, filled_sei, estimate=None):
    pooled = float(pooled)
    root = ET.parse(path).getroot()
    area = plot_area(root)
    to_x, tol_x, _ = axis(area, "x", "px")
    to_y, tol_y, se_max = axis(area, "y", "py")
    studies = of_class(root, "circle", "study-point")
    filled = of_class(root, "circle", "filled-study")
    assert len(studies) == int(k), f"{len(studies)} study points, expected {k}"
    assert len(filled) == int(k0), f"{len(filled)} filled points, expected {k0}"
    want_yi, want_sei = floats(filled_yi), floats(filled_sei)
    assert len(want_yi) == len(filled) == len(want_sei), "expected filled values do not match k0"
    study_fill = {c.get("fill") for c in studies}
    for c, y, s in zip(filled, want_yi, want_sei):
        assert c.get("fill") == "none" and c.get("stroke") not in (None, "none"), "filled point is not open"
        assert c.get("stroke") not in study_fill, "filled points have the study points' colour"
        close(float(c.get("data-yi")), y, 1e-6, "filled data-yi")
        close(float(c.get("data-sei")), s, 1e-6, "filled data-sei")
        assert abs(to_x(float(c.get("cx"))) - y) <= tol_x, ("filled cx", to_x(float(c.get("cx"))), y, tol_x)
        assert abs(to_y(float(c.get("cy"))) - s) <= tol_y, ("filled cy", to_y(float(c.get("cy"))), s, tol_y)
    plotted = [float(c.get("data-sei")) for c in studies + filled]
    assert all(se_max >= s for s in plotted), f"axis SE max {se_max} below a plotted SE"
    region = of_class(root, "polygon", "pseudo-ci")
    assert len(region) == 1, f"{len(region)} pseudo-CI regions"
    (ax, ay), (lx, ly), (rx, ry) = [tuple(float(v) for v in p.split(",")) for p in region[0].get("points").split()]
    assert abs(to_x(ax) - pooled) <= tol_x and abs(to_y(ay)) <= tol_y, ("apex", to_x(ax), to_y(ay), pooled)
    for px, py, sign in ((lx, ly, -1), (rx, ry, 1)):
        assert abs(to_y(py) - se_max) <= tol_y, ("base SE", to_y(py), se_max)
        want = pooled + sign * 1.96 * se_max
        assert abs(to_x(px) - want) <= tol_x, ("base x", to_x(px), want)
    lines = of_class(root, "line", "trimfill-estimate")
    if estimate is not None:
        assert len(lines) == 1, f"{len(lines)} trim-and-fill lines"
        assert lines[0].get("stroke-dasharray"), "trim-and-fill line is not dashed"
        assert abs(to_x(float(lines[0].get("x1"))) - float(estimate)) <= tol_x, "trim-and-fill line position"
    if int(k0) > 0:
        legend = [g for g in root.iter(NS + "g") if g.get("class") == "legend"]
        assert legend and any("trim-and-fill" in (t.text or "") for t in legend[0].iter(NS + "text")), "no legend"
    print(f"ok funnel k={k} k0={k0} tol_x={tol_x:.3g} tol_y={tol_y:.3g}")


def forest_subgroups(path, overall, *specs):
    root = ET.parse(path).getroot()
    to_x, tol, _ = axis(plot_area(root), "x", "px")
    levels, left_out, test = [], None, None
    for s in specs:
        name, value = s.split("=", 1)
        if name == "left-out":
            left_out = int(value)
        elif name == "test":
            test = value
        else:
            parts = value.split(":")
            levels.append((name, int(parts[0]), [float(p) for p in parts[1:]]))
    # Document order: headings, study rows and diamonds as one sequence.
    area = plot_area(root)
    sequence = []
    for e in area:
        cls = e.get("class")
        if cls in ("subgroup-heading", "subgroup-left-out", "study-row", "subgroup-diamond", "pooled-diamond"):
            sequence.append(e)
    headings = [e for e in sequence if e.get("class") == "subgroup-heading"]
    assert [h.get("data-level") for h in headings] == [lv[0] for lv in levels], \
        f"headings {[h.get('data-level') for h in headings]} != {[lv[0] for lv in levels]}"
    blocks, current = [], None
    for e in sequence:
        cls = e.get("class")
        if cls in ("subgroup-heading", "subgroup-left-out"):
            current = dict(kind=cls, level=e.get("data-level"), rows=0, diamonds=[])
            blocks.append(current)
        elif cls == "study-row":
            assert current is not None, "a study row before the first heading"
            current["rows"] += 1
        elif cls == "subgroup-diamond":
            current["diamonds"].append(e)
    for (name, n, values), b in zip(levels, blocks):
        assert b["kind"] == "subgroup-heading" and b["level"] == name, (b["kind"], b["level"], name)
        assert b["rows"] == n, f"level {name}: {b['rows']} study rows, expected {n}"
        assert len(b["diamonds"]) == 1, f"level {name}: {len(b['diamonds'])} diamonds"
        d = b["diamonds"][0]
        close(float(d.get("data-estimate")), values[0], 1e-9, f"{name} data-estimate")
        xs = [float(p.split(",")[0]) for p in d.get("points").split()]
        assert abs(to_x((xs[1] + xs[3]) / 2) - values[0]) <= tol, (name, to_x((xs[1] + xs[3]) / 2), values[0])
        if len(values) == 3:
            assert abs(to_x(xs[0]) - values[1]) <= tol and abs(to_x(xs[2]) - values[2]) <= tol, (name, "CI")
    extra = blocks[len(levels):]
    if left_out is None:
        assert not extra, f"unexpected blocks {[(b['kind'], b['level']) for b in extra]}"
    else:
        assert len(extra) == 1 and extra[0]["kind"] == "subgroup-left-out", "no left-out block"
        assert extra[0]["rows"] == left_out and not extra[0]["diamonds"], "left-out block rows/diamond"
    pooled = of_class(root, "polygon", "pooled-diamond")
    assert len(pooled) == 1, f"{len(pooled)} overall diamonds"
    xs = [float(p.split(",")[0]) for p in pooled[0].get("points").split()]
    assert abs(to_x((xs[1] + xs[3]) / 2) - float(overall)) <= tol, ("overall", to_x((xs[1] + xs[3]) / 2), overall)
    assert sequence[-1] is pooled[0], "the overall diamond is not after the subgroup blocks"
    if test is not None:
        texts = [t.text or "" for t in of_class(root, "text", "subgroup-test")]
        assert texts and test in texts[0], f"subgroup test text {texts} lacks {test!r}"
    print(f"ok forest-subgroups levels={len(levels)} tol={tol:.3g}")


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "funnel":
        funnel(*sys.argv[2:])
    elif kind == "forest-subgroups":
        forest_subgroups(*sys.argv[2:])
    else:
        sys.exit(f"unknown kind {kind}")
