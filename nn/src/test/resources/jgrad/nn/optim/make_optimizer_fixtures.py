#!/usr/bin/env python3
"""Reference trajectories for jgrad.nn.optim, computed with PyTorch 1.13 (and NumPy for Lion).

Writes, next to this script:
  optimizer_trajectories.csv  case,step,path,values   parameters after each of 20 updates
  schedules.csv               case,step,value         learning rate before update `step`

Run from anywhere (the outputs go beside this file):
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 \
      nn/src/test/resources/jgrad/nn/optim/make_optimizer_fixtures.py
With --cases it writes nothing and prints the one-parameter values that OptimizerCasesTest
states inline (siblings of CASES.md's N06 and N07: where epsilon goes in other optimisers).
With --nadam-difference it writes nothing and prints how far torch 1.13's default NAdam (the
single-tensor path, foreach=False) moves from the paper's form (foreach=True, which jgrad
follows) on this problem, for the javadoc of Optimizers.nadam.

The problem (OptimizerFixturesTest builds the same one in Java): four parameter tensors of
different shapes and a loss whose gradient depends on the parameters,
  z = X @ weight.T + bias                    X [4, 3], weight [2, 3], bias [2]
  L = mean(log1p(exp(-scale * Y * z)))       Y [4, 2] in {-1, +1}, scale []
      + 0.1 * (scale^2 - 1)^2
      + 0.5 * sum(C * kernel^2)              C, kernel [2, 1, 2, 2]
Every value is float64 (torch.set_default_dtype(torch.float64), so that scalar optimiser state
such as NAdam's mu_product is float64 too). Values are written with repr(), which round-trips
exactly.

Clipping follows Optax (no epsilon): by value, g -> clamp(g, -c, c); by norm, each tensor
g -> g * c / ||g|| when ||g|| > c (per tensor, or the global norm over all tensors). torch's
clip_grad_norm_ divides by ||g|| + 1e-6 instead; the clipped gradients are fed to torch.optim.

Lion is not in torch 1.13: it is computed with NumPy from Chen et al., "Symbolic Discovery of
Optimization Algorithms", 2023, Algorithm 2, in Optax's form (optax.lion):
  c = b1 * m + (1 - b1) * g;  p -= lr * (sign(c) + weight_decay * p);  m = b2 * m + (1 - b2) * g
"""
import csv
import math
import os

import warnings

import numpy as np
import torch

# SequentialLR calls step(0) on the scheduler it switches to, which warns about the epoch argument.
warnings.filterwarnings("ignore", message="The epoch parameter in")

torch.set_default_dtype(torch.float64)
STEPS = 20
HERE = os.path.dirname(os.path.abspath(__file__))

X = torch.tensor([[0.5, -1.0, 0.25], [1.5, 0.3, -0.7], [-0.2, 0.8, 1.1], [0.9, -0.4, 0.6]])
Y = torch.tensor([[1.0, -1.0], [-1.0, 1.0], [1.0, 1.0], [-1.0, -1.0]])
C = torch.tensor([0.1, 0.5, 1.0, 3.0, 0.2, 2.0, 0.05, 1.5]).reshape(2, 1, 2, 2)
INITIAL = {
    "weight": [[0.3, -0.2, 0.5], [-0.4, 0.1, 0.2]],
    "bias": [0.05, -0.1],
    "scale": 0.8,
    "kernel": [[[[0.6, -0.3], [0.2, -0.9]]], [[[1.2, 0.4], [-0.5, 0.7]]]],
}
PATHS = list(INITIAL)


def fresh_params():
    return {path: torch.tensor(value, requires_grad=True) for path, value in INITIAL.items()}


def loss(p):
    z = X @ p["weight"].T + p["bias"]
    data = torch.log1p(torch.exp(-(p["scale"] * Y * z))).mean()
    return data + 0.1 * (p["scale"] ** 2 - 1) ** 2 + 0.5 * (C * p["kernel"] ** 2).sum()


def gradients(p):
    for t in p.values():
        t.grad = None
    loss(p).backward()
    return {path: t.grad for path, t in p.items()}


