package jgrad.check;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableIntArray;
import java.util.Optional;

/**
 * The outcome of a gradient check: whether it passed, and its worst comparison (the failing one
 * furthest outside its tolerance, else the passing one closest to its limit).
 *
 * @param passed          every comparison was within tolerance, and {@code f(x)} was finite
 * @param method          {@code "elementwise"} (one central difference per element) or {@code
 *                        "projection"} (random directions, for large inputs); {@code "-"} if no
 *                        comparison was made
 * @param input           the input holding the worst comparison: {@code "x"} or a parameter path
 *                        ({@code "-"} if none)
 * @param index           the worst element's coordinates (empty for a projection)
 * @param analytic        the gradient from the backward pass (or its projection)
 * @param numeric         the finite-difference estimate: the central difference at the standard
 *                        step, or, if {@code refinement > 0}, a Richardson extrapolation
 * @param error           {@code |analytic - numeric|}
 * @param allowed         the error the tolerance allows there
 * @param comparisons     the number of comparisons made
 * @param projection      the worst projection's number, 1 to {@link GradCheck#DIRECTIONS}, in the
 *                        order its direction was drawn; 0 for an elementwise comparison
 * @param refinement      0 if {@code numeric} is the central difference at the standard step
 *                        {@code step}; {@code k > 0} if it is the Richardson extrapolation of the
 *                        central differences at {@code step / 4^(k-1)} and {@code step / 4^k}
 * @param step            the standard step {@code h} of the worst comparison (NaN if none)
 * @param nonFiniteOutput the first element of {@code f(x)} that is NaN or infinite, if any: the
 *                        check then fails before any comparison ({@code comparisons == 0})
 */
public record GradCheckReport(boolean passed, String method, String input, ImmutableIntArray index,
        double analytic, double numeric, double error, double allowed, int comparisons,
        int projection, int refinement, double step, Optional<NonFiniteOutput> nonFiniteOutput) {

    /**
     * An element of {@code f(x)} that is NaN or infinite; finite differences of it are meaningless.
     *
     * @param index the element's coordinates in {@code f(x)} (empty for a scalar)
     * @param value NaN or an infinity
     */
    public record NonFiniteOutput(ImmutableIntArray index, double value) {
        /** @throws NullPointerException if {@code index} is null */
        public NonFiniteOutput {
            checkNotNull(index, "index");
        }
    }

    /** @throws NullPointerException if a reference component is null */
    public GradCheckReport {
        checkNotNull(method, "method");
        checkNotNull(input, "input");
        checkNotNull(index, "index");
        checkNotNull(nonFiniteOutput, "nonFiniteOutput");
    }

    /** The failed report of a check whose {@code f(x)} has {@code value} at {@code index}. */
    static GradCheckReport ofNonFiniteOutput(ImmutableIntArray index, double value) {
        return new GradCheckReport(false, "-", "-", ImmutableIntArray.of(), Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, 0, 0, Double.NaN,
                Optional.of(new NonFiniteOutput(index, value)));
    }

    /**
     * One line: pass or fail, with the worst comparison's place (element index, or projection
     * number), values, error and allowed error, and the steps behind a refined estimate; or, if
     * {@code f(x)} was not finite, its first such element.
     */
    @Override
    public String toString() {
        if (nonFiniteOutput.isPresent()) {
            NonFiniteOutput bad = nonFiniteOutput.get();
            String where = bad.index().isEmpty() ? "" : " at output " + bad.index();
            return String.format("gradient check FAILED: f(x) is %s%s; finite differences need a"
                    + " finite f(x)", bad.value(), where);
        }
        String where = projection > 0
                ? String.format("%s, projection %d of %d", input, projection, GradCheck.DIRECTIONS)
                : index.isEmpty() ? input : input + index;
        String steps = refinement == 0 ? "" : String.format(" (Richardson extrapolation of steps"
                + " %s and %s, h = %.3e)", fraction(refinement - 1), fraction(refinement), step);
        if (!Double.isFinite(numeric)) {
            // f(x) was finite, so f(x + h) or f(x - h) was not.
            steps += " (f is not finite within one step of x: is x at the edge of f's domain?)";
        }
        return String.format("gradient check %s (%s, %d comparisons): worst at %s: analytic %s,"
                + " numeric %s%s, error %.3e, allowed %.3e", passed ? "passed" : "FAILED", method,
                comparisons, where, analytic, numeric, steps, error, allowed);
    }

    /** {@code h / 4^k} as text. */
    private static String fraction(int k) {
        return k == 0 ? "h" : "h/" + (1L << 2 * k);
    }
}
