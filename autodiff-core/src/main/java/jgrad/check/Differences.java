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
        Scheme scheme;
        double step;
        /** Why the step or scheme differs from the standard one; empty if it does not. */
        String note = "";
        /** The kink or bend found by the probe, per component; null if none. */
        final String[] kinkNote;
        /** The line's evaluations, reused by {@link #budget}. */
        Cache cache;

        Result(int m) {
            numeric = new double[m];
            status = new Status[m];
            refinement = new int[m];
            left = nans(m);
            right = nans(m);
            noise = new double[m];
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
        int m = value.length;
        Result result = new Result(m);
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
            for (int j = 0; j < m; j++) {
                judgeKink(result, j, value[j], backward, forward, tolerance);
                result.kinkNote[j] = room.kinkNote();
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
                result.note = String.format("no room for a difference: %s is %.3e away and %s"
                        + " %.3e", room.minusLimit(), room.minus(), room.plusLimit(), room.plus());
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
                result.note = String.format("f is not finite within %.3e of x: is x at the edge"
                        + " of f's domain? declare it (GradChecker.domain) and the check stays"
                        + " inside", step);
            }
        }
        if (scheme == Scheme.CENTRAL && probeKinks) {
            probe(result, cache, step, value, tolerance, epsilon);
        }
        return result;
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
        for (int k = 0; k <= REFINEMENTS; k++) {
            double step = h * Math.scalb(1.0, -2 * k);
            Estimate forward = forward(cache, step, epsilon);
            Estimate backward = backward(cache, step, epsilon);
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
            }
            if (drowned && lastForward != null) {
                break;
            }
            previousForward = lastForward;
            previousBackward = lastBackward;
            lastForward = forward;
            lastBackward = backward;
            lastStep = step;
            if (!agree && previousForward != null && allSettled(suspect, lastForward,
                    previousForward, lastBackward, previousBackward, tolerance)) {
                break; // both one-sided derivatives have settled apart: a kink, seen early
            }
            if (agree) {
                if (k > 0) {
                    Estimate central = difference(cache, Scheme.CENTRAL, step, epsilon);
                    for (int j = 0; j < m; j++) {
                        // A failed comparison keeps its (refined) estimate: f is smooth there.
                        if (suspect[j] && result.status[j] == Status.PASSED) {
                            result.numeric[j] = central.values()[j];
                            result.noise[j] = central.noise()[j];
                            result.refinement[j] = 0;
                            result.status[j] = Math.abs(value[j] - central.values()[j])
                                    <= tolerance.allowed(central.values()[j])
                                            + central.noise()[j]
                                    ? Status.PASSED : Status.FAILED;
                            result.kinkNote[j] = String.format("f bends sharply within %.3e of"
                                    + " x: one-sided differences agreed only at step %.3e,"
                                    + " compared there", h, step);
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
                judgeKink(result, j, value[j], lastBackward, lastForward, tolerance);
                result.kinkNote[j] = String.format("undeclared kink (one-sided differences"
                        + " disagree down to step %.3e)", lastStep);
            } else {
                result.status[j] = Status.FAILED;
                result.kinkNote[j] = String.format("one-sided differences neither agree nor"
                        + " settle down to step %.3e (%s and %s): rounding noise, or f jumps"
                        + " near x", lastStep, lastBackward.values()[j],
                        lastForward.values()[j]);
            }
        }
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
    private static void judgeKink(Result result, int j, double value, Estimate backward,
            Estimate forward, Tolerance tolerance) {
        double left = backward.values()[j] + 0.0; // no -0.0 in reports
        double right = forward.values()[j] + 0.0;
        double low = Math.min(left, right);
        double high = Math.max(left, right);
        double noise = backward.noise()[j] + forward.noise()[j];
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
     * The error budget of a central difference at step {@code h}: truncation {@code h^2 |phi'''|
     * / 6}, with {@code phi'''} from the third difference {@code (phi(2h) - 2 phi(h) + 2 phi(-h) -
     * phi(-2h)) / 2h^3}, and the rounding bound, per component.
     */
    static double[][] budget(Result result, double h, double epsilon) {
        Cache cache = result.cache;
        Sample p1 = cache.at(h);
        Sample m1 = cache.at(-h);
        Sample p2 = cache.at(2 * h);
        Sample m2 = cache.at(-2 * h);
        Estimate central = central(cache, h, epsilon);
        int m = p1.values().length;
        double[] truncation = new double[m];
        for (int j = 0; j < m; j++) {
            double third = (p2.values()[j] - 2 * p1.values()[j] + 2 * m1.values()[j]
                    - m2.values()[j]) / (2 * h * h * h);
            truncation[j] = h * h * Math.abs(third) / 6;
        }
        return new double[][] {truncation, central.noise()};
    }

    private static double[] nans(int m) {
        double[] values = new double[m];
        Arrays.fill(values, Double.NaN);
        return values;
    }
}
