package jgrad.core;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The composite activations and softmax family: compositions of primitives with no vjp of their
 * own (see the public methods on {@link Tensor} for their contracts).
 */
final class ActivationOps {

    private ActivationOps() {}

    static Tensor softplus(Tensor x) {
        Tensor positive = x.greater(0.0);
        return Tensor.where(positive, x.add(x.neg().exp().log1p()), x.exp().log1p());
    }

    static Tensor relu(Tensor x) {
        // Two masks rather than one so that relu(NaN) is NaN and relu'(0) = 0: positive values
        // pass with gradient 1; zero and NaN pass as constants; negatives become 0.
        Tensor zero = x.zerosLike();
        return Tensor.where(x.less(0.0), zero,
                Tensor.where(x.greater(0.0), x, x.stopGradient()));
    }

    static Tensor abs(Tensor x) {
        // Adding 0 turns the -0.0 that -0.0 * 0 gives into +0.0, as NumPy's abs returns.
        return x.mul(x.greater(0.0).sub(x.less(0.0))).add(0.0);
    }

    static Tensor logSoftmax(Tensor x, int axis, String op) {
        Tensor shifted = x.sub(maxShift(x, axis, op));
        return shifted.sub(shifted.exp().sum(axis, true).log());
    }

    static Tensor logSumExp(Tensor x, int axis, boolean keepDims) {
        Tensor shift = maxShift(x, axis, "logSumExp");
        Tensor result = x.sub(shift).exp().sum(axis, true).log().add(shift);
        return keepDims ? result : result.reshape(Primitives.reducedShape("logSumExp",
                x.shape(), ImmutableIntArray.of(x.shape().axis(axis, "logSumExp")), false));
    }

    /**
     * The constant that {@link Tensor#logSumExp} and {@link Tensor#logSoftmax} subtract before
     * {@code exp}: the max along {@code axis} (kept), without a graph. An infinite max would give
     * {@code inf - inf = NaN}, so the shift is 0 there, which keeps {@code +-Inf} results; an
     * empty axis has no max and needs no shift (its logSumExp is {@code log 0 = -Inf}, as in
     * NumPy).
     */
    private static Tensor maxShift(Tensor x, int axis, String op) {
        Shape shape = x.shape();
        int a = shape.axis(axis, op);
        if (shape.dim(a) == 0) {
            return Tensor.full(0.0,
                    Primitives.reducedShape(op, shape, ImmutableIntArray.of(a), true), x.dtype());
        }
        Tensor max = x.max(axis, true).stopGradient();
        return Tensor.where(max.abs().equal(Double.POSITIVE_INFINITY), max.zerosLike(), max);
    }
}
