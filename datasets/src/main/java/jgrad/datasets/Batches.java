package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.util.random.RandomGenerator;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * Splits a data set into mini-batches. One pass over all batches is an epoch; each batch is one
 * iteration (one gradient step); there are {@code ceil(n / batchSize)} iterations per epoch when
 * the last, smaller batch is kept ({@link LastBatch#KEEP}, the default) and {@code floor(n /
 * batchSize)} when it is dropped ({@link LastBatch#DROP}). {@link EpochPlan} counts them in the
 * tutorial's words.
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
    public static ImmutableList<Dataset> shuffled(
            Dataset data, int batchSize, RandomGenerator rng) {
        return shuffled(data, batchSize, rng, LastBatch.KEEP);
    }

    /**
     * The samples in a fresh random order, cut into batches of {@code batchSize}; a last batch
     * of the remainder is kept or dropped as {@code lastBatch} says (dropping leaves out other
     * samples each epoch, as the order changes). Equal seeds give equal batches.
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static ImmutableList<Dataset> shuffled(
            Dataset data, int batchSize, RandomGenerator rng, LastBatch lastBatch) {
        checkNotNull(rng, "rng");
        checkNotNull(data, "data");
        return cut(data, permutation(data.size(), rng), batchSize, lastBatch);
    }

    /**
     * The samples in their stored order, cut into batches of {@code batchSize} (the last may be
     * smaller).
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static ImmutableList<Dataset> inOrder(Dataset data, int batchSize) {
        return inOrder(data, batchSize, LastBatch.KEEP);
    }

    /**
     * The samples in their stored order, cut into batches of {@code batchSize}; a last batch of
     * the remainder is kept or dropped as {@code lastBatch} says.
     *
     * @throws IllegalArgumentException if {@code batchSize < 1}
     */
    public static ImmutableList<Dataset> inOrder(Dataset data, int batchSize, LastBatch lastBatch) {
        checkNotNull(data, "data");
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return cut(data, ImmutableIntArray.copyOf(order), batchSize, lastBatch);
    }

    /** Gathers each batch's rows, in {@code order}, straight from one copy of the features. */
    private static ImmutableList<Dataset> cut(
            Dataset data, ImmutableIntArray order, int batchSize, LastBatch lastBatch) {
        checkArgument(batchSize >= 1, "batches: batch size must be at least 1, got %s", batchSize);
        checkNotNull(lastBatch, "lastBatch");
        int columns = data.numFeatures();
        double[] features = data.features().toArray();
        long end = (long) new EpochPlan(order.length(), batchSize, lastBatch).iterationsPerEpoch()
                * batchSize;
        ImmutableList.Builder<Dataset> batches = ImmutableList.builder();
        for (int start = 0; start < Math.min(end, order.length()); start += batchSize) {
            int size = Math.min(batchSize, order.length() - start);
            double[] rows = new double[size * columns];
            int[] labels = new int[size];
            for (int i = 0; i < size; i++) {
                int sample = order.get(start + i);
                System.arraycopy(features, sample * columns, rows, i * columns, columns);
                labels[i] = data.labels().get(sample);
            }
            batches.add(new Dataset(
                    Tensor.of(rows, Shape.of(size, columns), data.features().dtype()),
                    ImmutableIntArray.copyOf(labels), data.classNames()));
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
