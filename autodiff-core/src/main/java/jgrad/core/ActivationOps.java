package jgrad.core;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The composite activations and softmax family: compositions of primitives with no vjp of their
 * own (see the public methods on {@link Tensor} for their contracts).
 */
final class ActivationOps {

    private ActivationOps() {}

    static Tensor softplus(Tensor x) {
        // relu(x) + log1p(e^-|x|), with the two pieces selected by `where` so the gradient at 0
        // is sigmoid(0) = 0.5 (the kinks of relu and |x| would give 0), and e^t is only ever
        // taken of t <= 0: no branch overflows, so anomaly detection stays quiet.
        Tensor positive = x.greater(0.0);
        Tensor negativeMagnitude = Tensor.where(positive, x.neg(), x);
        return Tensor.where(positive, x, x.zerosLike()).add(negativeMagnitude.exp().log1p());
    }

    static Tensor abs(Tensor x) {
        // Adding 0 turns the -0.0 that -0.0 * 0 gives into +0.0, as NumPy's abs returns.
        return x.mul(x.greater(0.0).sub(x.less(0.0))).add(0.0);
    }

    static Tensor logSoftmax(Tensor x, int axis, String op) {
        int a = x.shape().axis(axis, op);
        return Tensor.apply(new LogSoftmax(a), x);
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
