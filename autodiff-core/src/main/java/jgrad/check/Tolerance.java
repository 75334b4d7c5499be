package jgrad.check;

import static com.google.common.base.Preconditions.checkArgument;

import jgrad.core.Tensor;

/**
 * How close an analytic gradient must be to its central-difference estimate: {@code |analytic -
 * numeric| <= atol + rtol * |numeric|}, elementwise, with infinities close only to themselves
 * ({@link Tensor#isClose}). The argument order is NumPy's {@code isclose} and {@link
 * Tensor#allClose}'s: relative first.
 *
 * @param rtol relative tolerance, {@code >= 0}
 * @param atol absolute tolerance, {@code >= 0}
 */
public record Tolerance(double rtol, double atol) {

    /**
     * For float64 functions with the default step {@code h = 1e-5 * max(1, |x_i|)}: the central
     * difference's truncation error is about {@code h^2 |f'''| / 6 ~ 1e-11} and its rounding
     * error about {@code 1e-16 |f| / h ~ 1e-11}, well inside {@code 1e-7 + 1e-5 |numeric|}. Where
     * {@code f} curves on a scale {@code s} much smaller than {@code |x_i|} the truncation error
     * is {@code ~ (h / s)^2} relative instead, and {@link GradCheck} refines the comparison with
     * smaller steps before failing it.
     */
    public static final Tolerance FLOAT64 = new Tolerance(1e-5, 1e-7);

    /** @throws IllegalArgumentException if a tolerance is negative or NaN */
    public Tolerance {
        checkArgument(rtol >= 0 && atol >= 0,
                "tolerance: need rtol, atol >= 0, got %s, %s", rtol, atol);
    }

    /** Whether {@code analytic} is close enough to {@code numeric}; false if either is NaN. */
    public boolean accepts(double analytic, double numeric) {
        return Tensor.isClose(analytic, numeric, rtol, atol);
    }

    /** The error allowed against {@code numeric}. */
    public double allowed(double numeric) {
        return atol + rtol * Math.abs(numeric);
    }

    /** This tolerance times {@code factor}, for checks that sum many terms. */
    public Tolerance scaled(double factor) {
        return new Tolerance(rtol * factor, atol * factor);
    }
}
