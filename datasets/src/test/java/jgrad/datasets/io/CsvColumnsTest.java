package jgrad.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.datasets.ClassOrder;
import jgrad.datasets.Dataset;
import jgrad.datasets.Datasets;
import jgrad.datasets.OneHot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV files with named (or indexed) columns and string classes, as pandas reads them. */
class CsvColumnsTest {

    @TempDir
    Path directory;

    private static Dataset parse(String text, CsvOptions options) {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv",
                options);
    }

    private static Dataset parse(String text) {
        return parse(text, CsvOptions.defaults());
    }

    private static String failure(String text, CsvOptions options) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text, options))
                .getMessage();
    }

    /** The bundled iris as a plain CSV with a header of column names and species names. */
    private Path plainIris() throws IOException {
        Dataset iris = Datasets.iris();
        StringBuilder text = new StringBuilder(
                "sepal_length,sepal_width,petal_length,petal_width,species\n");
        double[] values = iris.features().toArray();
        for (int i = 0; i < iris.size(); i++) {
            for (int j = 0; j < 4; j++) {
                text.append(values[4 * i + j]).append(',');
            }
            text.append(iris.classNames().get(iris.labels().get(i))).append('\n');
        }
        Path file = directory.resolve("iris.csv");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aPlainIrisCsvLoadsInOneShortCall() throws IOException {
        Path file = plainIris();
        for (Dataset data : new Dataset[] {Csv.read(file), Csv.read(file, "species")}) {
            assertEquals(Shape.of(150, 4), data.features().shape());
            assertEquals(ImmutableList.of("setosa", "versicolor", "virginica"), data.classNames());
            assertArrayEquals(Datasets.iris().features().toArray(), data.features().toArray(), 0.0);
            assertEquals(Datasets.iris().labels(), data.labels());
        }
        // The encoder comes with the data set and names predictions.
        Dataset iris = Csv.read(file);
        assertEquals(ImmutableList.of("virginica", "setosa"),
                iris.labelEncoder().decode(OneHot.decode(OneHot.encode(
                        ImmutableIntArray.of(2, 0), 3))));
    }

    @Test
    void labelAndFeaturesAreChosenByNameOrIndex() {
        String text = "a,b,kind,c\n1,2,x,3\n4,5,y,6\n";
        Dataset byName = parse(text, CsvOptions.defaults().withLabel("kind"));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, byName.features().toArray(), 0.0);
        assertEquals(ImmutableList.of("x", "y"), byName.classNames());
        Dataset byIndex = parse(text, CsvOptions.defaults().withLabel(2).withFeatures("c", "a"));
        assertArrayEquals(new double[] {3, 1, 6, 4}, byIndex.features().toArray(), 0.0);
        Dataset negative = parse(text, CsvOptions.defaults().withLabel(-2).withFeatures(-1, 1));
        assertArrayEquals(new double[] {3, 2, 6, 5}, negative.features().toArray(), 0.0);
        assertEquals(ImmutableIntArray.of(0, 1), negative.labels());
    }

    @Test
    void withoutAHeaderColumnsAreKnownByIndex() {
        CsvOptions none = CsvOptions.defaults().withHeader(CsvOptions.Header.NONE).withLabel(0);
        Dataset data = parse("cat,1.5,2\ndog,3,4\ncat,5,6\n", none);
        assertEquals(Shape.of(3, 2), data.features().shape());
        assertEquals(ImmutableIntArray.of(0, 1, 0), data.labels());
        String byName = failure("cat,1\n", none.withLabel("kind"));
        assertTrue(byName.contains("without a header") && byName.contains("by index"), byName);
    }

    @Test
    void classesAreSortedFoundInOrderOrStated() {
        String text = "x,y\n1,versicolor\n2,setosa\n3,versicolor\n4,Virginica\n";
        assertEquals(ImmutableList.of("Virginica", "setosa", "versicolor"),
                parse(text).classNames(), "code point order, as numpy sorts strings");
        assertEquals(ImmutableList.of("versicolor", "setosa", "Virginica"),
                parse(text, CsvOptions.defaults().withClassOrder(ClassOrder.FIRST_SEEN))
                        .classNames());
        Dataset stated = parse(text, CsvOptions.defaults()
                .withClasses("setosa", "versicolor", "Virginica", "unused"));
        assertEquals(ImmutableIntArray.of(1, 0, 1, 2), stated.labels());
        assertEquals(4, stated.numClasses());
        String unknown = failure(text, CsvOptions.defaults().withClasses("setosa", "versicolor"));
        assertTrue(unknown.contains("t.csv line 5") && unknown.contains("'Virginica'")
                && unknown.contains("['setosa', 'versicolor']"), unknown);
        // Numeric class labels sort by value, as pandas would parse the column: 2 before 10.
        assertEquals(ImmutableList.of("2", "10"), parse("x,y\n1,10\n2,2\n").classNames());
    }

    @Test
    void missingCellsAreReportedWithLineRowAndColumn() {
        String text = "a,b,label\n1,,x\n2,NA,y\n3,4,x\nnan,5,y\n";
        String message = failure(text, CsvOptions.defaults());
        assertTrue(message.contains("t.csv: 3 missing cells")
                && message.contains("line 2 (row 0) column 'b' (index 1)")
                && message.contains("line 3 (row 1) column 'b' (index 1)")
                && message.contains("line 5 (row 3) column 'a' (index 0)")
                && message.contains("withMissing"), message);
        String none = failure("1,,x\n", CsvOptions.defaults()
                .withHeader(CsvOptions.Header.NONE));
        assertTrue(none.contains("line 1 (row 0) column 1"), none);
    }

    @Test
    void missingCellsAreFilledByTheChosenRule() {
        String text = "a,b,label\n1,,x\n2,NA,y\n3,4,x\nnan,5,y\n7,9,y\n";
        double nan = Double.NaN;
        assertArrayEquals(new double[] {1, nan, 2, nan, 3, 4, nan, 5, 7, 9},
                parse(text, CsvOptions.defaults().withMissing(MissingValues.keepNaN()))
                        .features().toArray(), 0.0);
        Dataset dropped = parse(text, CsvOptions.defaults().withMissing(MissingValues.dropRows()));
        assertArrayEquals(new double[] {3, 4, 7, 9}, dropped.features().toArray(), 0.0);
        assertEquals(ImmutableIntArray.of(0, 1), dropped.labels());
        assertArrayEquals(new double[] {1, -1, 2, -1, 3, 4, -1, 5, 7, 9},
                parse(text, CsvOptions.defaults().withMissing(MissingValues.fill(-1)))
                        .features().toArray(), 0.0);
        // Column a: present 1, 2, 3, 7 (mean 3.25, median 2.5); b: 4, 5, 9 (mean 6, median 5).
        assertArrayEquals(new double[] {1, 6, 2, 6, 3, 4, 3.25, 5, 7, 9},
                parse(text, CsvOptions.defaults().withMissing(MissingValues.columnMean()))
                        .features().toArray(), 0.0);
        assertArrayEquals(new double[] {1, 5, 2, 5, 3, 4, 2.5, 5, 7, 9},
                parse(text, CsvOptions.defaults().withMissing(MissingValues.columnMedian()))
                        .features().toArray(), 0.0);
        String empty = failure("a,b,label\n1,,x\n2,,y\n",
                CsvOptions.defaults().withMissing(MissingValues.columnMean()));
        assertTrue(empty.contains("column 'b' (index 1) has no values"), empty);
        assertThrows(IllegalArgumentException.class, () -> MissingValues.fill(Double.NaN));
    }

    @Test
    void infinitiesAreReadInPandasSpellingsAndNaNIsAMissingValue() {
        String text = "x,y,label\n1,-inf,a\ninf,+inf,b\nInfinity,-Infinity,a\n"
                + "+Infinity,INF,b\n-iNf,iNfInItY,a\n";
        double inf = Double.POSITIVE_INFINITY;
        assertArrayEquals(new double[] {1, -inf, inf, inf, inf, -inf, inf, inf, -inf, inf},
                parse(text).features().toArray(), 0.0);
        for (String word : new String[] {"infinit", "in", "--inf", "inf1", "1inf"}) {
            String refused = failure("x,y,label\n1," + word + ",a\n", CsvOptions.defaults());
            assertTrue(refused.contains("column 'y' (index 1) is not a decimal number: '"
                    + word + "'"), refused);
        }
        // NaN, nan, -NaN and -nan are among pandas' NA strings: missing, as the rule says.
        String nan = "x,y,label\n1,NaN,a\nnan,-inf,b\n-NaN,2,a\n-nan,3,b\n";
        String missing = failure(nan, CsvOptions.defaults());
        assertTrue(missing.contains("4 missing cells")
                && missing.contains("line 2 (row 0) column 'y' (index 1)"), missing);
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN, -inf, Double.NaN, 2,
                Double.NaN, 3}, parse(nan, CsvOptions.defaults()
                        .withMissing(MissingValues.keepNaN())).features().toArray(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, -inf, 0, 2, 0, 3}, parse(nan,
                CsvOptions.defaults().withMissing(MissingValues.fill(0))).features().toArray(),
                0.0);
    }

    @Test
    void aMissingLabelIsAnErrorUnlessRowsAreDropped() {
        String text = "a,label\n1,x\n2,\n3,y\n";
        String message = failure(text, CsvOptions.defaults().withMissing(MissingValues.fill(0)));
        assertTrue(message.contains("1 missing cell: line 3 (row 1) column 'label' (index 1)")
                && message.contains("dropRows"), message);
        Dataset dropped = parse(text, CsvOptions.defaults().withMissing(MissingValues.dropRows()));
        assertArrayEquals(new double[] {1, 3}, dropped.features().toArray(), 0.0);
        assertEquals(ImmutableList.of("x", "y"), dropped.classNames());
    }

    @Test
    void naValuesCanBeChosen() {
        CsvOptions question = CsvOptions.defaults().withNaValues("?")
                .withMissing(MissingValues.fill(0));
        assertArrayEquals(new double[] {0, 0},
                parse("a,label\n?,x\n,y\n", question).features().toArray(), 0.0);
        // 'NA' is no longer missing, so it is a bad number.
        String na = failure("a,label\nNA,x\n", question);
        assertTrue(na.contains("column 'a' (index 0) is not a decimal number: 'NA'"), na);
    }

    @Test
    void delimiterQuoteAndCommentOptions() {
        Dataset semicolons = parse("a;b;label\n1.5;2;\"x;y\"\n",
                CsvOptions.defaults().withDelimiter(';').withNaValues());
        assertEquals(ImmutableList.of("x;y"), semicolons.classNames());
        String decimalComma = failure("a;label\n1,5;x\n", CsvOptions.defaults().withDelimiter(';'));
        assertTrue(decimalComma.contains("'1,5'"), decimalComma);
        Dataset tabs = parse("a\tlabel\n1\t'x\ty'\n",
                CsvOptions.defaults().withDelimiter('\t').withQuote('\''));
        assertEquals(ImmutableList.of("x\ty"), tabs.classNames());
        Dataset unquoted = parse("a,label\n1,\"x\n", CsvOptions.defaults().withoutQuoting());
        assertEquals(ImmutableList.of("\"x"), unquoted.classNames());
        Dataset comments = parse("# made by hand\na,label\n1,x\n# skipped\n2,y\n",
                CsvOptions.defaults().withComment('#'));
        assertArrayEquals(new double[] {1, 2}, comments.features().toArray(), 0.0);
        String late = failure("# c\na,label\n1,x\n# c\nz,y\n",
                CsvOptions.defaults().withComment('#'));
        assertTrue(late.contains("line 5"), late);
        assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.defaults().withDelimiter('"'));
        assertThrows(IllegalArgumentException.class,
                () -> CsvOptions.defaults().withDelimiter('\n'));
    }

    @Test
    void blankLinesAreSkippedAndFeaturesCanBeFloat32() {
        Dataset data = parse("\na,label\n\n0.1,x\n\n2,y\n\n",
                CsvOptions.defaults().withDtype(DType.FLOAT32));
        assertEquals(DType.FLOAT32, data.features().dtype());
        assertArrayEquals(new double[] {(float) 0.1, 2}, data.features().toArray(), 0.0);
    }

    @Test
    void badColumnChoicesAndRowsAreNamed() {
        String text = "a,b,label\n1,2,x\n";
        String name = failure(text, CsvOptions.defaults().withLabel("species"));
        assertTrue(name.contains("no column named 'species'") && name.contains("['a', 'b', 'label']"),
                name);
        String range = failure(text, CsvOptions.defaults().withLabel(3));
        assertTrue(range.contains("label column 3 is out of range for the 3 columns"), range);
        String both = failure(text, CsvOptions.defaults().withLabel("a").withFeatures("a", "b"));
        assertTrue(both.contains("column 'a' (index 0) is chosen as the label and as a feature"),
                both);
        String twice = failure(text, CsvOptions.defaults().withFeatures(0, -3));
        assertTrue(twice.contains("chosen twice"), twice);
        String duplicate = failure("a,a,label\n1,2,x\n", CsvOptions.defaults());
        assertTrue(duplicate.contains("line 1") && duplicate.contains("'a' appears twice"),
                duplicate);
        String fields = failure("a,b,label\n1,2,x\n1,2,3,x\n", CsvOptions.defaults());
        assertTrue(fields.contains("t.csv line 3: expected 3 fields (as the header has), got 4"),
                fields);
        String word = failure("a,b,label\n1,two,x\n", CsvOptions.defaults());
        assertTrue(word.contains("t.csv line 2: column 'b' (index 1) is not a decimal number:"
                + " 'two'"), word);
        String infinite = failure("a,label\n1e999,x\n", CsvOptions.defaults());
        assertTrue(infinite.contains("outside the float64 range"), infinite);
        String empty = failure("\n\n", CsvOptions.defaults().withHeader(CsvOptions.Header.NAMES));
        assertTrue(empty.contains("t.csv is empty"), empty);
    }

    @Test
    void namesInErrorMessagesAreQuotedSoThatACommaInANameIsNotAmbiguous() {
        String text = "id,height,\"city, state\",species\n1,2,3,x\n";
        String header = failure(text, CsvOptions.defaults().withLabel("kind"));
        assertTrue(header.contains("the header names ['id', 'height', 'city, state', 'species']"),
                header);
        String classes = failure(text, CsvOptions.defaults().withClasses("a, b", "c"));
        assertTrue(classes.contains("label 'x' is not one of the stated classes ['a, b', 'c']"),
                classes);
        String fields = failure("a,label\n1,x\n\"2, 3\",4,y\n", CsvOptions.defaults());
        assertTrue(fields.contains("got 3: ['2, 3', '4', 'y']"), fields);
        String size = failure("1,1,a,b\n1,2,0\n", CsvOptions.defaults()
                .withHeader(CsvOptions.Header.SIZE));
        assertTrue(size.contains("got 3: ['1', '2', '0']"), size);
    }

    @Test
    void inferredHeaderTellsTheSizeFormatFromColumnNames() {
        // Column names, even numeric-looking ones, unless the next row fits a size header.
        Dataset named = parse("10,20,label\n1,2,x\n");
        assertEquals(Shape.of(1, 2), named.features().shape());
        Dataset size = parse("2,1,a,b\n1,0\n2,1\n");
        assertEquals(ImmutableList.of("a", "b"), size.classNames());
        Dataset emptySize = parse("0,3,a,b\n");
        assertEquals(Shape.of(0, 3), emptySize.features().shape());
        // An error in a file read as the size format says how to read it otherwise.
        String note = failure("3,1,2\n5,1\n", CsvOptions.defaults());
        assertTrue(note.contains("read as jgrad's size header") && note.contains("Header.NONE"),
                note);
    }
}
