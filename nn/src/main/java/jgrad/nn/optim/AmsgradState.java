package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByAmsgrad}.
 *
 * @param count the number of updates applied so far
 * @param mu    the first-moment estimate {@code m_t}, not bias-corrected
 * @param nu    the second-moment estimate {@code v_t}, not bias-corrected
 * @param nuMax the elementwise maximum of {@code v_1 .. v_t} (PyTorch's {@code max_exp_avg_sq})
 */
public record AmsgradState(long count, Params mu, Params nu, Params nuMax) {

    /** @throws IllegalArgumentException if {@code count} is negative */
    public AmsgradState {
        checkArgument(count >= 0, "amsgrad: count must be >= 0, got %s", count);
        checkNotNull(mu, "mu");
        checkNotNull(nu, "nu");
        checkNotNull(nuMax, "nuMax");
    }
}
