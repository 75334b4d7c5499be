package jgrad.check;

import jgrad.core.Domain;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import jgrad.check.GradCheckReport.Check;
import jgrad.check.GradCheckReport.Entry;
import jgrad.check.GradCheckReport.ErrorBudget;
import jgrad.check.GradCheckReport.Method;
import jgrad.check.GradCheckReport.NonFiniteOutput;
import jgrad.check.GradCheckReport.Status;
import jgrad.check.GradCheckReport.Verdict;
import jgrad.core.AnomalyException;
import jgrad.core.Autodiff;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Shape;
import jgrad.core.Tensor;

/**
 * A configured gradient check of one function: its name, tolerance (and so the dtype it computes
 * in), the domain and kinks of its inputs, masks, the method and the random generator, with one
 * method per check. Immutable: each {@code with}-style method returns a new checker. Made by
 * {@link GradCheck#of} (functions of a {@code Tensor}) or {@link GradCheck#ofParams} (functions
 * of {@code Params}), which record where the check was created.
 *
 * <pre>{@code
 * // f(x) = sum(x^3), and a hand-derived gradient with a slip: 3x instead of 3x^2
 * GradCheckReport report = GradCheck.of(x -> x.pow(3).sum()).named("sum of cubes")
 *         .gradient(x -> x.mul(3), Tensor.of(0.5, -1, 2));
 * report.passed();         // false
 * report.failures();       // x[0] and x[2]: yours 1.5, numeric 0.75; yours 6.0, numeric 12.0
 * }</pre>
 *
 * <p>Every check evaluates {@code f} at {@code x} first: a NaN or infinite {@code f(x)} fails
 * before any comparison; a {@code x} outside a declared domain is not evaluated at all; a float32
 * {@code x} is cast to float64 (exactly) and every function re-evaluated there, and a function
 * whose output stays float32 is reported as not checked rather than judged by float64 tolerances
 * (check such a function with {@link Tolerance#FLOAT32}).
 *
 * @param <T> {@link Tensor} or {@link Params}: the type of the function's input
 */
public final class GradChecker<T> {

    /** Inputs up to this many elements are checked element by element. */
    static final int ELEMENTWISE_LIMIT = GradCheck.ELEMENTWISE_LIMIT;
    /** Every Jacobian element is compared while the Jacobian has at most this many. */
    public static final int JACOBIAN_LIMIT = 1024;

    private final Function<Params, Tensor> f;
    private final Function<T, Params> toParams;
    private final Function<Params, T> fromParams;
    private final String name;
    private final String createdAt;
    private final Tolerance tolerance;
    private final Optional<Domain> domainForAll;
    private final ImmutableMap<String, Domain> domains;
    private final ImmutableMap<String, Tensor> masks;
    private final Optional<Method> method;
    private final Draws random;
    private final int directions;

    /**
     * Where the random cotangent {@code u} and directions {@code v} come from, and how the report
     * names it ({@code "seed 7"}).
     */
    private record Draws(Supplier<RandomGenerator> generator, String source)
            implements Supplier<RandomGenerator> {
        static final Draws DEFAULT = new Draws(() -> new SplittableRandom(GradCheck.DEFAULT_SEED),
                "seed " + GradCheck.DEFAULT_SEED + " (the default; .seed(n) changes it)");

        @Override
        public RandomGenerator get() {
            return generator.get();
        }
    }

    private GradChecker(Function<Params, Tensor> f, Function<T, Params> toParams,
            Function<Params, T> fromParams, String name, String createdAt, Tolerance tolerance,
            Optional<Domain> domainForAll, ImmutableMap<String, Domain> domains,
            ImmutableMap<String, Tensor> masks, Optional<Method> method,
            Draws random, int directions) {
        this.f = f;
        this.toParams = toParams;
        this.fromParams = fromParams;
        this.name = name;
        this.createdAt = createdAt;
        this.tolerance = tolerance;
        this.domainForAll = domainForAll;
        this.domains = domains;
        this.masks = masks;
        this.method = method;
        this.random = random;
        this.directions = directions;
    }

    static GradChecker<Tensor> ofTensor(Function<Tensor, Tensor> f, String createdAt) {
        checkNotNull(f, "gradient check: f is null");
        return new GradChecker<>(params -> f.apply(params.get("x")), x -> Params.of("x", x),
                params -> params.get("x"), "f", createdAt, Tolerance.FLOAT64, Optional.empty(),
                ImmutableMap.of(), ImmutableMap.of(), Optional.empty(),
                Draws.DEFAULT, GradCheck.DIRECTIONS);
    }

    static GradChecker<Params> ofParams(Function<Params, Tensor> f, String createdAt) {
        checkNotNull(f, "gradient check: f is null");
        return new GradChecker<>(f, params -> params, params -> params, "f", createdAt,
                Tolerance.FLOAT64, Optional.empty(), ImmutableMap.of(), ImmutableMap.of(),
                Optional.empty(), Draws.DEFAULT,
                GradCheck.DIRECTIONS);
    }

    private GradChecker<T> with(String name, Tolerance tolerance, Optional<Domain> domainForAll,
            ImmutableMap<String, Domain> domains, ImmutableMap<String, Tensor> masks,
            Optional<Method> method, Draws random, int directions) {
        return new GradChecker<>(f, toParams, fromParams, name, createdAt, tolerance,
                domainForAll, domains, masks, method, random, directions);
    }

    // ------------------------------------------------------------------ configuration

    /** This check, reporting {@code name} as what it checks (default {@code "f"}). */
    public GradChecker<T> named(String name) {
        checkNotNull(name, "gradient check: name is null");
        return with(name, tolerance, domainForAll, domains, masks, method, random, directions);
    }

    /**
     * This check with {@code tolerance}, which also sets the dtype the check computes in
     * (default {@link Tolerance#FLOAT64}).
     */
    public GradChecker<T> tolerance(Tolerance tolerance) {
        checkNotNull(tolerance, "gradient check: tolerance is null");
        return with(name, tolerance, domainForAll, domains, masks, method, random, directions);
    }

    /** This check, with every input's elements in {@code domain} (see {@link Domain}). */
    public GradChecker<T> domain(Domain domain) {
        checkNotNull(domain, "gradient check: domain is null");
        return with(name, tolerance, Optional.of(domain), domains, masks, method, random,
                directions);
    }

