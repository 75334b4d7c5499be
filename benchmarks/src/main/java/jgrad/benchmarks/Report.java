package jgrad.benchmarks;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Joins the plan with both runners' measurements into the results table: prints it as Markdown
 * and writes {@code latest.csv}.
 *
 * <p>Usage: {@code Report PLAN.csv JGRAD.csv PYTORCH.csv|- OUT.csv}, where {@code -} means the
 * peer did not run (PyTorch not installed). Warnings (check values that differ between the two
 * frameworks) go to stderr after the table.
 */
public final class Report {

    /** Relative difference above which two check values count as different computations. */
    static final double CHECK_TOLERANCE = 1e-6;

    private Report() {}

    /**
     * The rows of the table, in plan order, one per metric.
     *
     * @param plan    the workloads
     * @param jgrad   jgrad's measurements; a missing one is shown as {@code failed}
     * @param pytorch the peer's measurements, or empty when the peer did not run ({@code not
     *                run}); a missing one in a present list is shown as {@code failed}
     */
    public static ImmutableList<ReportRow> rows(List<Workload> plan, List<Measurement> jgrad,
            Optional<? extends List<Measurement>> pytorch) {
        Map<String, Measurement> ours = index(jgrad);
        Map<String, Measurement> theirs = pytorch.map(Report::index).orElse(Map.of());
        ImmutableList.Builder<ReportRow> rows = ImmutableList.builder();
        for (Workload w : plan) {
            for (Metric metric : w.kind().metrics()) {
                Measurement a = ours.get(key(w.id(), metric.name()));
                Measurement b = theirs.get(key(w.id(), metric.name()));
                double j = a == null ? Double.NaN : a.value();
                double p = b == null ? Double.NaN : b.value();
                double ratio = Double.isFinite(j) && Double.isFinite(p) && p > 0 ? j / p
                        : Double.NaN;
                String met = met(w, metric, ratio, j, plan, ours);
                rows.add(new ReportRow(w.label(metric), metric.unit(), j, p, ratio, w.threads(),
                        w.dtype(), w.goal(), met, Double.isNaN(j) ? "failed" : "",
                        Double.isNaN(p) ? (pytorch.isPresent() ? "failed" : "not run") : ""));
            }
        }
        return rows.build();
    }

    private static String met(Workload w, Metric metric, double ratio, double jgrad,
            List<Workload> plan, Map<String, Measurement> ours) {
        if (w.goal().direction() != Goal.Direction.LINEAR) {
            return Double.isNaN(ratio) ? "-" : (w.goal().metBy(ratio) ? "yes" : "no");
        }
        if (w.size() == Goal.LINEAR_REFERENCE_SIZE) {
            return "ref";
        }
        if (w.size() < Goal.LINEAR_REFERENCE_SIZE || Double.isNaN(jgrad)) {
            return "-";
        }
        Optional<Workload> reference = plan.stream().filter(r -> r.kind() == w.kind()
                && r.size() == Goal.LINEAR_REFERENCE_SIZE && r.dtype().equals(w.dtype())
                && r.threads() == w.threads()).findFirst();
        Measurement ref = reference.map(r -> ours.get(key(r.id(), metric.name()))).orElse(null);
        if (ref == null || !Double.isFinite(ref.value())) {
            return "-";
        }
        return jgrad <= Goal.LINEAR_SLACK * ref.value() ? "yes" : "no";
    }

    /**
     * One warning per workload whose check values differ between the frameworks (both present
     * and finite, relative difference above {@link #CHECK_TOLERANCE}): the two would not be
     * computing the same graph.
     */
    public static ImmutableList<String> checkWarnings(List<Measurement> jgrad,
            List<Measurement> pytorch) {
        Map<String, Measurement> theirs = index(pytorch);
        List<String> warnings = new ArrayList<>();
        for (Measurement a : jgrad) {
            Measurement b = theirs.get(key(a.id(), a.metric()));
            if (b == null || !Double.isFinite(a.check()) || !Double.isFinite(b.check())) {
                continue;
            }
            double scale = Math.max(1, Math.max(Math.abs(a.check()), Math.abs(b.check())));
            if (Math.abs(a.check() - b.check()) > CHECK_TOLERANCE * scale) {
                warnings.add(String.format(Locale.ROOT,
                        "%s %s: check values differ (jgrad %s, PyTorch %s): not the same graph",
                        a.id(), a.metric(), a.check(), b.check()));
            }
        }
        return ImmutableList.copyOf(warnings);
    }

    /** The table as Markdown, numbers right-aligned. */
    public static String table(List<ReportRow> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (ReportRow row : rows) {
            cells.add(row.tableCells());
        }
        return MarkdownTable.format(ReportRow.TABLE_HEADER, cells, List.of(2, 3, 4, 7));
    }

    /**
     * Writes {@code rows} to {@code file} as CSV with {@link ReportRow#CSV_HEADER}, atomically:
     * a temporary file in the same folder is written, then moved over {@code file}.
     *
     * @throws UncheckedIOException if the file cannot be written (the old one is left as it was)
     */
    public static void writeCsv(Path file, List<ReportRow> rows, String date, String cpu) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder()
                            .setHeader(ReportRow.CSV_HEADER.toArray(String[]::new))
                            .setRecordSeparator('\n').get())) {
                for (ReportRow row : rows) {
                    printer.printRecord(row.csvCells(date, cpu));
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("report: cannot write " + file, e);
        }
    }

    private static Map<String, Measurement> index(List<Measurement> measurements) {
        Map<String, Measurement> index = new HashMap<>();
        for (Measurement m : measurements) {
            index.put(key(m.id(), m.metric()), m);
        }
        return ImmutableMap.copyOf(index);
    }

    private static String key(String id, String metric) {
        return id + "/" + metric;
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: Report PLAN.csv JGRAD.csv PYTORCH.csv|- OUT.csv");
            System.exit(2);
        }
        ImmutableList<Workload> plan = Plan.read(Path.of(args[0]));
        ImmutableList<Measurement> jgrad = Measurement.read(Path.of(args[1]));
        Optional<ImmutableList<Measurement>> pytorch = args[2].equals("-") ? Optional.empty()
                : Optional.of(Measurement.read(Path.of(args[2])));
        ImmutableList<ReportRow> rows = rows(plan, jgrad, pytorch);
        String date = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'", Locale.ROOT));
        String cpu = CpuInfo.describe();
        writeCsv(Path.of(args[3]), rows, date, cpu);
        System.out.print(table(rows));
        System.out.println();
        System.out.println("ratio = jgrad / PyTorch in the row's unit: for ms, µs and memory"
                + " below 1 is jgrad better; for GFLOP/s above 1 is. " + date + ", " + cpu + ".");
        for (String warning : pytorch.map(p -> checkWarnings(jgrad, p))
                .orElse(ImmutableList.of())) {
            System.err.println("warning: " + warning);
        }
    }
}
