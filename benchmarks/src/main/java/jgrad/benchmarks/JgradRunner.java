package jgrad.benchmarks;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import jgrad.core.Compute;

/**
 * Runs one workload of a plan file in this JVM and prints its measurements, one {@code
 * id,metric,value,check} line each. {@code benchmarks/run} starts one JVM per workload, with
 * {@code --add-modules jdk.incubator.vector -XX:ActiveProcessorCount=N -Djgrad.threads=N}, so no
 * workload inherits another's JIT profile or heap.
 *
 * <p>Usage: {@code JgradRunner PLAN.csv ID}. Exits 1 (message on stderr, nothing on stdout) when
 * the workload fails, 2 on a usage error.
 */
public final class JgradRunner {

    private JgradRunner() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: JgradRunner PLAN.csv ID");
            System.exit(2);
        }
        Optional<Workload> found = Plan.read(Path.of(args[0])).stream()
                .filter(w -> w.id().equals(args[1])).findFirst();
        if (found.isEmpty()) {
            System.err.println("JgradRunner: no workload '" + args[1] + "' in " + args[0]);
            System.exit(2);
        }
        Workload workload = found.get();
        System.err.printf("jgrad %s: %d processors, jgrad.threads=%s, vector module %s%n",
                workload.id(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("jgrad.threads", "(unset)"),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                        ? "loaded" : "absent");
        ImmutableList<Measurement> measurements;
        try {
            // Steady state, as the peer (no JIT) is: the Vector API kernels reach C2 first.
            if (!Compute.awaitFastKernels(Duration.ofMinutes(2))) {
                System.err.println("JgradRunner: the Vector API kernels did not reach compiled"
                        + " speed within 2 minutes; timing the scalar twin");
            }
            measurements = JgradWorkloads.run(workload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
            return;
        } catch (RuntimeException | OutOfMemoryError e) {
            System.err.println("JgradRunner: " + workload.id() + " failed: " + e);
            e.printStackTrace();
            System.exit(1);
            return;
        }
        for (Measurement m : measurements) {
            System.out.println(m.toLine());
        }
        System.out.flush();
    }
}