    /** This check, with the elements of input {@code input} (a parameter path) in {@code domain}. */
    public GradChecker<T> domain(String input, Domain domain) {
        checkNotNull(input, "gradient check: input is null");
        checkNotNull(domain, "gradient check: domain is null");
        Map<String, Domain> more = new LinkedHashMap<>(domains);
        more.put(input, domain);
        return with(name, tolerance, domainForAll, ImmutableMap.copyOf(more), masks, method,
                random, directions);
    }

    /**
     * This check, comparing only the elements of input {@code "x"} where {@code mask} is not 0
     * (for functions of a {@code Tensor}; see {@link #mask(String, Tensor)}).
     */
    public GradChecker<T> mask(Tensor mask) {
        return mask("x", mask);
    }

    /**
     * This check, comparing only the elements of input {@code input} where {@code mask} (of the
     * input's shape) is not 0; random directions are 0 on the other elements.
     */
    public GradChecker<T> mask(String input, Tensor mask) {
        checkNotNull(input, "gradient check: input is null");
        checkNotNull(mask, "gradient check: mask is null");
        Map<String, Tensor> more = new LinkedHashMap<>(masks);
        more.put(input, mask.stopGradient());
        return with(name, tolerance, domainForAll, domains, ImmutableMap.copyOf(more), method,
                random, directions);
    }

    /**
     * This check, with every input compared by {@code method} whatever its size (by default:
     * {@link Method#EVERY_ELEMENT} while the input has at most {@value GradCheck#ELEMENTWISE_LIMIT}
     * elements, {@value GradCheck#SUPPLIED_ELEMENTWISE_LIMIT} for a derivative you supply, and the
     * Jacobian at most {@value #JACOBIAN_LIMIT}, {@link Method#COTANGENT} for larger outputs,
     * {@link Method#PROJECTION} for larger inputs; see {@link GradCheck}).
     */
    public GradChecker<T> method(Method method) {
        checkNotNull(method, "gradient check: method is null");
        return with(name, tolerance, domainForAll, domains, masks, Optional.of(method), random,
                directions);
    }

    /** This check, drawing from a {@code SplittableRandom(seed)} made for each check. */
    public GradChecker<T> seed(long seed) {
        return with(name, tolerance, domainForAll, domains, masks, method,
                new Draws(() -> new SplittableRandom(seed), "seed " + seed), directions);
    }

    /**
     * This check, drawing its cotangent {@code u} and then its directions from {@code rng} (each
     * check advances it).
     */
    public GradChecker<T> random(RandomGenerator rng) {
        checkNotNull(rng, "gradient check: rng is null");
        return with(name, tolerance, domainForAll, domains, masks, method,
                new Draws(() -> rng, "your RandomGenerator " + rng.getClass().getSimpleName()
                        + " (its state when the check ran; use .seed(n) to reproduce a check)"),
                directions);
    }

    /** This check, with {@code directions} random projections per projected input (default 8). */
    public GradChecker<T> directions(int directions) {
        checkArgument(directions >= 1, "gradient check: need directions >= 1, got %s",
                directions);
        return with(name, tolerance, domainForAll, domains, masks, method, random, directions);
    }

    /** The name this check reports. */
    public String name() {
        return name;
    }

    /** Where this check was created ({@code File.java:line}). */
    public String createdAt() {
        return createdAt;
    }

    // ------------------------------------------------------------------ checks

    /** jgrad's reverse mode ({@code Autodiff.vjp}) against central differences. */
    public GradCheckReport reverseMode(T x) {
        return run(Check.REVERSE_MODE, x, context -> context.reverse());
    }

    /**
     * Your gradient of a scalar {@code f} against central differences, element by element, with
     * jgrad's reverse mode beside it. {@code gradient} gets {@code x} (cast to the check's dtype)
     * and returns {@code df/dx}, shaped like {@code x} (for {@code Params}: one tensor per path).
     *
     * @throws IllegalArgumentException if {@code f(x)} has more than one element (pass a Jacobian
     *     or a vjp instead) or the gradient's shape is not {@code x}'s
     */
    public GradCheckReport gradient(Function<T, T> gradient, T x) {
        checkNotNull(gradient, "gradient check: gradient is null");
        return run(Check.GRADIENT, x, context -> {
            checkArgument(context.output.size() == 1, "gradient check: f returns shape %s; a"
                    + " gradient needs a scalar f (shape []): check your Jacobian or vjp"
                    + " instead", context.output.shape());
            return new Derivatives.Supplied("gradient", toParams.apply(returned("gradient",
                    gradient.apply(fromParams.apply(context.params)))), context.params,
                    context.output, context.cotangent);
        });
    }

    /**
     * Your Jacobian against central differences, element by element ({@code dy[j]/dx[i]}), with
     * jgrad's reverse mode beside it. {@code jacobian} gets {@code x} and returns, for each input,
     * a tensor of shape {@code f(x).shape ++ x.shape}.
     *
     * @throws IllegalArgumentException if the Jacobian's shape is not {@code f(x).shape ++ x.shape}
     */
    public GradCheckReport jacobian(Function<T, T> jacobian, T x) {
        checkNotNull(jacobian, "gradient check: jacobian is null");
        return run(Check.JACOBIAN, x, context -> new Derivatives.Supplied("Jacobian",
                toParams.apply(returned("Jacobian", jacobian.apply(
                        fromParams.apply(context.params)))),
                context.params, context.output, context.cotangent));
    }

    /**
     * Your vjp against central differences, with jgrad's reverse mode beside it. {@code vjp} gets
     * {@code x} and a cotangent {@code u} shaped like {@code f(x)} and returns {@code u^T J}
     * shaped like {@code x}. Every Jacobian element is compared by applying it to each basis
     * cotangent (small outputs), else {@code u^T J} for a random {@code u}.
     *
     * @throws IllegalArgumentException if the vjp's shape is not {@code x}'s
     */
    public GradCheckReport vjp(BiFunction<T, Tensor, T> vjp, T x) {
        checkNotNull(vjp, "gradient check: vjp is null");
        return run(Check.VJP, x, context -> new Derivatives.Supplied(
                u -> toParams.apply(returned("vjp", vjp.apply(fromParams.apply(context.params),
                        u))),
                context.params, context.output, context.cotangent));
    }

