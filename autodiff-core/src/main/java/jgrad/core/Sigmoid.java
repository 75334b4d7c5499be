package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise logistic sigmoid, {@code y = 1 / (1 + e^-x)}. Shapes: same as {@code x}.
 *
 * <p>A primitive for numerical stability: the kernel evaluates {@code e^x / (1 + e^x)} for
 * negative {@code x}, so it neither overflows nor loses relative precision in the left tail, which
 * a composite of {@link Exp} and {@link Recip} would (and its backward would meet {@code 0 * Inf}).
 *
 * <p>VJP: {@code dx = cotangent * y * (1 - y)}, since sigma' = sigma (1 - sigma); reuses the
 * output.
 */
public record Sigmoid() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.SIGMOID, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.mul(output.mul(output.neg().add(1.0))));
    }

}
