package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise cosine, {@code y = cos x}, {@code x} in radians. Shapes: same as {@code x}.
 *
 * <p>A primitive: cosine is not a composition of the other primitives ({@code sin(x + pi / 2)}
 * would round the argument). The kernel is {@link Math#cos} (within one ulp); float32 is computed
 * in float64 and rounded once. {@code cos(+-Inf)} and {@code cos(NaN)} are NaN.
 *
 * <p>VJP: {@code dx = -cotangent * sin x}, since cos' = -sin.
 */
public record Cos() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.COS, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(Cotangents.times(cotangent, inputs.get(0).sin().neg()));
    }
}
