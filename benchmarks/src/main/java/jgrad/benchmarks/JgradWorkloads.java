package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.ValueAndGrad;
import jgrad.core.Vjp;
import jgrad.nn.Mlp;
import jgrad.nn.Sequential;
import jgrad.nn.losses.Losses;
import jgrad.nn.optim.EmptyState;
import jgrad.nn.optim.GradientTransformation;
import jgrad.nn.optim.Optimizers;
import jgrad.nn.optim.Update;

/**
 * jgrad's side of every {@link Kind}, through the public API only. {@code peer/pytorch_peer.py}
 * implements the same definitions; the deterministic graphs (tiny chain, scalar graph, backward
 * chain) report a check value that both must reproduce.
 */
final class JgradWorkloads {

    /** The MLP's layer sizes, as in the table. */
    static final int[] MLP_SIZES = {784, 256, 128, 10};

    /** The SGD step size of the MLP workloads. */
    static final double LEARNING_RATE = 0.01;

    private JgradWorkloads() {}

    /** Runs {@code workload} in this JVM; its metrics in {@link Kind#metrics()} order. */
    static ImmutableList<Measurement> run(Workload workload) {
        return switch (workload.kind()) {
            case MLP_STEP -> mlpStep(workload);
            case MATMUL -> matmul(workload);
            case TINY_CHAIN -> tinyChain(workload);
            case SCALAR_GRAPH -> scalarGraph(workload);
            case PEAK_RSS -> peakRss(workload);
            case BACKWARD_CHAIN -> backwardChain(workload);
        };
    }

    static DType dtype(String name) {
        return switch (name) {
            case "float32" -> DType.FLOAT32;
            case "float64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("unknown dtype '" + name + "'");
        };
    }

    // ------------------------------------------------------------------------------------ MLP

    /**
     * The MLP 784-256-128-10 (ReLU, He-normal weights, zero biases) training on one fixed batch
     * of standard-normal inputs with uniformly drawn labels, by plain SGD.
     */
    static final class MlpTraining {
        private final Tensor x;
        private final ImmutableIntArray labels;
        private final GradientTransformation<EmptyState> optimizer =
                Optimizers.sgd(LEARNING_RATE);
        private Sequential model;
        private EmptyState state;

        MlpTraining(int batch, DType dtype, RandomGenerator rng) {
            Sequential init = Mlp.init(rng, MLP_SIZES);
            model = init.withParams(init.params().map(t -> t.cast(dtype)));
            x = Tensor.randn(Shape.of(batch, MLP_SIZES[0]), rng).cast(dtype);
            int[] drawn = new int[batch];
            for (int i = 0; i < batch; i++) {
                drawn[i] = rng.nextInt(MLP_SIZES[MLP_SIZES.length - 1]);
            }
            labels = ImmutableIntArray.copyOf(drawn);
            state = optimizer.init(model.params());
        }

        /** One step: forward, cross-entropy from logits, backward, update. Returns the loss. */
        double step() {
            Sequential current = model;
            ValueAndGrad<Params> vg = Autodiff.valueAndGrad(
                    p -> Losses.softmaxCrossEntropy(current.withParams(p).apply(x), labels),
                    current.params());
            Update<EmptyState> update = optimizer.update(vg.grad(), state, current.params());
            model = current.withParams(current.params().plus(update.updates()));
            state = update.state();
            return vg.value().item();
        }
    }

    private static ImmutableList<Measurement> mlpStep(Workload w) {
        MlpTraining training = new MlpTraining(w.size(), dtype(w.dtype()), new SplittableRandom(0));
        double nanos = Timing.medianNanos(w.warmup(), w.reps(), training::step);
        double loss = training.step();
        checkState(Double.isFinite(loss), "%s: the loss is %s", w.id(), loss);
        return ImmutableList.of(new Measurement(w.id(), "time", nanos / 1e6, Double.NaN));
    }

    private static ImmutableList<Measurement> peakRss(Workload w) {
        MlpTraining training = new MlpTraining(w.size(), dtype(w.dtype()), new SplittableRandom(0));
        double loss = Double.NaN;
        for (int i = 0; i < w.inner(); i++) {
            loss = training.step();
        }
        checkState(Double.isFinite(loss), "%s: the loss is %s", w.id(), loss);
        double mib = ProcStatus.peakRssBytes() / (1024.0 * 1024.0);
        return ImmutableList.of(new Measurement(w.id(), "peak_rss", mib, Double.NaN));
    }

    // --------------------------------------------------------------------------------- matmul

    private static ImmutableList<Measurement> matmul(Workload w) {
        int n = w.size();
        RandomGenerator rng = new SplittableRandom(0);
        Tensor a = Tensor.randn(Shape.of(n, n), rng).cast(dtype(w.dtype()));
        Tensor b = Tensor.randn(Shape.of(n, n), rng).cast(dtype(w.dtype()));
        double nanos = Timing.medianNanos(w.warmup(), w.reps(), () -> {
            double keep = 0;
            for (int i = 0; i < w.inner(); i++) {
                keep += a.matmul(b).get(0, 0);
            }
            return keep;
        });
        double gflops = 2.0 * n * n * (double) n * w.inner() / nanos;
        return ImmutableList.of(new Measurement(w.id(), "throughput", gflops, Double.NaN));
    }

    // ---------------------------------------------------------------------------- graphs

    /**
     * Op {@code i} of a chain: {@code x*0.9, x+0.1, tanh(x), x*w}, repeating. {@code w} has the
     * chain's shape (4x4 or scalar) and is a constant.
     */
    static Tensor chainOp(Tensor v, int i, Tensor w) {
        return switch (i % 4) {
            case 0 -> v.mul(0.9);
            case 1 -> v.add(0.1);
            case 2 -> v.tanh();
            default -> v.mul(w);
        };
    }

