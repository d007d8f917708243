"""Independent reference for the roi tests (nibabel + numpy/scipy, never acuroi code).

Usage: roi_reference.py OUT_DIR
Writes, once (a stamp keyed by this script's content; a lock serialises parallel test runs):
  grid_<g>.txt             dims (3 ints) then the 4x4 affine, row by row (repr, round-trip exact)
  labels_<atlas>_<g>.i32   nibabel.processing.resample_from_to(order=0) of the REAL atlas onto
                           grid g, int32 little-endian, NIfTI order (i fastest)
  mask_<g>.u8 + mask.nii.gz  a float mask image (with NaN) and its nearest-neighbour resampling
  sphere_<g>_<n>.txt       voxel linear indices of sphere n on grid g (numpy, |x-c|^2 <= r^2)
  union_<g>.txt            union of sphere 0 and AAL labels Insula_L + Insula_R on grid g
  aal_table.txt            value<TAB>name parsed from aal.nii.txt by Python
  aal_dseg.tsv             the same table written in BIDS dseg.tsv form
  coarse_absent.txt        AAL label values with zero voxels on the 'top' grid
  ho_values.txt            distinct nonzero values of the Harvard-Oxford image, ascending
  margins.txt              min distance of any oblique source coordinate to a rounding tie
                           (x.5) or a domain edge; the test requires > 1e-9, far above the
                           ~1e-13 rounding error of the coordinates, so no tie decides a voxel
Grids: mni2 = FSL MNI 2 mm (91x109x91, diag(-2,2,2), origin (90,-126,-72), LAS);
       obl3 = 3 mm rotated 12 deg about x and -10 deg about y (generic, no ties);
       top  = 4 mm slab over the vertex whose centres fall EXACTLY on x.5 source coordinates
              on every axis (exact in binary), to check the tie rule: floor(c + 0.5).
"""
import fcntl
import hashlib
import os
import sys

TEMPLATES = "/usr/share/mricron/templates"
ATLASES = {"aal": "aal.nii.gz", "ho": "HarvardOxford-cort-maxprob-thr0-1mm.nii.gz"}
SPHERES = [((-38.0, -4.0, 10.0), 9.0), ((0.0, -52.0, 26.0), 8.0), ((2.0, 2.0, 2.0), 6.0),
           ((13.7, -21.3, 40.1), 7.5)]


def rotation(ax_deg, ay_deg):
    a, b = np.radians(ax_deg), np.radians(ay_deg)
    rx = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
    ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
    return rx @ ry


def grids():
    mni2 = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
    obl = np.eye(4)
    obl[:3, :3] = rotation(12.0, -10.0) @ np.diag([3.0, 3.0, 3.0])
    obl[:3, 3] = [-95.3, -130.7, -80.2]
    top = np.array([[4.0, 0, 0, -70.5], [0, 4, 0, -90.5], [0, 0, 4, 60.5], [0, 0, 0, 1]])
    return {"mni2": ((91, 109, 91), mni2), "obl3": ((64, 76, 60), obl), "top": ((36, 44, 4), top)}


def world_coords(shape, affine):
    # NIfTI order: i fastest.
    ijk = np.stack([a.ravel(order="F") for a in np.indices(shape)])
    return affine[:3, :3] @ ijk + affine[:3, 3:4]


def save_grid(out, name, shape, affine):
    with open(os.path.join(out, f"grid_{name}.txt"), "w") as f:
        f.write(" ".join(str(d) for d in shape) + "\n")
        for row in affine:
            f.write(" ".join(repr(float(x)) for x in row) + "\n")


def tie_margin(source_img, shape, affine):
    inv = np.linalg.inv(source_img.affine) @ affine
    ijk = np.stack([a.ravel(order="F") for a in np.indices(shape)]).astype(float)
    c = inv[:3, :3] @ ijk + inv[:3, 3:4]
    n = np.array(source_img.shape[:3], dtype=float)[:, None]
    frac = np.abs(c - np.floor(c) - 0.5)
    edge = np.minimum(np.abs(c), np.abs(c - (n - 1)))
    return float(min(frac.min(), edge.min()))


