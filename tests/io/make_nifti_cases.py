#!/usr/bin/python3
"""Writes NIfTI test cases and what nibabel reads from them (the independent reference).

usage: make_nifti_cases.py OUT_DIR

For every good case NAME it writes NAME.nii or NAME.nii.gz plus
  NAME.data.f64    img.get_fdata() as float64, NIfTI order (i fastest, then j, k, volumes)
  NAME.affine.f64  img.affine as 16 float64, row-major
  NAME.shape.txt   the data shape as nibabel reports it, space separated
and appends "NAME FILE" to OUT_DIR/cases.txt. Files are written byte by byte from nibabel headers
(hdr.binaryblock) so every header field can be set; the references always come from nib.load.

It also writes broken files (bad_*.nii[.gz]) for the error-path tests; their expected messages
live in the C++ test.
"""
import gzip
import os
import sys

import nibabel as nib
import numpy as np

OUT = sys.argv[1]
rng = np.random.default_rng(20240611)
cases = []

OBLIQUE = np.array([[1.8, 0.3, -0.2, -80.5], [-0.25, 2.1, 0.4, -110.25],
                    [0.15, -0.35, 2.5, -60.0], [0, 0, 0, 1]])


def random_values(dtype, shape):
    dt = np.dtype(dtype)
    if dt.kind == 'f':
        return (rng.standard_normal(shape) * 1000).astype(dt)
    info = np.iinfo(dt)
    lo, hi = max(info.min, -(2 ** 40)), min(info.max, 2 ** 40)
    values = rng.integers(lo, hi, size=shape, dtype=np.int64, endpoint=True)
    # include the extremes of small types
    flat = values.reshape(-1)
    if dt.itemsize <= 4:
        flat[0], flat[-1] = info.min, info.max
    return values.astype(dt)


def make_header(version, dtype, shape, endian='<'):
    klass = nib.Nifti1Header if version == 1 else nib.Nifti2Header
    hdr = klass(endianness=endian)
    hdr.set_data_dtype(np.dtype(dtype))
    hdr.set_data_shape(shape)
    hdr.set_zooms((2.0, 2.5, 3.0) + (1.5,) * (len(shape) - 3) if len(shape) >= 3 else (2.0,) * len(shape))
    hdr.set_xyzt_units('mm', 'sec')
    return hdr


