package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
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

    static Tensor eye(int n, DType dtype) {
        checkArgument(n >= 0, "eye: n must be non-negative, got %s", n);
        double[] values = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i * n + i] = 1;
        }
        return Tensor.of(values, Shape.of(n, n), dtype);
    }

    static Tensor linspace(double start, double stop, int num, DType dtype) {
        checkArgument(num >= 0, "linspace: num must be non-negative, got %s", num);
        checkArgument(Double.isFinite(start) && Double.isFinite(stop),
                "linspace: start and stop must be finite, got %s and %s", start, stop);
        checkArgument(dtype.isFloatingPoint(), "linspace: needs a float dtype, got %s", dtype);
        double[] values = new double[num];
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        for (int i = 0; i < num; i++) {
            values[i] = start + i * step;
        }
        if (num > 1) {
            values[num - 1] = stop; // exact, as NumPy's endpoint
        }
        return Tensor.of(values, Shape.of(num), dtype);
    }

    static Tensor bernoulli(Shape shape, double p, DType dtype, RandomGenerator rng) {
        checkArgument(p >= 0 && p <= 1, "bernoulli: p must lie in [0, 1], got %s", p);
        checkNotNull(rng, "rng");
        double[] values = new double[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble() < p ? 1 : 0;
        }
        return Tensor.of(values, shape, dtype);
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

    /**
     * The {@code parts}, each of shape {@code inner}, stacked in row-major order under {@code
     * outer}: the result has shape {@code outer ++ inner}. Plain parts are copied; when a part is
     * being differentiated the stack is {@link Tensor#stack} (a {@link Concat}), so it stays
     * differentiable.
     */
    static Tensor stack(List<Tensor> parts, Shape outer, Shape inner, DType dtype) {
        int[] dims = new int[outer.rank() + inner.rank()];
        System.arraycopy(outer.toArray(), 0, dims, 0, outer.rank());
        System.arraycopy(inner.toArray(), 0, dims, outer.rank(), inner.rank());
        Shape shape = Shape.of(dims);
        int n = inner.size();
        boolean traced = false;
        for (Tensor part : parts) {
            traced |= part.isTraced();
        }
        if (!traced) {
            Object out = Storage.allocate(dtype, shape.size());
            for (int i = 0; i < parts.size(); i++) {
                System.arraycopy(parts.get(i).cast(dtype).storage(), 0, out, i * n, n);
            }
            return Kernels.result(shape, dtype, out);
        }
        return MovementOps.stack(parts, 0).reshape(shape);
    }
}
