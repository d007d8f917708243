"""Reads an `acuroi extract -o OUT.h5` file with h5py alone and compares it with the TSV the same
command wrote (same numbers; NaN where the TSV says n/a) and with nibabel's affine of the BOLD.
usage: check_extract_h5.py OUT.h5 OUT.tsv BOLD.nii.gz"""
import csv
import sys

import h5py
import nibabel as nib
import numpy as np

h5_path, tsv_path, bold_path = sys.argv[1:4]
rows = list(csv.reader(open(tsv_path), delimiter="\t"))
header, cells = rows[0], rows[1:]
expected = np.array([[np.nan if c == "n/a" else float(c) for c in r] for r in cells])
with h5py.File(h5_path, "r") as f:
    names = [n.decode() if isinstance(n, bytes) else n for n in f["roi_names"][()]]
    ts = f["timeseries"][()]
    status = [s.decode() if isinstance(s, bytes) else s for s in f["roi_status"][()]]
    assert names == header, "ROI names differ from the TSV header"
    assert ts.shape == expected.shape, f"shape {ts.shape} != {expected.shape}"
    assert np.array_equal(np.isnan(ts), np.isnan(expected)), "NaN cells differ"
    assert np.array_equal(ts[~np.isnan(ts)], expected[~np.isnan(expected)]), "values differ"
    assert all((s != "") == bool(np.isnan(ts[:, i]).all()) for i, s in enumerate(status))
    bold = nib.load(bold_path)
    assert np.allclose(f["affine"][()], bold.affine, atol=1e-9), "affine differs from nibabel's"
    assert list(f["grid_dims"][()]) == list(bold.shape[:3])
    assert abs(f.attrs["tr_seconds"] - float(bold.header["pixdim"][4])) < 1e-9
    assert (f["voxel_count"][()] >= 0).all() and ((f["coverage"][()] >= 0) & (f["coverage"][()] <= 1)).all()
print("ok", ts.shape)
