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

    /** The update half of a transformation, for {@link #of}. */
    @FunctionalInterface
    interface UpdateFunction<S> {
        /** See {@link GradientTransformation#update}. */
        Update<S> apply(Params grads, S state, Params params);
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
        checkNotNull(description, "description");
        checkNotNull(init, "init");
        checkNotNull(update, "update");
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
        };
    }
}
