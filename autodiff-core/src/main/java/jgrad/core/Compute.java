package jgrad.core;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jgrad.core.kernels.Gemm;

/**
 * The number of compute threads jgrad's kernels use: the one setting for how many cores a matrix
 * product (and any other parallel kernel) may occupy.
 *
 * <p>Initialised from the system property {@value #THREADS_PROPERTY} (a positive integer, for
 * example {@code java -Djgrad.threads=1 ...}); without it, {@link Runtime#availableProcessors()}.
 * {@link #setThreads(int)} changes it for the whole JVM at any time; a kernel already running keeps
 * the count it started with.
 *
 * <p>Results are deterministic for a given thread count: kernels partition their output among the
 * threads and never split a sum across them. (The matrix product gives bit-identical results for
 * every thread count; see {@code jgrad.core.kernels.Gemm}.)
 *
 * <pre>
 * jshell> Compute.threads()
 * $1 ==> 2
 * jshell> Compute.setThreads(1)
 * </pre>
 */
public final class Compute {

    /** The system property read when the count was not set by {@link #setThreads(int)}. */
    public static final String THREADS_PROPERTY = "jgrad.threads";

    /** 0 until the property is read or {@link #setThreads(int)} is called. */
    private static volatile int threads;

    private Compute() {}

    /**
     * The number of compute threads, at least 1.
     *
     * @throws IllegalArgumentException if the count was never set and the system property {@value
     *     #THREADS_PROPERTY} is not a positive integer; the message names the property and value
     */
    public static int threads() {
        int current = threads;
        if (current == 0) {
            current = fromProperty(System.getProperty(THREADS_PROPERTY));
            threads = current;
        }
        return current;
    }

    /**
     * Sets the number of compute threads for the whole JVM (overriding {@value #THREADS_PROPERTY}).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setThreads(int threads) {
        checkArgument(threads >= 1, "Compute.setThreads: at least 1 thread expected, got %s",
                threads);
        Compute.threads = threads;
    }

    /**
     * Waits until jgrad's Vector API matrix-product kernels run at full speed, at most {@code
     * timeout}; true when they do (or when the plain-Java kernels run), false on time-out.
     *
     * <p>The JIT compiles the Vector API kernels a few seconds after a JVM's first matrix product
     * of each dtype (a warm-up thread drives them there); until then products use a scalar twin
     * that gives the same bits, several times slower. Call this before timing anything, or at the
     * start of a latency-sensitive service; training needs no call.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public static boolean awaitFastKernels(Duration timeout)
            throws InterruptedException {
        checkNotNull(timeout, "Compute.awaitFastKernels: timeout is null (Duration.ZERO to poll)");
        checkArgument(!timeout.isNegative(), "Compute.awaitFastKernels: negative timeout %s",
                timeout);
        return Gemm.awaitCompiled(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The count the property value gives: its integer, or the available processors if unset. */
    static int fromProperty(String value) {
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(badProperty(value), e);
        }
        checkArgument(parsed >= 1, badProperty(value));
        return parsed;
    }

    private static String badProperty(String value) {
        return "system property " + THREADS_PROPERTY
                + " must be a positive integer (the number of compute threads), got '" + value
                + "'";
    }
}
