package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/**
 * A fitted standardisation, {@code z = (x - mean) / std} per column: the training data gets mean
 * 0 and standard deviation 1 in every non-constant column. Immutable; fit it on the training
 * split only with {@link #fit} and {@link #apply} it to every split.
 *
 * <p>Conventions (failure case C16): the standard deviation divides by {@code n - ddof} with
 * {@code ddof = 0} by default, the population std of NumPy's {@code std} and scikit-learn's
 * {@code StandardScaler}; {@link #fit(Tensor, int)} with {@code ddof = 1} gives the sample std
 * (Bessel's correction), torch's default. A zero std is treated as 1, as scikit-learn does, so a
 * constant column becomes 0 and never NaN. A column is constant when its minimum equals its
 * maximum; its mean is then that value exactly and its std exactly 0, so rounding in the mean
 * cannot turn it into {@code ±1}.
 *
 * <p>Shapes: {@code mean [numFeatures]}, {@code std [numFeatures]} (the std actually estimated,
 * 0 for constant columns), of one dtype. Tensor equality is identity, so two fits on equal data
 * are not {@code equals}; compare the tensors' contents.
 *
 * <pre>{@code
 * jshell> var scaler = ZScore.fit(Tensor.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 8, 1))
 * jshell> scaler.std()
 * $2 ==> tensor([2.], dtype=float64)
 * jshell> ZScore.fit(Tensor.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 8, 1), 1).std()
 * $3 ==> tensor([2.1380899], dtype=float64)
 * }</pre>
 *
 * @param mean the training mean of each column
 * @param std  the training standard deviation of each column, {@code >= 0}
 */
public record ZScore(Tensor mean, Tensor std) {

    /**
     * Keeps the values of {@code mean} and {@code std} without any autodiff graph.
     *
     * @throws IllegalArgumentException if they are not 1-D of equal shape and dtype, or a std is
     *     negative (naming the column)
     */
    public ZScore {
        checkNotNull(mean, "mean");
        checkNotNull(std, "std");
        checkArgument(mean.rank() == 1 && mean.shape().equals(std.shape()),
                "zScore: mean and std must both be [numFeatures], got %s and %s",
                mean.shape(), std.shape());
        checkArgument(mean.dtype() == std.dtype(),
                "zScore: mean and std dtypes differ: %s and %s", mean.dtype(), std.dtype());
        double[] deviations = std.toArray();
        for (int j = 0; j < deviations.length; j++) {
            checkArgument(!(deviations[j] < 0),
                    "zScore: column %s has negative std %s", j, (Object) deviations[j]);
        }
        mean = mean.stopGradient();
        std = std.stopGradient();
    }

    /**
     * Fits to {@code train} with the population std ({@code ddof = 0}, NumPy's and scikit-learn's
     * default); see {@link #fit(Tensor, int)}.
     */
    public static ZScore fit(Tensor train) {
        return fit(train, 0);
    }

    /**
     * Fits to {@code train}: per column, {@code mean = sum(x) / n} and {@code std = sqrt(sum((x -
     * mean)^2) / (n - ddof))} over the samples (axis 0), computed in two passes as NumPy does.
     * NaN in a column propagates to its mean and std. Shapes: {@code train [n, numFeatures]}; any
     * dtype, kept.
     *
     * @param ddof the delta degrees of freedom: 0 for the population std, 1 for the sample std
     * @throws IllegalArgumentException if {@code train} is not 2-D, {@code ddof < 0}, or {@code n
     *     <= ddof} (the divisor would not be positive)
     */
    public static ZScore fit(Tensor train, int ddof) {
        checkNotNull(train, "train");
        checkArgument(train.rank() == 2,
                "zScore fit: train must be [n, numFeatures], got %s", train.shape());
        checkArgument(ddof >= 0, "zScore fit: ddof must be >= 0, got %s", ddof);
        int n = train.shape().dim(0);
        checkArgument(n > ddof,
                "zScore fit: need more samples than ddof, got n = %s and ddof = %s", n, ddof);
        Tensor values = train.stopGradient();
        Tensor max = values.max(0, false);
        Tensor constant = max.equal(values.neg().max(0, false).neg());
        Tensor mean = Tensor.where(constant, max, values.mean(0, false));
        Tensor variance = values.sub(mean).square().sum(0, false).div((double) (n - ddof));
        Tensor std = Tensor.where(constant, variance.zerosLike(), variance.sqrt());
        return new ZScore(mean, std);
    }

    /** Fits to the features of {@code train} with {@code ddof = 0}; see {@link #fit(Tensor)}. */
    public static ZScore fit(Dataset train) {
        return fit(checkNotNull(train, "train").features());
    }

    /** The number of columns this standardisation was fitted on. */
    public int numFeatures() {
        return mean.shape().dim(0);
    }

    /**
     * Standardises each column: {@code (x - mean) / std}, with a zero std replaced by 1.
     * Composite (differentiable in {@code x}). Shapes: {@code x [..., numFeatures]} -> same;
     * usually {@code [n, numFeatures]}; the dtype must be the fitted one.
     *
     * @throws IllegalArgumentException if the last axis of {@code x} is not {@code numFeatures},
     *     naming both shapes, or the dtypes differ
     */
    public Tensor apply(Tensor x) {
        return ColumnScaling.apply("zScore", x, mean, std);
    }

    /** The same samples with their features standardised by {@link #apply(Tensor)}. */
    public Dataset apply(Dataset data) {
        checkNotNull(data, "data");
        return data.withFeatures(apply(data.features()));
    }

    /** {@code ZScore[mean=tensor([...]), std=tensor([...])]}. */
    @Override
    public String toString() {
        return "ZScore[mean=" + mean + ", std=" + std + "]";
    }
}
