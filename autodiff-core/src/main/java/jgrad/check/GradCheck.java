package jgrad.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import jgrad.core.CustomOp;
import jgrad.core.Domain;
import jgrad.core.Params;
import jgrad.core.Tensor;

/**
 * Gradient checks: a derivative — yours (a gradient, a Jacobian or a vjp), or jgrad's reverse or
 * forward mode — against central finite differences, element by element, with a report in the
 * terms of what was checked ({@link GradCheckReport}: your value, the numeric value, jgrad's
 * reverse mode beside them, the error and the allowed error per element, which elements fail).
 * The static methods here are the short forms; {@link #of} and {@link #ofParams} give a {@link
 * GradChecker} with options (name, tolerance and dtype, domain and kinks, masks, method, seed).
 *
 * <pre>{@code
 * jshell> GradCheck.checkGradient(x -> x.sigmoid().sum(),
 *    ...>         x -> x.sigmoid().mul(x.sigmoid().neg().add(1)), Tensor.of(0.5, -1, 2),
 *    ...>         Tolerance.FLOAT64)
 * $1 ==> gradient check passed: f, your gradient vs central differences (every element, ...
 * jshell> GradCheck.of(t -> t.relu().sum()).domain(Domain.REALS.withKinks(0))
 *    ...>         .reverseMode(Tensor.of(0, 1))
 * $2 ==> gradient check passed: ... kink at x[0]: one-sided derivatives 0.0 and 1.0,
 *        subgradient used 0.0 ...
 * }</pre>
 *
 * <p><b>Methods.</b> Every element of the Jacobian {@code dy[j]/dx[i]} is compared (for a
 * scalar {@code f}, every element of the gradient): the numeric column {@code (f(x + h e_i) -
 * f(x - h e_i)) / 2h} against the column of the derivative under test (jgrad's from one pullback
 * per output element, yours as given), for inputs of up to {@value #ELEMENTWISE_LIMIT} elements
 * when jgrad's reverse mode is checked, and up to {@value #SUPPLIED_ELEMENTWISE_LIMIT} when you
 * supply the derivative (that is what you asked to check; it costs two evaluations of {@code f}
 * per element). Jacobians of more than {@value GradChecker#JACOBIAN_LIMIT} elements compare
 * {@code u^T J} instead, for a random cotangent {@code u} (standard normal, seeded), element by
 * element. Larger inputs are compared by projection: {@code u^T J v} against {@code <u, (f(x + h
 * v) - f(x - h v)) / 2h>} for {@value #DIRECTIONS} random unit directions {@code v}, with {@code
 * h} from {@code max_i |x_i|}. A projection is the derivative of one function of one variable,
 * {@code t -> <u, f(x + t v)>}, so its estimate's error budget is that of one central difference
 * (truncation and rounding, as below), which does not grow with the element count: it is judged
 * by the same tolerance as one element, with the same refinement. Projections suit jgrad's
 * reverse mode, whose mistakes are rules wrong wherever they apply; an error at a single element
 * is diluted by about {@code 1 / sqrt(n)} in them. So above {@value #SUPPLIED_ELEMENTWISE_LIMIT}
 * elements a derivative you supplied is also compared with jgrad's reverse mode element by
 * element (no evaluations of {@code f}), and the elements where the two differ (the first
 * {@value #CROSS_CHECKED_ELEMENTS}) are compared with central differences one by one.
 *
 * <p><b>Step and tolerance.</b> {@code h = relativeStep * max(1, |x_i|)} with the relative step
 * of the tolerance's dtype ({@link Tolerance#step}); a comparison passes when {@code |value -
 * numeric| <= atol + rtol * |numeric|} ({@link Tolerance}). The report prints the error budget
 * of its worst comparison: truncation {@code h^2 |f'''| / 6} and rounding {@code 16 eps |f| / h}.
 *
 * <p><b>Refinement.</b> A step relative to {@code |x_i|} is too coarse where {@code f} curves on
 * a much smaller scale ({@code log(x - 999)} at {@code x = 1000}: {@code D(h)} is {@code h^2 / 3
 * = 3e-5} too large), so a comparison that fails at the standard step is retried before it counts
 * as failed. Differences {@code D_k = D(h / 4^k)}, {@code k = 1..}{@value #REFINEMENTS}, are
 * combined by Richardson extrapolation, {@code R_k = (16 D_k - D_(k-1)) / 15}, which cancels the
 * {@code h^2} term of the error. The comparison passes at the first {@code k >= 2} with {@code
 * |value - R_k| + |R_k - R_(k-1)| + r_k <= atol + rtol * |R_k|}: the estimate must match and agree
 * with its neighbour, and {@code r_k} bounds its rounding error (16 units in the last place of
 * the magnitudes of {@code f(x +- h_k)}, divided by the step), so differences that straddle a
 * kink or drown in rounding cannot pass a wrong gradient; refinement stops where rounding alone
 * would exceed the allowed error. This is Richardson's "deferred approach to the limit" (L. F.
 * Richardson, 1927) as numerical-analysis textbooks apply it to differentiation (Burden and
 * Faires, Numerical Analysis, "Richardson's extrapolation"). A failing comparison reports its most
 * trustworthy estimate: the {@code R_k} with the smallest spread if that is within the allowed
 * error and below the standard difference's own error estimate {@code |D_0 - R_1|}, else {@code
 * D_0}.
 *
 * <p><b>Kinks.</b> A central difference across a kink averages the one-sided slopes, so a wrong
 * gradient equal to that average would pass. The one-sided differences {@code (f(x + h) - f(x)) /
 * h} and {@code (f(x) - f(x - h)) / h} come free with it and differ by {@code h f''} where {@code
 * f} is smooth; where half that gap exceeds the allowed error (or the comparison fails), second
 * order one-sided differences {@code (-3 f(x) + 4 f(x + s) - f(x + 2s)) / 2s} and its mirror are
 * compared at steps {@code s = h / 4^k}: agreement at {@code h} leaves the verdict as it was;
 * agreement at a smaller step (a sharp bend) redoes the comparison with the central difference
 * there; no agreement before rounding dominates is a kink, reported as {@code "kink at x[i]:
 * one-sided derivatives a and b, subgradient used c"}, which passes only when {@code c} lies
 * between {@code a} and {@code b}. Declared kinks ({@link Domain#withKinks}) are handled without
 * probing: at one, both one-sided derivatives are taken; near one, the step shrinks (or turns
 * one-sided) so that no difference crosses it.
 *
 * <p><b>Domains.</b> With a declared {@link Domain}, no check evaluates {@code f} outside it: an
 * {@code x} outside is not evaluated at all (the verdict is {@code NOT_CHECKED}); near an edge
 * or excluded point the step shrinks to a quarter of the room left, or the difference becomes
 * one-sided away from it, and the report says so. Without one, a difference whose one side is not
 * finite is retaken on the other side, with a note.
 *
 * <p><b>Dtypes.</b> Every check computes in its tolerance's dtype: with {@link Tolerance#FLOAT64}
 * a float32 input is cast to float64 (exactly) and {@code f} and its derivatives are re-evaluated
 * there; a function whose output stays float32 is reported as not checked, never judged by
 * float64 tolerances. {@link Tolerance#FLOAT32} checks in float32, with its own step.
 *
 * <p>If {@code f(x)} has a NaN or infinite element, no comparison is made: the check fails
 * naming the first such element.
 */
