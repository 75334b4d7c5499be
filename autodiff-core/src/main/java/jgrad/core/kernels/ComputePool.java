package jgrad.core.kernels;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The daemon threads parallel kernels run on: a fork-join pool that grows to the largest number of
 * parts asked for. A caller runs part 0 itself and waits for the others; a call made from one of
 * the pool's own threads runs all its parts inline (no nested parallelism, no oversubscription).
 */
final class ComputePool {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static volatile ForkJoinPool pool;

    private ComputePool() {}

    /**
     * Runs {@code body.accept(part)} for every {@code part} in {@code [0, parts)}, in parallel when
     * {@code parts > 1}, and returns when all have finished. The exception of the lowest-numbered
     * failing part is rethrown, itself, after all parts finished.
     */
    static void run(int parts, IntConsumer body) {
        if (parts <= 1 || Thread.currentThread() instanceof Worker) {
            for (int part = 0; part < parts; part++) {
                body.accept(part);
            }
            return;
        }
        ForkJoinPool workers = poolFor(parts - 1);
        // Each part records its own failure, so the caller rethrows the original exception
        // (ForkJoinTask.join would rethrow a copy).
        Throwable[] failures = new Throwable[parts];
        @SuppressWarnings("unchecked")
        ForkJoinTask<Void>[] tasks = new ForkJoinTask[parts - 1];
        for (int part = 1; part < parts; part++) {
            int index = part;
            tasks[part - 1] = workers.submit(() -> runPart(body, index, failures), null);
        }
        runPart(body, 0, failures);
        for (ForkJoinTask<Void> task : tasks) {
            task.join();
        }
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        }
    }

    private static void runPart(IntConsumer body, int part, Throwable[] failures) {
        try {
            body.accept(part);
        } catch (RuntimeException | Error e) {
            failures[part] = e;
        }
    }

    private static ForkJoinPool poolFor(int workers) {
        ForkJoinPool current = pool;
        if (current != null && current.getParallelism() >= workers) {
            return current;
        }
        synchronized (ComputePool.class) {
            current = pool;
            if (current == null || current.getParallelism() < workers) {
                ForkJoinPool grown = new ForkJoinPool(workers, Worker::new, null, false);
                if (current != null) {
                    current.shutdown();
                }
                pool = grown;
                current = grown;
            }
            return current;
        }
    }

    /** A daemon thread of the pool, named {@code jgrad-compute-N}. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(pool);
            setName("jgrad-compute-" + THREAD_NUMBER.incrementAndGet());
            setDaemon(true);
        }
    }
}