def clip_value(grads, c):
    return {k: g.clamp(-c, c) for k, g in grads.items()}


def clip_norm(grads, c):
    out = {}
    for k, g in grads.items():
        norm = math.sqrt(float((g * g).sum()))
        out[k] = g if norm <= c else g * (c / norm)
    return out


def clip_global_norm(grads, c):
    norm = math.sqrt(sum(float((g * g).sum()) for g in grads.values()))
    return grads if norm <= c else {k: g * (c / norm) for k, g in grads.items()}


# name -> (torch optimiser, its keyword arguments, gradient clipping or None, StepLR args or None)
TORCH_CASES = {
    "sgd": (torch.optim.SGD, dict(lr=0.1), None, None),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.1, momentum=0.9), None, None),
    "sgd_momentum_dampening_weight_decay": (torch.optim.SGD, dict(
        lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.01), None, None),
    "sgd_nesterov_weight_decay": (torch.optim.SGD, dict(
        lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.05), None, None),
    "sgd_momentum_step_lr": (torch.optim.SGD, dict(lr=0.1, momentum=0.9), None,
                             dict(step_size=5, gamma=0.5)),
    "adam": (torch.optim.Adam, dict(lr=0.05), None, None),
    "adam_amsgrad_weight_decay": (torch.optim.Adam, dict(
        lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True), None, None),
    "adamw": (torch.optim.AdamW, dict(lr=0.05), None, None),
    "adamw_amsgrad": (torch.optim.AdamW, dict(
        lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, amsgrad=True), None, None),
    "rmsprop": (torch.optim.RMSprop, dict(lr=0.01), None, None),
    "rmsprop_centered_momentum_weight_decay": (torch.optim.RMSprop, dict(
        lr=0.01, alpha=0.9, eps=1e-4, weight_decay=0.1, momentum=0.5, centered=True),
        None, None),
    "adagrad": (torch.optim.Adagrad, dict(lr=0.1), None, None),
    "adagrad_lr_decay_weight_decay": (torch.optim.Adagrad, dict(
        lr=0.1, lr_decay=0.05, weight_decay=0.1, initial_accumulator_value=0.5, eps=1e-6),
        None, None),
    "adadelta": (torch.optim.Adadelta, dict(lr=1.0), None, None),
    "adadelta_weight_decay": (torch.optim.Adadelta, dict(
        lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.1), None, None),
    "adamax": (torch.optim.Adamax, dict(lr=0.02), None, None),
    "adamax_weight_decay": (torch.optim.Adamax, dict(
        lr=0.02, betas=(0.8, 0.95), eps=1e-3, weight_decay=0.1), None, None),
    # NAdam on torch 1.13's foreach path: its single-tensor path (the CPU default) multiplies
    # mu_product_next by mu once too often (fixed in torch 2.0, pytorch/pytorch PR #92699);
    # check_nadam_paths_differ_only_by_that_bug() below checks that claim.
    "nadam": (torch.optim.NAdam, dict(lr=0.02, foreach=True), None, None),
    "nadam_weight_decay": (torch.optim.NAdam, dict(
        lr=0.02, betas=(0.8, 0.95), eps=1e-3, weight_decay=0.1, momentum_decay=0.01,
        foreach=True), None, None),
    "radam": (torch.optim.RAdam, dict(lr=0.02), None, None),
    "radam_weight_decay": (torch.optim.RAdam, dict(
        lr=0.02, betas=(0.8, 0.9), eps=1e-3, weight_decay=0.1), None, None),
    "clip_by_value_sgd": (torch.optim.SGD, dict(lr=0.1), (clip_value, 0.1), None),
    "clip_by_norm_adam": (torch.optim.Adam, dict(lr=0.05), (clip_norm, 0.2), None),
    "clip_by_global_norm_sgd_momentum": (torch.optim.SGD, dict(lr=0.1, momentum=0.9),
                                         (clip_global_norm, 1.0), None),
}

