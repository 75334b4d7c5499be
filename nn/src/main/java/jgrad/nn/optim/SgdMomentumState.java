package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;

/**
 * The state of {@link Optimizers#sgdMomentum}.
 *
 * @param count  the number of updates applied so far (the first update sets the buffer to the
 *               gradient, as PyTorch's {@code SGD})
 * @param buffer the momentum buffer {@code b_t} (PyTorch's {@code momentum_buffer}); zeros before
 *               the first update
 */
public record SgdMomentumState(long count, Params buffer) {

    /** @throws IllegalArgumentException if {@code count} is negative */
    public SgdMomentumState {
        checkArgument(count >= 0, "sgdMomentum: count must be >= 0, got %s", count);
        checkNotNull(buffer, "buffer");
    }
}
