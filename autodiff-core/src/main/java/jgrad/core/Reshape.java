package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The same elements in row-major order under another shape of equal size. Shapes: {@code x} ->
 * {@code shape}.
 *
 * <p>VJP: {@code dx = reshape(cotangent, x's shape)} (the inverse reshape).
 *
 * @param shape the target shape
 */
public record Reshape(Shape shape) implements Primitive {
    public Reshape {
        checkNotNull(shape, "shape");
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape input = inputShapes.get(0);
        checkArgument(input.size() == shape.size(),
                "reshape: cannot reshape %s (%s elements) to %s (%s elements)",
                input, input.size(), shape, shape.size());
        return shape;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return new Tensor(shape, inputs.get(0).dtype(), inputs.get(0).storage(), null);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.reshape(inputs.get(0).shape()));
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
