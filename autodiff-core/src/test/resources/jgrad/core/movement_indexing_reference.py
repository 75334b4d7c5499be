#!/usr/bin/env python3
"""Reference values for jgrad's movement and indexing operations, computed with PyTorch 1.13
in float64 (and with NumPy where PyTorch has no counterpart: negative-step slices, np.take with
an axis and negative indices).

Writes movement-indexing-torch-1.13.json beside this script. Each case names the jgrad
operation ("op"), its arguments ("args"), its inputs (float64 tensors and int64 index tensors),
its outputs and, where PyTorch differentiates it, the cotangents (one random tensor per output)
and the vector-Jacobian product of every float input: grad of sum_k <output_k, cotangent_k>.
MovementIndexingTorchReferenceTest reads the JSON; the tests never need PyTorch.

Run from this folder:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 \\
        movement_indexing_reference.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20240611)
cases = []


def floats(*shape):
    return torch.tensor(rng.normal(size=shape))


def ints(values):
    return torch.tensor(np.asarray(values), dtype=torch.int64)


def encode(t):
    t = torch.as_tensor(t).detach()
    if t.dtype in (torch.int64, torch.int32, torch.bool):
        return {"dtype": "int64", "shape": list(t.shape),
                "data": [int(v) for v in t.reshape(-1).tolist()]}
    return {"dtype": "float64", "shape": list(t.shape),
            "data": [float(v) for v in t.reshape(-1).tolist()]}


def add(name, op, args, inputs, fn, grad=True):
    """fn(**inputs) -> tensor or tuple of tensors; records the outputs and, when grad, the vjp
    of every float input for random cotangents."""
    live = {}
    for key, value in inputs.items():
        if isinstance(value, list):
            live[key] = [v.clone().requires_grad_(grad) for v in value]
        elif value.dtype == torch.float64:
            live[key] = value.clone().requires_grad_(grad)
        else:
            live[key] = value
    result = fn(**live)
    outputs = list(result) if isinstance(result, (tuple, list)) else [result]
    entry = {"name": name, "op": op, "args": args,
             "inputs": {k: [encode(t) for t in v] if isinstance(v, list) else encode(v)
                        for k, v in inputs.items()},
             "outputs": [encode(o) for o in outputs]}
    if grad:
        cotangents = [torch.tensor(rng.normal(size=tuple(o.shape))) for o in outputs]
        total = sum((o * c).sum() for o, c in zip(outputs, cotangents))
        wrt, keys = [], []
        for key, value in live.items():
            if isinstance(value, list):
                wrt.extend(value)
                keys.extend((key, i) for i in range(len(value)))
            elif value.dtype == torch.float64:
                wrt.append(value)
                keys.append((key, None))
        grads = torch.autograd.grad(total, wrt, allow_unused=True)
        entry["cotangents"] = [encode(c) for c in cotangents]
        entry["grads"] = {}
        for (key, i), g in zip(keys, grads):
            g = torch.zeros_like(live[key][i] if i is not None else live[key]) if g is None else g
            if i is None:
                entry["grads"][key] = encode(g)
            else:
                entry["grads"].setdefault(key, []).append(encode(g))
    cases.append(entry)


# ---- gather: repeated indices accumulate in the gradient
x = floats(3, 4)
add("gather_axis0_repeats", "gather", {"axis": 0},
    {"x": x, "index": ints([[0, 0, 2, 1], [2, 2, 2, 0]])},
    lambda x, index: torch.gather(x, 0, index))
add("gather_axis1_repeats_short", "gather", {"axis": 1},
    {"x": x, "index": ints([[3, 3, 3, 0, 1], [1, 1, 0, 0, 2]])},
    lambda x, index: torch.gather(x, 1, index))
x3 = floats(2, 3, 4)
add("gather_rank3_axis_last", "gather", {"axis": -1},
    {"x": x3, "index": ints(rng.integers(0, 4, size=(2, 3, 6)))},
    lambda x, index: torch.gather(x, -1, index))

# ---- index_select and take
add("indexSelect_axis0_repeats", "indexSelect", {"axis": 0},
    {"x": x, "index": ints([2, 0, 2, 2, 1])},
    lambda x, index: torch.index_select(x, 0, index))
add("indexSelect_rank3_axis1", "indexSelect", {"axis": 1},
    {"x": x3, "index": ints([1, 1, 0])},
    lambda x, index: torch.index_select(x, 1, index))
add("take_flat_repeats", "take", {},
    {"x": x, "index": ints([[11, 0, 5], [5, 5, 3]])},
    lambda x, index: torch.take(x, index))

# ---- scatter_add and index_add: gradients for the target and the source
target = floats(3, 4)
source = floats(2, 4)
add("scatterAdd_axis0_repeats", "scatterAdd", {"axis": 0},
    {"target": target, "index": ints([[0, 1, 0, 2], [0, 0, 0, 2]]), "source": source},
    lambda target, index, source: torch.scatter_add(target, 0, index, source))
add("scatterAdd_axis1_repeats", "scatterAdd", {"axis": 1},
    {"target": target, "index": ints([[3, 3, 1], [0, 0, 0], [2, 1, 2]]),
     "source": floats(3, 3)},
    lambda target, index, source: torch.scatter_add(target, 1, index, source))
add("indexAdd_axis1_repeats", "indexAdd", {"axis": 1},
    {"target": target, "index": ints([3, 0, 3, 3, 1]), "source": floats(3, 5)},
    lambda target, index, source: target.index_add(1, index, source))

# ---- roll and flip
add("roll_positive_axis1", "roll", {"shifts": [1], "axes": [1]}, {"x": x},
    lambda x: torch.roll(x, 1, 1))
add("roll_negative_axis0", "roll", {"shifts": [-4], "axes": [0]}, {"x": x},
    lambda x: torch.roll(x, -4, 0))
add("roll_two_axes", "roll", {"shifts": [2, -1], "axes": [0, 2]}, {"x": x3},
    lambda x: torch.roll(x, (2, -1), (0, 2)))
add("roll_flattened", "roll", {"shifts": [5]}, {"x": x},
    lambda x: torch.roll(x, 5))
add("flip_axis0", "flip", {"axes": [0]}, {"x": x}, lambda x: torch.flip(x, (0,)))
add("flip_axes_0_2", "flip", {"axes": [0, 2]}, {"x": x3}, lambda x: torch.flip(x, (0, 2)))

# ---- pad: widths in torch.nn.functional.pad order (last axis first)
x1d = floats(1, 2, 5)
x2d = floats(1, 2, 4, 5)
for mode in ["reflect", "replicate", "circular"]:
    add("pad_%s_1d" % mode, "pad", {"widths": [2, 3], "mode": mode}, {"x": x1d},
        lambda x, mode=mode: F.pad(x, (2, 3), mode=mode))
    add("pad_%s_2d" % mode, "pad", {"widths": [1, 2, 3, 1], "mode": mode}, {"x": x2d},
        lambda x, mode=mode: F.pad(x, (1, 2, 3, 1), mode=mode))
add("pad_constant_value", "pad", {"widths": [1, 2, 0, 1, 2, 0], "mode": "constant",
                                  "value": -1.5},
    {"x": x3}, lambda x: F.pad(x, (1, 2, 0, 1, 2, 0), mode="constant", value=-1.5))

# ---- split, chunk, tensor_split
x5 = floats(5, 3)
add("split_size2_axis0", "split", {"size": 2, "axis": 0}, {"x": x5},
    lambda x: torch.split(x, 2, 0))
add("split_sizes_axis0", "split", {"sizes": [1, 0, 4], "axis": 0}, {"x": x5},
    lambda x: torch.split(x, [1, 0, 4], 0))
add("chunk_4_axis0", "chunk", {"chunks": 4, "axis": 0}, {"x": x5},
    lambda x: torch.chunk(x, 4, 0))
add("chunk_2_axis1", "chunk", {"chunks": 2, "axis": -1}, {"x": x5},
    lambda x: torch.chunk(x, 2, -1))
add("tensorSplit_3_axis0", "tensorSplit", {"sections": 3, "axis": 0}, {"x": x5},
    lambda x: torch.tensor_split(x, 3, 0))

# ---- repeat_interleave (np.repeat) and Tensor.repeat (np.tile)
add("repeatInterleave_3_axis1", "repeatInterleave", {"repeats": [3], "axis": 1}, {"x": x},
    lambda x: torch.repeat_interleave(x, 3, 1))
add("repeatInterleave_counts_axis0", "repeatInterleave", {"repeats": [2, 0, 3], "axis": 0},
    {"x": x}, lambda x: torch.repeat_interleave(x, torch.tensor([2, 0, 3]), 0))
add("repeatInterleave_flattened", "repeatInterleave", {"repeats": [2]}, {"x": x},
    lambda x: torch.repeat_interleave(x, 2))
add("tile_via_repeat_2_1", "tile", {"reps": [2, 1]}, {"x": x}, lambda x: x.repeat(2, 1))
add("tile_via_repeat_new_axis", "tile", {"reps": [2, 1, 3]}, {"x": x},
    lambda x: x.repeat(2, 1, 3))

# ---- concat, stack, masked_select, one_hot
add("concat_axis1", "concat", {"axis": 1}, {"xs": [floats(2, 1), floats(2, 3), floats(2, 2)]},
    lambda xs: torch.cat(xs, 1))
add("stack_axis_last", "stack", {"axis": -1}, {"xs": [floats(2, 3), floats(2, 3)]},
    lambda xs: torch.stack(xs, -1))
add("maskedSelect_broadcast", "maskedSelect", {}, {"x": x, "mask": ints([[1, 0, 0, 1]])},
    lambda x, mask: torch.masked_select(x, mask.bool()))
add("oneHot_rank2", "oneHot", {"numClasses": 4}, {"labels": ints([[0, 3], [2, 2], [1, 0]])},
    lambda labels: F.one_hot(labels, 4).to(torch.float64), grad=False)

# ---- NumPy: slices with negative steps and np.take along an axis with negative indices
xs = np.asarray(rng.normal(size=(7, 3)))
for start, stop, step in [(None, None, -1), (5, 1, -2), (-1, -8, -3), (-2, None, -2),
                          (1, -1, 2), (-100, 100, 3), (6, -100, -4), (3, 3, -1)]:
    sl = slice(start, stop, step)
    add("slice_numpy_%s_%s_%s" % (start, stop, step), "slice",
        {"axis": 0, "start": start, "stop": stop, "step": step},
        {"x": torch.tensor(xs)}, lambda x, sl=sl: torch.tensor(x.numpy()[sl].copy()),
        grad=False)
add("take_axis1_negative_numpy", "takeAxis", {"axis": 1},
    {"x": torch.tensor(xs), "index": ints([[-1, 0], [2, -3]])},
    lambda x, index: torch.tensor(np.take(x.numpy(), index.numpy(), axis=1)), grad=False)

path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "movement-indexing-torch-1.13.json")
with open(path + ".tmp", "w") as out:  # one case per line; written atomically
    out.write('{"torch": %s, "numpy": %s, "cases": [\n' % (json.dumps(torch.__version__),
                                                          json.dumps(np.__version__)))
    out.write(",\n".join(json.dumps(case) for case in cases))
    out.write("\n]}\n")
os.replace(path + ".tmp", path)
print("wrote", len(cases), "cases to", path)
