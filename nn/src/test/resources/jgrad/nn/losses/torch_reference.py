#!/usr/bin/env python3
"""Reference values for jgrad.nn.losses.Losses, computed with PyTorch 1.13 in float64.

Writes losses-torch-1.13.json beside this script. Each case names the loss, its options, its
inputs, the loss value and the gradient of sum(loss) with respect to the first input.
LossesTorchReferenceTest reads the JSON; the tests never need PyTorch.

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
rng = np.random.default_rng(20240607)
cases = []


def tensor(values):
    return torch.tensor(np.asarray(values, dtype=np.float64))


def encode(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(v) for v in t.reshape(-1).tolist()]}


def add(name, loss, fn, first, others, options, grad=True):
    """fn(first, *others) -> loss; records value and d sum(loss) / d first."""
    x = first.clone().requires_grad_(grad)
    value = fn(x, *[o for _, o in others])
    entry = {"name": name, "loss": loss, "options": options,
             "inputs": {"first": encode(first)}, "value": encode(value)}
    for key, other in others:
        if isinstance(other, torch.Tensor) and other.dtype == torch.int64:
            entry["inputs"][key] = [int(v) for v in other.tolist()]
        else:
            entry["inputs"][key] = encode(other)
    if grad:
        (g,) = torch.autograd.grad(value.sum(), x)
        entry["grad"] = encode(g)
    assert np.all(np.isfinite(value.detach().numpy())), name
    cases.append(entry)


def labels(n, k):
    return torch.tensor(rng.integers(0, k, size=n), dtype=torch.int64)


# ---- regression
p, t = tensor(rng.normal(size=(3, 4)) * 2), tensor(rng.normal(size=(3, 4)) * 2)
for reduction in ["none", "mean", "sum"]:
    add("mse_" + reduction, "meanSquaredError", lambda a, b: F.mse_loss(a, b, reduction=reduction),
        p, [("targets", t)], {"reduction": reduction})
    add("l1_" + reduction, "l1", lambda a, b: F.l1_loss(a, b, reduction=reduction),
        p, [("targets", t)], {"reduction": reduction})
for delta, reduction in [(0.7, "mean"), (1.5, "none"), (3.0, "sum")]:
    add("huber_%s_%s" % (delta, reduction), "huber",
        lambda a, b: F.huber_loss(a, b, reduction=reduction, delta=delta),
        p, [("targets", t)], {"reduction": reduction, "delta": delta})
for beta, reduction in [(0.5, "mean"), (2.0, "none"), (0.0, "sum")]:
    add("smoothL1_%s_%s" % (beta, reduction), "smoothL1",
        lambda a, b: F.smooth_l1_loss(a, b, reduction=reduction, beta=beta),
        p, [("targets", t)], {"reduction": reduction, "beta": beta})

# ---- binary
probabilities = tensor(rng.uniform(0.05, 0.95, size=(4, 3)))
hard = tensor(rng.integers(0, 2, size=(4, 3)))
soft = tensor(rng.uniform(0, 1, size=(4, 3)))
for name, targets in [("hard", hard), ("soft", soft)]:
    for reduction in ["mean", "none"]:
        add("bce_%s_%s" % (name, reduction), "binaryCrossEntropy",
            lambda a, b: F.binary_cross_entropy(a, b, reduction=reduction),
            probabilities, [("targets", targets)], {"reduction": reduction})
# the floor at -100: p = 0 and 1 meet targets 0, 1 and 0.5 (values only: PyTorch's backward
# divides by max(p(1-p), 1e-12) where jgrad's floored log passes no gradient)
edge = tensor([[0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1e-50]])
edge_targets = tensor([[0.0, 1.0, 0.0, 1.0, 0.5, 0.5, 1.0]])
add("bce_floor_none", "binaryCrossEntropy",
    lambda a, b: F.binary_cross_entropy(a, b, reduction="none"),
    edge, [("targets", edge_targets)], {"reduction": "none"}, grad=False)
logits = tensor(rng.normal(size=(4, 3)) * 3)
logits[0, 0], logits[1, 1], logits[2, 2] = 40.0, -40.0, 700.0
for reduction in ["mean", "sum", "none"]:
    add("bceLogits_" + reduction, "binaryCrossEntropyWithLogits",
        lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction=reduction),
        logits, [("targets", soft)], {"reduction": reduction})
pos_weight = tensor([0.5, 2.0, 3.5])
add("bceLogits_posWeight_mean", "binaryCrossEntropyWithLogits",
    lambda a, b, w: F.binary_cross_entropy_with_logits(a, b, pos_weight=w, reduction="mean"),
    logits, [("targets", hard), ("positiveWeight", pos_weight)], {"reduction": "mean"})

# ---- multi-class with labels
z = tensor(rng.normal(size=(5, 4)) * 2)
y = torch.tensor([3, 0, 2, 2, 1], dtype=torch.int64)
y_ignored = torch.tensor([3, -100, 2, 1, -100], dtype=torch.int64)
y_ignored7 = torch.tensor([7, 0, 7, 2, 1], dtype=torch.int64)
w = tensor([0.5, 1.0, 2.0, 3.0])
ce_cases = [
    ("plain", y, None, -100, 0.0),
    ("weights", y, w, -100, 0.0),
    ("ignore", y_ignored, None, -100, 0.0),
    ("weightsIgnore", y_ignored, w, -100, 0.0),
    ("smoothing", y, None, -100, 0.2),
    ("weightsSmoothing", y, w, -100, 0.15),
    ("everything", y_ignored7, w, 7, 0.3),
]
for name, target, weight, ignore, eps in ce_cases:
    for reduction in ["mean", "sum", "none"]:
        options = {"reduction": reduction, "labelSmoothing": eps}
        if weight is not None:
            options["classWeights"] = encode(weight)
        if ignore != -100 or (target == -100).any():
            options["ignoreIndex"] = ignore
        add("ce_%s_%s" % (name, reduction), "softmaxCrossEntropyLabels",
            lambda a, b: F.cross_entropy(a, b, weight=weight, ignore_index=ignore,
                                         reduction=reduction, label_smoothing=eps),
            z, [("labels", target)], options)
        if eps == 0.0:
            add("nll_%s_%s" % (name, reduction), "negativeLogLikelihood",
                lambda a, b: F.nll_loss(a, b, weight=weight, ignore_index=ignore,
                                        reduction=reduction),
                F.log_softmax(z, 1).detach(), [("labels", target)], options)

# ---- multi-class with target distributions
q = F.softmax(tensor(rng.normal(size=(5, 4))), 1)
for name, weight, eps in [("plain", None, 0.0), ("weights", w, 0.0), ("smoothing", None, 0.1),
                          ("weightsSmoothing", w, 0.25)]:
    for reduction in ["mean", "none"]:
        options = {"reduction": reduction, "labelSmoothing": eps}
        if weight is not None:
            options["classWeights"] = encode(weight)
        add("ceSoft_%s_%s" % (name, reduction), "softmaxCrossEntropyTargets",
            lambda a, b: F.cross_entropy(a, b, weight=weight, reduction=reduction,
                                         label_smoothing=eps),
            z, [("targets", q)], options)

# ---- KL divergence (targets with zeros; inputs finite: PyTorch agrees there)
log_q = F.log_softmax(tensor(rng.normal(size=(3, 4))), 1)
p_target = tensor([[0.0, 0.5, 0.5, 0.0], [0.1, 0.2, 0.3, 0.4], [1.0, 0.0, 0.0, 0.0]])
for reduction in ["mean", "sum", "none"]:
    add("kl_" + reduction, "klDivergence",
        lambda a, b: F.kl_div(a, b, reduction=reduction, log_target=False),
        log_q, [("targets", p_target)], {"reduction": reduction, "logTarget": False})
log_p = F.log_softmax(tensor(rng.normal(size=(3, 4))), 1)
add("kl_logTarget_sum", "klDivergence",
    lambda a, b: F.kl_div(a, b, reduction="sum", log_target=True),
    log_q, [("targets", log_p)], {"reduction": "sum", "logTarget": True})

# ---- margins
for power, margin, reduction in [(1, 1.0, "mean"), (2, 0.5, "none"), (1, 2.5, "sum")]:
    add("multiMargin_p%s_%s_%s" % (power, margin, reduction), "multiMargin",
        lambda a, b: F.multi_margin_loss(a, b, p=power, margin=margin, reduction=reduction),
        z, [("labels", y)], {"reduction": reduction, "p": power, "margin": margin})
distances = tensor(rng.uniform(0, 3, size=(2, 5)))
signs = tensor(np.where(rng.uniform(size=(2, 5)) < 0.5, -1.0, 1.0))
for margin, reduction in [(1.0, "mean"), (2.0, "none")]:
    add("hingeEmbedding_%s_%s" % (margin, reduction), "hingeEmbedding",
        lambda a, b: F.hinge_embedding_loss(a, b, margin=margin, reduction=reduction),
        distances, [("targets", signs)], {"reduction": reduction, "margin": margin})
x1, x2 = tensor(rng.normal(size=(4, 3))), tensor(rng.normal(size=(4, 3)))
pair_signs = tensor([1.0, -1.0, -1.0, 1.0])
for margin, reduction in [(0.0, "mean"), (-0.3, "none"), (0.2, "sum")]:
    add("cosineEmbedding_%s_%s" % (margin, reduction), "cosineEmbedding",
        lambda a, b, c: F.cosine_embedding_loss(a, b, c, margin=margin, reduction=reduction),
        x1, [("x2", x2), ("targets", pair_signs)], {"reduction": reduction, "margin": margin})

# ---- siblings of CASES.md N09-N12: other values of the same kind (LossCasesTest reads them)
z9 = tensor([[1.0, -1.0, 0.5, 2.0], [0.0, 3.0, -2.0, 1.0], [-1.0, -1.0, -1.0, -1.0]])
y9 = torch.tensor([3, 1, 0], dtype=torch.int64)
add("n09Sibling", "softmaxCrossEntropyLabels",
    lambda a, b: F.cross_entropy(a, b, label_smoothing=0.25), z9, [("labels", y9)],
    {"reduction": "mean", "labelSmoothing": 0.25})
z10 = tensor([[1.0, 0.0, -1.0], [0.3, 0.3, 0.4], [2.0, 2.0, -2.0], [0.5, -0.5, 1.5]])
w10 = tensor([1.0, 0.5, 3.0])
y10 = torch.tensor([0, 2, 1, 1], dtype=torch.int64)
add("n10SiblingWeights", "softmaxCrossEntropyLabels",
    lambda a, b: F.cross_entropy(a, b, weight=w10), z10, [("labels", y10)],
    {"reduction": "mean", "labelSmoothing": 0.0, "classWeights": encode(w10)})
add("n10SiblingIgnoreAValidClass", "softmaxCrossEntropyLabels",
    lambda a, b: F.cross_entropy(a, b, weight=w10, ignore_index=1), z10, [("labels", y10)],
    {"reduction": "mean", "labelSmoothing": 0.0, "classWeights": encode(w10), "ignoreIndex": 1})
x11 = tensor([-2.5, -0.75, 0.75, 2.5, -0.3, 0.5])
t11 = tensor([0.5, 0.25, -0.25, -0.5, 0.2, 0.0])
for beta in [0.5, 1.5]:
    add("n11SiblingSmoothL1_%s" % beta, "smoothL1",
        lambda a, b: F.smooth_l1_loss(a, b, beta=beta), x11, [("targets", t11)],
        {"reduction": "mean", "beta": beta})
    add("n11SiblingHuber_%s" % beta, "huber",
        lambda a, b: F.huber_loss(a, b, delta=beta), x11, [("targets", t11)],
        {"reduction": "mean", "delta": beta})
log_q12 = F.log_softmax(tensor([[1.5, -0.5, 0.0, 2.0, -1.0]]), 1)
p12 = tensor([[0.0, 0.0, 0.3, 0.7, 0.0]])
add("n12Sibling", "klDivergence", lambda a, b: F.kl_div(a, b, reduction="sum"),
    log_q12, [("targets", p12)], {"reduction": "sum", "logTarget": False})

# Probabilities at 0 and 1, targets at 0 and 1 (drawn last: the cases above keep their values).
# Values only for BCE: at the end points PyTorch's backward (p - y) / max(p (1 - p), 1e-12)
# differs from the derivative of the floored formula (see Losses.binaryCrossEntropy); printed
# below for its javadoc.
p_ends = tensor([0.0, 1.0, 0.0, 1.0, 0.3, 1e-50])
y_ends = tensor([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
add("bceEndpoints", "binaryCrossEntropy",
    lambda a, b: F.binary_cross_entropy(a, b, reduction="none"), p_ends, [("targets", y_ends)],
    {"reduction": "none"}, grad=False)
p_ends_traced = p_ends.clone().requires_grad_(True)
print("bceEndpoints: PyTorch's gradient at p =", p_ends.tolist(), "y =", y_ends.tolist(), ":",
      torch.autograd.grad(F.binary_cross_entropy(p_ends_traced, y_ends, reduction="sum"),
                          p_ends_traced)[0].tolist())
add("klZeroTargets", "klDivergence", lambda a, b: F.kl_div(a, b, reduction="none"),
    tensor([[-1.0, -2.0, -0.5, -3.0], [-0.1, -4.0, -1.5, -2.5]]),
    [("targets", tensor([[0.0, 0.5, 0.5, 0.0], [1.0, 0.0, 0.0, 0.0]]))],
    {"reduction": "none", "logTarget": False})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "losses-torch-1.13.json")
with open(out, "w") as f:  # one case per line; repr of a float64 reads back exactly
    f.write('{"generator": "torch_reference.py", "torch": "%s", "dtype": "float64",\n'
            % torch.__version__)
    f.write(' "cases": [\n')
    f.write(",\n".join("  " + json.dumps(case) for case in cases))
    f.write("\n ]}\n")
print("wrote %d cases to %s" % (len(cases), out))
