package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByAdamax}.
 *
 * @param count        the number of updates applied so far
 * @param mu           the first-moment estimate {@code m_t}, not bias-corrected
 * @param infinityNorm the exponentially weighted infinity norm {@code u_t} (PyTorch's {@code
 *                     exp_inf})
 */
public record AdamaxState(long count, Params mu, Params infinityNorm) {

    /** @throws IllegalArgumentException if {@code count} is negative */
    public AdamaxState {
        checkArgument(count >= 0, "adamax: count must be >= 0, got %s", count);
        checkNotNull(mu, "mu");
        checkNotNull(infinityNorm, "infinityNorm");
    }
}
