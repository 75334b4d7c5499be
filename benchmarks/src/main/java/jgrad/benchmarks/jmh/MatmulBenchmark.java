package jgrad.benchmarks.jmh;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code a.matmul(b)} for square {@code n x n} operands, untraced, and the two transposed forms
 * the vjp of matmul uses ({@code a^T b} and {@code a b^T}, through {@code transpose()}). Time
 * per product; GFLOP/s = {@code 2 n^3 / time}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class MatmulBenchmark {

    @Param({"64", "128", "256", "512"})
    public int n;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    private Tensor a;
    private Tensor b;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(0);
        a = Tensor.randn(Shape.of(n, n), rng).cast(dtype);
        b = Tensor.randn(Shape.of(n, n), rng).cast(dtype);
    }

    @Benchmark
    public Tensor matmul() {
        return a.matmul(b);
    }

    @Benchmark
    public Tensor matmulTransposedLeft() {
        return a.transpose().matmul(b);
    }

    @Benchmark
    public Tensor matmulTransposedRight() {
        return a.matmul(b.transpose());
    }
}
