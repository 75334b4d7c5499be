package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByLion}.
 *
 * @param mu the momentum {@code m_t = b2 · m_{t-1} + (1 - b2) · g_t}
 */
public record LionState(Params mu) {

    /** @throws NullPointerException if {@code mu} is null */
    public LionState {
        checkNotNull(mu, "mu");
    }
}
