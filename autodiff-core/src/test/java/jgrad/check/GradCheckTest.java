package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.util.SplittableRandom;
import java.util.function.Function;
import jgrad.check.GradCheckReport.Entry;
import jgrad.core.DType;
import jgrad.core.Params;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/** {@link GradCheck}'s verdicts and reports, for right and deliberately wrong gradients. */
class GradCheckTest {

    private static final Tensor X = Tensor.of(new double[][] {{0.5, -1, 2}, {1.5, 0.25, -2}});

    /**
     * {@code x + [x_{1,2}^2 at index (1, 2)]} with the square through stopGradient: the analytic
     * gradient misses {@code 2 x_{1,2}} at that one element, so the check must fail there.
     */
    private static Tensor wrongAtOneTwo(Tensor x) {
        Tensor only = Tensor.of(new double[][] {{0, 0, 0}, {0, 0, 1}});
        return x.add(x.stopGradient().square().mul(only));
    }

    /** An infinite estimate against a finite gradient (or the reverse) must fail. */
    @Test
    void anInfiniteNumericEstimateFailsAgainstAFiniteGradient() {
        GradCheckReport report = GradCheck.check(x -> Tensor.where(x.greater(1.0),
                x.onesLike().mul(Double.POSITIVE_INFINITY), x.zerosLike()), Tensor.of(1.0),
                Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
        assertFalse(Tolerance.FLOAT64.accepts(0.0, Double.NEGATIVE_INFINITY));
        assertTrue(Tolerance.FLOAT64.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
    }

    @Test
    void rightGradientPassesWithAReadableReport() {
        GradCheckReport report = GradCheck.check(Tensor::tanh, X, Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertEquals(GradCheckReport.Method.EVERY_ELEMENT, report.method());
        // every element of the 6 x 6 Jacobian of an elementwise function, zeros included
        assertEquals(36, report.comparisons());
        String text = report.toString();
        assertTrue(text.startsWith("gradient check passed: f, jgrad's reverse mode vs central"
                + " differences (every element, 36 comparisons): worst at dy["), text);
    }

    @Test
    void wrongGradientFailsNamingTheWorstIndex() {
        GradCheckReport report =
                GradCheck.check(GradCheckTest::wrongAtOneTwo, X, Tolerance.FLOAT64);
        assertFalse(report.passed());
        assertEquals("x", report.input());
        assertEquals(ImmutableIntArray.of(1, 2), report.index());
        // numeric / analytic = 1 + 2 x = -3 at x = -2 (the cotangent u cancels)
        assertEquals(-3, report.numeric() / report.analytic(), 1e-6);
        assertTrue(report.error() > report.allowed());
        assertEquals(ImmutableIntArray.of(1, 2), report.worst().orElseThrow().outputIndex());
        assertEquals(1, report.failures().size(), report.toString());
        assertTrue(report.toString().startsWith("gradient check FAILED: f, jgrad's reverse mode"
                + " vs central differences (every element, 36 comparisons): worst at"
                + " dy[1, 2]/dx[1, 2]: jgrad 1.0, numeric -3.0"), report.toString());
    }

    @Test
    void assertVjpMatchesThrowsWithTheReportAndTheInput() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                GradCheck.assertVjpMatches(GradCheckTest::wrongAtOneTwo, X, Tolerance.FLOAT64));
        assertTrue(error.getMessage().contains("FAILED"), error.getMessage());
        assertTrue(error.getMessage().contains("x[1, 2]"), error.getMessage());
        assertTrue(error.getMessage().contains("at x = tensor("), error.getMessage());
    }

    @Test
    void paramsCheckNamesThePathOfTheWrongParameter() {
        Params params = Params.of("a", Tensor.of(1, 2), "b", Tensor.of(3, 4));
        Function<Params, Tensor> f =
                p -> p.get("a").mul(p.get("b").stopGradient()).add(p.get("b").stopGradient());
        GradCheckReport report = GradCheck.check(f, params, Tolerance.FLOAT64);
        assertFalse(report.passed());
        assertEquals("b", report.input());
        assertTrue(report.toString().contains("/db["), report.toString());
        assertTrue(report.failures().stream().allMatch(entry -> entry.input().equals("b")));
    }

    @Test
    void largeInputsAreCheckedByProjection() {
        Tensor large = Tensor.arange(300).mul(0.01).sub(1.5);
        GradCheckReport right = GradCheck.check(Tensor::tanh, large, Tolerance.FLOAT64);
        assertTrue(right.passed(), right.toString());
        assertEquals(GradCheckReport.Method.PROJECTION, right.method());
        assertEquals(GradCheck.DIRECTIONS, right.comparisons());
        GradCheckReport wrong = GradCheck.check(
                x -> x.mul(x.stopGradient()), large, Tolerance.FLOAT64);
        assertFalse(wrong.passed(), wrong.toString());
    }

    @Test
    void float32InputsAreCheckedInFloat64() {
        GradCheckReport report =
                GradCheck.check(Tensor::exp, X.cast(DType.FLOAT32), Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertTrue(report.notes().get(0).startsWith("x is float32: checked in float64 at the"
                + " same values"), report.toString());
        // a float32 bug cannot hide behind float32 noise: the check runs in float64
        GradCheckReport wrong = GradCheck.check(t -> t.exp().mul(t.exp().stopGradient()),
                X.cast(DType.FLOAT32), Tolerance.FLOAT64);
        assertFalse(wrong.passed(), wrong.toString());
    }

    @Test
    void aNonFiniteOutputFailsNamingItsFirstIndexAndValue() {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        GradCheckReport nan = GradCheck.check(Tensor::log, Tensor.of(1, -1), Tolerance.FLOAT64);
        assertFalse(nan.passed());
        // the cause, from anomaly detection: which op, where, and its first non-finite element
        assertTrue(nan.summary().startsWith("gradient check FAILED: f, jgrad's reverse mode vs"
                + " central differences: f(x) is NaN at output [1]; finite differences need a"
                + " finite f(x); cause: log produced NaN from finite inputs, at GradCheckTest.java:"
                + line + " "), nan.summary());
        assertTrue(nan.summary().contains("first at element [1] (NaN) of its output [2]"),
                nan.summary());
        assertEquals(0, nan.comparisons());
        GradCheckReport.NonFiniteOutput bad = nan.nonFiniteOutput().orElseThrow();
        assertEquals(ImmutableIntArray.of(1), bad.index());
        assertTrue(Double.isNaN(bad.value()));

        GradCheckReport infinite = GradCheck.check(Tensor::recip,
                Tensor.of(new double[][] {{1, 2}, {0, -0.0}}), Tolerance.FLOAT64);
        assertFalse(infinite.passed());
        assertTrue(infinite.toString().contains("f(x) is Infinity at output [1, 0];"),
                infinite.toString());
        GradCheckReport.NonFiniteOutput pole = infinite.nonFiniteOutput().orElseThrow();
        assertEquals(ImmutableIntArray.of(1, 0), pole.index());
        assertEquals(Double.POSITIVE_INFINITY, pole.value());
        assertTrue(pole.cause().startsWith("recip produced an infinity from finite inputs"),
                pole.cause());

        GradCheckReport scalar =
                GradCheck.check(x -> x.log().sum(), Tensor.of(1, -1), Tolerance.FLOAT64);
        assertTrue(scalar.summary().contains(": f(x) is NaN; finite differences need a finite"
                + " f(x); cause: log produced NaN"), scalar.summary());
        assertEquals(ImmutableIntArray.of(), scalar.nonFiniteOutput().orElseThrow().index());

        GradCheckReport finite = GradCheck.check(Tensor::log, Tensor.of(1, 2), Tolerance.FLOAT64);
        assertTrue(finite.passed() && finite.nonFiniteOutput().isEmpty(), finite.toString());
    }

    @Test
    void aNonFiniteOutputFailsAssertVjpMatches() {
        AssertionError error = assertThrows(AssertionError.class, () -> GradCheck.assertVjpMatches(
                Tensor::log, Tensor.of(1, -1), Tolerance.FLOAT64));
        assertTrue(error.getMessage().contains("f(x) is NaN at output [1]"), error.getMessage());
    }

    /** A function that casts to float32 inside cannot be re-evaluated in float64: not judged. */
    @Test
    void float32OutputsAreReportedAsNotChecked() {
        GradCheckReport report = GradCheck.check(x -> x.cast(DType.FLOAT32), X, Tolerance.FLOAT64);
        assertEquals(GradCheckReport.Verdict.NOT_CHECKED, report.verdict());
        assertFalse(report.passed());
        assertEquals(0, report.comparisons());
        assertTrue(report.toString().contains("note: f returns float32 for a float64 x: it cannot"
                + " be re-evaluated in float64"), report.toString());
        AssertionError error = assertThrows(AssertionError.class, () ->
                GradCheck.assertVjpMatches(x -> x.cast(DType.FLOAT32), X, Tolerance.FLOAT64));
        assertTrue(error.getMessage().contains("NOT CHECKED"), error.getMessage());
    }

    @Test
    void projectionReportsNameTheProjection() {
        Tensor large = Tensor.arange(300).mul(0.01).sub(1.5);
        GradCheckReport wrong = GradCheck.check(
                x -> x.mul(x.stopGradient()), large, Tolerance.FLOAT64);
        // the worst comparison is the element a failed projection was traced to
        assertTrue(wrong.summary().matches("gradient check FAILED: f, jgrad's reverse mode vs"
                + " central differences \\(random projections u\\^T J v and 1 single element,"
                + " 9 comparisons\\): worst at x\\[[0-9]+\\]: jgrad .*"), wrong.summary());
        assertEquals(0, wrong.projection());
        assertTrue(wrong.toString().contains("failing: x, projection 1; x, projection 2;"),
                wrong.toString());
    }

    /**
     * The reported projection number and the generator's seed reproduce the direction: {@code u}
     * first, then one direction per projection, in order.
     */
    @Test
    void theReportedProjectionCanBeReproducedFromTheSeed() {
        Tensor large = Tensor.arange(300).mul(0.01).sub(1.5);
        Function<Params, Tensor> f = p -> p.get("w").mul(p.get("w").stopGradient());
        GradCheckReport report = GradCheck.check(f, Params.of("w", large), Tolerance.FLOAT64,
                new SplittableRandom(7));
        assertFalse(report.passed(), report.toString());
        Entry failed = report.entries().stream().filter(e -> e.projection() > 0)
                .max(java.util.Comparator.comparingDouble(Entry::ratio)).orElseThrow();
        assertTrue(report.toString().contains("\n    w, projection " + failed.projection() + " "),
                report.toString());

        SplittableRandom rng = new SplittableRandom(7);
        Tensor u = Tensor.randn(large.shape(), rng);
        Tensor v = null;
        for (int d = 1; d <= failed.projection(); d++) {
            v = Tensor.randn(large.shape(), rng);
        }
        Tensor direction = v.div(v.norm());
        // d/dw of w * stopGradient(w) is stopGradient(w): the vjp is u * w
        double analytic = u.mul(large).mul(direction).sum().item();
        assertEquals(analytic, failed.value(), 1e-12 * Math.abs(analytic));
        // the true directional derivative is twice that
        assertEquals(2 * analytic, failed.numeric(), 1e-6 * Math.abs(analytic));
    }

    @Test
    void toleranceAllowsAtolPlusRtolTimesTheNumericValue() {
        Tolerance tolerance = new Tolerance(1e-5, 1e-7);
        assertEquals(1e-7 + 1e-5 * 3, tolerance.allowed(-3), 1e-20);
        assertEquals(new Tolerance(2e-5, 2e-7), tolerance.scaled(2));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Tolerance(0, Double.NaN));
    }

    @Test
    void aStepOutsideTheDomainIsNamedAsSuch() {
        // sqrt at 1e-7: x - h = 1e-7 - 1e-5 < 0, so the central difference is NaN.
        GradCheckReport report = GradCheck.check(x -> x.sqrt(), Tensor.scalar(1e-7),
                Tolerance.FLOAT64);
        assertFalse(report.passed());
        assertTrue(report.toString().contains("f is not finite within 1.000e-05 of x: is x at the"
                + " edge of f's domain?"), report.toString());
    }
}
