package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.ErrorFunction;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise error function, {@code y = erf(x) = 2 / sqrt(pi) * integral_0^x e^(-t^2) dt}, in
 * {@code [-1, 1]}. Shapes: same as {@code x}.
 *
 * <p>A primitive: erf is not a composition of the others. Java has no erf; the kernel is {@link
 * ErrorFunction#erf}, fdlibm's rational approximations (Sun Microsystems, 1993), within one ulp.
 *
 * <p>VJP: {@code dx = cotangent * 2 / sqrt(pi) * e^(-x^2)}, the integrand (fundamental theorem of
 * calculus).
 */
public record Erf() implements Primitive {
    /** {@code 2 / sqrt(pi)}. */
    static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.ERF, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor x = inputs.get(0);
        return ImmutableList.of(Cotangents.times(cotangent,
                x.square().neg().exp().mul(TWO_OVER_SQRT_PI)));
    }
}
