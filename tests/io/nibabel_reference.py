#!/usr/bin/python3
"""Reads NIfTI files with nibabel and writes what it sees, for the writer round-trip tests.

usage: nibabel_reference.py [--out DIR] FILE...

Next to each FILE (NAME.nii or NAME.nii.gz), or in DIR, writes
  NAME.data.f64    img.get_fdata(), float64, NIfTI order (i fastest)
  NAME.affine.f64  img.affine, 16 float64 row-major
  NAME.qform.f64   header.get_qform() (the quaternion affine, even when the sform is chosen)
  NAME.fields.txt  "key value" lines: datatype, endianness, sizeof_hdr, slope, inter,
                   qform_code, sform_code, xyzt_units, tr, shape
"""
import os
import sys

import nibabel as nib
import numpy as np

args = sys.argv[1:]
out_dir = None
if args[:1] == ['--out']:
    out_dir, args = args[1], args[2:]
for path in args:
    base = path[:-7] if path.endswith('.nii.gz') else path[:-4]
    if out_dir:
        base = os.path.join(out_dir, os.path.basename(base))
    img = nib.load(path)
    hdr = img.header
    np.asarray(img.get_fdata(), dtype=np.float64).ravel(order='F').tofile(base + '.data.f64')
    np.asarray(img.affine, dtype=np.float64).tofile(base + '.affine.f64')
    np.asarray(hdr.get_qform(), dtype=np.float64).tofile(base + '.qform.f64')
    fields = {
        'datatype': int(hdr['datatype']),
        'endianness': hdr.endianness,
        'sizeof_hdr': int(hdr['sizeof_hdr']),
        'slope': float(img.dataobj.slope),
        'inter': float(img.dataobj.inter),
        'qform_code': int(hdr['qform_code']),
        'sform_code': int(hdr['sform_code']),
        'xyzt_units': int(hdr['xyzt_units']),
        'tr': float(hdr.get_zooms()[3]) if len(img.shape) > 3 else 0.0,
        'shape': 'x'.join(str(s) for s in img.shape),
    }
    with open(base + '.fields.txt', 'w') as f:
        for key, value in fields.items():
            f.write(f'{key} {value}\n')