# name -> (learning rate, b1, b2, weight decay)
LION_CASES = {
    "lion": (0.01, 0.9, 0.99, 1e-3),
    "lion_betas_weight_decay": (0.01, 0.8, 0.9, 0.1),
}


def flat(t):
    return " ".join(repr(float(v)) for v in np.asarray(t, dtype=np.float64).reshape(-1))


def torch_trajectory(optimizer_class, kwargs, clipping, step_lr):
    p = fresh_params()
    optimizer = optimizer_class([p[k] for k in PATHS], **kwargs)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, **step_lr) if step_lr else None
    clipped = unclipped = 0  # tensors changed and unchanged by the clipping, over the run
    rows = [{k: p[k].detach().clone() for k in PATHS}]
    for _ in range(STEPS):
        grads = gradients(p)
        if clipping:
            function, bound = clipping
            new = function(grads, bound)
            changed = [not torch.equal(new[k], grads[k]) for k in PATHS]
            clipped += sum(changed)
            unclipped += len(changed) - sum(changed)
            for k in PATHS:
                p[k].grad = new[k]
        optimizer.step()
        if scheduler:
            scheduler.step()
        rows.append({k: p[k].detach().clone() for k in PATHS})
    if clipping:  # the case must exercise both branches
        assert clipped > 0 and unclipped > 0, (optimizer_class, clipping, clipped, unclipped)
    return rows


def check_nadam_paths_differ_only_by_that_bug():
    """torch 1.13's single-tensor NAdam equals its foreach NAdam with mu_product_next
    multiplied by mu once more; the foreach path is the paper's formula (Dozat, 2016)."""
    single = torch_trajectory(torch.optim.NAdam, dict(lr=0.02, foreach=False), None, None)
    multi = torch_trajectory(torch.optim.NAdam, dict(lr=0.02, foreach=True), None, None)
    assert any(not torch.allclose(single[-1][k], multi[-1][k], rtol=0, atol=1e-9)
               for k in PATHS), "the two NAdam paths agree: is this still torch 1.13?"
    buggy = fresh_params()
    values = {k: buggy[k].detach().clone() for k in PATHS}
    m = {k: torch.zeros_like(v) for k, v in values.items()}
    v2 = {k: torch.zeros_like(v) for k, v in values.items()}
    mu_product, b1, b2, eps, lr, decay = 1.0, 0.9, 0.999, 1e-8, 0.02, 4e-3
    for step in range(1, STEPS + 1):
        for k in PATHS:
            buggy[k].data = values[k].clone()
        grads = gradients(buggy)
        mu = b1 * (1 - 0.5 * 0.96 ** (step * decay))
        mu_next = b1 * (1 - 0.5 * 0.96 ** ((step + 1) * decay))
        mu_product *= mu
        mu_product_next = mu_product * mu * mu_next  # the single-tensor path's extra mu
        for k in PATHS:
            m[k] = b1 * m[k] + (1 - b1) * grads[k]
            v2[k] = b2 * v2[k] + (1 - b2) * grads[k] ** 2
            denom = (v2[k] / (1 - b2 ** step)).sqrt() + eps
            values[k] = (values[k] - lr * (1 - mu) / (1 - mu_product) * grads[k] / denom
                         - lr * mu_next / (1 - mu_product_next) * m[k] / denom)
    for k in PATHS:
        assert torch.allclose(values[k], single[-1][k], rtol=0, atol=1e-13), k


