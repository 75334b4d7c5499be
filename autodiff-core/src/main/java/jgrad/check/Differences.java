package jgrad.check;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import jgrad.check.GradCheckReport.Status;

/**
 * Finite-difference estimates of {@code phi'(0)} for a vector-valued line {@code phi(t) = F(x + t
 * d)} (one component per compared value), with the step chosen to stay inside the domain and off
 * kinks, Richardson refinement of failing comparisons, and a probe that tells kinks from smooth
 * bends. The method is described in {@link GradCheck}'s javadoc.
 */
final class Differences {

    /** Refined steps {@code h / 4^k}, {@code k = 1..REFINEMENTS}. */
    static final int REFINEMENTS = GradCheck.REFINEMENTS;

    /** The rounding error assumed of each evaluation, in units of the last place. */
    static final int ROUNDING_ULPS = 16;

    /** The smallest fraction of the standard step a central difference may shrink to. */
    private static final double SMALLEST_CENTRAL_FRACTION = 1.0 / 64;
    /** The smallest fraction of the standard step a one-sided difference may shrink to. */
    private static final double SMALLEST_ONE_SIDED_FRACTION = 1e-4;

    private Differences() {}

    /** Evaluates the line at offset {@code t}. */
    @FunctionalInterface
    interface Line {
        Sample at(double t);
    }

