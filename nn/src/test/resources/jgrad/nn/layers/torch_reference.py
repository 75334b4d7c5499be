#!/usr/bin/env python3
"""Reference values for the layers of jgrad.nn, computed with PyTorch 1.13 in float64.

Writes layers-torch-1.13.json beside this script: a map from case name to named tensors (the
inputs, the layer's settings, its output and the gradients of L = sum(cotangent * output) with
respect to the input and the parameters). LayersTorchReferenceTest reads the JSON; the tests
never need PyTorch.

Run from this folder:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 \
        torch_reference.py
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20240611)
cases = {}


def tensor(values):
    return torch.tensor(np.asarray(values, dtype=np.float64))


def normal(*shape):
    return tensor(rng.normal(size=shape))


def encode(t):
    t = t.detach()
    entry = {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}
    if t.dtype == torch.int64:
        entry = {"shape": list(t.shape), "dtype": "int64",
                 "data": [int(v) for v in t.reshape(-1).tolist()]}
    return entry


def record(name, fn, inputs, settings=None, extra=None, constants=()):
    """fn(**leaves) -> output; records output and gradients of sum(cotangent * output) with
    respect to every float input not named in constants."""
    leaves = {k: v.clone().requires_grad_(v.dtype == torch.float64 and k not in constants)
              for k, v in inputs.items()}
    output = fn(**leaves)
    cotangent = normal(*output.shape)
    entry = {k: encode(v) for k, v in inputs.items()}
    entry["output"] = encode(output)
    entry["cotangent"] = encode(cotangent)
    differentiable = [k for k, v in leaves.items() if v.requires_grad]
    grads = torch.autograd.grad((cotangent * output).sum(), [leaves[k] for k in differentiable])
    for k, g in zip(differentiable, grads):
        entry["grad_" + k] = encode(g)
    for k, v in (settings or {}).items():
        entry[k] = encode(torch.tensor(v, dtype=torch.float64))
    for k, v in (extra or {}).items():
        entry[k] = encode(v)
    assert np.all(np.isfinite(output.detach().numpy())), name
    cases[name] = entry


# ---- batch normalisation, one training step (biased variance to normalise, unbiased running
# variance, momentum convention running = (1 - m) running + m batch), then evaluation
def batch_norm_case(name, x_shape, momentum, eps):
    channels = x_shape[1]
    running_mean, running_var = normal(channels), tensor(rng.uniform(0.5, 2.0, size=channels))
    state = {}

    def train(x, weight, bias):
        rm, rv = running_mean.clone(), running_var.clone()
        y = F.batch_norm(x, rm, rv, weight, bias, training=True, momentum=momentum, eps=eps)
        state["mean"], state["var"] = rm, rv
        return y

    inputs = {"x": normal(*x_shape) * 2 + 1, "weight": normal(channels),
              "bias": normal(channels), "running_mean": running_mean,
              "running_var": running_var}
    record(name, lambda x, weight, bias, running_mean, running_var: train(x, weight, bias),
           inputs, {"momentum": momentum, "eps": eps},
           constants=("running_mean", "running_var"))
    x_eval = normal(*x_shape)
    y_eval = F.batch_norm(x_eval, state["mean"], state["var"], inputs["weight"], inputs["bias"],
                          training=False, eps=eps)
    cases[name].update({"new_running_mean": encode(state["mean"]),
                        "new_running_var": encode(state["var"]),
                        "x_eval": encode(x_eval), "output_eval": encode(y_eval)})


batch_norm_case("batchNorm2d", (3, 2, 2, 3), 0.1, 1e-5)
batch_norm_case("batchNorm1d", (5, 3), 0.3, 1e-3)
batch_norm_case("batchNorm1dSequence", (2, 3, 4), 0.1, 1e-5)

# ---- layer and group normalisation
record("layerNorm", lambda x, weight, bias: F.layer_norm(x, (2, 3), weight, bias, eps=1e-5),
       {"x": normal(2, 3, 2, 3) * 3, "weight": normal(2, 3), "bias": normal(2, 3)})
record("groupNorm", lambda x, weight, bias: F.group_norm(x, 3, weight, bias, eps=1e-5),
       {"x": normal(2, 6, 2, 2) * 2, "weight": normal(6), "bias": normal(6)},
       {"numGroups": 3})
record("groupNormNoSpatial", lambda x, weight, bias: F.group_norm(x, 2, weight, bias, eps=1e-3),
       {"x": normal(3, 4), "weight": normal(4), "bias": normal(4)},
       {"numGroups": 2, "eps": 1e-3})

# ---- activations (inputs kept away from the kink at 0)
away = lambda *shape: tensor(np.where(rng.random(shape) < 0.5, -1, 1)
                             * rng.uniform(0.05, 3, size=shape))
record("elu", lambda x: F.elu(x, alpha=0.7), {"x": away(3, 4)}, {"alpha": 0.7})
record("leakyRelu", lambda x: F.leaky_relu(x, 0.2), {"x": away(3, 4)}, {"negativeSlope": 0.2})
record("silu", lambda x: F.silu(x), {"x": away(3, 4)})
record("gelu", lambda x: F.gelu(x), {"x": away(3, 4)})
record("geluTanh", lambda x: F.gelu(x, approximate="tanh"), {"x": away(3, 4)})
record("softmax", lambda x: F.softmax(x, dim=1), {"x": normal(2, 3, 2)}, {"axis": 1})

# ---- embedding with repeated indices (their gradients add up in the row)
record("embedding", lambda weight, indices: F.embedding(indices, weight),
       {"weight": normal(5, 3),
        "indices": torch.tensor([[0, 2, 2], [4, 0, 1]], dtype=torch.int64)})

# ---- convolution and pooling
record("conv2d", lambda x, weight, bias: F.conv2d(x, weight, bias, stride=(2, 1),
                                                   padding=(1, 0)),
       {"x": normal(2, 3, 7, 6), "weight": normal(4, 3, 3, 2), "bias": normal(4)},
       {"stride": [2, 1], "padding": [1, 0]})
record("conv2dDilated", lambda x, weight, bias: F.conv2d(x, weight, bias, stride=1, padding=2,
                                                          dilation=2),
       {"x": normal(1, 2, 5, 5), "weight": normal(3, 2, 3, 3), "bias": normal(3)},
       {"stride": [1, 1], "padding": [2, 2], "dilation": [2, 2]})
record("conv2dGroups", lambda x, weight, bias: F.conv2d(x, weight, bias, padding=1, groups=2),
       {"x": normal(2, 4, 4, 4), "weight": normal(6, 2, 3, 3), "bias": normal(6)},
       {"padding": [1, 1], "groups": 2})
record("conv1d", lambda x, weight, bias: F.conv1d(x, weight, bias, stride=2, padding=1),
       {"x": normal(2, 2, 9), "weight": normal(3, 2, 3), "bias": normal(3)},
       {"stride": 2, "padding": 1})
record("maxPool2d", lambda x: F.max_pool2d(x, 3, stride=2, padding=1),
       {"x": normal(2, 2, 6, 5)}, {"kernel": 3, "stride": 2, "padding": 1})
record("maxPool2dDefaultStride", lambda x: F.max_pool2d(x, 2), {"x": normal(1, 3, 4, 6)},
       {"kernel": 2})
record("avgPool2d", lambda x: F.avg_pool2d(x, 2, stride=2), {"x": normal(2, 2, 6, 4)},
       {"kernel": 2, "stride": 2})
record("avgPool2dPadded", lambda x: F.avg_pool2d(x, 3, stride=2, padding=1),
       {"x": normal(1, 2, 5, 6)}, {"kernel": 3, "stride": 2, "padding": 1})
record("adaptiveAvgPool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 2)),
       {"x": normal(2, 2, 7, 5)}, {"outputSize": [3, 2]})
record("adaptiveAvgPool2dGlobal", lambda x: F.adaptive_avg_pool2d(x, 1),
       {"x": normal(2, 3, 4, 5)}, {"outputSize": [1, 1]})

# ---- ELU far from 0: exp would overflow for x > 709 if computed in the unselected branch, and
# saturates at -alpha for large negative x (drawn last, so the cases above keep their values)
record("eluExtremes", lambda x: F.elu(x, alpha=1.3),
       {"x": tensor([[800.0, 710.0, 50.0, 1e-12, 0.0], [-1e-3, -1.0, -50.0, -710.0, -800.0]])},
       {"alpha": 1.3})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layers-torch-1.13.json")
with open(path, "w") as out:  # one case per line
    out.write('{"torch": %s, "cases": {\n' % json.dumps(torch.__version__))
    out.write(",\n".join("%s: %s" % (json.dumps(k), json.dumps(v)) for k, v in cases.items()))
    out.write("\n}}\n")
print("wrote", path, len(cases), "cases")
