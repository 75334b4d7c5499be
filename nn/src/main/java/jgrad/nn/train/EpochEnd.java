package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.nn.Layer;

/**
 * An epoch and its validation are done ({@link Callback#afterEpoch}).
 *
 * @param record         what the epoch measured
 * @param history        every epoch so far, this one last
 * @param model          the model with the parameters and layer state after this epoch
 * @param optimizerState the optimiser's state after this epoch (for checkpoints)
 * @param step           the updates applied so far in the run
 */
public record EpochEnd(EpochRecord record, History history, Layer model, Object optimizerState,
        long step) {

    /** @throws NullPointerException if an argument is null */
    public EpochEnd {
        checkNotNull(record, "record");
        checkNotNull(history, "history");
        checkNotNull(model, "model");
        checkNotNull(optimizerState, "optimizerState");
    }

    /** The epoch, from 1. */
    public int epoch() {
        return record.epoch();
    }
}
