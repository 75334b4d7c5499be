package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;

/**
 * Reductions: the axis bookkeeping shared by all of them, the composite ones (mean, var, std,
 * norms, any, all), the index reductions (argmax, argmin) and the running sums and products; see
 * the public methods on {@link Tensor} for their contracts.
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
        checkArgument(x.dtype().isFloatingPoint(),
                "mean: not defined for dtype %s; cast to float32 or float64 first", x.dtype());
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

    static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, "min");
        Tensor reduced = Tensor.apply(new ReduceMin(normalized), x);
        return keepDims
                ? reduced.reshape(Primitives.reducedShape("min", x.shape(), normalized, true))
                : reduced;
    }

    static Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, "prod");
        Tensor reduced = Tensor.apply(new ReduceProd(normalized), x);
        return keepDims
                ? reduced.reshape(Primitives.reducedShape("prod", x.shape(), normalized, true))
                : reduced;
    }

    static Tensor var(Tensor x, int[] axes, int ddof, boolean keepDims, String op) {
        checkArgument(x.dtype().isFloatingPoint(),
                "%s: needs a float32 or float64 tensor, got %s; cast first", op, x.dtype());
        checkArgument(ddof >= 0, "%s: ddof must be non-negative, got %s", op, ddof);
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, op);
        int[] reduced = normalized.toArray();
        long count = 1;
        for (int axis : reduced) {
            count *= x.shape().dim(axis);
        }
        Tensor centered = x.sub(x.mean(reduced, true));
        Tensor squares = centered.square().sum(reduced, keepDims);
        // No degrees of freedom left: the estimate is undefined, NaN (value and gradient).
        return count > ddof ? squares.div((double) (count - ddof)) : squares.mul(Double.NaN);
    }

    static Tensor std(Tensor x, int[] axes, int ddof, boolean keepDims) {
        Tensor variance = var(x, axes, ddof, keepDims, "std");
        // The subgradient 0 at zero spread, as the norm at the zero vector: sqrt never sees 0.
        Tensor zero = variance.equal(0.0);
        Tensor root = Tensor.where(zero, variance.onesLike(), variance).sqrt();
        return Tensor.where(zero, variance.zerosLike(), root);
    }

    static Tensor norm(Tensor x, double p, int[] axes, boolean keepDims) {
        checkArgument(x.dtype().isFloatingPoint(),
                "norm: needs a float32 or float64 tensor, got %s; cast first", x.dtype());
        checkArgument(p >= 1, "norm: p must be at least 1 or +Infinity, got %s", p);
        ImmutableIntArray normalized = normalizeAxes(x.shape(), axes, "norm");
        int[] reduced = normalized.toArray();
        boolean empty = false;
        for (int axis : reduced) {
            empty |= x.shape().dim(axis) == 0;
        }
        if (p == 1 || empty) {
            return x.abs().sum(reduced, keepDims); // the norm of no elements is 0
        }
        if (p == Double.POSITIVE_INFINITY) {
            return x.abs().max(reduced, keepDims);
        }
        // Scaled by m = max |x| (without a graph: the result does not depend on it), so powers
        // neither overflow nor underflow.
        Tensor largest = x.stopGradient().abs().max(reduced, true);
        Tensor usable = largest.greater(0.0).mul(largest.less(Double.POSITIVE_INFINITY));
        Tensor scale = Tensor.where(usable, largest, largest.onesLike());
        Tensor scaled = x.div(scale);
        Tensor powers = p == 2 ? scaled.square() : scaled.abs().pow(p);
        Tensor total = powers.sum(reduced, true);
        Tensor zero = total.equal(0.0);
        Tensor safe = Tensor.where(zero, total.onesLike(), total);
        Tensor root = p == 2 ? safe.sqrt() : safe.pow(1 / p);
        Tensor result = Tensor.where(zero, total.zerosLike(), root.mul(scale));
        return keepDims ? result
                : result.reshape(Primitives.reducedShape("norm", x.shape(), normalized, false));
    }

    static Tensor any(Tensor x, int[] axes, boolean keepDims) {
        normalizeAxes(x.shape(), axes, "any");
        return x.notEqual(0.0).sum(axes, keepDims).greater(0.0);
    }

    static Tensor all(Tensor x, int[] axes, boolean keepDims) {
        normalizeAxes(x.shape(), axes, "all");
        return x.equal(0.0).sum(axes, keepDims).equal(0.0);
    }

    static Tensor scan(Tensor x, int axis, boolean product) {
        String op = product ? "cumprod" : "cumsum";
        if (x.rank() == 0) {
            checkArgument(axis == 0 || axis == -1,
                    "%s: axis %s out of range for a scalar (0 or -1, as PyTorch)", op, axis);
            return x;
        }
        int a = x.shape().axis(axis, op);
        return Tensor.apply(product ? new Cumprod(a, false) : new Cumsum(a, false), x);
    }

    static Tensor argExtremum(Tensor x, int axis, boolean largest) {
        String op = largest ? "argmax" : "argmin";
        Shape shape = x.shape();
        int a = shape.axis(axis, op);
        checkArgument(shape.dim(a) > 0, "%s: axis %s of shape %s is empty", op, axis, shape);
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
                    // NaN counts as the extreme, as in NumPy, so argmax agrees with max.
                    boolean better = largest ? v > bestValue : v < bestValue;
                    if (better || Double.isNaN(v) && !Double.isNaN(bestValue)) {
                        best = k;
                        bestValue = v;
                    }
                }
                out[o * inner + in] = best;
            }
        }
        return Kernels.result(
                Primitives.reducedShape(op, shape, ImmutableIntArray.of(a), false),
                DType.INT32, out).withCut(Cut.after(op, x));
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
