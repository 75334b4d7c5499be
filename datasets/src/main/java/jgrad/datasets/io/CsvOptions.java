package jgrad.datasets.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.primitives.ImmutableIntArray;
import java.util.List;
import java.util.Optional;
import jgrad.core.DType;
import jgrad.datasets.ClassOrder;
import jgrad.datasets.LabelEncoder;

/**
 * How {@link Csv#read(java.nio.file.Path, CsvOptions)} reads a file, in the spirit of pandas'
 * {@code read_csv} arguments. Immutable; start from {@link #defaults()} and change what differs
 * with the {@code with...} methods:
 *
 * <pre>{@code
 * Csv.read(Path.of("iris.csv"), CsvOptions.defaults().withLabel("species"))
 * Csv.read(Path.of("data.tsv"), CsvOptions.defaults().withDelimiter('\t')
 *         .withHeader(CsvOptions.Header.NONE).withLabel(0).withMissing(MissingValues.columnMean()))
 * }</pre>
 *
 * @param header         whether the first row names the columns (see {@link Header})
 * @param labelName      the label column by name, if chosen by name
 * @param labelIndex     the label column by index when {@code labelName} is empty; negative
 *                       indices count from the end ({@code -1}, the default, is the last column)
 * @param featureNames   the feature columns by name, in this order; empty for the default
 * @param featureIndices the feature columns by index (negative from the end), in this order;
 *                       used when {@code featureNames} is empty; both empty means every column
 *                       except the label, in file order
 * @param classes        the class names in the stated order (class {@code i} is {@code
 *                       classes[i]}); empty to find them in the file, ordered by {@code
 *                       classOrder}
 * @param classOrder     how classes found in the file are numbered ({@link ClassOrder#SORTED} by
 *                       default, as scikit-learn's {@code LabelEncoder})
 * @param missing        what to do with missing cells ({@link MissingValues#fail()} by default)
 * @param naValues       the field texts that mean "missing" (after trimming spaces); pandas'
 *                       default list
 * @param delimiter      the field separator, {@code ','} by default
 * @param quote          the quote character, {@code '"'} by default; empty for no quoting
 * @param comment        a character that starts a comment line, skipped; none by default
 * @param dtype          the dtype of the features tensor, float64 by default
 */