    static Tensor chain(Tensor x, int ops, Tensor w) {
        Tensor v = x;
        for (int i = 0; i < ops; i++) {
            v = chainOp(v, i, w);
        }
        return v;
    }

    /** The tiny chain's input: {@code x[i] = (i - 7.5) / 8} for the 16 elements, row-major. */
    static Tensor tinyChainInput(DType dtype) {
        double[] values = new double[16];
        for (int i = 0; i < 16; i++) {
            values[i] = (i - 7.5) / 8;
        }
        return Tensor.of(values, Shape.of(4, 4), dtype);
    }

    /** The tiny chain's constant: {@code w[i] = 0.5 + i / 16}, row-major. */
    static Tensor tinyChainWeight(DType dtype) {
        double[] values = new double[16];
        for (int i = 0; i < 16; i++) {
            values[i] = 0.5 + i / 16.0;
        }
        return Tensor.of(values, Shape.of(4, 4), dtype);
    }

    /**
     * One forward and backward pass of the tiny chain: {@code sum(chain(x))} and its gradient.
     * Returns the sum plus the gradient's sum (the check value).
     */
    static double tinyChainOnce(int ops, Tensor x, Tensor w) {
        ValueAndGrad<Tensor> vg = Autodiff.valueAndGrad(t -> chain(t, ops, w).sum(), x);
        return vg.value().item() + vg.grad().sum().item();
    }

    private static ImmutableList<Measurement> tinyChain(Workload w) {
        DType dtype = dtype(w.dtype());
        Tensor x = tinyChainInput(dtype);
        Tensor weight = tinyChainWeight(dtype);
        double nanos = Timing.medianNanos(w.warmup(), w.reps(),
                () -> tinyChainOnce(w.size(), x, weight));
        double check = tinyChainOnce(w.size(), x, weight);
        return ImmutableList.of(new Measurement(w.id(), "time", nanos / 1e3 / w.size(), check));
    }

    /** The scalar graph's 16 leaves, {@code x_k = (-1)^k (1 + k / 16)}. */
    static Params scalarGraphLeaves(DType dtype) {
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        for (int k = 0; k < 16; k++) {
            leaves.put("x" + k, Tensor.scalar((k % 2 == 0 ? 1 : -1) * (1 + k / 16.0), dtype));
        }
        return Params.copyOf(leaves);
    }

    /**
     * The scalar graph of {@code nodes} ops (a multiple of 4). The pool starts as the 16 leaves;
     * from {@code v = x_0}, group {@code g} computes {@code v = 0.5 * tanh((v + pool[(31 g) mod
     * |pool|]) * x_{(17 g + 5) mod 16})} in four ops (add, mul, tanh, mul by a constant) and
     * appends {@code v} to the pool. Values stay within [-5, 5] and neither vanish nor saturate,
     * and the picks give nodes many users, so the backward sweep meets a real DAG.
     */
    static Tensor scalarGraph(Params params, int nodes) {
        checkArgument(nodes % 4 == 0, "scalar graph: node count %s is not a multiple of 4", nodes);
        List<Tensor> leaves = params.asMap().values().asList();
        List<Tensor> pool = new ArrayList<>(leaves);
        Tensor v = leaves.get(0);
        for (int g = 0; g < nodes / 4; g++) {
            v = v.add(pool.get((g * 31) % pool.size()));
            v = v.mul(leaves.get((g * 17 + 5) % leaves.size()));
            v = v.tanh();
            v = v.mul(0.5);
            pool.add(v);
        }
        return v;
    }

    /** Builds the scalar graph, differentiates it; returns output plus gradients' sum. */
    static double scalarGraphOnce(int nodes, Params leaves) {
        ValueAndGrad<Params> vg = Autodiff.valueAndGrad(p -> scalarGraph(p, nodes), leaves);
        double check = vg.value().item();
        for (Tensor g : vg.grad().asMap().values()) {
            check += g.item();
        }
        return check;
    }

    private static ImmutableList<Measurement> scalarGraph(Workload w) {
        Params leaves = scalarGraphLeaves(dtype(w.dtype()));
        double nanos = Timing.medianNanos(w.warmup(), w.reps(),
                () -> scalarGraphOnce(w.size(), leaves));
        double check = scalarGraphOnce(w.size(), leaves);
        return ImmutableList.of(new Measurement(w.id(), "time", nanos / 1e6, check));
    }

    /**
     * Records a chain of {@code size} scalar ops from {@code x = 0.5} ({@code w = 1.1}), measures
     * the heap the recorded graph holds (used heap after full collections, with and without the
     * graph), then times backward passes over it.
     */
    private static ImmutableList<Measurement> backwardChain(Workload w) {
        DType dtype = dtype(w.dtype());
        Tensor x = Tensor.scalar(0.5, dtype);
        Tensor weight = Tensor.scalar(1.1, dtype);
        long before = usedHeapAfterGc();
        Vjp<Tensor> vjp = Autodiff.vjp(t -> chain(t, w.size(), weight), x);
        long after = usedHeapAfterGc();
        Tensor ones = vjp.output().onesLike();
        double nanos = Timing.medianNanos(w.warmup(), w.reps(),
                () -> vjp.pullback().apply(ones).item());
        double check = vjp.output().item() + vjp.pullback().apply(ones).item();
        Reference.reachabilityFence(vjp);
        return ImmutableList.of(
                new Measurement(w.id(), "time", nanos / 1e3 / w.size(), check),
                new Measurement(w.id(), "memory", (after - before) / (double) w.size(), check));
    }

    /** Used heap in bytes after full collections, so only reachable objects count. */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
