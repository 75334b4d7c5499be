package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise {@code y = e^x - 1}. Shapes: same as {@code x}.
 *
 * <p>A primitive for numerical stability: the composite {@code exp(x) - 1} rounds {@code e^x}
 * near 1 first and cancels (at {@code x = 1e-10} it gives {@code 1.000000082740371e-10}, a
 * relative error of {@code 8e-8}, and 0 at {@code x = -1e-20}; case N22). The kernel is {@link
 * Math#expm1}, within one ulp; ELU is built on it.
 *
 * <p>VJP: {@code dx = cotangent * (y + 1)}, since (e^x - 1)' = e^x; reuses the output.
 */
public record Expm1() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.EXPM1, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, output.add(1.0)));
    }
}