    /**
     * {@code phi(t)}: the offset actually taken (after rounding {@code x + t d}), the values and
     * the magnitudes their rounding error is relative to.
     */
    record Sample(double t, double[] values, double[] magnitudes) {
        boolean isFinite() {
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The room the stencil has on each side of {@code t = 0} before it reaches a domain edge, an
     * excluded point or a kink (infinite if none), what limits it, and whether {@code x} is itself
     * at a declared kink.
     */
    record Room(double minus, String minusLimit, double plus, String plusLimit, boolean atKink,
            String kinkNote) {
        static final Room FREE = new Room(Double.POSITIVE_INFINITY, "", Double.POSITIVE_INFINITY,
                "", false, "");
    }

    /** How the derivative was estimated. */
    enum Scheme {
        /** {@code (phi(h) - phi(-h)) / 2h}. */
        CENTRAL,
        /** {@code (-3 phi(0) + 4 phi(h) - phi(2h)) / 2h}. */
        FORWARD,
        /** {@code (3 phi(0) - 4 phi(-h) + phi(-2h)) / 2h}. */
        BACKWARD,
        /** Both one-sided derivatives, at a kink. */
        KINK,
        /** No room for any difference. */
        NONE
    }

    /** A difference and a bound on its rounding error. */
    private record Estimate(double[] values, double[] noise) {}

    /** The outcome for every component of a line. */
    static final class Result {
        final double[] numeric;
        final Status[] status;
        final int[] refinement;
        final double[] left;
        final double[] right;
        final double[] noise;
        /** The kink's offset from x (0 at x), per component; NaN if none was found. */
        final double[] kinkOffset;
        /** {@code |R_k - R_(k-1)|} of the Richardson estimate reported, per component. */
        final double[] spread;
        Scheme scheme;
        double step;
        /** Why the step or scheme differs from the standard one; empty if it does not. */
        String note = "";
        /** The kink or bend found by the probe, per component; null if none. */
        final String[] kinkNote;
        /** The line's evaluations, reused by {@link #budget}. */
        Cache cache;
        /** The name of the function differenced, in notes: {@code "f"}, or {@code "g"} for a
         * gradient in a second-order check. */
        String symbol = "f";

        Result(int m) {
            numeric = new double[m];
            status = new Status[m];
            refinement = new int[m];
            left = nans(m);
            right = nans(m);
            noise = new double[m];
            kinkOffset = nans(m);
            spread = nans(m);
            kinkNote = new String[m];
        }
    }

    /** Evaluations of one line, cached by requested offset. */
    private static final class Cache {
        private final Line line;
        private final Sample base;
        private final Map<Double, Sample> samples = new HashMap<>();

        Cache(Line line, Sample base) {
            this.line = line;
            this.base = base;
        }

        Sample at(double t) {
            return t == 0 ? base : samples.computeIfAbsent(t, line::at);
        }
    }

    /**
     * Estimates {@code phi'(0)} against {@code value} (the derivative under test, per component).
     *
     * @param base       {@code phi(0)}, finite
     * @param h          the standard step
     * @param probeKinks whether to look for undeclared kinks behind a central difference
     */
    static Result estimate(Line line, Sample base, double[] value, double h, Room room,
            Tolerance tolerance, boolean probeKinks) {
        return estimate(line, base, value, h, room, tolerance, probeKinks, "f");
    }

    /**
     * As {@link #estimate(Line, Sample, double[], double, Room, Tolerance, boolean)}, naming the
     * function differenced {@code symbol} in notes ({@code "g"} for a gradient).
     */
    static Result estimate(Line line, Sample base, double[] value, double h, Room room,
            Tolerance tolerance, boolean probeKinks, String symbol) {
        int m = value.length;
        Result result = new Result(m);
        result.symbol = symbol;
        Cache cache = new Cache(line, base);
        result.cache = cache;
        double epsilon = tolerance.machineEpsilon();
        if (room.atKink()) {
            double left = Math.min(h, room.minus() / 4);
            double right = Math.min(h, room.plus() / 4);
            result.scheme = Scheme.KINK;
            result.step = Math.min(left, right);
            Estimate backward = backward(cache, left, epsilon);
            Estimate forward = forward(cache, right, epsilon);
            Fit below = settledFit(cache, -1, left, tolerance, epsilon);
            Fit above = settledFit(cache, 1, right, tolerance, epsilon);
            for (int j = 0; j < m; j++) {
                double f0 = base.values()[j];
                double n0 = ROUNDING_ULPS * epsilon * base.magnitudes()[j];
                boolean onBelow = below.passesThrough(j, f0, n0);
                boolean onAbove = above.passesThrough(j, f0, n0);
                if (onBelow && onAbove) {
                    judgeKink(result, j, value[j], backward.values()[j], forward.values()[j],
                            backward.noise()[j] + forward.noise()[j], tolerance);
                    result.kinkNote[j] = room.kinkNote();
                } else {
                    // f jumps at the declared kink: the one-sided derivatives come from each
                    // side's own curve, not from differences with f(x), which are ~ jump / step.
                    judgeKink(result, j, value[j], below.slope[j], above.slope[j],
                            below.slopeError[j] + above.slopeError[j], tolerance);
                    result.kinkNote[j] = String.format("%s; %s", room.kinkNote(),
                            jumpText(result.symbol, below, above, j, f0));
                }
            }
            return result;
        }
        double r = Math.min(room.minus(), room.plus());
        Scheme scheme;
        double step;
        if (r > 2 * h) {
            scheme = Scheme.CENTRAL;
            step = h;
        } else if (r / 4 >= h * SMALLEST_CENTRAL_FRACTION) {
            scheme = Scheme.CENTRAL;
            step = r / 4;
            result.note = String.format("step shrunk from %.3e to %.3e to stay off %s", h, step,
                    room.minus() <= room.plus() ? room.minusLimit() : room.plusLimit());
        } else {
            boolean forward = room.plus() >= room.minus();
            double space = forward ? room.plus() : room.minus();
            // f tends to curve on the scale of its distance to an edge (a pole, sqrt at 0):
            // keep the step within that distance, as well as inside the room on its side.
            step = Math.min(Math.min(h, space / 4), r);
            if (step < h * SMALLEST_ONE_SIDED_FRACTION) {
                result.scheme = Scheme.NONE;
                result.step = step;
                result.note = String.format("no room for a difference: %s; a step must stay"
                        + " within x's distance to the nearest limit (f tends to curve on that"
                        + " scale, like sqrt at 0), and no step of at least %.0e of the standard"
                        + " %.3e does", roomText(room), SMALLEST_ONE_SIDED_FRACTION, h);
                Arrays.fill(result.status, Status.NOT_CHECKED);
                Arrays.fill(result.numeric, Double.NaN);
                return result;
            }
            scheme = forward ? Scheme.FORWARD : Scheme.BACKWARD;
            result.note = String.format("one-sided difference (%s), step %.3e: %s is %.3e away",
                    forward ? "forward" : "backward", step,
                    forward ? room.minusLimit() : room.plusLimit(),
                    forward ? room.minus() : room.plus());
        }
        result.scheme = scheme;
        result.step = step;
        refine(result, cache, scheme, step, value, tolerance, epsilon);
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(result.numeric[j]) && result.note.isEmpty()) {
                // f(x) was finite, so f was not, within one step: never judged as a slope.
                result.note = String.format("%1$s is not finite within %2$.3e of x: is x at the"
                        + " edge of %1$s's domain? declare it (GradChecker.domain) and the check"
                        + " stays inside", result.symbol, step);
            }
        }
        if (scheme == Scheme.CENTRAL && probeKinks) {
            probe(result, cache, step, value, tolerance, epsilon);
        }
        return result;
    }

