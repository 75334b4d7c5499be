package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.primitives.ImmutableDoubleArray;
import java.util.Arrays;

/**
 * Where an elementwise argument of a function is defined and where it is smooth: an interval
 * (each end open or closed, possibly infinite), points excluded from it (poles, such as 0 for
 * {@code 1/x}) and kinks inside it (points where the function is continuous but its derivative
 * jumps, such as 0 for {@code relu} and {@code abs}). Immutable.
 *
 * <p>A gradient check given a domain never evaluates outside it: near an edge or an excluded
 * point it shrinks its step or takes one-sided differences, and says so in its report; at a
 * declared kink it compares the gradient with both one-sided derivatives, and near one it keeps
 * its differences on one side ({@code jgrad.check.GradChecker#domain}). The arbitraries of {@code
 * jgrad.check.jqwik} draw values that keep a margin from edges, excluded points and kinks.
 *
 * <pre>{@code
 * Domain.REALS.withKinks(0)        // relu, abs
 * Domain.greaterThan(0)            // log: (0, inf)
 * Domain.greaterThan(-1)           // log1p: (-1, inf)
 * Domain.atLeast(0)                // sqrt: [0, inf), with sqrt'(0) = +inf
 * Domain.REALS.excluding(0)        // 1/x
 * }</pre>
 *
 * @param low          the lower end, {@code -inf} for none
 * @param lowIncluded  whether {@code f} may be evaluated at {@code low} itself
 * @param high         the upper end, {@code +inf} for none
 * @param highIncluded whether {@code f} may be evaluated at {@code high} itself
 * @param excluded     points inside the interval where {@code f} is not defined, ascending
 * @param kinks        points where {@code f} is continuous but not differentiable, ascending
 */
public record Domain(double low, boolean lowIncluded, double high, boolean highIncluded,
        ImmutableDoubleArray excluded, ImmutableDoubleArray kinks) {

    /** Every real number, no kinks. */
    public static final Domain REALS = new Domain(Double.NEGATIVE_INFINITY, false,
            Double.POSITIVE_INFINITY, false, ImmutableDoubleArray.of(), ImmutableDoubleArray.of());

    /**
     * @throws IllegalArgumentException if an end is NaN, {@code low > high}, an infinite end is
     *     included, or a point is not finite, not inside the interval or not ascending
     * @throws NullPointerException if a list is null
     */
    public Domain {
        checkArgument(!Double.isNaN(low) && !Double.isNaN(high) && low <= high,
                "domain: need low <= high, got %s, %s", low, high);
        checkArgument(!(lowIncluded && Double.isInfinite(low))
                        && !(highIncluded && Double.isInfinite(high)),
                "domain: an infinite end cannot be included");
        checkNotNull(excluded, "domain: excluded is null");
        checkNotNull(kinks, "domain: kinks is null");
        for (ImmutableDoubleArray points : new ImmutableDoubleArray[] {excluded, kinks}) {
            for (int i = 0; i < points.length(); i++) {
                double point = points.get(i);
                checkArgument(Double.isFinite(point) && low < point && point < high,
                        "domain: point %s is not inside (%s, %s)", point, low, high);
                checkArgument(i == 0 || points.get(i - 1) < point,
                        "domain: points must ascend, got %s", points);
            }
        }
    }

    /** {@code [low, +inf)}. */
    public static Domain atLeast(double low) {
        return new Domain(low, true, Double.POSITIVE_INFINITY, false,
                ImmutableDoubleArray.of(), ImmutableDoubleArray.of());
    }

    /** {@code (low, +inf)}. */
    public static Domain greaterThan(double low) {
        return new Domain(low, false, Double.POSITIVE_INFINITY, false,
                ImmutableDoubleArray.of(), ImmutableDoubleArray.of());
    }

    /** {@code (-inf, high]}. */
    public static Domain atMost(double high) {
        return new Domain(Double.NEGATIVE_INFINITY, false, high, true,
                ImmutableDoubleArray.of(), ImmutableDoubleArray.of());
    }

    /** {@code (-inf, high)}. */
    public static Domain lessThan(double high) {
        return new Domain(Double.NEGATIVE_INFINITY, false, high, false,
                ImmutableDoubleArray.of(), ImmutableDoubleArray.of());
    }

    /** {@code [low, high]}. */
    public static Domain closed(double low, double high) {
        return new Domain(low, true, high, true, ImmutableDoubleArray.of(),
                ImmutableDoubleArray.of());
    }

    /** {@code (low, high)}. */
    public static Domain open(double low, double high) {
        return new Domain(low, false, high, false, ImmutableDoubleArray.of(),
                ImmutableDoubleArray.of());
    }

    /**
     * This domain with kinks added at {@code points} (duplicates merged).
     *
     * @throws IllegalArgumentException if a point is not finite or not inside the interval
     */
    public Domain withKinks(double... points) {
        return new Domain(low, lowIncluded, high, highIncluded, excluded, merge(kinks, points));
    }

    /**
     * This domain without {@code points}, where {@code f} is not defined.
     *
     * @throws IllegalArgumentException if a point is not finite or not inside the interval
     */
    public Domain excluding(double... points) {
        return new Domain(low, lowIncluded, high, highIncluded, merge(excluded, points), kinks);
    }

    /** Whether {@code f} may be evaluated at {@code x}: inside the interval, not excluded. */
    public boolean contains(double x) {
        boolean aboveLow = x > low || (lowIncluded && x == low);
        boolean belowHigh = x < high || (highIncluded && x == high);
        return aboveLow && belowHigh && Arrays.binarySearch(excluded.toArray(), x) < 0;
    }

    /** Whether {@code x} is a declared kink. */
    public boolean isKink(double x) {
        return Arrays.binarySearch(kinks.toArray(), x) >= 0;
    }

    /**
     * Whether {@code x} is at least {@code margin} from both ends, every excluded point and every
     * kink (and inside the interval).
     */
    public boolean isClear(double x, double margin) {
        if (!(x - margin > low || (lowIncluded && x - margin == low))
                || !(x + margin < high || (highIncluded && x + margin == high))) {
            return false;
        }
        for (ImmutableDoubleArray points : new ImmutableDoubleArray[] {excluded, kinks}) {
            for (int i = 0; i < points.length(); i++) {
                if (Math.abs(x - points.get(i)) < margin) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether this is {@link #REALS}: no edge, no excluded point, no kink. */
    public boolean isUnrestricted() {
        return equals(REALS);
    }

    /** {@code "(0, inf)"}, {@code "all reals, kinks at [0.0]"}, {@code "[0, inf) without [1.0]"}. */
    @Override
    public String toString() {
        String interval = Double.isInfinite(low) && Double.isInfinite(high) ? "all reals"
                : (lowIncluded ? "[" : "(") + end(low) + ", " + end(high)
                        + (highIncluded ? "]" : ")");
        String without = excluded.isEmpty() ? "" : " without " + excluded;
        String kinked = kinks.isEmpty() ? "" : ", kinks at " + kinks;
        return interval + without + kinked;
    }

    private static String end(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
    }

    private static ImmutableDoubleArray merge(ImmutableDoubleArray points, double[] more) {
        checkNotNull(more, "domain: points are null");
        return ImmutableDoubleArray.copyOf(java.util.stream.DoubleStream.concat(
                points.stream(), Arrays.stream(more)).sorted().distinct().toArray());
    }
}
