package jgrad.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.datasets.Datasets;
import org.apache.commons.csv.CSVException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path directory;

    private static Dataset parse(String text) {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    private static Dataset parse(byte[] bytes) {
        return Csv.read(new ByteArrayInputStream(bytes), "t.csv");
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

    /** The failure reading {@code text} as jgrad's size format, stated rather than inferred. */
    private static String sizeFailure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Csv.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv",
                CsvOptions.defaults().withHeader(CsvOptions.Header.SIZE))).getMessage();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    @Test
    void readsTheHeaderFormat() {
        Dataset data = parse("2,3,cat,dog\n1.5,-2,3e-3,1\n0,.5,+7,0\n");
        assertEquals(Shape.of(2, 3), data.features().shape());
        assertArrayEquals(new double[] {1.5, -2, 0.003, 0, 0.5, 7}, data.features().toArray(), 0.0);
        assertEquals(ImmutableIntArray.of(1, 0), data.labels());
        assertEquals(ImmutableList.of("cat", "dog"), data.classNames());
        // No final newline, CRLF line ends and a quoted class name are fine too.
        Dataset crlf = parse("1,1,\"a, b\",c\r\n4,1");
        assertEquals(ImmutableList.of("a, b", "c"), crlf.classNames());
        assertEquals(ImmutableIntArray.of(1), crlf.labels());
    }

    @Test
    void rowCountMustEqualTheHeadersN() {
        String fewer = failure("3,1,a\n1,0\n2,0\n");
        assertTrue(fewer.contains("t.csv") && fewer.contains("n = 3") && fewer.contains("has 2"),
                fewer);
        String more = failure("1,1,a\n1,0\n2,0\n");
        assertTrue(more.contains("t.csv line 3") && more.contains("n = 1"), more);
    }

    @Test
    void eachRowNeedsNumFeaturesPlusOneFields() {
        String message = failure("2,2,a\n1,2,0\n1,0\n");
        assertTrue(message.contains("t.csv line 3"), message);
        assertTrue(message.contains("expected 3 fields") && message.contains("got 2"), message);
        String empty = failure("2,1,a\n1,0\n\n2,0\n");
        assertTrue(empty.contains("line 3"), empty);
    }

    @Test
    void featuresMustBeFiniteDecimalNumbers() {
        String word = failure("1,2,a\n1,abc,0\n");
        assertTrue(word.contains("t.csv line 2") && word.contains("feature 1")
                && word.contains("'abc'"), word);
        assertTrue(failure("1,1,a\nNaN,0\n").contains("'NaN'"));
        assertTrue(failure("1,1,a\nInfinity,0\n").contains("'Infinity'"));
        assertTrue(failure("1,1,a\n1e999,0\n").contains("'1e999'"));
        assertTrue(failure("1,1,a\n,0\n").contains("''"));
    }

    @Test
    void labelsMustBeIntegersInRange() {
        String fraction = failure("1,1,a,b\n1,0.5\n");
        assertTrue(fraction.contains("line 2") && fraction.contains("label is not an integer")
                && fraction.contains("'0.5'"), fraction);
        String tooLarge = failure("2,1,a,b\n1,0\n1,2\n");
        assertTrue(tooLarge.contains("line 3") && tooLarge.contains("label 2")
                && tooLarge.contains("0..1"), tooLarge);
        String negative = failure("1,1,a,b\n1,-1\n");
        assertTrue(negative.contains("t.csv line 2") && negative.contains("label -1")
                && negative.contains("0..1"), negative);
    }

    @Test
    void headerIsValidated() {
        assertTrue(failure("").contains("empty"));
        // Inputs whose first line does not look like a size header are read as column names
        // by default; stated as the size format, their header is refused.
        String noClasses = sizeFailure("1,1\n1,0\n");
        assertTrue(noClasses.contains("line 1") && noClasses.contains("class name"), noClasses);
        String n = sizeFailure("many,1,a\n1,0\n");
        assertTrue(n.contains("line 1") && n.contains("'many'"), n);
        String features = sizeFailure("1,-1,a\n1,0\n");
        assertTrue(features.contains("numFeatures") && features.contains("'-1'"), features);
        String twice = failure("1,1,a,a\n1,0\n");
        assertTrue(twice.contains("'a' appears twice"), twice);
        assertTrue(twice.contains("read as jgrad's size header"), twice);
        // Plain ASCII integers only: Integer.parseInt alone would take Arabic-Indic digits or '+'.
        String arabic = sizeFailure("\u0662,1,a,b\n1,0\n2,1\n");
        assertTrue(arabic.contains("non-negative integer"), arabic);
        String plus = sizeFailure("+1,1,a\n1,0\n");
        assertTrue(plus.contains("'+1'"), plus);
    }

    @Test
    void errorsFromAFileNameThePath() throws IOException {
        Path file = directory.resolve("bad.csv");
        Files.writeString(file, "1,1,a\nx,0\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.read(file));
        assertTrue(e.getMessage().contains(file.toString() + " line 2"), e.getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> Csv.read(directory.resolve("missing.csv")));
        assertTrue(missing.getMessage().contains("missing.csv"), missing.getMessage());
    }

    @Test
    void readsTheHeaderlessFormatFromAGzipFile() throws IOException {
        Path file = directory.resolve("d.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("1,2,1\n3,4,0\n5,6,2\n".getBytes(StandardCharsets.UTF_8));
        }
        Dataset data = Csv.readWithoutHeader(file, 2, List.of("x", "y", "z"));
        assertEquals(Shape.of(3, 2), data.features().shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, data.features().toArray(), 0.0);
        assertEquals(ImmutableIntArray.of(1, 0, 2), data.labels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.readWithoutHeader(file, 2, List.of("x", "y")));
        assertTrue(e.getMessage().contains("d.csv.gz line 3") && e.getMessage().contains("label 2")
                && e.getMessage().contains("0..1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Csv.readWithoutHeader(file, 2, List.of()));
    }

    @Test
    void writeThenReadGivesTheSameDataSet() throws IOException {
        Path file = directory.resolve("copy.csv");
        for (Dataset original : List.of(Datasets.iris(), Datasets.wine(), Datasets.digits())) {
            Csv.write(original, file);
            assertSameData(original, Csv.read(file));
        }
        // An ordinary CSV as pandas reads it: column names, then class names, not ids.
        Csv.write(Datasets.iris(), file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(151, lines.size());
        assertEquals("x0,x1,x2,x3,label", lines.get(0));
        assertEquals("5.1,3.5,1.4,0.2,setosa", lines.get(1));
        assertEquals("5.9,3,5.1,1.8,virginica", lines.get(150));
        // Breast cancer's classes (malignant, benign) are not sorted: stated, they read back.
        Dataset cancer = Datasets.breastCancer();
        Csv.write(cancer, file);
        assertSameData(cancer, Csv.read(file,
                CsvOptions.defaults().withClasses(cancer.classNames())));
        Dataset sorted = Csv.read(file);
        assertEquals(ImmutableList.of("benign", "malignant"), sorted.classNames());
        assertEquals(cancer.labelEncoder().decode(cancer.labels()),
                sorted.labelEncoder().decode(sorted.labels()));
    }

    @Test
    void roundTripIsExactForAwkwardValuesAndGzip() throws IOException {
        Dataset original = new Dataset(
                Tensor.of(new double[][] {{0.1, -0.0, 1e-300}, {1e20, -3, 2.0 / 3}}),
                ImmutableIntArray.of(1, 0), ImmutableList.of("needs, quoting", "\"quoted\""));
        Path file = directory.resolve("awkward.csv.gz");
        Csv.write(original, file);
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("x0,x1,x2,label\n0.1,-0.0,1.0E-300,\"\"\"quoted\"\"\"\n"
                    + "1.0E20,-3,0.6666666666666666,\"needs, quoting\"\n", text);
        }
        Dataset back = Csv.read(file, CsvOptions.defaults().withClasses(original.classNames()));
        assertSameData(original, back);
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(back.features().get(0, 1)));
    }

    @Test
    void writesColumnNamesClassNamesAndIntegralValuesAsIntegers() throws IOException {
        Path file = directory.resolve("small.csv");
        Csv.write(new Dataset(Tensor.of(new double[][] {{5.1, 3}, {127, 0.25}}),
                ImmutableIntArray.of(0, 1), ImmutableList.of("a", "b")), file);
        assertEquals("x0,x1,label\n5.1,3,a\n127,0.25,b\n", Files.readString(file));
        Csv.write(new Dataset(Tensor.zeros(2, 0), ImmutableIntArray.of(1, 0),
                ImmutableList.of("a", "b")), file);
        assertEquals("label\nb\na\n", Files.readString(file));
        assertEquals(Shape.of(2, 0), Csv.read(file).features().shape());
    }

    @Test
    void infinitiesAreWrittenAsPandasWritesThemAndReadBack() throws IOException {
        double inf = Double.POSITIVE_INFINITY;
        Dataset original = new Dataset(Tensor.of(new double[][] {{inf, -inf}, {1, 2}}),
                ImmutableIntArray.of(0, 1), ImmutableList.of("a", "b"));
        Path file = directory.resolve("inf.csv");
        Csv.write(original, file);
        assertEquals("x0,x1,label\ninf,-inf,a\n1,2,b\n", Files.readString(file));
        assertSameData(original, Csv.read(file));
    }

    @Test
    void classNamesThatWouldReadBackAsMissingAreRefused() {
        Path file = directory.resolve("na.csv");
        for (String name : List.of("NA", "None", "nan", "null")) {
            Dataset data = new Dataset(Tensor.of(new double[][] {{1}}), ImmutableIntArray.of(0),
                    ImmutableList.of(name));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Csv.write(data, file));
            assertTrue(e.getMessage().contains("class name '" + name + "' would read back as a"
                    + " missing value"), e.getMessage());
        }
        assertTrue(Files.notExists(file));
    }

    @Test
    void float32DataReadsBackAsFloat64WithEqualValues() {
        Dataset float32 = Datasets.iris().withFeatures(Datasets.iris().features().cast(DType.FLOAT32));
        Path file = directory.resolve("f32.csv");
        Csv.write(float32, file);
        Dataset back = Csv.read(file);
        assertEquals(DType.FLOAT64, back.features().dtype());
        assertArrayEquals(float32.features().toArray(), back.features().toArray(), 0.0);
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = directory.resolve("iris.csv");
        Files.writeString(file, "old content");
        Csv.write(Datasets.iris(), file);
        assertTrue(Files.readString(file)
                .startsWith("x0,x1,x2,x3,label\n5.1,3.5,1.4,0.2,setosa\n"));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void failedWriteLeavesTheTargetUntouched() throws IOException {
        Path file = directory.resolve("keep.csv");
        Files.writeString(file, "old content");
        Dataset withNaN = new Dataset(Tensor.of(new double[][] {{1, Double.NaN}}),
                ImmutableIntArray.of(0), ImmutableList.of("a"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.write(withNaN, file));
        assertTrue(e.getMessage().contains("feature 1 of sample 0 is NaN"), e.getMessage());
        assertEquals("old content", Files.readString(file));
        UncheckedIOException noDirectory = assertThrows(UncheckedIOException.class,
                () -> Csv.write(Datasets.iris(), directory.resolve("no/such/dir.csv")));
        assertTrue(noDirectory.getMessage().contains("dir.csv"), noDirectory.getMessage());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void skipsALeadingUtf8ByteOrderMark() throws IOException {
        byte[] text = "2,1,a,b\n1,0\n2,1\n".getBytes(StandardCharsets.UTF_8);
        Dataset data = parse(concat(BOM, text));
        assertEquals(ImmutableList.of("a", "b"), data.classNames());
        assertEquals(ImmutableIntArray.of(0, 1), data.labels());
        assertEquals(ImmutableList.of("a", "b"), parse(gzip(concat(BOM, text))).classNames());
        Dataset headerless = Csv.readWithoutHeader(new ByteArrayInputStream(
                concat(BOM, "1,0\n".getBytes(StandardCharsets.UTF_8))), "h.csv", 1, List.of("a"));
        assertArrayEquals(new double[] {1}, headerless.features().toArray(), 0.0);
        // Only one leading mark is skipped; anywhere else it is a visible (escaped) bad value.
        String second = sizeFailure("\uFEFF\uFEFF1,1,a\n1,0\n");
        assertTrue(second.contains("line 1") && second.contains("'\\uFEFF1'"), second);
    }

    @Test
    void trailingBlankLinesAreIgnoredButABlankLineBeforeARowIsAnError() {
        for (String end :
                List.of("\n", "\n\n", "\n\n\n", "\n  \n\t\n", "\r\n\r\n", "\n\r\n \r\n")) {
            Dataset data = parse("2,1,a\n1,0\n2,0" + end);
            assertEquals(ImmutableIntArray.of(0, 0), data.labels(), end);
        }
        String middle = failure("2,1,a\n1,0\n\n2,0\n");
        assertTrue(middle.contains("t.csv line 3") && middle.contains("empty"), middle);
        String spaces = failure("2,1,a\n1,0\n   \n2,0\n\n");
        assertTrue(spaces.contains("t.csv line 3") && spaces.contains("empty"), spaces);
        String beforeHeader = failure("\n2,1,a\n1,0\n2,0\n");
        assertTrue(beforeHeader.contains("t.csv line 1") && beforeHeader.contains("empty"),
                beforeHeader);
        String onlyBlank = failure("\n\n");
        assertTrue(onlyBlank.contains("t.csv") && onlyBlank.contains("empty"), onlyBlank);
        // Extra rows are still reported, after trailing blank lines too.
        String more = failure("1,1,a\n1,0\n2,0\n\n");
        assertTrue(more.contains("t.csv line 3") && more.contains("n = 1"), more);
        Dataset headerless = Csv.readWithoutHeader(new ByteArrayInputStream(
                "1,0\n2,0\n\n\n".getBytes(StandardCharsets.UTF_8)), "h.csv", 1, List.of("a"));
        assertEquals(2, headerless.size());
    }

    @Test
    void malformedQuotingIsAnIllegalArgumentNamingTheSourceAndLine() {
        IllegalArgumentException unterminated = assertThrows(IllegalArgumentException.class,
                () -> parse("2,1,a\n1,0\n\"2,0\n"));
        assertTrue(unterminated.getMessage().contains("t.csv line 3")
                && unterminated.getMessage().contains("EOF"), unterminated.getMessage());
        assertTrue(unterminated.getCause() instanceof CSVException, unterminated.toString());
        String afterQuote = failure("1,1,a\n\"1\"x,0\n");
        assertTrue(afterQuote.contains("t.csv line 2") && afterQuote.contains("Invalid character"),
                afterQuote);
    }

    @Test
    void readFailuresAreUncheckedIoButCorruptGzipIsBadContent() throws IOException {
        for (int goodBytes : new int[] {0, 10}) {
            InputStream failing = new InputStream() {
                private final InputStream text = new ByteArrayInputStream(
                        "2,1,a\n1,0\n2,0\n".getBytes(StandardCharsets.UTF_8));
                private int left = goodBytes;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) {
                        throw new IOException("disk on fire");
                    }
                    return text.read();
                }
            };
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> Csv.read(failing, "t.csv"));
            assertEquals("csv: cannot read t.csv: disk on fire", e.getMessage());
            assertEquals("disk on fire", e.getCause().getMessage());
        }
        byte[] compressed = gzip("2,1,a\n1,0\n2,0\n".getBytes(StandardCharsets.UTF_8));
        String truncated = assertThrows(IllegalArgumentException.class,
                () -> parse(Arrays.copyOf(compressed, compressed.length - 12))).getMessage();
        assertTrue(truncated.contains("t.csv") && truncated.contains("gzip"), truncated);
    }

    @Test
    void missingFileSaysNoSuchFile() {
        Path missing = directory.resolve("missing.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Csv.read(missing));
        assertEquals("csv: cannot read " + missing + ": no such file", e.getMessage());
        assertTrue(e.getCause() instanceof NoSuchFileException, e.toString());
        UncheckedIOException headerless = assertThrows(UncheckedIOException.class,
                () -> Csv.readWithoutHeader(missing, 1, List.of("a")));
        assertEquals("csv: cannot read " + missing + ": no such file", headerless.getMessage());
        UncheckedIOException write = assertThrows(UncheckedIOException.class,
                () -> Csv.write(Datasets.iris(), directory.resolve("nowhere/iris.csv")));
        assertTrue(write.getMessage().endsWith(
                ": no such directory " + directory.resolve("nowhere")), write.getMessage());
    }

    @Test
    void spacesAroundFieldsAreIgnoredButQuotedSpacesAreKept() {
        Dataset data = parse("2 , 1 , cat ,  dog  \n 1.5 , 1 \n2,0\t\n");
        assertEquals(ImmutableList.of("cat", "dog"), data.classNames());
        assertArrayEquals(new double[] {1.5, 2}, data.features().toArray(), 0.0);
        assertEquals(ImmutableList.of(" cat", "dog "), parse("1,1,\" cat\", \"dog \"\n1,0\n")
                .classNames());
        assertTrue(failure("1,1,a, a \n1,0\n").contains("'a' appears twice"));
        String trailingComma = failure("1,1,a,b,\n1,0\n");
        assertTrue(trailingComma.contains("t.csv line 1") && trailingComma.contains("class name 2")
                && trailingComma.contains("empty"), trailingComma);
    }

    @Test
    void classNamesWithSurroundingSpacesRoundTripAndEmptyNamesAreRefused() {
        Dataset spaced = new Dataset(Tensor.of(new double[][] {{1}, {2}}),
                ImmutableIntArray.of(0, 1), ImmutableList.of(" a", "b ", "c"));
        Path file = directory.resolve("spaced.csv");
        Csv.write(spaced, file);
        assertSameData(spaced, Csv.read(file, CsvOptions.defaults().withClasses(" a", "b ", "c")));
        // Unstated, the classes are those found in the file: 'c' has no sample.
        assertEquals(ImmutableList.of(" a", "b "), Csv.read(file).classNames());
        Dataset empty = new Dataset(Tensor.of(new double[][] {{1}}), ImmutableIntArray.of(0),
                ImmutableList.of("a", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Csv.write(empty, file));
        assertTrue(e.getMessage().contains("class name 1 is empty"), e.getMessage());
    }

    @Test
    void integralDecimalLabelsAreAccepted() {
        Dataset data = parse("4,1,a,b,c\n1,1.0\n2,2.\n3,0e0\n4,+1.000\n");
        assertEquals(ImmutableIntArray.of(1, 2, 0, 1), data.labels());
        String outside = failure("1,1,a,b\n1,2.0\n");
        assertTrue(outside.contains("t.csv line 2") && outside.contains("label 2.0")
                && outside.contains("0..1"), outside);
        String huge = failure("1,1,a,b\n1,99999999999\n");
        assertTrue(huge.contains("label 99999999999") && huge.contains("0..1"), huge);
        String word = failure("1,1,a,b\n1,b\n");
        assertTrue(word.contains("label is not an integer: 'b'"), word);
    }

    @Test
    void textThatIsNotUtf8IsRefusedNamingTheLine() {
        byte[] latin1 = "1,1,caf\u00e9,b\n1,0\n".getBytes(StandardCharsets.ISO_8859_1);
        String message = assertThrows(IllegalArgumentException.class, () -> parse(latin1))
                .getMessage();
        assertTrue(message.contains("t.csv line 1") && message.contains("UTF-8"), message);
        byte[] utf16 = "1,1,a\n1,0\n".getBytes(StandardCharsets.UTF_16);
        String wide = assertThrows(IllegalArgumentException.class, () -> parse(utf16)).getMessage();
        assertTrue(wide.contains("t.csv line 1") && wide.contains("UTF-8"), wide);
    }

    @Test
    void invisibleCharactersInBadValuesAreEscaped() {
        String nbsp = failure("1,1,a\n1\u00a0,0\n");
        assertTrue(nbsp.contains("t.csv line 2") && nbsp.contains("'1\\u00A0'"), nbsp);
        String zeroWidth = failure("1,1,a\n1,\u200b0\n");
        assertTrue(zeroWidth.contains("'\\u200B0'"), zeroWidth);
    }

    private static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.features().shape(), actual.features().shape());
        assertArrayEquals(expected.features().toArray(), actual.features().toArray(), 0.0);
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.classNames(), actual.classNames());
    }
}
