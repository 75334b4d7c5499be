package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#scaleByAdagrad}.
 *
 * @param sumOfSquares the initial accumulator value plus the sum of all squared gradients so far
 *                     (PyTorch's {@code sum})
 */
public record AdagradState(Params sumOfSquares) {

    /** @throws NullPointerException if {@code sumOfSquares} is null */
    public AdagradState {
        checkNotNull(sumOfSquares, "sumOfSquares");
    }
}
