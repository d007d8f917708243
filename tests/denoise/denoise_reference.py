"""Independent numpy reference computations for the denoise tests.

Usage: denoise_reference.py <command> args...  (each command writes one TSV, header + rows)
  select TSV STRATEGY OUT [PATTERNS...]   confound columns by strategy (6P/24P/36P/acompcor/custom)
  make_old TSV OUT                         the same confounds with fMRIPrep < 1.4 names, no expansions
  fd TSV OUT                               Power framewise displacement from the motion columns
  censor TSV FD_THR DVARS_THR MINSEG DUMMY OUT   kept mask (DVARS_THR/DUMMY may be 'none')
  residuals SIGNAL CONF MASK TR HP LP ORDER OUT  lstsq residuals on kept rows ('none' for HP/LP)
  spectrum IN TR OUT FREQ...               FFT amplitude of every column at each frequency
  butter IN TR LOW HIGH ORDER OUT COEF     scipy butter + filtfilt of every column; b, a to COEF
"""
import csv
import fnmatch
import sys

import numpy as np

OLD = {"trans_x": "X", "trans_y": "Y", "trans_z": "Z", "rot_x": "RotX", "rot_y": "RotY",
       "rot_z": "RotZ", "white_matter": "WhiteMatter", "csf": "CSF",
       "global_signal": "GlobalSignal", "framewise_displacement": "FramewiseDisplacement",
       "std_dvars": "stdDVARS"}
MOTION = ["trans_x", "trans_y", "trans_z", "rot_x", "rot_y", "rot_z"]
TISSUE = ["white_matter", "csf", "global_signal"]
SUFFIXES = ["", "_derivative1", "_power2", "_derivative1_power2"]


def read_tsv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    header = rows[0]
    data = np.array([[np.nan if c in ("n/a", "") else float(c) for c in r] for r in rows[1:]])
    return header, data.reshape(len(rows) - 1, len(header))


def write_tsv(path, header, matrix):
    with open(path, "w") as f:
        f.write("\t".join(header) + "\n")
        for row in np.atleast_2d(matrix):
            f.write("\t".join(repr(float(v)) for v in row) + "\n")


def canonical(name):
    for new, old in OLD.items():
        if name == old:
            return new
    if name.startswith("aCompCor"):
        return "a_comp_cor_" + name[len("aCompCor"):]
    return name


def get_column(header, data, name):
    cols = {canonical(h): i for i, h in enumerate(header)}
    if name in cols:
        x = data[:, cols[name]].copy()
        lead = np.cumsum(~np.isnan(x)) == 0
        x[lead] = 0.0
        return x
    for suffix in ["_derivative1_power2", "_power2", "_derivative1"]:
        if name.endswith(suffix):
            base = get_column(header, data, name[: -len(suffix)])
            d = np.concatenate([[0.0], np.diff(base)])
            return {"_derivative1": d, "_power2": base ** 2, "_derivative1_power2": d ** 2}[suffix]
    raise KeyError(name)


def select(path, strategy, out, patterns):
    header, data = read_tsv(path)
    if strategy == "6P":
        names = MOTION
    elif strategy == "24P":
        names = [b + s for s in SUFFIXES for b in MOTION]
    elif strategy == "36P":
        names = [b + s for s in SUFFIXES for b in MOTION] + [b + s for s in SUFFIXES for b in TISSUE]
    elif strategy == "acompcor":
        names = sorted(canonical(h) for h in header if canonical(h).startswith("a_comp_cor_"))[:5]
    else:
        names = []
        for p in patterns:
            for h in header:
                if fnmatch.fnmatchcase(h, p) and canonical(h) not in names:
                    names.append(canonical(h))
    write_tsv(out, names, np.column_stack([get_column(header, data, n) for n in names]))


def make_old(path, out):
    header, data = read_tsv(path)
    keep = [i for i, h in enumerate(header) if h in OLD or h.startswith("a_comp_cor_")]
    names = [OLD.get(header[i], header[i].replace("a_comp_cor_", "aCompCor")) for i in keep]
    with open(out, "w") as f:
        f.write("\t".join(names) + "\n")
        for row in data[:, keep]:
            f.write("\t".join("n/a" if np.isnan(v) else repr(float(v)) for v in row) + "\n")


