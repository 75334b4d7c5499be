package jgrad.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import jgrad.core.Autodiff;
import jgrad.core.Tensor;
import jgrad.core.Vjp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of recording, through the public API, on scalars (so the kernels cost next to
 * nothing): one op on an untraced tensor against the same op on a {@code requiresGrad()} leaf
 * (the difference is what recording a node costs), and the backward sweep per node, from a
 * 10,000-op chain recorded once whose pullback is called again and again. The chain is the
 * workload runner's ({@code x*0.9, x+0.1, tanh, x*w}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class RecordingBenchmark {

    static final int CHAIN = 10_000;

    private Tensor plain;
    private Tensor traced;
    private Tensor weight;
    private Vjp<Tensor> chain;
    private Tensor ones;

    @Setup
    public void setUp() {
        plain = Tensor.scalar(0.5);
        traced = plain.requiresGrad();
        weight = Tensor.scalar(1.1);
        chain = Autodiff.vjp(x -> {
            Tensor v = x;
            for (int i = 0; i < CHAIN; i++) {
                v = switch (i % 4) {
                    case 0 -> v.mul(0.9);
                    case 1 -> v.add(0.1);
                    case 2 -> v.tanh();
                    default -> v.mul(weight);
                };
            }
            return v;
        }, plain);
        ones = chain.output().onesLike();
    }

    @Benchmark
    public Tensor mulUntraced() {
        return plain.mul(weight);
    }

    @Benchmark
    public Tensor mulTraced() {
        return traced.mul(weight);
    }

    @Benchmark
    public Tensor tanhUntraced() {
        return plain.tanh();
    }

    @Benchmark
    public Tensor tanhTraced() {
        return traced.tanh();
    }

    /** A whole {@code Autodiff.grad} call of one op: opening a trace, recording, sweeping. */
    @Benchmark
    public Tensor gradOfOneOp() {
        return Autodiff.grad(Tensor::tanh, plain);
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public Tensor backwardPerNode() {
        return chain.pullback().apply(ones);
    }
}
