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

    /**
     * Whether operations check their results now: not inside a vjp rule, whose intermediate
     * values may be infinite where a strong zero cotangent discards them (the infinite derivative
     * of sqrt at 0 times a zero cotangent); the rule's results are checked instead.
     */
    static boolean checksOperations() {
        return enabled() && STATE.get().backwardOf == null;
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

    /**
     * Runs a node's vjp rule without checking the operations inside it, then checks the
     * cotangents it returns: one that holds NaN or an infinity while the cotangent it was given,
     * the node's inputs and its output are all finite throws, naming the node and where it was
     * created.
     *
     * @throws AnomalyException for a cotangent the rule made non-finite
     */
    static ImmutableList<Tensor> backwardOf(Node node, Tensor cotangent, Tensor output,
            Supplier<ImmutableList<Tensor>> rule) {
        State state = STATE.get();
        Node saved = state.backwardOf;
        state.backwardOf = node;
        ImmutableList<Tensor> cotangents;
        try {
            cotangents = rule.get();
        } finally {
            state.backwardOf = saved;
        }
        if (!Kernels.allFinite(cotangent) || !Kernels.allFinite(output)) {
            return cotangents; // propagated
        }
        for (Tensor input : node.inputs) {
            if (!Kernels.allFinite(input)) {
                return cotangents;
            }
        }
        for (int i = 0; i < cotangents.size(); i++) {
            Tensor result = cotangents.get(i);
            if (node.inputs.get(i).isTraced() && result.dtype().isFloatingPoint()
                    && !Kernels.allFinite(result)) {
                StringBuilder message = new StringBuilder("anomaly: the backward pass of ")
                        .append(node.describe()).append(" produced ")
                        .append(Kernels.containsNaN(result) ? "NaN" : "an infinity")
                        .append(" for its input ").append(i).append(" from finite values");
                if (node.site != null) {
                    message.append("; it was created at ").append(node.site);
                }
                message.append("; inputs:");
                appendInputs(message, node.inputs);
                message.append(" cotangent ").append(cotangent.shape()).append(" in ")
                        .append(range(cotangent));
                throw new AnomalyException(message.toString());
            }
        }
        return cotangents;
    }

    private static void appendInputs(StringBuilder message, List<Tensor> inputs) {
        for (Tensor input : inputs) {
            message.append(' ').append(input.shape()).append(' ').append(input.dtype())
                    .append(" in ").append(range(input)).append(';');
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
                .append(" from finite inputs, at ").append(callSite())
                .append("; first at element ").append(firstNonFinite(output))
                .append(" of its output ").append(output.shape()).append("; inputs:");
        appendInputs(message, inputs);
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

    /**
     * {@code "MyTest.java:42 (MyTest.method)"}; for a JShell snippet {@code "jshell snippet, line
     * 3"} ({@link SourcePosition}: its wrapper class's name means nothing to its reader).
     */
    private static String frame(StackWalker.StackFrame frame) {
        String position = SourcePosition.of(frame);
        return SourcePosition.isJShell(frame.getClassName()) ? position
                : position + " (" + frame.getClassName() + "." + frame.getMethodName() + ")";
    }

    /** The coordinates of the first NaN or infinite element, {@code "[1, 0] (NaN)"}. */
    private static String firstNonFinite(Tensor tensor) {
        double[] values = tensor.toArray();
        for (int flat = 0; flat < values.length; flat++) {
            if (!Double.isFinite(values[flat])) {
                int[] index = new int[tensor.rank()];
                int rest = flat;
                for (int d = index.length - 1; d >= 0; d--) {
                    index[d] = rest % tensor.shape().dim(d);
                    rest /= tensor.shape().dim(d);
                }
                return java.util.Arrays.toString(index) + " (" + values[flat] + ")";
            }
        }
        return "none";
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
