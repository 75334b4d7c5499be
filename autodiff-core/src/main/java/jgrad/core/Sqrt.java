package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise square root, {@code y = sqrt(x)}. Shapes: same as {@code x}.
 *
 * <p>VJP: {@code dx = cotangent * 0.5 / y}, since sqrt' x = 1 / (2 sqrt x); reuses the output.
 * At {@code x = 0} the derivative is {@code +Inf}, as in PyTorch.
 */
public record Sqrt() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.SQRT, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, output.recip().mul(0.5)));
    }

    /** [0, inf); sqrt'(0) = +inf. */
    @Override
    public Domain domain() {
        return Domain.atLeast(0);
    }
}
