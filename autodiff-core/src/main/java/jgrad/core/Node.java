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

    private Node(long levels, Primitive primitive, ImmutableList<Tensor> inputs, long leafLevel) {
        this.id = NEXT_ID.getAndIncrement();
        this.levels = levels;
        this.primitive = primitive;
        this.inputs = inputs;
        this.leafLevel = leafLevel;
    }

    static Node operation(Primitive primitive, ImmutableList<Tensor> inputs, long levels) {
        return new Node(levels, primitive, inputs, 0);
    }

    /**
     * A leaf of {@code level}. When {@code source} is itself traced, the leaf passes cotangents
     * on to it, so that an outer level can differentiate through the inner call.
     */
    static Node leaf(long level, Tensor source) {
        Node sourceNode = source.node();
        return sourceNode == null
                ? new Node(level, null, ImmutableList.of(), level)
                : new Node(level | sourceNode.levels, null, ImmutableList.of(source), level);
    }

    boolean isLeaf() {
        return primitive == null;
    }

    String describe() {
        return isLeaf() ? "leaf" : primitive.toString();
    }
}
