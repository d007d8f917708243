"""Independent reference for the extract tests (nibabel + numpy, never acuroi code).

Usage: extract_reference.py OUT_DIR
Writes once (stamp keyed by this script's content; a lock serialises parallel test runs):
  bold_<g>.nii.gz     float32 4D run on grid g: Colin27-shaped baseline + per-region signal +
                      noise; NaN voxels (a block NaN in every volume, scattered voxels NaN in
                      some volumes) and a few +-Inf voxel-volumes. g = mni2 (FSL MNI 2 mm, LAS,
                      10 volumes, TR 2 s) or obl3 (3 mm, rotated 12/-10 deg, 12 volumes, TR 1.5 s)
  mask_<g>.nii.gz     uint8 brain mask on grid g, cut above z = 50 mm so that top ROIs are
                      partly covered (coverage between 0 and 1)
  mask_shifted.nii.gz a mask on a grid shifted by 2 mm (must be refused for bold_mni2)
  bold_truncated.nii.gz  the first 60% of the bytes of bold_mni2.nii.gz
  ho_dseg.tsv         a BIDS label table for Harvard-Oxford: values in DESCENDING order, named
                      "HO_<value>" (so the CLI's column order must follow the table)
  rois_<a>_<g>.tsv    per ROI (atlas a = aal in table order, ho in ascending value order):
                      value, name, voxel_count, usable_voxel_count, coverage
  stat_<a>_<g>_<s>.f64  T x R float64 (row-major): strategy s over the ROI's voxels inside the
                      mask and finite in that volume (NaN when none), computed in float64
  voxels_aal_mni2_<r>.i64 / series_aal_mni2_<r>.f32  usable voxels (inside mask, finite in every
                      volume) of AAL ROI index r, and their T x V float32 values (row-major)
Labels on each grid come from nibabel.processing.resample_from_to(order=0), in world space.
"""
import fcntl
import hashlib
import os
import sys

TEMPLATES = "/usr/share/mricron/templates"
STRATEGIES = ["mean", "median", "std", "var", "sum", "min", "max"]
SERIES_ROIS = [0, 28, 69]  # Precentral_L, Insula_L, Paracentral_Lobule_R (partly masked)