    /**
     * A custom op's jvp, given as the {@code u^T J} it implies ({@code jvpTranspose}), against
     * central differences: {@link Check#JVP}, compared like {@link #vjp}.
     */
    GradCheckReport opJvp(BiFunction<T, Tensor, T> jvpTranspose, T x) {
        checkNotNull(jvpTranspose, "gradient check: jvp is null");
        return run(Check.JVP, x, context -> new Derivatives.Supplied(
                u -> toParams.apply(returned("jvp", jvpTranspose.apply(
                        fromParams.apply(context.params), u))),
                context.params, context.output, context.cotangent));
    }

    /**
     * jgrad's forward mode ({@code Autodiff.jvp}, of {@code f} as a function of each input with
     * the others held) against its reverse mode ({@code Autodiff.vjp}): the same Jacobian
     * elements, no finite differences.
     */
    public GradCheckReport forwardVsReverse(T x) {
        return run(Check.FORWARD_VS_REVERSE, x, context -> new Derivatives.Forward(f,
                context.params, context.output, context.cotangent));
    }

    /**
     * Grad of grad, like PyTorch's {@code gradgradcheck}: the reverse mode of {@code g}, the
     * gradient of {@code f}, against central differences of {@code g}. For a scalar {@code f} of
     * a tensor {@code g(x) = grad f(x)}, so every Hessian element is compared; for other outputs
     * {@code g(x) = u^T J(x)} for a random cotangent {@code u}; for {@code Params}, {@code g} is
     * the Hessian-vector product {@code sum_p <w_p, grad_p <u, f>>} for random {@code w}.
     */
    public GradCheckReport secondOrder(T x) {
        Params params = toParams.apply(checkNotNull(x, "gradient check: x is null"))
                .stopGradient().map(t -> t.cast(tolerance.dtype()));
        for (String path : params.paths()) {
            for (double value : params.get(path).toArray()) {
                if (!domainOf(path).contains(value)) {
                    return run(Check.SECOND_ORDER, x, context -> context.reverse()); // says why
                }
            }
        }
        Tensor output = f.apply(params);
        if (output.dtype() != tolerance.dtype() || !isFinite(output)) {
            return run(Check.SECOND_ORDER, x, context -> context.reverse()); // says why not
        }
        RandomGenerator rng = random.get();
        boolean scalar = output.size() == 1;
        Tensor u = scalar ? output.stopGradient().onesLike()
                : Tensor.randn(output.shape(), rng).cast(output.dtype());
        List<String> notes = new ArrayList<>();
        Function<Params, Tensor> g;
        if (params.size() == 1 && params.paths().contains("x")) {
            g = p -> Autodiff.vjp(t -> f.apply(Params.of("x", t)), p.get("x")).pullback()
                    .apply(u);
            notes.add(scalar ? "the function checked is g(x) = grad f(x)"
                    : "f has " + output.size() + " outputs: the function checked is g(x) = u^T"
                            + " J(x) for a random cotangent u");
        } else {
            Map<String, Tensor> weights = new LinkedHashMap<>();
            for (String path : params.paths()) {
                Tensor p = params.get(path);
                weights.put(path, Tensor.randn(p.shape(), rng).cast(p.dtype()));
            }
            g = p -> {
                Params grads = Autodiff.vjp(f, p).pullback().apply(u);
                Tensor sum = null;
                for (String path : grads.paths()) {
                    Tensor term = grads.get(path).mul(weights.get(path)).sum();
                    sum = sum == null ? term : sum.add(term);
                }
                return sum;
            };
            notes.add("the function checked is g = sum_p <w_p, grad_p <u, f>>, whose gradient is"
                    + " a Hessian-vector product, for random w" + (scalar ? "" : " and u"));
        }
        GradChecker<Params> inner = new GradChecker<>(g, p -> p, p -> p, "grad of " + name,
                createdAt, tolerance, domainForAll, domains, masks, method,
                new Draws(() -> rng, random.source()), directions);
        GradCheckReport report = inner.run(Check.SECOND_ORDER, params,
                context -> context.reverse());
        return withNotes(report, notes);
    }

    // ------------------------------------------------------------------ the engine

    /** What a check computes the derivative under test from. */
    @FunctionalInterface
    private interface Source {
        Derivatives at(Context context);
    }

    /** The point of a check, in its dtype, with {@code f(x)} and the cotangent {@code u}. */
    private static final class Context {
        final Function<Params, Tensor> f;
        final Params params;
        final Tensor output;
        final Tensor cotangent;
        private Derivatives reverse;

        Context(Function<Params, Tensor> f, Params params, Tensor output, Tensor cotangent) {
            this.f = f;
            this.params = params;
            this.output = output;
            this.cotangent = cotangent;
        }

        Derivatives reverse() {
            if (reverse == null) {
                reverse = new Derivatives.Reverse(f, params).at(cotangent);
            }
            return reverse;
        }
    }

