package jgrad.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.core.Vjp;

/**
 * Checks reverse-mode gradients against central finite differences in float64.
 *
 * <p>Method: evaluate {@code f(x)}, which must be finite, draw a cotangent {@code u} (standard
 * normal, seeded) and set {@code g(x) = <u, f(x)>}, so one scalar covers every output. For each
 * input element {@code i}, compare the vjp {@code u^T J} at {@code i} ("analytic") with the central
 * difference {@code D(h) = (g(x + h e_i) - g(x - h e_i)) / 2h} at the standard step {@code h =
 * 1e-5 * max(1, |x_i|)} ("numeric"); they agree when {@code |analytic - numeric| <= atol + rtol *
 * |numeric|} ({@link Tolerance}). Inputs of more than {@value #ELEMENTWISE_LIMIT} elements are
 * checked by projection instead: {@code <u^T J, v>} against {@code <u, (f(x + h v) - f(x - h v)) /
 * 2h>} for {@value #DIRECTIONS} random unit directions {@code v}, with {@code h = 1e-5 * max(1,
 * max_i |x_i|)} and the tolerance scaled by the square root of the element count.
 *
 * <p>Refinement: a step relative to {@code |x_i|} is too coarse where {@code f} curves on a much
 * smaller scale ({@code log(x - 999)} at {@code x = 1000}: {@code D(h)} is {@code h^2 / 3 = 3e-5}
 * too large), so a comparison that fails at the standard step is retried before it counts as
 * failed. Central differences {@code D_k = D(h / 4^k)}, {@code k = 1..}{@value #REFINEMENTS}, are
 * combined by Richardson extrapolation, {@code R_k = (16 D_k - D_(k-1)) / 15}, which cancels the
 * {@code h^2} term of the central difference's error (for smooth {@code f} its expansion has even
 * powers of the step only). The comparison passes at the first {@code k >= 2} with {@code
 * |analytic - R_k| + |R_k - R_(k-1)| + r_k <= atol + rtol * |R_k|}: the estimate must match and
 * agree with its neighbour, whose distance bounds its error, and {@code r_k} bounds its rounding
 * error (16 units in the last place of {@code sum |u_i f_i(x +- h_k)|}, divided by the step), so
 * differences that straddle a kink or drown in rounding (which jump from step to step, or round
 * {@code f(x + h_k)} and {@code f(x - h_k)} to the same number) cannot pass a wrong gradient;
 * refinement stops where rounding alone would exceed the allowed error. The idea is
 * Richardson's "deferred approach to the limit" (L. F. Richardson, 1927), as numerical-analysis
 * textbooks apply it to numerical differentiation (e.g. Burden and Faires, Numerical Analysis,
 * "Richardson's extrapolation") and numdifftools builds on it. The first pass is unchanged, so a
 * check that passes costs no evaluation beyond the two per comparison.
 *
 * <p>Report: the worst comparison, that is the failing one furthest outside its tolerance, else
 * the passing one closest to its limit, named by element index, or in projection mode by number
 * ({@code "worst at x, projection 3 of 8"}; directions are drawn from the generator right after
 * {@code u}, {@value #DIRECTIONS} per projected input in parameter order, so the same seed
 * reproduces projection {@code k}). Its numeric value is the estimate that decided: the standard
 * difference, or the accepted {@code R_k} (the report then names its steps). A comparison that
 * still fails reports its most trustworthy estimate: the {@code R_k} with the smallest {@code
 * |R_k - R_(k-1)|}, if that is within the allowed error and below the standard difference's own
 * error estimate {@code |D_0 - R_1|}, else the standard difference. If {@code f(x)} has a NaN or
 * infinite element, no comparison is made: the check fails naming the first such element.
 *
 * <p>Stay off kinks: relu at 0, max at ties and abs at 0 have one-sided derivatives that a central
 * difference averages, at every step.
 *
 * <pre>{@code
 * jshell> GradCheck.check(x -> x.tanh().sum(), Tensor.of(0.1, -2.0), Tolerance.FLOAT64)
 * $1 ==> gradient check passed (elementwise, 2 comparisons): worst at x[1]: ...
 * jshell> GradCheck.check(x -> x.sub(999).log(), Tensor.of(1000), Tolerance.FLOAT64)
 * $2 ==> gradient check passed (elementwise, 1 comparisons): worst at x[0]: analytic ...,
 *        numeric ... (Richardson extrapolation of steps h/4 and h/16, h = 1.000e-02), ...
 * jshell> GradCheck.check(x -> x.log(), Tensor.of(1, -1), Tolerance.FLOAT64)
 * $3 ==> gradient check FAILED: f(x) is NaN at output [1]; finite differences need a finite f(x)
 * }</pre>
 */
