package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByAdam}.
 *
 * @param count the number of updates applied so far ({@code t - 1} during step {@code t})
 * @param mu    the first-moment estimate {@code m_t}, not bias-corrected
 * @param nu    the second-moment estimate {@code v_t}, not bias-corrected
 */
public record AdamState(long count, Params mu, Params nu) {

    /** @throws IllegalArgumentException if {@code count} is negative */
    public AdamState {
        checkArgument(count >= 0, "adam: count must be >= 0, got %s", count);
        checkNotNull(mu, "mu");
        checkNotNull(nu, "nu");
    }
}
