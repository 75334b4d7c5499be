"""PyTorch peer of jgrad.core.kernels.GemmBenchmark: torch.mm GFLOP/s for the same shapes.

Run (Debian's python3-torch on libopenblas0-pthread):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_WAIT_POLICY=PASSIVE \
        /usr/bin/python3 autodiff-core/src/test/python/gemm_peer.py --threads 1 [--quick]

torch.set_num_threads(N) does not limit OpenBLAS's own pthreads pool (measured: with N = 1,
torch.mm on 1024x1024 used 2 cores, cpu/wall 1.99). So this script also calls
openblas_set_num_threads(N) through ctypes and prints the CPU time / wall time ratio of each
measurement, which shows how many cores really ran.

Output: one CSV line per case: case,dtype,threads,median_gflops,min,max,cpu_gflops,cpu_per_wall,
shape. cpu_gflops (one thread only) divides by the calling thread's CPU time, so it shows the
speed undisturbed by other processes on a shared machine.
"""
import argparse
import ctypes
import glob
import statistics
import time

import torch

SQUARE = (128, 256, 512, 1024)
BATCHES = (32, 128, 1024)


def mlp_cases(batch):
    """The matrix products of one MLP 784-256-128-10 training step (y = x w^T), as in Java."""
    return [
        (f"mlp{batch}.fc1.forward", "N", "T", batch, 256, 784),
        (f"mlp{batch}.fc2.forward", "N", "T", batch, 128, 256),
        (f"mlp{batch}.fc3.forward", "N", "T", batch, 10, 128),
        (f"mlp{batch}.fc3.dx", "N", "N", batch, 128, 10),
        (f"mlp{batch}.fc3.dw", "T", "N", 10, 128, batch),
        (f"mlp{batch}.fc2.dx", "N", "N", batch, 256, 128),
        (f"mlp{batch}.fc2.dw", "T", "N", 128, 256, batch),
        (f"mlp{batch}.fc1.dw", "T", "N", 256, 784, batch),
    ]


def cases():
    out = [(f"square{n}", "N", "N", n, n, n) for n in SQUARE]
    for batch in BATCHES:
        out += mlp_cases(batch)
    return out


def set_openblas_threads(threads):
    libs = [p for p in glob.glob("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3")]
    libs += glob.glob("/usr/lib/x86_64-linux-gnu/libopenblas*.so*")
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_set_num_threads(threads)
            return path
        except (OSError, AttributeError):
            continue
    return None


def operand(trans, rows, cols, dtype, gen):
    """op(X) of shape [rows, cols]; a transposed view when trans == 'T' (no copy)."""
    if trans == "T":
        return torch.randn(cols, rows, dtype=dtype, generator=gen).t()
    return torch.randn(rows, cols, dtype=dtype, generator=gen)


def measure(a, b, flops, seconds, repeats):
    torch.mm(a, b)
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < 0.2:
        torch.mm(a, b)
        calls += 1
    per_call = 0.2 / max(calls, 1)
    inner = max(1, int(seconds / repeats / per_call))
    rates, ratios, cpu_rates = [], [], []
    for _ in range(repeats):
        wall0, cpu0, thread0 = time.perf_counter(), time.process_time(), time.thread_time()
        for _ in range(inner):
            torch.mm(a, b)
        wall = time.perf_counter() - wall0
        rates.append(flops * inner / wall / 1e9)
        ratios.append((time.process_time() - cpu0) / wall)
        cpu_rates.append(flops * inner / max(time.thread_time() - thread0, 1e-9) / 1e9)
    return (statistics.median(rates), min(rates), max(rates), statistics.median(ratios),
            statistics.median(cpu_rates))


class Prepared:
    """A warmed-up torch.mm on one case, ready to be timed again and again."""

    def __init__(self, ta, tb, m, n, k, dtype, gen):
        self.a = operand(ta, m, k, dtype, gen)
        self.b = operand(tb, k, n, dtype, gen)
        self.flops = 2.0 * m * n * k
        torch.mm(self.a, self.b)
        start, calls = time.perf_counter(), 0
        while time.perf_counter() - start < 0.5:
            torch.mm(self.a, self.b)
            calls += 1
        self.per_call = 0.5 / max(calls, 1)

    def sample(self, seconds):
        inner = max(1, round(seconds / self.per_call))
        wall0, thread0 = time.perf_counter(), time.thread_time()
        for _ in range(inner):
            torch.mm(self.a, self.b)
        wall = time.perf_counter() - wall0
        used = max(time.thread_time() - thread0, 1e-9)
        return self.flops * inner / wall / 1e9, self.flops * inner / used / 1e9


def serve(threads):
    """Answers CASE DTYPE THREADS SECONDS lines with CASE,DTYPE,THREADS,WALL_GFLOPS,CPU_GFLOPS."""
    import sys
    shapes = {name: (ta, tb, m, n, k) for name, ta, tb, m, n, k in cases()}
    prepared = {}
    gen = torch.Generator().manual_seed(0)
    print("ready torch", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 4 or parts[0] not in shapes:
            print(f"error: bad request {line.strip()}", flush=True)
            continue
        name, label, count, seconds = parts[0], parts[1], int(parts[2]), float(parts[3])
        if count != threads:
            print(f"error: this peer runs {threads} threads, asked for {count}", flush=True)
            continue
        key = (name, label)
        if key not in prepared:
            dtype = torch.float32 if label == "float32" else torch.float64
            prepared[key] = Prepared(*shapes[name], dtype, gen)
        wall, cpu = prepared[key].sample(seconds)
        print(f"{name},{label},{threads},{wall:.2f},{cpu:.2f}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=3.0, help="per case and dtype")
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--filter", default="")
    parser.add_argument("--serve", action="store_true", help="answer requests on stdin")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    lib = set_openblas_threads(args.threads)
    if args.serve:
        serve(args.threads)
        return
    print(f"# torch {torch.__version__}, openblas {lib}, threads {args.threads}")
    print("case,dtype,threads,median_gflops,min,max,cpu_gflops,cpu_per_wall,shape")
    gen = torch.Generator().manual_seed(0)
    for name, ta, tb, m, n, k in cases():
        if args.filter not in name:
            continue
        for dtype, label in ((torch.float32, "float32"), (torch.float64, "float64")):
            a = operand(ta, m, k, dtype, gen)
            b = operand(tb, k, n, dtype, gen)
            med, lo, hi, ratio, cpu = measure(a, b, 2.0 * m * n * k, args.seconds, args.repeats)
            cpu = cpu if args.threads == 1 else float("nan")
            shape = f"{ta}{tb} m={m} n={n} k={k}"
            print(f"{name},{label},{args.threads},{med:.1f},{lo:.1f},{hi:.1f},{cpu:.1f},"
                  f"{ratio:.2f},{shape}", flush=True)


if __name__ == "__main__":
    main()
