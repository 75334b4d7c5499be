package jgrad.core;

import static com.google.common.base.Preconditions.checkState;

import java.util.function.Supplier;

/**
 * The trace levels of one thread. Each {@link Autodiff} call opens a level (one bit of a {@code
 * long}) on the thread that makes it; the values traced for that level belong to this thread's
 * trace (their {@link Node#owner}). An operation records a {@link Node} when one of its inputs
 * is live: it depends on a level that is active on the trace that owns it, or on the tape level
 * of {@link Tensor#requiresGrad()} while the tape is on for the calling thread (it is off while a
 * tape backward pass runs there, so that pass computes plain values).
 *
 * <p>Liveness is read from the owner, not from the calling thread, so the work that {@code f}
 * hands to a parallel stream or an executor is recorded for the call it belongs to. One
 * operation cannot combine values live for calls on two different threads (it would mix two sets
 * of level bits): {@link #ownerOf} refuses it.
 *
 * <p>A level's bit is its depth on its thread, so a later call at the same depth reuses it. Each
 * opening therefore also records a generation, the next node id: a value depends on an open level
 * only if its node is at least as new, so values left over from a finished call are constants to
 * every later one, on any thread. Only live bits pass from inputs to the nodes made from them.
 */
final class Trace {

    /** The level of {@link Tensor#requiresGrad()} leaves. */
    static final long TAPE = 1L << 63;

    /** Autodiff levels use bits 0..62; deeper nesting than that is refused. */
    private static final int MAX_DEPTH = 63;

    private static final ThreadLocal<Trace> CURRENT = ThreadLocal.withInitial(Trace::new);

    private final String threadName = Thread.currentThread().getName();
    /** Per depth: the first node id of the level open there; written before {@link #active}. */
    private final long[] generation = new long[MAX_DEPTH];
    private int depth;
    /** The levels that record now; volatile because workers of {@code f} read it. */
    private volatile long active = TAPE;

    private Trace() {}

    static Trace current() {
        return CURRENT.get();
    }

    /** The name of the thread this trace belongs to, for messages. */
    String threadName() {
        return threadName;
    }

    /** The levels whose operations record nodes on this thread now. */
    long active() {
        return active;
    }

    /** Opens a new innermost level and returns its bit. */
    long open() {
        checkState(depth < MAX_DEPTH,
                "autodiff: more than %s nested differentiation levels", depth);
        long bit = 1L << depth;
        generation[depth] = Node.nextId();
        depth++;
        active |= bit; // the volatile write publishes the generation to other threads
        return bit;
    }

    /** Closes the innermost level, which must be {@code bit}. */
    void close(long bit) {
        checkState(depth > 0 && bit == 1L << (depth - 1), "autodiff: levels closed out of order");
        depth--;
        active &= ~bit;
    }

    /** Runs {@code body} with the tape level off on this thread, then switches it back. */
    <T> T withoutTape(Supplier<T> body) {
        long saved = active;
        active = saved & ~TAPE;
        try {
            return body.get();
        } finally {
            active = saved;
        }
    }

    /**
     * Runs {@code body} with every level off on this thread: values it computes carry no graph,
     * even from inputs being differentiated. Autodiff calls made inside open levels of their own,
     * which record as usual.
     */
    <T> T withoutRecording(Supplier<T> body) {
        long saved = active;
        active = 0;
        try {
            return body.get();
        } finally {
            active = saved;
        }
    }

    /**
     * The autodiff levels of {@code node} that are open on the trace that owns it, in the
     * generation that made the node.
     */
    static long liveBits(Node node) {
        return liveBits(node.owner, node.levels, node.id);
    }

    /**
     * The autodiff levels among {@code levels} open on {@code owner} (null: none) in a generation
     * no newer than node {@code id}.
     */
    static long liveBits(Trace owner, long levels, long id) {
        if (owner == null) {
            return 0;
        }
        long bits = levels & ~TAPE & owner.active; // the volatile read comes first
        long live = 0;
        while (bits != 0) {
            long bit = Long.lowestOneBit(bits);
            bits &= ~bit;
            if (id >= owner.generation[Long.numberOfTrailingZeros(bit)]) {
                live |= bit;
            }
        }
        return live;
    }

    /** Whether {@code node} depends on an open level of the trace that owns it. */
    static boolean liveLevels(Node node) {
        return liveBits(node) != 0;
    }

    /** Whether {@code node} depends on the tape while the tape is on for the calling thread. */
    boolean liveTape(Node node) {
        return (node.levels & TAPE & active) != 0;
    }

    /**
     * The trace that owns an operation on {@code nodes} (null entries for untraced inputs): the
     * one owner of the inputs whose levels are live, or null if none is.
     *
     * @throws IllegalStateException if inputs are live for calls on two different threads
     */
    static Trace ownerOf(Object op, Node... nodes) {
        // op is named only on failure: building its text costs on every recorded operation.
        Trace owner = null;
        for (Node node : nodes) {
            if (node != null && liveLevels(node)) {
                if (owner != null && owner != node.owner) {
                    throw new IllegalStateException(op + ": combines values being differentiated"
                            + " by Autodiff calls on two threads (" + owner.threadName + " and "
                            + node.owner.threadName + "); nest Autodiff calls on one thread");
                }
                owner = node.owner;
            }
        }
        return owner;
    }
}
