package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * Running products along {@code axis}: {@code y[..., k, ...] = x[..., 0, ...] * ... * x[..., k,
 * ...]}, or from the end when {@code reverse}. Shapes: same as {@code x}; an empty axis gives an
 * empty result. All dtypes (int32 results that do not fit are refused, int64 wraps).
 *
 * <p>A primitive for speed (one pass) and for a vjp that is right where {@code x} has zeros.
 *
 * <p>VJP: {@code dx_i = sum_{k >= i} cotangent_k * prod_{j <= k, j != i} x_j} (for the forward
 * direction; mirrored for {@code reverse}). Without zeros in {@code x} this is {@code
 * reverseCumsum(cotangent * y) / x}. With zeros, dividing by {@code x} gives {@code 0 / 0}
 * (TensorFlow issue #3862; the gradient of {@code sum(cumprod([0, 2, 3]))} is {@code [9, 0, 0]},
 * TensorFlow issue #119430), so each slice is split at its first zero {@code z}, as in PyTorch's
 * {@code cumprod_backward}:
 * <ul>
 *   <li>before {@code z}: the division formula, where every divisor is non-zero;
 *   <li>at {@code z}: {@code prod_{j < z} x_j * sum_{k >= z} cotangent_k * prod_{z < j <= k}
 *       x_j}, two running products with the zero left out;
 *   <li>after {@code z}: 0, since every term contains {@code x_z = 0}. When the rule is itself
 *       differentiated ({@code x} traced), this 0 is written as {@code x_z * dx'}, with {@code dx'}
 *       the same rule for {@code x} with {@code x_z} set to 1, so that second and higher
 *       derivatives at zeros are right; the recursion ends after as many levels as a slice has
 *       zeros ({@code O(n * zeros)} work, only when differentiating twice).
 * </ul>
 * Written with {@code Tensor} operations (running sums and products, masks, {@link Where}), so it
 * can be differentiated again.
 *
 * @param axis the scanned axis, non-negative (the public method normalises negative ones)
 * @param reverse whether the products run from the end of the axis
 */
public record Cumprod(int axis, boolean reverse) implements Primitive {
    public Cumprod {
        checkArgument(axis >= 0, "cumprod: axis must be non-negative here, got %s", axis);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape shape = inputShapes.get(0);
        checkArgument(axis < shape.rank(),
                "cumprod: axis %s out of range for shape %s", axis, shape);
        return shape;
    }

    @Override
    public Tensor forward(List<Tensor> inputs) {
        return Kernels.scan(inputs.get(0), axis, reverse, true);
    }

    @Override
    public ImmutableList<Tensor> vjp(Tensor cotangent, List<Tensor> inputs, Tensor output) {
        return ImmutableList.of(gradient(cotangent, inputs.get(0), output));
    }

    /** The vjp for input {@code x} with output {@code y}; see the class comment. */
    private Tensor gradient(Tensor cotangent, Tensor x, Tensor y) {
        Cumsum backwards = new Cumsum(axis, !reverse);
        if (!Kernels.containsZero(x)) {
            return Tensor.apply(backwards, cotangent.mul(y)).div(x);
        }
        Tensor one = x.onesLike();
        Tensor zero = x.zerosLike();
        Tensor isZero = x.equal(0.0);
        Tensor seen = Tensor.apply(new Cumsum(axis, reverse), isZero);
        Tensor before = seen.equal(0.0);
        Tensor first = isZero.mul(seen.equal(1.0));
        Tensor upToFirst = before.add(first);
        Tensor safe = Tensor.where(before, x, one);
        Tensor dx = Tensor.where(before,
                Tensor.apply(backwards, cotangent.mul(y)).div(safe), zero);
        Tensor leading = Tensor.apply(this, safe); // at z: prod_{j < z} x_j
        Tensor trailing = Tensor.apply(this, Tensor.where(upToFirst, one, x));
        Tensor atFirst = Tensor.where(before, zero, cotangent.mul(trailing)).sum(axis, true);
        dx = dx.add(Tensor.where(first, leading.mul(atFirst), zero));
        if (x.isTraced()) {
            Tensor withoutFirst = Tensor.where(first, one, x);
            Tensor rest = gradient(cotangent, withoutFirst, Tensor.apply(this, withoutFirst));
            Tensor firstZero = Tensor.where(first, x, zero).sum(axis, true);
            Tensor after = upToFirst.neg().add(1.0);
            dx = dx.add(Tensor.where(after, firstZero.mul(rest), zero));
        }
        return dx;
    }

    @Override
    public boolean acceptsIntegers() {
        return true;
    }
}
