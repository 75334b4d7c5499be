package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise sum, {@code y = a + b}, broadcast (NumPy rules) in place. Shapes: broadcast of both.
 *
 * <p>VJP: {@code da = sumTo(cotangent, a's shape), db = sumTo(cotangent, b's shape)} (linearity;
 * a broadcast operand's cotangent is summed over its copies).
 */
public record Add() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("add", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.ADD, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        return ImmutableList.of(
                a.isTraced() ? cotangent.sumTo(a.shape()) : Cotangents.UNUSED,
                b.isTraced() ? cotangent.sumTo(b.shape()) : Cotangents.UNUSED);
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