public record CsvOptions(Header header, Optional<String> labelName, int labelIndex,
        ImmutableList<String> featureNames, ImmutableIntArray featureIndices,
        ImmutableList<String> classes, ClassOrder classOrder, MissingValues missing,
        ImmutableSet<String> naValues, char delimiter, Optional<Character> quote,
        Optional<Character> comment, DType dtype) {

    /** Whether and how the first row of a file names its columns. */
    public enum Header {
        /**
         * pandas' {@code header='infer'}: the first row names the columns, except that jgrad's own
         * size header {@code n,numFeatures,className0,...} (the bundled files use it, and {@link
         * Csv#write} wrote it before it wrote column names) is recognised as such: a first row
         * whose first two fields are plain non-negative integers and whose next row has {@code
         * numFeatures + 1} fields (or that has no next row and {@code n = 0}). The default.
         */
        INFER,
        /** The first row names the columns ({@code header=0}). */
        NAMES,
        /** No header: every row is data; columns are known by index ({@code header=None}). */
        NONE,
        /**
         * jgrad's size header {@code n,numFeatures,className0,...}; rows hold {@code numFeatures}
         * numbers, then the integer class id. Label, feature, class and missing options do not
         * apply.
         */
        SIZE
    }

    /** pandas' default {@code na_values} (pandas 2.x, {@code keep_default_na=True}). */
    public static final ImmutableSet<String> PANDAS_NA_VALUES = ImmutableSet.of("", "#N/A",
            "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
            "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null");

    private static final CsvOptions DEFAULTS = new CsvOptions(Header.INFER, Optional.empty(), -1,
            ImmutableList.of(), ImmutableIntArray.of(), ImmutableList.of(), ClassOrder.SORTED,
            MissingValues.fail(), PANDAS_NA_VALUES, ',', Optional.of('"'), Optional.empty(),
            DType.FLOAT64);

    /**
     * @throws IllegalArgumentException if the delimiter is a line break or equals the quote or
     *     comment character, a feature is named twice, or {@code classes} repeats a name
     */
    public CsvOptions {
        checkNotNull(header, "header");
        checkNotNull(labelName, "labelName");
        checkNotNull(featureNames, "featureNames");
        checkNotNull(featureIndices, "featureIndices");
        checkNotNull(classes, "classes");
        checkNotNull(classOrder, "classOrder");
        checkNotNull(missing, "missing");
        checkNotNull(naValues, "naValues");
        checkNotNull(quote, "quote");
        checkNotNull(comment, "comment");
        checkNotNull(dtype, "dtype");
        checkArgument(delimiter != '\n' && delimiter != '\r',
                "csv options: the delimiter cannot be a line break");
        checkArgument(quote.isEmpty() || quote.get() != delimiter,
                "csv options: the quote and the delimiter are both '%s'", delimiter);
        checkArgument(comment.isEmpty() || comment.get() != delimiter,
                "csv options: the comment character and the delimiter are both '%s'", delimiter);
        checkArgument(ImmutableSet.copyOf(featureNames).size() == featureNames.size(),
                "csv options: a feature column is named twice in %s", Csv.showAll(featureNames));
        featureIndices = featureIndices.trimmed();
        LabelEncoder.of(classes); // refuses duplicates, naming them
    }

    /**
     * Header {@link Header#INFER}, the label in the last column, every other column a feature,
     * classes sorted, missing cells refused, pandas' NA strings, comma-separated, {@code "}
     * quotes, no comments, float64 features.
     */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    /** These options with another {@link Header} rule. */
    public CsvOptions withHeader(Header newHeader) {
        return new CsvOptions(newHeader, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing, naValues, delimiter, quote, comment, dtype);
    }

    /** These options with the label in the column named {@code name}. */
    public CsvOptions withLabel(String name) {
        return new CsvOptions(header, Optional.of(checkNotNull(name, "name")), -1, featureNames,
                featureIndices, classes, classOrder, missing, naValues, delimiter, quote,
                comment, dtype);
    }

    /** These options with the label in column {@code index} (negative counts from the end). */
    public CsvOptions withLabel(int index) {
        return new CsvOptions(header, Optional.empty(), index, featureNames, featureIndices,
                classes, classOrder, missing, naValues, delimiter, quote, comment, dtype);
    }

    /** These options with the feature columns named {@code names}, in this order. */
    public CsvOptions withFeatures(String... names) {
        return new CsvOptions(header, labelName, labelIndex, ImmutableList.copyOf(names),
                ImmutableIntArray.of(), classes, classOrder, missing, naValues, delimiter, quote,
                comment, dtype);
    }

    /** These options with the feature columns at {@code indices}, in this order. */
    public CsvOptions withFeatures(int... indices) {
        return new CsvOptions(header, labelName, labelIndex, ImmutableList.of(),
                ImmutableIntArray.copyOf(indices), classes, classOrder, missing, naValues,
                delimiter, quote, comment, dtype);
    }

    /**
     * These options with the classes stated, in order: class {@code i} is {@code classes[i]},
     * and a label that is not among them is an error naming its line.
     */
    public CsvOptions withClasses(List<String> newClasses) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                ImmutableList.copyOf(newClasses), classOrder, missing, naValues, delimiter, quote,
                comment, dtype);
    }

    /** These options with the classes stated; see {@link #withClasses(List)}. */
    public CsvOptions withClasses(String... newClasses) {
        return withClasses(List.of(newClasses));
    }

    /** These options numbering the classes found in the file in {@code order}. */
    public CsvOptions withClassOrder(ClassOrder order) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, order, missing, naValues, delimiter, quote, comment, dtype);
    }

    /** These options with another rule for missing cells. */
    public CsvOptions withMissing(MissingValues rule) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, rule, naValues, delimiter, quote, comment, dtype);
    }

    /** These options with {@code values} (and the empty field) as the NA strings. */
    public CsvOptions withNaValues(String... values) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing,
                ImmutableSet.<String>builder().add("").add(values).build(), delimiter, quote,
                comment, dtype);
    }

    /** These options with another field separator, e.g. {@code ';'} or {@code '\t'}. */
    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing, naValues, newDelimiter, quote, comment, dtype);
    }

    /** These options with another quote character, e.g. {@code '\''}. */
    public CsvOptions withQuote(char newQuote) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing, naValues, delimiter, Optional.of(newQuote), comment,
                dtype);
    }

    /** These options with no quoting: quote characters are ordinary text. */
    public CsvOptions withoutQuoting() {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing, naValues, delimiter, Optional.empty(), comment,
                dtype);
    }

    /** These options skipping lines that start with {@code marker}, e.g. {@code '#'}. */
    public CsvOptions withComment(char marker) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing, naValues, delimiter, quote, Optional.of(marker),
                dtype);
    }

    /** These options reading the features as {@code newDtype} (float64 or float32). */
    public CsvOptions withDtype(DType newDtype) {
        return new CsvOptions(header, labelName, labelIndex, featureNames, featureIndices,
                classes, classOrder, missing, naValues, delimiter, quote, comment, newDtype);
    }
}
