package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes data sets as comma-separated values (RFC 4180, parsed by Apache Commons CSV).
 *
 * <p><b>Header format</b> (the bundled iris, wine and breast-cancer files): the first line is
 * {@code n,numFeatures,className0,className1,...}; each of the next {@code n} lines holds {@code
 * numFeatures} decimal numbers, then the integer class label in {@code 0..numClasses-1}:
 *
 * <pre>
 * 150,4,setosa,versicolor,virginica
 * 5.1,3.5,1.4,0.2,0
 * ...</pre>
 *
 * <p><b>Header-less format</b> (the bundled digits file): the same rows without the first line;
 * the caller gives the number of features and the class names, and the row count is whatever the
 * file holds.
 *
 * <p>Reading validates every line: the row count equals the header's {@code n}, each row has
 * {@code numFeatures + 1} fields, features are finite decimal numbers ({@code 5.1}, {@code -2},
 * {@code 1.5e-3}; no NaN or infinity) and labels are integers in range. A violation throws {@link
 * IllegalArgumentException} naming the file or resource, the line and the bad value. Line numbers
 * count records from 1 (the header is line 1); they equal text lines unless a quoted field spans
 * lines. Empty lines are errors. Input compressed with gzip is detected by its magic number and
 * decompressed. Features are read as float64. I/O failures throw {@link UncheckedIOException}.
 *
 * <pre>{@code
 * jshell> Csv.write(Datasets.iris(), Path.of("iris-copy.csv"))
 * jshell> Csv.read(Path.of("iris-copy.csv"))
 * $2 ==> Dataset[150 samples x 4 features, 3 classes [setosa, versicolor, virginica]]
 * }</pre>
 */
public final class Csv {

