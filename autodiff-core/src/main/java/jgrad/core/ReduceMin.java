package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Minimum over {@code axes}, which the output drops. NaN propagates. Reducing an axis of size 0
 * is an error: min has no identity element. All dtypes.
 *
 * <p>A primitive rather than {@code -max(-x)}: that composite is three passes, and negation
 * wraps the most negative integer ({@code -(-2^31) = -2^31}), which would make the int32 minimum
 * of {@code [-2^31, 0]} come out as 0.
 *
 * <p>VJP: the cotangent is shared equally among the elements equal to the minimum: {@code dx =
 * where(x == y, cotangent / count, 0)} with {@code count} the number of ties, the rule of {@link
 * ReduceMax} (PyTorch's {@code amin}); where the minimum is NaN, the NaN elements share it.
 *
 * @param axes the reduced axes, sorted, distinct, non-negative
 */
public record ReduceMin(ImmutableIntArray axes) implements Primitive {
    public ReduceMin {
        axes = Primitives.checkAxes(axes);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape shape = inputShapes.get(0);
        for (int i = 0; i < axes.length(); i++) {
            checkArgument(shape.dim(axes.get(i)) > 0,
                    "min: cannot reduce axis %s of size 0 in shape %s (min has no identity)",
                    axes.get(i), shape);
        }
        return Primitives.reducedShape("min", shape, axes, false);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.reduceMin(x, axes.toArray(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(ReduceMax.shareAmongTies(
                cotangent, inputs.get(0), output, axes, "min"));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }

    /** Its cotangents are zero where an input took no part: strong zeros. */
    @Override
    public boolean selectsCotangents() {
        return true;
    }
}
