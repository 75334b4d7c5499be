package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/**
 * A regression data set: one row of features and one row of real-valued targets per sample.
 * Immutable. Shapes: {@code features [n, numFeatures]}, {@code targets [n, numTargets]}, both of
 * a float dtype.
 *
 * @param features the inputs, one sample per row
 * @param targets  the values to predict, one sample per row
 */
public record RegressionData(Tensor features, Tensor targets) {

    /**
     * @throws IllegalArgumentException if either is not 2-D or not of a float dtype, or the row
     *     counts differ
     */
    public RegressionData {
        checkNotNull(features, "features");
        checkNotNull(targets, "targets");
        checkArgument(features.rank() == 2 && targets.rank() == 2,
                "regression data: features and targets must be [n, d], got %s and %s",
                features.shape(), targets.shape());
        checkArgument(features.dtype().isFloatingPoint() && targets.dtype().isFloatingPoint(),
                "regression data: features and targets must be float, got %s and %s",
                features.dtype(), targets.dtype());
        checkArgument(features.shape().dim(0) == targets.shape().dim(0),
                "regression data: %s feature rows but %s target rows",
                features.shape().dim(0), targets.shape().dim(0));
    }

    /** The number of samples. */
    public int size() {
        return features.shape().dim(0);
    }

    /** {@code RegressionData[100 samples x 1 features -> 1 targets]}. */
    @Override
    public String toString() {
        return "RegressionData[" + size() + " samples x " + features.shape().dim(1)
                + " features -> " + targets.shape().dim(1) + " targets]";
    }
}