    /**
     * What limits the room on each side that has a limit: {@code "x is on the domain edge 0.0"},
     * {@code "the domain edge 0.0 is 1.000e-08 below x and the kink at 1.0 is 2.000e-01 above"}.
     */
    static String roomText(Room room) {
        java.util.List<String> sides = new java.util.ArrayList<>();
        if (Double.isFinite(room.minus())) {
            sides.add(room.minus() == 0 ? "x is on " + room.minusLimit()
                    : String.format("%s is %.3e below x", room.minusLimit(), room.minus()));
        }
        if (Double.isFinite(room.plus())) {
            sides.add(room.plus() == 0 ? "x is on " + room.plusLimit()
                    : String.format("%s is %.3e above x", room.plusLimit(), room.plus()));
        }
        return sides.isEmpty() ? "no limit on either side" : String.join(" and ", sides);
    }

    /** The standard comparison, then Richardson refinement of the components it fails. */
    private static void refine(Result result, Cache cache, Scheme scheme, double h,
            double[] value, Tolerance tolerance, double epsilon) {
        int m = value.length;
        Estimate standard = difference(cache, scheme, h, epsilon);
        double[] bestSpread = new double[m];
        boolean[] pending = new boolean[m];
        boolean anyPending = false;
        for (int j = 0; j < m; j++) {
            result.numeric[j] = standard.values()[j];
            result.noise[j] = standard.noise()[j];
            boolean accepted = tolerance.accepts(value[j], standard.values()[j]);
            result.status[j] = accepted ? Status.PASSED : Status.FAILED;
            pending[j] = !accepted;
            anyPending |= !accepted;
            bestSpread[j] = Double.POSITIVE_INFINITY;
        }
        if (!anyPending) {
            return;
        }
        double[] previousDifference = standard.values().clone();
        double[] previousExtrapolation = nans(m);
        for (int k = 1; k <= REFINEMENTS && anyPending; k++) {
            Estimate current = difference(cache, scheme, h * Math.scalb(1.0, -2 * k), epsilon);
            anyPending = false;
            for (int j = 0; j < m; j++) {
                if (!pending[j]) {
                    continue;
                }
                double standardValue = standard.values()[j];
                // Beyond this, rounding alone exceeds any error the comparison could allow.
                double largestAllowed = tolerance.allowed(
                        Math.max(Math.abs(value[j]), Math.abs(standardValue)));
                // R_k = (16 D_k - D_(k-1)) / 15 carries about 16/15 of D_k's rounding error.
                double noise = 2 * current.noise()[j];
                if (!(noise <= largestAllowed)) {
                    pending[j] = false; // smaller steps only drown the difference in rounding
                    continue;
                }
                // Step ratio 4 and an error series in h^2, h^3 (h^4 if central): this cancels h^2.
                double extrapolation = (16 * current.values()[j] - previousDifference[j]) / 15;
                if (k == 1) {
                    // R_1 beats D_0 where the error series holds: their gap estimates D_0's error.
                    double gap = Math.abs(standardValue - extrapolation);
                    bestSpread[j] = Double.isNaN(gap) ? Double.POSITIVE_INFINITY : gap;
                } else {
                    double spread = Math.abs(extrapolation - previousExtrapolation[j]);
                    double error = Math.abs(value[j] - extrapolation);
                    // Finite only: an infinite allowed error would accept anything. Rounding
                    // counts against the estimate: when phi(h_k) and phi(-h_k) round to the same
                    // number, R_k = 0 with spread 0 must not confirm a value of 0.
                    if (Double.isFinite(extrapolation) && Double.isFinite(spread)
                            && error + spread + noise <= tolerance.allowed(extrapolation)) {
                        result.numeric[j] = extrapolation;
                        result.refinement[j] = k;
                        result.noise[j] = noise;
                        result.spread[j] = spread;
                        result.status[j] = Status.PASSED;
                        pending[j] = false;
                        continue;
                    }
                    // Report R_k instead of D_0 only if it has converged to within the tolerance.
                    if (spread < bestSpread[j] && spread <= tolerance.allowed(extrapolation)) {
                        bestSpread[j] = spread;
                        result.numeric[j] = extrapolation;
                        result.refinement[j] = k;
                        result.noise[j] = noise;
                        result.spread[j] = spread;
                    }
                }
                previousDifference[j] = current.values()[j];
                previousExtrapolation[j] = extrapolation;
                anyPending = true;
            }
        }
    }

