package jgrad.check;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>Method: draw a cotangent {@code u} (standard normal, seeded) and set {@code g(x) = <u,
 * f(x)>}, so one scalar covers every output. For each input element estimate {@code (g(x + h e_i)
 * - g(x - h e_i)) / 2h} with {@code h = 1e-5 * max(1, |x_i|)} and compare it with the vjp {@code
 * u^T J} at {@code i}. Inputs of more than {@value #ELEMENTWISE_LIMIT} elements are checked by
 * projection instead: {@code <u^T J, v>} against {@code <u, (f(x + h v) - f(x - h v)) / 2h>} for
 * {@value #DIRECTIONS} random unit directions {@code v}, with the tolerance scaled by the square
 * root of the element count. Either way the first failing element is reported with its index.
 *
 * <p>Stay off kinks: relu at 0, max at ties and abs at 0 have one-sided derivatives that a central
 * difference averages.
 *
 * <pre>{@code
 * jshell> GradCheck.check(x -> x.tanh().sum(), Tensor.of(0.1, -2.0), Tolerance.FLOAT64)
 * $1 ==> gradient check passed (elementwise, 2 comparisons): worst at x[1]: ...
 * }</pre>
 */
public final class GradCheck {

    /** Inputs up to this many elements are checked element by element. */
    public static final int ELEMENTWISE_LIMIT = 256;
    /** Random directions used for larger inputs. */
    public static final int DIRECTIONS = 8;

    private static final long DEFAULT_SEED = 20260101L;

    private GradCheck() {}

    /**
     * Compares the gradient of {@code f} at {@code x} with central differences.
     *
     * @throws IllegalArgumentException if {@code x} is not float64
     */
    public static GradCheckReport check(Function<Tensor, Tensor> f, Tensor x, Tolerance tolerance) {
        checkNotNull(f, "f");
        return check(params -> f.apply(params.get("x")), Params.of("x", x), tolerance);
    }

    /**
     * Compares the gradient of {@code f} with respect to every parameter with central differences.
     *
     * @throws IllegalArgumentException if a parameter is not float64
     */
    public static GradCheckReport check(
            Function<Params, Tensor> f, Params params, Tolerance tolerance) {
        return check(f, params, tolerance, new SplittableRandom(DEFAULT_SEED));
    }

    /**
     * As {@link #check(Function, Params, Tolerance)}, drawing {@code u} and {@code v} from {@code
     * rng}.
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
        Tensor u = Tensor.randn(vjp.output().shape(), rng).cast(vjp.output().dtype());
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
            double h = 1e-5 * Math.max(1.0, Math.abs(values[i]));
            double[] plus = values.clone();
            double[] minus = values.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (project(f, params, path, plus, x.shape(), u)
                    - project(f, params, path, minus, x.shape(), u)) / (plus[i] - minus[i]);
            out.add(new Comparison("elementwise", path, coordinates(x.shape(), i), grad[i],
                    numeric, tolerance));
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
            double[] plus = values.clone();
            double[] minus = values.clone();
            double analytic = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] /= norm;
                plus[i] += h * v[i];
                minus[i] -= h * v[i];
                analytic += grad[i] * v[i];
            }
            double numeric = (project(f, params, path, plus, x.shape(), u)
                    - project(f, params, path, minus, x.shape(), u)) / (2 * h);
            out.add(new Comparison("projection", path, ImmutableIntArray.of(), analytic, numeric,
                    scaled));
        }
    }

    /** {@code <u, f(params with path := values)>}, untraced. */
    private static double project(Function<Params, Tensor> f, Params params, String path,
            double[] values, Shape shape, Tensor u) {
        Map<String, Tensor> moved = new LinkedHashMap<>(params.asMap());
        moved.put(path, Tensor.of(values, shape, DType.FLOAT64));
        Tensor y = f.apply(Params.copyOf(ImmutableMap.copyOf(moved)));
        checkArgument(y.shape().equals(u.shape()),
                "gradCheck: f changed its output shape from %s to %s", u.shape(), y.shape());
        return y.mul(u).sum().item();
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
                    0, 0, 0, 0, 0);
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
                worst.numeric, worst.error(), worst.tolerance.allowed(worst.numeric),
                comparisons.size());
    }

    private record Comparison(String method, String path, ImmutableIntArray index, double analytic,
            double numeric, Tolerance tolerance) {
        double error() {
            return Math.abs(analytic - numeric);
        }

        boolean passed() {
            return tolerance.accepts(analytic, numeric);
        }

        double ratio() {
            double ratio = error() / tolerance.allowed(numeric);
            return Double.isNaN(ratio) ? Double.POSITIVE_INFINITY : ratio;
        }
    }
}
