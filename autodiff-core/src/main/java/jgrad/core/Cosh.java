package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise hyperbolic cosine, {@code y = cosh x = (e^x + e^-x) / 2}. Shapes: same as {@code
 * x}.
 *
 * <p>A primitive for accuracy: the kernel is {@link Math#cosh} (within 2.5 ulps, finite up to
 * {@code |x| = 710.47}), and the rule is {@code sinh}, accurate near 0, where the derivative of
 * the composite {@code (e^x + e^-x) / 2} cancels (at {@code x = -1e-8} it is {@code 6e-9} off
 * relative).
 *
 * <p>VJP: {@code dx = cotangent * sinh x}.
 */
public record Cosh() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.COSH, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, inputs.get(0).sinh()));
    }
}
