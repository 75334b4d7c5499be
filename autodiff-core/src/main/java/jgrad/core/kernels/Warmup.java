package jgrad.core.kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Drives a Vector API micro-kernel to the C2 compiler on a daemon thread and says when it got
 * there. Until C2 compiles it, Vector API code runs boxed, about a thousand times slower than
 * scalar Java, so the kernels use a scalar twin computing the same bits until {@link #compiled()}.
 *
 * <p>The thread calls the kernel in growing rounds on its own small data and stops when one round
 * runs at compiled speed: under {@link #COMPILED_NANOS_PER_CALL} of this thread's CPU time per call
 * of {@link #DEPTH} steps (CPU time, so a busy machine that preempts the thread does not hide the
 * speed-up). After {@link #PATIENT_SECONDS} it rests between rounds but never gives up.
 */
final class Warmup {

    /** The k-depth of a warm-up call. */
    static final int DEPTH = 64;

    /**
     * A compiled 12 x 32 float tile of depth 64 (49,152 flops) takes about 0.3 microseconds on
     * AVX-512 (a 6 x 8 tile at 128 bits about as long); interpreted or C1-compiled Vector API code
     * takes about a millisecond, the scalar twin over 10 microseconds.
     */
    static final long COMPILED_NANOS_PER_CALL = 4_000;

    static final long PATIENT_SECONDS = 30;

    private static final ThreadMXBean THREADS = threadBean();

    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean compiled;

    private Warmup() {}

    /** Starts warming {@code calls} (which runs the kernel that many times) on a daemon thread. */
    static Warmup start(String dtype, IntConsumer calls) {
        Warmup warmup = new Warmup();
        Thread thread = new Thread(() -> warmup.run(calls), "jgrad-" + dtype + "-kernel-warmup");
        thread.setDaemon(true);
        thread.start();
        return warmup;
    }

    /** Whether the vector kernel ran at compiled speed. */
    boolean compiled() {
        return compiled;
    }

    /** Waits until the kernel ran at compiled speed; false if the timeout came first. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit) && compiled;
    }

    private void run(IntConsumer calls) {
        long patience = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENT_SECONDS);
        int round = 1;
        try {
            while (true) {
                long start = cpuTime();
                calls.accept(round);
                long perCall = (cpuTime() - start) / round;
                if (round >= 1024 && perCall < COMPILED_NANOS_PER_CALL) {
                    compiled = true;
                    done.countDown();
                    return;
                }
                if (perCall < 100_000) {
                    round = Math.min(round * 2, 1 << 14);
                }
                if (System.nanoTime() > patience) {
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long cpuTime() {
        return THREADS != null ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The bean measuring this thread's CPU time, or null where unsupported (then wall time). */
    private static ThreadMXBean threadBean() {
        try {
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            if (bean.isCurrentThreadCpuTimeSupported()) {
                if (!bean.isThreadCpuTimeEnabled()) {
                    bean.setThreadCpuTimeEnabled(true);
                }
                return bean;
            }
        } catch (RuntimeException | LinkageError e) {
            // No java.management: fall back to wall time.
        }
        return null;
    }
}
