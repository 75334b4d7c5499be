package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.random.RandomGenerator;

/** Tensor factories that compute their values: ranges, random draws, one-hot rows. */
final class Creation {

    private Creation() {}

    static Tensor arange(double start, double stop, double step) {
        checkArgument(step != 0 && Double.isFinite(step),
                "arange: step must be finite and non-zero, got %s", step);
        checkArgument(Double.isFinite(start) && Double.isFinite(stop),
                "arange: start and stop must be finite, got %s and %s", start, stop);
        double count = Math.max(0, Math.ceil((stop - start) / step));
        checkArgument(count <= Integer.MAX_VALUE - 8,
                "arange: [%s, %s) in steps of %s has %s elements, more than an array holds",
                start, stop, step, count);
        int n = (int) count;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return Kernels.result(Shape.of(n), DType.FLOAT64, values);
    }

    static Tensor randn(Shape shape, RandomGenerator rng) {
        checkNotNull(rng, "rng");
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        return Kernels.result(shape, DType.FLOAT64, values);
    }

    static Tensor uniform(Shape shape, double low, double high, RandomGenerator rng) {
        checkArgument(low < high && Double.isFinite(low) && Double.isFinite(high),
                "uniform: need finite low < high, got [%s, %s)", low, high);
        checkNotNull(rng, "rng");
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (high - low) * rng.nextDouble();
        }
        return Kernels.result(shape, DType.FLOAT64, values);
    }

    static Tensor oneHot(ImmutableIntArray labels, int numClasses) {
        checkArgument(numClasses > 0, "oneHot: numClasses must be positive, got %s", numClasses);
        double[] values = new double[labels.length() * numClasses];
        for (int i = 0; i < labels.length(); i++) {
            int label = labels.get(i);
            checkArgument(0 <= label && label < numClasses,
                    "oneHot: label %s at index %s is outside the valid range 0..%s",
                    label, i, numClasses - 1);
            values[i * numClasses + label] = 1.0;
        }
        return Kernels.result(Shape.of(labels.length(), numClasses), DType.FLOAT64, values);
    }
}
