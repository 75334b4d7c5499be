package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Tensor;

/**
 * A fitted standardisation, {@code z = (x - mean) / std}: per column (the statistics taken over
 * the samples, axis 0; the usual case) or along any axis (the statistics taken over that axis,
 * e.g. each row of a matrix standardised on its own with axis 1). On the training data the
 * result has mean 0 and standard deviation 1 wherever the data is not constant. Immutable; fit it
 * on the training split only with {@link #fit} and {@link #apply} it to every split; {@link
 * #inverse} maps standardised values back to the original units.
 *
 * <p>Conventions (failure cases C16 and N15): the standard deviation divides by {@code n - ddof}
 * with {@code ddof = 0} by default, the population std of NumPy's {@code std} and scikit-learn's
 * {@code StandardScaler}; {@code ddof = 1} gives the sample std (Bessel's correction), torch's
 * default. Fitting needs {@code n > ddof}: one sample with {@code ddof = 1} is refused (its std
 * would be 0/0), naming {@code n} and {@code ddof}. A zero std is treated as 1, as scikit-learn
 * does, so constant data becomes 0 and never NaN. Data is constant when its minimum equals its
 * maximum; its mean is then that value exactly and its std exactly 0, so rounding in the mean
 * cannot turn it into {@code ±1}.
 *
 * <p>The tutorial's examples: {@code [255, 128, 45, 0]} as one column standardises to {@code
 * [1.52573266, 0.21648909, -0.63915828, -1.10306348]} (mean 107, std 97.0026); along axis 1, each
 * row of {@code [[1, 2, 3], [6, 7, 8]]} becomes {@code [-1.22474487, 0, 1.22474487]}.
 *
 * <p>Shapes: {@code mean} and {@code std} have the training data's shape without {@code axis}
 * ({@code [numFeatures]} per column), of one dtype; {@code std} holds the standard deviation
 * actually estimated (0 for constant data). Tensor equality is identity, so two fits on equal
 * data are not {@code equals}; compare the tensors' contents.
 *
 * <pre>{@code
 * jshell> var scaler = ZScore.fit(Tensor.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 8, 1))
 * jshell> scaler.std()
 * $2 ==> tensor([2.], dtype=float64)
 * jshell> ZScore.fit(Tensor.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, 8, 1), 1).std()
 * $3 ==> tensor([2.1380899], dtype=float64)
 * jshell> ZScore.standardize(Tensor.of(new double[][] {{1, 2, 3}, {6, 7, 8}}), 1, 0)
 * $4 ==> tensor([[-1.2247449,  0.       ,  1.2247449],
 *         [-1.2247449,  0.       ,  1.2247449]], shape=[2, 3], dtype=float64)
 * }</pre>
 *
 * @param mean the training mean along {@code axis}
 * @param std  the training standard deviation along {@code axis}, {@code >= 0}
 * @param axis the axis of the training data the statistics were taken over (0 per column)
 */
public record ZScore(Tensor mean, Tensor std, int axis) {

    /**
     * Keeps the values of {@code mean} and {@code std} without any autodiff graph.
     *
     * @throws IllegalArgumentException if they differ in shape or dtype, a std is negative
     *     (naming its flat index), or {@code axis} is not in {@code 0..mean.rank()}
     */
    public ZScore {
        checkNotNull(mean, "mean");
        checkNotNull(std, "std");
        checkArgument(mean.shape().equals(std.shape()),
                "zScore: mean and std must have equal shapes, got %s and %s",
                mean.shape(), std.shape());
        checkArgument(mean.dtype() == std.dtype(),
                "zScore: mean and std dtypes differ: %s and %s", mean.dtype(), std.dtype());
        checkArgument(0 <= axis && axis <= mean.rank(),
                "zScore: axis %s is outside 0..%s for statistics of shape %s",
                axis, mean.rank(), mean.shape());
        double[] deviations = std.toArray();
        for (int j = 0; j < deviations.length; j++) {
            checkArgument(!(deviations[j] < 0),
                    "zScore: column %s has negative std %s", j, (Object) deviations[j]);
        }
        mean = mean.stopGradient();
        std = std.stopGradient();
    }

