package jgrad.core;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Product over {@code axes}, which the output drops; the product of no elements is 1. All dtypes
 * (int32 products that do not fit are refused, int64 wraps).
 *
 * <p>A primitive for speed (one pass; {@code exp(sum(log x))} would be NaN for negative elements)
 * and for a vjp that is right where {@code x} has zeros.
 *
 * <p>VJP: {@code dx_i = cotangent * prod_{j != i} x_j} over {@code i}'s group. Without zeros in
 * {@code x} this is {@code cotangent * y / x}. With zeros the division is {@code 0 / 0}
 * (apache/mxnet issue #17864), so the product of the others is formed as {@code
 * exclusiveCumprod(x) * reverseExclusiveCumprod(x)} along the reduced elements laid out on one
 * axis, as PyTorch's {@code prod_safe_zeros_backward} does: one zero gets the product of the rest
 * and every other element 0; two or more zeros give 0 everywhere. Built on {@link Cumprod}, whose
 * vjp is right at zeros, so second derivatives at zeros are right too.
 *
 * @param axes the reduced axes, sorted, distinct, non-negative
 */
public record ReduceProd(ImmutableIntArray axes) implements Primitive {
    public ReduceProd {
        axes = Primitives.checkAxes(axes);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.reducedShape("prod", inputShapes.get(0), axes, false);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.reduceProd(x, axes.toArray(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        Shape kept = Primitives.reducedShape("prod", x.shape(), axes, true);
        Tensor spread = cotangent.reshape(kept);
        if (!Kernels.containsZero(x)) {
            return ImmutableList.of(Cotangents.times(spread, output.reshape(kept).div(x)));
        }
        return ImmutableList.of(spread.mul(productOfOthers(x)));
    }

    /** {@code prod_{j != i} x_j} over each element's group, for every element {@code i}. */
    private Tensor productOfOthers(Tensor x) {
        int rank = x.rank();
        boolean[] reduced = new boolean[rank];
        for (int i = 0; i < axes.length(); i++) {
            reduced[axes.get(i)] = true;
        }
        // Kept axes first, then the reduced ones, flattened into one last axis of n elements.
        int[] order = new int[rank];
        int[] flat = new int[rank - axes.length() + 1];
        int next = 0;
        int n = 1;
        for (int d = 0; d < rank; d++) {
            if (!reduced[d]) {
                flat[next] = x.shape().dim(d);
                order[next++] = d;
            }
        }
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                n *= x.shape().dim(d);
                order[next++] = d;
            }
        }
        flat[flat.length - 1] = n;
        Tensor moved = x.permute(order);
        Tensor rows = moved.reshape(flat);
        Tensor others = exclusiveCumprod(rows, false).mul(exclusiveCumprod(rows, true));
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) {
            inverse[order[i]] = i;
        }
        return others.reshape(moved.shape()).permute(inverse);
    }

    /**
     * The products of the elements strictly before each one along the last axis ({@code 1, x_0,
     * x_0 x_1, ...}), or strictly after it when {@code reverse}: a running product of the
     * elements shifted by one, with 1 shifted in.
     */
    private static Tensor exclusiveCumprod(Tensor rows, boolean reverse) {
        int last = rows.rank() - 1;
        int n = rows.shape().dim(last);
        int[] low = new int[rows.rank()];
        int[] high = new int[rows.rank()];
        (reverse ? high : low)[last] = 1;
        Tensor kept = reverse ? rows.slice(last, 1, n, 1) : rows.slice(last, 0, n - 1, 1);
        Tensor shifted = Tensor.apply(new Pad(ImmutableIntArray.copyOf(low),
                ImmutableIntArray.copyOf(high), ImmutableIntArray.copyOf(new int[rows.rank()])),
                kept);
        double[] unit = new double[n];
        unit[reverse ? n - 1 : 0] = 1.0;
        shifted = shifted.add(Tensor.of(unit, Shape.of(n), rows.dtype()));
        return Tensor.apply(new Cumprod(last, reverse), shifted);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