def power_fd(header, data):
    motion = np.column_stack([get_column(header, data, n) for n in MOTION])
    step = np.abs(np.diff(motion, axis=0))
    step[:, 3:] *= 50.0
    return np.concatenate([[0.0], step.sum(axis=1)])


def censor(path, fd_thr, dvars_thr, minseg, dummy, out):
    header, data = read_tsv(path)
    cols = {canonical(h): i for i, h in enumerate(header)}
    fd = data[:, cols["framewise_displacement"]] if "framewise_displacement" in cols \
        else power_fd(header, data)
    bad = np.nan_to_num(fd, nan=0.0) > float(fd_thr)
    if dvars_thr != "none":
        bad |= np.nan_to_num(data[:, cols["std_dvars"]], nan=0.0) > float(dvars_thr)
    if dummy != "none":
        bad[: int(dummy)] = True
    keep = ~bad
    # Segments of consecutive kept volumes: boundaries where keep changes.
    edges = np.flatnonzero(np.diff(np.concatenate([[0], keep.astype(int), [0]])))
    for start, stop in zip(edges[::2], edges[1::2]):
        if stop - start < int(minseg):
            keep[start:stop] = False
    write_tsv(out, ["kept"], keep.astype(float)[:, None])


def residuals(signal, conf, mask, tr, hp, lp, order, out):
    _, y = read_tsv(signal)
    _, c = read_tsv(conf)
    _, m = read_tsv(mask)
    n = y.shape[0]
    tr = float(tr)
    t = np.arange(n)
    scaled = 2.0 * t / (n - 1) - 1.0
    cols = [scaled ** p for p in range(int(order) + 1)] + list(c.T)
    for k in range(1, n):
        f = k / (2.0 * n * tr)
        if (hp != "none" and f < float(hp)) or (lp != "none" and f > float(lp)):
            cols.append(np.sqrt(2.0 / n) * np.cos(np.pi * k * (t + 0.5) / n))
    x = np.column_stack(cols)
    kept = m[:, 0] == 1
    beta, *_ = np.linalg.lstsq(x[kept], y[kept], rcond=None)
    write_tsv(out, ["c%d" % i for i in range(y.shape[1])], y[kept] - x[kept] @ beta)


def spectrum(path, tr, out, freqs):
    _, y = read_tsv(path)
    n = y.shape[0]
    amplitude = 2.0 * np.abs(np.fft.rfft(y, axis=0)) / n
    f = np.fft.rfftfreq(n, d=float(tr))
    rows = [amplitude[int(np.argmin(np.abs(f - float(q))))] for q in freqs]
    write_tsv(out, ["c%d" % i for i in range(y.shape[1])], np.array(rows))


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "select":
        select(args[0], args[1], args[2], args[3:])
    elif cmd == "make_old":
        make_old(*args)
    elif cmd == "fd":
        h, d = read_tsv(args[0])
        write_tsv(args[1], ["framewise_displacement"], power_fd(h, d)[:, None])
    elif cmd == "censor":
        censor(*args)
    elif cmd == "residuals":
        residuals(*args)
    elif cmd == "butter":
        from scipy import signal
        _, y = read_tsv(args[0])
        b, a = signal.butter(int(args[4]), [float(args[2]), float(args[3])], btype="bandpass",
                             fs=1.0 / float(args[1]))
        write_tsv(args[5], ["c%d" % i for i in range(y.shape[1])], signal.filtfilt(b, a, y, axis=0))
        write_tsv(args[6], ["b", "a"], np.column_stack([b, a]))
    elif cmd == "interp":
        # args: values.tsv (kept rows) kept_indices.tsv volume_count out.tsv
        _, y = read_tsv(args[0])
        _, idx = read_tsv(args[1])
        idx = idx[:, 0]
        t = np.arange(int(args[2]), dtype=float)
        out = np.column_stack([np.interp(t, idx, y[:, c]) for c in range(y.shape[1])])
        write_tsv(args[3], ["c%d" % i for i in range(y.shape[1])], out)
    elif cmd == "spectrum":
        spectrum(args[0], args[1], args[2], args[3:])
    else:
        sys.exit("unknown command " + cmd)
