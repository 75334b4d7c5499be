package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The settings of a {@link Trainer#fit} run.
 *
 * @param epochs    the number of passes over the training set, {@code >= 1}
 * @param batchSize the samples per gradient step, {@code >= 1} (the last batch of an epoch may
 *                  be smaller)
 * @param seed      seeds the generator that shuffles the batches: equal seeds (with equal models,
 *                  data and optimiser) give identical histories
 */
public record TrainingSettings(int epochs, int batchSize, long seed) {

    /** @throws IllegalArgumentException if {@code epochs} or {@code batchSize} is below 1 */
    public TrainingSettings {
        checkArgument(epochs >= 1, "trainingSettings: epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1,
                "trainingSettings: batchSize must be >= 1, got %s", batchSize);
    }
}
