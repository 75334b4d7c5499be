package jgrad.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jgrad.check.GradCheckReport.Verdict;
import jgrad.core.DType;
import jgrad.core.Domain;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The report's wording (user trial finding B18): what was compared, against what tolerance, the
 * worst element, and why the verdict is what it is, in its first lines.
 */
class GradCheckReportTextTest {

    @Test
    void aFailingReportSaysWhatWasComparedTheToleranceTheWorstElementAndWhichFailed() {
        GradCheckReport report = GradCheck.of((Tensor x) -> x.pow(3).sum()).named("cubes")
                .gradient(x -> x.mul(3), Tensor.of(0.5, 1, 2));
        String[] lines = report.toString().split("\n");
        assertTrue(lines[0].matches("gradient check FAILED: cubes, your gradient vs central"
                + " differences \\(every element, 3 comparisons\\): worst at x\\[0\\]: yours"
                + " 1\\.5, numeric 0\\.750000000\\d*, error 7\\.500e-01, allowed 7\\.600e-06"),
                lines[0]);
        assertTrue(lines[1].endsWith("; x [3] -> []; tolerance |error| <= 1.0E-7 + 1.0E-5"
                + " |numeric| (float64)"), lines[1]);
        assertTrue(report.toString().contains("\n  failing: x[0]; x[2] (2 of 3)"),
                report.toString());
        assertTrue(report.toString().contains("\n  error budget of the worst comparison's"
                + " estimate (central difference, truncation h^2|f'''|/6, h = 1.000e-05)"),
                report.toString());
    }

    /** The reason a check was not judged comes first, before notes on how it would have run. */
    @Test
    void aReportThatJudgedNothingSaysWhyInItsSummary() {
        GradCheckReport report = GradCheck.of(Tensor::log).domain(Domain.greaterThan(0))
                .reverseMode(Tensor.of(1, -0.5).cast(DType.FLOAT32));
        assertEquals(Verdict.NOT_CHECKED, report.verdict());
        assertTrue(report.summary().endsWith(": nothing compared (x[1] = -0.5 is outside the"
                + " declared domain (0, inf): f was not evaluated)"), report.summary());
    }

    /** Some elements compared, one not: the summary names it and says why. */
    @Test
    void aPartlyJudgedReportNamesWhatWasNotComparedAndWhy() {
        GradCheckReport report = GradCheck.of((Tensor x) -> x.square().sum())
                .domain(Domain.atLeast(0).withKinks(1e-12)).reverseMode(Tensor.of(0.5, 0));
        assertEquals(Verdict.NOT_CHECKED, report.verdict(), report.toString());
        assertTrue(report.summary().contains("; not checked: x[1] (no room for a difference:"
                + " x is on the domain edge 0.0 and the kink at 1.0E-12 is 1.000e-12 above x;"),
                report.summary());
    }
}
