package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise comparison mask, {@code y = a < b ? 1 : 0}, of equal shapes; {@code 0} where either
 * is NaN. The output is never traced.
 *
 * <p>VJP: zero for both inputs (the mask is piecewise constant).
 */
public record Less() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.sameShapes("less", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.zip(inputs.get(0), inputs.get(1), (a, b) -> a < b ? 1.0 : 0.0);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.zerosLike(), cotangent.zerosLike());
    }

    @Override
    public boolean isDifferentiable() {
        return false;
    }
}
