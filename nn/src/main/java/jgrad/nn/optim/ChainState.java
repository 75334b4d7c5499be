package jgrad.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;

/**
 * The state of {@link Optimizers#chain}: one state per chained transformation, in order.
 *
 * @param states the states; {@code states.get(i)} belongs to the {@code i}-th transformation
 */
public record ChainState(ImmutableList<Object> states) {

    /** @throws NullPointerException if {@code states} is null */
    public ChainState {
        checkNotNull(states, "states");
    }
}
