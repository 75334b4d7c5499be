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
 * Untraced reductions of a {@code [rows, 256]} tensor: the full sum, sums along each axis (axis
 * 0 is the bias gradient of a linear layer), the row max, and the row-wise composites the
 * cross-entropy uses ({@code logSumExp}, {@code logSoftmax}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ReductionBenchmark {

    @Param({"4", "4096"})
    public int rows;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    private Tensor x;

    @Setup
    public void setUp() {
        x = Tensor.randn(Shape.of(rows, 256), new SplittableRandom(0)).cast(dtype);
    }

    @Benchmark
    public Tensor sumAll() {
        return x.sum();
    }

    @Benchmark
    public Tensor sumAxis0() {
        return x.sum(0);
    }

    @Benchmark
    public Tensor sumAxis1() {
        return x.sum(1);
    }

    @Benchmark
    public Tensor maxAxis1() {
        return x.max(1);
    }

    @Benchmark
    public Tensor logSumExpAxis1() {
        return x.logSumExp(1, false);
    }

    @Benchmark
    public Tensor logSoftmaxAxis1() {
        return x.logSoftmax(1);
    }
}
