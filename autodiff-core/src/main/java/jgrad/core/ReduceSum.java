package jgrad.core;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;

/**
 * Sum over {@code axes}, which the output drops: {@code [2, 3, 4]} summed over {@code (1)} is
 * {@code [2, 4]}. The sum of zero elements is 0.
 *
 * <p>VJP: {@code dx = broadcastTo(reshape(cotangent, x's shape with axes set to 1), x's shape)}:
 * each input element contributes once to its sum.
 *
 * @param axes the reduced axes, sorted, distinct, non-negative
 */
public record ReduceSum(ImmutableIntArray axes) implements Primitive {
    public ReduceSum {
        axes = Primitives.checkAxes(axes);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.reducedShape("sum", inputShapes.get(0), axes, false);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        Tensor x = inputs.get(0);
        return Kernels.reduceSum(x, axes.toArray(), outputShape(List.of(x.shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Shape inputShape = inputs.get(0).shape();
        Shape kept = Primitives.reducedShape("sum", inputShape, axes, true);
        return ImmutableList.of(cotangent.reshape(kept).broadcastTo(inputShape));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
