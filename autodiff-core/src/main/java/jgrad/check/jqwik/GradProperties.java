package jgrad.check.jqwik;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import jgrad.check.GradCheck;
import jgrad.check.GradCheckReport;
import jgrad.check.GradChecker;
import jgrad.core.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.JqwikException;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Ready-made properties: "this function's gradient agrees with finite differences" as one call,
 * over inputs drawn from a jqwik arbitrary. A failing input is shrunk with jqwik's own shrinking
 * (to the smallest shape, then the smallest values, that still fail) and reported with its
 * {@link GradCheckReport}, the try it was found at and the seed that reproduces it.
 *
 * <pre>{@code
 * @Test  // or @Example; inside a @Property, check one input with GradCheck instead
 * void mySoftplusGradientAgrees() {
 *     GradProperties.assertGradientsAgree(MyOps::softplus, TensorArbitraries.tensors());
 * }
 * @Test
 * void myReluGradientAgreesOffItsKink() {
 *     GradProperties.assertGradientsAgree(GradCheck.of(MyOps::relu).named("relu"),
 *             TensorArbitraries.tensors().avoiding(Domain.REALS.withKinks(0)));
 * }
 * }</pre>
 */
public final class GradProperties {

    /** Inputs drawn per property by default. */
    public static final int DEFAULT_TRIES = 100;
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;
    /** The most shrinking candidates tried before the smallest failure found so far is kept. */
    public static final int SHRINK_ATTEMPTS = 2000;

    /** jqwik's generation size for the tries (its default). */
    private static final int GENERATION_SIZE = 1000;

    private GradProperties() {}

    /**
     * A failing input: as drawn and as shrunk, with the shrunk input's report.
     *
     * @param original the input first found failing
     * @param shrunk   the smallest failing input found by shrinking
     * @param report   the check's report at {@code shrunk}
     * @param tryNumber the try (1-based) that found {@code original}
     * @param seed     the seed of the run
     * @param shrinkSteps how many smaller failing inputs shrinking went through
     * @param <T>      the input type
     */
    public record Counterexample<T>(T original, T shrunk, GradCheckReport report, int tryNumber,
            long seed, int shrinkSteps) {}

    /**
     * Checks jgrad's reverse mode of {@code f} against central differences at {@value
     * #DEFAULT_TRIES} inputs from {@code inputs}.
     *
     * @throws AssertionError with the shrunk input and its report if a check fails
     */
    public static void assertGradientsAgree(Function<Tensor, Tensor> f,
            Arbitrary<Tensor> inputs) {
        checkNotNull(f, "f");
        assertAllPass(GradCheck.of(f)::reverseMode, inputs, DEFAULT_TRIES, DEFAULT_SEED);
    }

    /**
     * As {@link #assertGradientsAgree(Function, Arbitrary)}, with a configured check (name,
     * tolerance, domain and kinks, masks).
     *
     * @throws AssertionError with the shrunk input and its report if a check fails
     */
    public static void assertGradientsAgree(GradChecker<Tensor> check,
            Arbitrary<Tensor> inputs) {
        checkNotNull(check, "check");
        assertAllPass(check::reverseMode, inputs, DEFAULT_TRIES, DEFAULT_SEED);
    }

    /**
     * Runs {@code check} (any check: your gradient, second order, forward against reverse...) at
     * {@code tries} inputs drawn with {@code seed}.
     *
     * @throws AssertionError with the shrunk input and its report if a check does not pass
     * @throws IllegalArgumentException if {@code tries < 1}
     */
    public static <T> void assertAllPass(Function<T, GradCheckReport> check,
            Arbitrary<T> inputs, int tries, long seed) {
        findCounterexample(check, inputs, tries, seed).ifPresent(failure -> {
            throw new AssertionError(String.format("gradient property failed at try %d of %d"
                    + " (seed %d), shrunk in %d steps%n  shrunk input: %s%n  original input:"
                    + " %s%n%s", failure.tryNumber(), tries, failure.seed(),
                    failure.shrinkSteps(), failure.shrunk(), failure.original(),
                    failure.report()));
        });
    }

    /**
     * The first input among {@code tries} drawn with {@code seed} at which {@code check} does not
     * pass, shrunk; empty if every check passes.
     *
     * @throws IllegalArgumentException if {@code tries < 1}
     */
    public static <T> Optional<Counterexample<T>> findCounterexample(
            Function<T, GradCheckReport> check, Arbitrary<T> inputs, int tries, long seed) {
        checkNotNull(check, "check");
        checkNotNull(inputs, "inputs");
        checkArgument(tries >= 1, "gradient property: need tries >= 1, got %s", tries);
        if (JqwikSession.isActive()) {
            return search(check, inputs, tries, seed);
        }
        // Outside jqwik's lifecycle (a JUnit @Test) arbitraries need a session of their own;
        // inside it (a property or example) jqwik refuses one, and none is needed.
        boolean started;
        try {
            JqwikSession.start();
            started = true;
        } catch (JqwikException insideJqwik) {
            started = false;
        }
        try {
            return search(check, inputs, tries, seed);
        } finally {
            if (started) {
                JqwikSession.finish();
            }
        }
    }

    private static <T> Optional<Counterexample<T>> search(Function<T, GradCheckReport> check,
            Arbitrary<T> inputs, int tries, long seed) {
        Random random = new Random(seed);
        RandomGenerator<T> generator = inputs.generator(GENERATION_SIZE);
        for (int t = 1; t <= tries; t++) {
            Shrinkable<T> drawn = generator.next(random);
            GradCheckReport report = check.apply(drawn.value());
            if (!report.passed()) {
                return Optional.of(shrink(check, drawn, report, t, seed));
            }
        }
        return Optional.empty();
    }

    /** Greedy shrinking: move to the first smaller candidate that still fails, until none does. */
    private static <T> Counterexample<T> shrink(Function<T, GradCheckReport> check,
            Shrinkable<T> failing, GradCheckReport report, int tryNumber, long seed) {
        T original = failing.value();
        Shrinkable<T> current = failing;
        GradCheckReport currentReport = report;
        int steps = 0;
        int attempts = 0;
        boolean smaller = true;
        while (smaller && attempts < SHRINK_ATTEMPTS) {
            smaller = false;
            for (Shrinkable<T> candidate : (Iterable<Shrinkable<T>>) current.shrink()
                    .limit(SHRINK_ATTEMPTS - attempts)::iterator) {
                attempts++;
                GradCheckReport candidateReport;
                try {
                    candidateReport = check.apply(candidate.value());
                } catch (RuntimeException e) {
                    continue; // a different failure: keep shrinking the one found
                }
                if (!candidateReport.passed()) {
                    current = candidate;
                    currentReport = candidateReport;
                    steps++;
                    smaller = true;
                    break;
                }
            }
        }
        return new Counterexample<>(original, current.value(), currentReport, tryNumber, seed,
                steps);
    }
}
