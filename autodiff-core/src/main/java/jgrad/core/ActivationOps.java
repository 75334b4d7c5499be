package jgrad.core;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The composite activations (softplus, leaky relu, ELU, GELU, SiLU, softsign) and the softmax
 * family: compositions of primitives with no vjp of their own (see the public methods on {@link
 * Tensor} for their contracts).
 */
final class ActivationOps {

    /** {@code 1 / sqrt(2)}, as PyTorch's {@code M_SQRT1_2}. */
    private static final double SQRT_HALF = 0.7071067811865476;
    /** {@code 2 sqrt(2 / pi)}: {@code 0.5 (1 + tanh(u)) = sigmoid(2 u)}. */
    private static final double TWO_SQRT_TWO_OVER_PI = 1.5957691216057308;

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

    static Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        ImmutableIntArray normalized = ReductionOps.normalizeAxes(x.shape(), axes, "logSumExp");
        int[] reduced = normalized.toArray();
        Tensor shift = maxShift(x, reduced, "logSumExp");
        Tensor result = x.sub(shift).exp().sum(reduced, true).log().add(shift);
        return keepDims ? result : result.reshape(
                Primitives.reducedShape("logSumExp", x.shape(), normalized, false));
    }

    /**
     * The constant that {@link Tensor#logSumExp} subtracts before {@code exp}: the max over
     * {@code axes} (normalised; kept), without a graph. An infinite max would give {@code inf -
     * inf = NaN}, so the shift is 0 there, which keeps {@code +-Inf} results; an empty reduction
     * has no max and needs no shift (its logSumExp is {@code log 0 = -Inf}, as in NumPy).
     */
    private static Tensor maxShift(Tensor x, int[] axes, String op) {
        Shape shape = x.shape();
        ImmutableIntArray normalized = ImmutableIntArray.copyOf(axes);
        for (int axis : axes) {
            if (shape.dim(axis) == 0) {
                return Tensor.full(0.0,
                        Primitives.reducedShape(op, shape, normalized, true), x.dtype());
            }
        }
        Tensor max = x.max(axes, true).stopGradient();
        return Tensor.where(max.abs().equal(Double.POSITIVE_INFINITY), max.zerosLike(), max);
    }

    static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Tensor.where(x.greater(0.0), x, x.mul(negativeSlope));
    }

    static Tensor elu(Tensor x, double alpha) {
        // expm1 only ever sees min(x, 0) (selected by `where`, so x = 0 keeps the gradient
        // alpha): for x > 709 expm1(x) would be inf in the unselected branch, which anomaly
        // detection reports as an operation making an infinity from finite inputs.
        Tensor positive = x.greater(0.0);
        Tensor negativePart = Tensor.where(positive, x.zerosLike(), x);
        return Tensor.where(positive, x, negativePart.expm1().mul(alpha));
    }

    static Tensor gelu(Tensor x) {
        return x.mul(x.mul(-SQRT_HALF).erfc()).mul(0.5);
    }

    static Tensor geluTanh(Tensor x) {
        Tensor inner = x.add(x.square().mul(x).mul(0.044715)).mul(TWO_SQRT_TWO_OVER_PI);
        return x.mul(inner.sigmoid());
    }

    static Tensor silu(Tensor x) {
        return x.mul(x.sigmoid());
    }

    static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1.0));
    }
}
