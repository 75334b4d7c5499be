package jgrad.core;

import static com.google.common.base.Preconditions.checkState;

import java.util.function.Supplier;

/**
 * The trace levels open on this thread. Each {@link Autodiff} call opens a level (one bit of a
 * {@code long}); an operation records a {@link Node} only when one of its inputs depends on an
 * active level. The tape level of {@link Tensor#requiresGrad()} is the top bit and is active
 * except while a tape backward pass runs, so that pass computes plain values.
 *
 * <p>Levels are per thread: a function differentiated on one thread must compute on that thread
 * (work handed to a parallel stream inside {@code f} is not recorded). A level's bit is its depth,
 * so a later call at the same depth reuses it; values left over from a closed level may then be
 * recorded or walked needlessly, but never change a result, because the backward pass matches its
 * targets by node id.
 */
final class Trace {

    /** The level of {@link Tensor#requiresGrad()} leaves. */
    static final long TAPE = 1L << 63;

    /** Autodiff levels use bits 0..62; deeper nesting than that is refused. */
    private static final int MAX_DEPTH = 63;

    private static final ThreadLocal<Trace> CURRENT = ThreadLocal.withInitial(Trace::new);

    private int depth;
    private long active = TAPE;

    private Trace() {}

    static Trace current() {
        return CURRENT.get();
    }

    /** The levels whose operations record nodes now. */
    long active() {
        return active;
    }

    /** Opens a new innermost level and returns its bit. */
    long open() {
        checkState(depth < MAX_DEPTH,
                "autodiff: more than %s nested differentiation levels", depth);
        long bit = 1L << depth;
        depth++;
        active |= bit;
        return bit;
    }

    /** Closes the innermost level, which must be {@code bit}. */
    void close(long bit) {
        checkState(depth > 0 && bit == 1L << (depth - 1), "autodiff: levels closed out of order");
        depth--;
        active &= ~bit;
    }

    /** Runs {@code body} with exactly {@code levels} active, then restores the previous set. */
    <T> T withActive(long levels, Supplier<T> body) {
        long saved = active;
        active = levels;
        try {
            return body.get();
        } finally {
            active = saved;
        }
    }
}
