package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise hyperbolic tangent, {@code y = tanh(x)}. Shapes: same as {@code x}.
 *
 * <p>VJP: {@code dx = cotangent * (1 - y^2)}, since tanh' = 1 - tanh^2; reuses the output.
 */
public record Tanh() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.TANH, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.mul(output.square().neg().add(1.0)));
    }
}
