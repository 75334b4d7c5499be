package jgrad.benchmarks;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * One figure from a runner: a line {@code id,metric,value,check} of its output. Both runners
 * write this format (no header); a failed workload is written with {@code value} {@code nan}.
 *
 * @param id     the workload's id
 * @param metric the metric's name (see {@link Kind#metrics()})
 * @param value  the figure in the metric's unit, NaN when the run failed
 * @param check  a value computed by the workload that the other framework must reproduce (the
 *               output and gradient sum of the deterministic graphs), NaN where there is none
 */
public record Measurement(String id, String metric, double value, double check) {

    public Measurement {
        checkNotNull(id, "measurement: id is null");
        checkNotNull(metric, "measurement: metric is null");
    }

    /** {@code id,metric,value,check}, with values in full precision. */
    public String toLine() {
        return id + "," + metric + "," + value + "," + check;
    }

    /**
     * Reads a runner's output; lines that are empty or start with {@code #} are skipped.
     *
     * @throws IllegalArgumentException if a line is malformed, naming it
     * @throws UncheckedIOException if the file cannot be read
     */
    public static ImmutableList<Measurement> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<Measurement> out = new ArrayList<>();
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setCommentMarker('#')
                    .setIgnoreEmptyLines(true).get().parse(reader)) {
                checkArgument(record.size() == 4,
                        "%s line %s: expected id,metric,value,check, got %s",
                        file, record.getRecordNumber(), record.toList());
                out.add(new Measurement(record.get(0), record.get(1),
                        parse(record.get(2), file, record), parse(record.get(3), file, record)));
            }
            return ImmutableList.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException("results: cannot read " + file, e);
        }
    }

    private static double parse(String text, Path file, CSVRecord record) {
        String t = text.strip();
        if (t.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + record.getRecordNumber()
                    + ": not a number: '" + text + "'", e);
        }
    }
}
