package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise reciprocal, {@code y = 1 / x}; {@code 1 / 0 = +Inf} (IEEE 754). Shapes: same as
 * {@code x}.
 *
 * <p>VJP: {@code dx = -cotangent * y^2}, since (1/x)' = -1/x^2; reuses the output.
 */
public record Recip() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.RECIP, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, output.square().neg()));
    }

    /** the reals but 0. */
    @Override
    public Domain domain() {
        return Domain.REALS.excluding(0);
    }
}
