package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/** Warm-up, repetition and medians for the workload runner. */
final class Timing {

    /**
     * The least warm-up time of every workload, whatever its warm-up count: HotSpot compiles a
     * method with C2 after some ten thousand calls or loop iterations, which a few repetitions of
     * a training step do not reach, so a count alone would time half-compiled code. The peer
     * warms up as long.
     */
    static final long MIN_WARMUP_NANOS = 3_000_000_000L;

    /** Written by every workload so the JIT cannot drop the work whose result is unused. */
    static volatile double sink;

    private Timing() {}

    /** A repetition, returning a value to keep its work alive. */
    @FunctionalInterface
    interface Repetition {
        double run();
    }

    /**
     * Runs {@code body} {@code warmup} times untimed (and on until {@link #MIN_WARMUP_NANOS} have
     * passed), then {@code reps} times timed, and returns the median wall-clock time of one
     * repetition in nanoseconds.
     */
    static double medianNanos(int warmup, int reps, Repetition body) {
        checkArgument(warmup >= 0 && reps > 0, "timing: warmup %s, reps %s", warmup, reps);
        double keep = 0;
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmup || System.nanoTime() - warmupStart < MIN_WARMUP_NANOS; i++) {
            keep += body.run();
        }
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            keep += body.run();
            times[i] = System.nanoTime() - start;
        }
        sink = keep;
        return median(times);
    }

    /** The median; the mean of the two middle values for an even count. */
    static double median(double[] values) {
        checkArgument(values.length > 0, "median: no values");
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