    /**
     * Looks behind a central difference for a kink: the free one-sided differences {@code (phi(h)
     * - phi(0)) / h} and {@code (phi(0) - phi(-h)) / h} differ by {@code c = h f''} where f is
     * smooth, and by up to the jump in slope where a kink lies within the step, which moves the
     * central difference by up to {@code c / 2}. Where that could matter (a passed comparison with
     * {@code |c| / 2} above its allowed error, or a failed one), second-order one-sided differences
     * on each side are compared at steps {@code h / 4^k}: agreement at {@code k = 0} means smooth
     * (the verdict stands); agreement at a smaller step means a sharp bend, and the comparison is
     * redone with the central difference at that step; no agreement before rounding dominates
     * means a kink, judged by {@link #judgeKink}.
     */
    private static void probe(Result result, Cache cache, double h, double[] value,
            Tolerance tolerance, double epsilon) {
        int m = value.length;
        Sample base = cache.at(0);
        Sample plus = cache.at(h);
        Sample minus = cache.at(-h);
        boolean[] suspect = new boolean[m];
        boolean any = false;
        for (int j = 0; j < m; j++) {
            if (result.status[j] == Status.PASSED && result.refinement[j] > 0) {
                // Richardson estimates that agree with each other and with the value: smooth.
                suspect[j] = false;
            } else if (result.status[j] == Status.PASSED) {
                double c = (plus.values()[j] - base.values()[j]) / plus.t()
                        - (base.values()[j] - minus.values()[j]) / -minus.t();
                suspect[j] = !(Math.abs(c) / 2 <= tolerance.allowed(result.numeric[j]));
            } else {
                suspect[j] = result.status[j] == Status.FAILED
                        && Double.isFinite(result.numeric[j]);
            }
            any |= suspect[j];
        }
        if (!any) {
            return;
        }
        Estimate lastForward = null;
        Estimate lastBackward = null;
        Estimate previousForward = null;
        Estimate previousBackward = null;
        double lastStep = h;
        int levels = 0;
        for (int k = 0; k <= REFINEMENTS; k++) {
            double step = h * Math.scalb(1.0, -2 * k);
            Estimate forward = forward(cache, step, epsilon);
            Estimate backward = backward(cache, step, epsilon);
            Estimate central = central(cache, step, epsilon);
            boolean agree = true;
            boolean drowned = true;
            for (int j = 0; j < m; j++) {
                if (!suspect[j]) {
                    continue;
                }
                double f = forward.values()[j];
                double b = backward.values()[j];
                double noise = forward.noise()[j] + backward.noise()[j];
                double allowed = tolerance.allowed(Math.max(Math.abs(f), Math.abs(b)));
                drowned &= !(noise <= allowed);
                agree &= Math.abs(f - b) <= allowed + noise;
                if (result.status[j] == Status.FAILED) {
                    // Where f jumps at x, both one-sided differences are 3/2 of the central one
                    // (all ~ jump / step): agreeing with each other, they must agree with it too.
                    agree &= Math.abs(central.values()[j] - (f + b) / 2)
                            <= allowed + noise + central.noise()[j];
                }
            }
            if (drowned && lastForward != null) {
                break;
            }
            previousForward = lastForward;
            previousBackward = lastBackward;
            lastForward = forward;
            lastBackward = backward;
            lastStep = step;
            levels = k;
            if (!agree && previousForward != null && allSettled(suspect, lastForward,
                    previousForward, lastBackward, previousBackward, tolerance)) {
                break; // both one-sided derivatives have settled apart: a kink, seen early
            }
            if (agree) {
                if (k > 0) {
                    for (int j = 0; j < m; j++) {
                        // The differences at the larger steps straddle a kink or a bend sharper
                        // than the step: their estimates (refined or not, passed or failed) are
                        // not f's slope at x; the central difference at this step is. A failed
                        // Richardson estimate that agrees with it stands: f is smooth and
                        // curved there, and the extrapolation is the more accurate.
                        boolean refinedAgrees = result.refinement[j] > 0
                                && Math.abs(result.numeric[j] - central.values()[j])
                                        <= tolerance.allowed(central.values()[j])
                                                + central.noise()[j];
                        if (suspect[j] && !refinedAgrees) {
                            result.numeric[j] = central.values()[j];
                            result.noise[j] = central.noise()[j];
                            result.refinement[j] = 0;
                            result.status[j] = Math.abs(value[j] - central.values()[j])
                                    <= tolerance.allowed(central.values()[j])
                                            + central.noise()[j]
                                    ? Status.PASSED : Status.FAILED;
                            result.kinkNote[j] = String.format("kink within step: %s has a"
                                    + " kink (or a bend sharper than the step) within %.3e of"
                                    + " x; one-sided differences agreed only at step %.3e, so"
                                    + " the central difference there was compared",
                                    result.symbol, h, step);
                        }
                    }
                }
                return;
            }
        }
        for (int j = 0; j < m; j++) {
            if (!suspect[j]) {
                continue;
            }
            // A kink has one-sided derivatives: the one-sided differences must settle on them.
            // Differences that jump from step to step are rounding noise or a jump in f.
            boolean converged = previousForward != null
                    && settled(lastForward, previousForward, j, tolerance)
                    && settled(lastBackward, previousBackward, j, tolerance);
            if (converged) {
                judgeKink(result, j, value[j], lastBackward.values()[j],
                        lastForward.values()[j],
                        lastBackward.noise()[j] + lastForward.noise()[j], tolerance);
                result.kinkNote[j] = String.format("undeclared kink (one-sided differences"
                        + " disagree down to step %.3e)", lastStep);
            } else {
                nearby(result, cache, j, value[j], h, levels, tolerance, epsilon,
                        lastBackward.values()[j], lastForward.values()[j], lastStep);
            }
        }
    }