public final class GradCheck {

    /** Inputs up to this many elements are checked element by element (jgrad's derivatives). */
    public static final int ELEMENTWISE_LIMIT = 256;
    /** Inputs up to this many elements are checked element by element when you supply the
     * derivative (gradient, Jacobian or vjp). */
    public static final int SUPPLIED_ELEMENTWISE_LIMIT = 4096;
    /**
     * Above {@link #SUPPLIED_ELEMENTWISE_LIMIT}, at most this many elements where your derivative
     * differs from jgrad's reverse mode are compared with central differences.
     */
    public static final int CROSS_CHECKED_ELEMENTS = 256;
    /** Random directions used for larger inputs. */
    public static final int DIRECTIONS = 8;
    /** Refined steps {@code h / 4^k}, {@code k = 1..REFINEMENTS}, tried on a failing comparison. */
    public static final int REFINEMENTS = 6;

    static final long DEFAULT_SEED = 20260101L;

    private GradCheck() {}

    /** A check of {@code f}, a function of a tensor, to configure; records where it was made. */
    public static GradChecker<Tensor> of(Function<Tensor, Tensor> f) {
        return GradChecker.ofTensor(f, CallSite.caller());
    }

    /** A check of {@code f}, a function of {@code Params}, to configure. */
    public static GradChecker<Params> ofParams(Function<Params, Tensor> f) {
        return GradChecker.ofParams(f, CallSite.caller());
    }

