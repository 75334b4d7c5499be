package jgrad.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContourLinesTest {

    private static double[][] sample(double[] xs, double[] ys,
            java.util.function.DoubleBinaryOperator f) {
        double[][] z = new double[ys.length][xs.length];
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                z[j][i] = f.applyAsDouble(xs[i], ys[j]);
            }
        }
        return z;
    }

    @Test
    void aPlaneGivesAStraightLineThroughTheLevel() {
        // f = x + y: the level 0.45 is the line y = 0.45 - x, exactly, since f is linear in a
        // cell. (0.45, not halfway between grid values, where the edges' midpoints would do.)
        double[] xs = Interval.of(-1, 1).linspace(11);
        double[] ys = Interval.of(-1, 1).linspace(11);
        List<double[]> segments = ContourLines.segments(xs, ys, sample(xs, ys, Double::sum), 0.45);

        assertTrue(segments.size() >= 10, "segments: " + segments.size());
        for (double[] s : segments) {
            assertEquals(0.45, s[0] + s[1], 1e-12);
            assertEquals(0.45, s[2] + s[3], 1e-12);
        }
    }

    @Test
    void aCircleIsTracedClosedWithEveryPointNearTheRadius() {
        double[] xs = Interval.of(-2, 2).linspace(81);
        double[] ys = Interval.of(-2, 2).linspace(81);
        List<double[]> segments = ContourLines.segments(xs, ys,
                sample(xs, ys, (x, y) -> x * x + y * y), 0.83);

        double length = 0;
        for (double[] s : segments) {
            // Linear interpolation of r^2 on cells of 0.05 puts points within 1e-3 of the radius.
            // (The level misses every grid point: a level through one gives zero-length
            // segments there, which join more than two segments.)
            assertEquals(Math.sqrt(0.83), Math.hypot(s[0], s[1]), 1e-3);
            assertEquals(Math.sqrt(0.83), Math.hypot(s[2], s[3]), 1e-3);
            length += Math.hypot(s[2] - s[0], s[3] - s[1]);
        }
        assertEquals(2 * Math.PI * Math.sqrt(0.83), length, 1e-2);
        // Closed: every end point is shared by exactly two segments.
        java.util.Map<String, Integer> ends = new java.util.HashMap<>();
        for (double[] s : segments) {
            ends.merge(String.format("%.9f,%.9f", s[0], s[1]), 1, Integer::sum);
            ends.merge(String.format("%.9f,%.9f", s[2], s[3]), 1, Integer::sum);
        }
        ends.values().forEach(count -> assertEquals(2, count));
    }

    @Test
    void aSaddleCellIsResolvedByItsCentre() {
        // Corners: (0,0)=1, (1,0)=0, (1,1)=1, (0,1)=0; level 0.5, centre 0.5 counts as above,
        // so the corners below (1,0) and (0,1) are cut off: two segments.
        double[] xs = {0, 1};
        double[] ys = {0, 1};
        double[][] z = {{1, 0}, {0, 1}};
        List<double[]> segments = ContourLines.segments(xs, ys, z, 0.5);

        assertEquals(2, segments.size());
        // One segment around (1, 0): from (0.5, 0) to (1, 0.5); one around (0, 1).
        double[] first = segments.get(0);
        double[] second = segments.get(1);
        assertEquals(List.of(0.5, 0.0, 1.0, 0.5), List.of(first[0], first[1], first[2], first[3]));
        assertEquals(List.of(0.5, 1.0, 0.0, 0.5),
                List.of(second[0], second[1], second[2], second[3]));
    }

    @Test
    void cellsWithANonFiniteCornerAreSkipped() {
        double[] xs = {0, 1, 2};
        double[] ys = {0, 1};
        double[][] z = {{0, 1, Double.NaN}, {0, 1, 2}};
        List<double[]> segments = ContourLines.segments(xs, ys, z, 0.5);

        assertEquals(1, segments.size());
        assertEquals(0.5, segments.get(0)[0], 1e-12);
    }

    @Test
    void mismatchedGridIsRefusedNamingBothSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContourLines.segments(new double[] {0, 1}, new double[] {0, 1, 2},
                        new double[2][2], 0));
        assertTrue(e.getMessage().contains("3 rows of values expected"), e.getMessage());
    }
}
