package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise {@code y = ln(1 + x)}; {@code -Inf} at {@code x = -1}, NaN below (IEEE 754). Shapes:
 * same as {@code x}.
 *
 * <p>A primitive for numerical stability: for small {@code |x|} the composite {@code
 * log(add(x, 1))} rounds {@code 1 + x} first and loses the relative precision of {@code x} (at
 * {@code x = 2e-9} a relative error of about {@code 1e-8}); the kernel is {@link Math#log1p},
 * accurate to one ulp. Softplus is built on it.
 *
 * <p>VJP: {@code dx = cotangent / (1 + x)}, since (ln(1 + x))' = 1 / (1 + x); with strong zeros,
 * so a zero cotangent at {@code x = -1} gives 0, not NaN.
 */
public record Log1p() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.LOG1P, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, inputs.get(0).add(1.0).recip()));
    }

    /** (-1, inf). */
    @Override
    public Domain domain() {
        return Domain.greaterThan(-1);
    }
}
