package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.AbstractIterator;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterators;
import com.google.common.primitives.ImmutableDoubleArray;
import com.google.common.primitives.ImmutableIntArray;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes data sets as comma-separated values (RFC 4180, parsed by Apache Commons CSV).
 *
 * <p><b>Ordinary CSV files</b>, as pandas' {@code read_csv} reads them: a header row of column
 * names (or none), one label column of class names chosen by name or index (the last column by
 * default), feature columns of numbers (all the others by default), class names numbered in a
 * stated order (sorted by default; the encoder is the data set's {@link
 * Dataset#labelEncoder()}), missing cells ({@code ""}, {@code NA}, {@code NaN}, ... pandas' list)
 * refused with their line, row and column or handled by a {@link MissingValues} rule, another
 * delimiter, quote or comment character; see {@link CsvOptions}. A plain iris file loads in one
 * call:
 *
 * <pre>{@code
 * jshell> Csv.read(Path.of("iris.csv"))        // sepal_length,...,petal_width,species
 * $1 ==> Dataset[150 samples x 4 features, 3 classes [setosa, versicolor, virginica]]
 * jshell> Csv.read(Path.of("iris.csv"), "species").labelEncoder().decode(ImmutableIntArray.of(2))
 * $2 ==> [virginica]
 * }</pre>
 *
 * <p>{@link #write} writes such an ordinary file: columns {@code x0,...,x{n-1},label}, class
 * names in the label column.
 *
 * <p><b>jgrad's size header</b> (the bundled iris, wine and breast-cancer files, and what {@link
 * #write} wrote before it wrote column names; still read): the first line is {@code
 * n,numFeatures,className0,className1,...}; each of the next {@code n} lines holds {@code
 * numFeatures} decimal numbers, then the integer class label in {@code 0..numClasses-1}:
 *
 * <pre>
 * 150,4,setosa,versicolor,virginica
 * 5.1,3.5,1.4,0.2,0
 * ...</pre>
 *
 * {@link #read(Path)} recognises it by its first two fields (plain non-negative integers) and the
 * next line's field count ({@code numFeatures + 1}); see {@link CsvOptions.Header#INFER}.
 *
 * <p><b>Header-less format</b> (the bundled digits file): the size format's rows without the
 * first line; the caller gives the number of features and the class names ({@link
 * #readWithoutHeader}).
 *
 * <p>Reading validates every line: each row has as many fields as the header (or the first row),
 * features are decimal numbers ({@code 5.1}, {@code -2}, {@code 1.5e-3}) or, as pandas reads
 * them, infinities ({@code inf}, {@code +inf}, {@code -inf}, {@code Infinity}, {@code +Infinity},
 * {@code -Infinity}, in any letter case; a number too large for float64 such as {@code 1e999} is
 * refused), labels are among the stated classes when classes are stated. {@code NaN}, {@code nan},
 * {@code -NaN} and {@code -nan} are pandas' NA strings: missing values, refused by default and
 * handled by the {@link MissingValues} rule (read as NaN under {@link MissingValues#keepNaN()}).
 * The size format takes finite decimal numbers only; in it the row count equals the header's
 * {@code n}, labels are integral numbers in range ({@code 2}, and also {@code 2.0} or {@code 2e0}
 * as numeric tools write them; not {@code 2.5}) and the header's {@code n} and {@code
 * numFeatures} are plain integers. A violation throws {@link IllegalArgumentException} naming the
 * file or resource, the line and the bad value (characters one cannot see shown as
 * <code>&#92;uXXXX</code>); so do malformed quoting (an unterminated quote, or text after a
 * closing quote), text that is not UTF-8 and corrupt or truncated gzip data. Lines count records
 * in the size format (the header is line 1); for named columns they are the file line on which
 * the record ends (rows spanning lines inside quotes count every line).
 *
 * <p>Leniency: the text is UTF-8, and one leading byte-order mark is skipped. Lines may end in LF
 * or CRLF. Spaces and tabs around a field are ignored ({@code 2, 3, cat, dog} is the same header
 * as {@code 2,3,cat,dog}); inside quotes they are kept, so {@code " cat"} names a class with a
 * leading space. Blank lines are skipped in files with named columns (as pandas skips them); in
 * the size format they are allowed only at the end. Class names must be distinct and not empty
 * (so a trailing comma on a size header is an error). Input compressed with gzip is detected by
 * its magic number and decompressed. Failures to open or read the input throw {@link
 * UncheckedIOException} (a missing file says {@code no such file}).
 *
 * <pre>{@code
 * jshell> Csv.write(Datasets.iris(), Path.of("iris-copy.csv"))
 * jshell> Csv.read(Path.of("iris-copy.csv"))
 * $4 ==> Dataset[150 samples x 4 features, 3 classes [setosa, versicolor, virginica]]
 * }</pre>
 */
public final class Csv {

    /**
     * Commons CSV's RFC 4180 format, keeping empty lines so that those before a row are reported,
     * and ignoring spaces around (not inside quoted) values.
     */
    private static final CSVFormat READ_FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();

    /** A decimal number as written by people and by {@link Double#toString(double)}. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private static final byte[] GZIP_MAGIC = {
        (byte) GZIPInputStream.GZIP_MAGIC, (byte) (GZIPInputStream.GZIP_MAGIC >>> 8)
    };

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What the UTF-8 decoder puts in place of bytes that are not UTF-8. */
    private static final char REPLACEMENT = '\uFFFD';

    private static final String INFERRED_NOTE = " (the first line was read as jgrad's size header"
            + " n,numFeatures,className0,...; for a file without a header read with"
            + " CsvOptions.defaults().withHeader(Header.NONE), for a header of column names"
            + " with Header.NAMES)";

    private Csv() {}

    // ---------------------------------------------------------------- reading

    /**
     * Reads a file (gzip-compressed or not) with the {@linkplain CsvOptions#defaults() default
     * options}: a header row of column names, or jgrad's size header; the label in the last
     * column, the other columns features; classes sorted; missing cells refused.
     *
     * @throws IllegalArgumentException if the content is invalid (naming the file, line and value)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static Dataset read(Path path) {
        return read(path, CsvOptions.defaults());
    }

    /**
     * Reads a file with a header row of column names, the label in the column named {@code
     * label} and every other column a feature: {@code Csv.read(path, "species")}.
     *
     * @throws IllegalArgumentException if there is no such column, or the content is invalid
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static Dataset read(Path path, String label) {
        return read(path, CsvOptions.defaults().withHeader(CsvOptions.Header.NAMES)
                .withLabel(label));
    }

    /**
     * Reads a file (gzip-compressed or not) as {@code options} say.
     *
     * @throws IllegalArgumentException if the content is invalid (naming the file, line, column
     *     and value), a chosen column does not exist, or missing cells are refused (naming them)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static Dataset read(Path path, CsvOptions options) {
        checkNotNull(path, "path");
        checkNotNull(options, "options");
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot read " + path + ": " + describe(e), e);
        }
    }

    /**
     * Reads a stream (gzip-compressed or not, UTF-8) with the default options; see {@link
     * #read(Path)}. Does not close {@code in}.
     *
     * @param source the file or resource name used in error messages
     * @throws IllegalArgumentException if the content is invalid (naming source, line and value)
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static Dataset read(InputStream in, String source) {
        return read(in, source, CsvOptions.defaults());
    }

    /**
     * Reads a stream (gzip-compressed or not, UTF-8) as {@code options} say. Does not close
     * {@code in}.
     *
     * @param source the file or resource name used in error messages
     * @throws IllegalArgumentException if the content is invalid (naming source, line and value)
     * @throws UncheckedIOException if the stream cannot be read
     */
    public static Dataset read(InputStream in, String source, CsvOptions options) {
        checkNotNull(in, "in");
        checkNotNull(source, "source");
        checkNotNull(options, "options");
        return parse(in, source, options);
    }

    /**
     * Reads a file in the header-less format (gzip-compressed or not): every line is {@code
     * numFeatures} numbers and a label in {@code 0..classNames.size()-1}.
     *
     * @throws IllegalArgumentException if {@code numFeatures < 0}, there are no class names, or
     *     the content is invalid (naming the file, line and value)
     * @throws UncheckedIOException if the file cannot be opened or read
     */
    public static Dataset readWithoutHeader(Path path, int numFeatures, List<String> classNames) {
        checkNotNull(path, "path");
        try (InputStream in = Files.newInputStream(path)) {
            return readWithoutHeader(in, path.toString(), numFeatures, classNames);
        } catch (IOException e) {
            throw new UncheckedIOException("csv: cannot read " + path + ": " + describe(e), e);
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
        CsvOptions options = CsvOptions.defaults().withHeader(CsvOptions.Header.SIZE);
        return parse(in, source, options, numFeatures, names);
    }

    private static Dataset parse(InputStream raw, String source, CsvOptions options) {
        return parse(raw, source, options, -1, null);
    }

    /**
     * Decompresses if gzip, skips a byte-order mark, then reads as the options' header rule says
     * ({@code classNames} given: the header-less size format).
     */
    private static Dataset parse(InputStream raw, String source, CsvOptions options,
            int givenFeatures, ImmutableList<String> classNames) {
        boolean gzip = false;
        CSVParser parser = null;
        try {
            BufferedInputStream buffered = new BufferedInputStream(raw);
            gzip = startsWith(buffered, GZIP_MAGIC, false);
            BufferedInputStream text =
                    gzip ? new BufferedInputStream(new GZIPInputStream(buffered)) : buffered;
            startsWith(text, UTF8_BOM, true);
            parser = CSVParser.builder()
                    .setReader(new InputStreamReader(text, StandardCharsets.UTF_8))
                    .setFormat(format(options))
                    .get();
            Iterator<CsvTableReader.Row> rows = rows(parser);
            if (classNames != null) {
                return parseRecords(records(rows), source, givenFeatures, classNames);
            }
            CsvOptions.Header header = options.header();
            boolean inferred = header == CsvOptions.Header.INFER;
            if (inferred) {
                List<CsvTableReader.Row> lookahead = new ArrayList<>();
                header = isSizeHeader(rows, lookahead, source)
                        ? CsvOptions.Header.SIZE : CsvOptions.Header.NAMES;
                rows = Iterators.concat(lookahead.iterator(), rows);
            }
            if (header != CsvOptions.Header.SIZE) {
                return CsvTableReader.read(rows, source, options,
                        header == CsvOptions.Header.NAMES);
            }
            try {
                return parseRecords(records(rows), source, -1, null);
            } catch (IllegalArgumentException e) {
                if (inferred && !(e.getCause() instanceof IOException)) {
                    throw new IllegalArgumentException(e.getMessage() + INFERRED_NOTE, e);
                }
                throw e;
            }
        } catch (IOException e) {
            throw readFailure(source, e, gzip, parser);
        } catch (UncheckedIOException e) {
            // Commons CSV's iterator reports malformed quoting and read failures this way.
            throw readFailure(source, e.getCause(), gzip, parser);
        }
    }

    private static CSVFormat format(CsvOptions options) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setQuote(options.quote().orElse(null))
                .setCommentMarker(options.comment().orElse(null))
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(true)
                .get();
    }

    /** The parser's records with the line each ends on (read one at a time, no look-ahead). */
    private static Iterator<CsvTableReader.Row> rows(CSVParser parser) {
        Iterator<CSVRecord> records = parser.iterator();
        return new AbstractIterator<>() {
            @Override
            protected CsvTableReader.Row computeNext() {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (NoSuchElementException e) {
                    return endOfData();
                }
                return new CsvTableReader.Row(record, parser.getCurrentLineNumber());
            }
        };
    }

    private static Iterator<CSVRecord> records(Iterator<CsvTableReader.Row> rows) {
        return Iterators.transform(rows, CsvTableReader.Row::record);
    }

    /**
     * Whether the first non-blank record is jgrad's size header: two plain non-negative integers
     * {@code n, numFeatures} and at least one class name, followed by a record of {@code
     * numFeatures + 1} fields (or by none when {@code n = 0}). Reads up to two non-blank records
     * into {@code lookahead}.
     */
    private static boolean isSizeHeader(Iterator<CsvTableReader.Row> rows,
            List<CsvTableReader.Row> lookahead, String source) {
        List<CSVRecord> nonBlank = new ArrayList<>();
        while (nonBlank.size() < 2 && rows.hasNext()) {
            CsvTableReader.Row row = rows.next();
            lookahead.add(row);
            CSVRecord record = row.record();
            if (!(record.size() == 1 && record.get(0).isEmpty())) {
                checkUtf8(source, record, record.getRecordNumber());
                nonBlank.add(record);
            }
        }
        if (nonBlank.isEmpty() || nonBlank.get(0).size() < 3) {
            return false;
        }
        CSVRecord header = nonBlank.get(0);
        String n = header.get(0).strip();
        String numFeatures = header.get(1).strip();
        if (!n.matches("[0-9]{1,9}") || !numFeatures.matches("[0-9]{1,9}")) {
            return false;
        }
        if (nonBlank.size() == 1) {
            return Integer.parseInt(n) == 0;
        }
        return nonBlank.get(1).size() == Integer.parseInt(numFeatures) + 1;
    }

    /**
     * Maps a failure while reading to {@link IllegalArgumentException} if the content is at fault
     * (malformed CSV, corrupt gzip data), else to {@link UncheckedIOException}.
     */
    private static RuntimeException readFailure(
            String source, IOException e, boolean gzip, CSVParser parser) {
        if (e instanceof CSVException) {
            long line = parser == null ? 1 : parser.getRecordNumber() + 1;
            return new IllegalArgumentException(
                    "csv: " + source + " line " + line + ": malformed CSV: " + e.getMessage(), e);
        }
        if (gzip && (e instanceof ZipException || e instanceof EOFException)) {
            return new IllegalArgumentException(
                    "csv: " + source + ": corrupt or truncated gzip data: " + e.getMessage(), e);
        }
        return new UncheckedIOException("csv: cannot read " + source + ": " + describe(e), e);
    }

    /** Parses the header (when {@code classNames} is null) and the rows. */
    private static Dataset parseRecords(Iterator<CSVRecord> records, String source,
            int givenFeatures, ImmutableList<String> classNames) {
        long expectedRows = -1;
        int numFeatures = givenFeatures;
        if (classNames == null) {
            CSVRecord header = nextRecord(records, source);
            if (header == null) {
                throw new IllegalArgumentException(
                        "csv: " + source + " is empty; expected a header line "
                                + "n,numFeatures,className0,...");
            }
            if (header.size() < 3) {
                throw invalid(source, header, "header must be n,numFeatures,className0,..."
                        + " with at least one class name, got " + showAll(header.toList()));
            }
            expectedRows = parseCount(source, header, 0, "n");
            numFeatures = parseCount(source, header, 1, "numFeatures");
            classNames = ImmutableList.copyOf(header.toList().subList(2, header.size()));
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < classNames.size(); i++) {
                String name = classNames.get(i);
                if (name.isEmpty()) {
                    throw invalid(source, header, "class name " + i + " is empty");
                }
                if (!seen.add(name)) {
                    throw invalid(source, header, "class name " + show(name) + " appears twice");
                }
            }
        }
        int numClasses = classNames.size();
        ImmutableDoubleArray.Builder features = ImmutableDoubleArray.builder();
        ImmutableIntArray.Builder labels = ImmutableIntArray.builder();
        int rows = 0;
        for (CSVRecord record = nextRecord(records, source); record != null;
                record = nextRecord(records, source)) {
            if (expectedRows >= 0 && rows == expectedRows) {
                throw invalid(source, record, "more rows than the header's n = " + expectedRows);
            }
            if (record.size() != numFeatures + 1) {
                throw invalid(source, record, "expected " + (numFeatures + 1) + " fields ("
                        + numFeatures + " features + label), got " + record.size() + ": "
                        + showAll(record.toList()));
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
    }

    /**
     * The next record that is not a blank line, checked to be valid UTF-8, or null at the end.
     * Blank lines are skipped at the end of the input; before a record they are an error.
     */
    private static CSVRecord nextRecord(Iterator<CSVRecord> records, String source) {
        CSVRecord firstBlank = null;
        while (records.hasNext()) {
            CSVRecord record = records.next();
            if (record.size() == 1 && record.get(0).isEmpty()) {
                if (firstBlank == null) {
                    firstBlank = record;
                }
                continue;
            }
            if (firstBlank != null) {
                throw invalid(source, firstBlank,
                        "the line is empty (blank lines are allowed only at the end)");
            }
            checkUtf8(source, record, record.getRecordNumber());
            return record;
        }
        return null;
    }

    /**
     * Throws if a field of {@code record} holds the replacement character: bytes that were not
     * UTF-8.
     */
    static void checkUtf8(String source, CSVRecord record, long line) {
        for (String value : record.values()) {
            if (value.indexOf(REPLACEMENT) >= 0) {
                throw new IllegalArgumentException("csv: " + source + " line " + line
                        + ": the text is not UTF-8 (saved as Latin-1, Windows-1252 or UTF-16?);"
                        + " undecodable bytes in " + show(value));
            }
        }
    }

    /**
     * Whether {@code in} starts with {@code prefix}; if so and {@code skip}, the prefix is
     * consumed, otherwise {@code in} is left where it was.
     */
    private static boolean startsWith(BufferedInputStream in, byte[] prefix, boolean skip)
            throws IOException {
        in.mark(prefix.length);
        boolean match = Arrays.equals(in.readNBytes(prefix.length), prefix);
        if (!match || !skip) {
            in.reset();
        }
        return match;
    }

    private static int parseCount(String source, CSVRecord header, int index, String what) {
        String field = header.get(index).strip();
        try {
            // ASCII digits only: parseInt also takes other scripts' digits and a leading '+'.
            int value = field.matches("[0-9]+") ? Integer.parseInt(field) : -1;
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(source, header,
                "header field " + what + " must be a non-negative integer, got " + show(field));
    }

    private static double parseFeature(String source, CSVRecord record, int column) {
        String field = record.get(column).strip();
        if (!DECIMAL.matcher(field).matches()) {
            throw invalid(source, record,
                    "feature " + column + " is not a decimal number: " + show(field));
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw invalid(source, record,
                    "feature " + column + " is outside the float64 range: " + show(field));
        }
        return value;
    }

    /** An integral number such as {@code 2}, {@code +2}, {@code 2.0} or {@code 2e0}. */
    private static int parseLabel(String source, CSVRecord record, int column, int numClasses) {
        String field = record.get(column).strip();
        double value = DECIMAL.matcher(field).matches() ? Double.parseDouble(field) : Double.NaN;
        if (value != Math.rint(value)) { // also true for NaN: not a number at all
            throw invalid(source, record, "label is not an integer: " + show(field));
        }
        if (value < 0 || value >= numClasses) {
            throw invalid(source, record, "label " + field + " is outside the valid range 0.."
                    + (numClasses - 1));
        }
        return (int) value;
    }

    private static IllegalArgumentException invalid(String source, CSVRecord record, String what) {
        return new IllegalArgumentException(
                "csv: " + source + " line " + record.getRecordNumber() + ": " + what);
    }

    /**
     * {@code value} in single quotes, with characters one cannot see (controls, format characters
     * such as a byte-order mark or a zero-width space, spaces other than U+0020) as
     * <code>&#92;uXXXX</code>.
     */
    static String show(String value) {
        StringBuilder out = new StringBuilder("'");
        value.codePoints().forEach(c -> {
            int type = Character.getType(c);
            boolean invisible = Character.isISOControl(c) || type == Character.FORMAT
                    || type == Character.UNASSIGNED || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE
                    || (c != ' ' && (Character.isWhitespace(c) || Character.isSpaceChar(c)));
            if (invisible) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append('\'').toString();
    }

    /**
     * {@code values} as a list of {@linkplain #show(String) quoted} values, {@code ['id', 'city,
     * state']}, so that names holding commas or spaces are not ambiguous.
     */
    static String showAll(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(show(values.get(i)));
        }
        return out.append(']').toString();
    }

    private static String describe(IOException e) {
        return AtomicFile.describe(e);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Writes {@code data} to {@code path} as an ordinary CSV file that pandas' {@code read_csv}
     * and {@link #read(Path)} read: a header row of column names {@code x0,x1,...,x{n-1},label}
     * (a {@link Dataset} has no feature names), then one row per sample with its features and its
     * class <em>name</em> in the {@code label} column; UTF-8, LF line ends, gzip-compressed if
     * the file name ends in {@code .gz}:
     *
     * <pre>
     * x0,x1,x2,x3,label
     * 5.1,3.5,1.4,0.2,setosa
     * ...</pre>
     *
     * Numbers are written so that they read back exactly: integral values as integers ({@code
     * 1065}), infinities as {@code inf} and {@code -inf} (as pandas' {@code to_csv} writes them),
     * others by {@link Double#toString(double)}. A float32 data set reads back as float64 with the
     * same values. Class names are quoted when needed (commas, quotes, line breaks, leading or
     * trailing spaces), so they read back exactly.
     *
     * <p>Round trip: {@code Csv.read(path)} gives back the same features, labels and class names
     * when the class names are in the order {@link jgrad.datasets.ClassOrder#SORTED} gives them
     * and every class has a sample (as for {@code Datasets.iris()}, {@code wine()} and {@code
     * digits()}); the file holds class names, not their order, so in general read it back with
     * the classes stated: {@code Csv.read(path, CsvOptions.defaults()
     * .withClasses(data.classNames()))} (needed, for example, for {@code
     * Datasets.breastCancer()}, whose classes are {@code malignant, benign}).
     *
     * <p>Files in jgrad's older size-header format ({@code n,numFeatures,className0,...}, as
     * the bundled data files are) are still read; this method no longer writes it.
     *
     * <p>Atomic: the data goes to a new temporary file in the target's directory, is forced to
     * the device, then moved over {@code path} with {@code ATOMIC_MOVE} (which replaces an
     * existing file on POSIX systems), so readers see the old file or the complete new one, never
     * a partial one. On failure the temporary file is deleted and {@code path} is untouched.
     *
     * @throws IllegalArgumentException if the data set has no class names, duplicate or empty class
     *     names, a class name that reads back as a missing value ({@code NA}, {@code None}, ...:
     *     {@link CsvOptions#PANDAS_NA_VALUES}), or a NaN feature (which would read back as a
     *     missing value), naming it
     * @throws UncheckedIOException if writing or the atomic move fails (a missing directory says
     *     {@code no such directory})
     */
    public static void write(Dataset data, Path path) {
        checkNotNull(data, "data");
        checkNotNull(path, "path");
        checkArgument(data.numClasses() > 0, "csv write: the data set has no class names");
        checkArgument(new HashSet<>(data.classNames()).size() == data.numClasses(),
                "csv write: duplicate class names in %s", showAll(data.classNames()));
        for (int i = 0; i < data.numClasses(); i++) {
            String name = data.classNames().get(i);
            checkArgument(!name.isEmpty(), "csv write: class name %s is empty", i);
            checkArgument(name.indexOf(REPLACEMENT) < 0,
                    "csv write: class name %s contains U+FFFD, which reads back as an encoding"
                            + " error", show(name));
            checkArgument(!CsvOptions.PANDAS_NA_VALUES.contains(name),
                    "csv write: class name %s would read back as a missing value (pandas' NA"
                            + " strings); rename the class", show(name));
        }
        double[] features = data.features().toArray();
        for (int i = 0; i < features.length; i++) {
            checkArgument(!Double.isNaN(features[i]),
                    "csv write: feature %s of sample %s is NaN, which reads back as a missing"
                            + " value; fill or drop it first",
                    i % Math.max(1, data.numFeatures()), i / Math.max(1, data.numFeatures()));
        }
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        AtomicFile.write(path, "csv", out -> {
            OutputStream body = gzip ? new GZIPOutputStream(out) : out;
            Writer writer =
                    new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
            writeRows(writer, data, features);
            writer.flush();
            if (body instanceof GZIPOutputStream gzipBody) {
                gzipBody.finish();
            }
        });
    }

    /** The column names row, then the rows: features and the class name. */
    private static void writeRows(Writer writer, Dataset data, double[] features)
            throws IOException {
        int columns = data.numFeatures();
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < columns; j++) {
            line.append('x').append(j).append(',');
        }
        writer.write(line.append("label\n").toString());
        List<String> quotedNames = data.classNames().stream().map(Csv::quoteIfNeeded).toList();
        for (int i = 0; i < data.size(); i++) {
            line.setLength(0);
            for (int j = 0; j < columns; j++) {
                line.append(format(features[i * columns + j])).append(',');
            }
            line.append(quotedNames.get(data.labels().get(i))).append('\n');
            writer.write(line.toString());
        }
    }

    /**
     * {@code value} in double quotes if it needs them, including (unlike Commons CSV's minimal
     * quoting) when it starts or ends in a space, which reading would otherwise drop.
     */
    private static String quoteIfNeeded(String value) {
        boolean plain = value.strip().equals(value)
                && value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
        return plain ? value : '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The shortest text that parses back to exactly {@code value}. */
    private static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        boolean negativeZero =
                Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0);
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !negativeZero) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
