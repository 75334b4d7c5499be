package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Elementwise sum of two tensors of equal shape, {@code y = a + b}. {@link Tensor#add(Tensor)}
 * broadcasts first.
 *
 * <p>VJP: {@code da = cotangent, db = cotangent} (linearity).
 */
public record Add() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.sameShapes("add", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.zip(inputs.get(0), inputs.get(1), Double::sum);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(cotangent, cotangent);
    }
}
