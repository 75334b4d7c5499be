package jgrad.core;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Anomaly detection ({@link Autodiff#detectAnomaly}): the checks that find the first operation
 * producing NaN or an infinity from finite inputs in the forward pass, NaN in the backward pass,
 * and the origin of an infinity that reaches a gradient. A static flag keeps the cost of the off
 * state to one field read per operation; the per-thread state is only consulted when some scope
 * is open or the system property {@code jgrad.anomaly} is {@code true}.
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
     * Where an infinite cotangent of the backward pass was first made from finite values: the
     * anomaly reported if the infinity reaches a returned gradient. An infinity that a later
     * selection discards (relu's vjp drops the cotangent where {@code x < 0}, so sqrt's infinite
     * derivative at a zero that relu made never counts) is legitimate, as PyTorch's anomaly mode,
     * which checks the backward pass for NaN only, lets it pass.
     *
     * @param message the report: the operation whose vjp made the infinity, where that operation
     *     was created, its inputs and the cotangent it was given
     */
    record Origin(String message) {}

    /**
     * A vjp rule's cotangents, and for each the {@link Origin} of its infinities (null when it is
     * finite or its infinities were not made in the backward pass).
     */
    record Swept(ImmutableList<Tensor> cotangents, List<Origin> origins) {}

    /**
     * Runs a node's vjp rule without checking the operations inside it, then checks the
     * cotangents it returns. NaN made from values without NaN throws at once: from finite ones
     * (the cotangent it was given, the node's inputs and output), naming the node and where it
     * was created; from an infinite cotangent of known origin ({@code cotangentOrigin}), naming
     * the node and that origin too. An infinity made from finite values does not throw here: the
     * result records its {@link Origin}, which an infinite cotangent carries on until a selection
     * drops it or it reaches a gradient ({@link #checkGradient}).
     *
     * @throws AnomalyException for a cotangent the rule made NaN
     */
    static Swept backwardOf(Node node, Tensor cotangent, Origin cotangentOrigin, Tensor output,
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
        List<Origin> origins = java.util.Arrays.asList(new Origin[cotangents.size()]);
        boolean finiteCotangent = Kernels.allFinite(cotangent);
        if (!finiteCotangent && (cotangentOrigin == null || Kernels.containsNaN(cotangent))) {
            return new Swept(cotangents, origins); // propagated
        }
        boolean finiteForward = Kernels.allFinite(output);
        for (Tensor input : node.inputs) {
            finiteForward &= Kernels.allFinite(input);
        }
        for (int i = 0; i < cotangents.size(); i++) {
            Tensor result = cotangents.get(i);
            if (result == null || !node.inputs.get(i).isTraced()
                    || !result.dtype().isFloatingPoint() || Kernels.allFinite(result)) {
                continue;
            }
            boolean nan = Kernels.containsNaN(result);
            if (!finiteCotangent) {
                // An infinity made earlier in the sweep passes through, or makes NaN here.
                if (nan && finiteForward) {
                    throw new AnomalyException(report(node, i, "NaN", "from an infinite"
                            + " cotangent", cotangent) + "; the infinity came from: "
                            + cotangentOrigin.message());
                }
                origins.set(i, nan ? null : cotangentOrigin);
            } else if (finiteForward) {
                String made = report(node, i, nan ? "NaN" : "an infinity", "from finite values",
                        cotangent);
                if (nan) {
                    throw new AnomalyException(made);
                }
                origins.set(i, new Origin(made));
            }
        }
        return new Swept(cotangents, origins);
    }

    /**
     * Throws if a sum of cotangents for one tensor made NaN from infinities of opposite signs
     * that the backward pass made; returns the origin the sum carries (either one's).
     *
     * @throws AnomalyException naming the tensor's operation and both origins
     */
    static Origin sum(Node of, Tensor previous, Origin previousOrigin, Tensor added,
            Origin addedOrigin, Tensor sum) {
        if (previousOrigin == null && addedOrigin == null) {
            return null;
        }
        if (Kernels.containsNaN(sum) && !Kernels.containsNaN(previous)
                && !Kernels.containsNaN(added)) {
            throw new AnomalyException("anomaly: the backward pass summed infinite cotangents of"
                    + " opposite signs into NaN for the output of " + of.describe()
                    + "; the infinities came from: "
                    + (previousOrigin == null ? "an input" : previousOrigin.message()) + "; and: "
                    + (addedOrigin == null ? "an input" : addedOrigin.message()));
        }
        return previousOrigin != null ? previousOrigin : addedOrigin;
    }

    /**
     * Throws if a gradient the backward pass returns holds an infinity that the pass made from
     * finite values ({@code origin}), reporting where it was made.
     *
     * @throws AnomalyException the origin's message, and the gradient it reached
     */
    static void checkGradient(Tensor gradient, Origin origin) {
        if (origin != null && gradient.dtype().isFloatingPoint()
                && !Kernels.allFinite(gradient)) {
            throw new AnomalyException(origin.message() + "; it reached a gradient, "
                    + gradient.shape() + " " + gradient.dtype() + ", at element "
                    + firstNonFinite(gradient));
        }
    }

    private static String report(Node node, int input, String what, String from,
            Tensor cotangent) {
        StringBuilder message = new StringBuilder("anomaly: the backward pass of ")
                .append(node.describe()).append(" produced ").append(what)
                .append(" for its input ").append(input).append(' ').append(from);
        if (node.site != null) {
            message.append("; it was created at ").append(node.site);
        }
        message.append("; inputs:");
        appendInputs(message, node.inputs);
        message.append(" cotangent ").append(cotangent.shape()).append(" in ")
                .append(range(cotangent));
        return message.toString();
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
