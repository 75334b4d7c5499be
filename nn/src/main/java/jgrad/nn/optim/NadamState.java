package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByNadam}.
 *
 * @param count     the number of updates applied so far
 * @param muProduct {@code μ_1 · μ_2 · … · μ_t}, the product of the momentum coefficients so far
 *                  (1 before the first update; PyTorch's {@code mu_product}), kept in float64
 * @param mu        the first-moment estimate {@code m_t}, not bias-corrected
 * @param nu        the second-moment estimate {@code v_t}, not bias-corrected
 */
public record NadamState(long count, double muProduct, Params mu, Params nu) {

    /** @throws IllegalArgumentException if {@code count} is negative */
    public NadamState {
        checkArgument(count >= 0, "nadam: count must be >= 0, got %s", count);
        checkNotNull(mu, "mu");
        checkNotNull(nu, "nu");
    }
}
