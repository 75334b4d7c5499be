package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByAdadelta}.
 *
 * @param squareAverage      the running average of squared gradients {@code E[g²]} (PyTorch's
 *                           {@code square_avg})
 * @param deltaSquareAverage the running average of squared updates {@code E[Δx²]} (PyTorch's
 *                           {@code acc_delta})
 */
public record AdadeltaState(Params squareAverage, Params deltaSquareAverage) {

    /** @throws NullPointerException if either is null */
    public AdadeltaState {
        checkNotNull(squareAverage, "squareAverage");
        checkNotNull(deltaSquareAverage, "deltaSquareAverage");
    }
}
