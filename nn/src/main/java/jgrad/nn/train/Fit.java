package jgrad.nn.train;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.nn.Layer;

/**
 * The result of {@link Trainer#fit}.
 *
 * @param model   the trained model: the input model's structure with the final parameters
 * @param history what each epoch measured
 */
public record Fit(Layer model, History history) {

    /** @throws NullPointerException if either is null */
    public Fit {
        checkNotNull(model, "model");
        checkNotNull(history, "history");
    }
}
