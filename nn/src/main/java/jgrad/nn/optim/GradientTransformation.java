package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.function.Function;
import jgrad.core.Params;

/**
 * A pure optimiser step: {@link #init} makes the state for some parameters and {@link #update}
 * turns gradients into updates and a new state, without changing anything (Optax's {@code
 * GradientTransformation}, Babuschkin et al., "The DeepMind JAX Ecosystem", 2020).
 *
 * <p>Updates have the paths and shapes of the gradients and are <em>added</em> to the parameters:
 * {@code params.plus(update.updates())}; a descent step therefore contains the minus sign.
 *
 * @param <S> the state: a small immutable record such as {@link AdamState} or {@link ChainState}
 */
public interface GradientTransformation<S> {

    /** The initial state for {@code params} (e.g. zero moments of the same shapes). */
    S init(Params params);

    /**
     * The updates for {@code grads} and the state after this step.
     *
     * @param grads  the gradients, with the paths of {@code params}
     * @param state  the state returned by {@link #init} or the previous {@code update}
     * @param params the current parameters (used by some transformations, e.g. {@link
     *               Optimizers#addDecayedWeights})
     * @throws IllegalArgumentException if the paths of {@code grads} and the state differ
     */
    Update<S> update(Params grads, S state, Params params);

    /**
     * The state after a monitored metric was observed, such as the validation loss at the end of
     * an epoch: how {@link Optimizers#reduceOnPlateau} learns that the metric stopped improving.
     * A training loop calls it once per epoch, between updates: {@code state =
     * optimizer.observe(state, validationLoss)}. {@link Optimizers#chain} passes the metric to
     * every transformation it holds; the default returns {@code state} unchanged, so calling it for
     * a transformation that monitors nothing is harmless.
     *
     * @param state  the state returned by {@link #init} or the previous {@code update}/{@code
     *               observe}
     * @param metric the monitored value (NaN counts as no improvement)
     */
    default S observe(S state, double metric) {
        return state;
    }

    /** The update half of a transformation, for {@link #of}. */
    @FunctionalInterface
    interface UpdateFunction<S> {
        /** See {@link GradientTransformation#update}. */
        Update<S> apply(Params grads, S state, Params params);
    }

    /** The observe half of a transformation, for the four-argument {@link #of}. */
    @FunctionalInterface
    interface ObserveFunction<S> {
        /** See {@link GradientTransformation#observe}. */
        S apply(S state, double metric);
    }

    /** A transformation from its two functions. */
    static <S> GradientTransformation<S> of(Function<Params, S> init, UpdateFunction<S> update) {
        return of("GradientTransformation", init, update);
    }

    /**
     * A transformation from its two functions, described by {@code description} (its {@code
     * toString}, e.g. {@code "sgd(learningRate=0.1)"}).
     */
    static <S> GradientTransformation<S> of(String description, Function<Params, S> init,
            UpdateFunction<S> update) {
        return of(description, init, update, (state, metric) -> state);
    }

    /**
     * A transformation from its three functions, described by {@code description}; {@code
     * observe} is its {@link #observe}.
     */
    static <S> GradientTransformation<S> of(String description, Function<Params, S> init,
            UpdateFunction<S> update, ObserveFunction<S> observe) {
        checkNotNull(description, "description");
        checkNotNull(init, "init");
        checkNotNull(update, "update");
        checkNotNull(observe, "observe");
        return new GradientTransformation<>() {
            @Override
            public String toString() {
                return description;
            }

            @Override
            public S init(Params params) {
                return init.apply(checkNotNull(params, "params"));
            }

            @Override
            public Update<S> update(Params grads, S state, Params params) {
                return update.apply(checkNotNull(grads, "grads"), checkNotNull(state, "state"),
                        params);
            }

            @Override
            public S observe(S state, double metric) {
                return checkNotNull(observe.apply(checkNotNull(state, "state"), metric),
                        "%s: observe returned null", description);
            }
        };
    }
}