    /**
     * Per-column statistics: {@code mean} and {@code std} of shape {@code [numFeatures]}, taken
     * over axis 0.
     *
     * @throws IllegalArgumentException as the canonical constructor, or if they are not 1-D
     */
    public ZScore(Tensor mean, Tensor std) {
        this(checkRank1(mean, std), std, 0);
    }

    private static Tensor checkRank1(Tensor mean, Tensor std) {
        checkNotNull(mean, "mean");
        checkNotNull(std, "std");
        checkArgument(mean.rank() == 1 && std.rank() == 1,
                "zScore: mean and std must both be [numFeatures], got %s and %s",
                mean.shape(), std.shape());
        return mean;
    }

    /**
     * Fits per column with the population std ({@code ddof = 0}, NumPy's and scikit-learn's
     * default); see {@link #fit(Tensor, int)}.
     */
    public static ZScore fit(Tensor train) {
        return fit(train, 0);
    }

    /**
     * Fits per column: {@code mean = sum(x) / n} and {@code std = sqrt(sum((x - mean)^2) / (n -
     * ddof))} over the samples (axis 0), computed in two passes as NumPy does. NaN in a column
     * propagates to its mean and std. Shapes: {@code train [n, numFeatures]}; any dtype, kept.
     *
     * @param ddof the delta degrees of freedom: 0 for the population std, 1 for the sample std
     * @throws IllegalArgumentException if {@code train} is not 2-D, {@code ddof < 0}, or {@code n
     *     <= ddof} (the divisor would not be positive; the message names n and ddof)
     */
    public static ZScore fit(Tensor train, int ddof) {
        checkNotNull(train, "train");
        checkArgument(train.rank() == 2,
                "zScore fit: train must be [n, numFeatures], got %s", train.shape());
        return fit(train, 0, ddof);
    }

    /**
     * Fits along {@code axis}: the mean and std over that axis, as NumPy's {@code x.mean(axis)}
     * and {@code x.std(axis, ddof=ddof)}. Shapes: {@code train} of rank at least 1; the
     * statistics have its shape without {@code axis}. Any dtype, kept.
     *
     * @param axis the axis to standardise along; negative counts from the end
     * @param ddof the delta degrees of freedom: 0 for the population std, 1 for the sample std
     * @throws IllegalArgumentException if {@code train} is 0-d, the axis is out of range, {@code
     *     ddof < 0}, or the axis has {@code n <= ddof} elements (naming n and ddof)
     */
    public static ZScore fit(Tensor train, int axis, int ddof) {
        checkNotNull(train, "train");
        checkArgument(train.rank() >= 1, "zScore fit: train must have rank 1 or more, got %s",
                train.shape());
        int along = train.shape().axis(axis, "zScore fit");
        checkArgument(ddof >= 0, "zScore fit: ddof must be >= 0, got %s", ddof);
        int n = train.shape().dim(along);
        checkArgument(n > ddof, "zScore fit: need more samples than ddof along axis %s, got n = %s"
                + " and ddof = %s (the std would divide by n - ddof = %s)", along, n, ddof,
                n - ddof);
        Tensor values = train.stopGradient();
        Tensor max = values.max(along, false);
        Tensor constant = max.equal(values.neg().max(along, false).neg());
        Tensor mean = Tensor.where(constant, max, values.mean(along, false));
        Tensor variance = values.sub(unsqueeze(mean, along)).square().sum(along, false)
                .div((double) (n - ddof));
        Tensor std = Tensor.where(constant, variance.zerosLike(), variance.sqrt());
        return new ZScore(mean, std, along);
    }

