package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Splits a data set into mini-batches. One pass over all batches is an epoch; each batch is one
 * iteration (one gradient step); there are {@code ceil(n / batchSize)} iterations per epoch.
 */
public final class Batches {

    private Batches() {}

    /**
     * The samples in a fresh random order (Fisher-Yates with {@code rng}), cut into batches of
     * {@code batchSize}; the last batch holds the remainder and may be smaller. Equal seeds give
     * equal batches.
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static ImmutableList<Dataset> shuffled(Dataset data, int batchSize, RandomGenerator rng) {
        checkNotNull(rng, "rng");
        return inOrder(data.subset(permutation(data.size(), rng)), batchSize);
    }

    /**
     * The samples in their stored order, cut into batches of {@code batchSize} (the last may be
     * smaller).
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static ImmutableList<Dataset> inOrder(Dataset data, int batchSize) {
        checkNotNull(data, "data");
        checkArgument(batchSize >= 1, "batches: batch size must be at least 1, got %s", batchSize);
        // One copy of the features for the whole epoch; each batch is a contiguous run of rows.
        int columns = data.numFeatures();
        double[] features = data.features().toArray();
        ImmutableList.Builder<Dataset> batches = ImmutableList.builder();
        for (int start = 0; start < data.size(); start += batchSize) {
            int end = Math.min(data.size(), start + batchSize);
            double[] rows = Arrays.copyOfRange(features, start * columns, end * columns);
            batches.add(new Dataset(
                    Tensor.of(rows, Shape.of(end - start, columns), data.features().dtype()),
                    data.labels().subArray(start, end), data.classNames()));
        }
        return batches.build();
    }

    /**
     * A uniformly random permutation of {@code 0..n-1} (Fisher-Yates, drawing {@code
     * rng.nextInt(i + 1)} for {@code i = n-1, ..., 1}). Equal seeds give equal permutations.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static ImmutableIntArray permutation(int n, RandomGenerator rng) {
        checkArgument(n >= 0, "permutation: n must be >= 0, got %s", n);
        checkNotNull(rng, "rng");
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return ImmutableIntArray.copyOf(order);
    }
}
