package jgrad.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.util.Map;
import java.util.Optional;
import jgrad.core.Shape;

/**
 * The outcome of a gradient check, in the terms of what was checked: every compared value (your
 * derivative, the numeric estimate, jgrad's reverse mode where it was computed, the error, the
 * allowed error and a status), which ones fail, the worst of them, the tolerance and step, the
 * error budget of the worst comparison, and notes on anything the check did differently (a step
 * shrunk at a domain edge, a one-sided difference, a kink, a float32 input checked in float64).
 *
 * <p>{@link #toString()} is the readable form (JShell prints it); {@link #summary()} is its first
 * line; {@link #toJson()} is the same content for tools.
 *
 * @param name            what was checked: the name given to the check, else {@code "f"}
 * @param createdAt       where the check was created: the caller's {@code File.java:line}
 * @param check           which check ran
 * @param inputShapes     the shape of each input ({@code "x"} or parameter paths), in order
 * @param outputShape     the shape of {@code f(x)}
 * @param verdict         passed, failed, or not judged (and why, in {@code notes})
 * @param entries         every comparison, input by input in element order
 * @param tolerance       the tolerance and the dtype the check computed in
 * @param budget          the error budget of the estimate the worst comparison was judged by (a
 *                        central or one-sided difference, or a Richardson extrapolation); empty
 *                        at a kink, or where no difference was taken
 * @param notes           what the check did differently from the standard method, and why
 * @param nonFiniteOutput the first element of {@code f(x)} that is NaN or infinite, if any: the
 *                        check then fails before any comparison
 */
