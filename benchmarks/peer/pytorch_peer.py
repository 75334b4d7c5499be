#!/usr/bin/python3
"""PyTorch peer of jgrad's workload runner (jgrad.benchmarks.JgradRunner).

Runs one workload of the plan that `benchmarks/run` writes (the single source of shapes, dtypes,
thread counts, warm-up and repetitions for both frameworks) and prints one line per metric,
`id,metric,value,check`, in the units of jgrad.benchmarks.Kind: ms per MLP step, GFLOP/s,
µs per op, ms, MiB, µs per node, bytes per node. Each definition mirrors
jgrad.benchmarks.JgradWorkloads; the deterministic graphs print a check value that jgrad must
reproduce.

    pytorch_peer.py PLAN.csv ID     run one workload
    pytorch_peer.py --describe      print torch, Python and BLAS versions, then exit

Set-up (Debian): apt-get install python3-torch libopenblas0-pthread. Without OpenBLAS, Debian's
PyTorch falls back to the reference BLAS and runs about 20x slower, so this script refuses to
run when no OpenBLAS is loaded. Run it with OMP_WAIT_POLICY=PASSIVE and without
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (a forced core type picks slower kernels); it refuses
otherwise. The thread count of each row goes to both torch.set_num_threads and OpenBLAS's own
pool (openblas_set_num_threads), which torch.set_num_threads does not reach.
"""

import csv
import ctypes
import gc
import math
import os
import sys
import time

MLP_SIZES = (784, 256, 128, 10)
LEARNING_RATE = 0.01
PLAN_COLUMNS = ["id", "kind", "size", "dtype", "threads", "warmup", "reps", "inner", "goal"]


def fail(message, code=1):
    print("pytorch_peer: " + message, file=sys.stderr)
    sys.exit(code)


def check_environment():
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            fail(f"{name}={os.environ[name]} is set; run with `env -u {name}` (it picks slower "
                 "OpenBLAS kernels than the machine has)")
    if os.environ.get("OMP_WAIT_POLICY") != "PASSIVE":
        fail("run with OMP_WAIT_POLICY=PASSIVE (spinning OpenMP workers steal the other core)")


def proc_status_bytes(field):
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                value, unit = line.split()[1:3]
                if unit != "kB":
                    break
                return int(value) * 1024
    raise RuntimeError(f"/proc/self/status has no '{field}: N kB' line")


def loaded_openblas():
    """The path of the OpenBLAS library mapped into this process, or None."""
    with open("/proc/self/maps", encoding="utf-8") as maps:
        for line in maps:
            path = line.split()[-1]
            if "libopenblas" in os.path.basename(path):
                return path
    return None


def openblas(torch):
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))  # loads the BLAS if it is lazy
    path = loaded_openblas()
    if path is None:
        fail("PyTorch is not using OpenBLAS (the reference BLAS is about 20x slower): "
             "apt-get install libopenblas0-pthread")
    return ctypes.CDLL(path)


def set_threads(torch, blas, threads):
    torch.set_num_threads(threads)
    blas.openblas_set_num_threads(threads)
    if torch.get_num_threads() != threads or blas.openblas_get_num_threads() != threads:
        fail(f"could not set {threads} threads: torch has {torch.get_num_threads()}, "
             f"OpenBLAS {blas.openblas_get_num_threads()}")


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


# As jgrad's Timing.MIN_WARMUP_NANOS: every workload warms up at least this long (jgrad's JIT
# needs it; PyTorch does not, but both sides are treated alike).
MIN_WARMUP_NANOS = 3_000_000_000


def median_nanos(warmup, reps, body):
    warmup_start = time.perf_counter_ns()
    done = 0
    while done < warmup or time.perf_counter_ns() - warmup_start < MIN_WARMUP_NANOS:
        body()
        done += 1
    times = []
    for _ in range(reps):
        start = time.perf_counter_ns()
        body()
        times.append(time.perf_counter_ns() - start)
    return median(times)


# ------------------------------------------------------------------------------------------ MLP

class MlpTraining:
    """MLP 784-256-128-10 (ReLU, He-normal weights, zero biases) on one fixed batch, plain SGD."""

    def __init__(self, torch, batch, dtype):
        nn = torch.nn
        torch.manual_seed(0)
        layers = []
        for i in range(len(MLP_SIZES) - 1):
            if i > 0:
                layers.append(nn.ReLU())
            linear = nn.Linear(MLP_SIZES[i], MLP_SIZES[i + 1], dtype=dtype)
            nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
            nn.init.zeros_(linear.bias)
            layers.append(linear)
        self.model = nn.Sequential(*layers)
        self.x = torch.randn(batch, MLP_SIZES[0], dtype=dtype)
        self.labels = torch.randint(0, MLP_SIZES[-1], (batch,))
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=LEARNING_RATE)
        self.cross_entropy = torch.nn.functional.cross_entropy

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        loss = self.cross_entropy(self.model(self.x), self.labels)
        loss.backward()
        self.optimizer.step()
        return loss.item()


def mlp_step(torch, w):
    training = MlpTraining(torch, w["size"], w["dtype"])
    nanos = median_nanos(w["warmup"], w["reps"], training.step)
    loss = training.step()
    if not math.isfinite(loss):
        raise RuntimeError(f"{w['id']}: the loss is {loss}")
    return [("time", nanos / 1e6, math.nan)]


def peak_rss(torch, w):
    training = MlpTraining(torch, w["size"], w["dtype"])
    loss = math.nan
    for _ in range(w["inner"]):
        loss = training.step()
    if not math.isfinite(loss):
        raise RuntimeError(f"{w['id']}: the loss is {loss}")
    return [("peak_rss", proc_status_bytes("VmHWM") / 2**20, math.nan)]


