package jgrad.plots;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;

/**
 * Iso-lines of a function sampled on a grid, by marching squares (Lorensen &amp; Cline's marching
 * cubes in two dimensions): each grid cell whose corners lie on both sides of the level gets one
 * straight segment, or two for a saddle, with end points placed on the cell's edges by linear
 * interpolation. A saddle (two opposite corners above the level, two below) is resolved by the
 * mean of the four corners, taken as the value at the cell's centre. Cells with a non-finite
 * corner get no segment.
 */
final class ContourLines {

    private ContourLines() {
    }

    /**
     * The segments of the level set {@code z = level}, each {@code {x1, y1, x2, y2}}.
     *
     * @param xs the grid's x coordinates, increasing, at least 2
     * @param ys the grid's y coordinates, increasing, at least 2
     * @param z the values, {@code z[j][i]} at {@code (xs[i], ys[j])}
     * @param level the value whose iso-line is traced
     * @throws IllegalArgumentException if the sizes do not match or are below 2
     */
    static ImmutableList<double[]> segments(double[] xs, double[] ys, double[][] z, double level) {
        checkArgument(xs.length >= 2 && ys.length >= 2,
                "contour: a grid of at least 2 x 2 expected, got %s x %s", xs.length, ys.length);
        checkArgument(z.length == ys.length,
                "contour: %s rows of values expected (one per y), got %s", ys.length, z.length);
        ImmutableList.Builder<double[]> segments = ImmutableList.builder();
        double[] cx = new double[4];
        double[] cy = new double[4];
        double[] cz = new double[4];
        for (int j = 0; j + 1 < ys.length; j++) {
            checkArgument(z[j].length == xs.length && z[j + 1].length == xs.length,
                    "contour: rows of %s values expected (one per x)", xs.length);
            for (int i = 0; i + 1 < xs.length; i++) {
                // Corners counter-clockwise from the bottom left; edge k joins corner k and k + 1.
                cx[0] = xs[i];
                cy[0] = ys[j];
                cz[0] = z[j][i];
                cx[1] = xs[i + 1];
                cy[1] = ys[j];
                cz[1] = z[j][i + 1];
                cx[2] = xs[i + 1];
                cy[2] = ys[j + 1];
                cz[2] = z[j + 1][i + 1];
                cx[3] = xs[i];
                cy[3] = ys[j + 1];
                cz[3] = z[j + 1][i];
                cell(cx, cy, cz, level, segments);
            }
        }
        return segments.build();
    }

    private static void cell(double[] cx, double[] cy, double[] cz, double level,
            ImmutableList.Builder<double[]> segments) {
        int above = 0;
        for (int k = 0; k < 4; k++) {
            if (!Double.isFinite(cz[k])) {
                return;
            }
            if (cz[k] >= level) {
                above |= 1 << k;
            }
        }
        if (above == 0 || above == 0b1111) {
            return;
        }
        if (above == 0b0101 || above == 0b1010) {
            // A saddle: cut off the two corners on the other side of the level from the centre.
            boolean centreAbove = (cz[0] + cz[1] + cz[2] + cz[3]) / 4 >= level;
            for (int k = 0; k < 4; k++) {
                boolean cornerAbove = (above & (1 << k)) != 0;
                if (cornerAbove != centreAbove) {
                    segments.add(segment(cx, cy, cz, level, (k + 3) % 4, k));
                }
            }
            return;
        }
        // One corner cut off from three, or two neighbouring corners from the other two: exactly
        // two edges are crossed.
        int first = -1;
        for (int edge = 0; edge < 4; edge++) {
            if (crossed(above, edge)) {
                if (first < 0) {
                    first = edge;
                } else {
                    segments.add(segment(cx, cy, cz, level, first, edge));
                    return;
                }
            }
        }
        throw new IllegalStateException("contour: a cell crossed once, corners " + above);
    }

    private static boolean crossed(int above, int edge) {
        int next = (edge + 1) % 4;
        return ((above >> edge) & 1) != ((above >> next) & 1);
    }

    private static double[] segment(double[] cx, double[] cy, double[] cz, double level,
            int edgeA, int edgeB) {
        double[] a = crossing(cx, cy, cz, level, edgeA);
        double[] b = crossing(cx, cy, cz, level, edgeB);
        return new double[] {a[0], a[1], b[0], b[1]};
    }

    /** Where the level crosses {@code edge} (from corner {@code edge} to the next), linearly. */
    private static double[] crossing(double[] cx, double[] cy, double[] cz, double level,
            int edge) {
        int from = edge;
        int to = (edge + 1) % 4;
        double t = (level - cz[from]) / (cz[to] - cz[from]);
        return new double[] {cx[from] + t * (cx[to] - cx[from]), cy[from] + t * (cy[to] - cy[from])};
    }
}
