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
 * Untraced elementwise operations on a {@code [rows, 256]} tensor: binary ops of equal shapes,
 * the bias add of a linear layer (a {@code [256]} operand broadcast over the rows), unary ops and
 * the composite relu. Time per call; divide {@code rows * 256} by it for elements per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ElementwiseBenchmark {

    /** 4 rows: 1,024 elements (call overhead); 4,096 rows: about a million (bandwidth). */
    @Param({"4", "4096"})
    public int rows;

    @Param({"FLOAT32", "FLOAT64"})
    public DType dtype;

    private Tensor x;
    private Tensor y;
    private Tensor bias;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(0);
        x = Tensor.randn(Shape.of(rows, 256), rng).cast(dtype);
        y = Tensor.randn(Shape.of(rows, 256), rng).cast(dtype);
        bias = Tensor.randn(Shape.of(256), rng).cast(dtype);
    }

    @Benchmark
    public Tensor add() {
        return x.add(y);
    }

    @Benchmark
    public Tensor mul() {
        return x.mul(y);
    }

    @Benchmark
    public Tensor mulByConstant() {
        return x.mul(0.5);
    }

    @Benchmark
    public Tensor addBias() {
        return x.add(bias);
    }

    @Benchmark
    public Tensor tanh() {
        return x.tanh();
    }

    @Benchmark
    public Tensor exp() {
        return x.exp();
    }

    @Benchmark
    public Tensor relu() {
        return x.relu();
    }
}
