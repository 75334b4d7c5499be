package jgrad.datasets;

/**
 * What happens to the last batch of an epoch when the batch size does not divide the number of
 * samples: kept as a smaller batch, or dropped (PyTorch's {@code DataLoader(drop_last=True)}).
 */
public enum LastBatch {
    /** The remainder forms a last, smaller batch: {@code ceil(n / batchSize)} iterations. */
    KEEP,
    /**
     * The remainder is left out of the epoch: {@code floor(n / batchSize)} iterations, all batches
     * full. With shuffling each epoch leaves out other samples.
     */
    DROP
}
