package jgrad.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import jgrad.core.DType;
import jgrad.core.Tensor;

/**
 * How close a gradient must be to its finite-difference estimate, and the dtype the check computes
 * in: {@code |value - numeric| <= atol + rtol * |numeric|}, elementwise, with infinities close
 * only to themselves ({@link Tensor#isClose}). The argument order is NumPy's {@code isclose} and
 * {@link Tensor#allClose}'s: relative first.
 *
 * <p>The step of the central difference is chosen from the input's scale and this dtype: {@code
 * h = relativeStep * max(1, |x_i|)} ({@link #step}), with {@code relativeStep} near the cube root
 * of the dtype's machine epsilon, which balances the truncation error {@code h^2 |f'''| / 6}
 * against the rounding error {@code eps |f| / h}.
 *
 * <p>For comparison, other frameworks' defaults (absolute steps, not scaled by {@code |x|}):
 * PyTorch's {@code torch.autograd.gradcheck} uses {@code eps = 1e-6, atol = 1e-5, rtol = 1e-3}
 * and is meant for float64 inputs; JAX's {@code jax.test_util.check_grads} uses {@code eps =
 * 1e-4} and {@code atol = rtol = 1e-5} in float64, {@code 2e-3} in float32 ({@code
 * default_gradient_tolerance}), multiplied by the number of elements compared, on one random
 * direction.
 *
 * @param rtol  relative tolerance, {@code >= 0}
 * @param atol  absolute tolerance, {@code >= 0}
 * @param dtype the dtype the check evaluates {@code f} in: {@link DType#FLOAT64} (inputs of any
 *              float dtype are cast to it) or {@link DType#FLOAT32} (for functions that must be
 *              checked in float32)
 */
public record Tolerance(double rtol, double atol, DType dtype) {

    /**
     * For float64 checks, with the step {@code h = 1e-5 * max(1, |x_i|)}: the central difference's
     * truncation error is about {@code h^2 |f'''| / 6 ~ 1e-11} and its rounding error about
     * {@code 1e-16 |f| / h ~ 1e-11}, well inside {@code 1e-7 + 1e-5 |numeric|} (tighter than
     * PyTorch's {@code 1e-5 + 1e-3 |numeric|}). Where {@code f} curves on a scale {@code s} much
     * smaller than {@code |x_i|} the truncation error is {@code ~ (h / s)^2} relative instead, and
     * {@link GradCheck} refines the comparison with smaller steps before failing it.
     */
    public static final Tolerance FLOAT64 = new Tolerance(1e-5, 1e-7, DType.FLOAT64);

    /**
     * For checks that must run in float32, with the step {@code h = 2^-8 * max(1, |x_i|) ~ 3.9e-3
     * * max(1, |x_i|)} (near the cube root of float32's epsilon {@code 1.2e-7}): truncation
     * {@code h^2 |f'''| / 6 ~ 3e-6}, rounding {@code 16 * 6e-8 |f| / h ~ 2.5e-4 |f|}, inside
     * {@code 1e-3 + 2e-3 |numeric|} when {@code |f| <= 4} near {@code x}. The relative part is
     * JAX's float32 gradient tolerance; prefer {@link #FLOAT64}, which needs no such allowance.
     */
    public static final Tolerance FLOAT32 = new Tolerance(2e-3, 1e-3, DType.FLOAT32);

    /** The relative step for float64 checks, about the cube root of {@code 2^-52}. */
    public static final double FLOAT64_RELATIVE_STEP = 1e-5;
    /** The relative step for float32 checks, about the cube root of {@code 2^-23}. */
    public static final double FLOAT32_RELATIVE_STEP = 0x1p-8;

    /**
     * @throws IllegalArgumentException if a tolerance is negative or NaN
     * @throws NullPointerException     if {@code dtype} is null
     */
    public Tolerance {
        checkArgument(rtol >= 0 && atol >= 0,
                "tolerance: need rtol, atol >= 0, got %s, %s", rtol, atol);
        checkNotNull(dtype, "tolerance: dtype is null");
    }

    /**
     * A float64 tolerance.
     *
     * @throws IllegalArgumentException if a tolerance is negative or NaN
     */
    public Tolerance(double rtol, double atol) {
        this(rtol, atol, DType.FLOAT64);
    }

    /** Whether {@code value} is close enough to {@code numeric}; false if either is NaN. */
    public boolean accepts(double value, double numeric) {
        return Tensor.isClose(value, numeric, rtol, atol);
    }

    /** The error allowed against {@code numeric}. */
    public double allowed(double numeric) {
        return atol + rtol * Math.abs(numeric);
    }

    /** This tolerance times {@code factor}, for checks that sum many terms. */
    public Tolerance scaled(double factor) {
        return new Tolerance(rtol * factor, atol * factor, dtype);
    }

    /** This tolerance for checks computed in {@code dtype} (same rtol and atol). */
    public Tolerance withDtype(DType dtype) {
        return new Tolerance(rtol, atol, dtype);
    }

    /** The step relative to the input's scale for this dtype: {@code 1e-5} or {@code 2^-8}. */
    public double relativeStep() {
        return dtype == DType.FLOAT32 ? FLOAT32_RELATIVE_STEP : FLOAT64_RELATIVE_STEP;
    }

    /** The standard step at magnitude {@code scale}: {@code relativeStep * max(1, |scale|)}. */
    public double step(double scale) {
        return relativeStep() * Math.max(1.0, Math.abs(scale));
    }

    /** The machine epsilon of {@link #dtype}: {@code 2^-52} or {@code 2^-23}. */
    public double machineEpsilon() {
        return dtype == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
    }

    /** {@code "|error| <= 1e-07 + 1e-05 |numeric| (float64)"}. */
    @Override
    public String toString() {
        return String.format("|error| <= %s + %s |numeric| (%s)", atol, rtol, dtype);
    }
}
