package jgrad.benchmarks;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The workloads of issue 5's table, with the repetitions of each {@link Mode}: the single source
 * of shapes, dtypes, thread counts and warm-up for both runners. {@code benchmarks/run} writes it
 * to a file that {@link JgradRunner} and {@code peer/pytorch_peer.py} both read.
 *
 * <p>Usage: {@code java jgrad.benchmarks.Plan quick|full} prints the plan as CSV.
 */
public final class Plan {

    /** The chain lengths of the backward-linearity rows. */
    public static final ImmutableList<Integer> CHAIN_SIZES =
            ImmutableList.of(1_000, 10_000, 100_000, 1_000_000);

    /** The matrix sizes of the matmul rows. */
    public static final ImmutableList<Integer> MATMUL_SIZES = ImmutableList.of(128, 256, 512, 1024);

    private Plan() {}

    /** The workloads of {@code mode}, in table order. */
    public static ImmutableList<Workload> of(Mode mode) {
        boolean full = mode == Mode.FULL;
        ImmutableList.Builder<Workload> plan = ImmutableList.builder();
        int mlpWarmup = full ? 30 : 5;
        int mlpReps = full ? 30 : 5;
        plan.add(mlp(128, "float32", 2, mlpWarmup, mlpReps, Goal.atMost(0.9)));
        plan.add(mlp(128, "float32", 1, mlpWarmup, mlpReps, Goal.atMost(0.9)));
        plan.add(mlp(32, "float32", 1, mlpWarmup, mlpReps, Goal.atMost(0.9)));
        plan.add(mlp(1024, "float32", 2, full ? 10 : 2, full ? 15 : 3, Goal.atMost(1.0)));
        plan.add(mlp(128, "float64", 1, mlpWarmup, mlpReps, Goal.atMost(0.9)));
        for (String dtype : List.of("float32", "float64")) {
            for (int threads : List.of(1, 2)) {
                for (int n : MATMUL_SIZES) {
                    // About 2^28 flops per repetition below n = 512, one product from 512 up.
                    int inner = Math.max(1, (1 << 27) / (n * n * n));
                    int warmup = full ? (n >= 1024 ? 2 : 3) : 1;
                    int reps = full ? (n >= 1024 ? 5 : 10) : (n >= 1024 ? 2 : 3);
                    plan.add(new Workload("matmul_" + n + "_" + dtype + "_t" + threads,
                            Kind.MATMUL, n, dtype, threads, warmup, reps, inner,
                            Goal.atLeast(0.8)));
                }
            }
        }
        plan.add(new Workload("tiny_chain_1000_float64_t1", Kind.TINY_CHAIN, 1000, "float64", 1,
                full ? 50 : 10, full ? 30 : 5, 1, Goal.atMost(0.2)));
        plan.add(new Workload("scalar_graph_10000_float64_t1", Kind.SCALAR_GRAPH, 10_000,
                "float64", 1, full ? 10 : 2, full ? 15 : 3, 1, Goal.atMost(0.1)));
        plan.add(new Workload("peak_rss_mlp_b128_float32_t2", Kind.PEAK_RSS, 128, "float32", 2,
                0, 1, 200, Goal.atMost(0.5)));
        for (int n : CHAIN_SIZES) {
            // Warm-up scales down with the chain so every size gets a similar number of node
            // visits before timing; the 10^6 chain is timed a few times only.
            int warmup = full ? Math.max(1, 100_000 / n) : (n >= 1_000_000 ? 0 : Math.max(1,
                    10_000 / n));
            int reps = full ? Math.max(3, Math.min(30, 1_000_000 / n)) : (n >= 1_000_000 ? 1 : 3);
            plan.add(new Workload("backward_chain_" + n + "_float64_t1", Kind.BACKWARD_CHAIN, n,
                    "float64", 1, warmup, reps, 1, Goal.linear()));
        }
        return plan.build();
    }

    private static Workload mlp(int batch, String dtype, int threads, int warmup, int reps,
            Goal goal) {
        return new Workload("mlp_b" + batch + "_" + dtype + "_t" + threads, Kind.MLP_STEP, batch,
                dtype, threads, warmup, reps, 1, goal);
    }

    /** The plan as CSV text with a header row. */
    public static String toCsv(List<Workload> plan) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(Workload.COLUMNS.toArray(String[]::new)).setRecordSeparator('\n')
                .get())) {
            for (Workload workload : plan) {
                printer.printRecord(workload.toRow());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads a plan written by {@link #toCsv}.
     *
     * @throws IllegalArgumentException if the header or a row is malformed, naming the row
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ImmutableList<Workload> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Workload> plan = new ArrayList<>();
            for (CSVRecord record : CSVFormat.DEFAULT.builder()
                    .setHeader(Workload.COLUMNS.toArray(String[]::new)).setSkipHeaderRecord(true)
                    .get().parse(reader)) {
                plan.add(Workload.fromRow(record.toList()));
            }
            return ImmutableList.copyOf(plan);
        } catch (IOException e) {
            throw new UncheckedIOException("plan: cannot read " + file, e);
        }
    }

    /** Prints the plan of the mode named by {@code args[0]} ({@code quick} or {@code full}). */
    public static void main(String[] args) {
        if (args.length != 1 || !List.of("quick", "full").contains(args[0])) {
            System.err.println("usage: Plan quick|full");
            System.exit(2);
        }
        PrintStream out = System.out;
        out.print(toCsv(of(Mode.valueOf(args[0].toUpperCase(Locale.ROOT)))));
        out.flush();
    }
}
