package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise sine, {@code y = sin x}, {@code x} in radians. Shapes: same as {@code x}.
 *
 * <p>A primitive: sine is not a composition of the other primitives. The kernel is {@link
 * Math#sin} (within one ulp, with exact argument reduction); float32 is computed in float64 and
 * rounded once. {@code sin(+-Inf)} and {@code sin(NaN)} are NaN.
 *
 * <p>VJP: {@code dx = cotangent * cos x}, since sin' = cos.
 */
public record Sin() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.SIN, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, inputs.get(0).cos()));
    }
}
