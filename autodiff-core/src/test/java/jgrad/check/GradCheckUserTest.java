package jgrad.check;

import jgrad.core.Domain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import jgrad.check.GradCheckReport.Check;
import jgrad.check.GradCheckReport.Entry;
import jgrad.check.GradCheckReport.Method;
import jgrad.check.GradCheckReport.Status;
import jgrad.check.GradCheckReport.Verdict;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Checks of derivatives you supply (gradient, Jacobian, vjp), jgrad's forward against reverse
 * mode, second order, masks, domains and kinks, float32, and the report in your own terms.
 */
class GradCheckUserTest {

    private static final Tensor X = Tensor.of(0.5, 1, 2);

    private static List<String> failing(GradCheckReport report) {
        return report.failures().stream().map(Entry::where).collect(Collectors.toList());
    }

    /** d/dx sum(x^3) = 3x^2; the slip 3x is right only at x = 1. */
    @Test
    void aHandDerivedGradientWithASlipIsReportedInItsOwnNumbers() {
        GradCheckReport report = GradCheck.of(x -> x.pow(3).sum()).named("sum of cubes")
                .gradient(x -> x.mul(3), X);
        assertFalse(report.passed(), report.toString());
        assertEquals(Check.GRADIENT, report.check());
        assertEquals(List.of("x[0]", "x[2]"), failing(report));
        Entry first = report.entries().get(0);
        assertEquals(1.5, first.value()); // your own number, not a projection of it
        assertEquals(0.75, first.numeric(), 1e-9);
        assertEquals(0.75, first.reverse(), 1e-15);
        assertEquals(Status.PASSED, report.entries().get(1).status());
        String text = report.toString();
        assertTrue(text.startsWith("gradient check FAILED: sum of cubes, your gradient vs central"
                + " differences (every element, 3 comparisons): worst at x[0]: yours 1.5, numeric"
                + " 0.75"), text);
        assertTrue(text.contains("failing: x[0]; x[2] (2 of 3)"), text);
        assertTrue(text.contains("the slip is in your derivative"), text);

        GradCheckReport fixed = GradCheck.of(x -> x.pow(3).sum()).gradient(
                x -> x.square().mul(3), X);
        assertTrue(fixed.passed(), fixed.toString());
        assertEquals(12.0, fixed.entries().get(2).value());
    }

