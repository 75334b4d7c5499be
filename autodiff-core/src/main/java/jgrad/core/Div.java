package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise quotient, {@code y = a / b} (IEEE 754 division), broadcast (NumPy rules) in place.
 * Shapes: broadcast of both.
 *
 * <p>A primitive for accuracy: the composite {@code a * (1 / b)} rounds twice, so a column's
 * maximum divided by itself could come out as {@code 0.9999999999999999}; one division is
 * correctly rounded, as NumPy's is.
 *
 * <p>VJP: {@code da = sumTo(cotangent / b), db = sumTo(-cotangent * y / b)} (quotient rule), to
 * each input's shape, with strong zeros.
 */
public record Div() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("div", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.DIV, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced()
                        ? Cotangents.times(cotangent, b.recip()).sumTo(a.shape())
                        : Cotangents.UNUSED,
                b.isTraced()
                        ? Cotangents.times(cotangent, output.div(b).neg()).sumTo(b.shape())
                        : Cotangents.UNUSED);
    }
}