    /**
     * The curve of {@code phi} on one side of {@code t = 0}, seen without {@code phi(0)}: the
     * parabola through the samples at {@code side * (s/2, s, 2s)}, extrapolated to {@code t = 0}
     * (its value and slope there), per component, with bounds on their errors.
     */
    static final class Fit {
        final int side;
        /** The smallest offset sampled: a kink or jump nearer to x than this lies between. */
        double nearest;
        final double[] value;
        final double[] slope;
        final double[] valueError;
        final double[] slopeError;
        /** Whether the fit at {@code s} and at {@code s / 4} agree, per component. */
        final boolean[] settled;

        Fit(int side, int m) {
            this.side = side;
            value = new double[m];
            slope = new double[m];
            valueError = new double[m];
            slopeError = new double[m];
            settled = new boolean[m];
        }

        /** Whether {@code phi(0)} lies on this side's curve. */
        boolean passesThrough(int j, double phi0, double phi0Noise) {
            return Math.abs(phi0 - value[j]) <= valueError[j] + phi0Noise;
        }
    }

    /** One side's parabola through {@code side * (s/2, s, 2s)}: value and slope at 0. */
    private static Fit fit(Cache cache, int side, double s, double epsilon) {
        Sample a = cache.at(side * s / 2);
        Sample b = cache.at(side * s);
        Sample c = cache.at(side * 2 * s);
        int m = a.values().length;
        Fit fit = new Fit(side, m);
        fit.nearest = Math.abs(a.t());
        double ta = a.t();
        double tb = b.t();
        double tc = c.t();
        // Lagrange weights at t = 0 for the value and the slope.
        double da = (ta - tb) * (ta - tc);
        double db = (tb - ta) * (tb - tc);
        double dc = (tc - ta) * (tc - tb);
        double va = tb * tc / da;
        double vb = ta * tc / db;
        double vc = ta * tb / dc;
        double sa = -(tb + tc) / da;
        double sb = -(ta + tc) / db;
        double sc = -(ta + tb) / dc;
        for (int j = 0; j < m; j++) {
            double ya = a.values()[j];
            double yb = b.values()[j];
            double yc = c.values()[j];
            fit.value[j] = va * ya + vb * yb + vc * yc;
            fit.slope[j] = sa * ya + sb * yb + sc * yc;
            double ua = ROUNDING_ULPS * epsilon * a.magnitudes()[j];
            double ub = ROUNDING_ULPS * epsilon * b.magnitudes()[j];
            double uc = ROUNDING_ULPS * epsilon * c.magnitudes()[j];
            fit.valueError[j] = Math.abs(va) * ua + Math.abs(vb) * ub + Math.abs(vc) * uc;
            fit.slopeError[j] = Math.abs(sa) * ua + Math.abs(sb) * ub + Math.abs(sc) * uc;
        }
        return fit;
    }

    /**
     * The fit at {@code s / 4}, with its error bounds widened by its distance from the fit at
     * {@code s}, and settled where the two agree: slopes within the tolerance (and rounding),
     * values within rounding plus the tolerance's worth of slope over the step.
     */
    private static Fit settledFit(Cache cache, int side, double s, Tolerance tolerance,
            double epsilon) {
        Fit coarse = fit(cache, side, s, epsilon);
        Fit fine = fit(cache, side, s / 4, epsilon);
        for (int j = 0; j < fine.value.length; j++) {
            double slopeGap = Math.abs(fine.slope[j] - coarse.slope[j]);
            double valueGap = Math.abs(fine.value[j] - coarse.value[j]);
            double slopeAllowed = tolerance.allowed(fine.slope[j]);
            fine.settled[j] = slopeGap <= slopeAllowed + fine.slopeError[j]
                    + coarse.slopeError[j]
                    && valueGap <= slopeAllowed * fine.nearest + fine.valueError[j]
                            + coarse.valueError[j];
            fine.slopeError[j] += slopeGap;
            fine.valueError[j] += valueGap;
        }
        return fine;
    }

