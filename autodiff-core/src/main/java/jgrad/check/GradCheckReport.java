package jgrad.check;

import com.google.common.primitives.ImmutableIntArray;

/**
 * The outcome of a gradient check: whether it passed, and its worst comparison.
 *
 * @param passed     every comparison was within tolerance
 * @param method     {@code "elementwise"} (one central difference per element) or {@code
 *                   "projection"} (random directions, for large inputs)
 * @param input      the input holding the worst comparison: {@code "x"} or a parameter path
 * @param index      the worst element's coordinates (empty for a projection)
 * @param analytic   the gradient from the backward pass (or its projection)
 * @param numeric    the central-difference estimate
 * @param error      {@code |analytic - numeric|}
 * @param allowed    the error the tolerance allows there
 * @param comparisons the number of comparisons made
 */
public record GradCheckReport(boolean passed, String method, String input, ImmutableIntArray index,
        double analytic, double numeric, double error, double allowed, int comparisons) {

    /** One line: pass or fail, with the worst element's index, values and error. */
    @Override
    public String toString() {
        String where = index.isEmpty() ? input : input + index;
        return String.format("gradient check %s (%s, %d comparisons): worst at %s: analytic %s,"
                + " numeric %s, error %.3e, allowed %.3e", passed ? "passed" : "FAILED", method,
                comparisons, where, analytic, numeric, error, allowed);
    }
}