def generate(out):
    global nib, np, resample_from_to
    import nibabel as nib
    import numpy as np
    from nibabel.processing import resample_from_to

    gs = grids()
    for name, (shape, affine) in gs.items():
        save_grid(out, name, shape, affine)
    margins = []
    for key, filename in ATLASES.items():
        img = nib.load(os.path.join(TEMPLATES, filename))
        for gname, (shape, affine) in gs.items():
            res = resample_from_to(img, (shape, affine), order=0, mode="constant", cval=0)
            data = np.asarray(res.dataobj).astype("<i4")
            data.ravel(order="F").tofile(os.path.join(out, f"labels_{key}_{gname}.i32"))
            if gname == "obl3":
                margins.append(tie_margin(img, shape, affine))
    with open(os.path.join(out, "margins.txt"), "w") as f:
        f.write(repr(min(margins)) + "\n")

    # A float mask on Colin27's 1 mm grid (NaN outside a box, zeros, negative values count).
    colin = nib.load(os.path.join(TEMPLATES, "ch2bet.nii.gz"))
    values = np.asarray(colin.dataobj, dtype=np.float32)
    mask = np.where(values > 60, np.float32(1.0), np.float32(0.0))
    mask[values > 120] = -2.5
    mask[:20] = np.nan
    mask_img = nib.Nifti1Image(mask, colin.affine)
    nib.save(mask_img, os.path.join(out, "mask.nii.gz"))
    for gname in ("mni2", "obl3"):
        shape, affine = gs[gname]
        res = resample_from_to(mask_img, (shape, affine), order=0, mode="constant", cval=0)
        m = np.asarray(res.dataobj)
        on = (np.isfinite(m) & (m != 0)).astype(np.uint8)
        on.ravel(order="F").tofile(os.path.join(out, f"mask_{gname}.u8"))

    for gname in ("mni2", "obl3"):
        shape, affine = gs[gname]
        xyz = world_coords(shape, affine)
        sets = []
        for n, (centre, radius) in enumerate(SPHERES):
            d2 = ((xyz - np.array(centre)[:, None]) ** 2).sum(axis=0)
            idx = np.nonzero(d2 <= radius * radius)[0]
            sets.append(idx)
            np.savetxt(os.path.join(out, f"sphere_{gname}_{n}.txt"), idx, fmt="%d")
        labels = np.fromfile(os.path.join(out, f"labels_aal_{gname}.i32"), dtype="<i4")
        insula = np.nonzero(np.isin(labels, [29, 30]))[0]
        union = np.union1d(sets[0], insula)
        np.savetxt(os.path.join(out, f"union_{gname}.txt"), union, fmt="%d")

    table = []
    with open(os.path.join(TEMPLATES, "aal.nii.txt")) as f:
        for line in f:
            parts = line.split()
            if parts:
                table.append((int(parts[0]), parts[1]))
    with open(os.path.join(out, "aal_table.txt"), "w") as f:
        for value, name in table:
            f.write(f"{value}\t{name}\n")
    with open(os.path.join(out, "aal_dseg.tsv"), "w") as f:
        f.write("index\tname\tabbreviation\n")
        for value, name in table:
            f.write(f"{value}\t{name}\t{name[:4]}\n")
    top = np.fromfile(os.path.join(out, "labels_aal_top.i32"), dtype="<i4")
    absent = sorted(set(v for v, _ in table) - set(np.unique(top).tolist()))
    np.savetxt(os.path.join(out, "coarse_absent.txt"), np.array(absent), fmt="%d")
    ho = np.asarray(nib.load(os.path.join(TEMPLATES, ATLASES["ho"])).dataobj)
    values = np.unique(ho)
    np.savetxt(os.path.join(out, "ho_values.txt"), values[values != 0], fmt="%d")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with open(__file__, "rb") as f:
        stamp = os.path.join(out, "done-" + hashlib.sha256(f.read()).hexdigest()[:16])
    with open(os.path.join(out, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(stamp):
            generate(out)
            open(stamp, "w").close()


if __name__ == "__main__":
    main()