def print_nadam_difference():
    """Max |single - foreach| over the parameters after steps 1, 2, 5, 20 of NAdam(lr=0.02), and
    how far the parameters moved; the single-tensor path is torch 1.13's default."""
    default = torch_trajectory(torch.optim.NAdam, dict(lr=0.02), None, None)
    single = torch_trajectory(torch.optim.NAdam, dict(lr=0.02, foreach=False), None, None)
    paper = torch_trajectory(torch.optim.NAdam, dict(lr=0.02, foreach=True), None, None)
    assert all(torch.equal(default[-1][k], single[-1][k]) for k in PATHS), "default is not single"
    for step in (1, 2, 5, 20):
        difference = max(float((single[step][k] - paper[step][k]).abs().max()) for k in PATHS)
        moved = max(float((paper[step][k] - paper[0][k]).abs().max()) for k in PATHS)
        print("step %2d: max |torch default - paper| = %.3g, max |paper - start| = %.3g"
              % (step, difference, moved))
    b1, decay = 0.9, 4e-3
    mu = [b1 * (1 - 0.5 * 0.96 ** (t * decay)) for t in range(1, 22)]
    product = 1.0
    for t in range(1, 11):
        product *= mu[t - 1]
        paper_weight = mu[t] / (1 - product * mu[t])
        torch_weight = mu[t] / (1 - product * mu[t - 1] * mu[t])
        if t in (1, 2, 3, 5, 10):
            print("step %2d: momentum weight paper %.6f, torch default %.6f (%+.2f %%)"
                  % (t, paper_weight, torch_weight, 100 * (paper_weight / torch_weight - 1)))


def lion_trajectory(lr, b1, b2, weight_decay):
    p = fresh_params()
    values = {k: p[k].detach().numpy().copy() for k in PATHS}
    mu = {k: np.zeros_like(values[k]) for k in PATHS}
    rows = [{k: values[k].copy() for k in PATHS}]
    for _ in range(STEPS):
        for k in PATHS:
            p[k].data = torch.from_numpy(np.array(values[k], dtype=np.float64))
        grads = {k: g.numpy() for k, g in gradients(p).items()}
        for k in PATHS:
            c = b1 * mu[k] + (1 - b1) * grads[k]
            values[k] = values[k] - lr * (np.sign(c) + weight_decay * values[k])
            mu[k] = b2 * mu[k] + (1 - b2) * grads[k]
        rows.append({k: values[k].copy() for k in PATHS})
    return rows


def write_trajectories():
    path = os.path.join(HERE, "optimizer_trajectories.csv")
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "step", "path", "values"])
        cases = {name: torch_trajectory(*spec) for name, spec in TORCH_CASES.items()}
        cases.update({name: lion_trajectory(*spec) for name, spec in LION_CASES.items()})
        for name, rows in cases.items():
            for step, row in enumerate(rows):
                for k in PATHS:
                    out.writerow([name, step, k, flat(row[k])])
    print("wrote", path, len(cases), "cases")


def torch_schedule(make, steps, base_lr=0.1):
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=base_lr)
    scheduler = make(optimizer)
    rates = []
    for _ in range(steps):
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return rates


def plateau_schedule(metrics, **kwargs):
    p = torch.zeros(1, requires_grad=True)
    optimizer = torch.optim.SGD([p], lr=1.0)
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **kwargs)
    scales = []  # the learning rate (= scale, as lr = 1) after observing each metric
    for metric in metrics:
        scheduler.step(metric)
        scales.append(optimizer.param_groups[0]["lr"])
    return scales


S = torch.optim.lr_scheduler
PLATEAU_MIN = [1.0, 0.9, 0.895, 0.9, 0.91, 0.85, 0.849, 0.86, 0.87, 0.88, 0.8, 0.81, 0.82,
               0.83, 0.84, 0.85, 0.86]
PLATEAU_MAX = [0.5, 0.6, 0.61, 0.605, 0.62, 0.7, 0.69, 0.7, 0.705, 0.7, 0.71, 0.68, 0.69, 0.7,
               0.71, 0.72]


