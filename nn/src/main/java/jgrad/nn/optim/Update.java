package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The result of one {@link GradientTransformation#update}: updates to add to the parameters and
 * the new state.
 *
 * @param updates the updates, with the gradients' paths and shapes (apply with {@code
 *                params.plus(updates)})
 * @param state   the state for the next step
 * @param <S>     the state type
 */
public record Update<S>(Params updates, S state) {

    /** @throws NullPointerException if either is null */
    public Update {
        checkNotNull(updates, "updates");
        checkNotNull(state, "state");
    }
}
