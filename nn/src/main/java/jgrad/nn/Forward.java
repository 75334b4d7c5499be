package jgrad.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * What {@link Layer#forward} returns: the output, and the layer's state after the pass (batch
 * normalisation's updated running statistics in training mode; the unchanged state otherwise).
 * Apply the state with {@link Layer#withState}; the layer itself is never changed.
 *
 * @param output the layer's output
 * @param state  the new state, with the paths of {@link Layer#state()}; never traced (running
 *               statistics are not differentiated)
 */
public record Forward(Tensor output, Params state) {

    /** @throws NullPointerException if an argument is null */
    public Forward {
        checkNotNull(output, "forward: output is null");
        checkNotNull(state, "forward: state is null");
    }
}