    private GradCheckReport run(Check check, T x, Source source) {
        checkNotNull(x, "gradient check: x is null");
        Params given = toParams.apply(x).stopGradient();
        DType dtype = tolerance.dtype();
        List<String> notes = new ArrayList<>();
        ImmutableMap.Builder<String, Shape> shapes = ImmutableMap.builder();
        Map<String, Tensor> cast = new LinkedHashMap<>();
        boolean recast = false;
        for (String path : given.paths()) {
            Tensor tensor = given.get(path);
            shapes.put(path, tensor.shape());
            if (tensor.dtype() != dtype) {
                recast = true;
                notes.add(String.format("%s is %s: checked in %s at %s (f re-evaluated there)",
                        path, tensor.dtype(), dtype, dtype == DType.FLOAT64
                                ? "the same values" : "its values rounded to float32"));
            }
            cast.put(path, tensor.cast(dtype));
        }
        ImmutableMap<String, Shape> inputShapes = shapes.buildOrThrow();
        Params params = Params.copyOf(cast);
        for (String path : masks.keySet()) {
            checkArgument(params.paths().contains(path), "gradient check: a mask for %s, which"
                    + " is not an input (%s)", path, params.paths());
            checkArgument(masks.get(path).shape().equals(params.get(path).shape()),
                    "gradient check: the mask for %s has shape %s; the input has %s", path,
                    masks.get(path).shape(), params.get(path).shape());
        }
        for (String path : domains.keySet()) {
            checkArgument(params.paths().contains(path), "gradient check: a domain for %s,"
                    + " which is not an input (%s)", path, params.paths());
        }
        // Never evaluate outside a declared domain, not even at x.
        for (String path : params.paths()) {
            Domain domain = domainOf(path);
            double[] values = params.get(path).toArray();
            for (int i = 0; i < values.length; i++) {
                if (!domain.contains(values[i])) {
                    return report(check, inputShapes, Shape.scalar(), Verdict.NOT_CHECKED,
                            ImmutableList.of(), Optional.empty(), reasonFirst(String.format(
                                    "%s%s = %s is outside the declared domain %s: f was not"
                                            + " evaluated", path,
                                    coordinates(params.get(path).shape(), i), values[i],
                                    domain), notes), Optional.empty());
                }
                if (!Double.isFinite(values[i])) {
                    return report(check, inputShapes, Shape.scalar(), Verdict.NOT_CHECKED,
                            ImmutableList.of(), Optional.empty(), reasonFirst(String.format(
                                    "%s%s is %s: differences need a finite x, f was not"
                                            + " evaluated", path,
                                    coordinates(params.get(path).shape(), i), values[i]),
                                    notes), Optional.empty());
                }
            }
        }
        Tensor output;
        Derivatives.Reverse traced = null;
        try {
            // One evaluation serves f(x) and jgrad's reverse mode, which every check but one
            // computes; a function that cannot be traced is still evaluated plainly.
            try {
                traced = new Derivatives.Reverse(f, params);
                output = traced.output;
            } catch (UnsupportedOperationException | IllegalStateException e) {
                output = f.apply(params);
            }
            checkNotNull(output, "gradient check: f returned null");
        } catch (IllegalArgumentException e) {
            if (!recast) {
                throw e;
            }
            return report(check, inputShapes, Shape.scalar(), Verdict.NOT_CHECKED,
                    ImmutableList.of(), Optional.empty(), reasonFirst("f cannot be evaluated at"
                            + " x cast to " + dtype + " (" + e.getMessage() + "): not checked;"
                            + " check it with a tolerance of its own dtype", notes),
                    Optional.empty());
        }
        if (output.dtype() != dtype) {
            return report(check, inputShapes, output.shape(), Verdict.NOT_CHECKED,
                    ImmutableList.of(), Optional.empty(), reasonFirst(String.format("f returns %s"
                            + " for a %s x: it cannot be re-evaluated in %s, and its"
                            + " differences are not judged by %s tolerances; check it with"
                            + " Tolerance.%s, or remove the cast inside f", output.dtype(), dtype,
                            dtype, dtype, output.dtype() == DType.FLOAT32 ? "FLOAT32"
                                    : "FLOAT64"), notes), Optional.empty());
        }
        output = output.stopGradient();
        double[] y = output.toArray();
        for (int j = 0; j < y.length; j++) {
            // Every difference would be NaN or infinite: name the cause, not some input element.
            if (!Double.isFinite(y[j])) {
                return report(check, inputShapes, output.shape(), Verdict.FAILED,
                        ImmutableList.of(), Optional.empty(), notes, Optional.of(
                                new NonFiniteOutput(coordinates(output.shape(), j), y[j],
                                        nonFiniteCause(params))));
            }
        }
        RandomGenerator rng = random.get();
        Tensor u = Tensor.randn(output.shape(), rng).cast(dtype);
        Context context = new Context(f, params, output, u);
        if (traced != null) {
            context.reverse = traced.at(u);
        }
        Derivatives tested = source.at(context);
        Derivatives reverse = null;
        boolean supplied = tested instanceof Derivatives.Supplied;
        if (supplied) {
            try {
                reverse = context.reverse();
            } catch (RuntimeException e) {
                notes.add("jgrad's reverse mode could not differentiate f: " + e.getMessage());
            }
        }
        Derivatives reference = check == Check.FORWARD_VS_REVERSE ? context.reverse() : null;

        List<Entry> entries = new ArrayList<>();
        List<LineRef> lines = new ArrayList<>();
        for (String path : params.paths()) {
            Method chosen = methodFor(params.get(path).size(), output.size(), supplied);
            if (chosen == Method.PROJECTION) {
                int first = entries.size();
                List<double[]> drawn = compareProjections(check, context, path, tested, reverse,
                        reference, rng, entries, lines, notes);
                if (reference == null) {
                    locate(check, context, path, tested, reverse, drawn, first, entries, lines,
                            notes);
                }
                if (supplied) {
                    crossCheck(check, context, path, tested, reverse, entries, lines, notes);
                }
            } else {
                compareElements(check, chosen, context, path, tested, reverse, reference,
                        entries, lines, notes, null);
            }
        }
        summariseNotes(entries, notes, supplied && reverse != null,
                check == Check.JVP ? "the op's jvp" : "yours");
        boolean failed = entries.stream().anyMatch(Entry::failed);
        boolean unjudged = entries.stream().anyMatch(e -> e.status() == Status.NOT_CHECKED);
        Verdict verdict = failed ? Verdict.FAILED
                : unjudged ? Verdict.NOT_CHECKED : Verdict.PASSED;
        GradCheckReport draft = report(check, inputShapes, output.shape(), verdict,
                ImmutableList.copyOf(entries), Optional.empty(), notes, Optional.empty());
        Optional<ErrorBudget> budget = draft.worst().flatMap(worst -> {
            LineRef line = lines.get(entries.indexOf(worst));
            return line == null ? Optional.empty() : Optional.ofNullable(Differences.budget(
                    line.result, line.component, tolerance.machineEpsilon()));
        });
        return report(check, inputShapes, output.shape(), verdict, ImmutableList.copyOf(entries),
                budget, notes, Optional.empty());
    }

    /** {@code reason} followed by {@code notes}: the summary quotes the first note. */
    private static List<String> reasonFirst(String reason, List<String> notes) {
        List<String> all = new ArrayList<>();
        all.add(reason);
        all.addAll(notes);
        return all;
    }

    /**
     * Which operation made {@code f(params)} NaN or infinite, from anomaly detection ({@link
     * Autodiff#detectAnomaly}): {@code "log produced NaN from finite inputs, at
     * MyTest.java:12 (...); first at element [1] (NaN) of its output [3]; inputs: ..."}; empty if
     * it names none (a value computed outside Tensor operations, or a non-finite input).
     */
    private String nonFiniteCause(Params params) {
        try {
            Autodiff.detectAnomaly(() -> f.apply(params));
        } catch (AnomalyException e) {
            String message = e.getMessage();
            return message.startsWith("anomaly: ") ? message.substring("anomaly: ".length())
                    : message;
        } catch (RuntimeException e) {
            return "";
        }
        return "";
    }

