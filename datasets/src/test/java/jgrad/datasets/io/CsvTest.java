package jgrad.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import jgrad.datasets.Dataset;
import jgrad.datasets.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir
    Path directory;

    private static Dataset parse(String text) {
        return Csv.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> parse(text)).getMessage();
    }

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
        String fraction = failure("1,1,a,b\n1,0.0\n");
        assertTrue(fraction.contains("line 2") && fraction.contains("'0.0'"), fraction);
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
        String noClasses = failure("1,1\n1,0\n");
        assertTrue(noClasses.contains("line 1") && noClasses.contains("class name"), noClasses);
        String n = failure("many,1,a\n1,0\n");
        assertTrue(n.contains("line 1") && n.contains("'many'"), n);
        String features = failure("1,-1,a\n1,0\n");
        assertTrue(features.contains("numFeatures") && features.contains("'-1'"), features);
        String twice = failure("1,1,a,a\n1,0\n");
        assertTrue(twice.contains("'a' appears twice"), twice);
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
    void writeThenReadGivesTheSameDataSet() {
        for (Dataset original : List.of(Datasets.iris(), Datasets.wine(), Datasets.digits())) {
            Path file = directory.resolve("copy.csv");
            Csv.write(original, file);
            assertSameData(original, Csv.read(file));
        }
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
            assertTrue(text.startsWith("2,3,\"needs, quoting\",\"\"\"quoted\"\"\"\n"), text);
        }
        Dataset back = Csv.read(file);
        assertSameData(original, back);
        assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(back.features().get(0, 1)));
    }

    @Test
    void writesIntegralValuesAsIntegersInTheSharedHeaderFormat() throws IOException {
        Path file = directory.resolve("small.csv");
        Csv.write(new Dataset(Tensor.of(new double[][] {{5.1, 3}, {127, 0.25}}),
                ImmutableIntArray.of(0, 1), ImmutableList.of("a", "b")), file);
        assertEquals("2,2,a,b\n5.1,3,0\n127,0.25,1\n", Files.readString(file));
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
        assertTrue(Files.readString(file).startsWith("150,4,setosa,versicolor,virginica\n"));
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

    private static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.features().shape(), actual.features().shape());
        assertArrayEquals(expected.features().toArray(), actual.features().toArray(), 0.0);
        assertEquals(expected.labels(), actual.labels());
        assertEquals(expected.classNames(), actual.classNames());
    }
}
