#!/usr/bin/env python3
"""The safetensors fixtures of SafetensorsTest, with NumPy only (the Python safetensors package
is not in Debian's archive), following the published specification: the README of
github.com/huggingface/safetensors, section "Format":

  8 bytes      N, an unsigned little-endian 64-bit integer, the size of the header
  N bytes      a UTF-8 JSON object: {"NAME": {"dtype": "F64", "shape": [2, 3],
               "data_offsets": [BEGIN, END]}, ...} with an optional "__metadata__" object of
               string values; offsets are relative to the start of the byte buffer, END is one
               past the last byte
  the rest     the byte buffer: each tensor little-endian, row-major (C order), the buffer
               entirely covered by the tensors' ranges (no holes, no overlap)

1. Writes written-by-numpy.safetensors beside this script (SafetensorsTest reads it). The header
   lists the tensors in another order than the buffer holds them, and the header is padded with
   spaces to a multiple of 8 bytes, as the reference writer does.
2. Reads written-by-jgrad.safetensors (which jgrad's Safetensors.write produced; SafetensorsTest
   checks that jgrad still writes exactly these bytes) with an independent reader and checks
   every value, shape, dtype and the metadata.

Run from this folder: python3 safetensors_fixture.py   (prints what it checked, exits 1 on error)
"""
import json
import math
import os
import struct
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {"F64": np.dtype("<f8"), "F32": np.dtype("<f4"), "I64": np.dtype("<i8"),
          "I32": np.dtype("<i4")}
NAMES = {np.dtype("float64"): "F64", np.dtype("float32"): "F32", np.dtype("int64"): "I64",
         np.dtype("int32"): "I32"}


def write(path, tensors, metadata, buffer_order):
    """tensors: dict name -> array (header order); buffer_order: names in buffer order."""
    offsets, chunks, at = {}, [], 0
    for name in buffer_order:
        data = np.ascontiguousarray(tensors[name]).astype(tensors[name].dtype.newbyteorder("<"))
        raw = data.tobytes(order="C")
        offsets[name] = [at, at + len(raw)]
        chunks.append(raw)
        at += len(raw)
    header = {"__metadata__": metadata}
    for name, array in tensors.items():
        dtype = NAMES[array.dtype]
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": offsets[name]}
    text = json.dumps(header, ensure_ascii=False).encode("utf-8")
    text += b" " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for chunk in chunks:
            f.write(chunk)


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    assert 8 + n <= len(blob), "header longer than the file"
    header_text = blob[8:8 + n].decode("utf-8")
    assert header_text.startswith("{"), "header does not start with {"
    header = json.loads(header_text)
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in metadata.values()), "metadata must be strings"
    buffer = blob[8 + n:]
    spans = sorted(tuple(entry["data_offsets"]) for entry in header.values())
    covered = 0
    for begin, end in spans:
        assert begin == covered, "hole or overlap at byte %d" % begin
        covered = end
    assert covered == len(buffer), "buffer has %d bytes, tensors cover %d" % (len(buffer), covered)
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = DTYPES[entry["dtype"]]
        shape = tuple(entry["shape"])
        assert end - begin == dtype.itemsize * int(np.prod(shape, dtype=np.int64)), name
        tensors[name] = (entry["dtype"], np.frombuffer(buffer[begin:end], dtype=dtype)
                         .reshape(shape))
    return n, list(header.keys()), tensors, metadata


def main():
    numpy_file = os.path.join(HERE, "written-by-numpy.safetensors")
    tensors = {
        "weight": (np.arange(6, dtype=np.float64).reshape(2, 3) * 0.5 - 1.0),
        "bias": np.array([0.1, -2.5, 3.0e38], dtype=np.float32),
        "step": np.array(7.0, dtype=np.float64),
        "empty": np.zeros((0, 4), dtype=np.float32),
        "layers.0.special": np.array([[[-0.0, np.inf]], [[-np.inf, np.nan]]], dtype=np.float64),
        "counts": np.array([1, -2, 2 ** 60], dtype=np.int64),
        "labels": np.array([[0, 7], [-1, 2 ** 31 - 1]], dtype=np.int32),
    }
    metadata = {"format": "np", "epoch": "3", "note": "ünïcode ✓"}
    write(numpy_file, tensors, metadata,
          buffer_order=["labels", "layers.0.special", "bias", "empty", "counts", "weight",
                        "step"])
    n, _, back, meta = read(numpy_file)
    assert meta == metadata and (8 + n) % 8 == 0
    for name, array in tensors.items():
        assert np.array_equal(back[name][1], array, equal_nan=True), name
    print("wrote and re-read", numpy_file)

    jgrad_file = os.path.join(HERE, "written-by-jgrad.safetensors")
    n, order, got, meta = read(jgrad_file)
    expected = {
        "0.weight": ("F64", np.array([[1.0, 2.0], [3.0, 4.0]])),
        "0.bias": ("F32", np.array([0.5, -0.25], dtype=np.float32)),
        "scalar": ("F64", np.array(math.pi)),
        "empty": ("F64", np.zeros((0,))),
        "special": ("F32", np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45],
                                    dtype=np.float32)),
        "step": ("I64", np.array(2 ** 53 + 1, dtype=np.int64)),
        "labels": ("I32", np.array([3, -4, -2 ** 31], dtype=np.int32)),
    }
    assert order == list(expected), order
    assert meta == {"epoch": "5", "note": "ünïcode ✓"}, meta
    assert (8 + n) % 8 == 0, "buffer not aligned to 8 bytes"
    for name, (dtype, array) in expected.items():
        assert got[name][0] == dtype, (name, got[name][0])
        assert got[name][1].shape == array.shape, (name, got[name][1].shape)
        assert np.array_equal(got[name][1], array, equal_nan=True), (name, got[name][1])
        assert np.array_equal(np.signbit(got[name][1]), np.signbit(array)), name
    print("read", jgrad_file, "with NumPy:", ", ".join(
        "%s %s %s" % (name, got[name][0], list(got[name][1].shape)) for name in order),
        "metadata", meta)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print("FAILED:", e)
        sys.exit(1)
