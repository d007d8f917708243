"""The baseline that nilearn's NiftiLabelsMasker amounts to: load the run with nibabel, map
the atlas onto the data grid in world space (nearest neighbour), then scipy.ndimage.mean per
volume. Prints the number of ROIs and a checksum so the result can be compared."""
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

bold_path, atlas_path = sys.argv[1], sys.argv[2]
bold = nib.load(bold_path)
atlas = nib.load(atlas_path)
shape = bold.shape[:3]
ijk = np.indices(shape).reshape(3, -1)
world = bold.affine[:3, :3] @ ijk + bold.affine[:3, 3:4]
inv = np.linalg.inv(atlas.affine)
src = np.rint(inv[:3, :3] @ world + inv[:3, 3:4]).astype(int)
labels_src = np.asarray(atlas.dataobj)
inside = np.all((src >= 0) & (src < np.array(labels_src.shape)[:, None]), axis=0)
labels = np.zeros(ijk.shape[1], dtype=np.int32)
labels[inside] = labels_src[src[0, inside], src[1, inside], src[2, inside]]
labels = labels.reshape(shape)  # np.indices enumerates in C order
index = np.unique(labels[labels > 0])
data = bold.get_fdata(dtype=np.float32)
series = np.stack([ndimage.mean(data[..., t], labels=labels, index=index) for t in range(data.shape[3])])
print(len(index), float(np.nansum(series)))
