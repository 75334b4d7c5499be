package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import jgrad.core.DType;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * {@link GradCheck}'s refinement of a failing comparison: right gradients whose curvature scale is
 * far below the standard step {@code 1e-5 * |x|} pass; wrong ones still fail.
 */
class GradCheckRefinementTest {

    /**
     * {@code f} with its gradient multiplied by {@code factor}: the value is exactly {@code f(x)}
     * (since {@code y - stopGradient(y) = 0}), the vjp is {@code factor * f'(x)}, like a custom
     * derivative rule with a bug.
     */
    private static Function<Tensor, Tensor> gradientTimes(
            Function<Tensor, Tensor> f, double factor) {
        return x -> {
            Tensor y = f.apply(x);
            return y.add(y.sub(y.stopGradient()).mul(factor - 1));
        };
    }

    /**
     * Value {@code relu(x - kink)}, gradient the constant {@code slope} (any value): a custom rule
     * that is right only for {@code slope = 1} when {@code x > kink}.
     */
    private static Function<Tensor, Tensor> reluWithSlope(double kink, double slope) {
        return x -> x.sub(kink).relu().stopGradient().add(x.sub(x.stopGradient()).mul(slope));
    }

    @Test
    void logNearItsPoleAtLargeXPasses() {
        // curvature scale x - 999 = 1 against the standard step 1e-5 * 1000 = 1e-2
        GradCheckReport report = GradCheck.check(t -> t.sub(999).log(), Tensor.of(1000),
                Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertEquals(2, report.refinement(), report.toString());
        assertEquals(1e-2, report.step(), 1e-15);
        assertTrue(report.toString().contains(" (Richardson extrapolation of steps h/4 and h/16,"
                + " h = 1.000e-02), error "), report.toString());
        // d/dx log(x - 999) = 1 at x = 1000, and the report shows that derivative itself
        assertEquals(1.0, report.analytic(), 1e-15);
        assertEquals(report.analytic(), report.numeric(), 1e-12);
    }

    @Test
    void tanhShiftedToLargeXPasses() {
        GradCheckReport report = GradCheck.check(t -> t.sub(1000).tanh(), Tensor.of(1000.5),
                Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void recipNearItsPoleAtLargeXPasses() {
        // curvature scale 0.1 against the step 1e-2: the standard difference is 1 % off
        GradCheckReport report = GradCheck.check(t -> t.sub(999.9).recip(), Tensor.of(1000),
                Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void refinementPassesEveryElementOfALargeXVector() {
        // curvature scales 1, 0.5, 0.5 and 20 against steps 1e-2, 2e-2, 3e-2 and 10
        Tensor shift = Tensor.of(999, 2000, 3000, 1e6 - 20);
        GradCheckReport report = GradCheck.check(t -> t.sub(shift).log(),
                Tensor.of(1000, 2000.5, 3000.5, 1e6), Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertEquals(16, report.comparisons()); // the 4 x 4 Jacobian, zeros included
    }

    @Test
    void gradientOffByOneInTenThousandFailsAtModerateX() {
        Tensor x = Tensor.of(new double[][] {{0.5, -1, 2}, {1.5, 0.25, -2}});
        GradCheckReport report =
                GradCheck.check(gradientTimes(Tensor::tanh, 1 + 1e-4), x, Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
    }

    @Test
    void gradientOffByOneInTenThousandFailsAtLargeX() {
        GradCheckReport log = GradCheck.check(gradientTimes(t -> t.sub(999).log(), 1 + 1e-4),
                Tensor.of(1000), Tolerance.FLOAT64);
        assertFalse(log.passed(), log.toString());
        GradCheckReport recip = GradCheck.check(
                gradientTimes(t -> t.sub(999.9).recip(), 1 + 1e-4), Tensor.of(1000),
                Tolerance.FLOAT64);
        assertFalse(recip.passed(), recip.toString());
        GradCheckReport below = GradCheck.check(
                gradientTimes(t -> t.sub(999.9).recip(), 1 - 1e-4), Tensor.of(1000),
                Tolerance.FLOAT64);
        assertFalse(below.passed(), below.toString());
    }

    /**
     * At h/4 the central difference of {@code 1/(x - 999.9)} is still {@code 1 + h^2/(16 s^2)
     * = 1 + 6.25e-4} times too large: a gradient wrong by exactly that much must not pass because
     * one unconverged step happens to agree with it.
     */
    @Test
    void aWrongGradientMatchedByAnUnconvergedStepStillFails() {
        GradCheckReport report = GradCheck.check(
                gradientTimes(t -> t.sub(999.9).recip(), 1 + 6.25e-4), Tensor.of(1000),
                Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
    }

    @Test
    void gradientOffByAFactorOfTwoFailsAtLargeXAndTheReportHasTheRefinedEstimate() {
        GradCheckReport report = GradCheck.check(
                gradientTimes(t -> t.sub(999.9).recip(), 2), Tensor.of(1000), Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
        // the standard difference is 1 % off here; the refined one matches f' to ~1e-10
        assertEquals(0.5, report.numeric() / report.analytic(), 1e-8, report.toString());
        assertTrue(report.refinement() >= 2, report.toString());
        assertTrue(report.toString().contains("Richardson"), report.toString());
    }

    /** A failure the refinement cannot explain away keeps the standard estimate if that is best. */
    @Test
    void aWrongGradientWithAnAccurateStandardDifferenceReportsTheStandardStep() {
        GradCheckReport report = GradCheck.check(gradientTimes(Tensor::exp, 2), Tensor.of(0.5),
                Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
        assertEquals(0, report.refinement(), report.toString());
        assertFalse(report.toString().contains("Richardson"), report.toString());
    }

    /**
     * A kink 1e-6 below x = 1, where the slope is 1: central differences straddling it give 0.55
     * (the standard step 1e-5; a known blind spot of the first pass, hence "stay off kinks"), 0.7
     * (step h/4) and 1 (smaller steps); Richardson combinations of those are 0.71 and 1.02. None
     * of these wrong slopes may pass through the refinement.
     */
    @Test
    void aKinkInsideTheRefinedStepsCannotMakeAWrongGradientPass() {
        for (double slope : new double[] {0.7, 0.71, 1.02}) {
            GradCheckReport report = GradCheck.check(reluWithSlope(1 - 1e-6, slope),
                    Tensor.of(1), Tolerance.FLOAT64);
            assertFalse(report.passed(), slope + ": " + report);
        }
        GradCheckReport right = GradCheck.check(reluWithSlope(1 - 1e-6, 1), Tensor.of(1),
                Tolerance.FLOAT64);
        assertTrue(right.passed(), right.toString());
    }

    /** Rounding to float32 inside f makes the differences noise: no step may pass it. */
    @Test
    void roundingNoiseCannotMakeAGradientPass() {
        Tensor x = Tensor.of(0.3, 1.7, -2.9, 1000.1);
        GradCheckReport report = GradCheck.check(
                t -> t.cast(DType.FLOAT32).cast(DType.FLOAT64), x, Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
    }

    /**
     * Passing comparisons cost one evaluation of f(x) (traced, for the vjp) and two per element (no
     * refinement, and no kink probe where the one-sided slopes are close), plus two at {@code x +-
     * 2h} of the worst element for the error budget.
     */
    @Test
    void passingChecksEvaluateFOnlyAtTheStandardSteps() {
        AtomicInteger calls = new AtomicInteger();
        Tensor x = Tensor.of(new double[][] {{0.5, -1, 0.1}, {-0.3, 0.25, 1000}});
        GradCheckReport report = GradCheck.check(t -> {
            calls.incrementAndGet();
            return t.tanh();
        }, x, Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertEquals(1 + 2 * 6 + 2, calls.get());
    }

    /** A comparison that needs refinement stops at the first accepted level. */
    @Test
    void refinementStopsOnceAccepted() {
        AtomicInteger calls = new AtomicInteger();
        GradCheckReport report = GradCheck.check(t -> {
            calls.incrementAndGet();
            return t.sub(999).log();
        }, Tensor.of(1000), Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        // f(x) with its vjp, the standard pair and two refined pairs (the first level that can
        // pass); the error budget of the extrapolation is its gap to the one before: no more
        assertEquals(1 + 2 + 2 * 2, calls.get());
    }

    @Test
    void aDroppedGradientCannotPassWhereRoundingHidesTheDifference() {
        // 1e6 + 1e-4 x: at steps below h/64 f(x + h_k) and f(x - h_k) round to the same number,
        // so D_k = R_k = 0 with spread 0; an analytic 0 (the term's gradient dropped) must fail.
        GradCheckReport dropped = GradCheck.check(
                x -> x.stopGradient().mul(1e-4).add(1e6), Tensor.scalar(0.7), Tolerance.FLOAT64);
        assertFalse(dropped.passed(), dropped.toString());
        assertEquals(0, dropped.refinement(), dropped.toString());
        GradCheckReport large = GradCheck.check(x -> x.stopGradient().mul(0.01).add(1e8),
                Tensor.scalar(0.7), Tolerance.FLOAT64);
        assertFalse(large.passed(), large.toString());
        // The same in projection mode, 1000 elements.
        Tensor many = Tensor.uniform(jgrad.core.Shape.of(1000), 0, 1,
                new java.util.SplittableRandom(1));
        GradCheckReport projected = GradCheck.check(
                x -> x.stopGradient().mul(1e-3).add(1e6).sum(), many, Tolerance.FLOAT64);
        assertFalse(projected.passed(), projected.toString());
        // And one parameter of several: b's gradient dropped, w's large and right.
        jgrad.core.Params params = jgrad.core.Params.of(
                "w", Tensor.of(1.5, -0.5), "b", Tensor.of(0.25));
        GradCheckReport partly = GradCheck.check(p -> p.get("w").square().sum().mul(1e6)
                .add(p.get("b").stopGradient().mul(1e-3).sum()), params, Tolerance.FLOAT64);
        assertFalse(partly.passed(), partly.toString());
        assertEquals("b", partly.input(), partly.toString());
    }
}