def write_schedules():
    schedules = {
        "step_decay": torch_schedule(lambda o: S.StepLR(o, step_size=3, gamma=0.1), 12),
        "multi_step_decay": torch_schedule(
            lambda o: S.MultiStepLR(o, milestones=[2, 5, 9], gamma=0.5), 12, 0.3),
        "exponential_decay": torch_schedule(lambda o: S.ExponentialLR(o, gamma=0.9), 15),
        # t = 0..10 only: after T_max torch's recursion rises again, jgrad holds eta_min.
        "cosine_annealing": torch_schedule(
            lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.01), 11, 0.5),
        "cosine_warm_restarts_mult_2": torch_schedule(
            lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01), 30, 0.5),
        "cosine_warm_restarts_mult_1": torch_schedule(
            lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4, T_mult=1), 14, 0.5),
        "linear_warmup": torch_schedule(
            lambda o: S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=3), 8),
        "linear": torch_schedule(
            lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=8), 12, 0.4),
        "polynomial": torch_schedule(lambda o: S.PolynomialLR(o, total_iters=8, power=2.0),
                                     12, 0.2),
        "one_cycle": torch_schedule(lambda o: S.OneCycleLR(o, max_lr=1.0, total_steps=20), 20),
        "one_cycle_linear_three_phase": torch_schedule(lambda o: S.OneCycleLR(
            o, max_lr=0.5, total_steps=23, pct_start=0.25, anneal_strategy="linear",
            div_factor=10.0, final_div_factor=100.0, three_phase=True), 23),
        "join_warmup_exponential": torch_schedule(lambda o: S.SequentialLR(o, [
            S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=3),
            S.ExponentialLR(o, gamma=0.9)], milestones=[4]), 10),
        "plateau_min_rel": plateau_schedule(
            PLATEAU_MIN, mode="min", factor=0.5, patience=2, threshold=0.01, cooldown=1),
        "plateau_max_abs": plateau_schedule(
            PLATEAU_MAX, mode="max", factor=0.5, patience=1, threshold=0.005,
            threshold_mode="abs", min_lr=0.2),
        "plateau_metric_min_rel": PLATEAU_MIN,
        "plateau_metric_max_abs": PLATEAU_MAX,
    }
    path = os.path.join(HERE, "schedules.csv")
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["case", "step", "value"])
        for name, values in schedules.items():
            for step, value in enumerate(values):
                out.writerow([name, step, repr(float(value))])
    print("wrote", path, len(schedules), "schedules")


def one_parameter(optimizer_class, kwargs, grads, w0=1.0):
    """w after each update of torch's optimiser on one scalar parameter, gradients given."""
    w = torch.tensor(w0, requires_grad=True)
    optimizer = optimizer_class([w], **kwargs)
    out = []
    for g in grads:
        w.grad = torch.tensor(g)
        optimizer.step()
        out.append(float(w))
    return out


def print_case_values():
    n06 = [1e-3, -2e-3, 5e-4]
    n07 = [0.5, -1.0, 0.25]
    print("N06 siblings, w0 = 1, gradients", n06)
    print("  adamax lr 0.1 eps 1e-3:", one_parameter(torch.optim.Adamax, dict(lr=0.1, eps=1e-3),
                                                     n06))
    print("  adamax eps 0:", one_parameter(torch.optim.Adamax, dict(lr=0.1, eps=0.0), n06))
    print("  nadam lr 0.1 eps 1e-3 (foreach):", one_parameter(
        torch.optim.NAdam, dict(lr=0.1, eps=1e-3, foreach=True), n06))
    print("  nadam eps 0 (foreach):", one_parameter(
        torch.optim.NAdam, dict(lr=0.1, eps=0.0, foreach=True), n06))
    print("N07 siblings, w0 = 1, gradients", n07)
    print("  centred rmsprop lr 0.01 alpha 0.9 eps 0.1:", one_parameter(
        torch.optim.RMSprop, dict(lr=0.01, alpha=0.9, eps=0.1, centered=True), n07))
    print("  adagrad lr 0.1 eps 0.1:", one_parameter(
        torch.optim.Adagrad, dict(lr=0.1, eps=0.1), n07))
    print("  adadelta lr 1 rho 0.9 eps 0.1:", one_parameter(
        torch.optim.Adadelta, dict(lr=1.0, rho=0.9, eps=0.1), n07))


if __name__ == "__main__":
    import sys
    if "--cases" in sys.argv:
        print_case_values()
        sys.exit(0)
    if "--nadam-difference" in sys.argv:
        print_nadam_difference()
        sys.exit(0)
    print("torch", torch.__version__, "numpy", np.__version__)
    check_nadam_paths_differ_only_by_that_bug()
    write_trajectories()
    write_schedules()
