package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How a traced tensor was made: the primitive and its inputs, or, for a leaf, nothing (or the
 * tensor it stands for at an outer level). Immutable; the graph is the inputs' nodes, reached
 * through the input tensors.
 */
final class Node {

    private static final AtomicLong NEXT_ID = new AtomicLong();

    final long id;
    /** The levels this value depends on: the union of the inputs' levels, plus a leaf's own. */
    final long levels;
    /** The operation that made the value; {@code null} for a leaf. */
    final Primitive primitive;
    /** The operation's inputs; for a leaf, empty or the outer-level tensor it stands for. */
    final ImmutableList<Tensor> inputs;
    /** For a leaf, the level it was made for; 0 for an operation. */
    final long leafLevel;
    /**
     * The trace (thread) whose {@link Autodiff} levels are among {@link #levels}; null when the
     * value depends on the tape only.
     */
    final Trace owner;

    private Node(long levels, Primitive primitive, ImmutableList<Tensor> inputs, long leafLevel,
            Trace owner) {
        this.id = NEXT_ID.getAndIncrement();
        this.levels = levels;
        this.primitive = primitive;
        this.inputs = inputs;
        this.leafLevel = leafLevel;
        this.owner = owner;
    }

    static Node operation(Primitive primitive, ImmutableList<Tensor> inputs, long levels,
            Trace owner) {
        return new Node(levels, primitive, inputs, 0, owner);
    }

    /**
     * A leaf of {@code level}: the tape, or a level just opened on the calling thread. When
     * {@code source} is itself traced, the leaf passes cotangents on to it, so that an outer level
     * can differentiate through the inner call.
     *
     * @throws IllegalStateException if {@code source} is live for a call on another thread
     */
    static Node leaf(long level, Tensor source) {
        Node sourceNode = source.node();
        Trace owner = level == Trace.TAPE ? null : Trace.current();
        if (sourceNode == null) {
            return new Node(level, null, ImmutableList.of(), level, owner);
        }
        if (owner == null) {
            owner = sourceNode.owner;
        } else if (sourceNode.owner != null && sourceNode.owner != owner) {
            if (Trace.liveLevels(sourceNode)) {
                throw new IllegalStateException("autodiff: an input is being differentiated by an"
                        + " Autodiff call on thread " + sourceNode.owner.threadName()
                        + "; nest Autodiff calls on one thread");
            }
            // Not live there: the source's levels are not ours to carry.
            return new Node(level | (sourceNode.levels & Trace.TAPE), null,
                    ImmutableList.of(source), level, owner);
        }
        return new Node(level | sourceNode.levels, null, ImmutableList.of(source), level, owner);
    }

    boolean isLeaf() {
        return primitive == null;
    }

    String describe() {
        return isLeaf() ? "leaf" : primitive.toString();
    }
}
