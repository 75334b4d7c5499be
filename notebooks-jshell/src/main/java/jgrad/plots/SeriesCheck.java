package jgrad.plots;

import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The checks {@link Plots} makes before XChart sees a series: XChart refuses an infinite value
 * with an error naming neither the plot nor the point, draws a blank panel for a series without a
 * finite value, and stops with its own message on an empty series or on x and y of different
 * lengths. Each check here throws an {@link IllegalArgumentException} naming the plot, the series,
 * the index and the value instead.
 */
final class SeriesCheck {

    private SeriesCheck() {
    }

    /**
     * Checks that every value of a series is finite.
     *
     * @param plot the plot, as the message starts ({@code lines}, {@code scatter}...)
     * @param series how the message names the series ({@code series 'relu'}, {@code path})
     * @param axis the coordinate, {@code x} or {@code y}
     * @throws IllegalArgumentException naming the first NaN or infinite value, its index and how
     *     many more there are
     */
    static void requireFinite(String plot, String series, String axis, double[] values) {
        int first = firstNonFinite(values);
        if (first < 0) {
            return;
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "%s: %s has %s[%d] = %s%s; a plot needs finite values (leave those points out,"
                        + " or clamp them, before plotting)",
                plot, series, axis, first, values[first], more(values, first)));
    }

    /**
     * Checks that a series has a point and as many x as y values.
     *
     * @throws IllegalArgumentException if the series is empty or the lengths differ
     */
    static void requirePoints(String plot, String series, double[] xs, double[] ys) {
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %s has %d x values and %d y values; x and y pair up, one each per point",
                    plot, series, xs.length, ys.length));
        }
        if (xs.length == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %s is empty; a series needs at least one point", plot, series));
        }
    }

    /**
     * Checks a chart about to be rendered, whoever built it: each series has a point, as many x
     * as y values, finite x values, no infinite y value and at least one finite y value. A NaN y
     * is allowed: XChart leaves a gap there, and {@link Plots} uses that to break lines. Disabled
     * series, which XChart does not draw, are not checked.
     *
     * @param where how the message names the chart ({@code save: chart 'loss' (panel 2 of 3)})
     * @throws IllegalArgumentException naming the series, the index and the value
     */
    static void requireDrawable(String where, XYChart chart) {
        for (Map.Entry<String, XYSeries> entry : chart.getSeriesMap().entrySet()) {
            if (!entry.getValue().isEnabled()) {
                continue; // not drawn
            }
            String series = "series '" + entry.getKey() + "'";
            double[] xs = entry.getValue().getXData();
            double[] ys = entry.getValue().getYData();
            requirePoints(where, series, xs, ys);
            requireFinite(where, series, "x", xs);
            for (int i = 0; i < ys.length; i++) {
                if (Double.isInfinite(ys[i])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "%s: %s has y[%d] = %s (x = %s); a plot cannot draw an infinite"
                                    + " value (leave the point out, or clamp it)",
                            where, series, i, ys[i], xs[i]));
                }
            }
            if (firstFinite(ys) < 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: %s has no finite y value (all %d are NaN), so nothing to draw",
                        where, series, ys.length));
            }
        }
    }

    /**
     * Replaces each NaN or infinite value by NaN, where XChart leaves a gap in a line.
     *
     * @return how many values were not finite
     */
    static int gapsForNonFinite(double[] values) {
        int count = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                values[i] = Double.NaN;
                count++;
            }
        }
        return count;
    }

    /** Returns the index of the first NaN or infinite value, or -1. */
    static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the first finite value, or -1. */
    static int firstFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    private static String more(double[] values, int first) {
        int count = 0;
        for (int i = first + 1; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                count++;
            }
        }
        return count == 0 ? "" : String.format(Locale.ROOT, " (and %d more not finite)", count);
    }
}
