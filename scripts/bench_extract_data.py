"""Writes a synthetic 91x109x91xT float32 BOLD run on the FSL MNI 2 mm grid for the
extraction benchmark: brain-shaped baseline (Colin27) + noise, zeros outside the brain."""
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

out, volumes = sys.argv[1], int(sys.argv[2])
affine = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
shape = (91, 109, 91)
colin = nib.load("/usr/share/mricron/templates/ch2bet.nii.gz")
ijk = np.indices(shape).reshape(3, -1)
world = affine[:3, :3] @ ijk + affine[:3, 3:4]
src = np.linalg.inv(colin.affine)[:3, :3] @ world + np.linalg.inv(colin.affine)[:3, 3:4]
baseline = ndimage.map_coordinates(np.asarray(colin.dataobj, dtype=np.float32), src, order=1)
baseline = (baseline.reshape(shape) * 8.0).astype(np.float32)
rng = np.random.default_rng(7)
brain = baseline > 0
data = np.zeros(shape + (volumes,), dtype=np.float32)
for t in range(volumes):
    noise = rng.normal(0.0, 12.0, size=int(brain.sum())).astype(np.float32)
    frame = data[..., t]
    frame[brain] = baseline[brain] + noise
img = nib.Nifti1Image(data, affine)
img.header.set_xyzt_units("mm", "sec")
img.header["pixdim"][4] = 2.0
nib.save(img, out)