    /**
     * The last look at a comparison whose one-sided differences with {@code phi(0)} neither agree
     * nor settle: each side's curve is fitted without {@code phi(0)}, at the largest steps where
     * both fits settle, and {@code phi(0)} is placed on them. On both curves with different
     * slopes: a kink at x (where the two lines cross). On one curve only: a kink (located where
     * the lines cross) or a jump lies between x and the nearest sample on the other side, and the
     * derivative at x is the slope of x's own side. On neither: f jumps at x, which is judged
     * like a kink. Fits that never settle leave the comparison failed, with no numeric value.
     */
    private static void nearby(Result result, Cache cache, int j, double value, double h,
            int levels, Tolerance tolerance, double epsilon, double lastBackward,
            double lastForward, double lastStep) {
        Sample base = cache.at(0);
        double f0 = base.values()[j];
        double n0 = ROUNDING_ULPS * epsilon * base.magnitudes()[j];
        Fit below = null;
        Fit above = null;
        for (int k = 0; k < Math.max(levels, 1); k++) {
            double step = h * Math.scalb(1.0, -2 * k);
            Fit b = settledFit(cache, -1, step, tolerance, epsilon);
            Fit a = settledFit(cache, 1, step, tolerance, epsilon);
            if (b.settled[j] && a.settled[j]) {
                below = b;
                above = a;
                break;
            }
        }
        result.refinement[j] = 0;
        if (below == null) {
            result.status[j] = Status.FAILED;
            result.numeric[j] = Double.NaN;
            result.kinkNote[j] = String.format("no numeric value: one-sided differences neither"
                    + " agree nor settle down to step %2$.3e (%3$s and %4$s), and %1$s's curves"
                    + " on either side do not settle: rounding noise (is |%1$s| large for the"
                    + " step?), or %1$s is not smooth on either side of x", result.symbol,
                    lastStep, lastBackward, lastForward);
            return;
        }
        boolean onBelow = below.passesThrough(j, f0, n0);
        boolean onAbove = above.passesThrough(j, f0, n0);
        double slopeGap = below.slope[j] - above.slope[j];
        boolean bends = Math.abs(slopeGap) > tolerance.allowed(
                Math.max(Math.abs(below.slope[j]), Math.abs(above.slope[j])))
                + below.slopeError[j] + above.slopeError[j];
        double crossing = (above.value[j] - below.value[j]) / slopeGap;
        result.left[j] = below.slope[j] + 0.0;
        result.right[j] = above.slope[j] + 0.0;
        if (onBelow && onAbove) {
            if (!bends) {
                result.status[j] = Status.FAILED;
                result.numeric[j] = Double.NaN;
                result.left[j] = Double.NaN;
                result.right[j] = Double.NaN;
                result.kinkNote[j] = String.format("no numeric value: %1$s's curves on either"
                        + " side agree with each other and with %1$s(x), slope %2$s, but"
                        + " differences with %1$s(x) do not settle: rounding noise?",
                        result.symbol, below.slope[j]);
                return;
            }
            judgeKink(result, j, value, below.slope[j], above.slope[j],
                    below.slopeError[j] + above.slopeError[j], tolerance);
            result.kinkNote[j] = String.format("undeclared kink at x (%1$s's curves on either"
                    + " side, fitted without %1$s(x) down to %2$.3e, meet at %1$s(x))",
                    result.symbol, below.nearest);
            return;
        }
        if (onBelow != onAbove) {
            Fit own = onBelow ? below : above;
            Fit other = onBelow ? above : below;
            double slope = own.slope[j] + 0.0;
            double noise = own.slopeError[j];
            result.numeric[j] = slope;
            result.noise[j] = noise;
            result.status[j] = Math.abs(value - slope) <= tolerance.allowed(slope) + noise
                    ? Status.PASSED : Status.FAILED;
            String where = onBelow ? "above" : "below";
            boolean located = bends && Double.isFinite(crossing)
                    && Math.signum(crossing) == other.side
                    && Math.abs(crossing) <= other.nearest;
            if (located) {
                result.kinkOffset[j] = crossing;
                result.kinkNote[j] = String.format("kink within step: %s has a kink %.3e %s"
                        + " x, inside the step %.3e; compared with the derivative on x's side",
                        result.symbol, Math.abs(crossing), where, h);
            } else {
                result.left[j] = Double.NaN;
                result.right[j] = Double.NaN;
                result.kinkNote[j] = String.format("%1$s jumps by %2$.3e within %3$.3e %4$s x"
                        + " (its curve %4$s does not pass through %1$s(x)): compared with the"
                        + " derivative on x's side, %5$s", result.symbol,
                        other.value[j] - own.value[j], other.nearest, where, slope);
            }
            return;
        }
        judgeKink(result, j, value, below.slope[j], above.slope[j],
                below.slopeError[j] + above.slopeError[j], tolerance);
        result.kinkNote[j] = jumpText(result.symbol, below, above, j, f0);
    }

