package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import jgrad.core.kernels.BinaryOp;

/**
 * Elementwise power, {@code y = a^b} ({@link Math#pow}, so {@code
 * 0^0 = 1}, {@code 0^b = +Inf} for {@code b < 0}, NaN for {@code a < 0} with non-integer {@code
 * b}), broadcast (NumPy rules) in place. Shapes: broadcast of both.
 *
 * <p>A primitive rather than the composite {@code exp(b * ln a)}, which is NaN for every negative
 * base and loses precision; it also lets the rule state the conventions at {@code a = 0}.
 *
 * <p>VJP (power rule and {@code d(a^b)/db = a^b ln a}), with strong zeros:
 * <ul>
 *   <li>{@code da = cotangent * b * a^(b - 1)}, except {@code 0} where {@code b == 0} ({@code a^0}
 *       is constant). At {@code a = 0} this gives 0 for {@code b > 1}, 1 for {@code b == 1} and
 *       {@code +Inf} for {@code 0 < b < 1}, as in PyTorch.
 *   <li>{@code db = cotangent * y * ln a}, except {@code 0} where {@code a == 0} and {@code b >=
 *       0}: the limit of {@code a^b ln a} as {@code a -> 0+} (PyTorch issue #27134 reported NaN).
 *       For {@code a < 0} it is NaN, since {@code ln a} is.
 * </ul>
 * Both are written with {@code Tensor} operations, {@code pow} included, so they can be
 * differentiated again away from {@code a = 0}. An untraced input (a constant exponent) gets a
 * zero entry without computing the rule.
 */
public record Pow() implements Primitive {
    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Primitives.broadcastShapes("pow", inputShapes);
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.binary(BinaryOp.POW, inputs.get(0), inputs.get(1),
                outputShape(List.of(inputs.get(0).shape(), inputs.get(1).shape())));
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        Tensor a = inputs.get(0);
        Tensor b = inputs.get(1);
        Tensor zero = Tensor.full(0.0, output.shape(), output.dtype());
        Tensor da = Cotangents.UNUSED;
        if (a.isTraced()) {
            Tensor derivative = Tensor.where(b.equal(0.0), zero, b.mul(a.pow(b.sub(1.0))));
            da = Cotangents.times(cotangent, derivative).sumTo(a.shape());
        }
        Tensor db = Cotangents.UNUSED;
        if (b.isTraced()) {
            Tensor zeroBase = a.equal(0.0).mul(b.less(0.0).neg().add(1.0));
            Tensor derivative = Tensor.where(zeroBase, zero, output.mul(a.log()));
            db = Cotangents.times(cotangent, derivative).sumTo(b.shape());
        }
        return ImmutableList.of(da, db);
    }
}