    /**
     * The default method: every element while the input has at most {@link #ELEMENTWISE_LIMIT}
     * elements ({@link GradCheck#SUPPLIED_ELEMENTWISE_LIMIT} for a derivative you supplied, which
     * is what you asked to check), else projections.
     */
    private Method methodFor(int inputSize, int outputSize, boolean supplied) {
        if (method.isPresent()) {
            return method.get();
        }
        if (inputSize > (supplied ? GradCheck.SUPPLIED_ELEMENTWISE_LIMIT : ELEMENTWISE_LIMIT)) {
            return Method.PROJECTION;
        }
        return outputSize == 1 || (long) outputSize * inputSize <= JACOBIAN_LIMIT
                ? Method.EVERY_ELEMENT : Method.COTANGENT;
    }

    private Domain domainOf(String path) {
        return domains.getOrDefault(path, domainForAll.orElse(Domain.REALS));
    }

    /** The name of the function differenced, in notes: {@code g}, the gradient, in second order. */
    private static String symbol(Check check) {
        return check == Check.SECOND_ORDER ? "g" : "f";
    }

    /** A line's result and one of its components, for the worst comparison's error budget. */
    private record LineRef(Differences.Result result, int component) {}

    /**
     * Above {@link GradCheck#SUPPLIED_ELEMENTWISE_LIMIT}, a derivative you supplied is compared
     * by projections, which dilute an error at one element by its direction's component there
     * (about {@code 1 / sqrt(n)}). So every element of yours is also compared with jgrad's reverse
     * mode (one pullback, no evaluations of f), and the elements where the two differ, at most
     * {@link GradCheck#CROSS_CHECKED_ELEMENTS} of them, are compared with central differences
     * element by element: a slip at one element fails the check whatever the input's size.
     */
    private void crossCheck(Check check, Context context, String path, Derivatives tested,
            Derivatives reverse, List<Entry> entries, List<LineRef> lines, List<String> notes) {
        if (reverse == null) {
            notes.add(String.format("%s: jgrad's reverse mode could not differentiate f, so your"
                    + " derivative was compared by projections only: an error at a single element"
                    + " can hide in them; compare every element with .method(Method"
                    + ".EVERY_ELEMENT) (2 evaluations of f per element)", path));
            return;
        }
        boolean scalar = context.output.size() == 1;
        double[] yours = scalar ? tested.jacobian(path) : tested.cotangent(path);
        double[] jgrad = scalar ? reverse.jacobian(path) : reverse.cotangent(path);
        double[] mask = masks.containsKey(path) ? masks.get(path).toArray() : null;
        List<Integer> differing = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < yours.length; i++) {
            if ((mask == null || mask[i] != 0) && !tolerance.accepts(yours[i], jgrad[i])) {
                count++;
                if (differing.size() < GradCheck.CROSS_CHECKED_ELEMENTS) {
                    differing.add(i);
                }
            }
        }
        notes.add(String.format("%s: every element of your %s compared with jgrad's reverse"
                + " mode: %d of %d differ%s", path, scalar ? "gradient" : "u^T J", count,
                yours.length, count == 0 ? ""
                        : count > differing.size()
                                ? String.format("; the first %d compared element by element with"
                                        + " central differences", differing.size())
                                : ", each compared with central differences"));
        if (!differing.isEmpty()) {
            compareElements(check, scalar ? Method.EVERY_ELEMENT : Method.COTANGENT,
                    context, path, tested, reverse, null, entries, lines, notes,
                    differing.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private void compareElements(Check check, Method chosen, Context context, String path,
            Derivatives tested, Derivatives reverse, Derivatives reference, List<Entry> entries,
            List<LineRef> lines, List<String> notes, int[] only) {
        Tensor x = context.params.get(path);
        int in = x.size();
        int out = context.output.size();
        boolean jacobian = chosen == Method.EVERY_ELEMENT;
        double[] tested0 = jacobian ? tested.jacobian(path) : tested.cotangent(path);
        double[] reverse0 = reverse == null ? null
                : jacobian ? reverse.jacobian(path) : reverse.cotangent(path);
        double[] reference0 = reference == null ? null
                : jacobian ? reference.jacobian(path) : reference.cotangent(path);
        double[] values = x.toArray();
        double[] mask = masks.containsKey(path) ? masks.get(path).toArray() : null;
        Domain domain = domainOf(path);
        double[] y = context.output.toArray();
        double[] u = context.cotangent.toArray();
        Differences.Sample base = jacobian
                ? new Differences.Sample(0, y, abs(y))
                : projected(y, u, 0);
        int masked = 0;
        int count = only == null ? in : only.length;
        for (int n = 0; n < count; n++) {
            int i = only == null ? n : only[n];
            if (mask != null && mask[i] == 0) {
                masked++;
                continue;
            }
            int m = jacobian ? out : 1;
            double[] value = new double[m];
            double[] rev = new double[m];
            double[] ref = new double[m];
            for (int j = 0; j < m; j++) {
                int at = jacobian ? j * in + i : i;
                value[j] = tested0[at];
                rev[j] = reverse0 == null ? Double.NaN : reverse0[at];
                ref[j] = reference0 == null ? Double.NaN : reference0[at];
            }
            ImmutableIntArray index = coordinates(x.shape(), i);
            if (reference != null) {
                for (int j = 0; j < m; j++) {
                    entries.add(compared(chosen, path, index, outputIndex(context, jacobian, j),
                            0, value[j], ref[j]));
                    lines.add(null);
                }
                continue;
            }
            int element = i;
            Differences.Line line = t -> {
                double[] moved = values.clone();
                moved[element] = round(values[element] + t);
                Tensor y1 = evaluate(context, path, moved, x.shape());
                double taken = moved[element] - values[element];
                double[] outValues = y1.toArray();
                return jacobian ? new Differences.Sample(taken, outValues, abs(outValues))
                        : projected(outValues, u, taken);
            };
            Differences.Room room = room(values[i], domain, path + index);
            double h = tolerance.step(values[i]);
            Differences.Result result = Differences.estimate(line, base, value, h, room,
                    tolerance, true, symbol(check));
            for (int j = 0; j < m; j++) {
                entries.add(entry(chosen, path, index, outputIndex(context, jacobian, j), 0,
                        value[j], rev[j], result, j, tolerance));
                lines.add(new LineRef(result, j));
            }
        }
        if (masked > 0) {
            notes.add(String.format("%d of %d elements of %s excluded by the mask", masked, in,
                    path));
        }
        if (!jacobian && only == null) {
            notes.add(String.format("%s: compared u^T J for one random cotangent u (f has %d"
                    + " outputs; a full Jacobian would have %d elements)", path, out,
                    (long) out * in));
        }
    }

    /** Compares {@link #directions} random projections; returns the directions drawn. */
    private List<double[]> compareProjections(Check check, Context context, String path,
            Derivatives tested, Derivatives reverse, Derivatives reference, RandomGenerator rng,
            List<Entry> entries, List<LineRef> lines, List<String> notes) {
        List<double[]> drawn = new ArrayList<>();
        Tensor x = context.params.get(path);
        double[] values = x.toArray();
        double[] mask = masks.containsKey(path) ? masks.get(path).toArray() : null;
        double scale = 0;
        for (double value : values) {
            scale = Math.max(scale, Math.abs(value));
        }
        double h = tolerance.step(scale);
        Domain domain = domainOf(path);
        double[] y = context.output.toArray();
        double[] u = context.cotangent.toArray();
        Differences.Sample base = projected(y, u, 0);
        for (int d = 1; d <= directions; d++) {
            double[] v = Tensor.randn(x.shape(), rng).toArray();
            double norm = 0;
            for (int i = 0; i < v.length; i++) {
                if (mask != null && mask[i] == 0) {
                    v[i] = 0;
                }
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < v.length; i++) {
                v[i] = norm == 0 ? 0 : v[i] / norm;
            }
            drawn.add(v);
            double value = tested.projection(path, v);
            double rev = reverse == null ? Double.NaN : reverse.projection(path, v);
            if (reference != null) {
                entries.add(compared(Method.PROJECTION, path, ImmutableIntArray.of(),
                        ImmutableIntArray.of(), d, value, reference.projection(path, v)));
                lines.add(null);
                continue;
            }
            Differences.Line line = t -> {
                double[] moved = values.clone();
                for (int i = 0; i < v.length; i++) {
                    moved[i] = round(values[i] + t * v[i]);
                }
                return projected(evaluate(context, path, moved, x.shape()).toArray(), u, t);
            };
            Differences.Room room = roomAlong(values, v, domain, path);
            Differences.Result result = Differences.estimate(line, base, new double[] {value}, h,
                    room, tolerance, true, symbol(check));
            entries.add(entry(Method.PROJECTION, path, ImmutableIntArray.of(),
                    ImmutableIntArray.of(), d, value, rev, result, 0, tolerance));
            lines.add(new LineRef(result, 0));
        }
        notes.add(String.format("%s has %d elements, more than %d: not every element was"
                + " compared, but %d random projections u^T J v (directional derivatives along"
                + " unit directions v, standard normal then normalised, drawn after u from %s),"
                + " each judged by the element tolerance (step %.3e from max |x| = %.3e; its"
                + " error is that of one central difference, which does not grow with n); an"
                + " error at one element is diluted by about 1/sqrt(n) = %.1e in them; every"
                + " element: .method(Method.EVERY_ELEMENT)", path, values.length,
                ELEMENTWISE_LIMIT, directions, random.source(), h, scale,
                1 / Math.sqrt(values.length)));
        return drawn;
    }

    /**
     * After a failed projection of input {@code path}: a projection mixes every element, so it
     * cannot say which one is wrong. Its direction is bisected: the projections onto each half of
     * the elements it moves are compared (their errors add up to the whole one's), the failing
     * half with the larger error relative to its allowed error is kept, until one element is
     * left, which is then compared on its own (an element entry of {@code u^T J}). Stops where
     * neither half fails on its own (errors spread thinly over many elements), and says so.
     */
    private void locate(Check check, Context context, String path, Derivatives tested,
            Derivatives reverse, List<double[]> drawn, int first, List<Entry> entries,
            List<LineRef> lines, List<String> notes) {
        Entry failed = null;
        for (int k = first; k < entries.size(); k++) {
            Entry entry = entries.get(k);
            if (entry.status() == Status.FAILED && !Double.isNaN(entry.numeric())
                    && (failed == null || entry.ratio() > failed.ratio())) {
                failed = entry;
            }
        }
        if (failed == null) {
            return;
        }
        double[] v = drawn.get(failed.projection() - 1);
        List<Integer> moved = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != 0) {
                moved.add(i);
            }
        }
        int lo = 0;
        int hi = moved.size();
        int probes = 0;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            double bestRatio = -1;
            int[] best = null;
            for (int[] half : new int[][] {{lo, mid}, {mid, hi}}) {
                double[] w = new double[v.length];
                double norm = 0;
                for (int k = half[0]; k < half[1]; k++) {
                    int i = moved.get(k);
                    w[i] = v[i];
                    norm += v[i] * v[i];
                }
                norm = Math.sqrt(norm);
                for (int k = half[0]; k < half[1]; k++) {
                    w[moved.get(k)] /= norm;
                }
                Differences.Result result = along(check, context, path, w,
                        new double[] {tested.projection(path, w)});
                probes++;
                double value = tested.projection(path, w);
                double error = Math.abs(value - result.numeric[0]);
                double ratio = error / tolerance.allowed(result.numeric[0]);
                if (result.status[0] == Status.FAILED && Double.isFinite(result.numeric[0])
                        && ratio > bestRatio) {
                    bestRatio = ratio;
                    best = half;
                }
            }
            if (best == null) {
                break;
            }
            lo = best[0];
            hi = best[1];
        }
        String head = String.format("%s: %s failed; a projection mixes every element, so it"
                + " cannot say which is wrong", path, failed.where());
        if (hi - lo > 1) {
            notes.add(String.format("%s; bisecting its direction (%d more projections) stopped at"
                    + " %d elements, %s%s to %s%s, where neither half fails on its own (the error"
                    + " is spread over them); compare every element with"
                    + " .method(Method.EVERY_ELEMENT) (2 evaluations of f per element, %d here)",
                    head, probes, hi - lo, path,
                    coordinates(context.params.get(path).shape(), moved.get(lo)), path,
                    coordinates(context.params.get(path).shape(), moved.get(hi - 1)),
                    2 * v.length));
            return;
        }
        int i = moved.get(lo);
        boolean scalar = context.output.size() == 1;
        int before = entries.size();
        compareElements(check, scalar ? Method.EVERY_ELEMENT : Method.COTANGENT, context, path,
                tested, reverse, null, entries, lines, notes, new int[] {i});
        boolean fails = entries.subList(before, entries.size()).stream().anyMatch(Entry::failed);
        notes.add(String.format("%s; bisecting its direction (%d more projections onto halves of"
                + " %s's elements) located %s%s, compared on its own (%s): %s", head, probes,
                path, path, coordinates(context.params.get(path).shape(), i),
                scalar ? "the gradient's element" : "u^T J's element", fails ? "it fails"
                        : "it passes on its own, so the error is spread over several elements"));
    }

    /** The derivative along unit direction {@code w} of {@code <u, f>}, estimated against value. */
    private Differences.Result along(Check check, Context context, String path, double[] w,
            double[] value) {
        Tensor x = context.params.get(path);
        double[] values = x.toArray();
        double scale = 0;
        for (double element : values) {
            scale = Math.max(scale, Math.abs(element));
        }
        double[] y = context.output.toArray();
        double[] u = context.cotangent.toArray();
        Differences.Line line = t -> {
            double[] moved = values.clone();
            for (int i = 0; i < w.length; i++) {
                if (w[i] != 0) {
                    moved[i] = round(values[i] + t * w[i]);
                }
            }
            return projected(evaluate(context, path, moved, x.shape()).toArray(), u, t);
        };
        return Differences.estimate(line, projected(y, u, 0), value, tolerance.step(scale),
                roomAlong(values, w, domainOf(path), path), tolerance, true, symbol(check));
    }

    private Entry compared(Method chosen, String path, ImmutableIntArray index,
            ImmutableIntArray outputIndex, int projection, double value, double reference) {
        double error = Math.abs(value - reference);
        boolean close = tolerance.accepts(value, reference);
        return new Entry(chosen, path, index, outputIndex, projection, value, reference,
                Double.NaN, error, tolerance.allowed(reference),
                close ? Status.PASSED : Status.FAILED, Double.NaN, "-", 0, Double.NaN,
                Double.NaN, "");
    }

    private static Entry entry(Method chosen, String path, ImmutableIntArray index,
            ImmutableIntArray outputIndex, int projection, double value, double reverse,
            Differences.Result result, int j, Tolerance tolerance) {
        double numeric = result.numeric[j];
        String note = result.kinkNote[j] != null ? result.kinkNote[j] : result.note;
        return new Entry(chosen, path, index, outputIndex, projection, value, numeric, reverse,
                Math.abs(value - numeric), tolerance.allowed(numeric), result.status[j],
                result.step, result.scheme.name().toLowerCase(java.util.Locale.ROOT),
                result.refinement[j], result.left[j], result.right[j], note == null ? "" : note,
                result.kinkOffset[j]);
    }

    private ImmutableIntArray outputIndex(Context context, boolean jacobian, int j) {
        return jacobian && context.output.rank() > 0
                ? coordinates(context.output.shape(), j) : ImmutableIntArray.of();
    }

    /**
     * What your {@code what} function returned, checked.
     *
     * @throws NullPointerException saying that your function returned null
     */
    private static <V> V returned(String what, V value) {
        return checkNotNull(value, "gradient check: your %s function returned null; it must"
                + " return %s", what, what.equals("vjp") ? "u^T J, shaped like x"
                        : what.equals("gradient") ? "df/dx, shaped like x"
                                : "the Jacobian, shaped f(x).shape ++ x.shape");
    }

    /** {@code f} at {@code params} with input {@code path} set to {@code values}, untraced. */
    private Tensor evaluate(Context context, String path, double[] values, Shape shape) {
        Tensor y = f.apply(replace(context.params, path,
                Tensor.of(values, shape, tolerance.dtype())));
        checkNotNull(y, "gradient check: f returned null at a point near x (it returned %s at"
                + " x)", context.output.shape());
        checkArgument(y.shape().equals(context.output.shape()),
                "gradient check: f changed its output shape from %s to %s",
                context.output.shape(), y.shape());
        return y;
    }

    /** {@code params} with {@code path} replaced by {@code value}. */
    static Params replace(Params params, String path, Tensor value) {
        Map<String, Tensor> moved = new LinkedHashMap<>(params.asMap());
        moved.put(path, value);
        return Params.copyOf(moved);
    }

    private double round(double value) {
        return tolerance.dtype() == DType.FLOAT32 ? (float) value : value;
    }

    /** {@code <u, y>} with {@code sum |u_i y_i|}, the magnitude its rounding is relative to. */
    private static Differences.Sample projected(double[] y, double[] u, double t) {
        double sum = 0;
        double magnitude = 0;
        for (int j = 0; j < y.length; j++) {
            sum += u[j] * y[j];
            magnitude += Math.abs(u[j] * y[j]);
        }
        return new Differences.Sample(t, new double[] {sum}, new double[] {magnitude});
    }

    private static double[] abs(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.abs(values[i]);
        }
        return result;
    }

    /** The room around {@code x} inside {@code domain}, along {@code +1}. */
    private static Differences.Room room(double x, Domain domain, String where) {
        if (domain.isUnrestricted()) {
            return Differences.Room.FREE;
        }
        double plus = Double.POSITIVE_INFINITY;
        String plusLimit = "";
        double minus = Double.POSITIVE_INFINITY;
        String minusLimit = "";
        if (Double.isFinite(domain.high())) {
            plus = domain.high() - x;
            plusLimit = "the domain edge " + domain.high();
        }
        if (Double.isFinite(domain.low())) {
            minus = x - domain.low();
            minusLimit = "the domain edge " + domain.low();
        }
        for (int k = 0; k < 2; k++) {
            com.google.common.primitives.ImmutableDoubleArray points =
                    k == 0 ? domain.excluded() : domain.kinks();
            String kind = k == 0 ? "the excluded point " : "the kink at ";
            for (int i = 0; i < points.length(); i++) {
                double point = points.get(i);
                if (point > x && point - x < plus) {
                    plus = point - x;
                    plusLimit = kind + point;
                } else if (point < x && x - point < minus) {
                    minus = x - point;
                    minusLimit = kind + point;
                }
            }
        }
        boolean atKink = domain.isKink(x);
        return new Differences.Room(minus, minusLimit, plus, plusLimit, atKink,
                atKink ? "declared kink at " + where + " = " + x : "");
    }

    /** The room along direction {@code v} from {@code x}, over every coordinate it moves. */
    private static Differences.Room roomAlong(double[] x, double[] v, Domain domain,
            String path) {
        if (domain.isUnrestricted()) {
            return Differences.Room.FREE;
        }
        double plus = Double.POSITIVE_INFINITY;
        double minus = Double.POSITIVE_INFINITY;
        String plusLimit = "";
        String minusLimit = "";
        boolean atKink = false;
        String kinkNote = "";
        for (int i = 0; i < x.length; i++) {
            if (v[i] == 0) {
                continue;
            }
            Differences.Room one = room(x[i], domain, path + "[" + i + "]");
            double up = (v[i] > 0 ? one.plus() : one.minus()) / Math.abs(v[i]);
            double down = (v[i] > 0 ? one.minus() : one.plus()) / Math.abs(v[i]);
            if (up < plus) {
                plus = up;
                plusLimit = (v[i] > 0 ? one.plusLimit() : one.minusLimit()) + " (element " + i
                        + ")";
            }
            if (down < minus) {
                minus = down;
                minusLimit = (v[i] > 0 ? one.minusLimit() : one.plusLimit()) + " (element " + i
                        + ")";
            }
            if (one.atKink() && !atKink) {
                atKink = true;
                kinkNote = one.kinkNote();
            }
        }
        return new Differences.Room(minus, minusLimit, plus, plusLimit, atKink, kinkNote);
    }

    /** Notes on kinks, shrunk steps, one-sided differences and disagreements with jgrad. */
    private void summariseNotes(List<Entry> entries, List<String> notes, boolean withReverse,
            String yours) {
        long special = entries.stream().filter(e -> !e.note().isEmpty()
                && Double.isNaN(e.left())).map(Entry::where).count();
        if (special > 0) {
            Entry first = entries.stream().filter(e -> !e.note().isEmpty()
                    && Double.isNaN(e.left())).findFirst().orElseThrow();
            notes.add(String.format("%d comparison(s) not at the standard step or scheme, first"
                    + " %s: %s", special, first.where(), first.note()));
        }
        if (withReverse) {
            List<String> slips = new ArrayList<>();
            List<String> shared = new ArrayList<>();
            List<String> allDiffer = new ArrayList<>();
            List<String> reverseOff = new ArrayList<>();
            for (Entry entry : entries) {
                if (Double.isNaN(entry.reverse()) || entry.status() == Status.NOT_CHECKED
                        || Double.isNaN(entry.numeric())) {
                    continue;
                }
                boolean reverseRight = matchesNumeric(entry, entry.reverse());
                boolean agrees = tolerance.accepts(entry.value(), entry.reverse());
                if (entry.failed() && reverseRight) {
                    slips.add(entry.where());
                } else if (entry.failed() && agrees) {
                    shared.add(entry.where());
                } else if (entry.failed()) {
                    allDiffer.add(entry.where());
                } else if (!reverseRight) {
                    reverseOff.add(entry.where());
                }
            }
            if (!slips.isEmpty()) {
                notes.add(String.format("jgrad's reverse mode matches the numeric value where"
                        + " %s fails (%s): the slip is in %s", yours, head(slips),
                        yours.equals("yours") ? "your derivative" : yours));
            }
            if (!shared.isEmpty()) {
                notes.add(String.format("%s and jgrad's reverse mode agree with each other but"
                        + " not with the numeric value at %s: either both miss something (does f"
                        + " use stopGradient, or values computed outside Tensor operations?) or"
                        + " the numeric value is off (see the notes on steps and kinks)", yours,
                        head(shared)));
            }
            if (!allDiffer.isEmpty()) {
                notes.add(String.format("%s, jgrad's reverse mode and the numeric value all"
                        + " differ at %s", yours, head(allDiffer)));
            }
            if (!reverseOff.isEmpty()) {
                notes.add(String.format("jgrad's reverse mode differs from the numeric value,"
                        + " which %s matches, at %s: does f use stopGradient, or values"
                        + " computed outside Tensor operations?", yours, head(reverseOff)));
            }
        }
    }

    /**
     * Whether {@code candidate} would pass where {@code entry}'s value was judged: within the
     * entry's allowed error of its numeric value, or between the one-sided derivatives at a kink.
     */
    private static boolean matchesNumeric(Entry entry, double candidate) {
        if (entry.status() == Status.KINK) {
            double low = Math.min(entry.left(), entry.right());
            double high = Math.max(entry.left(), entry.right());
            return candidate >= low - entry.allowed() && candidate <= high + entry.allowed();
        }
        return Math.abs(candidate - entry.numeric()) <= entry.allowed();
    }

    private static String head(List<String> names) {
        return names.size() <= 6 ? String.join("; ", names)
                : String.join("; ", names.subList(0, 6)) + "; ... (" + names.size() + ")";
    }

    private GradCheckReport report(Check check, ImmutableMap<String, Shape> inputShapes,
            Shape outputShape, Verdict verdict, ImmutableList<Entry> entries,
            Optional<ErrorBudget> budget, List<String> notes,
            Optional<NonFiniteOutput> nonFinite) {
        return new GradCheckReport(name, createdAt, check, inputShapes, outputShape, verdict,
                entries, tolerance, budget, ImmutableList.copyOf(notes), nonFinite);
    }

    private static GradCheckReport withNotes(GradCheckReport report, List<String> notes) {
        if (notes.isEmpty()) {
            return report;
        }
        return new GradCheckReport(report.name(), report.createdAt(), report.check(),
                report.inputShapes(), report.outputShape(), report.verdict(), report.entries(),
                report.tolerance(), report.budget(), ImmutableList.<String>builder()
                        .addAll(notes).addAll(report.notes()).build(), report.nonFiniteOutput());
    }

    private static boolean isFinite(Tensor tensor) {
        for (double value : tensor.toArray()) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    static ImmutableIntArray coordinates(Shape shape, int flat) {
        int[] index = new int[shape.rank()];
        for (int d = shape.rank() - 1; d >= 0; d--) {
            index[d] = flat % shape.dim(d);
            flat /= shape.dim(d);
        }
        return ImmutableIntArray.copyOf(index);
    }
}
