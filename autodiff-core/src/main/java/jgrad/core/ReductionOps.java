package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;

/**
 * Reductions: the axis bookkeeping shared by all of them, and the composite ones (mean, norm) and
 * index reductions (argmax); see the public methods on {@link Tensor} for their contracts.
 */
final class ReductionOps {

    private ReductionOps() {}

    static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, "sum");
        Tensor summed = Tensor.apply(new ReduceSum(normalized), x);
        return keepDims
                ? summed.reshape(Primitives.reducedShape("sum", x.shape(), normalized, true))
                : summed;
    }

    static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, "mean");
        long count = 1;
        for (int i = 0; i < normalized.length(); i++) {
            count *= x.shape().dim(normalized.get(i));
        }
        return x.sum(axes, keepDims).div((double) count);
    }

    static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, "max");
        Tensor reduced = Tensor.apply(new ReduceMax(normalized), x);
        return keepDims
                ? reduced.reshape(Primitives.reducedShape("max", x.shape(), normalized, true))
                : reduced;
    }

    static Tensor norm(Tensor x) {
        // The norm of no elements is 0; max has no identity, so skip it there.
        Tensor largest = x.size() == 0
                ? Tensor.scalar(0.0, x.dtype()) : x.stopGradient().abs().max();
        Tensor usable = largest.greater(0.0).mul(largest.less(Double.POSITIVE_INFINITY));
        Tensor scale = Tensor.where(usable, largest, largest.onesLike());
        Tensor squares = x.div(scale).square().sum();
        Tensor zero = squares.equal(0.0);
        Tensor root = Tensor.where(zero, squares.onesLike(), squares).sqrt();
        return Tensor.where(zero, squares.zerosLike(), root.mul(scale));
    }

    static Tensor argmax(Tensor x, int axis) {
        Shape shape = x.shape();
        int a = shape.axis(axis, "argmax");
        checkArgument(shape.dim(a) > 0, "argmax: axis %s of shape %s is empty", axis, shape);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= shape.dim(i);
        }
        int n = shape.dim(a);
        int inner = shape.size() / Math.max(1, outer * n);
        double[] data = x.toArray();
        int[] out = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int best = 0;
                double bestValue = data[o * n * inner + in];
                for (int k = 1; k < n; k++) {
                    double v = data[(o * n + k) * inner + in];
                    // NaN counts as the largest, as in NumPy, so argmax agrees with max.
                    if (v > bestValue || Double.isNaN(v) && !Double.isNaN(bestValue)) {
                        best = k;
                        bestValue = v;
                    }
                }
                out[o * inner + in] = best;
            }
        }
        return Kernels.result(
                Primitives.reducedShape("argmax", shape, ImmutableIntArray.of(a), false),
                DType.INT32, out);
    }

    /** Every axis of {@code shape}, {@code [0, rank)}. */
    static int[] allAxes(Shape shape) {
        int[] axes = new int[shape.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i;
        }
        return axes;
    }

    /**
     * {@code axes} normalised to {@code [0, rank)}, sorted.
     *
     * @throws IllegalArgumentException naming {@code op} if an axis is out of range or repeated
     */
    static ImmutableIntArray normalizeAxes(Shape shape, int[] axes, String op) {
        int[] normalized = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            normalized[i] = shape.axis(axes[i], op);
        }
        int[] sorted = normalized.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            checkArgument(sorted[i] != sorted[i - 1], "%s: axis %s repeated in %s",
                    op, sorted[i], Arrays.toString(axes));
        }
        return ImmutableIntArray.copyOf(sorted);
    }
}
