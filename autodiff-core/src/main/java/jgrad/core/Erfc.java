package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.ErrorFunction;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise complementary error function, {@code y = erfc(x) = 1 - erf(x)}, in {@code [0, 2]}.
 * Shapes: same as {@code x}.
 *
 * <p>A primitive for numerical stability: where erf is near 1 the composite {@code 1 - erf(x)}
 * cancels ({@code erfc(10) = 2.088e-45}, where {@code 1 - erf(10)} is 0); the exact GELU uses it
 * for its left tail. The kernel is {@link ErrorFunction#erfc} (fdlibm's method), within 2.3
 * ulps relative.
 *
 * <p>VJP: {@code dx = -cotangent * 2 / sqrt(pi) * e^(-x^2)}, minus erf's derivative.
 */
public record Erfc() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.ERFC, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        return ImmutableList.of(Cotangents.times(cotangent,
                x.square().neg().exp().mul(-Erf.TWO_OVER_SQRT_PI)));
    }
}
