package jgrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joining the plan with both runners' output, judging goals, the table and the CSV file. */
class ReportTest {

    private static final Workload MLP = new Workload("mlp_b128_float32_t2", Kind.MLP_STEP, 128,
            "float32", 2, 1, 1, 1, Goal.atMost(0.9));
    private static final Workload MATMUL = new Workload("matmul_512_float64_t1", Kind.MATMUL,
            512, "float64", 1, 1, 1, 1, Goal.atLeast(0.8));

    private static Workload chain(int n) {
        return new Workload("backward_chain_" + n + "_float64_t1", Kind.BACKWARD_CHAIN, n,
                "float64", 1, 1, 1, 1, Goal.linear());
    }

    private static Measurement m(String id, String metric, double value) {
        return new Measurement(id, metric, value, Double.NaN);
    }

    @Test
    void ratioIsJgradOverPytorchAndTimeGoalsAreMetBelowTheThreshold() {
        ImmutableList<ReportRow> rows = Report.rows(List.of(MLP, MATMUL),
                List.of(m(MLP.id(), "time", 36), m(MATMUL.id(), "throughput", 70)),
                Optional.of(List.of(m(MLP.id(), "time", 1.2), m(MATMUL.id(), "throughput", 80))));
        ReportRow mlp = rows.get(0);
        assertEquals(30.0, mlp.ratio(), 1e-12);
        assertEquals("no", mlp.met());
        assertEquals("ms", mlp.unit());
        assertEquals("MLP 784-256-128-10 SGD step, batch 128", mlp.workload());
        ReportRow matmul = rows.get(1);
        assertEquals(0.875, matmul.ratio(), 1e-12);
        assertEquals("yes", matmul.met(), "GFLOP/s goals are met at or above 0.8");
        assertEquals("GFLOP/s", matmul.unit());
    }

    @Test
    void aTimeBelowTheGoalIsMetAndThroughputBelowItIsNot() {
        ImmutableList<ReportRow> rows = Report.rows(List.of(MLP, MATMUL),
                List.of(m(MLP.id(), "time", 0.9), m(MATMUL.id(), "throughput", 5)),
                Optional.of(List.of(m(MLP.id(), "time", 1.0), m(MATMUL.id(), "throughput", 80))));
        assertEquals("yes", rows.get(0).met());
        assertEquals("no", rows.get(1).met());
    }

    @Test
    void missingFiguresSayWhetherTheRunFailedOrThePeerDidNotRun() {
        ImmutableList<ReportRow> notRun = Report.rows(List.of(MLP), List.of(m(MLP.id(), "time",
                36)), Optional.empty());
        assertEquals("not run", notRun.get(0).tableCells().get(3));
        assertEquals("-", notRun.get(0).met());
        assertTrue(Double.isNaN(notRun.get(0).ratio()));

        ImmutableList<ReportRow> failed = Report.rows(List.of(MLP), List.of(),
                Optional.of(List.of()));
        assertEquals("failed", failed.get(0).tableCells().get(2));
        assertEquals("failed", failed.get(0).tableCells().get(3));
    }

    @Test
    void linearityIsJudgedAgainstTheTenThousandNodeChain() {
        List<Workload> plan = List.of(chain(1_000), chain(10_000), chain(100_000),
                chain(1_000_000));
        List<Measurement> jgrad = List.of(
                m(chain(1_000).id(), "time", 9), m(chain(1_000).id(), "memory", 300),
                m(chain(10_000).id(), "time", 5), m(chain(10_000).id(), "memory", 200),
                m(chain(100_000).id(), "time", 9.9), m(chain(100_000).id(), "memory", 210),
                m(chain(1_000_000).id(), "time", 10.1), m(chain(1_000_000).id(), "memory",
                        200));
        ImmutableList<ReportRow> rows = Report.rows(plan, jgrad, Optional.empty());
        assertEquals(8, rows.size(), "two metrics per chain");
        assertEquals("chain of 1e6 scalar ops: backward time per node", rows.get(6).workload());
        assertEquals("µs/node", rows.get(6).unit());
        assertEquals("B/node", rows.get(7).unit());
        assertEquals(List.of("-", "-", "ref", "ref", "yes", "yes", "no", "yes"),
                rows.stream().map(ReportRow::met).toList());
    }

    @Test
    void checkValuesThatDifferAreReported() {
        List<Measurement> ours = List.of(new Measurement("a", "time", 1, 0.5),
                new Measurement("b", "time", 1, 0.25), new Measurement("c", "time", 1,
                        Double.NaN));
        List<Measurement> theirs = List.of(new Measurement("a", "time", 2, 0.5 + 1e-12),
                new Measurement("b", "time", 2, 0.26), new Measurement("c", "time", 2, 1));
        ImmutableList<String> warnings = Report.checkWarnings(ours, theirs);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("b time: check values differ"), warnings.get(0));
    }

    @Test
    void theTableIsMarkdownWithThreeSignificantDigits() {
        ImmutableList<ReportRow> rows = Report.rows(List.of(MLP, MATMUL),
                List.of(m(MLP.id(), "time", 36.2449), m(MATMUL.id(), "throughput", 4.98)),
                Optional.of(List.of(m(MLP.id(), "time", 1.1), m(MATMUL.id(), "throughput",
                        82.3))));
        List<String> lines = Report.table(rows).lines().toList();
        assertEquals(4, lines.size());
        assertEquals(List.of("workload", "unit", "jgrad", "PyTorch", "ratio jgrad/PyTorch", "goal",
                "met", "threads", "dtype"), cells(lines.get(0)));
        assertTrue(lines.get(1).matches("\\|( -+:? \\|)+"), lines.get(1));
        assertEquals(List.of("MLP 784-256-128-10 SGD step, batch 128", "ms", "36.2", "1.1", "32.9",
                "<= 0.9", "no", "2", "float32"), cells(lines.get(2)));
        assertEquals(List.of("matmul 512x512", "GFLOP/s", "4.98", "82.3", "0.0605", ">= 0.8",
                "no", "1", "float64"), cells(lines.get(3)));
        assertEquals(1, lines.stream().map(String::length).distinct().count(),
                "columns are padded to equal widths");
    }

    private static List<String> cells(String line) {
        return Stream.of(line.substring(1, line.length() - 1).split("\\|"))
                .map(String::strip).toList();
    }

    @Test
    void theCsvHasTheIssuesColumnsAndReplacesTheOldFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latest.csv");
        Files.writeString(file, "old contents\n");
        ImmutableList<ReportRow> rows = Report.rows(List.of(MLP, MATMUL),
                List.of(m(MLP.id(), "time", 36.24449), m(MATMUL.id(), "throughput", 4.98)),
                Optional.empty());
        Report.writeCsv(file, rows, "2026-01-02T03:04Z", "AMD EPYC, 2 cores, AVX-512");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals("workload,unit,jgrad,pytorch,ratio,threads,dtype,date,cpu,goal,met",
                lines.get(0));
        assertEquals("\"MLP 784-256-128-10 SGD step, batch 128\",ms,36.24,,,2,float32,"
                + "2026-01-02T03:04Z,\"AMD EPYC, 2 cores, AVX-512\",<= 0.9,-", lines.get(1));
        assertEquals(3, lines.size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aCsvThatCannotBeWrittenFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path file = blocker.resolve("latest.csv");
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> Report.writeCsv(file, List.of(), "d", "c"));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }
}
