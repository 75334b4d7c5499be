package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.nn.Layer;

/**
 * The result of {@link Trainer#fit}.
 *
 * @param model     the trained model: the input model's structure with the final parameters
 * @param bestModel the model after the epoch of lowest validation loss ({@link
 *                  History#bestEpoch()}): what early stopping keeps (Keras's {@code
 *                  restore_best_weights}); the same as {@code model} when the last epoch is best
 * @param history   what each epoch measured
 */
public record Fit(Layer model, Layer bestModel, History history) {

    /** @throws NullPointerException if any is null */
    public Fit {
        checkNotNull(model, "model");
        checkNotNull(bestModel, "bestModel");
        checkNotNull(history, "history");
    }
}
