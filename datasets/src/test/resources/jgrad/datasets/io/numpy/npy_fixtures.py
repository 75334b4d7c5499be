#!/usr/bin/env python3
"""NPY/NPZ fixtures for jgrad's NpyTest, both ways.

    python3 npy_fixtures.py write DIR    NumPy writes the fixtures into DIR (committed beside
                                         this script; made with numpy 1.24.2)
    python3 npy_fixtures.py verify DIR   NumPy loads the files jgrad wrote into DIR
                                         (NpyTest.jgradFilesLoadInNumpy writes them) and checks
                                         every value, dtype, shape and the 64-byte data alignment;
                                         exits 1 naming each mismatch

The expected values are the same literals as NpyTest.EXPECTED.
"""
import os
import sys

import numpy as np

# dtype name -> the (2, 3) values every fixture of that dtype holds
EXPECTED = {
    "float64": [[1.5, -2.0, 3.25], [float("nan"), float("inf"), -0.0]],
    "float32": [[1.5, -2.0, 0.1], [float("nan"), float("-inf"), 3.4028234663852886e38]],
    "int64": [[-(2 ** 63), -1, 0], [2 ** 53 + 1, 2, 2 ** 63 - 1]],
    "int32": [[-(2 ** 31), -1, 0], [1, 2, 2 ** 31 - 1]],
    "int16": [[-(2 ** 15), -1, 0], [1, 2, 2 ** 15 - 1]],
    "int8": [[-128, -1, 0], [1, 2, 127]],
    "uint8": [[0, 1, 127], [128, 254, 255]],
    "bool": [[True, False, True], [False, False, True]],
}


def expected(name):
    return np.array(EXPECTED[name], dtype=name)


def write(directory):
    os.makedirs(directory, exist_ok=True)

    def save(name, array, version=None):
        with open(os.path.join(directory, name), "wb") as f:
            np.lib.format.write_array(f, array, version=version, allow_pickle=True)

    for name in EXPECTED:
        a = expected(name)
        if a.dtype.itemsize == 1:
            save(name + ".npy", a)
        else:
            save(name + "_le.npy", a.astype(a.dtype.newbyteorder("<")))
            save(name + "_be.npy", a.astype(a.dtype.newbyteorder(">")))
    save("float64_v2.npy", expected("float64"), version=(2, 0))
    save("float64_v3.npy", expected("float64"), version=(3, 0))
    save("int32_fortran_3d.npy", np.asfortranarray(np.arange(24, dtype="<i4").reshape(2, 3, 4)))
    save("uint8_fortran.npy", np.asfortranarray(expected("uint8")))
    save("int64_scalar.npy", np.array(-7, dtype="<i8"))
    save("float32_empty_2x0.npy", np.zeros((2, 0), dtype="<f4"))
    save("bool_empty.npy", np.zeros((0,), dtype="?"))
    np.savez(os.path.join(directory, "stored.npz"), expected("float64"),
             labels=expected("uint8").ravel())
    np.savez_compressed(os.path.join(directory, "compressed.npz"), x=expected("int32"),
                        flags=expected("bool"))
    # dtypes jgrad refuses, each naming its dtype
    save("refused_complex64.npy", np.array([1 + 2j], dtype="<c8"))
    save("refused_object.npy", np.array([1, "a"], dtype=object))
    save("refused_unicode.npy", np.array(["abc"], dtype="<U3"))
    save("refused_structured.npy", np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))
    save("refused_float16.npy", np.zeros(2, dtype="<f2"))
    save("refused_uint16.npy", np.zeros(2, dtype="<u2"))


def same(actual, wanted):
    # the same type and size in either byte order ('>i4' is int32 too)
    return (actual.dtype.newbyteorder("=") == wanted.dtype.newbyteorder("=")
            and actual.shape == wanted.shape
            and np.array_equal(actual, wanted, equal_nan=wanted.dtype.kind == "f")
            and (wanted.dtype.kind != "f"
                 or np.array_equal(np.signbit(actual), np.signbit(wanted))))


def verify(directory):
    problems = []

    def check(name, wanted):
        path = os.path.join(directory, name)
        with open(path, "rb") as f:
            major, minor = np.lib.format.read_magic(f)
            if major == 1:
                np.lib.format.read_array_header_1_0(f)
            else:
                np.lib.format.read_array_header_2_0(f)
            offset = f.tell()
        if offset % 64 != 0:
            problems.append(f"{name}: data offset {offset} is not a multiple of 64")
        if (major, minor) != (1, 0):
            problems.append(f"{name}: version {major}.{minor}, expected 1.0")
        actual = np.load(path, allow_pickle=False)
        if not same(actual, wanted):
            problems.append(f"{name}: got {actual!r} ({actual.dtype}), expected {wanted!r}")
        return actual

    for name in EXPECTED:
        a = expected(name)
        if a.dtype.itemsize == 1:
            check(name + ".npy", a)
        else:
            check(name + "_le.npy", a)
            be = check(name + "_be.npy", a)
            if be.dtype.byteorder != ">":
                problems.append(f"{name}_be.npy: byte order {be.dtype.byteorder!r}, expected '>'")
    check("int64_scalar.npy", np.array(-7, dtype="<i8"))
    check("float32_empty_2x0.npy", np.zeros((2, 0), dtype="<f4"))
    check("bool_empty.npy", np.zeros((0,), dtype="?"))
    check("int32_3d.npy", np.arange(24, dtype="<i4").reshape(2, 3, 4))
    for archive in ("stored.npz", "compressed.npz"):
        with np.load(os.path.join(directory, archive), allow_pickle=False) as z:
            if list(z.keys()) != ["x", "labels"]:
                problems.append(f"{archive}: keys {list(z.keys())}, expected ['x', 'labels']")
            elif not same(z["x"], expected("float64")) or not same(z["labels"],
                                                                  expected("uint8").ravel()):
                problems.append(f"{archive}: got {z['x']!r} and {z['labels']!r}")
    for problem in problems:
        print(problem)
    print(f"verified {directory}: {'FAILED' if problems else 'all files load in NumPy'}"
          f" (numpy {np.__version__})")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "verify"):
        sys.exit(__doc__)
    if sys.argv[1] == "write":
        write(sys.argv[2])
    else:
        sys.exit(verify(sys.argv[2]))
