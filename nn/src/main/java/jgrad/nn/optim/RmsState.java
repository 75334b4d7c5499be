package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByRms}.
 *
 * @param nu the running average of squared gradients {@code v_t} (PyTorch's {@code square_avg})
 * @param mu the running average of gradients {@code g_avg} when centred (PyTorch's {@code
 *           grad_avg}); empty ({@code Params.of()}) when not centred
 */
public record RmsState(Params nu, Params mu) {

    /** @throws NullPointerException if either is null */
    public RmsState {
        checkNotNull(nu, "nu");
        checkNotNull(mu, "mu");
    }
}