    @Test
    void aGradientOfANonScalarFunctionIsRefusedWithAPointerToJacobianAndVjp() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () ->
                GradCheck.of(Tensor::tanh).gradient(x -> x, X));
        assertTrue(error.getMessage().contains("check your Jacobian or vjp instead"),
                error.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () ->
                GradCheck.of(x -> x.sum()).gradient(x -> x.reshape(3, 1), X));
        assertTrue(shape.getMessage().contains("has shape [3, 1]; expected [3]"),
                shape.getMessage());
    }

    /** softmax's Jacobian is diag(s) - s s^T; leaving out s s^T is wrong off the diagonal too. */
    @Test
    void aHandDerivedJacobianIsComparedElementByElement() {
        Function<Tensor, Tensor> jacobian = x -> {
            Tensor s = x.softmax(0);
            Tensor outer = s.reshape(3, 1).mul(s.reshape(1, 3));
            Tensor eye = Tensor.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
            return eye.mul(s.reshape(1, 3)).sub(outer);
        };
        GradCheckReport right = GradCheck.checkJacobian(x -> x.softmax(0), jacobian, X,
                Tolerance.FLOAT64);
        assertTrue(right.passed(), right.toString());
        assertEquals(9, right.comparisons());
        Function<Tensor, Tensor> diagonalOnly = x -> Tensor.of(new double[][] {
                {1, 0, 0}, {0, 1, 0}, {0, 0, 1}}).mul(x.softmax(0).reshape(1, 3));
        GradCheckReport wrong = GradCheck.checkJacobian(x -> x.softmax(0), diagonalOnly, X,
                Tolerance.FLOAT64);
        assertFalse(wrong.passed());
        assertEquals(9, wrong.failures().size(), wrong.toString());
        assertTrue(failing(wrong).contains("dy[0]/dx[1]"), wrong.toString());
        Entry offDiagonal = wrong.entries().stream()
                .filter(e -> e.where().equals("dy[0]/dx[1]")).findFirst().orElseThrow();
        assertEquals(0.0, offDiagonal.value());
        double[] s = X.softmax(0).toArray();
        assertEquals(-s[0] * s[1], offDiagonal.numeric(), 1e-9);
    }

    /** d(x^2)/dx = 2x, so the vjp is 2 u x; u x misses the factor 2. */
    @Test
    void aHandWrittenVjpIsComparedThroughEveryBasisCotangent() {
        GradCheckReport wrong = GradCheck.checkVjp(x -> x.mul(x), (x, u) -> u.mul(x), X,
                Tolerance.FLOAT64);
        assertFalse(wrong.passed());
        assertEquals(9, wrong.comparisons());
        assertEquals(List.of("dy[0]/dx[0]", "dy[1]/dx[1]", "dy[2]/dx[2]"), failing(wrong));
        GradCheckReport right = GradCheck.checkVjp(x -> x.mul(x), (x, u) -> u.mul(x).mul(2), X,
                Tolerance.FLOAT64);
        assertTrue(right.passed(), right.toString());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () ->
                GradCheck.checkVjp(x -> x.mul(x), (x, u) -> u.sum(), X, Tolerance.FLOAT64));
        assertTrue(shape.getMessage().contains("your vjp for x has shape []"),
                shape.getMessage());
    }

    @Test
    void largeOutputsCompareTheVjpOfOneRandomCotangentElementByElement() {
        // 3 inputs, 600 outputs: a 1800-element Jacobian is above the limit
        Tensor weights = Tensor.arange(600).reshape(200, 3).mul(0.01);
        GradCheckReport report = GradCheck.of(x -> weights.mul(x).tanh()).reverseMode(X);
        assertTrue(report.passed(), report.toString());
        assertEquals(Method.COTANGENT, report.method());
        assertEquals(3, report.comparisons());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("one random cotangent u")));
    }

    @Test
    void forwardModeAgreesWithReverseMode() {
        Tensor x = Tensor.of(new double[][] {{0.5, -1}, {2, 0.25}});
        GradCheckReport report = GradCheck.checkForwardVsReverse(
                t -> t.matmul(t.tanh()).softmax(1), x, Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertEquals(Check.FORWARD_VS_REVERSE, report.check());
        assertEquals(16, report.comparisons());
        assertTrue(report.summary().contains("forward "), report.summary());
    }

    /**
     * A gradient rule right at first order whose own derivative is lost: value x^3, vjp 3 x^2
     * computed from stopped values, so grad of grad is 0 where it should be 6x.
     */
    @Test
    void secondOrderCatchesARuleWhoseGradientIsNotDifferentiable() {
        Function<Tensor, Tensor> cube = x -> {
            Tensor stopped = x.stopGradient();
            return stopped.pow(3).add(x.sub(stopped).mul(stopped.square().mul(3))).sum();
        };
        assertTrue(GradCheck.check(cube, X, Tolerance.FLOAT64).passed());
        GradCheckReport second = GradCheck.checkSecondOrder(cube, X, Tolerance.FLOAT64);
        assertFalse(second.passed(), second.toString());
        assertEquals(Check.SECOND_ORDER, second.check());
        assertEquals(9, second.comparisons()); // every Hessian element
        assertTrue(second.name().startsWith("grad of"), second.name());
        GradCheckReport right = GradCheck.checkSecondOrder(x -> x.pow(3).mul(x.tanh()).sum(), X,
                Tolerance.FLOAT64);
        assertTrue(right.passed(), right.toString());
    }

    @Test
    void aMaskExcludesElementsFromTheComparison() {
        Function<Tensor, Tensor> wrongAtTwo = x -> x.add(x.stopGradient().square()
                .mul(Tensor.of(0, 0, 1)));
        assertFalse(GradCheck.of(wrongAtTwo).reverseMode(X).passed());
        GradCheckReport masked = GradCheck.of(wrongAtTwo).mask(Tensor.of(1, 1, 0))
                .reverseMode(X);
        assertTrue(masked.passed(), masked.toString());
        assertEquals(6, masked.comparisons()); // two columns of the 3 x 3 Jacobian
        assertTrue(masked.notes().contains("1 of 3 elements of x excluded by the mask"),
                masked.toString());
    }

    /** f records the smallest value it is evaluated at. */
    private static Function<Tensor, Tensor> recordingMinimum(Function<Tensor, Tensor> f,
            double[] smallest) {
        return t -> {
            for (double value : t.toArray()) {
                smallest[0] = Math.min(smallest[0], value);
            }
            return f.apply(t);
        };
    }

    @Test
    void aCheckNeverEvaluatesOutsideADeclaredDomain() {
        double[] smallest = {Double.POSITIVE_INFINITY};
        Tensor nearEdge = Tensor.of(1e-7, 3e-6, 0.5);
        GradCheckReport report = GradCheck.of(recordingMinimum(t -> t.sqrt().sum(), smallest))
                .domain(Domain.atLeast(0)).reverseMode(nearEdge);
        assertTrue(smallest[0] >= 0, "evaluated at " + smallest[0]);
        assertTrue(report.passed(), report.toString());
        assertEquals("forward", report.entries().get(0).scheme(), report.toString());
        assertEquals("central", report.entries().get(1).scheme(), report.toString());
        assertTrue(report.entries().get(1).note().startsWith("step shrunk from 1.000e-05 to"
                + " 7.500e-07 to stay off the domain edge 0"), report.toString());
        // without the domain, sqrt is evaluated at negative x and the check fails there
        smallest[0] = Double.POSITIVE_INFINITY;
        GradCheckReport undeclared = GradCheck.of(recordingMinimum(t -> t.sqrt().sum(),
                smallest)).reverseMode(nearEdge);
        assertTrue(smallest[0] < 0);
        assertFalse(undeclared.passed());

        double[] logSmallest = {Double.POSITIVE_INFINITY};
        GradCheckReport log = GradCheck.of(recordingMinimum(t -> t.log1p().sum(), logSmallest))
                .domain(Domain.greaterThan(-1)).reverseMode(Tensor.of(-1 + 1e-6, 0.5));
        assertTrue(logSmallest[0] > -1, "evaluated at " + logSmallest[0]);
        assertTrue(log.passed(), log.toString());
    }

    @Test
    void anInputOutsideTheDeclaredDomainIsNotEvaluatedAtAll() {
        AtomicInteger calls = new AtomicInteger();
        GradCheckReport report = GradCheck.of(t -> {
            calls.incrementAndGet();
            return t.log();
        }).domain(Domain.greaterThan(0)).reverseMode(Tensor.of(1, -0.5));
        assertEquals(0, calls.get());
        assertEquals(Verdict.NOT_CHECKED, report.verdict());
        assertTrue(report.toString().contains("x[1] = -0.5 is outside the declared domain"
                + " (0, inf): f was not evaluated"), report.toString());
    }

    /**
     * Value relu(x - kink), gradient {@code slope}: at x = 1 with the kink 1e-6 below, the central
     * difference at the standard step 1e-5 straddles the kink and gives (1 + 0.1) / 2 = 0.55.
     * Before the kink probe a gradient of 0.55 passed; the true slope at x is 1.
     */
    private static Function<Tensor, Tensor> reluWithSlope(double kink, double slope) {
        return x -> x.sub(kink).relu().stopGradient().add(x.sub(x.stopGradient()).mul(slope));
    }

    @Test
    void aKinkInsideTheStepNoLongerPassesAWrongOneSidedSlope() {
        double kink = 1 - 1e-6;
        // the old check's only estimate: the central difference at the standard step
        double h = 1e-5;
        double central = (Math.max(1 + h - kink, 0) - Math.max(1 - h - kink, 0)) / (2 * h);
        assertEquals(0.55, central, 1e-9);
        GradCheckReport report = GradCheck.check(reluWithSlope(kink, 0.55), Tensor.of(1),
                Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
        assertEquals(1.0, report.numeric(), 1e-6, report.toString());
        assertTrue(report.toString().contains("FAILED (kink within step: f has a kink (or a bend"
                + " sharper than the step) within 1.000e-05 of x"),
                report.toString());
        // declared, the kink keeps the differences on one side from the start
        GradCheckReport declared = GradCheck.of(reluWithSlope(kink, 0.55))
                .domain(Domain.REALS.withKinks(kink)).reverseMode(Tensor.of(1));
        assertFalse(declared.passed(), declared.toString());
        assertEquals(1.0, declared.numeric(), 1e-6, declared.toString());
        assertTrue(GradCheck.check(reluWithSlope(kink, 1), Tensor.of(1), Tolerance.FLOAT64)
                .passed());
        assertTrue(GradCheck.of(reluWithSlope(kink, 1)).domain(Domain.REALS.withKinks(kink))
                .reverseMode(Tensor.of(1)).passed());
    }

    @Test
    void aKinkIsReportedAsAKinkNotAsAFailure() {
        GradCheckReport relu = GradCheck.check(t -> t.relu().sum(), Tensor.of(0, 1),
                Tolerance.FLOAT64);
        assertTrue(relu.passed(), relu.toString());
        Entry kink = relu.kinks().get(0);
        assertEquals(Status.KINK, kink.status());
        assertEquals(0.0, kink.left(), 1e-9);
        assertEquals(1.0, kink.right(), 1e-6);
        assertTrue(relu.toString().contains("kink at x[0]: one-sided derivatives 0.0 and 0.99999"),
                relu.toString());
        assertTrue(relu.toString().contains("subgradient used 0.0 [undeclared kink"),
                relu.toString());

        GradCheckReport abs = GradCheck.of(t -> t.abs().sum()).domain(Domain.REALS.withKinks(0))
                .reverseMode(Tensor.of(0));
        assertTrue(abs.passed(), abs.toString());
        assertEquals(-1.0, abs.kinks().get(0).left(), 1e-9);
        assertEquals(1.0, abs.kinks().get(0).right(), 1e-9);
        assertTrue(abs.toString().contains("kink at x[0]: one-sided derivatives -1.0 and 1.0,"
                + " subgradient used 0.0 [declared kink at x[0] = 0.0]"), abs.toString());
    }

    /** Gradient 2 at relu's kink: not between the one-sided derivatives 0 and 1. */
    @Test
    void aValueOutsideTheOneSidedDerivativesAtAKinkFails() {
        Function<Tensor, Tensor> f = x -> {
            Tensor slope = Tensor.where(x.greater(0.0), x.onesLike(), x.onesLike().mul(2));
            return x.relu().stopGradient().add(x.sub(x.stopGradient()).mul(slope.stopGradient()))
                    .sum();
        };
        for (Domain domain : new Domain[] {Domain.REALS, Domain.REALS.withKinks(0)}) {
            GradCheckReport report = GradCheck.of(f).domain(domain).reverseMode(Tensor.of(0, 1));
            assertFalse(report.passed(), report.toString());
            assertTrue(report.toString().contains("subgradient used 2.0 (not between them:"
                    + " FAILED)"), report.toString());
        }
    }

    @Test
    void float32ChecksRunInFloat32WithTheirOwnStep() {
        Tensor x = X.cast(DType.FLOAT32);
        GradCheckReport report = GradCheck.of(Tensor::tanh).tolerance(Tolerance.FLOAT32)
                .reverseMode(x);
        assertTrue(report.passed(), report.toString());
        assertEquals(0x1p-8 * 2, report.entries().get(8).step(), 1e-15); // x = 2
        assertTrue(report.toString().contains("(float32)"), report.toString());
        // a gradient 1 % off fails even in float32
        GradCheckReport wrong = GradCheck.of((Tensor t) -> t.tanh().sum())
                .tolerance(Tolerance.FLOAT32)
                .gradient(t -> t.tanh().square().neg().add(1).mul(1.01), x);
        assertFalse(wrong.passed(), wrong.toString());
        // a float64 input is rounded to float32 for a float32 check, and says so
        GradCheckReport rounded = GradCheck.of(Tensor::tanh).tolerance(Tolerance.FLOAT32)
                .reverseMode(Tensor.of(0.1));
        assertTrue(rounded.notes().get(0).contains("its values rounded to float32"),
                rounded.toString());
    }

    @Test
    void theReportNamesWhereTheCheckWasCreatedAndItsShapes() {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        GradCheckReport report = GradCheck.check(Tensor::exp, X, Tolerance.FLOAT64);
        assertEquals("GradCheckUserTest.java:" + line, report.createdAt());
        assertEquals(Shape.of(3), report.inputShapes().get("x"));
        assertEquals(Shape.of(3), report.outputShape());
        assertTrue(report.toString().contains("at GradCheckUserTest.java:" + line
                + "; x [3] -> [3]; tolerance |error| <= 1.0E-7 + 1.0E-5 |numeric| (float64)"),
                report.toString());
        GradChecker<Tensor> checker = GradCheck.of(Tensor::exp);
        int made = new Throwable().getStackTrace()[0].getLineNumber() - 1;
        assertEquals("GradCheckUserTest.java:" + made, checker.named("exp").createdAt());
    }

    @Test
    void theReportCarriesTheErrorBudgetOfItsWorstComparison() {
        GradCheckReport report = GradCheck.check(t -> t.exp().sum(), X, Tolerance.FLOAT64);
        GradCheckReport.ErrorBudget budget = report.budget().orElseThrow();
        assertEquals(report.step(), budget.step());
        // exp''' = exp: h^2 e^x / 6 at the worst element; rounding ~ 16 eps |f| / h
        Entry worst = report.worst().orElseThrow();
        double x = X.toArray()[worst.index().get(0)];
        // (an estimate: the third difference carries rounding error of its own)
        assertEquals(budget.step() * budget.step() * Math.exp(x) / 6, budget.truncation(),
                0.3 * budget.truncation());
        assertTrue(budget.rounding() > 0 && budget.total() < report.allowed(), budget.toString());
        assertTrue(report.toString().contains("error budget of the worst comparison's estimate"
                + " (central difference, truncation h^2|f'''|/6, h = 2.000e-05)"),
                report.toString());
        assertEquals(ImmutableIntArray.of(), worst.outputIndex());
    }
}