public final class GradCheck {

    /** Inputs up to this many elements are checked element by element. */
    public static final int ELEMENTWISE_LIMIT = 256;
    /** Random directions used for larger inputs. */
    public static final int DIRECTIONS = 8;
    /** Refined steps {@code h / 4^k}, {@code k = 1..REFINEMENTS}, tried on a failing comparison. */
    public static final int REFINEMENTS = 6;

    private static final long DEFAULT_SEED = 20260101L;

    /** The rounding error assumed of a projection, in units of the last place of its magnitude. */
    private static final int ROUNDING_ULPS = 16;

    private GradCheck() {}

    /**
     * Compares the gradient of {@code f} at {@code x} with central differences.
     *
     * @throws IllegalArgumentException if {@code x} or {@code f(x)} is not float64, or if {@code f}
     *     changes its output shape
     */
    public static GradCheckReport check(Function<Tensor, Tensor> f, Tensor x, Tolerance tolerance) {
        checkNotNull(f, "f");
        return check(params -> f.apply(params.get("x")), Params.of("x", x), tolerance);
    }

    /**
     * Compares the gradient of {@code f} with respect to every parameter with central differences.
     *
     * @throws IllegalArgumentException if a parameter or {@code f(params)} is not float64, or if
     *     {@code f} changes its output shape
     */
    public static GradCheckReport check(
            Function<Params, Tensor> f, Params params, Tolerance tolerance) {
        return check(f, params, tolerance, new SplittableRandom(DEFAULT_SEED));
    }

    /**
     * As {@link #check(Function, Params, Tolerance)}, drawing {@code u} and then the directions
     * {@code v} from {@code rng}.
     *
     * @throws IllegalArgumentException if a parameter or {@code f(params)} is not float64, or if
     *     {@code f} changes its output shape
     */
    public static GradCheckReport check(Function<Params, Tensor> f, Params params,
            Tolerance tolerance, RandomGenerator rng) {
        checkNotNull(f, "f");
        checkNotNull(tolerance, "tolerance");
        params.asMap().forEach((path, tensor) -> checkArgument(tensor.dtype() == DType.FLOAT64,
                "gradCheck: %s is %s; check float64 functions"
                        + " (compare float32 with float64 results)",
                path, tensor.dtype()));
        Params plain = params.stopGradient();
        Vjp<Params> vjp = Autodiff.vjp(f, plain);
        Tensor output = vjp.output();
        checkArgument(output.dtype() == DType.FLOAT64,
                "gradCheck: f returns %s; check float64 functions"
                        + " (compare float32 with float64 results)",
                output.dtype());
        double[] values = output.toArray();
        for (int i = 0; i < values.length; i++) {
            // Every difference would be NaN or infinite: name the cause, not some input element.
            if (!Double.isFinite(values[i])) {
                return GradCheckReport.ofNonFiniteOutput(coordinates(output.shape(), i), values[i]);
            }
        }
        Tensor u = Tensor.randn(output.shape(), rng);
        Params analytic = vjp.pullback().apply(u);

        List<Comparison> comparisons = new ArrayList<>();
        for (String path : plain.paths()) {
            Tensor x = plain.get(path);
            double[] grad = analytic.get(path).toArray();
            if (x.size() <= ELEMENTWISE_LIMIT) {
                compareElementwise(f, plain, path, u, grad, tolerance, comparisons);
            } else {
                compareProjections(f, plain, path, u, grad, tolerance, rng, comparisons);
            }
        }
        return summarise(comparisons);
    }

    /**
     * Checks like {@link #check(Function, Tensor, Tolerance)} and throws on failure.
     *
     * @throws AssertionError with the report if the check fails
     */
    public static void assertVjpMatches(Function<Tensor, Tensor> f, Tensor x, Tolerance tolerance) {
        GradCheckReport report = check(f, x, tolerance);
        if (!report.passed()) {
            throw new AssertionError(report + " at x = " + x);
        }
    }

