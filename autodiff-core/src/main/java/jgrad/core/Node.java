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
    /** Where user code created the operation, recorded only in anomaly detection; else null. */
    final String site;

    private Node(long levels, Primitive primitive, ImmutableList<Tensor> inputs, long leafLevel,
            Trace owner) {
        this.id = NEXT_ID.getAndIncrement();
        this.site = primitive != null && Anomaly.enabled() ? Anomaly.callSite() : null;
        this.levels = levels;
        this.primitive = primitive;
        this.inputs = inputs;
        this.leafLevel = leafLevel;
        this.owner = owner;
    }

    /** The id the next node will get: every node made from now on has an id at least this. */
    static long nextId() {
        return NEXT_ID.get();
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
        Trace current = Trace.current();
        if (sourceNode == null) {
            return new Node(level, null, ImmutableList.of(), level,
                    level == Trace.TAPE ? null : current);
        }
        long sourceLive = Trace.liveBits(sourceNode);
        long sourceTape = current.liveTape(sourceNode) ? Trace.TAPE : 0;
        if (level == Trace.TAPE) {
            return new Node(Trace.TAPE | sourceLive, null, ImmutableList.of(source), level,
                    sourceLive != 0 ? sourceNode.owner : null);
        }
        if (sourceLive != 0 && sourceNode.owner != current) {
            throw new IllegalStateException("autodiff: an input is being differentiated by an"
                    + " Autodiff call on thread " + sourceNode.owner.threadName()
                    + "; nest Autodiff calls on one thread");
        }
        return new Node(level | sourceLive | sourceTape, null, ImmutableList.of(source), level,
                current);
    }

    boolean isLeaf() {
        return primitive == null;
    }

    /**
     * The operation as error messages name it: {@code leaf}, a custom op's {@link
     * CustomOp#name()}, or the method-like name of a primitive with its parameters ({@code tanh},
     * {@code reduceSum[axes=[0]]}).
     */
    String describe() {
        if (isLeaf()) {
            return "leaf";
        }
        if (primitive instanceof CustomOp) {
            return ((CustomOp) primitive).name();
        }
        String text = primitive.toString();
        int bracket = text.indexOf('[');
        String parameters = bracket < 0 || text.endsWith("[]") ? "" : text.substring(bracket);
        return Tensor.opName(primitive) + parameters;
    }
}