    /**
     * jgrad's reverse mode of {@code f} at {@code x} against central differences.
     *
     * @throws IllegalArgumentException if {@code f} changes its output shape
     */
    public static GradCheckReport check(Function<Tensor, Tensor> f, Tensor x, Tolerance tolerance) {
        return GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance).reverseMode(x);
    }

    /**
     * jgrad's reverse mode of {@code f} with respect to every parameter against central
     * differences.
     *
     * @throws IllegalArgumentException if {@code f} changes its output shape
     */
    public static GradCheckReport check(
            Function<Params, Tensor> f, Params params, Tolerance tolerance) {
        return GradChecker.ofParams(f, CallSite.caller()).tolerance(tolerance)
                .reverseMode(params);
    }

    /**
     * As {@link #check(Function, Params, Tolerance)}, drawing {@code u} and then the directions
     * {@code v} from {@code rng}.
     *
     * @throws IllegalArgumentException if {@code f} changes its output shape
     */
    public static GradCheckReport check(Function<Params, Tensor> f, Params params,
            Tolerance tolerance, RandomGenerator rng) {
        return GradChecker.ofParams(f, CallSite.caller()).tolerance(tolerance).random(rng)
                .reverseMode(params);
    }

    /**
     * Your gradient of a scalar {@code f} against central differences (and jgrad's reverse mode).
     *
     * @throws IllegalArgumentException if {@code f(x)} is not a scalar or the gradient's shape
     *     is not {@code x}'s
     */
    public static GradCheckReport checkGradient(Function<Tensor, Tensor> f,
            Function<Tensor, Tensor> gradient, Tensor x, Tolerance tolerance) {
        return GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance)
                .gradient(gradient, x);
    }

    /**
     * Your Jacobian ({@code f(x).shape ++ x.shape}) against central differences.
     *
     * @throws IllegalArgumentException if the Jacobian's shape is wrong
     */
    public static GradCheckReport checkJacobian(Function<Tensor, Tensor> f,
            Function<Tensor, Tensor> jacobian, Tensor x, Tolerance tolerance) {
        return GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance)
                .jacobian(jacobian, x);
    }

    /**
     * Your vjp {@code (x, u) -> u^T J} against central differences.
     *
     * @throws IllegalArgumentException if the vjp's shape is not {@code x}'s
     */
    public static GradCheckReport checkVjp(Function<Tensor, Tensor> f,
            BiFunction<Tensor, Tensor, Tensor> vjp, Tensor x, Tolerance tolerance) {
        return GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance).vjp(vjp, x);
    }

    /** jgrad's forward mode ({@code Autodiff.jvp}) against its reverse mode ({@code vjp}). */
    public static GradCheckReport checkForwardVsReverse(Function<Tensor, Tensor> f, Tensor x,
            Tolerance tolerance) {
        return GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance)
                .forwardVsReverse(x);
    }

    /** Grad of grad against central differences of the gradient ({@link GradChecker#secondOrder}). */
    public static GradCheckReport checkSecondOrder(Function<Tensor, Tensor> f, Tensor x,
            Tolerance tolerance) {
        return GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance).secondOrder(x);
    }

    /**
     * Checks like {@link #check(Function, Tensor, Tolerance)} and throws on failure.
     *
     * @throws AssertionError with the report and {@code x} unless the check passed
     */
    public static void assertVjpMatches(Function<Tensor, Tensor> f, Tensor x, Tolerance tolerance) {
        checkNotNull(f, "f");
        GradCheckReport report =
                GradChecker.ofTensor(f, CallSite.caller()).tolerance(tolerance).reverseMode(x);
        if (!report.passed()) {
            throw new AssertionError(report + "\n  at x = " + x);
        }
    }

    /**
     * Checks like {@link #check(Function, Params, Tolerance)} and throws on failure.
     *
     * @throws AssertionError with the report unless the check passed
     */
    public static void assertVjpMatches(
            Function<Params, Tensor> f, Params params, Tolerance tolerance) {
        GradChecker.ofParams(f, CallSite.caller()).tolerance(tolerance).reverseMode(params)
                .assertPassed();
    }

    /**
     * Checks a custom operation in one call, on these inputs: its vjp against central
     * differences (every input, element by element for small inputs), its jvp against central
     * differences when it declares one ({@link GradCheckReport.Check#JVP}: {@code u^T J}
     * assembled from jvps of basis tangents), and its second order (grad of grad through the
     * vjp), always last: for an op whose vjp is not meant to be differentiable, judge the reports
     * before it. The op's declared {@link jgrad.core.Domain} is respected for every input. Inputs
     * are named {@code x0}, {@code x1}, ... in the reports.
     *
     * <pre>{@code
     * jshell> GradCheck.checkOp(softplus, Tolerance.FLOAT64, Tensor.of(-2, 0.5, 3))
     * }</pre>
     *
     * @return one report per check, each printable; all passed when {@code
     *     reports.stream().allMatch(GradCheckReport::passed)}
     * @throws IllegalArgumentException if no input is given
     */
    public static ImmutableList<GradCheckReport> checkOp(CustomOp op, Tolerance tolerance,
            Tensor... inputs) {
        checkNotNull(op, "checkOp: op is null");
        checkArgument(inputs.length > 0, "checkOp: %s needs at least one input", op.name());
        ImmutableMap.Builder<String, Tensor> named = ImmutableMap.builder();
        for (int i = 0; i < inputs.length; i++) {
            named.put("x" + i, checkNotNull(inputs[i], "checkOp: input %s is null", i));
        }
        Params params = Params.copyOf(named.buildOrThrow());
        Function<Params, Tensor> f = p -> op.apply(p.asMap().values().toArray(new Tensor[0]));
        GradChecker<Params> checker = ofParams(f).named(op.name()).tolerance(tolerance);
        for (String path : params.paths()) {
            checker = checker.domain(path, op.domain());
        }
        ImmutableList.Builder<GradCheckReport> reports = ImmutableList.builder();
        reports.add(checker.reverseMode(params));
        Tensor output = op.apply(inputs);
        Tensor[] zeroTangents = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            zeroTangents[i] = inputs[i].zerosLike();
        }
        if (op.jvp(List.of(inputs), List.of(zeroTangents), output) != null) {
            reports.add(checker.opJvp((p, u) -> jvpTranspose(op, p, u), params));
        }
        reports.add(checker.secondOrder(params));
        return reports.build();
    }

    /**
     * {@code u^T J} assembled from the op's own jvp, one basis tangent per input element: the
     * jvp's answer to the question the vjp answers, so the same comparison checks it.
     */
    private static Params jvpTranspose(CustomOp op, Params params, Tensor u) {
        List<Tensor> inputs = List.copyOf(params.asMap().values());
        Tensor output = op.apply(inputs.toArray(new Tensor[0]));
        ImmutableMap.Builder<String, Tensor> result = ImmutableMap.builder();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            double[] row = new double[x.size()];
            for (int j = 0; j < x.size(); j++) {
                Tensor[] tangents = new Tensor[inputs.size()];
                for (int k = 0; k < tangents.length; k++) {
                    tangents[k] = inputs.get(k).zerosLike();
                }
                double[] basis = new double[x.size()];
                basis[j] = 1;
                tangents[i] = Tensor.of(basis, x.shape(), x.dtype());
                Tensor jt = op.jvp(inputs, List.of(tangents), output);
                row[j] = jt.mul(u).sum().item();
            }
            result.put("x" + i, Tensor.of(row, x.shape(), x.dtype()));
        }
        return Params.copyOf(result.buildOrThrow());
    }
}