    /**
     * Checks like {@link #check(Function, Params, Tolerance)} and throws on failure.
     *
     * @throws AssertionError with the report if the check fails
     */
    public static void assertVjpMatches(
            Function<Params, Tensor> f, Params params, Tolerance tolerance) {
        GradCheckReport report = check(f, params, tolerance);
        if (!report.passed()) {
            throw new AssertionError(report.toString());
        }
    }

    private static void compareElementwise(Function<Params, Tensor> f, Params params, String path,
            Tensor u, double[] grad, Tolerance tolerance, List<Comparison> out) {
        Tensor x = params.get(path);
        double[] values = x.toArray();
        for (int i = 0; i < values.length; i++) {
            int element = i;
            Difference difference = step -> {
                double[] plus = values.clone();
                double[] minus = values.clone();
                plus[element] += step;
                minus[element] -= step;
                // Divide by the step actually taken: x_i +- step are rounded.
                return Central.of(project(f, params, path, plus, x.shape(), u),
                        project(f, params, path, minus, x.shape(), u),
                        plus[element] - minus[element]);
            };
            double h = 1e-5 * Math.max(1.0, Math.abs(values[i]));
            out.add(new Comparison("elementwise", path, coordinates(x.shape(), i), 0, grad[i],
                    estimate(grad[i], difference, h, tolerance), h, tolerance));
        }
    }

