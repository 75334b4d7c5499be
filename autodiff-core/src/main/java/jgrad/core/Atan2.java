package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise four-quadrant arctangent, {@code y = atan2(a, b)}: the angle in {@code [-pi, pi]}
 * of the point {@code (b, a)} (NumPy's {@code arctan2(a, b)}, PyTorch's {@code atan2(input,
 * other)}), broadcast (NumPy rules) in place. Shapes: broadcast of both. The signs of zeros pick
 * the quadrant: {@code atan2(0, -0) = pi}, {@code atan2(-0, -0) = -pi} ({@link Math#atan2}).
 *
 * <p>A primitive: {@code atan(a / b)} loses the quadrant and overflows; with this one atan, asin
 * and acos are accurate composites. The kernel is {@link Math#atan2} (within two ulps).
 *
 * <p>VJP: {@code da = cotangent * b / (a^2 + b^2)}, {@code db = -cotangent * a / (a^2 + b^2)},
 * summed to each input's shape, with strong zeros. At {@code a = b = 0} both are {@code 0 / 0 =
 * NaN}, as in PyTorch; the squares overflow above {@code 1e154} (where the true derivative is
 * below {@code 1e-154}) and underflow below {@code 1e-154} (NaN there).
 */
public record Atan2() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("atan2", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.ATAN2, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        Tensor radius = a.square().add(b.square());
        return ImmutableList.of(
                a.isTraced()
                        ? Cotangents.times(cotangent, b.div(radius)).sumTo(a.shape())
                        : Cotangents.UNUSED,
                b.isTraced()
                        ? Cotangents.times(cotangent, a.neg().div(radius)).sumTo(b.shape())
                        : Cotangents.UNUSED);
    }
}
