package jgrad.core;

import com.google.common.collect.ImmutableSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where an untraced value came from values being differentiated: the operations that dropped
 * the trace (a cast to an integer dtype, a comparison mask, argmax), carried through the plain
 * operations computed from it, so that a gradient that is zero only because of them is reported
 * as such ({@link Autodiff}'s warning), not as an output that ignores its input. It holds no
 * node or tensor of the graph: keeping an integer result alive keeps nothing else alive.
 *
 * @param owner the trace whose levels the dropped values were live for
 * @param levels those levels (autodiff bits, never the tape)
 * @param id the newest node id among the dropped values: a level reopened later, at the same
 *     depth, is a different call (see {@link Trace})
 * @param ops the operations that dropped the trace, first seen first, at most {@link #MAX_OPS}
 */
record Cut(Trace owner, long levels, long id, ImmutableSet<String> ops) {

    /** How many operation names a cut keeps, for a message. */
    static final int MAX_OPS = 4;

    /**
     * The cut of an untraced result of {@code op} on {@code inputs}: the inputs' own cuts, and
     * the live inputs whose trace {@code op} drops; null if there is neither.
     */
    static Cut after(String op, Tensor... inputs) {
        return after(() -> op, inputs);
    }

    /** As {@link #after(String, Tensor...)}, naming the primitive only if it drops a trace. */
    static Cut after(Primitive primitive, Tensor... inputs) {
        return after(() -> describe(primitive), inputs);
    }

    private static Cut after(Supplier<String> op, Tensor... inputs) {
        Cut result = null;
        for (Tensor input : inputs) {
            Cut cut = input.cut();
            if (cut == null && input.node() != null) {
                Node node = input.node();
                long bits = Trace.liveBits(node);
                cut = bits == 0 ? null
                        : new Cut(node.owner, bits, node.id, ImmutableSet.of(op.get()));
            }
            result = merge(result, cut);
        }
        return result;
    }

    /** How an operation that drops the trace is named to the user. */
    private static String describe(Primitive primitive) {
        if (primitive instanceof Cast cast) {
            return "cast to " + cast.dtype();
        }
        if (primitive instanceof Less || primitive instanceof Equal) {
            return "comparison mask";
        }
        return Tensor.opName(primitive);
    }

    private static Cut merge(Cut a, Cut b) {
        if (a == null || b == null || a.owner != b.owner) {
            return a == null ? b : a;
        }
        ImmutableSet<String> ops = a.ops.size() >= MAX_OPS || a.ops.containsAll(b.ops) ? a.ops
                : Stream.concat(a.ops.stream(), b.ops.stream()).distinct().limit(MAX_OPS)
                        .collect(ImmutableSet.toImmutableSet());
        return new Cut(a.owner, a.levels | b.levels, Math.max(a.id, b.id), ops);
    }

    /** Whether the dropped values depended on {@code level}, open now on {@code trace}. */
    boolean dependsOn(Trace trace, long level) {
        return owner == trace && (Trace.liveBits(owner, levels, id) & level) != 0;
    }
}
