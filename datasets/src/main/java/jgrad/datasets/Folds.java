package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * K-fold cross-validation indices: the samples are cut into {@code k} folds; fold {@code i} holds
 * out part {@code i} for validation and trains on the rest, so every sample is held out exactly
 * once. Part sizes follow scikit-learn's {@code KFold}: the first {@code n % k} parts have {@code
 * n / k + 1} samples, the others {@code n / k}.
 *
 * <pre>{@code
 * jshell> Folds.stratifiedKFold(Datasets.iris().labels(), 5, new SplittableRandom(0))
 * $1 ==> [Fold[train 120, validation 30], Fold[train 120, validation 30], ...]
 * }</pre>
 */
public final class Folds {

    private Folds() {}

    /**
     * {@code k} folds of {@code 0..n-1} without shuffling: part {@code i} is a contiguous run of
     * indices (scikit-learn's {@code KFold(k)}).
     *
     * @throws IllegalArgumentException unless {@code 2 <= k <= n}
     */
    public static ImmutableList<Fold> kFold(int n, int k) {
        checkK(n, k);
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return folds(cut(order, partSizes(n, k)), n);
    }

    /**
     * {@code k} folds of {@code 0..n-1} after a shuffle by {@link Batches#permutation(int,
     * RandomGenerator)} (scikit-learn's {@code KFold(k, shuffle=True)}). Equal seeds give equal
     * folds.
     *
     * @throws IllegalArgumentException unless {@code 2 <= k <= n}
     */
    public static ImmutableList<Fold> kFold(int n, int k, RandomGenerator rng) {
        checkK(n, k);
        checkNotNull(rng, "rng");
        return folds(cut(Batches.permutation(n, rng).toArray(), partSizes(n, k)), n);
    }

    /**
     * {@code k} stratified folds: the held-out parts have the sizes of {@link #kFold(int, int)}
     * and each class in proportion: a class of {@code c} samples has {@code floor(c s / n)} or
     * {@code ceil(c s / n)} samples in a part of size {@code s}. A class with fewer than {@code k}
     * samples is therefore missing from some held-out parts. Equal seeds give equal folds.
     *
     * @param labels the class of each sample, {@code >= 0}
     * @throws IllegalArgumentException unless {@code 2 <= k <= n}, or if a label is negative
     */
    public static ImmutableList<Fold> stratifiedKFold(
            ImmutableIntArray labels, int k, RandomGenerator rng) {
        checkNotNull(labels, "labels");
        checkNotNull(rng, "rng");
        int n = labels.length();
        checkK(n, k);
        int numClasses = 0;
        for (int i = 0; i < n; i++) {
            checkArgument(labels.get(i) >= 0, "folds: label %s at index %s is negative",
                    labels.get(i), i);
            numClasses = Math.max(numClasses, labels.get(i) + 1);
        }
        ImmutableList<ImmutableIntArray> parts =
                Stratify.assign(labels, numClasses, partSizes(n, k), rng);
        return folds(parts.stream().map(ImmutableIntArray::toArray).toArray(int[][]::new), n);
    }

    /** Stratified folds of a data set's labels; see {@link #stratifiedKFold}. */
    public static ImmutableList<Fold> stratifiedKFold(Dataset data, int k, RandomGenerator rng) {
        return stratifiedKFold(checkNotNull(data, "data").labels(), k, rng);
    }

    /** The size of each held-out part: {@code n / k}, one more for the first {@code n % k}. */
    static ImmutableIntArray partSizes(int n, int k) {
        int[] sizes = new int[k];
        for (int i = 0; i < k; i++) {
            sizes[i] = n / k + (i < n % k ? 1 : 0);
        }
        return ImmutableIntArray.copyOf(sizes);
    }

    private static void checkK(int n, int k) {
        checkArgument(2 <= k && k <= n,
                "folds: need 2 <= k <= n (each fold holds out at least one sample), got k = %s"
                        + " for n = %s", k, n);
    }

    private static int[][] cut(int[] order, ImmutableIntArray sizes) {
        int[][] parts = new int[sizes.length()][];
        for (int i = 0, start = 0; i < parts.length; start += sizes.get(i), i++) {
            parts[i] = Arrays.copyOfRange(order, start, start + sizes.get(i));
        }
        return parts;
    }

    private static ImmutableList<Fold> folds(int[][] parts, int n) {
        ImmutableList.Builder<Fold> folds = ImmutableList.builder();
        for (int[] part : parts) {
            boolean[] held = new boolean[n];
            int[] validation = part.clone();
            Arrays.sort(validation);
            for (int index : validation) {
                held[index] = true;
            }
            int[] train = new int[n - validation.length];
            for (int i = 0, t = 0; i < n; i++) {
                if (!held[i]) {
                    train[t++] = i;
                }
            }
            folds.add(new Fold(ImmutableIntArray.copyOf(train),
                    ImmutableIntArray.copyOf(validation)));
        }
        return folds.build();
    }
}
