package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/**
 * A fitted min-max scaling, {@code y = (x - min) / (max - min)} per column, mapping the training
 * data onto {@code [0, 1]}. Immutable; fit it on the training split only with {@link #fit} and
 * {@link #apply} it to every split, so validation and test data may fall outside {@code [0, 1]}.
 *
 * <p>A constant column ({@code max == min}) is divided by 1 instead of 0, so on the training data
 * it becomes 0 and elsewhere {@code x - min}; no NaN, and other columns are unaffected. This is
 * scikit-learn's {@code MinMaxScaler} convention (failure case C15).
 *
 * <p>Numerics: {@link Tensor#div} is one correctly rounded IEEE 754 division, so a column's
 * maximum maps to exactly 1 and smaller {@code x - min} to smaller results: training outputs
 * always lie in {@code [0, 1]}.
 *
 * <p>Shapes: {@code min [numFeatures]}, {@code max [numFeatures]}, of one dtype. Tensor equality
 * is identity, so two fits on equal data are not {@code equals}; compare the tensors' contents.
 *
 * <pre>{@code
 * jshell> var scaler = MinMax.fit(Tensor.of(new double[][] {{5, 1, -2}, {5, 2, 0}, {5, 3, 6}}))
 * jshell> scaler.apply(Tensor.of(new double[][] {{5, 2, 0}}))
 * $2 ==> tensor([[  0.,  0.5, 0.25]], shape=[1, 3], dtype=float64)
 * }</pre>
 *
 * @param min the smallest training value of each column
 * @param max the largest training value of each column
 */
public record MinMax(Tensor min, Tensor max) {

    /**
     * Keeps the values of {@code min} and {@code max} without any autodiff graph.
     *
     * @throws IllegalArgumentException if they are not 1-D of equal shape and dtype, or some
     *     {@code min > max} (naming the column)
     */
    public MinMax {
        checkNotNull(min, "min");
        checkNotNull(max, "max");
        checkArgument(min.rank() == 1 && min.shape().equals(max.shape()),
                "minMax: min and max must both be [numFeatures], got %s and %s",
                min.shape(), max.shape());
        checkArgument(min.dtype() == max.dtype(),
                "minMax: min and max dtypes differ: %s and %s", min.dtype(), max.dtype());
        double[] low = min.toArray();
        double[] high = max.toArray();
        for (int j = 0; j < low.length; j++) {
            checkArgument(!(low[j] > high[j]),
                    "minMax: column %s has min %s > max %s", j, low[j], high[j]);
        }
        min = min.stopGradient();
        max = max.stopGradient();
    }

    /**
     * Fits to {@code train}: the column-wise minimum and maximum over the samples (axis 0). NaN in
     * a column makes its min and max NaN (NaN propagates, as in NumPy's {@code min}/{@code max}).
     * Shapes: {@code train [n, numFeatures]} with {@code n >= 1}; any dtype, kept.
     *
     * @throws IllegalArgumentException if {@code train} is not 2-D or has no rows
     */
    public static MinMax fit(Tensor train) {
        checkNotNull(train, "train");
        checkArgument(train.rank() == 2 && train.shape().dim(0) >= 1,
                "minMax fit: train must be [n, numFeatures] with n >= 1, got %s", train.shape());
        Tensor values = train.stopGradient();
        return new MinMax(values.neg().max(0, false).neg(), values.max(0, false));
    }

    /** Fits to the features of {@code train}; see {@link #fit(Tensor)}. */
    public static MinMax fit(Dataset train) {
        return fit(checkNotNull(train, "train").features());
    }

    /** The number of columns this scaling was fitted on. */
    public int numFeatures() {
        return min.shape().dim(0);
    }

    /**
     * Scales each column: {@code (x - min) / (max - min)}, with a zero range replaced by 1.
     * Composite (differentiable in {@code x}). Shapes: {@code x [..., numFeatures]} -> same;
     * usually {@code [n, numFeatures]}; the dtype must be the fitted one.
     *
     * @throws IllegalArgumentException if the last axis of {@code x} is not {@code numFeatures},
     *     naming both shapes, or the dtypes differ
     */
    public Tensor apply(Tensor x) {
        return ColumnScaling.apply("minMax", x, min, max.sub(min));
    }

    /** The same samples with their features scaled by {@link #apply(Tensor)}. */
    public Dataset apply(Dataset data) {
        checkNotNull(data, "data");
        return data.withFeatures(apply(data.features()));
    }

    /** {@code MinMax[min=tensor([...]), max=tensor([...])]}. */
    @Override
    public String toString() {
        return "MinMax[min=" + min + ", max=" + max + "]";
    }
}
