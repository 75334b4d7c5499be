package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The settings of a {@link Trainer#fit} run.
 *
 * @param epochs              the number of passes over the training set, {@code >= 1}
 * @param batchSize           the samples per gradient step, {@code >= 1} (the last batch of an
 *                            epoch may be smaller)
 * @param seed                seeds the generator that shuffles the batches: equal seeds (with
 *                            equal models, data and optimiser) give identical histories
 * @param stopOnNonFiniteLoss stop at the first NaN or infinite loss ({@link
 *                            StopOnNonFiniteLoss}); true by default
 * @param progressBar         draw a {@link TrainingProgress} bar on standard error when output is
 *                            a terminal; true by default (the system property {@code
 *                            jgrad.progress} decides further: {@code false} turns every bar off,
 *                            {@code true} draws it without a terminal too; see {@link
 *                            TrainingProgress})
 */
public record TrainingSettings(int epochs, int batchSize, long seed, boolean stopOnNonFiniteLoss,
        boolean progressBar) {

    /** @throws IllegalArgumentException if {@code epochs} or {@code batchSize} is below 1 */
    public TrainingSettings {
        checkArgument(epochs >= 1, "trainingSettings: epochs must be >= 1, got %s", epochs);
        checkArgument(batchSize >= 1,
                "trainingSettings: batchSize must be >= 1, got %s", batchSize);
    }

    /**
     * {@code epochs}, {@code batchSize} and {@code seed}, stopping on a non-finite loss and with
     * a progress bar on a terminal.
     *
     * @throws IllegalArgumentException if {@code epochs} or {@code batchSize} is below 1
     */
    public TrainingSettings(int epochs, int batchSize, long seed) {
        this(epochs, batchSize, seed, true, true);
    }

    /** These settings with the stop on a NaN or infinite loss on or off. */
    public TrainingSettings withStopOnNonFiniteLoss(boolean stop) {
        return new TrainingSettings(epochs, batchSize, seed, stop, progressBar);
    }

    /** These settings with the terminal progress bar on or off. */
    public TrainingSettings withProgressBar(boolean show) {
        return new TrainingSettings(epochs, batchSize, seed, stopOnNonFiniteLoss, show);
    }
}
