package jgrad.datasets.io;

import static jgrad.datasets.io.NpyTest.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableIntArray;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import jgrad.core.Shape;
import jgrad.datasets.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path directory;

    private static Path idx(String name) {
        return resource("cases/idx/" + name);
    }

    private static String failure(Path path) {
        return assertThrows(IllegalArgumentException.class, () -> Idx.read(path)).getMessage();
    }

    private static String failure(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class,
                () -> Idx.read(new ByteArrayInputStream(bytes), "t.idx")).getMessage();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    // ---------------------------------------------------------------- N17

    @Test
    void n17Uint8ImagesAndLabelsReadBigEndian() {
        NdArray images = Idx.read(idx("images-ubyte.idx3"));
        assertEquals(ElementType.UINT8, images.elementType());
        assertEquals(Shape.of(2, 2, 3), images.shape());
        assertArrayEquals(new int[] {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220},
                images.toIntArray());
        NdArray labels = Idx.read(idx("labels-ubyte.idx1"));
        assertEquals(ImmutableIntArray.of(7, 2), labels.toImmutableIntArray());
    }

    @Test
    void n17FloatAndDoubleElementsAreBigEndian() {
        NdArray floats = Idx.read(idx("float-be.idx2"));
        assertEquals(ElementType.FLOAT32, floats.elementType());
        assertEquals(Shape.of(2, 2), floats.shape());
        assertArrayEquals(new double[] {1.5, -2, 0.25, 0.0010000000474974513},
                floats.toDoubleArray(), 0.0);
        NdArray doubles = Idx.read(idx("double-be.idx1"));
        assertEquals(ElementType.FLOAT64, doubles.elementType());
        assertArrayEquals(new double[] {3.141592653589793, -1, 2.5}, doubles.toDoubleArray(), 0.0);
    }

    @Test
    void n17GzipDataThatIsNotValidNamesTheMagicAndGzip() {
        String message = failure(idx("gzipped-not-decompressed.idx"));
        assertTrue(message.contains("gzipped-not-decompressed.idx")
                && message.contains("1F 8B 08 00") && message.contains("gzip")
                && message.contains("magic"), message);
    }

    @Test
    void n17TruncatedFileNamesExpectedAndActualSizes() throws IOException {
        String message = failure(idx("truncated.idx3"));
        assertTrue(message.contains("truncated.idx3") && message.contains("truncated")
                && message.contains("need 12 bytes") && message.contains("has 7"), message);
        // The same from a stream and from a gzip-compressed copy.
        byte[] bytes = Files.readAllBytes(idx("truncated.idx3"));
        assertTrue(failure(bytes).contains("has 7"), failure(bytes));
        assertTrue(failure(gzip(bytes)).contains("has 7"), failure(gzip(bytes)));
    }

    @Test
    void n17DimensionsReadLittleEndianWouldBeRefusedNotAllocated() {
        // images-ubyte.idx3 with its dimensions stored little-endian: read as IDX (big-endian)
        // they are 33554432, 33554432, 50331648, which no reader may try to allocate.
        byte[] swapped = {0, 0, 8, 3, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0,
            0, 20, 40, 60, 80, 100, 120, (byte) 140, (byte) 160, (byte) 180, (byte) 200,
            (byte) 220};
        String message = failure(swapped);
        assertTrue(message.contains("[33554432, 33554432, 50331648]")
                && message.contains("more elements than a Java array holds"), message);
    }

    @Test
    void gzipFilesAreRecognisedByTheirMagicWhateverTheirName() throws IOException {
        Path file = directory.resolve("images.idx3");
        Files.write(file, gzip(Files.readAllBytes(idx("images-ubyte.idx3"))));
        assertEquals(Idx.read(idx("images-ubyte.idx3")), Idx.read(file));
    }

    // ---------------------------------------------------------------- validation

    @Test
    void badMagicUnsupportedTypeAndShortHeaderAreNamed() throws IOException {
        String bad = failure(new byte[] {0x61, 0, 8, 1, 0, 0, 0, 0});
        assertTrue(bad.contains("t.idx") && bad.contains("bad magic number 61 00 08 01")
                && bad.contains("00 00"), bad);
        String twice = failure(gzip(gzip(Files.readAllBytes(idx("labels-ubyte.idx1")))));
        assertTrue(twice.contains("1F 8B") && twice.contains("gzipped twice"), twice);
        String type = failure(new byte[] {0, 0, 0x0A, 1, 0, 0, 0, 0});
        assertTrue(type.contains("unsupported type code 0x0A"), type);
        String empty = failure(new byte[0]);
        assertTrue(empty.contains("has 0 bytes"), empty);
        String dims = failure(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0});
        assertTrue(dims.contains("3 dimensions") && dims.contains("has 6 bytes"), dims);
    }

    @Test
    void trailingDataIsAnError() throws IOException {
        Path file = directory.resolve("long.idx1");
        Files.write(file, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 2, 9});
        String message = failure(file);
        assertTrue(message.contains("1 bytes after the 2 bytes of data"), message);
        String stream = failure(new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 2, 9});
        assertTrue(stream.contains("continues after the 2 bytes"), stream);
    }

    @Test
    void missingFileIsAnUncheckedIoException() {
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Idx.read(directory.resolve("absent.idx")));
        assertTrue(e.getMessage().contains("absent.idx") && e.getMessage().contains("no such file"),
                e.getMessage());
    }

    // ---------------------------------------------------------------- data sets

    @Test
    void imagesAndLabelsMakeADatasetOfFlattenedImages() {
        Dataset data = Idx.readDataset(idx("images-ubyte.idx3"), idx("labels-ubyte.idx1"),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        assertEquals(Shape.of(2, 6), data.features().shape());
        assertArrayEquals(new double[] {0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220},
                data.features().toArray(), 0.0);
        assertEquals(ImmutableIntArray.of(7, 2), data.labels());
    }

    @Test
    void mismatchingImageAndLabelCountsNameBothFiles() throws IOException {
        Path labels = directory.resolve("three-labels.idx1");
        Idx.write(NdArray.ofUnsignedBytes(new byte[] {1, 2, 3}, 3), labels);
        String message = assertThrows(IllegalArgumentException.class,
                () -> Idx.readDataset(idx("images-ubyte.idx3"), labels, List.of("a", "b", "c",
                        "d"))).getMessage();
        assertTrue(message.contains("images-ubyte.idx3") && message.contains("has 2 images")
                && message.contains("three-labels.idx1") && message.contains("3 labels"), message);
        String range = assertThrows(IllegalArgumentException.class,
                () -> Idx.readDataset(idx("images-ubyte.idx3"), idx("labels-ubyte.idx1"),
                        List.of("a", "b"))).getMessage();
        assertTrue(range.contains("label 7 at index 0") && range.contains("0..1"), range);
        String swapped = assertThrows(IllegalArgumentException.class,
                () -> Idx.readDataset(idx("labels-ubyte.idx1"), idx("images-ubyte.idx3"),
                        List.of("a"))).getMessage();
        assertTrue(swapped.contains("labels file must be a 1-D integer array"), swapped);
    }

    @Test
    void writeRefusesTypesWithoutAnIdxCode() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Idx.write(NdArray.ofLongs(new long[] {1}, 1), directory.resolve("l.idx")));
        assertTrue(e.getMessage().contains("int64"), e.getMessage());
        assertEquals(ImmutableList.of(), ImmutableList.copyOf(directory.toFile().list()));
    }
}