# --------------------------------------------------------------------------------------- matmul

def matmul(torch, w):
    n, inner = w["size"], w["inner"]
    torch.manual_seed(0)
    a = torch.randn(n, n, dtype=w["dtype"])
    b = torch.randn(n, n, dtype=w["dtype"])

    def rep():
        keep = 0.0
        for _ in range(inner):
            keep += torch.mm(a, b)[0, 0].item()
        return keep

    nanos = median_nanos(w["warmup"], w["reps"], rep)
    return [("throughput", 2.0 * n * n * n * inner / nanos, math.nan)]


# --------------------------------------------------------------------------------------- graphs

def chain_op(v, i, w):
    k = i % 4
    if k == 0:
        return v * 0.9
    if k == 1:
        return v + 0.1
    if k == 2:
        return v.tanh()
    return v * w


def chain(x, ops, w):
    v = x
    for i in range(ops):
        v = chain_op(v, i, w)
    return v


def tiny_chain(torch, w):
    dtype, ops = w["dtype"], w["size"]
    x = torch.tensor([(i - 7.5) / 8 for i in range(16)], dtype=dtype).reshape(4, 4)
    x.requires_grad_(True)
    weight = torch.tensor([0.5 + i / 16.0 for i in range(16)], dtype=dtype).reshape(4, 4)

    def once():
        total = chain(x, ops, weight).sum()
        (grad,) = torch.autograd.grad(total, x)
        return total.item() + grad.sum().item()

    nanos = median_nanos(w["warmup"], w["reps"], once)
    return [("time", nanos / 1e3 / ops, once())]


def scalar_graph(torch, w):
    dtype, nodes = w["dtype"], w["size"]
    if nodes % 4:
        raise ValueError(f"scalar graph: node count {nodes} is not a multiple of 4")
    leaves = [torch.tensor((1 if k % 2 == 0 else -1) * (1 + k / 16.0), dtype=dtype,
                           requires_grad=True) for k in range(16)]

    def once():
        pool = list(leaves)
        v = leaves[0]
        for g in range(nodes // 4):
            v = v + pool[(g * 31) % len(pool)]
            v = v * leaves[(g * 17 + 5) % len(leaves)]
            v = v.tanh()
            v = v * 0.5
            pool.append(v)
        grads = torch.autograd.grad(v, leaves, allow_unused=True)
        return v.item() + sum(0.0 if g is None else g.item() for g in grads)

    nanos = median_nanos(w["warmup"], w["reps"], once)
    return [("time", nanos / 1e6, once())]


def backward_chain(torch, w):
    dtype, ops = w["dtype"], w["size"]
    x = torch.tensor(0.5, dtype=dtype, requires_grad=True)
    weight = torch.tensor(1.1, dtype=dtype)
    gc.collect()
    before = proc_status_bytes("VmRSS")
    y = chain(x, ops, weight)
    gc.collect()
    after = proc_status_bytes("VmRSS")
    nanos = median_nanos(w["warmup"], w["reps"],
                         lambda: torch.autograd.grad(y, x, retain_graph=True))
    (grad,) = torch.autograd.grad(y, x, retain_graph=True)
    check = y.item() + grad.item()
    return [("time", nanos / 1e3 / ops, check), ("memory", (after - before) / ops, check)]


KINDS = {
    "MLP_STEP": mlp_step,
    "MATMUL": matmul,
    "TINY_CHAIN": tiny_chain,
    "SCALAR_GRAPH": scalar_graph,
    "PEAK_RSS": peak_rss,
    "BACKWARD_CHAIN": backward_chain,
}


def read_workload(plan, ident, torch):
    with open(plan, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != PLAN_COLUMNS:
            fail(f"{plan}: columns {reader.fieldnames}, expected {PLAN_COLUMNS}", 2)
        for row in reader:
            if row["id"] == ident:
                w = dict(row)
                for key in ("size", "threads", "warmup", "reps", "inner"):
                    w[key] = int(row[key])
                w["dtype"] = {"float32": torch.float32, "float64": torch.float64}[row["dtype"]]
                return w
    fail(f"no workload '{ident}' in {plan}", 2)
    return None


def describe(torch, blas):
    blas.openblas_get_config.restype = ctypes.c_char_p
    blas.openblas_get_corename.restype = ctypes.c_char_p
    print(f"python {sys.version.split()[0]}, torch {torch.__version__}, "
          f"BLAS {loaded_openblas()} ({blas.openblas_get_config().decode()}, "
          f"core {blas.openblas_get_corename().decode()})")


def main(argv):
    if len(argv) == 2 and argv[1] == "--describe":
        plan = ident = None
    elif len(argv) == 3:
        plan, ident = argv[1], argv[2]
    else:
        fail("usage: pytorch_peer.py PLAN.csv ID | --describe", 2)
    check_environment()
    import torch  # pylint: disable=import-outside-toplevel
    blas = openblas(torch)
    if plan is None:
        describe(torch, blas)
        return
    w = read_workload(plan, ident, torch)
    set_threads(torch, blas, w["threads"])
    print(f"pytorch {ident}: torch {torch.get_num_threads()} threads, OpenBLAS "
          f"{blas.openblas_get_num_threads()} threads", file=sys.stderr)
    for metric, value, check in KINDS[w["kind"]](torch, w):
        print(f"{ident},{metric},{value!r},{check!r}")


if __name__ == "__main__":
    main(sys.argv)
