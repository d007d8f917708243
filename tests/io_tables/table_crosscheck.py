"""Independent references for the io_tables tests (run with /usr/bin/python3: needs numpy).

  confounds OUTDIR      write OUTDIR/confounds.tsv, an fMRIPrep-like confounds table (n/a in the
                        first row of derivative columns), and OUTDIR/confounds_reference.f64: every
                        cell parsed by numpy.genfromtxt (checked equal to Python's float()), float64
                        row-major, plus OUTDIR/confounds_shape.txt ("rows columns").
  check-tsv TSV F64     read TSV with Python's float() ('n/a' -> NaN) and compare bit for bit with
                        the float64 values in F64 (row-major); exit 1 on any difference.
  check-json JSON       json.load the file and check the values the C++ test wrote.
"""
import json
import math
import sys

import numpy as np


def motion_columns():
    names = []
    for base in ["global_signal", "csf", "white_matter", "trans_x", "trans_y", "trans_z",
                 "rot_x", "rot_y", "rot_z"]:
        names += [base, base + "_derivative1", base + "_power2", base + "_derivative1_power2"]
    return names


def write_confounds(outdir):
    rng = np.random.default_rng(20240611)
    rows = 1000
    names = motion_columns()
    names += ["csf_wm", "tcompcor", "framewise_displacement", "dvars", "std_dvars", "rmsd"]
    names += ["t_comp_cor_%02d" % i for i in range(6)]
    names += ["c_comp_cor_%02d" % i for i in range(40)]
    names += ["w_comp_cor_%02d" % i for i in range(40)]
    names += ["a_comp_cor_%02d" % i for i in range(90)]
    names += ["cosine%02d" % i for i in range(12)]
    names += ["non_steady_state_outlier%02d" % i for i in range(2)]
    names += ["motion_outlier%02d" % i for i in range(30)]
    names += ["tricky_%02d" % i for i in range(20)]
    cols = len(names)

    tricky = ["4.9e-324", "2.2250738585072011e-308", "2.2250738585072009e-308", "1e-400",
              "1e400", "-1e400", "9007199254740993", "0.1", "-0", "+3.25", "1E5", ".5", "5.",
              "-.25e-2", "179769313486231580793728971405303415079934132710037826936173778980444"
              "9682927647377558377604271546519640830303930546126357306119012413163712447136"
              "7596186224537126216225099015046063474418219787373218958133054040113683116672"
              "9664286574416158048049015287426183116298493010484880913919447810346063487101"
              "6469233136591049765908218011063432", "NaN", "inf", "-Infinity",
              "1.00000000000000011102230246251565404236316680908203125",
              "1.000000000000000111022302462515654042363166809082031250000001"]
    text_cells = []
    for r in range(rows):
        row = []
        for c, name in enumerate(names):
            if "derivative1" in name and r == 0:
                row.append("n/a")
            elif name in ("framewise_displacement", "dvars", "std_dvars") and r == 0:
                row.append("n/a")
            elif name.startswith("cosine"):
                k = int(name[6:]) + 1
                row.append(repr(float(np.sqrt(2.0 / rows) * np.cos(np.pi * (r + 0.5) * k / rows))))
            elif "outlier" in name:
                row.append("1.0" if rng.random() < 0.02 else "0.0")
            elif name.startswith("tricky_"):
                if r < len(tricky) and (c % 2 == 0):
                    row.append(tricky[(r + c) % len(tricky)])
                else:
                    # random long decimal strings: exercise correct rounding beyond 17 digits
                    digits = "".join(str(d) for d in rng.integers(0, 10, size=int(rng.integers(1, 26))))
                    exponent = int(rng.integers(-320, 300))
                    sign = "-" if rng.random() < 0.5 else ""
                    row.append("%s0.%se%d" % (sign, digits, exponent))
            else:
                value = float(rng.normal(0.0, 10.0 ** rng.integers(-6, 4)))
                style = c % 4  # pandas writes repr; other tools write fixed precision
                row.append(repr(value) if style == 0 else
                           ("%.17g" % value) if style == 1 else
                           ("%.6e" % value) if style == 2 else ("%.8f" % value))
        text_cells.append(row)

    path = outdir + "/confounds.tsv"
    with open(path, "w", newline="") as f:
        f.write("\t".join(names) + "\n")
        for row in text_cells:
            f.write("\t".join(row) + "\n")

    by_float = np.array([[math.nan if cell == "n/a" else float(cell) for cell in row]
                         for row in text_cells], dtype=np.float64)
    by_numpy = np.genfromtxt(path, delimiter="\t", names=None, skip_header=1, dtype=np.float64,
                             missing_values="n/a", filling_values=np.nan, comments=None)
    assert by_numpy.shape == (rows, cols), by_numpy.shape
    same = (by_numpy.view(np.uint64) == by_float.view(np.uint64)) | (
        np.isnan(by_numpy) & np.isnan(by_float))
    if not same.all():
        raise SystemExit("genfromtxt and float() disagree on %d cells" % (~same).sum())
    by_numpy.astype("<f8").tofile(outdir + "/confounds_reference.f64")
    with open(outdir + "/confounds_shape.txt", "w") as f:
        f.write("%d %d\n" % (rows, cols))


def check_tsv(tsv, f64):
    with open(tsv) as f:
        lines = f.read().split("\n")
    assert lines[-1] == "", "file must end with a newline"
    values = [[math.nan if cell == "n/a" else float(cell) for cell in line.split("\t")]
              for line in lines[1:-1]]
    ours = np.array(values, dtype=np.float64).ravel()
    expected = np.fromfile(f64, dtype="<f8")
    if ours.shape != expected.shape:
        raise SystemExit("shape differs: %s vs %s" % (ours.shape, expected.shape))
    same = (ours.view(np.uint64) == expected.view(np.uint64)) | (np.isnan(ours) & np.isnan(expected))
    if not same.all():
        raise SystemExit("%d values differ, first at %d: %r vs %r" % (
            (~same).sum(), np.argmin(same), ours[np.argmin(same)], expected[np.argmin(same)]))
    print("identical %d values" % ours.size)


def check_json(path):
    with open(path) as f:
        data = json.load(f)
    assert data["RepetitionTime"] == 2.0, data
    assert data["not_a_number"] is None and data["infinite"] is None, data
    assert data["list"] == [1, None, 0.1], data
    assert data["nested"] == {"name": "ACC \u00e9", "volumes": 240}, data
    print("json ok")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "confounds":
        write_confounds(sys.argv[2])
    elif command == "check-tsv":
        check_tsv(sys.argv[2], sys.argv[3])
    elif command == "check-json":
        check_json(sys.argv[2])
    else:
        raise SystemExit("unknown command " + command)
