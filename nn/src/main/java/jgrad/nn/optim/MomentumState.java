package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#accumulateMomentum}: the velocity, a running sum of gradients.
 *
 * @param velocity {@code v_t = momentum · v_{t-1} + g_t}, with the parameters' paths and shapes
 */
public record MomentumState(Params velocity) {

    /** @throws NullPointerException if {@code velocity} is null */
    public MomentumState {
        checkNotNull(velocity, "velocity");
    }
}
