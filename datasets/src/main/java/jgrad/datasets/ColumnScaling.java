package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/** The per-column map {@code (x - center) / scale} that {@link MinMax} and {@link ZScore} share. */
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
        checkNotNull(x, "x");
        int numFeatures = center.shape().dim(0);
        checkArgument(x.rank() >= 1 && x.shape().dim(-1) == numFeatures,
                "%s apply: x must be [n, %s] to match the fitted shape %s, got %s",
                transform, numFeatures, center.shape(), x.shape());
        checkArgument(x.dtype() == center.dtype(),
                "%s apply: x has dtype %s but the transform was fitted on %s",
                transform, x.dtype(), center.dtype());
        Tensor safeScale = Tensor.where(scale.equal(0.0), scale.onesLike(), scale);
        return x.sub(center).div(safeScale);
    }
}
