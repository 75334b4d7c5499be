package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/**
 * A fitted min-max scaling, {@code y = (x - min) / (max - min)} per column, mapping the training
 * data onto {@code [0, 1]}, or onto a chosen range {@code [low, high]} with {@code y = low + (x -
 * min) / (max - min) * (high - low)} (scikit-learn's {@code MinMaxScaler(feature_range)}).
 * Immutable; fit it on the training split only with {@link #fit} and {@link #apply} it to every
 * split, so validation and test data may fall outside the range; {@link #inverse} maps scaled
 * values back to the original units.
 *
 * <p>The tutorial's example: {@code [255, 128, 45, 0]} as one column scales to {@code [1.0,
 * 0.5019607843137255, 0.17647058823529413, 0.0]} ({@code x / 255}, correctly rounded).
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
 * @param min  the smallest training value of each column
 * @param max  the largest training value of each column
 * @param low  the value the training minimum maps to, 0 by default
 * @param high the value the training maximum maps to, 1 by default
 */
public record MinMax(Tensor min, Tensor max, double low, double high) {

    /**
     * Keeps the values of {@code min} and {@code max} without any autodiff graph.
     *
     * @throws IllegalArgumentException if they are not 1-D of equal shape and dtype, some {@code
     *     min > max} (naming the column), or not {@code low < high}, both finite
     */
    public MinMax {
        checkArgument(Double.isFinite(low) && Double.isFinite(high) && low < high,
                "minMax: the range must be finite with low < high, got [%s, %s]", low, high);
        checkNotNull(min, "min");
        checkNotNull(max, "max");
        checkArgument(min.rank() == 1 && min.shape().equals(max.shape()),
                "minMax: min and max must both be [numFeatures], got %s and %s",
                min.shape(), max.shape());
        checkArgument(min.dtype() == max.dtype(),
                "minMax: min and max dtypes differ: %s and %s", min.dtype(), max.dtype());
        double[] smallest = min.toArray();
        double[] largest = max.toArray();
        for (int j = 0; j < smallest.length; j++) {
            checkArgument(!(smallest[j] > largest[j]),
                    "minMax: column %s has min %s > max %s", j, smallest[j], largest[j]);
        }
        min = min.stopGradient();
        max = max.stopGradient();
    }

    /** A scaling onto {@code [0, 1]}; see {@link #MinMax(Tensor, Tensor, double, double)}. */
    public MinMax(Tensor min, Tensor max) {
        this(min, max, 0, 1);
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

    /**
     * Fits to {@code train} as {@link #fit(Tensor)} does, scaling onto {@code [low, high]}.
     *
     * @throws IllegalArgumentException if {@code train} is not 2-D or has no rows, or not {@code
     *     low < high}, both finite
     */
    public static MinMax fit(Tensor train, double low, double high) {
        MinMax unit = fit(train);
        return new MinMax(unit.min(), unit.max(), low, high);
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
     * Scales each column: {@code (x - min) / (max - min)}, with a zero range replaced by 1, then
     * onto {@code [low, high]} when that is not {@code [0, 1]}. Composite (differentiable in
     * {@code x}). Shapes: {@code x [..., numFeatures]} -> same; usually {@code [n, numFeatures]};
     * the dtype must be the fitted one.
     *
     * @throws IllegalArgumentException if the last axis of {@code x} is not {@code numFeatures},
     *     naming both shapes, or the dtypes differ
     */
    public Tensor apply(Tensor x) {
        Tensor unit = ColumnScaling.apply("minMax apply", x, min, max.sub(min));
        return isUnitRange() ? unit : unit.mul(high - low).add(low);
    }

    /**
     * Maps scaled values back to the original units: {@code x = min + (y - low) / (high - low)
     * * (max - min)}, inverting {@link #apply(Tensor)} up to rounding (a constant column maps back
     * to {@code min + y}, as apply mapped it with a range of 1). Composite. Shapes: {@code y [...,
     * numFeatures]} -> same.
     *
     * @throws IllegalArgumentException if the last axis of {@code y} is not {@code numFeatures},
     *     naming both shapes, or the dtypes differ
     */
    public Tensor inverse(Tensor y) {
        Tensor unit = isUnitRange() ? y : checkNotNull(y, "y").sub(low).div(high - low);
        return ColumnScaling.inverse("minMax inverse", unit, min, max.sub(min));
    }

    private boolean isUnitRange() {
        return low == 0 && high == 1;
    }

    /** The same samples with their features scaled by {@link #apply(Tensor)}. */
    public Dataset apply(Dataset data) {
        checkNotNull(data, "data");
        return data.withFeatures(apply(data.features()));
    }

    /** {@code MinMax[min=tensor([...]), max=tensor([...])]}, with the range if not [0, 1]. */
    @Override
    public String toString() {
        return "MinMax[min=" + min + ", max=" + max
                + (isUnitRange() ? "" : ", range=[" + low + ", " + high + "]") + "]";
    }
}