    /** Commons CSV's RFC 4180 format with LF line ends, keeping empty lines so they are reported. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setRecordSeparator("\n")
            .get();

    /** A decimal number as written by people and by {@link Double#toString(double)}. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private Csv() {}

    // ---------------------------------------------------------------- reading

    /**
     * Reads a file in the header format (gzip-compressed or not).
     *
     * @throws IllegalArgumentException if the content is invalid (naming the file, line and value)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Dataset read(Path path) {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stream in the header format (gzip-compressed or not), UTF-8. Does not close {@code
     * in}.
     *
     * @param source the file or resource name used in error messages
     * @throws IllegalArgumentException if the content is invalid (naming source, line and value)
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static Dataset read(InputStream in, String source) {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        return parse(in, source, -1, null);
    }

    /**
     * Reads a file in the header-less format (gzip-compressed or not): every line is {@code
     * numFeatures} numbers and a label in {@code 0..classNames.size()-1}.
     *
     * @throws IllegalArgumentException if {@code numFeatures < 0}, there are no class names, or
     *     the content is invalid (naming the file, line and value)
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Dataset readWithoutHeader(Path path, int numFeatures, List<String> classNames) {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return readWithoutHeader(in, path.toString(), numFeatures, classNames);
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a stream in the header-less format (gzip-compressed or not), UTF-8. Does not close
     * {@code in}.
     *
     * @param source the file or resource name used in error messages
     * @throws IllegalArgumentException if {@code numFeatures < 0}, there are no class names, or
     *     the content is invalid (naming source, line and value)
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static Dataset readWithoutHeader(
            InputStream in, String source, int numFeatures, List<String> classNames) {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        checkArgument(numFeatures >= 0, "csv: numFeatures must be >= 0, got %s", numFeatures);
        ImmutableList<String> names = ImmutableList.copyOf(classNames);
        checkArgument(!names.isEmpty(), "csv: no class names given for %s", source);
        return parse(in, source, numFeatures, names);
    }

    /**
     * Parses the header (when {@code classNames} is null) and the rows. Local buffers only; the
     * returned dataset copies them.
     */
    private static Dataset parse(
            InputStream raw, String source, int givenFeatures, ImmutableList<String> classNames) {
        try {
            InputStream in = decompressIfGzip(raw);
            CSVParser parser = CSVParser.builder()
                    .setReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .setFormat(FORMAT)
                    .get();
            Iterator<CSVRecord> records = parser.iterator();
            long expectedRows = -1;
            int numFeatures = givenFeatures;
            if (classNames == null) {
                if (!records.hasNext()) {
                    throw new IllegalArgumentException(
                            "csv: " + source + " is empty; expected a header line "
                                    + "n,numFeatures,className0,...");
                }
                CSVRecord header = records.next();
                if (header.size() < 3) {
                    throw invalid(source, header, "header must be n,numFeatures,className0,..."
                            + " with at least one class name, got " + header.toList());
                }
                expectedRows = parseCount(source, header, 0, "n");
                numFeatures = parseCount(source, header, 1, "numFeatures");
                classNames = ImmutableList.copyOf(header.toList().subList(2, header.size()));
                Set<String> seen = new HashSet<>();
                for (String name : classNames) {
                    if (!seen.add(name)) {
                        throw invalid(source, header, "class name '" + name + "' appears twice");
                    }
                }
            }
            int numClasses = classNames.size();
            ImmutableDoubleArray.Builder features = ImmutableDoubleArray.builder();
            ImmutableIntArray.Builder labels = ImmutableIntArray.builder();
            int rows = 0;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (expectedRows >= 0 && rows == expectedRows) {
                    throw invalid(source, record, "more rows than the header's n = " + expectedRows);
                }
                if (record.size() != numFeatures + 1) {
                    throw invalid(source, record, "expected " + (numFeatures + 1) + " fields ("
                            + numFeatures + " features + label), got " + record.size() + ": "
                            + record.toList());
                }
                for (int j = 0; j < numFeatures; j++) {
                    features.add(parseFeature(source, record, j));
                }
                labels.add(parseLabel(source, record, numFeatures, numClasses));
                rows++;
                if ((long) rows * Math.max(1, numFeatures) > Integer.MAX_VALUE) {
                    throw invalid(source, record, "more than 2^31 - 1 feature values");
                }
            }
            if (expectedRows >= 0 && rows != expectedRows) {
                throw new IllegalArgumentException("csv: " + source + ": the header says n = "
                        + expectedRows + " rows, but the file has " + rows);
            }
            Tensor tensor = Tensor.of(features.build().toArray(), Shape.of(rows, numFeatures),
                    jgrad.core.DType.FLOAT64);
            return new Dataset(tensor, labels.build(), classNames);
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot read " + source + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // Commons CSV reports malformed quoting and read failures from its iterator this way.
            throw new UncheckedIOException(
                    "csv: cannot read " + source + ": " + e.getMessage(), e.getCause());
        }
    }

    private static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        boolean gzip = first == (GZIPInputStream.GZIP_MAGIC & 0xff)
                && second == (GZIPInputStream.GZIP_MAGIC >>> 8);
        return gzip ? new GZIPInputStream(in) : in;
    }

    private static int parseCount(String source, CSVRecord header, int index, String what) {
        String field = header.get(index).strip();
        try {
            int value = Integer.parseInt(field);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(source, header,
                "header field " + what + " must be a non-negative integer, got '" + field + "'");
    }

    private static double parseFeature(String source, CSVRecord record, int column) {
        String field = record.get(column).strip();
        if (!DECIMAL.matcher(field).matches()) {
            throw invalid(source, record,
                    "feature " + column + " is not a decimal number: '" + field + "'");
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw invalid(source, record,
                    "feature " + column + " is outside the float64 range: '" + field + "'");
        }
        return value;
    }

    private static int parseLabel(String source, CSVRecord record, int column, int numClasses) {
        String field = record.get(column).strip();
        int label;
        try {
            label = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw invalid(source, record, "label is not an integer: '" + field + "'");
        }
        if (label < 0 || label >= numClasses) {
            throw invalid(source, record, "label " + label + " is outside the valid range 0.."
                    + (numClasses - 1));
        }
        return label;
    }

    private static IllegalArgumentException invalid(String source, CSVRecord record, String what) {
        return new IllegalArgumentException(
                "csv: " + source + " line " + record.getRecordNumber() + ": " + what);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code data} to {@code path} in the header format, UTF-8, LF line ends, gzip-compressed
     * if the file name ends in {@code .gz}. Numbers are written so that they read back exactly:
     * integral values as integers ({@code 1065}), others by {@link Double#toString(double)}. A
     * float32 data set reads back as float64 with the same values.
     *
     * <p>Atomic: the data goes to a new temporary file in the target's directory, is forced to
     * the device, then moved over {@code path} with {@code ATOMIC_MOVE} (which replaces an
     * existing file on POSIX systems), so readers see the old file or the complete new one, never
     * a partial one. On failure the temporary file is deleted and {@code path} is untouched.
     *
     * @throws IllegalArgumentException if the data set has no class names, duplicate class names,
     *     or a non-finite feature (which {@link #read(Path)} would refuse), naming it
     * @throws UncheckedIOException if writing or the atomic move fails
     */
    public static void write(Dataset data, Path path) {
        checkNotNull(data, "data");
        checkNotNull(path, "path");
        checkArgument(data.numClasses() > 0, "csv write: the data set has no class names");
        checkArgument(new HashSet<>(data.classNames()).size() == data.numClasses(),
                "csv write: duplicate class names in %s", data.classNames());
        double[] features = data.features().toArray();
        for (int i = 0; i < features.length; i++) {
            checkArgument(Double.isFinite(features[i]),
                    "csv write: feature %s of sample %s is %s; only finite values can be written",
                    i % Math.max(1, data.numFeatures()), i / Math.max(1, data.numFeatures()),
                    features[i]);
        }
        Path target = path.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = directory.resolve(
                "." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(
                    temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(channel);
                boolean gzip = target.getFileName().toString().endsWith(".gz");
                OutputStream body = gzip ? new GZIPOutputStream(out) : out;
                Writer writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
                CSVPrinter printer = new CSVPrinter(writer, FORMAT);
                printRows(printer, data, features);
                printer.flush();
                if (body instanceof GZIPOutputStream gzipBody) {
                    gzipBody.finish();
                }
                channel.force(true);
            }
            Files.move(temporary, target,
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary, e);
            throw new UncheckedIOException("csv: cannot write " + path + ": " + e, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temporary, e);
            throw e;
        }
    }

    private static void printRows(CSVPrinter printer, Dataset data, double[] features)
            throws IOException {
        int columns = data.numFeatures();
        printer.print(data.size());
        printer.print(columns);
        for (String name : data.classNames()) {
            printer.print(name);
        }
        printer.println();
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < columns; j++) {
                printer.print(format(features[i * columns + j]));
            }
            printer.print(data.labels().get(i));
            printer.println();
        }
    }

    /** The shortest text that parses back to exactly {@code value}. */
    private static String format(double value) {
        boolean negativeZero = Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0);
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !negativeZero) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static void deleteQuietly(Path temporary, Throwable failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
