package jgrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ErrorFunction} against 50-digit mpmath values ({@code
 * src/test/resources/fixtures/erf_mpmath_reference.csv}, made by {@code erf_mpmath_reference.py}
 * beside it): the error of each float64 result is measured in ulps of the exact value, so the
 * bounds are bounds on the true error, not on a comparison with another rounded result.
 */
class ErrorFunctionTest {

    /** One point of the fixture: {@code x} exact, the function values as exact decimals. */
    private record Point(double x, BigDecimal erf, BigDecimal erfc) {}

    private static List<Point> points() {
        List<Point> points = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ErrorFunctionTest.class.getResourceAsStream(
                        "/fixtures/erf_mpmath_reference.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#")) {
                    String[] parts = line.split(",");
                    points.add(new Point(Double.parseDouble(parts[0]), new BigDecimal(parts[1]),
                            new BigDecimal(parts[2])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return points;
    }

    /** {@code |got - exact|} in ulps of the exact value rounded to float64 (0 when both are 0). */
    private static double ulps(double got, BigDecimal exact) {
        double rounded = exact.doubleValue();
        if (rounded == 0 && got == 0) {
            return 0;
        }
        return new BigDecimal(got).subtract(exact).abs().doubleValue() / Math.ulp(rounded);
    }

    @Test
    void erfIsWithinOneUlpOfTheExactValueEverywhere() {
        List<Point> points = points();
        assertTrue(points.size() > 2000, "fixture has " + points.size() + " points");
        double worst = 0;
        double worstAt = 0;
        for (Point point : points) {
            double error = ulps(ErrorFunction.erf(point.x()), point.erf());
            if (error > worst) {
                worst = error;
                worstAt = point.x();
            }
        }
        assertTrue(worst <= 1.0, "erf is " + worst + " ulps off at x = " + worstAt);
    }

    @Test
    void erfcIsWithinOnePointTwoUlpsNearZeroAndThreeUlpsInTheTails() {
        double worstNear = 0;
        double worstTail = 0;
        for (Point point : points()) {
            double error = ulps(ErrorFunction.erfc(point.x()), point.erfc());
            if (Math.abs(point.x()) < 0.84375) {
                worstNear = Math.max(worstNear, error);
            } else if (point.erfc().doubleValue() >= Double.MIN_NORMAL) {
                worstTail = Math.max(worstTail, error); // subnormal results have fewer digits
            }
        }
        assertTrue(worstNear <= 1.2, "erfc is " + worstNear + " ulps off below 0.84375");
        assertTrue(worstTail <= 3.0, "erfc is " + worstTail + " ulps off in the tails");
    }

    @Test
    void subnormalErfcResultsAreWithinTheirAbsoluteRounding() {
        for (Point point : points()) {
            double exact = point.erfc().doubleValue();
            if (exact < Double.MIN_NORMAL) {
                double got = ErrorFunction.erfc(point.x());
                assertEquals(exact, got, 4 * Double.MIN_VALUE + 4 * Math.ulp(exact),
                        "erfc(" + point.x() + ")");
            }
        }
    }

    @Test
    void specialValuesFollowIeeeAndSymmetry() {
        assertEquals(1.0, ErrorFunction.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, ErrorFunction.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, ErrorFunction.erfc(Double.POSITIVE_INFINITY));
        assertEquals(2.0, ErrorFunction.erfc(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(ErrorFunction.erf(Double.NaN)));
        assertTrue(Double.isNaN(ErrorFunction.erfc(Double.NaN)));
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(ErrorFunction.erf(-0.0)));
        assertEquals(1.0, ErrorFunction.erfc(-0.0));
        for (Point point : points()) {
            double x = point.x();
            assertEquals(-ErrorFunction.erf(x), ErrorFunction.erf(-x), 0.0, "erf is odd at " + x);
        }
    }

    /** The last interval boundary of each function: results stay monotone across it. */
    @Test
    void bothAreMonotoneAcrossTheIntervalBoundaries() {
        for (double boundary : new double[] {0x1p-28, 0.25, 0.84375, 1.25, 1 / 0.35, 6, 28}) {
            double below = Math.nextDown(boundary);
            assertTrue(ErrorFunction.erf(below) <= ErrorFunction.erf(boundary), "erf " + boundary);
            assertTrue(ErrorFunction.erfc(below) >= ErrorFunction.erfc(boundary),
                    "erfc " + boundary);
            assertTrue(ErrorFunction.erfc(-below) <= ErrorFunction.erfc(-boundary),
                    "erfc " + -boundary);
        }
    }
}
