package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Anomaly detection ({@link Autodiff#detectAnomaly}): the checks that find the first operation
 * producing NaN or an infinity from finite inputs. A static flag keeps the cost of the off state
 * to one field read per operation; the per-thread state is only consulted when some scope is open
 * or the system property {@code jgrad.anomaly} is {@code true}.
 */
final class Anomaly {

    /** Set by {@code -Djgrad.anomaly=true}: anomaly detection everywhere. */
    private static final boolean EVERYWHERE = Boolean.getBoolean("jgrad.anomaly");

    /** The number of scopes open on any thread; positive means threads must check their own. */
    private static volatile int openScopes;

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    /** Per thread: open scopes, and the node whose vjp the backward pass is running. */
    private static final class State {
        int depth;
        Node backwardOf;
    }

    private Anomaly() {}

    /** Whether checks run on this thread now. */
    static boolean enabled() {
        return EVERYWHERE || openScopes > 0 && STATE.get().depth > 0;
    }

    static <T> T scope(Supplier<T> body) {
        State state = STATE.get();
        synchronized (Anomaly.class) {
            openScopes++;
        }
        state.depth++;
        try {
            return body.get();
        } finally {
            state.depth--;
            synchronized (Anomaly.class) {
                openScopes--;
            }
        }
    }

    /** Runs a node's vjp with that node named as the one being differentiated. */
    static <T> T backwardOf(Node node, Supplier<T> rule) {
        State state = STATE.get();
        Node saved = state.backwardOf;
        state.backwardOf = node;
        try {
            return rule.get();
        } finally {
            state.backwardOf = saved;
        }
    }

    /**
     * Throws if {@code output} holds NaN or an infinity while every float input is finite.
     *
     * @throws AnomalyException naming the operation, where it was created and its inputs
     */
    static void check(String op, List<Tensor> inputs, Tensor output) {
        if (!output.dtype().isFloatingPoint() || Kernels.allFinite(output)) {
            return;
        }
        for (Tensor input : inputs) {
            if (!Kernels.allFinite(input)) {
                return; // propagated, not produced here
            }
        }
        StringBuilder message = new StringBuilder("anomaly: ").append(op).append(" produced ")
                .append(Kernels.containsNaN(output) ? "NaN" : "an infinity")
                .append(" from finite inputs");
        Node backwardOf = STATE.get().backwardOf;
        if (backwardOf != null) {
            message.append(" in the backward pass of ").append(backwardOf.describe());
            if (backwardOf.site != null) {
                message.append(", which was created at ").append(backwardOf.site);
            }
        } else {
            message.append(", at ").append(callSite());
        }
        message.append("; inputs:");
        for (Tensor input : inputs) {
            message.append(' ').append(input.shape()).append(' ').append(input.dtype())
                    .append(" in ").append(range(input)).append(';');
        }
        message.setLength(message.length() - 1);
        throw new AnomalyException(message.toString());
    }

    /** Where jgrad's core classes were loaded from: frames from there are not user code. */
    private static final java.security.CodeSource CORE =
            Tensor.class.getProtectionDomain().getCodeSource();

    private static final StackWalker WALKER =
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * Where user code made the current operation: the first frame outside jgrad's core classes
     * (by where they were loaded from, so user code in a {@code jgrad.core} package counts as
     * user code); a frame of jgrad's libraries ({@code jgrad.nn}, {@code jgrad.datasets}), such
     * as a loss, is named with the frame that called it.
     */
    static String callSite() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stream -> stream
                .filter(f -> !isCore(f) && !f.getClassName().startsWith("java.")
                        && !f.getClassName().startsWith("jdk."))
                .limit(16).collect(ImmutableList.toImmutableList()));
        if (frames.isEmpty()) {
            return "an unknown place";
        }
        StackWalker.StackFrame first = frames.get(0);
        String site = frame(first);
        if (isLibrary(first)) {
            Optional<StackWalker.StackFrame> user = frames.stream()
                    .filter(f -> !isLibrary(f)).findFirst();
            if (user.isPresent()) {
                site += ", called from " + frame(user.get());
            }
        }
        return site;
    }

    private static boolean isCore(StackWalker.StackFrame frame) {
        java.security.CodeSource source =
                frame.getDeclaringClass().getProtectionDomain().getCodeSource();
        return CORE != null && source != null
                && CORE.getLocation().equals(source.getLocation());
    }

    private static boolean isLibrary(StackWalker.StackFrame frame) {
        String name = frame.getClassName();
        return name.startsWith("jgrad.nn.") || name.startsWith("jgrad.datasets.");
    }

    private static String frame(StackWalker.StackFrame frame) {
        return frame.getFileName() + ":" + frame.getLineNumber() + " ("
                + frame.getClassName() + "." + frame.getMethodName() + ")";
    }

    private static String range(Tensor tensor) {
        if (tensor.size() == 0) {
            return "[] (no elements)";
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : tensor.toArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return "[" + min + ", " + max + "]";
    }
}
