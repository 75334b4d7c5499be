package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/**
 * The per-column map {@code (x - center) / scale} and its inverse, which {@link MinMax} and {@link
 * ZScore} share.
 */
final class ColumnScaling {

    private ColumnScaling() {}

    /**
     * {@code (x - center) / scale} column by column, with a zero scale replaced by 1 so constant
     * columns map to 0 rather than NaN (scikit-learn's convention). Composite.
     *
     * @param transform the transform's name, for error messages
     * @throws IllegalArgumentException if the last axis of {@code x} is not the fitted width, or
     *     the dtypes differ
     */
    static Tensor apply(String transform, Tensor x, Tensor center, Tensor scale) {
        check(transform, x, center);
        return x.sub(center).div(safe(scale));
    }

    /**
     * {@code y * scale + center} column by column, with a zero scale replaced by 1: the inverse
     * of {@link #apply}. Composite.
     *
     * @throws IllegalArgumentException as {@link #apply}
     */
    static Tensor inverse(String transform, Tensor y, Tensor center, Tensor scale) {
        check(transform, y, center);
        return y.mul(safe(scale)).add(center);
    }

    private static Tensor safe(Tensor scale) {
        return Tensor.where(scale.equal(0.0), scale.onesLike(), scale);
    }

    private static void check(String transform, Tensor x, Tensor center) {
        checkNotNull(x, "x");
        int numFeatures = center.shape().dim(0);
        checkArgument(x.rank() >= 1 && x.shape().dim(-1) == numFeatures,
                "%s: x must be [n, %s] to match the fitted shape %s, got %s",
                transform, numFeatures, center.shape(), x.shape());
        checkArgument(x.dtype() == center.dtype(),
                "%s: x has dtype %s but the transform was fitted on %s",
                transform, x.dtype(), center.dtype());
    }
}
