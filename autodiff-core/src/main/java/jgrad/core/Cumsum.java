package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Running sums along {@code axis}: {@code y[..., k, ...] = x[..., 0, ...] + ... + x[..., k, ...]},
 * or from the end ({@code x[..., k, ...] + ... + x[..., n - 1, ...]}) when {@code reverse}.
 * Shapes: same as {@code x}; an empty axis gives an empty result. All dtypes (int32 results that
 * do not fit are refused, int64 wraps).
 *
 * <p>A primitive for speed: one pass, where a composite (a triangular matrix product) would take
 * {@code O(n^2)} per slice.
 *
 * <p>VJP: {@code dx = cumsum(cotangent)} in the opposite direction, since {@code dx_i = sum_{k >=
 * i} cotangent_k}: the transpose of a running sum is the running sum from the other end.
 *
 * @param axis the scanned axis, non-negative (the public method normalises negative ones)
 * @param reverse whether the sums run from the end of the axis
 */
public record Cumsum(int axis, boolean reverse) implements Primitive {
    public Cumsum {
        checkArgument(axis >= 0, "cumsum: axis must be non-negative here, got %s", axis);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape shape = inputShapes.get(0);
        checkArgument(axis < shape.rank(),
                "cumsum: axis %s out of range for shape %s", axis, shape);
        return shape;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.scan(inputs.get(0), axis, reverse, false);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Tensor.apply(new Cumsum(axis, !reverse), cotangent));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
