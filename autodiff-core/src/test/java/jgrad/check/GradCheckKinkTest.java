package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import jgrad.check.GradCheckReport.Entry;
import jgrad.check.GradCheckReport.Status;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Kinks inside the finite-difference step but not at x (user trial findings A3, B13): the check
 * must find the slope on x's side and say "kink within step", neither failing a right derivative
 * nor passing a wrong one, at first and at second order.
 */
class GradCheckKinkTest {

    /** Value relu(x - kink), derivative {@code slope}. */
    private static Function<Tensor, Tensor> reluWithSlope(double kink, double slope) {
        return x -> x.sub(kink).relu().stopGradient().add(x.sub(x.stopGradient()).mul(slope));
    }

    private static Entry at(GradCheckReport report, String where) {
        return report.entries().stream().filter(e -> e.where().equals(where)).findFirst()
                .orElseThrow(() -> new AssertionError(where + " not in " + report));
    }

    /** The kink 1e-9 below x = 1 is nearer than any refined step: located, and named. */
    @Test
    void aKinkNearerThanEveryStepIsLocatedAndReportedAsAKinkWithinStep() {
        GradCheckReport right = GradCheck.check(reluWithSlope(1 - 1e-9, 1), Tensor.of(1),
                Tolerance.FLOAT64);
        assertTrue(right.passed(), right.toString());
        Entry entry = right.entries().get(0);
        assertEquals(-1e-9, entry.kinkOffset(), 1e-12, right.toString());
        assertFalse(entry.atKink());
        assertEquals(0.0, entry.left(), 1e-6);
        assertEquals(1.0, entry.right(), 1e-6);
        assertTrue(right.toString().contains("ok (kink within step)"), right.toString());
        assertTrue(right.toString().contains("kink within step at dy[0]/dx[0]: f has a kink"
                + " 1.000e-09 below x[0], inside the step 1.000e-05; one-sided derivatives 0.0"
                + " below the kink and 1.0 above; x is above it, so the derivative at x is 1.0;"
                + " jgrad 1.0 (ok)"), right.toString());

        GradCheckReport wrong = GradCheck.check(reluWithSlope(1 - 1e-9, 0.55), Tensor.of(1),
                Tolerance.FLOAT64);
        assertFalse(wrong.passed(), wrong.toString());
        assertEquals(1.0, wrong.numeric(), 1e-6, wrong.toString());
        assertTrue(wrong.toString().contains("FAILED (kink within step)"), wrong.toString());
    }

    /**
     * jgrad's own maximum and abs a hair off their kinks: the central difference at the standard
     * step straddles the kink (0.5005 for max at 1e-8 above it), which used to fail a right
     * derivative once its one-sided differences agreed only at a smaller step.
     */
    @Test
    void aRightDerivativeNearAKinkOfAJgradOpIsNotAFalseMismatch() {
        GradCheckReport max = GradCheck.check(t -> t.maximum(Tensor.scalar(0.3)).sum(),
                Tensor.of(0.3 + 1e-8, 0.3 - 4e-7, 0.3 - 3e-6, 1), Tolerance.FLOAT64);
        assertTrue(max.passed(), max.toString());
        assertEquals(1.0, at(max, "x[0]").numeric(), 1e-6, max.toString());
        assertEquals(0.0, at(max, "x[2]").numeric(), 1e-6, max.toString());
        for (String where : new String[] {"x[0]", "x[1]"}) {
            assertTrue(at(max, where).note().startsWith("kink within step: f has a kink"),
                    where + ": " + max);
        }
        // a wrong slope at the same point still fails
        GradCheckReport wrong = GradCheck.of((Tensor t) -> t.maximum(Tensor.scalar(0.3)).sum())
                .gradient(t -> t.onesLike().mul(0.5), Tensor.of(0.3 + 1e-8));
        assertFalse(wrong.passed(), wrong.toString());
        assertEquals(1.0, wrong.numeric(), 1e-6, wrong.toString());

        GradCheckReport abs = GradCheck.check(t -> t.abs().mul(3).sum(),
                Tensor.of(1e-8, -2e-9, 1e-7, -0.5), Tolerance.FLOAT64);
        assertTrue(abs.passed(), abs.toString());
    }

    /**
     * Grad of grad of {@code |x| x}: {@code g = 2|x|} has a kink at 0 (one-sided derivatives -2
     * and 2, jgrad's 0 between them) and a kink within the step of x = 1e-8, where the slope is 2
     * (this used to fail with a numeric 0.002).
     */
    @Test
    void secondOrderAtOrNearAKinkOfTheGradientIsClassifiedNotFailed() {
        GradCheckReport report = GradCheck.checkSecondOrder(t -> t.abs().mul(t).sum(),
                Tensor.of(0, 1e-8, -3e-9, 0.5), Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        Entry atZero = at(report, "dy[0]/dx[0]");
        assertEquals(Status.KINK, atZero.status(), report.toString());
        assertEquals(-2.0, atZero.left(), 1e-6);
        assertEquals(2.0, atZero.right(), 1e-6);
        assertTrue(report.toString().contains("kink at dy[0]/dx[0]: one-sided derivatives"),
                report.toString());
        Entry near = at(report, "dy[1]/dx[1]");
        assertEquals(2.0, near.numeric(), 1e-6, report.toString());
        assertTrue(near.note().startsWith("kink within step: g has a kink"), report.toString());
        assertEquals(-2.0, at(report, "dy[2]/dx[2]").numeric(), 1e-6, report.toString());
    }

    /**
     * Grad of grad of relu: {@code g} is a step function, which jumps at 0; at and beside the
     * jump the check compares with the slope on x's side (0) and says that g jumps, instead of
     * differencing across the jump (~ 1 / step).
     */
    @Test
    void secondOrderAtAJumpOfTheGradientIsClassifiedNotFailed() {
        GradCheckReport report = GradCheck.checkSecondOrder(t -> t.relu().sum(),
                Tensor.of(0, 1e-8, -1e-7, 1), Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        for (String where : new String[] {"dy[0]/dx[0]", "dy[1]/dx[1]", "dy[2]/dx[2]"}) {
            assertEquals(0.0, at(report, where).numeric(), 1e-6, where + ": " + report);
        }
        for (String where : new String[] {"dy[0]/dx[0]", "dy[1]/dx[1]"}) {
            assertTrue(at(report, where).note().startsWith("g jumps by "), where + ": " + report);
        }
        // relu(x) + x^2 / 2 whose gradient's x term is a stopped value: g = relu' + x is right,
        // its derivative 1 is lost; beside the jump the slope on x's side (1) still catches it
        Function<Tensor, Tensor> lostCurvature = t -> t.relu()
                .add(t.square().mul(0.5).stopGradient())
                .add(t.sub(t.stopGradient()).mul(t.stopGradient())).sum();
        GradCheckReport wrong = GradCheck.checkSecondOrder(lostCurvature, Tensor.of(1e-8, 0),
                Tolerance.FLOAT64);
        assertFalse(wrong.passed(), wrong.toString());
        assertEquals(1.0, at(wrong, "dy[0]/dx[0]").numeric(), 1e-6, wrong.toString());
        assertEquals(Status.FAILED, at(wrong, "dy[1]/dx[1]").status(), wrong.toString());
    }
}
