package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise negation, {@code y = -x}. Shapes: {@code y} same as {@code x}.
 *
 * <p>VJP: {@code dx = -cotangent} (linearity).
 */
public record Neg() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.map(inputs.get(0), v -> -v);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.neg());
    }
}
