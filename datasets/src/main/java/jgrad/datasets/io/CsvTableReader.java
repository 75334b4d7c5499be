package jgrad.datasets.io;

import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.datasets.LabelEncoder;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file whose columns are known by name (a header row) or by index (no header): one
 * label column of class names, the chosen feature columns of numbers; missing cells handled by
 * the options' {@link MissingValues} rule. See {@link Csv#read(java.nio.file.Path, CsvOptions)}.
 */
final class CsvTableReader {

    /** A record and the line on which it ends. */
    record Row(CSVRecord record, long line) {}

    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    /**
     * Infinity as pandas' {@code read_csv} spells it: {@code inf}, {@code +inf}, {@code -inf},
     * {@code Infinity}, {@code +Infinity}, {@code -Infinity}, in any letter case (pandas compares
     * with {@code strcasecmp} in {@code parsers.pyx}).
     */
    private static final Pattern INFINITY =
            Pattern.compile("([+-]?)(?:inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final int SHOWN_MISSING = 10;

    private final String source;
    private final CsvOptions options;
    private List<String> columnNames;
    private int numColumns;
    private long firstLine;

    private CsvTableReader(String source, CsvOptions options) {
        this.source = source;
        this.options = options;
    }

    /**
     * Reads the rows (blank ones skipped) with the first non-blank one as column names if
     * {@code namesHeader}.
     */
    static Dataset read(Iterator<Row> rows, String source, CsvOptions options,
            boolean namesHeader) {
        return new CsvTableReader(source, options).read(rows, namesHeader);
    }

    private Dataset read(Iterator<Row> rows, boolean namesHeader) {
        Row first = nextNonBlank(rows);
        if (first == null) {
            throw new IllegalArgumentException("csv: " + source + " is empty"
                    + (namesHeader ? "; expected a header row of column names" : ""));
        }
        numColumns = first.record().size();
        firstLine = first.line();
        Row pending = first;
        if (namesHeader) {
            columnNames = first.record().toList();
            Map<String, Integer> seen = new HashMap<>();
            for (int j = 0; j < columnNames.size(); j++) {
                Integer before = seen.put(columnNames.get(j), j);
                if (before != null) {
                    throw invalid(first, "column name " + Csv.show(columnNames.get(j))
                            + " appears twice (columns " + before + " and " + j + ")");
                }
            }
            pending = nextNonBlank(rows);
        }
        int label = labelColumn();
        int[] features = featureColumns(label);
        int width = features.length;

        DoubleList values = new DoubleList();
        List<String> labels = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<long[]> missing = new ArrayList<>(); // {row, column, line}
        for (Row row = pending; row != null; row = nextNonBlank(rows)) {
            CSVRecord record = row.record();
            if (record.size() != numColumns) {
                throw invalid(row, "expected " + numColumns + " fields (as "
                        + (namesHeader ? "the header" : "line " + firstLine) + " has), got "
                        + record.size() + ": " + Csv.showAll(record.toList()));
            }
            int index = labels.size();
            if ((long) (index + 1) * Math.max(1, width) > Npy.MAX_ELEMENTS) {
                throw invalid(row, "more than 2^31 - 9 feature values");
            }
            for (int column : features) {
                String field = record.get(column);
                if (options.naValues().contains(field)) {
                    missing.add(new long[] {index, column, row.line()});
                    values.add(Double.NaN);
                } else {
                    values.add(parseFeature(row, column, field));
                }
            }
            String name = record.get(label);
            if (options.naValues().contains(name)) {
                missing.add(new long[] {index, label, row.line()});
                name = null;
            }
            labels.add(name);
            lines.add(row.line());
        }
        return build(values.toArray(), labels, lines, missing, label, features);
    }

    private Dataset build(double[] values, List<String> labels, List<Long> lines,
            List<long[]> missing, int label, int[] features) {
        int width = features.length;
        int[] featureSlot = new int[numColumns];
        Arrays.fill(featureSlot, -1);
        for (int j = 0; j < width; j++) {
            featureSlot[features[j]] = j;
        }
        MissingValues rule = options.missing();
        List<long[]> missingLabels = missing.stream().filter(cell -> cell[1] == label).toList();
        if (!missing.isEmpty() && rule instanceof MissingValues.Fail) {
            throw missingError(missing, "choose what to do with them with"
                    + " CsvOptions.withMissing(MissingValues.dropRows(), keepNaN(), fill(value),"
                    + " columnMean() or columnMedian())");
        }
        if (!missingLabels.isEmpty() && !(rule instanceof MissingValues.DropRows)) {
            throw missingError(missingLabels, "a missing label has no value to fill in; use"
                    + " MissingValues.dropRows() to leave such rows out");
        }
        boolean[] dropped = new boolean[labels.size()];
        if (rule instanceof MissingValues.DropRows) {
            for (long[] cell : missing) {
                dropped[(int) cell[0]] = true;
            }
        } else if (!missing.isEmpty() && !(rule instanceof MissingValues.KeepNaN)) {
            double[] fill = fillValues(values, labels.size(), width, missing, featureSlot, rule);
            for (long[] cell : missing) {
                int j = featureSlot[(int) cell[1]];
                values[(int) cell[0] * width + j] = fill[j];
            }
        }
        int kept = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (!dropped[i]) {
                if (kept != i) {
                    System.arraycopy(values, i * width, values, kept * width, width);
                    labels.set(kept, labels.get(i));
                    lines.set(kept, lines.get(i));
                }
                kept++;
            }
        }
        List<String> keptLabels = labels.subList(0, kept);
        LabelEncoder encoder = options.classes().isEmpty()
                ? LabelEncoder.fit(keptLabels, options.classOrder())
                : LabelEncoder.of(options.classes());
        int[] ids = new int[kept];
        Map<String, Integer> idOf = new HashMap<>();
        for (int c = 0; c < encoder.numClasses(); c++) {
            idOf.put(encoder.classes().get(c), c);
        }
        for (int i = 0; i < kept; i++) {
            Integer id = idOf.get(keptLabels.get(i));
            if (id == null) {
                throw new IllegalArgumentException("csv: " + source + " line " + lines.get(i)
                        + " (row " + i + "): label " + Csv.show(keptLabels.get(i))
                        + " is not one of the stated classes " + Csv.showAll(encoder.classes()));
            }
            ids[i] = id;
        }
        Tensor tensor = Tensor.of(Arrays.copyOf(values, kept * width), Shape.of(kept, width),
                options.dtype());
        return new Dataset(tensor, ImmutableIntArray.copyOf(ids), encoder.classes());
    }