    private static String jumpText(String symbol, Fit below, Fit above, int j, double f0) {
        return String.format("%1$s jumps at x%2$s: %1$s(x) = %3$s, its limits from below and"
                + " above %4$s and %5$s; its one-sided derivatives are taken on each side's own"
                + " curve", symbol, symbol.equals("f") ? "" : " (f has a kink there)", f0,
                below.value[j], above.value[j]);
    }

    private static boolean allSettled(boolean[] suspect, Estimate forward, Estimate
            previousForward, Estimate backward, Estimate previousBackward, Tolerance tolerance) {
        for (int j = 0; j < suspect.length; j++) {
            if (suspect[j] && !(settled(forward, previousForward, j, tolerance)
                    && settled(backward, previousBackward, j, tolerance))) {
                return false;
            }
        }
        return true;
    }

    private static boolean settled(Estimate last, Estimate previous, int j,
            Tolerance tolerance) {
        double a = last.values()[j];
        double b = previous.values()[j];
        return Math.abs(a - b) <= tolerance.allowed(a) + last.noise()[j] + previous.noise()[j];
    }

    /**
     * At a kink the value must lie between the one-sided derivatives (a subgradient), within the
     * tolerance; the numeric value reported is the nearest point of that interval.
     */
    private static void judgeKink(Result result, int j, double value, double leftSlope,
            double rightSlope, double noise, Tolerance tolerance) {
        double left = leftSlope + 0.0; // no -0.0 in reports
        double right = rightSlope + 0.0;
        double low = Math.min(left, right);
        double high = Math.max(left, right);
        result.kinkOffset[j] = 0;
        result.left[j] = left;
        result.right[j] = right;
        result.noise[j] = noise;
        result.refinement[j] = 0;
        double nearest = Math.max(low, Math.min(high, value));
        result.numeric[j] = Double.isNaN(nearest) ? Double.NaN : nearest;
        boolean within = Double.isFinite(low) && Double.isFinite(high)
                && value >= low - tolerance.allowed(low) - noise
                && value <= high + tolerance.allowed(high) + noise;
        result.status[j] = within ? Status.KINK : Status.FAILED;
    }

    private static Estimate difference(Cache cache, Scheme scheme, double step, double epsilon) {
        return switch (scheme) {
            case CENTRAL -> central(cache, step, epsilon);
            case FORWARD -> forward(cache, step, epsilon);
            case BACKWARD -> backward(cache, step, epsilon);
            default -> throw new IllegalStateException("no difference for " + scheme);
        };
    }

    /** {@code (phi(t+) - phi(t-)) / (t+ - t-)} at the offsets actually taken. */
    private static Estimate central(Cache cache, double step, double epsilon) {
        Sample plus = cache.at(step);
        Sample minus = cache.at(-step);
        double width = plus.t() - minus.t();
        int m = plus.values().length;
        double[] values = new double[m];
        double[] noise = new double[m];
        for (int j = 0; j < m; j++) {
            values[j] = (plus.values()[j] - minus.values()[j]) / width;
            noise[j] = ROUNDING_ULPS * epsilon
                    * (plus.magnitudes()[j] + minus.magnitudes()[j]) / width;
        }
        return new Estimate(values, noise);
    }

    private static Estimate forward(Cache cache, double step, double epsilon) {
        return threePoint(cache.at(0), cache.at(step), cache.at(2 * step), epsilon);
    }

    private static Estimate backward(Cache cache, double step, double epsilon) {
        return threePoint(cache.at(0), cache.at(-step), cache.at(-2 * step), epsilon);
    }

