package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The state of {@link Optimizers#masked}: the state of the wrapped transformation, made for the
 * selected parameters only.
 *
 * @param inner the wrapped transformation's state
 */
public record MaskedState(Object inner) {

    /** @throws NullPointerException if {@code inner} is null */
    public MaskedState {
        checkNotNull(inner, "inner");
    }
}
