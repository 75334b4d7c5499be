package jgrad.datasets;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * How one epoch of training is cut into batches, in the tutorial's words: an <b>epoch</b> is one
 * pass over the training samples; they are cut into <b>batches</b> of <b>batch size</b> samples;
 * one batch gives one <b>iteration</b> (one gradient step). So an epoch has {@code ceil(samples /
 * batchSize)} iterations when the last, smaller batch is kept, {@code floor(samples /
 * batchSize)} when it is dropped.
 *
 * <pre>{@code
 * jshell> EpochPlan.of(1257, 32, LastBatch.KEEP)
 * $1 ==> an epoch of 1257 samples in batches of batch size 32 is 40 iterations: 39 full batches
 *        and a last batch of 9 samples
 * jshell> $1.describe(30)
 * $2 ==> 30 epochs x 40 iterations per epoch = 1200 iterations
 * }</pre>
 *
 * @param samples   the number of training samples, {@code >= 0}
 * @param batchSize the samples per batch, {@code >= 1}
 * @param lastBatch whether a last, smaller batch is kept or dropped
 */
public record EpochPlan(int samples, int batchSize, LastBatch lastBatch) {

    /** @throws IllegalArgumentException if {@code samples < 0} or {@code batchSize < 1} */
    public EpochPlan {
        checkArgument(samples >= 0, "epoch plan: samples must be >= 0, got %s", samples);
        checkArgument(batchSize >= 1, "epoch plan: batch size must be at least 1, got %s",
                batchSize);
        checkNotNull(lastBatch, "lastBatch");
    }

    /** The plan for {@code samples} samples; see the record components. */
    public static EpochPlan of(int samples, int batchSize, LastBatch lastBatch) {
        return new EpochPlan(samples, batchSize, lastBatch);
    }

    /** The plan for the samples of {@code data}. */
    public static EpochPlan of(Dataset data, int batchSize, LastBatch lastBatch) {
        return new EpochPlan(checkNotNull(data, "data").size(), batchSize, lastBatch);
    }

    /** The number of full batches, {@code floor(samples / batchSize)}. */
    public int fullBatches() {
        return samples / batchSize;
    }

    /** The samples left over after the full batches, {@code samples % batchSize}. */
    public int remainder() {
        return samples % batchSize;
    }

    /**
     * The iterations (batches, gradient steps) per epoch: {@code ceil(samples / batchSize)} when
     * the last batch is kept, {@code floor(samples / batchSize)} when dropped.
     */
    public int iterationsPerEpoch() {
        return fullBatches() + (lastBatch == LastBatch.KEEP && remainder() > 0 ? 1 : 0);
    }

    /** The samples each epoch leaves out: the remainder if dropped, else 0. */
    public int droppedPerEpoch() {
        return lastBatch == LastBatch.DROP ? remainder() : 0;
    }

    /** The iterations of {@code epochs} epochs: {@code epochs * iterationsPerEpoch()}. */
    public long iterations(int epochs) {
        checkArgument(epochs >= 0, "epoch plan: epochs must be >= 0, got %s", epochs);
        return (long) epochs * iterationsPerEpoch();
    }

    /** {@code 30 epochs x 40 iterations per epoch = 1200 iterations}. */
    public String describe(int epochs) {
        return epochs + (epochs == 1 ? " epoch" : " epochs") + " x " + iterationsPerEpoch()
                + " iterations per epoch = " + iterations(epochs) + " iterations";
    }

    /**
     * {@code an epoch of 1257 samples in batches of batch size 32 is 40 iterations: 39 full
     * batches and a last batch of 9 samples} (or {@code ...; the last 9 samples of each epoch are
     * dropped}).
     */
    @Override
    public String toString() {
        String start = "an epoch of " + samples + " samples in batches of batch size " + batchSize
                + " is " + iterationsPerEpoch() + (iterationsPerEpoch() == 1 ? " iteration"
                        : " iterations");
        if (remainder() == 0) {
            return start + ": " + fullBatches() + " full batches";
        }
        if (lastBatch == LastBatch.KEEP) {
            return start + ": " + fullBatches() + " full batches and a last batch of "
                    + remainder() + " samples";
        }
        return start + ": " + fullBatches() + " full batches; the last " + remainder()
                + " samples of each epoch are dropped";
    }
}