    /**
     * The derivative at 0 of the parabola through {@code (0, phi0), (t1, phi1), (t2, phi2)}:
     * {@code (-3 phi(0) + 4 phi(h) - phi(2h)) / 2h} for {@code t1 = h, t2 = 2h} (error {@code h^2
     * f''' / 3}), written for the offsets actually taken.
     */
    private static Estimate threePoint(Sample s0, Sample s1, Sample s2, double epsilon) {
        double t1 = s1.t();
        // With a = t2 / t1 (2 when no rounding intervened) the derivative is ((phi1 - phi0) a^2
        // - (phi2 - phi0)) / (t1 a (a - 1)): for a = 2 exactly the textbook form, bit for bit.
        double a = s2.t() / t1;
        double denominator = t1 * a * (a - 1);
        double w1 = a * a / denominator;
        double w2 = -1 / denominator;
        double w0 = -(w1 + w2);
        int m = s0.values().length;
        double[] values = new double[m];
        double[] noise = new double[m];
        for (int j = 0; j < m; j++) {
            // The weights sum to 0: differences keep a constant phi's derivative exactly 0.
            double f0 = s0.values()[j];
            values[j] = ((s1.values()[j] - f0) * a * a - (s2.values()[j] - f0)) / denominator;
            noise[j] = ROUNDING_ULPS * epsilon * (Math.abs(w0) * s0.magnitudes()[j]
                    + Math.abs(w1) * s1.magnitudes()[j] + Math.abs(w2) * s2.magnitudes()[j]);
        }
        return new Estimate(values, noise);
    }

    /**
     * The error budget of the estimate component {@code j} was judged by, or null where it has
     * none (at or near a kink): for a central difference at step {@code h}, truncation {@code h^2
     * |phi'''| / 6} with {@code phi'''} from the third difference {@code (phi(2h) - 2 phi(h) + 2
     * phi(-h) - phi(-2h)) / 2h^3}; for a one-sided difference, {@code h^2 |phi'''| / 3} with
     * {@code phi'''} from {@code (phi(3h) - 3 phi(2h) + 3 phi(h) - phi(0)) / h^3}; for a
     * Richardson extrapolation {@code R_k}, the gap {@code |R_k - R_(k-1)|} to the one before (its
     * own error is of higher order, so the gap bounds it); and the rounding bound of the estimate.
     */
    static GradCheckReport.ErrorBudget budget(Result result, int j, double epsilon) {
        if (!Double.isNaN(result.left[j]) || !Double.isNaN(result.kinkOffset[j])
                || result.kinkNote[j] != null || !Double.isFinite(result.numeric[j])
                || result.scheme == Scheme.KINK || result.scheme == Scheme.NONE) {
            return null;
        }
        double h = result.step;
        int k = result.refinement[j];
        String scheme = result.scheme.name().toLowerCase(java.util.Locale.ROOT);
        if (k > 0) {
            double finest = h * Math.scalb(1.0, -2 * k);
            return new GradCheckReport.ErrorBudget(finest, result.spread[j], result.noise[j],
                    String.format("Richardson extrapolation of %s differences at h/%d and h/%d"
                            + " of h = %.3e, truncation ~ |R_%d - R_%d|", scheme,
                            1L << 2 * (k - 1), 1L << 2 * k, h, k, k - 1));
        }
        Cache cache = result.cache;
        if (result.scheme == Scheme.CENTRAL) {
            Sample p1 = cache.at(h);
            Sample m1 = cache.at(-h);
            Sample p2 = cache.at(2 * h);
            Sample m2 = cache.at(-2 * h);
            double third = (p2.values()[j] - 2 * p1.values()[j] + 2 * m1.values()[j]
                    - m2.values()[j]) / (2 * h * h * h);
            return new GradCheckReport.ErrorBudget(h, h * h * Math.abs(third) / 6,
                    central(cache, h, epsilon).noise()[j],
                    "central difference, truncation h^2|f'''|/6");
        }
        double sign = result.scheme == Scheme.FORWARD ? 1 : -1;
        Sample s0 = cache.at(0);
        Sample s1 = cache.at(sign * h);
        Sample s2 = cache.at(sign * 2 * h);
        Sample s3 = cache.at(sign * 3 * h);
        double third = sign * (s3.values()[j] - 3 * s2.values()[j] + 3 * s1.values()[j]
                - s0.values()[j]) / (h * h * h);
        Estimate estimate = result.scheme == Scheme.FORWARD ? forward(cache, h, epsilon)
                : backward(cache, h, epsilon);
        return new GradCheckReport.ErrorBudget(h, h * h * Math.abs(third) / 3,
                estimate.noise()[j], scheme + " difference, truncation h^2|f'''|/3");
    }

    private static double[] nans(int m) {
        double[] values = new double[m];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