    /** Fits to the features of {@code train} with {@code ddof = 0}; see {@link #fit(Tensor)}. */
    public static ZScore fit(Dataset train) {
        return fit(checkNotNull(train, "train").features());
    }

    /**
     * Standardises {@code x} along {@code axis} with its own statistics: {@code fit(x, axis,
     * ddof).apply(x)}. Composite in {@code x}'s values, but the statistics carry no gradient.
     */
    public static Tensor standardize(Tensor x, int axis, int ddof) {
        return fit(x, axis, ddof).apply(x);
    }

    /** The number of columns of a per-column fit: the size of {@code mean}'s last axis. */
    public int numFeatures() {
        return mean.shape().dim(-1);
    }

    /**
     * Standardises: {@code (x - mean) / std}, with a zero std replaced by 1. Composite
     * (differentiable in {@code x}). Shapes: for a per-column fit {@code x [..., numFeatures]} ->
     * same; usually {@code [n, numFeatures]}. For a fit along another axis, {@code x} has the
     * training data's rank and its shape without {@code axis} equals {@code mean}'s (any length
     * along {@code axis}). The dtype must be the fitted one.
     *
     * @throws IllegalArgumentException if the shapes do not match as above (naming both), or the
     *     dtypes differ
     */
    public Tensor apply(Tensor x) {
        if (isPerColumn()) {
            return ColumnScaling.apply("zScore apply", x, mean, std);
        }
        checkAligned("zScore apply", x);
        return x.sub(unsqueeze(mean, axis)).div(unsqueeze(safeStd(), axis));
    }

    /**
     * Maps standardised values back: {@code x = z * std + mean} (a zero std counted as 1, as in
     * {@link #apply}), inverting {@link #apply} up to rounding. Composite. Shapes: as {@link
     * #apply}.
     *
     * @throws IllegalArgumentException as {@link #apply}
     */
    public Tensor inverse(Tensor z) {
        if (isPerColumn()) {
            return ColumnScaling.inverse("zScore inverse", z, mean, std);
        }
        checkAligned("zScore inverse", z);
        return z.mul(unsqueeze(safeStd(), axis)).add(unsqueeze(mean, axis));
    }

    /** The same samples with their features standardised by {@link #apply(Tensor)}. */
    public Dataset apply(Dataset data) {
        checkNotNull(data, "data");
        return data.withFeatures(apply(data.features()));
    }

    private boolean isPerColumn() {
        return axis == 0 && mean.rank() == 1;
    }

    private Tensor safeStd() {
        return Tensor.where(std.equal(0.0), std.onesLike(), std);
    }

    private void checkAligned(String operation, Tensor x) {
        checkNotNull(x, "x");
        boolean aligned = x.rank() == mean.rank() + 1;
        for (int i = 0, j = 0; aligned && i < x.rank(); i++) {
            if (i != axis) {
                aligned = x.shape().dim(i) == mean.shape().dim(j++);
            }
        }
        checkArgument(aligned, "%s: x must have the fitted shape %s with any length inserted at"
                + " axis %s, got %s", operation, mean.shape(), axis, x.shape());
        checkArgument(x.dtype() == mean.dtype(),
                "%s: x has dtype %s but the transform was fitted on %s",
                operation, x.dtype(), mean.dtype());
    }

    /** {@code t} with a dimension of size 1 inserted at {@code axis}. */
    private static Tensor unsqueeze(Tensor t, int axis) {
        int[] dims = t.shape().toArray();
        int[] expanded = new int[dims.length + 1];
        for (int i = 0, j = 0; i < expanded.length; i++) {
            expanded[i] = i == axis ? 1 : dims[j++];
        }
        return t.reshape(expanded);
    }

    /** {@code ZScore[mean=tensor([...]), std=tensor([...])]}, with the axis if not 0. */
    @Override
    public String toString() {
        return "ZScore[mean=" + mean + ", std=" + std + (axis == 0 ? "" : ", axis=" + axis) + "]";
    }
}
