package jgrad.core;

/**
 * The composite elementwise math: sign, reciprocal square root, tangent and arctangent (built on
 * {@link Sin}, {@link Cos} and {@link Atan2}), clamping, and the comparison and logical masks
 * built on {@link Less} and {@link Equal}. See the
 * public methods on {@link Tensor} for their contracts.
 */
final class MathOps {

    private MathOps() {}

    static Tensor sign(Tensor x) {
        Tensor plain = x.stopGradient();
        Tensor sign = plain.greater(0.0).sub(plain.less(0.0));
        return x.dtype().isInteger() ? sign : Tensor.where(isNaN(plain), plain, sign);
    }

    static Tensor rsqrt(Tensor x) {
        return x.sqrt().recip();
    }

    static Tensor tan(Tensor x) {
        return x.sin().div(x.cos());
    }

    static Tensor atan(Tensor x) {
        return x.atan2(Tensor.scalar(1.0, x.dtype()));
    }

    /**
     * {@code min(max(x, low), high)} with PyTorch's gradient routing; {@code low} or {@code high}
     * may be null (no bound on that side). All three are broadcast together.
     */
    static Tensor clamp(Tensor x, Tensor low, Tensor high) {
        Tensor plain = x.stopGradient();
        Tensor value = plain;
        if (low != null) {
            value = value.maximum(low.stopGradient());
        }
        if (high != null) {
            value = value.minimum(high.stopGradient());
        }
        // Where the value is NaN (x or a bound is), it is taken as it is, with no gradient.
        Tensor valid = value.equal(value);
        Tensor result = value;
        if (low != null && low.isTraced()) {
            Tensor below = valid.mul(plain.less(low));
            if (high != null) {
                below = below.mul(low.less(high));
            }
            result = Tensor.where(below, low, result);
        }
        if (high != null && high.isTraced()) {
            Tensor above = plain.greater(high);
            if (low != null) {
                above = above.logicalOr(high.less(low));
            }
            result = Tensor.where(valid.mul(above), high, result);
        }
        if (!x.isTraced()) {
            return result;
        }
        Tensor inside = valid;
        if (low != null) {
            inside = inside.mul(plain.greaterEqual(low));
        }
        if (high != null) {
            inside = inside.mul(plain.lessEqual(high));
        }
        return Tensor.where(inside, x, result);
    }

    static Tensor hardTanh(Tensor x, double min, double max) {
        Tensor plain = x.stopGradient();
        Tensor low = Tensor.scalar(min, x.dtype());
        Tensor high = Tensor.scalar(max, x.dtype());
        Tensor value = plain.maximum(low).minimum(high);
        // PyTorch's mask: !(x <= min) && !(x >= max), so NaN passes the gradient and keeps NaN.
        Tensor inside = plain.lessEqual(low).logicalOr(plain.greaterEqual(high)).logicalNot();
        return Tensor.where(inside, x, value);
    }

    static Tensor lessEqual(Tensor a, Tensor b) {
        return a.less(b).add(a.equal(b));
    }

    static Tensor greaterEqual(Tensor a, Tensor b) {
        return a.greater(b).add(a.equal(b));
    }

    /** The comparisons of a tensor with a scalar. */
    enum Comparison { LESS, GREATER, EQUAL, LESS_EQUAL, GREATER_EQUAL, NOT_EQUAL }

    /**
     * Whether {@code value} compares with a tensor of {@code dtype} as a scalar of that dtype:
     * always for a float dtype; for an integer dtype when it is a whole number in its range.
     */
    static boolean holdsExactly(DType dtype, double value) {
        double limit = dtype == DType.INT32 ? 0x1p31 : 0x1p63;
        return dtype.isFloatingPoint()
                || value == Math.rint(value) && -limit <= value && value < limit;
    }

    /**
     * The mask {@code x op value} for an integer {@code x} and a {@code value} its dtype does not
     * hold (not whole, out of its range, or NaN), exact as the comparison of the real numbers
     * (PyTorch promotes to a float dtype instead, which rounds int64 above 2^53): {@code x > 1.5}
     * is {@code x > 1}, {@code x >= 1.5} is {@code x > 1}, {@code x < 1.5} and {@code x <= 1.5}
     * are {@code x < 2}; no integer equals such a value; NaN compares false (not equal is 1).
     * A 0/1 mask of {@code x}'s dtype, never traced.
     */
    static Tensor compareWithInexactScalar(Tensor x, Comparison op, double value) {
        Tensor plain = x.stopGradient();
        double limit = x.dtype() == DType.INT32 ? 0x1p31 : 0x1p63;
        if (Double.isNaN(value) || op == Comparison.EQUAL || op == Comparison.NOT_EQUAL) {
            return op == Comparison.NOT_EQUAL ? plain.onesLike() : plain.zerosLike();
        }
        if (op == Comparison.GREATER || op == Comparison.GREATER_EQUAL) {
            double below = Math.floor(value);
            return below >= limit ? plain.zerosLike()
                    : below < -limit ? plain.onesLike()
                    : plain.greater(below);
        }
        double above = Math.ceil(value);
        return above >= limit ? plain.onesLike()
                : above < -limit ? plain.zerosLike()
                : plain.less(above);
    }

    static Tensor notEqual(Tensor a, Tensor b) {
        return a.equal(b).neg().add(1.0);
    }

    static Tensor logicalAnd(Tensor a, Tensor b) {
        return a.notEqual(0.0).mul(b.notEqual(0.0));
    }

    static Tensor logicalOr(Tensor a, Tensor b) {
        return a.equal(0.0).mul(b.equal(0.0)).neg().add(1.0);
    }

    static Tensor isNaN(Tensor x) {
        Tensor plain = x.stopGradient();
        return notEqual(plain, plain);
    }

    static Tensor isFinite(Tensor x) {
        Tensor plain = x.stopGradient();
        return plain.sub(plain).equal(0.0);
    }
}
