"""jgrad's matrix product against PyTorch's torch.mm, measured in alternation.

Starts jgrad.core.kernels.GemmBenchmark and gemm_peer.py as servers and asks them in turn for
short timed runs of the same case (round after round), so both see the same load on a machine
shared with other work; prints medians and the spread per case and writes a CSV.

Run from the repository root after `mvn -B -q -pl autodiff-core test-compile` (no install):
    mvn -B -q -pl autodiff-core dependency:build-classpath -Dmdep.outputFile=target/cp.txt
    python3 autodiff-core/src/test/python/gemm_compare.py --threads 1 --rounds 9 \\
        --out autodiff-core/target/gemm-compare-1.csv

Columns: case, dtype, threads, jgrad and torch medians of wall-clock GFLOP/s, their ratio, the
same three for GFLOP/s per CPU second of the calling thread (one thread only: the speed without
the time other processes took the core), and the min-max range of jgrad's and torch's wall rates.
"""
import argparse
import csv
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)


def case_names():
    # gemm_peer imports torch; the case list is repeated here so the driver needs only python3.
    names = [f"square{n}" for n in (128, 256, 512, 1024)]
    for batch in (32, 128, 1024):
        for suffix in ("fc1.forward", "fc2.forward", "fc3.forward", "fc3.dx", "fc3.dw",
                       "fc2.dx", "fc2.dw", "fc1.dw"):
            names.append(f"mlp{batch}.{suffix}")
    return names


class Server:
    def __init__(self, command, env=None):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, env=env)
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError(f"server ended before it was ready: {command}")
            if line.startswith("ready"):
                return

    def ask(self, name, dtype, threads, seconds):
        self.process.stdin.write(f"{name} {dtype} {threads} {seconds}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline().strip()
        if not line or line.startswith("error"):
            raise RuntimeError(f"request {name} {dtype}: {line}")
        parts = line.split(",")
        return float(parts[3]), float(parts[4])

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--seconds", type=float, default=0.4, help="per timed run")
    parser.add_argument("--filter", default="")
    parser.add_argument("--dtypes", default="float32,float64")
    parser.add_argument("--engine", default="fast")
    parser.add_argument("--java", default="java")
    parser.add_argument("--classpath", default=None,
                        help="default: autodiff-core's target/classes, test-classes, cp.txt")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    classpath = args.classpath
    if classpath is None:
        with open(os.path.join(CORE, "target", "cp.txt")) as f:
            deps = f.read().strip()
        classpath = os.pathsep.join([os.path.join(CORE, "target", "classes"),
                                     os.path.join(CORE, "target", "test-classes"), deps])
    jgrad = Server([args.java, "--add-modules", "jdk.incubator.vector", "-cp", classpath,
                    "jgrad.core.kernels.GemmBenchmark", "--engine", args.engine,
                    "--serve", "true"])
    env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE")
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    torch = Server(["/usr/bin/python3", os.path.join(HERE, "gemm_peer.py"), "--threads",
                    str(args.threads), "--serve"], env)
    rows = []
    print("case,dtype,threads,jgrad,torch,ratio,jgrad_cpu,torch_cpu,ratio_cpu,jgrad_range,"
          "torch_range", flush=True)
    try:
        for name in case_names():
            if args.filter not in name:
                continue
            for dtype in args.dtypes.split(","):
                samples = {"jgrad": [], "torch": []}
                for round_number in range(args.rounds + 1):
                    for label, server in (("jgrad", jgrad), ("torch", torch)):
                        sample = server.ask(name, dtype, args.threads, args.seconds)
                        if round_number > 0:  # the first round warms both up
                            samples[label].append(sample)
                wall = {k: statistics.median(s[0] for s in v) for k, v in samples.items()}
                cpu = {k: statistics.median(s[1] for s in v) for k, v in samples.items()}
                spread = {k: (min(s[0] for s in v), max(s[0] for s in v))
                          for k, v in samples.items()}
                one = args.threads == 1
                row = [name, dtype, args.threads, f"{wall['jgrad']:.1f}", f"{wall['torch']:.1f}",
                       f"{wall['jgrad'] / wall['torch']:.2f}",
                       f"{cpu['jgrad']:.1f}" if one else "",
                       f"{cpu['torch']:.1f}" if one else "",
                       f"{cpu['jgrad'] / cpu['torch']:.2f}" if one else "",
                       f"{spread['jgrad'][0]:.0f}-{spread['jgrad'][1]:.0f}",
                       f"{spread['torch'][0]:.0f}-{spread['torch'][1]:.0f}"]
                rows.append(row)
                print(",".join(str(x) for x in row), flush=True)
    finally:
        jgrad.close()
        torch.close()
    if args.out:
        with open(args.out, "w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["case", "dtype", "threads", "jgrad", "torch", "ratio", "jgrad_cpu",
                             "torch_cpu", "ratio_cpu", "jgrad_range", "torch_range"])
            writer.writerows(rows)


if __name__ == "__main__":
    main()