public record GradCheckReport(String name, String createdAt, Check check,
        ImmutableMap<String, Shape> inputShapes, Shape outputShape, Verdict verdict,
        ImmutableList<Entry> entries, Tolerance tolerance, Optional<ErrorBudget> budget,
        ImmutableList<String> notes, Optional<NonFiniteOutput> nonFiniteOutput) {

    /** Which derivative was compared with which reference. */
    public enum Check {
        /** jgrad's reverse mode ({@code Autodiff.vjp}) against central differences. */
        REVERSE_MODE("jgrad", "numeric", "jgrad's reverse mode vs central differences"),
        /** A gradient you supplied (of a scalar function) against central differences. */
        GRADIENT("yours", "numeric", "your gradient vs central differences"),
        /** A Jacobian you supplied against central differences. */
        JACOBIAN("yours", "numeric", "your Jacobian vs central differences"),
        /** A vjp you supplied against central differences. */
        VJP("yours", "numeric", "your vjp vs central differences"),
        /**
         * A custom op's own jvp against central differences ({@link GradCheck#checkOp}): {@code
         * u^T J} assembled from jvps of basis tangents, compared like a vjp.
         */
        JVP("jvp", "numeric", "the op's jvp vs central differences"),
        /** jgrad's forward mode ({@code Autodiff.jvp}) against its reverse mode. */
        FORWARD_VS_REVERSE("forward", "reverse", "jgrad's forward mode (jvp) vs reverse mode"
                + " (vjp)"),
        /** Grad of grad (reverse over reverse) against central differences of the gradient. */
        SECOND_ORDER("grad-grad", "numeric", "grad of grad (reverse over reverse) vs central"
                + " differences of the gradient");

        private final String valueLabel;
        private final String referenceLabel;
        private final String description;

        Check(String valueLabel, String referenceLabel, String description) {
            this.valueLabel = valueLabel;
            this.referenceLabel = referenceLabel;
            this.description = description;
        }

        /** The column name of the derivative under test: {@code "yours"}, {@code "jgrad"}... */
        public String valueLabel() {
            return valueLabel;
        }

        /** The column name of the reference: {@code "numeric"} or {@code "reverse"}. */
        public String referenceLabel() {
            return referenceLabel;
        }

        /** {@code "your gradient vs central differences"}. */
        public String description() {
            return description;
        }
    }

    /** How the compared values are formed. */
    public enum Method {
        /** Every element of the Jacobian {@code dy[j] / dx[i]} (the gradient for scalar f). */
        EVERY_ELEMENT("every element"),
        /** Every element of {@code u^T J} for one random cotangent {@code u} (large outputs). */
        COTANGENT("every element of u^T J, u random"),
        /** {@code u^T J v} for random {@code u} and unit directions {@code v} (large inputs). */
        PROJECTION("random projections u^T J v");

        private final String description;

        Method(String description) {
            this.description = description;
        }

        /** {@code "every element"}. */
        public String description() {
            return description;
        }
    }

    /** The overall verdict. */
    public enum Verdict {
        /** Every compared value is within tolerance (or a valid subgradient at a kink). */
        PASSED,
        /** Some compared value is not, or {@code f(x)} is not finite. */
        FAILED,
        /** Nothing failed, but the check could not judge (see the notes). */
        NOT_CHECKED
    }

    /** The verdict on one compared value. */
    public enum Status {
        /** Within tolerance. */
        PASSED,
        /** Outside tolerance (at a kink: not between the one-sided derivatives). */
        FAILED,
        /** At a kink, and between its one-sided derivatives: a valid subgradient. */
        KINK,
        /** Not judged: outside the declared domain, or no room for a difference. */
        NOT_CHECKED
    }

    /**
     * One compared value.
     *
     * @param method      how it was formed
     * @param input       the input: {@code "x"} or a parameter path
     * @param index       the input element's coordinates (empty for a projection or a scalar)
     * @param outputIndex the output element's coordinates, for a Jacobian element of a function
     *                    with more than one output element; else empty
     * @param projection  the projection's number, 1 to the number of directions, in the order its
     *                    direction was drawn; 0 otherwise
     * @param value       the derivative under test (yours, or jgrad's)
     * @param numeric     the reference: the finite-difference estimate (at a kink, the nearest
     *                    point between the one-sided derivatives), or jgrad's reverse mode for
     *                    {@link Check#FORWARD_VS_REVERSE}
     * @param reverse     jgrad's reverse mode at this element when a derivative you supplied is
     *                    checked; NaN otherwise
     * @param error       {@code |value - numeric|}
     * @param allowed     the error the tolerance allows there
     * @param status      the verdict on this value
     * @param step        the step of the difference (NaN if none)
     * @param scheme      {@code "central"}, {@code "forward"}, {@code "backward"}, {@code
     *                    "kink"}, {@code "none"}, or {@code "-"} where no difference was taken
     * @param refinement  0, or {@code k} if {@code numeric} is the Richardson extrapolation of the
     *                    differences at {@code step / 4^(k-1)} and {@code step / 4^k}
     * @param left        the one-sided derivative from below, at or near a kink (or where f
     *                    jumps at x); NaN otherwise
     * @param right       the one-sided derivative from above, likewise; NaN otherwise
     * @param note        what was special here (a kink, a shrunk step), or empty
     * @param kinkOffset  where the kink is relative to the input element: 0 at it (the value
     *                    must then lie between {@code left} and {@code right}), else its signed
     *                    offset, for a kink inside the step but not at x (the value must then be
     *                    the one-sided derivative of x's side, which {@code numeric} holds); NaN
     *                    where no kink was found
     */
    public record Entry(Method method, String input, ImmutableIntArray index,
            ImmutableIntArray outputIndex, int projection, double value, double numeric,
            double reverse, double error, double allowed, Status status, double step,
            String scheme, int refinement, double left, double right, String note,
            double kinkOffset) {

        /** @throws NullPointerException if a reference component is null */
        public Entry {
            checkNotNull(method, "method");
            checkNotNull(input, "input");
            checkNotNull(index, "index");
            checkNotNull(outputIndex, "outputIndex");
            checkNotNull(status, "status");
            checkNotNull(scheme, "scheme");
            checkNotNull(note, "note");
        }

        /**
         * An entry whose kink, if any ({@code left} not NaN), is at the input element itself.
         *
         * @throws NullPointerException if a reference component is null
         */
        public Entry(Method method, String input, ImmutableIntArray index,
                ImmutableIntArray outputIndex, int projection, double value, double numeric,
                double reverse, double error, double allowed, Status status, double step,
                String scheme, int refinement, double left, double right, String note) {
            this(method, input, index, outputIndex, projection, value, numeric, reverse, error,
                    allowed, status, step, scheme, refinement, left, right, note,
                    Double.isNaN(left) ? Double.NaN : 0);
        }

        /** Whether a kink was found at this element itself (not only inside its step). */
        public boolean atKink() {
            return kinkOffset == 0;
        }

        /**
         * Where it is: {@code "x[1, 2]"}, {@code "dy[0]/dx[1, 2]"} for a Jacobian element, {@code
         * "x, projection 3"}.
         */
        public String where() {
            if (projection > 0) {
                return input + ", projection " + projection;
            }
            String in = index.isEmpty() ? input : input + index;
            return outputIndex.isEmpty() ? in : "dy" + outputIndex + "/d" + in;
        }

        /**
         * {@code "x[0]: value 0.0, numeric 0.0, error 0.000e+00, allowed 1.000e-07, KINK
         * (one-sided derivatives -1.0 and 1.0); declared kink at x[0] = 0.0"}.
         */
        @Override
        public String toString() {
            String kink = Double.isNaN(left) ? ""
                    : String.format(" (one-sided derivatives %s and %s%s)", left, right,
                            atKink() || Double.isNaN(kinkOffset) ? ""
                                    : String.format(", kink at offset %.3e", kinkOffset));
            return String.format("%s: value %s, numeric %s, error %.3e, allowed %.3e, %s%s%s",
                    where(), value, numeric, error, allowed, status, kink,
                    note.isEmpty() ? "" : "; " + note);
        }

        /** How far outside its tolerance (above 1 fails); infinite for NaN. */
        double ratio() {
            double ratio = error / allowed;
            return Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
        }

        boolean failed() {
            return status == Status.FAILED;
        }
    }

    /**
     * The error expected of the estimate the worst comparison was judged by: for a central
     * difference at step {@code step}, truncation {@code h^2 |f'''| / 6} (with {@code f'''} from a
     * third difference) and rounding ({@code 16 eps (|f(x + h)| + |f(x - h)|) / 2h}); for a
     * one-sided difference, truncation {@code h^2 |f'''| / 3}; for a Richardson extrapolation
     * ({@code step} is then its finest step), the gap to the extrapolation before it, and the
     * rounding of the differences it combines.
     *
     * @param step       the step of the estimate (the finest one for an extrapolation)
     * @param truncation the truncation error estimate
     * @param rounding   the bound on its rounding error
     * @param estimate   which estimate, and its truncation formula: {@code "central difference,
     *                   truncation h^2|f'''|/6"}, {@code "Richardson extrapolation of central
     *                   differences at h/64 and h/256 of h = 1.000e-05, truncation ~ |R_3 -
     *                   R_2|"}, ...
     */
    public record ErrorBudget(double step, double truncation, double rounding, String estimate) {

        /** @throws NullPointerException if {@code estimate} is null */
        public ErrorBudget {
            checkNotNull(estimate, "estimate");
        }

        /** The budget of a central difference at step {@code step}. */
        public ErrorBudget(double step, double truncation, double rounding) {
            this(step, truncation, rounding, "central difference, truncation h^2|f'''|/6");
        }

        /** {@code truncation + rounding}. */
        public double total() {
            return truncation + rounding;
        }
    }

    /**
     * An element of {@code f(x)} that is NaN or infinite; finite differences of it are meaningless.
     *
     * @param index the element's coordinates in {@code f(x)} (empty for a scalar)
     * @param value NaN or an infinity
     * @param cause the operation that first produced a non-finite value from finite inputs, and
     *              where, from anomaly detection ({@code jgrad.core.Autodiff#detectAnomaly}):
     *              {@code "log produced NaN from finite inputs, at MyTest.java:12 (...); first at
     *              element [1] (NaN) of its output [3]; inputs: ..."}; empty if none was found
     */
    public record NonFiniteOutput(ImmutableIntArray index, double value, String cause) {
        /** @throws NullPointerException if {@code index} or {@code cause} is null */
        public NonFiniteOutput {
            checkNotNull(index, "index");
            checkNotNull(cause, "cause");
        }

        /** A non-finite element whose cause is not known. */
        public NonFiniteOutput(ImmutableIntArray index, double value) {
            this(index, value, "");
        }
    }

    /** @throws NullPointerException if a reference component is null */
    public GradCheckReport {
        checkNotNull(name, "name");
        checkNotNull(createdAt, "createdAt");
        checkNotNull(check, "check");
        checkNotNull(inputShapes, "inputShapes");
        checkNotNull(outputShape, "outputShape");
        checkNotNull(verdict, "verdict");
        checkNotNull(entries, "entries");
        checkNotNull(tolerance, "tolerance");
        checkNotNull(budget, "budget");
        checkNotNull(notes, "notes");
        checkNotNull(nonFiniteOutput, "nonFiniteOutput");
    }

    /** Whether the verdict is {@link Verdict#PASSED}. */
    public boolean passed() {
        return verdict == Verdict.PASSED;
    }

    /**
     * The worst comparison: the failing one furthest outside its tolerance, else the judged one
     * closest to its limit; empty if none was made.
     */
    public Optional<Entry> worst() {
        Entry worst = null;
        for (Entry entry : entries) {
            if (entry.status() == Status.NOT_CHECKED) {
                continue;
            }
            if (worst == null || (entry.failed() && !worst.failed())
                    || (entry.failed() == worst.failed() && entry.ratio() > worst.ratio())) {
                worst = entry;
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The failing comparisons, in order. */
    public ImmutableList<Entry> failures() {
        return entries.stream().filter(Entry::failed).collect(ImmutableList.toImmutableList());
    }

    /**
     * The comparisons at kinks or with a kink inside their step (failing or not), in order.
     */
    public ImmutableList<Entry> kinks() {
        return entries.stream().filter(entry -> !Double.isNaN(entry.left()))
                .collect(ImmutableList.toImmutableList());
    }

    /** The number of comparisons made (judged or not). */
    public int comparisons() {
        return entries.size();
    }

    /** The worst comparison's method; {@link Method#EVERY_ELEMENT} if none was made. */
    public Method method() {
        return worst().map(Entry::method).orElse(Method.EVERY_ELEMENT);
    }

    /** The worst comparison's input ({@code "-"} if none). */
    public String input() {
        return worst().map(Entry::input).orElse("-");
    }

    /** The worst comparison's input coordinates (empty if none). */
    public ImmutableIntArray index() {
        return worst().map(Entry::index).orElse(ImmutableIntArray.of());
    }

    /** The worst comparison's derivative under test (NaN if none). */
    public double analytic() {
        return worst().map(Entry::value).orElse(Double.NaN);
    }

    /** The worst comparison's reference value (NaN if none). */
    public double numeric() {
        return worst().map(Entry::numeric).orElse(Double.NaN);
    }

    /** The worst comparison's error (NaN if none). */
    public double error() {
        return worst().map(Entry::error).orElse(Double.NaN);
    }

    /** The worst comparison's allowed error (NaN if none). */
    public double allowed() {
        return worst().map(Entry::allowed).orElse(Double.NaN);
    }

    /** The worst comparison's projection number (0 if none or elementwise). */
    public int projection() {
        return worst().map(Entry::projection).orElse(0);
    }

    /** The worst comparison's Richardson level (0 if none). */
    public int refinement() {
        return worst().map(Entry::refinement).orElse(0);
    }

    /** The worst comparison's step (NaN if none). */
    public double step() {
        return worst().map(Entry::step).orElse(Double.NaN);
    }

    /**
     * Throws unless the check passed.
     *
     * @throws AssertionError with this report's text if the verdict is not {@link Verdict#PASSED}
     */
    public GradCheckReport assertPassed() {
        if (!passed()) {
            throw new AssertionError(toString());
        }
        return this;
    }

    /**
     * One line: the verdict, what was checked, and the worst comparison with its values, error and
     * allowed error (or the non-finite output element).
     */
    public String summary() {
        return ReportText.summary(this);
    }

    /**
     * The readable report: the summary, where and how the check ran, a table of the compared
     * values (all of them for up to {@value ReportText#TABLE_ROWS} rows, else the failing and
     * the worst ones), the failing elements, the worst comparison, its error budget and the notes.
     */
    @Override
    public String toString() {
        return ReportText.text(this);
    }

    /**
     * The report as one JSON object (RFC 8259): every component, every entry, and {@code
     * "passed"}, {@code "worst"} and {@code "failures"} (entry indices). NaN and infinities,
     * which JSON numbers cannot hold, are the strings {@code "NaN"}, {@code "Infinity"} and
     * {@code "-Infinity"}.
     */
    public String toJson() {
        return ReportJson.of(this);
    }

    /** The inputs and their shapes as text: {@code "x [2, 3]"}, {@code "a [2], b []"}. */
    String inputsText() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Shape> input : inputShapes.entrySet()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(input.getKey()).append(' ').append(input.getValue().dims());
        }
        return text.toString();
    }
}
