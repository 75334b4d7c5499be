package jgrad.plots;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A closed interval {@code [low, high]} of an axis, {@code low < high}, both finite.
 *
 * @param low the lower end
 * @param high the upper end
 */
public record Interval(double low, double high) {

    /**
     * Checks the ends.
     *
     * @throws IllegalArgumentException if an end is not finite or {@code low >= high}
     */
    public Interval {
        checkArgument(Double.isFinite(low) && Double.isFinite(high) && low < high,
                "interval: finite low < high expected, got [%s, %s]", low, high);
    }

    /**
     * The interval {@code [low, high]}.
     *
     * @throws IllegalArgumentException if an end is not finite or {@code low >= high}
     */
    public static Interval of(double low, double high) {
        return new Interval(low, high);
    }

    /**
     * The smallest interval holding every finite value of {@code values}, widened by
     * {@code margin} times its length on each side; an interval of length 2 around a single
     * value (or around 0 when there are none).
     *
     * @throws IllegalArgumentException if {@code margin} is negative or not finite
     */
    public static Interval around(double[] values, double margin) {
        checkArgument(Double.isFinite(margin) && margin >= 0,
                "interval.around: margin >= 0 expected, got %s", margin);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (Double.isFinite(value)) {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        if (low > high) {
            return new Interval(-1, 1);
        }
        if (low == high) {
            return new Interval(low - 1, high + 1);
        }
        double pad = margin * (high - low);
        return new Interval(low - pad, high + pad);
    }

    /** Returns {@code high - low}. */
    public double length() {
        return high - low;
    }

    /** Returns whether {@code low <= value <= high}. */
    public boolean contains(double value) {
        return low <= value && value <= high;
    }

    /**
     * {@code count} evenly spaced values from {@code low} to {@code high}, both included (NumPy's
     * {@code linspace}).
     *
     * @throws IllegalArgumentException if {@code count < 2}
     */
    public double[] linspace(int count) {
        checkArgument(count >= 2, "interval.linspace: count >= 2 expected, got %s", count);
        double[] values = new double[count];
        double step = (high - low) / (count - 1);
        for (int i = 0; i < count; i++) {
            values[i] = low + i * step;
        }
        values[count - 1] = high;
        return values;
    }

    /** {@code [low, high]}. */
    @Override
    public String toString() {
        return "[" + low + ", " + high + "]";
    }
}
