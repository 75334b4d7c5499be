package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A data set cut into disjoint training, validation and test parts after a seeded shuffle.
 * Immutable.
 *
 * <p>Sizes follow torch's {@code random_split} rule (failure case C18), see {@link #sizes}, or are
 * given as counts ({@link #ofCounts}): every sample lands in exactly one part, the sizes add up to
 * {@code n}, and equal seeds give equal splits. A {@linkplain #stratified(Dataset,
 * RandomGenerator) stratified} split also gives every part each class in proportion: class
 * {@code k} of {@code c_k} samples has {@code floor(c_k s / n)} or {@code ceil(c_k s / n)} samples
 * in a part of size {@code s}, the goal of scikit-learn's {@code
 * train_test_split(stratify=labels)} too (its tie-breaking differs). A part that ends up empty is
 * not silent: it is logged as a warning on the {@link System.Logger} named {@code
 * jgrad.datasets.Split} and listed by {@link #emptySplits()}.
 *
 * <pre>{@code
 * jshell> var split = Split.of(Datasets.iris(), new SplittableRandom(0)).standardized()
 * split ==> Split[train 105, validation 30, test 15 samples; 4 features; 3 classes [setosa, ...
 * jshell> split.scaler().orElseThrow().mean()
 * $2 ==> tensor([5.7809524, 3.0514286, 3.6266667, 1.1504762], dtype=float64)
 * }</pre>
 *
 * @param train      the part to fit models and scalers on
 * @param validation the part to choose hyper-parameters and stop on
 * @param test       the part held out for the final estimate
 * @param scaler     the standardisation fitted on the training part and applied to all three, if
 *                   {@link #standardized()} made this split; empty otherwise
 */
public record Split(Dataset train, Dataset validation, Dataset test, Optional<ZScore> scaler) {

    /** The default fraction of samples in the training part, 70%. */
    public static final double TRAIN = 0.7;
    /** The default fraction of samples in the validation part, 20%. */
    public static final double VALIDATION = 0.2;
    /** The default fraction of samples in the test part, 10%. */
    public static final double TEST = 0.1;

    /** The tolerance on the sum of the fractions: {@code |sum(f) - 1| <= 1e-9}. */
    public static final double SUM_TOLERANCE = 1e-9;

    private static final ImmutableList<String> PART_NAMES =
            ImmutableList.of("train", "validation", "test");
    private static final System.Logger LOGGER = System.getLogger(Split.class.getName());

    /**
     * @throws IllegalArgumentException if the parts differ in their number of features or their
     *     class names
     */
    public Split {
        checkNotNull(train, "train");
        checkNotNull(validation, "validation");
        checkNotNull(test, "test");
        checkNotNull(scaler, "scaler");
        checkArgument(train.numFeatures() == validation.numFeatures()
                        && train.numFeatures() == test.numFeatures(),
                "split: parts differ in features: train %s, validation %s, test %s",
                train.numFeatures(), validation.numFeatures(), test.numFeatures());
        checkArgument(train.classNames().equals(validation.classNames())
                        && train.classNames().equals(test.classNames()),
                "split: parts differ in class names: train %s, validation %s, test %s",
                train.classNames(), validation.classNames(), test.classNames());
    }

    /** A split of three given parts, not standardised. */
    public Split(Dataset train, Dataset validation, Dataset test) {
        this(train, validation, test, Optional.empty());
    }

    /**
     * Shuffles {@code data} with {@code rng} and cuts it 70% / 20% / 10% (train, validation,
     * test); see {@link #of(Dataset, RandomGenerator, double, double, double)}.
     */
    public static Split of(Dataset data, RandomGenerator rng) {
        return of(data, rng, TRAIN, VALIDATION, TEST);
    }

    /**
     * Shuffles {@code data} with {@link Batches#permutation(int, RandomGenerator)} and cuts the
     * shuffled order into consecutive parts of {@link #sizes(int, double...)} {@code (n, train,
     * validation, test)} samples. Logs a warning if a part is empty.
     *
     * @throws IllegalArgumentException if the fractions are not in {@code [0, 1]} or their sum is
     *     not within {@code 1e-9} of 1 (naming them and their sum)
     */
    public static Split of(
            Dataset data, RandomGenerator rng, double train, double validation, double test) {
        checkNotNull(data, "data");
        checkNotNull(rng, "rng");
        ImmutableIntArray sizes = sizes(data.size(), train, validation, test);
        ImmutableIntArray order = Batches.permutation(data.size(), rng);
        int trainEnd = sizes.get(0);
        int validationEnd = trainEnd + sizes.get(1);
        return new Split(
                data.subset(order.subArray(0, trainEnd)),
                data.subset(order.subArray(trainEnd, validationEnd)),
                data.subset(order.subArray(validationEnd, data.size())));
    }

    /**
     * Shuffles {@code data} and cuts it into parts of exactly {@code train}, {@code validation}
     * and {@code test} samples, in that order of the shuffled samples (as {@link #of(Dataset,
     * RandomGenerator, double, double, double)} cuts). Logs a warning if a part is empty.
     *
     * @throws IllegalArgumentException if a count is negative or the counts do not add up to
     *     {@code data.size()} (naming them, their sum and n)
     */
    public static Split ofCounts(
            Dataset data, RandomGenerator rng, int train, int validation, int test) {
        checkNotNull(data, "data");
        checkNotNull(rng, "rng");
        ImmutableIntArray sizes = checkCounts(data.size(), train, validation, test);
        ImmutableIntArray order = Batches.permutation(data.size(), rng);
        int trainEnd = sizes.get(0);
        int validationEnd = trainEnd + sizes.get(1);
        return new Split(
                data.subset(order.subArray(0, trainEnd)),
                data.subset(order.subArray(trainEnd, validationEnd)),
                data.subset(order.subArray(validationEnd, data.size())));
    }

    /**
     * A stratified split 70% / 20% / 10%; see {@link #stratified(Dataset, RandomGenerator,
     * double, double, double)}.
     */
    public static Split stratified(Dataset data, RandomGenerator rng) {
        return stratified(data, rng, TRAIN, VALIDATION, TEST);
    }

    /**
     * A split whose parts have the sizes of {@link #sizes(int, double...)} {@code (n, train,
     * validation, test)} and each class in proportion: class {@code k} with {@code c_k} samples has
     * {@code floor(c_k s / n)} or {@code ceil(c_k s / n)} samples in a part of size {@code s}. Each
     * class's samples are shuffled with {@code rng} and dealt to the parts, then each part is
     * shuffled (so no part is ordered by class). Equal seeds give equal splits.
     *
     * @throws IllegalArgumentException as {@link #sizes(int, double...)}
     */
    public static Split stratified(
            Dataset data, RandomGenerator rng, double train, double validation, double test) {
        checkNotNull(data, "data");
        return stratifiedBySizes(data, rng, sizes(data.size(), train, validation, test));
    }

    /**
     * A stratified split with parts of exactly {@code train}, {@code validation} and {@code
     * test} samples; see {@link #stratified(Dataset, RandomGenerator, double, double, double)}.
     *
     * @throws IllegalArgumentException if a count is negative or the counts do not add up to
     *     {@code data.size()} (naming them, their sum and n)
     */
    public static Split stratifiedCounts(
            Dataset data, RandomGenerator rng, int train, int validation, int test) {
        checkNotNull(data, "data");
        return stratifiedBySizes(data, rng, checkCounts(data.size(), train, validation, test));
    }

    private static Split stratifiedBySizes(
            Dataset data, RandomGenerator rng, ImmutableIntArray sizes) {
        checkNotNull(rng, "rng");
        ImmutableList<ImmutableIntArray> parts =
                Stratify.assign(data.labels(), data.numClasses(), sizes, rng);
        return new Split(data.subset(parts.get(0)), data.subset(parts.get(1)),
                data.subset(parts.get(2)));
    }

    private static ImmutableIntArray checkCounts(int n, int train, int validation, int test) {
        long sum = (long) train + validation + test;
        checkArgument(train >= 0 && validation >= 0 && test >= 0 && sum == n,
                "split: counts [%s, %s, %s] must be >= 0 and add up to the %s samples, their sum"
                        + " is %s", train, validation, test, n, sum);
        ImmutableIntArray sizes = ImmutableIntArray.of(train, validation, test);
        ImmutableIntArray empty = emptyIndices(sizes);
        if (!empty.isEmpty()) {
            LOGGER.log(Level.WARNING, () -> String.format(
                    "split: part(s) %s of sizes %s are empty (n = %s)", empty, sizes, n));
        }
        return sizes;
    }

    /**
     * The part sizes for {@code n} samples and the given fractions, by torch's {@code
     * random_split} rule: {@code n_i = floor(n * f_i)}, then the leftover {@code r = n - sum(n_i)}
     * is handed out one at a time to parts {@code 0, 1, ..., r - 1}. The sizes add up to {@code
     * n}, and each is {@code floor(n * f_i)} or one more. Examples: {@code sizes(10, 0.7, 0.15,
     * 0.15)} is {@code [8, 1, 1]}; {@code sizes(5, 0.9, 0.1)} is {@code [5, 0]}.
     *
     * <p>Fractions are accepted when each is in {@code [0, 1]} and {@code |sum(f) - 1| <= 1e-9}, so
     * twenty fractions of 0.05 (summing to 1.0000000000000002 in floating point) are fine. Any
     * empty part is logged as a warning (naming it); {@link #emptySplits(int, double...)} returns
     * the same information as a value.
     *
     * @throws IllegalArgumentException if {@code n < 0}, there are no fractions, a fraction is
     *     outside {@code [0, 1]} or NaN, or the sum is not within {@code 1e-9} of 1; the message
     *     names the fractions and their sum
     */
    public static ImmutableIntArray sizes(int n, double... fractions) {
        ImmutableIntArray sizes = computeSizes(n, fractions);
        ImmutableIntArray empty = emptyIndices(sizes);
        if (!empty.isEmpty()) {
            LOGGER.log(Level.WARNING, () -> String.format(
                    "split: part(s) %s of sizes %s are empty (n = %s, fractions %s)",
                    empty, sizes, n, Arrays.toString(fractions)));
        }
        return sizes;
    }

    /**
     * The indices of the parts that {@link #sizes(int, double...)} leaves empty, in increasing
     * order, without logging: {@code emptySplits(5, 0.9, 0.1)} is {@code [1]}.
     *
     * @throws IllegalArgumentException as {@link #sizes(int, double...)}
     */
    public static ImmutableIntArray emptySplits(int n, double... fractions) {
        return emptyIndices(computeSizes(n, fractions));
    }

    /** The names ({@code "train"}, {@code "validation"}, {@code "test"}) of the empty parts. */
    public ImmutableList<String> emptySplits() {
        ImmutableList<Dataset> parts = ImmutableList.of(train, validation, test);
        ImmutableList.Builder<String> names = ImmutableList.builder();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).size() == 0) {
                names.add(PART_NAMES.get(i));
            }
        }
        return names.build();
    }

    /**
     * This split with all three parts standardised by a {@link ZScore} fitted on the training
     * part only ({@code ddof = 0}), which {@link #scaler()} then holds. Returns this split if it
     * is already standardised.
     *
     * @throws IllegalArgumentException if the training part is empty
     */
    public Split standardized() {
        if (scaler.isPresent()) {
            return this;
        }
        checkArgument(train.size() > 0, "split standardized: the training part is empty");
        ZScore fitted = ZScore.fit(train.features());
        return new Split(fitted.apply(train), fitted.apply(validation), fitted.apply(test),
                Optional.of(fitted));
    }

    /** The total number of samples in the three parts. */
    public int size() {
        return train.size() + validation.size() + test.size();
    }

    /**
     * {@code Split[train 105, validation 30, test 15 samples; 4 features; 3 classes [setosa,
     * versicolor, virginica]; standardized on train]}.
     */
    @Override
    public String toString() {
        return "Split[train " + train.size() + ", validation " + validation.size() + ", test "
                + test.size() + " samples; " + train.numFeatures() + " features; "
                + train.numClasses() + " classes " + train.classNames()
                + (scaler.isPresent() ? "; standardized on train]" : "]");
    }

    private static ImmutableIntArray computeSizes(int n, double... fractions) {
        checkNotNull(fractions, "fractions");
        checkArgument(n >= 0, "split: n must be >= 0, got %s", n);
        checkArgument(fractions.length > 0, "split: no fractions given");
        double sum = 0;
        for (double fraction : fractions) {
            sum += fraction;
        }
        for (double fraction : fractions) {
            checkArgument(0 <= fraction && fraction <= 1,
                    "split: fraction %s is not in [0, 1]; fractions %s (sum %s)",
                    fraction, Arrays.toString(fractions), sum);
        }
        checkArgument(Math.abs(sum - 1) <= SUM_TOLERANCE,
                "split: fractions %s sum to %s, not 1 (tolerance %s)",
                Arrays.toString(fractions), sum, SUM_TOLERANCE);
        int[] sizes = new int[fractions.length];
        long assigned = 0;
        for (int i = 0; i < fractions.length; i++) {
            sizes[i] = (int) Math.floor(n * fractions[i]);
            assigned += sizes[i];
        }
        // The sum tolerance lets sum(floor) exceed n by at most n * 1e-9 (< 3); take those
        // samples back from the last non-empty parts so the sizes still add up to n.
        for (int i = fractions.length - 1; assigned > n; i = Math.floorMod(i - 1, sizes.length)) {
            if (sizes[i] > 0) {
                sizes[i]--;
                assigned--;
            }
        }
        for (int i = 0; assigned < n; i = (i + 1) % sizes.length) {
            sizes[i]++;
            assigned++;
        }
        return ImmutableIntArray.copyOf(sizes);
    }

    private static ImmutableIntArray emptyIndices(ImmutableIntArray sizes) {
        ImmutableIntArray.Builder empty = ImmutableIntArray.builder();
        for (int i = 0; i < sizes.length(); i++) {
            if (sizes.get(i) == 0) {
                empty.add(i);
            }
        }
        return empty.build();
    }
}
