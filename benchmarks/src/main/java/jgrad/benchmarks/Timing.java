package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/** Warm-up, repetition and medians for the workload runner. */
final class Timing {

    /** Written by every workload so the JIT cannot drop the work whose result is unused. */
    static volatile double sink;

    private Timing() {}

    /** A repetition, returning a value to keep its work alive. */
    @FunctionalInterface
    interface Repetition {
        double run();
    }

    /**
     * Runs {@code body} {@code warmup} times untimed, then {@code reps} times timed, and returns
     * the median wall-clock time of one repetition in nanoseconds.
     */
    static double medianNanos(int warmup, int reps, Repetition body) {
        checkArgument(warmup >= 0 && reps > 0, "timing: warmup %s, reps %s", warmup, reps);
        double keep = 0;
        for (int i = 0; i < warmup; i++) {
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