def generate(out):
    import warnings

    import nibabel as nib
    import numpy as np
    from nibabel.processing import resample_from_to

    warnings.simplefilter("ignore", RuntimeWarning)  # nan* of all-NaN slices -> NaN, expected

    def rotation(ax_deg, ay_deg):
        a, b = np.radians(ax_deg), np.radians(ay_deg)
        rx = np.array([[1, 0, 0], [0, np.cos(a), -np.sin(a)], [0, np.sin(a), np.cos(a)]])
        ry = np.array([[np.cos(b), 0, np.sin(b)], [0, 1, 0], [-np.sin(b), 0, np.cos(b)]])
        return rx @ ry

    mni2 = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
    obl = np.eye(4)
    obl[:3, :3] = rotation(12.0, -10.0) @ np.diag([3.0, 3.0, 3.0])
    obl[:3, 3] = [-95.3, -130.7, -80.2]
    grids = {"mni2": ((91, 109, 91), mni2, 10, 2.0), "obl3": ((64, 76, 60), obl, 12, 1.5)}

    colin = nib.load(os.path.join(TEMPLATES, "ch2bet.nii.gz"))
    aal_img = nib.load(os.path.join(TEMPLATES, "aal.nii.gz"))
    ho_img = nib.load(os.path.join(TEMPLATES, "HarvardOxford-cort-maxprob-thr0-1mm.nii.gz"))
    table = []
    with open(os.path.join(TEMPLATES, "aal.nii.txt")) as f:
        for line in f:
            parts = line.split()
            if parts:
                table.append((int(parts[0]), parts[1]))
    ho_values = np.unique(np.asarray(ho_img.dataobj))
    ho_values = [int(v) for v in ho_values if v != 0]
    atlases = {"aal": (aal_img, table), "ho": (ho_img, [(v, str(v)) for v in ho_values])}

    rng = np.random.default_rng(20240611)
    for gname, (shape, affine, volumes, tr) in grids.items():
        base = resample_from_to(colin, (shape, affine), order=1).get_fdata()
        brain = base > 20
        labels_aal = np.asarray(resample_from_to(aal_img, (shape, affine), order=0).dataobj)
        # Structure: each AAL region gets its own sinusoid so ROI means differ over time.
        t = np.arange(volumes)
        phase = (labels_aal % 7) / 7.0 * 2 * np.pi
        data = np.empty(shape + (volumes,), dtype=np.float32)
        for v in range(volumes):
            signal = base * 4.0 + 30.0 * np.sin(0.6 * t[v] + phase) * (labels_aal > 0)
            noise = rng.normal(0.0, 15.0, size=shape)
            data[..., v] = np.where(brain, signal + noise, 0.0).astype(np.float32)
        ii, jj, kk = np.nonzero(brain)
        # NaN in every volume: a small block in the middle of the brain.
        c = [int(np.median(a)) for a in (ii, jj, kk)]
        data[c[0] - 3:c[0] + 3, c[1] - 3:c[1] + 3, c[2] - 2:c[2] + 2, :] = np.nan
        # Scattered voxels NaN in some volumes, and a few infinities.
        pick = rng.choice(len(ii), size=len(ii) // 50, replace=False)
        for p in pick:
            data[ii[p], jj[p], kk[p], rng.choice(volumes, size=2, replace=False)] = np.nan
        for p in rng.choice(len(ii), size=25, replace=False):
            data[ii[p], jj[p], kk[p], rng.integers(volumes)] = np.inf * rng.choice([-1, 1])
        img = nib.Nifti1Image(data, affine)
        img.header.set_xyzt_units("mm", "sec")
        img.header["pixdim"][4] = tr
        nib.save(img, os.path.join(out, f"bold_{gname}.nii.gz"))

        ijk = np.stack([a.ravel(order="F") for a in np.indices(shape)])
        z_mm = (affine[:3, :3] @ ijk + affine[:3, 3:4])[2].reshape(shape, order="F")
        mask = (brain & (z_mm <= 50.0)).astype(np.uint8)
        nib.save(nib.Nifti1Image(mask, affine), os.path.join(out, f"mask_{gname}.nii.gz"))
        if gname == "mni2":
            shifted = affine.copy()
            shifted[2, 3] += 2.0
            nib.save(nib.Nifti1Image(mask, shifted), os.path.join(out, "mask_shifted.nii.gz"))

        flat = data.reshape(-1, volumes, order="F").astype(np.float64)
        flat[~np.isfinite(flat)] = np.nan
        mask_flat = mask.ravel(order="F") != 0
        for akey, (atlas, entries) in atlases.items():
            labels = np.asarray(resample_from_to(atlas, (shape, affine), order=0).dataobj)
            labels = labels.ravel(order="F")
            stats = {s: np.full((volumes, len(entries)), np.nan) for s in STRATEGIES}
            rows = []
            for r, (value, name) in enumerate(entries):
                in_roi = np.nonzero(labels == value)[0]
                cand = in_roi[mask_flat[in_roi]]
                x = flat[cand]  # V x T, NaN where not finite
                usable = int(np.all(np.isfinite(x), axis=1).sum()) if len(cand) else 0
                coverage = usable / len(in_roi) if len(in_roi) else 0.0
                rows.append(f"{value}\t{name}\t{len(in_roi)}\t{usable}\t{coverage!r}")
                if len(cand):
                    stats["mean"][:, r] = np.nanmean(x, axis=0)
                    stats["median"][:, r] = np.nanmedian(x, axis=0)
                    stats["std"][:, r] = np.nanstd(x, axis=0)
                    stats["var"][:, r] = np.nanvar(x, axis=0)
                    s = np.nansum(x, axis=0)
                    s[np.all(np.isnan(x), axis=0)] = np.nan
                    stats["sum"][:, r] = s
                    stats["min"][:, r] = np.nanmin(x, axis=0)
                    stats["max"][:, r] = np.nanmax(x, axis=0)
                if akey == "aal" and gname == "mni2" and r in SERIES_ROIS:
                    keep = np.all(np.isfinite(x), axis=1)
                    cand[keep].astype("<i8").tofile(os.path.join(out, f"voxels_aal_mni2_{r}.i64"))
                    series = np.ascontiguousarray(x[keep].T).astype("<f4")
                    series.tofile(os.path.join(out, f"series_aal_mni2_{r}.f32"))
            with open(os.path.join(out, f"rois_{akey}_{gname}.tsv"), "w") as f:
                f.write("value\tname\tvoxel_count\tusable_voxel_count\tcoverage\n")
                f.write("\n".join(rows) + "\n")
            for s in STRATEGIES:
                np.ascontiguousarray(stats[s]).astype("<f8").tofile(
                    os.path.join(out, f"stat_{akey}_{gname}_{s}.f64"))

    with open(os.path.join(out, "ho_dseg.tsv"), "w") as f:
        f.write("index\tname\tcolor\n")
        for v in sorted(ho_values, reverse=True):
            f.write(f"{v}\tHO_{v}\t#808080\n")
    with open(os.path.join(out, "bold_mni2.nii.gz"), "rb") as f:
        whole = f.read()
    with open(os.path.join(out, "bold_truncated.nii.gz"), "wb") as f:
        f.write(whole[: int(len(whole) * 0.6)])


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
