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
