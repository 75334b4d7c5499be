package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import jgrad.check.GradCheckReport.Entry;
import jgrad.check.GradCheckReport.Method;
import jgrad.check.GradCheckReport.Status;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Inputs above {@link GradCheck#ELEMENTWISE_LIMIT} elements, checked by random projections (user
 * trial finding A2): the report says so plainly (policy, number of directions, seed), and a
 * failed projection is traced to an element.
 */
class GradCheckProjectionTest {

    private static final Tensor LARGE = Tensor.arange(300).mul(0.01).sub(1.5);

    /** tanh, with its gradient wrong by {@code slip} at element {@code at} only. */
    private static Function<Tensor, Tensor> tanhWrongAt(int at, double slip) {
        double[] mask = new double[300];
        mask[at] = slip;
        Tensor bump = Tensor.of(mask);
        return x -> x.tanh().add(x.sub(x.stopGradient()).mul(bump));
    }

    private static String note(GradCheckReport report, String start) {
        return report.notes().stream().filter(n -> n.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no note " + start + " in " + report));
    }

    @Test
    void theReportSaysThatProjectionsWereComparedHowManyAndFromWhichSeed() {
        GradCheckReport report = GradCheck.check(Tensor::tanh, LARGE, Tolerance.FLOAT64);
        assertTrue(report.passed(), report.toString());
        assertEquals(Method.PROJECTION, report.method());
        String note = note(report, "x has 300 elements, more than 256: not every element was"
                + " compared, but 8 random projections u^T J v");
        assertTrue(note.contains("drawn after u from seed " + GradCheck.DEFAULT_SEED
                + " (the default; .seed(n) changes it)"), note);
        assertTrue(note.contains("every element: .method(Method.EVERY_ELEMENT)"), note);
        assertTrue(report.toString().contains("note: " + note), report.toString());

        GradCheckReport seeded = GradCheck.of(Tensor::tanh).seed(7).directions(3)
                .reverseMode(LARGE);
        assertEquals(3, seeded.comparisons());
        assertTrue(note(seeded, "x has 300 elements").contains("3 random projections u^T J v"
                + " (directional derivatives along unit directions v, standard normal then"
                + " normalised, drawn after u from seed 7)"), seeded.toString());

        GradCheckReport yours = GradCheck.of(Tensor::tanh).random(new SplittableRandom(3))
                .reverseMode(LARGE);
        assertTrue(note(yours, "x has 300 elements").contains("drawn after u from your"
                + " RandomGenerator SplittableRandom (its state when the check ran"),
                yours.toString());
    }

    @Test
    void aFailedProjectionIsTracedToTheWrongElement() {
        GradCheckReport report = GradCheck.check(tanhWrongAt(123, 0.5), LARGE,
                Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
        Entry located = report.entries().stream().filter(e -> e.projection() == 0)
                .collect(Collectors.toList()).get(0);
        assertEquals("x[123]", located.where(), report.toString());
        assertEquals(Method.COTANGENT, located.method());
        assertEquals(Status.FAILED, located.status());
        // u^T J e_123 = u_123 (tanh'(x_123) + 0.5) against the numeric u_123 tanh'(x_123)
        double x = LARGE.toArray()[123];
        double tanhPrime = 1 - Math.tanh(x) * Math.tanh(x);
        assertEquals((tanhPrime + 0.5) / tanhPrime, located.value() / located.numeric(), 1e-6,
                report.toString());
        assertTrue(report.failures().contains(located));
        String note = note(report, "x: x, projection ");
        assertTrue(note.contains("failed; a projection mixes every element, so it cannot say"
                + " which is wrong; bisecting its direction ("), note);
        assertTrue(note.contains("located x[123], compared on its own (u^T J's element): it"
                + " fails"), note);

        // the same slip elsewhere is found there
        GradCheckReport other = GradCheck.check(tanhWrongAt(7, -0.3), LARGE, Tolerance.FLOAT64);
        assertTrue(other.failures().stream().anyMatch(e -> e.where().equals("x[7]")),
                other.toString());
        // a right gradient has nothing to trace
        GradCheckReport right = GradCheck.check(Tensor::tanh, LARGE, Tolerance.FLOAT64);
        assertEquals(GradCheck.DIRECTIONS, right.comparisons());
        assertTrue(right.notes().stream().noneMatch(n -> n.contains("bisecting")),
                right.toString());
    }

    /** A scalar f: the located element is an element of the gradient itself. */
    @Test
    void aFailedProjectionOfAScalarFunctionIsTracedToAGradientElement() {
        Function<Tensor, Tensor> f = x -> tanhWrongAt(250, 0.01).apply(x).sum();
        GradCheckReport report = GradCheck.check(f, LARGE, Tolerance.FLOAT64);
        assertFalse(report.passed(), report.toString());
        Entry located = report.entries().stream().filter(e -> e.projection() == 0).findFirst()
                .orElseThrow(() -> new AssertionError(report.toString()));
        assertEquals("x[250]", located.where(), report.toString());
        assertEquals(Method.EVERY_ELEMENT, located.method());
        double x = LARGE.toArray()[250];
        assertEquals(1 - Math.tanh(x) * Math.tanh(x) + 0.01, located.value(), 1e-12);
        assertEquals(1 - Math.tanh(x) * Math.tanh(x), located.numeric(), 1e-8);
    }

    /**
     * Your gradient is what you asked to check: up to {@link GradCheck#SUPPLIED_ELEMENTWISE_LIMIT}
     * elements every element is compared; beyond, projections plus every element against jgrad's
     * reverse mode, the elements that differ compared with central differences one by one.
     */
    @Test
    void aSuppliedGradientIsComparedElementByElementOrCrossCheckedAgainstReverseMode() {
        GradCheckReport mid = GradCheck.of((Tensor x) -> x.tanh().sum())
                .gradient(x -> x.tanh().square().neg().add(1), LARGE);
        assertTrue(mid.passed(), mid.toString());
        assertEquals(Method.EVERY_ELEMENT, mid.method());
        assertEquals(300, mid.comparisons());

        Tensor huge = Tensor.arange(5000).mul(0.001).sub(2.5);
        double[] slip = new double[5000];
        slip[4321] = 1e-3;
        Tensor bump = Tensor.of(slip);
        Function<Tensor, Tensor> right = x -> x.tanh().square().neg().add(1);
        GradCheckReport wrong = GradCheck.of((Tensor x) -> x.tanh().sum())
                .gradient(x -> right.apply(x).add(bump), huge);
        assertFalse(wrong.passed(), wrong.toString());
        assertTrue(wrong.failures().stream().anyMatch(e -> e.where().equals("x[4321]")),
                wrong.toString());
        assertTrue(note(wrong, "x: every element of your gradient compared with jgrad's reverse"
                + " mode: 1 of 5000 differ").endsWith("each compared with central differences"),
                wrong.toString());
        GradCheckReport fixed = GradCheck.of((Tensor x) -> x.tanh().sum()).gradient(right, huge);
        assertTrue(fixed.passed(), fixed.toString());
        assertEquals("x: every element of your gradient compared with jgrad's reverse mode: 0"
                + " of 5000 differ", note(fixed, "x: every element of your gradient"));
    }
}
