"""Independent check of an acuroi participant file: recompute every run's ROI means with
nibabel + numpy in world space (AAL mapped onto the BOLD grid by nearest neighbour) and compare.

usage: check_participant_h5.py FILE.h5 AAL.nii.gz AAL.txt ROI=LABEL,LABEL ... [--tolerance 1e-5]
Exits 1 with a message on the first mismatch; prints the largest relative difference."""
import sys

import h5py
import nibabel as nib
import numpy as np

args = [a for a in sys.argv[1:] if not a.startswith("--")]
tol = 1e-5
h5_path, atlas_path, table_path = args[:3]
rois = {}
for spec in args[3:]:
    name, labels = spec.split("=")
    rois[name] = labels.split(",")
names_to_values = {}
for line in open(table_path):
    parts = line.split()
    if len(parts) >= 2:
        names_to_values[parts[1]] = int(parts[0])

atlas = nib.load(atlas_path)
atlas_data = np.asarray(atlas.dataobj)
worst = 0.0
with h5py.File(h5_path, "r") as f:
    roi_names = [n.decode() if isinstance(n, bytes) else n for n in f["rois/names"][()]]
    for ses in f["sessions"]:
        for run_name, run in f["sessions"][ses]["runs"].items():
            bold_path = run.attrs["bold_path"]
            bold_path = bold_path.decode() if isinstance(bold_path, bytes) else bold_path
            mask_path = bold_path.replace("desc-preproc_bold", "desc-brain_mask")
            bold = nib.load(bold_path)
            mask = np.asarray(nib.load(mask_path).dataobj) > 0
            shape = bold.shape[:3]
            ijk = np.indices(shape).reshape(3, -1)
            world = bold.affine[:3, :3] @ ijk + bold.affine[:3, 3:4]
            inv = np.linalg.inv(atlas.affine)
            src = np.rint(inv[:3, :3] @ world + inv[:3, 3:4]).astype(int)
            inside = np.all((src >= 0) & (src < np.array(atlas_data.shape)[:, None]), axis=0)
            labels = np.zeros(ijk.shape[1], dtype=np.int64)
            labels[inside] = atlas_data[src[0, inside], src[1, inside], src[2, inside]]
            labels = labels.reshape(shape)  # np.indices enumerates in C order
            data = bold.get_fdata()
            ts = run["timeseries"][()]
            for name, members in rois.items():
                column = roi_names.index(name)
                selected = np.isin(labels, [names_to_values[m] for m in members]) & mask
                expected = data[selected].mean(axis=0)
                got = ts[:, column]
                rel = np.max(np.abs(got - expected) / np.maximum(np.abs(expected), 1e-12))
                worst = max(worst, rel)
                if not rel <= tol:
                    sys.exit(f"{h5_path} {ses}/{run_name} {name}: max relative difference {rel:.3g} > {tol}")
            if abs(run.attrs["tr_seconds"] - bold.header["pixdim"][4]) > 1e-6:
                sys.exit(f"{run_name}: TR {run.attrs['tr_seconds']} != header {bold.header['pixdim'][4]}")
            if not np.allclose(run["affine"][()], bold.affine, atol=1e-6):
                sys.exit(f"{run_name}: affine differs from nibabel's")
print(f"ok max relative difference {worst:.3g}")
