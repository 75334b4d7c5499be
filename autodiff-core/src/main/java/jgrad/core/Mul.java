package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise product, {@code y = a * b}, broadcast (NumPy rules) in place. Shapes: broadcast of
 * both.
 *
 * <p>VJP: {@code da = sumTo(cotangent * b, a's shape), db = sumTo(cotangent * a, b's shape)}
 * (product rule), with strong zeros.
 */
public record Mul() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("mul", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.MUL, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced() ? Cotangents.times(cotangent, b).sumTo(a.shape()) : Cotangents.UNUSED,
                b.isTraced() ? Cotangents.times(cotangent, a).sumTo(b.shape()) : Cotangents.UNUSED);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
