package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Copies {@code x} to {@code shape} by NumPy broadcasting: dimensions of size 1 repeat, missing
 * leading dimensions are added. Shapes: {@code x} broadcastable to {@code shape} -> {@code shape}.
 *
 * <p>VJP: {@code dx = sumTo(cotangent, x's shape)}: a broadcast element is read once per copy,
 * so its cotangent is the sum over the copies.
 *
 * @param shape the target shape
 */
public record BroadcastTo(Shape shape) implements Primitive {
    public BroadcastTo {
        checkNotNull(shape, "shape");
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape input = inputShapes.get(0);
        checkArgument(input.broadcastsTo(shape),
                "broadcastTo: shape %s does not broadcast to %s", input, shape);
        return shape;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.broadcastTo(inputs.get(0), shape);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.sumTo(inputs.get(0).shape()));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
