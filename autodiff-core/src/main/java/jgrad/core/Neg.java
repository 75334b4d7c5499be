package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.UnaryOp;

/**
 * Elementwise negation, {@code y = -x}. Shapes: {@code y} same as {@code x}.
 *
 * <p>VJP: {@code dx = -cotangent} (linearity).
 */
public record Neg() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return inputShapes.get(0);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.unary(UnaryOp.NEG, inputs.get(0));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent.neg());
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