    private static void compareProjections(Function<Params, Tensor> f, Params params, String path,
            Tensor u, double[] grad, Tolerance tolerance, RandomGenerator rng,
            List<Comparison> out) {
        Tensor x = params.get(path);
        double[] values = x.toArray();
        double scale = 0;
        for (double value : values) {
            scale = Math.max(scale, Math.abs(value));
        }
        double h = 1e-5 * Math.max(1.0, scale);
        Tolerance scaled = tolerance.scaled(Math.sqrt(values.length));
        for (int d = 0; d < DIRECTIONS; d++) {
            double[] v = Tensor.randn(x.shape(), rng).toArray();
            double norm = 0;
            for (double component : v) {
                norm += component * component;
            }
            norm = Math.sqrt(norm);
            double analytic = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
                analytic += grad[i] * v[i];
            }
            Difference difference = step -> {
                double[] plus = values.clone();
                double[] minus = values.clone();
                for (int i = 0; i < v.length; i++) {
                    plus[i] += step * v[i];
                    minus[i] -= step * v[i];
                }
                return Central.of(project(f, params, path, plus, x.shape(), u),
                        project(f, params, path, minus, x.shape(), u), 2 * step);
            };
            out.add(new Comparison("projection", path, ImmutableIntArray.of(), d + 1, analytic,
                    estimate(analytic, difference, h, scaled), h, scaled));
        }
    }

    /**
     * The central difference at step {@code h} if it accepts {@code analytic}; else the first
     * accepted Richardson estimate at smaller steps, or, if none is accepted, the most trustworthy
     * estimate (see the class javadoc).
     */
    private static Estimate estimate(double analytic, Difference difference, double h,
            Tolerance tolerance) {
        double standard = difference.at(h).value();
        if (tolerance.accepts(analytic, standard)) {
            return new Estimate(standard, 0, true);
        }
        Estimate best = new Estimate(standard, 0, false);
        double bestSpread = Double.POSITIVE_INFINITY;
        double previousDifference = standard;
        double previousExtrapolation = Double.NaN;
        // Beyond this, rounding alone exceeds any error the comparison could allow.
        double largestAllowed = tolerance.allowed(Math.max(Math.abs(analytic), Math.abs(standard)));
        for (int k = 1; k <= REFINEMENTS; k++) {
            Central central = difference.at(h * Math.scalb(1.0, -2 * k));
            // R_k = (16 D_k - D_(k-1)) / 15 carries about 16/15 of D_k's rounding error.
            double noise = 2 * central.noise();
            if (!(noise <= largestAllowed)) {
                break; // smaller steps only drown the difference deeper in rounding
            }
            double current = central.value();
            // Step ratio 4 and an error series in h^2, h^4, ...: this cancels the h^2 term.
            double extrapolation = (16 * current - previousDifference) / 15;
            if (k == 1) {
                // R_1 beats D_0 where the error series holds, so their gap estimates D_0's error.
                double gap = Math.abs(standard - extrapolation);
                bestSpread = Double.isNaN(gap) ? Double.POSITIVE_INFINITY : gap;
            } else {
                double spread = Math.abs(extrapolation - previousExtrapolation);
                double error = Math.abs(analytic - extrapolation);
                // Finite only: an infinite allowed error would accept anything.
                // Rounding counts against the estimate: when f(x + h_k) and f(x - h_k) round to
                // the same number, R_k = 0 with spread 0 must not confirm an analytic 0.
                if (Double.isFinite(extrapolation) && Double.isFinite(spread)
                        && error + spread + noise <= tolerance.allowed(extrapolation)) {
                    return new Estimate(extrapolation, k, true);
                }
                // Report R_k instead of D_0 only if it has converged to within the tolerance.
                if (spread < bestSpread && spread <= tolerance.allowed(extrapolation)) {
                    bestSpread = spread;
                    best = new Estimate(extrapolation, k, false);
                }
            }
            previousDifference = current;
            previousExtrapolation = extrapolation;
        }
        return best;
    }

    /**
     * {@code <u, f(params with path := values)>}, untraced, with {@code sum |u_i f_i|}: the
     * magnitude its rounding error is relative to.
     */
    private static Projection project(Function<Params, Tensor> f, Params params, String path,
            double[] values, Shape shape, Tensor u) {
        Map<String, Tensor> moved = new LinkedHashMap<>(params.asMap());
        moved.put(path, Tensor.of(values, shape, DType.FLOAT64));
        Tensor y = f.apply(Params.copyOf(ImmutableMap.copyOf(moved)));
        checkArgument(y.shape().equals(u.shape()),
                "gradCheck: f changed its output shape from %s to %s", u.shape(), y.shape());
        Tensor terms = y.mul(u);
        return new Projection(terms.sum().item(), terms.abs().sum().item());
    }

    /** A projection {@code <u, f>} and the magnitude {@code sum |u_i f_i|} of its terms. */
    private record Projection(double value, double magnitude) {}

    /** A central difference at a given step. */
    @FunctionalInterface
    private interface Difference {
        Central at(double step);
    }

    /**
     * A central difference and a bound on its rounding error: each projection is taken to be off
     * by up to {@value #ROUNDING_ULPS} units in the last place of its magnitude (f's own rounding
     * and the sum), and the difference divides that by the step.
     */
    private record Central(double value, double noise) {
        static Central of(Projection plus, Projection minus, double width) {
            double rounding = ROUNDING_ULPS * 0x1p-52 * (plus.magnitude() + minus.magnitude());
            return new Central((plus.value() - minus.value()) / width, rounding / width);
        }
    }

    private static ImmutableIntArray coordinates(Shape shape, int flat) {
        int[] index = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            index[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return ImmutableIntArray.copyOf(index);
    }

    private static GradCheckReport summarise(List<Comparison> comparisons) {
        if (comparisons.isEmpty()) {
            return new GradCheckReport(true, "elementwise", "-", ImmutableIntArray.of(),
                    0, 0, 0, 0, 0, 0, 0, Double.NaN, Optional.empty());
        }
        Comparison worst = comparisons.get(0);
        for (Comparison comparison : comparisons) {
            boolean failsFirst = !comparison.passed() && worst.passed();
            boolean worse = comparison.passed() == worst.passed()
                    && comparison.ratio() > worst.ratio();
            if (failsFirst || worse) {
                worst = comparison;
            }
        }
        boolean passed = comparisons.stream().allMatch(Comparison::passed);
        return new GradCheckReport(passed, worst.method, worst.path, worst.index, worst.analytic,
                worst.numeric(), worst.error(), worst.tolerance.allowed(worst.numeric()),
                comparisons.size(), worst.projection, worst.estimate.refinement(), worst.step,
                Optional.empty());
    }

    /**
     * A numeric estimate and whether it accepted the analytic value.
     *
     * @param refinement 0 for the standard step, {@code k} for {@code R_k}
     */
    private record Estimate(double numeric, int refinement, boolean accepted) {}

    private record Comparison(String method, String path, ImmutableIntArray index, int projection,
            double analytic, Estimate estimate, double step, Tolerance tolerance) {
        double numeric() {
            return estimate.numeric();
        }

        double error() {
            return Math.abs(analytic - numeric());
        }

        boolean passed() {
            return estimate.accepted();
        }

        double ratio() {
            double ratio = error() / tolerance.allowed(numeric());
            return Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
        }
    }
}
