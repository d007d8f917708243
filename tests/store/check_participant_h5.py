"""Independent check of an acuroi participant HDF5 file with h5py (no acuroi code).

usage: check_participant_h5.py FILE.h5 EXPECTED.json [SCHEMA.md]

EXPECTED.json lists every group (with all its attributes) and every dataset (dtype, shape,
row-major values with null for NaN, compression) the file must contain, and nothing else.
Numbers are compared exactly (bit for bit, including the sign of zero and NaN positions).
With SCHEMA.md, the h5py example in it is run on FILE.h5 and must return the same values.
"""
import json
import re
import sys

import h5py
import numpy as np

failures = []


def fail(message):
    failures.append(message)


def numeric_equal(actual, expected_values, dtype):
    expected = np.array([np.nan if v is None else v for v in expected_values], dtype=dtype)
    actual = np.asarray(actual, dtype=dtype).ravel()
    if actual.shape != expected.shape:
        return False
    if np.issubdtype(dtype, np.floating):
        same_nan = np.array_equal(np.isnan(actual), np.isnan(expected))
        finite = ~np.isnan(expected)
        return (same_nan and np.array_equal(actual[finite], expected[finite])
                and np.array_equal(np.signbit(actual[finite]), np.signbit(expected[finite])))
    return np.array_equal(actual, expected)


DTYPES = {"float64": np.dtype("<f8"), "float32": np.dtype("<f4"),
          "int64": np.dtype("<i8"), "uint8": np.dtype("u1")}


def check_dataset(name, ds, spec):
    if list(ds.shape) != spec["shape"]:
        fail(f"{name}: shape {ds.shape} != {spec['shape']}")
        return
    if spec["dtype"] in ("string", "fixed-string"):
        info = h5py.check_string_dtype(ds.dtype)
        length = spec.get("length")  # fixed-length strings: bytes per element
        if info is None or info.encoding != "utf-8" or info.length != length:
            fail(f"{name}: dtype {ds.dtype} is not a UTF-8 string of length {length}")
            return
        values = ds.asstr()[()]
        values = [values] if ds.shape == () else list(np.asarray(values).ravel())
        if values != spec["values"]:
            fail(f"{name}: {values!r} != {spec['values']!r}")
    else:
        if ds.dtype != DTYPES[spec["dtype"]]:
            fail(f"{name}: dtype {ds.dtype} != {spec['dtype']}")
            return
        if not numeric_equal(ds[()], spec["values"], ds.dtype):
            fail(f"{name}: values differ: {ds[()]!r} vs {spec['values']!r}")
    if ds.compression != spec["compression"]:
        fail(f"{name}: compression {ds.compression} != {spec['compression']}")
    if spec["compression"] == "gzip" and not ds.shuffle:
        fail(f"{name}: compressed without shuffle")


def check_attributes(name, obj, spec):
    if sorted(obj.attrs.keys()) != sorted(spec.keys()):
        fail(f"{name}: attributes {sorted(obj.attrs.keys())} != {sorted(spec.keys())}")
        return
    for key, want in spec.items():
        value = obj.attrs[key]
        if want["type"] == "string":
            ok = isinstance(value, str) and value == want["value"]
        elif want["type"] == "int64":
            ok = isinstance(value, np.int64) and int(value) == want["value"]
        else:
            ok = isinstance(value, np.float64) and numeric_equal([value], [want["value"]], np.float64)
        if not ok:
            fail(f"{name}@{key}: {value!r} ({type(value).__name__}) != {want}")


def check_schema_example(schema_path, h5_path, expected):
    text = open(schema_path, encoding="utf-8").read()
    match = re.search(r"<!-- h5py-example -->\s*```python\n(.*?)```", text, re.S)
    if match is None:
        fail("SCHEMA.md: no h5py example block")
        return
    code = match.group(1)
    definition = code.split("\n# usage")[0]  # the function, without the usage lines
    namespace = {}
    exec(definition, namespace)
    for key, spec in expected["datasets"].items():
        parts = key.split("/")
        if len(parts) == 6 and parts[1] == "sessions" and parts[5] == "timeseries":
            series, names, tr = namespace["load_run"](h5_path, parts[2], parts[4])
            if not numeric_equal(series, spec["values"], np.float64) or list(series.shape) != spec["shape"]:
                fail(f"SCHEMA.md example: {key} differs")
            if names != expected["datasets"]["/rois/names"]["values"]:
                fail(f"SCHEMA.md example: ROI names {names}")
            group = "/".join(parts[:5])
            if tr != expected["groups"][group]["attributes"]["tr_seconds"]["value"]:
                fail(f"SCHEMA.md example: tr {tr}")


def main():
    h5_path, expected_path = sys.argv[1], sys.argv[2]
    expected = json.load(open(expected_path, encoding="utf-8"))
    groups, datasets = {"/": None}, {}
    with h5py.File(h5_path, "r") as f:
        f.visititems(lambda name, obj: (datasets if isinstance(obj, h5py.Dataset) else groups)
                     .__setitem__("/" + name, obj))
        if sorted(groups) != sorted(expected["groups"]):
            fail(f"groups: {sorted(set(groups) ^ set(expected['groups']))} differ")
        if sorted(datasets) != sorted(expected["datasets"]):
            fail(f"datasets: {sorted(set(datasets) ^ set(expected['datasets']))} differ")
        for name, spec in expected["groups"].items():
            if name in groups:
                check_attributes(name, f[name], spec["attributes"])
        for name, spec in expected["datasets"].items():
            if name in datasets:
                check_dataset(name, f[name], spec)
                if f[name].attrs.keys():
                    fail(f"{name}: unexpected dataset attributes {list(f[name].attrs.keys())}")
    if len(sys.argv) > 3:
        check_schema_example(sys.argv[3], h5_path, expected)
    checked = len(expected["groups"]) + len(expected["datasets"])
    if failures:
        print("\n".join(failures))
        sys.exit(1)
    print(f"ok: {len(expected['groups'])} groups and {len(expected['datasets'])} datasets match ({checked} objects)")


if __name__ == "__main__":
    main()