def write_file(name, hdr, data, gz, vox_offset=None, extension=b'', members=1, padding=0):
    endian = hdr.endianness
    header_size = 348 if isinstance(hdr, nib.Nifti1Header) and not isinstance(hdr, nib.Nifti2Header) else 540
    if vox_offset is None:
        vox_offset = header_size + 4 + len(extension)
    hdr['vox_offset'] = vox_offset
    payload = bytearray(hdr.binaryblock)
    payload += (b'\x01\x00\x00\x00' if extension else b'\x00\x00\x00\x00') + extension
    payload += b'\x00' * (vox_offset - len(payload))
    payload += np.asarray(data).astype(np.dtype(hdr.get_data_dtype()).newbyteorder(endian)).tobytes(order='F')
    filename = name + ('.nii.gz' if gz else '.nii')
    path = os.path.join(OUT, filename)
    with open(path, 'wb') as f:
        if gz:
            cut = [len(payload) * i // members for i in range(members + 1)]
            for a, b in zip(cut[:-1], cut[1:]):
                f.write(gzip.compress(bytes(payload[a:b]), compresslevel=6, mtime=0))
            f.write(b'\x00' * padding)  # zero padding after the last member (tape-style)
        else:
            f.write(payload)
    return filename


def record(name, filename):
    img = nib.load(os.path.join(OUT, filename))
    data = np.asarray(img.get_fdata(), dtype=np.float64)
    data.ravel(order='F').tofile(os.path.join(OUT, name + '.data.f64'))
    np.asarray(img.affine, dtype=np.float64).tofile(os.path.join(OUT, name + '.affine.f64'))
    with open(os.path.join(OUT, name + '.shape.txt'), 'w') as f:
        f.write(' '.join(str(s) for s in data.shape) + '\n')
    cases.append((name, filename))


def case(name, dtype='<f4', shape=(5, 4, 3, 2), version=1, gz=False, endian='<', slope=None,
         inter=None, sform=None, qform=None, members=1, extension=b'', pixdim0=None, data=None,
         padding=0):
    hdr = make_header(version, np.dtype(dtype).newbyteorder('='), shape, endian)
    if sform is not None:
        hdr.set_sform(sform[0], code=sform[1])
    else:
        hdr.set_sform(None, code=0)
    if qform is not None:
        hdr.set_qform(qform[0], code=qform[1])
    else:
        hdr.set_qform(None, code=0)
    if pixdim0 is not None:
        hdr['pixdim'][0] = pixdim0
    if slope is not None:
        hdr['scl_slope'] = slope
        hdr['scl_inter'] = inter
    if data is None:
        data = random_values(np.dtype(dtype).newbyteorder('='), shape)
    filename = write_file(name, hdr, data, gz, extension=extension, members=members, padding=padding)
    record(name, filename)
    return filename


AFFINE = np.array([[-2.0, 0, 0, 90], [0, 2.5, 0, -126], [0, 0, 3.0, -72], [0, 0, 0, 1]])

# every datatype, both byte orders, .nii and .nii.gz
for dtype in ['u1', 'i1', 'i2', 'u2', 'i4', 'u4', 'i8', 'f4', 'f8']:
    for endian in '<>':
        for gz in (False, True):
            tag = {'<': 'le', '>': 'be'}[endian]
            case(f'dtype_{dtype}_{tag}' + ('_gz' if gz else ''), dtype=dtype, endian=endian, gz=gz,
                 sform=(AFFINE, 4), qform=(AFFINE, 4))

# NIfTI-2
case('nifti2_f4_gz', dtype='f4', version=2, gz=True, sform=(OBLIQUE, 1), qform=(OBLIQUE, 1))
case('nifti2_i2_be', dtype='i2', version=2, endian='>', sform=(AFFINE, 2), qform=(AFFINE, 2),
     slope=0.25, inter=-3.0)
case('nifti2_qform_only', dtype='f8', version=2, sform=None, qform=(OBLIQUE, 1))

# scaling
case('scale_i2', dtype='i2', slope=0.5, inter=10.0, sform=(AFFINE, 4))
case('scale_u1_be_gz', dtype='u1', endian='>', gz=True, slope=2.0, inter=-1.0, sform=(AFFINE, 4))
case('scale_f4', dtype='f4', slope=2.0, inter=1.0, sform=(AFFINE, 4))
case('scale_slope_zero', dtype='i2', slope=0.0, inter=5.0, sform=(AFFINE, 4))
case('scale_slope_nan', dtype='i2', slope=np.nan, inter=5.0, sform=(AFFINE, 4))

# affine choice: sform only, qform only (qfac -1 and oblique), neither, sform wins over qform
flipped = OBLIQUE.copy()
flipped[:3, 2] *= -1  # negative determinant -> qfac -1
case('sform_only', sform=(OBLIQUE, 2), qform=None)
case('qform_only_qfac_neg', sform=None, qform=(flipped, 1))
case('qform_only_oblique', sform=None, qform=(OBLIQUE, 3))
case('neither_base_affine', sform=None, qform=None, shape=(6, 5, 4))
case('sform_over_qform', sform=(OBLIQUE, 4), qform=(AFFINE, 1))
case('qfac_zero_means_one', sform=None, qform=(AFFINE, 1), pixdim0=0.0)

# dimensionality
case('three_d', shape=(7, 6, 5), sform=(AFFINE, 4))
case('five_d', shape=(4, 3, 2, 2, 3), sform=(AFFINE, 4), gz=True)
case('two_d', shape=(6, 5), sform=None, qform=None)

# gzip with several members; an extension before the data
case('multi_member_gz', shape=(9, 8, 7, 5), gz=True, members=4, sform=(AFFINE, 4))
# a gzip header with a file name, a timestamp and a comment-free FNAME flag (as `gzip` writes)
named = case('gz_header_with_name', shape=(6, 5, 4, 3), gz=True, sform=(AFFINE, 4))
with gzip.open(os.path.join(OUT, named), 'rb') as f:
    raw_bytes = f.read()
with open(os.path.join(OUT, named), 'wb') as f:
    with gzip.GzipFile(filename='sub-01_bold.nii', mode='wb', fileobj=f, mtime=1700000000) as z:
        z.write(raw_bytes)
case('zero_padded_gz', shape=(9, 8, 7, 2), gz=True, members=2, padding=1000, sform=(AFFINE, 4))
case('with_extension', extension=b'\x20\x00\x00\x00\x06\x00\x00\x00' + b'acuroi test ext\x00' + b'\x00' * 8,
     sform=(AFFINE, 4))

# written by nibabel itself (its own scaling choices, byte order, gzip)
arr = (rng.standard_normal((6, 5, 4, 3)) * 300 + 1000).astype(np.float32)
img = nib.Nifti1Image(arr, OBLIQUE)
img.header.set_data_dtype(np.int16)  # nibabel chooses scl_slope/scl_inter
nib.save(img, os.path.join(OUT, 'nibabel_i2_scaled.nii.gz'))
record('nibabel_i2_scaled', 'nibabel_i2_scaled.nii.gz')
img = nib.Nifti1Image(arr, AFFINE)
be = nib.Nifti1Image(arr.astype('>f4'), AFFINE, header=img.header.as_byteswapped('>'))
nib.save(be, os.path.join(OUT, 'nibabel_f4_be.nii'))
record('nibabel_f4_be', 'nibabel_f4_be.nii')
nib.save(nib.Nifti2Image(arr, OBLIQUE), os.path.join(OUT, 'nibabel_nifti2.nii.gz'))
record('nibabel_nifti2', 'nibabel_nifti2.nii.gz')

with open(os.path.join(OUT, 'cases.txt'), 'w') as f:
    for name, filename in cases:
        f.write(f'{name} {filename}\n')


# ---- broken files (expectations in nifti_errors_test.cpp) ----
def broken(name, mutate=None, gz=False, dtype='f4', shape=(5, 4, 3, 2), version=1):
    hdr = make_header(version, dtype, shape)
    hdr.set_sform(AFFINE, code=4)
    data = random_values(dtype, shape)
    header_size = 348 if version == 1 else 540
    hdr['vox_offset'] = header_size + 4
    payload = bytearray(hdr.binaryblock) + b'\x00' * 4 + data.astype(np.dtype(dtype).newbyteorder('<')).tobytes(order='F')
    if mutate:
        payload = mutate(payload)
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(gzip.compress(bytes(payload), compresslevel=6, mtime=0) if gz else payload)
    return payload


def put(offset, fmt, value):
    def mutate(p):
        p[offset:offset + np.dtype(fmt).itemsize] = np.array([value], dtype=fmt).tobytes()
        return p
    return mutate


broken('bad_dim0.nii', put(40, '<i2', 9))
broken('bad_negative_dim.nii', put(44, '<i2', -4))        # dim[2]
broken('bad_vox_offset.nii', put(108, '<f4', 300.0))
broken('bad_bitpix.nii', put(72, '<i2', 8))               # float32 (16) with bitpix 8
broken('bad_complex.nii', lambda p: put(72, '<i2', 64)(put(70, '<i2', 32)(p)))
broken('bad_magic.nii', lambda p: p[:344] + b'abc\x00' + p[348:])
broken('bad_sizeof_hdr.nii', put(0, '<i4', 123))
broken('bad_pair_magic.nii', lambda p: p[:344] + b'ni1\x00' + p[348:])
broken('bad_inter_inf.nii', lambda p: put(116, '<f4', np.inf)(put(112, '<f4', 2.0)(p)))
# qform chosen (sform_code 0) but b^2 + c^2 + d^2 = 1.62 > 1
broken('bad_quaternion.nii', lambda p: put(256, '<f4', 0.9)(put(260, '<f4', 0.9)(
    put(254, '<i2', 0)(put(252, '<i2', 1)(p)))))
broken('bad_nifti2_dim0.nii', put(16, '<i8', 0), version=2)
broken('bad_nifti2_eol.nii', lambda p: p[:8] + b'\n\n\x1a\n' + p[12:], version=2)  # \r\n -> \n\n
good = broken('truncated.nii')
with open(os.path.join(OUT, 'truncated.nii'), 'wb') as f:
    f.write(good[:len(good) - 100])
# a 4D gz cut in the middle of its compressed stream
full = broken('truncated.nii.gz', gz=True, shape=(16, 16, 8, 6))
blob = gzip.compress(bytes(full), compresslevel=6, mtime=0)
with open(os.path.join(OUT, 'truncated.nii.gz'), 'wb') as f:
    f.write(blob[:len(blob) // 2])
# the gzip trailer's CRC-32 damaged
crc = bytearray(blob)
crc[-8] ^= 0xFF
with open(os.path.join(OUT, 'bad_crc.nii.gz'), 'wb') as f:
    f.write(bytes(crc))
# the gzip header is fine but the compressed bytes are garbage
garbage = bytearray(blob[:10]) + bytearray(rng.integers(0, 256, 4000, dtype=np.uint8).tobytes())
with open(os.path.join(OUT, 'bad_deflate.nii.gz'), 'wb') as f:
    f.write(bytes(garbage))