    /** The mean or median of each feature column's present values. */
    private double[] fillValues(double[] values, int rows, int width, List<long[]> missing,
            int[] featureSlot, MissingValues rule) {
        if (rule instanceof MissingValues.Fill fill) {
            double[] constant = new double[width];
            Arrays.fill(constant, fill.value());
            return constant;
        }
        boolean[] absent = new boolean[rows * width];
        for (long[] cell : missing) {
            absent[(int) cell[0] * width + featureSlot[(int) cell[1]]] = true;
        }
        double[] result = new double[width];
        for (int j = 0; j < width; j++) {
            double[] present = new double[rows];
            int count = 0;
            for (int i = 0; i < rows; i++) {
                if (!absent[i * width + j]) {
                    present[count++] = values[i * width + j];
                }
            }
            if (count == 0) {
                int column = -1;
                for (int c = 0; c < featureSlot.length; c++) {
                    column = featureSlot[c] == j ? c : column;
                }
                throw new IllegalArgumentException("csv: " + source + ": " + describeColumn(column)
                        + " has no values at all, so its "
                        + (rule instanceof MissingValues.ColumnMean ? "mean" : "median")
                        + " cannot fill it");
            }
            if (rule instanceof MissingValues.ColumnMean) {
                double sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += present[i];
                }
                result[j] = sum / count;
            } else {
                double[] sorted = Arrays.copyOf(present, count);
                Arrays.sort(sorted);
                result[j] = count % 2 == 1 ? sorted[count / 2]
                        : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
            }
        }
        return result;
    }

    private IllegalArgumentException missingError(List<long[]> cells, String advice) {
        StringBuilder text = new StringBuilder("csv: " + source + ": " + cells.size()
                + " missing cell" + (cells.size() == 1 ? "" : "s") + ": ");
        for (int k = 0; k < Math.min(cells.size(), SHOWN_MISSING); k++) {
            long[] cell = cells.get(k);
            text.append(k == 0 ? "" : ", ").append("line ").append(cell[2]).append(" (row ")
                    .append(cell[0]).append(") ").append(describeColumn((int) cell[1]));
        }
        if (cells.size() > SHOWN_MISSING) {
            text.append(", ...");
        }
        return new IllegalArgumentException(text.append("; ").append(advice).toString());
    }

    private int labelColumn() {
        if (options.labelName().isPresent()) {
            return columnByName(options.labelName().get(), "label");
        }
        return columnByIndex(options.labelIndex(), "label");
    }

    private int[] featureColumns(int label) {
        int[] columns;
        if (!options.featureNames().isEmpty()) {
            columns = options.featureNames().stream()
                    .mapToInt(name -> columnByName(name, "feature")).toArray();
        } else if (!options.featureIndices().isEmpty()) {
            columns = options.featureIndices().stream()
                    .map(index -> columnByIndex(index, "feature")).toArray();
        } else {
            columns = new int[numColumns - 1];
            for (int j = 0, k = 0; j < numColumns; j++) {
                if (j != label) {
                    columns[k++] = j;
                }
            }
            return columns;
        }
        boolean[] used = new boolean[numColumns];
        for (int column : columns) {
            if (column == label) {
                throw new IllegalArgumentException("csv: " + source + ": "
                        + describeColumn(column) + " is chosen as the label and as a feature");
            }
            if (used[column]) {
                throw new IllegalArgumentException("csv: " + source + ": "
                        + describeColumn(column) + " is chosen twice as a feature");
            }
            used[column] = true;
        }
        return columns;
    }

    private int columnByName(String name, String role) {
        if (columnNames == null) {
            throw new IllegalArgumentException("csv: " + source + ": the " + role + " column is"
                    + " chosen by name " + Csv.show(name) + ", but the file is read without a"
                    + " header (Header.NONE); choose it by index");
        }
        int index = columnNames.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("csv: " + source + ": no column named "
                    + Csv.show(name) + " for the " + role + "; the header names "
                    + Csv.showAll(columnNames));
        }
        return index;
    }

    private int columnByIndex(int index, String role) {
        int column = index < 0 ? index + numColumns : index;
        if (column < 0 || column >= numColumns) {
            throw new IllegalArgumentException("csv: " + source + ": " + role + " column "
                    + index + " is out of range for the " + numColumns + " columns of line "
                    + firstLine + " (0.." + (numColumns - 1) + ", or -" + numColumns
                    + "..-1 from the end)");
        }
        return column;
    }

    private String describeColumn(int column) {
        return columnNames == null ? "column " + column
                : "column " + Csv.show(columnNames.get(column)) + " (index " + column + ")";
    }

    private double parseFeature(Row row, int column, String field) {
        Matcher infinity = INFINITY.matcher(field);
        if (infinity.matches()) {
            return infinity.group(1).equals("-")
                    ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(field).matches()) {
            throw invalid(row, describeColumn(column) + " is not a decimal number: "
                    + Csv.show(field) + " (only the label column may hold text; missing values"
                    + " are written as " + naList() + ")");
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw invalid(row, describeColumn(column) + " is outside the float64 range: "
                    + Csv.show(field));
        }
        return value;
    }

    private String naList() {
        List<String> shown = new ArrayList<>();
        for (String value : options.naValues()) {
            if (shown.size() == 6) {
                shown.add("...");
                break;
            }
            shown.add(value.isEmpty() ? "an empty field" : "'" + value + "'");
        }
        return shown.size() == 1 ? shown.get(0) : "one of " + String.join(", ", shown);
    }

    private Row nextNonBlank(Iterator<Row> rows) {
        while (rows.hasNext()) {
            Row row = rows.next();
            CSVRecord record = row.record();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            Csv.checkUtf8(source, record, row.line());
            return row;
        }
        return null;
    }

    private IllegalArgumentException invalid(Row row, String what) {
        return new IllegalArgumentException("csv: " + source + " line " + row.line() + ": " + what);
    }

    /** A growable list of doubles. */
    private static final class DoubleList {
        private double[] values = new double[1024];
        private int size;

        void add(double value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, (int) Math.min(Npy.MAX_ELEMENTS, 2L * size));
            }
            values[size++] = value;
        }

        double[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
