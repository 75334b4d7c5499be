package jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safetensors reader and writer: the fixtures that {@code safetensors_fixture.py} (NumPy only,
 * by the published specification) wrote and read, round trips, every validation rule with the
 * message it gives, and atomic writes.
 */
class SafetensorsTest {

    @TempDir
    Path folder;

    // ---------------------------------------------------------------- the fixtures

    @Test
    void readsTheFileNumPyWroteByTheSpecification() throws IOException {
        Path file = resource("written-by-numpy.safetensors");
        SafetensorsFile contents = Safetensors.read(file);
        // header order, not buffer order
        assertEquals(List.of("weight", "bias", "step", "empty", "layers.0.special", "counts",
                "labels"),
                contents.tensors().keySet().asList());
        assertEquals(ImmutableMap.of("format", "np", "epoch", "3", "note", "ünïcode ✓"),
                contents.metadata());
        Tensor weight = contents.tensors().get("weight");
        assertEquals(DType.FLOAT64, weight.dtype());
        assertEquals(Shape.of(2, 3), weight.shape());
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1, 1.5}, weight.toArray());
        Tensor bias = contents.tensors().get("bias");
        assertEquals(DType.FLOAT32, bias.dtype());
        assertArrayEquals(new double[] {0.1f, -2.5f, 3.0e38f}, bias.toArray());
        assertEquals(7.0, contents.tensors().get("step").item());
        assertEquals(Shape.scalar(), contents.tensors().get("step").shape());
        assertEquals(Shape.of(0, 4), contents.tensors().get("empty").shape());
        assertEquals(DType.FLOAT32, contents.tensors().get("empty").dtype());
        double[] special = contents.tensors().get("layers.0.special").toArray();
        assertEquals(Shape.of(2, 1, 2), contents.tensors().get("layers.0.special").shape());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(special[0]));
        assertEquals(Double.POSITIVE_INFINITY, special[1]);
        assertEquals(Double.NEGATIVE_INFINITY, special[2]);
        assertTrue(Double.isNaN(special[3]));
        Tensor counts = contents.tensors().get("counts");
        assertEquals(DType.INT64, counts.dtype());
        assertArrayEquals(new long[] {1, -2, 1L << 60}, counts.toLongArray());
        Tensor labels = contents.tensors().get("labels");
        assertEquals(DType.INT32, labels.dtype());
        assertEquals(Shape.of(2, 2), labels.shape());
        assertArrayEquals(new int[] {0, 7, -1, Integer.MAX_VALUE}, labels.toIntArray());
    }

    @Test
    void writesExactlyTheBytesOfTheFileNumPyRead() throws IOException {
        // safetensors_fixture.py reads written-by-jgrad.safetensors and checks these values
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", Tensor.of(new double[][] {{1, 2}, {3, 4}}));
        tensors.put("0.bias", Tensor.of(0.5, -0.25).cast(DType.FLOAT32));
        tensors.put("scalar", Tensor.scalar(Math.PI));
        tensors.put("empty", Tensor.zeros(0));
        tensors.put("special", Tensor.of(Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 1e-45).cast(DType.FLOAT32));
        tensors.put("step", Tensor.ofLongs(new long[] {(1L << 53) + 1}, new int[0]));
        tensors.put("labels", Tensor.ofInts(3, -4, Integer.MIN_VALUE));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("epoch", "5");
        metadata.put("note", "ünïcode ✓");
        Path file = folder.resolve("out.safetensors");
        Safetensors.write(file, tensors, metadata);
        assertArrayEquals(Files.readAllBytes(resource("written-by-jgrad.safetensors")),
                Files.readAllBytes(file));
        // the buffer starts at a multiple of 8 bytes
        assertEquals(0, (8 + ByteBuffer.wrap(Files.readAllBytes(file))
                .order(ByteOrder.LITTLE_ENDIAN).getLong()) % 8);
    }

    @Test
    void roundTripKeepsNamesOrderDtypesShapesBitsAndMetadata() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.last-first", Tensor.of(new double[] {1e-310, -0.0, Double.NaN,
                Double.MAX_VALUE}, 2, 2));
        tensors.put("a", Tensor.of(new double[] {0.1, 1e30, -3}, 3, 1).cast(DType.FLOAT32));
        tensors.put("nothing", Tensor.zeros(2, 0, 3));
        tensors.put("ünïcode", Tensor.scalar(-1.5));
        tensors.put("int64", Tensor.ofLongs(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0}, 3, 1));
        tensors.put("int32", Tensor.ofInts(new int[0], 0));
        Path file = folder.resolve("round.safetensors");
        Safetensors.write(file, tensors, Map.of("k", "v \"quoted\" \\ {}"));
        SafetensorsFile back = Safetensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), back.tensors().keySet().asList());
        tensors.forEach((name, tensor) -> {
            Tensor read = back.tensors().get(name);
            assertEquals(tensor.dtype(), read.dtype(), name);
            assertEquals(tensor.shape(), read.shape(), name);
            if (tensor.dtype() == DType.INT64) {
                assertArrayEquals(tensor.toLongArray(), read.toLongArray(), name);
                return;
            }
            double[] want = tensor.toArray();
            double[] got = read.toArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(Double.doubleToRawLongBits(want[i]),
                        Double.doubleToRawLongBits(got[i]), name + "[" + i + "]");
            }
        });
        assertEquals(Map.of("k", "v \"quoted\" \\ {}"), back.metadata());
    }

    // ---------------------------------------------------------------- validation

    @Test
    void aFileTooShortForTheLengthIsRefusedNamingTheFile() throws IOException {
        Path file = folder.resolve("short.safetensors");
        Files.write(file, new byte[] {1, 2, 3});
        assertRefused(file, "the file has 3 bytes, fewer than the 8 of the header length");
    }

    @Test
    void aHeaderLengthBeyondTheFileOrTheLimitIsRefusedBeforeAllocating() throws IOException {
        assertRefused(file(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1000)
                .array(), "{}".getBytes(StandardCharsets.UTF_8)),
                "the header length 1000 exceeds the 2 bytes after the length (truncated?)");
        // 2^40 bytes would be a terabyte: refused from the 8 bytes alone
        assertRefused(file(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(1L << 40).array()), "the header length 1099511627776 is above the"
                + " limit of 100000000 bytes");
        // an unsigned length above 2^63 reads as negative in Java
        assertRefused(file(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(-8)
                .array()), "the header length 18446744073709551608 is above the limit");
    }

    @Test
    void malformedHeadersAreRefusedNamingTheRule() throws IOException {
        assertRefused(withHeader("[]", 0), "the header does not start with '{'");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", ", 0),
                "the header is not valid JSON");
        assertRefused(withHeader("{} {}", 0), "the header is not valid JSON");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [], \"data_offsets\":"
                + " [0, 8]}, \"a\": {\"dtype\": \"F64\", \"shape\": [], \"data_offsets\": [8, 16]}}",
                16), "the header has the key 'a' twice");
        assertRefused(withHeader("{\"\": {\"dtype\": \"F64\", \"shape\": [], \"data_offsets\":"
                + " [0, 8]}}", 8), "the header has a tensor with an empty name");
        assertRefused(withHeader("{\"__metadata__\": {\"epoch\": 3}}", 0),
                "__metadata__ value of 'epoch' must be a string, got NUMBER");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [], \"data_offsets\":"
                + " [0, 8], \"strides\": [1]}}", 8), "tensor 'a' has the unknown field 'strides'");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"data_offsets\": [0, 8]}}", 8),
                "tensor 'a' lacks shape");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [-1], \"data_offsets\":"
                + " [0, 8]}}", 8), "tensor 'a': shape holds the negative -1");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [1.5], \"data_offsets\":"
                + " [0, 8]}}", 8), "tensor 'a': shape holds 1.5, not an integer in range");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [], \"data_offsets\":"
                + " [8, 0]}}", 8), "tensor 'a': data_offsets must be [begin, end] with begin"
                + " <= end, got [8, 0]");
        byte[] invalidUtf8 = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'};
        assertRefused(file(length(invalidUtf8.length), invalidUtf8),
                "the header is not valid UTF-8");
    }

    @Test
    void dtypesJgradDoesNotReadAreRefusedNamingTheTensor() throws IOException {
        assertRefused(withHeader("{\"w\": {\"dtype\": \"BF16\", \"shape\": [2], \"data_offsets\":"
                + " [0, 4]}}", 4), "tensor 'w' has dtype BF16, which jgrad does not read (it"
                + " reads F64, F32, I64 and I32)");
        assertRefused(withHeader("{\"w\": {\"dtype\": \"F128\", \"shape\": [1], \"data_offsets\":"
                + " [0, 16]}}", 16), "tensor 'w' has the unknown dtype 'F128'");
    }

    @Test
    void offsetsMustFitTheShapeAndTileTheBufferExactly() throws IOException {
        assertRefused(withHeader("{\"w\": {\"dtype\": \"F64\", \"shape\": [2, 3], \"data_offsets\":"
                + " [0, 40]}}", 40), "tensor 'w' of dtype F64 and shape [2, 3] needs 48 bytes,"
                + " but data_offsets [0, 40] span 40");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [2], \"data_offsets\":"
                + " [0, 16]}, \"b\": {\"dtype\": \"F64\", \"shape\": [1], \"data_offsets\":"
                + " [8, 16]}}", 16), "the data of 'b' [8, 16) overlaps that of 'a' [0, 16)");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [1], \"data_offsets\":"
                + " [8, 16]}}", 16), "the bytes [0, 8) of the buffer belong to no tensor (before"
                + " 'a')");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [1], \"data_offsets\":"
                + " [0, 8]}}", 24), "the buffer has 16 bytes after the last tensor's data that"
                + " belong to no tensor");
        assertRefused(withHeader("{\"a\": {\"dtype\": \"F64\", \"shape\": [3], \"data_offsets\":"
                + " [0, 24]}}", 20), "the data of 'a' [0, 24) ends beyond the 20 bytes of the"
                + " buffer (truncated?)");
    }

    @Test
    void aTruncatedCopyOfAValidFileIsRefusedAtEveryLength() throws IOException {
        Path whole = folder.resolve("whole.safetensors");
        Safetensors.write(whole, Map.of("w", Tensor.of(1, 2, 3)), Map.of("a", "b"));
        byte[] bytes = Files.readAllBytes(whole);
        for (int length = 0; length < bytes.length; length++) {
            Path cut = folder.resolve("cut" + length + ".safetensors");
            Files.write(cut, java.util.Arrays.copyOf(bytes, length));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Safetensors.read(cut), "length " + length);
            assertTrue(e.getMessage().startsWith("safetensors: " + cut + ": "), e.getMessage());
        }
    }

    @Test
    void aMissingFileIsAnUncheckedIoExceptionNamingIt() {
        Path missing = folder.resolve("missing.safetensors");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Safetensors.read(missing));
        assertEquals("safetensors: cannot read " + missing + ": no such file", e.getMessage());
    }

    // ---------------------------------------------------------------- writing

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFile() throws IOException {
        Path file = folder.resolve("model.safetensors");
        Safetensors.write(file, Map.of("w", Tensor.of(1, 2)), Map.of());
        Safetensors.write(file, Map.of("w", Tensor.of(3, 4, 5)), Map.of());
        assertArrayEquals(new double[] {3, 4, 5},
                Safetensors.read(file).tensors().get("w").toArray());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(file), files.toList());
        }
        byte[] before = Files.readAllBytes(file);
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(file,
                Map.of("__metadata__", Tensor.of(1)), Map.of()));
        assertArrayEquals(before, Files.readAllBytes(file));
        Path nowhere = folder.resolve("no/such/folder/model.safetensors");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Safetensors.write(nowhere, Map.of("w", Tensor.of(1)), Map.of()));
        assertEquals("safetensors: cannot write " + nowhere + ": no such directory "
                + nowhere.getParent(), e.getMessage());
        assertFalse(Files.exists(nowhere.getParent()));
    }

    // ---------------------------------------------------------------- helpers

    private Path resource(String name) throws IOException {
        Path file = folder.resolve(name);
        try (InputStream in = SafetensorsTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        return file;
    }

    private void assertRefused(Path file, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Safetensors.read(file));
        String expected = "safetensors: " + file + ": " + message;
        assertTrue(e.getMessage().startsWith(expected),
                () -> "expected a message starting with\n  " + expected + "\nbut got\n  "
                        + e.getMessage());
    }

    /** A file of {@code header} (length-prefixed, unpadded) and {@code bufferBytes} zero bytes. */
    private Path withHeader(String header, int bufferBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return file(length(json.length), json, new byte[bufferBytes]);
    }

    private static byte[] length(long length) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(length).array();
    }

    private int files;

    private Path file(byte[]... parts) throws IOException {
        Path file = folder.resolve("case" + files++ + ".safetensors");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        Files.write(file, out.toByteArray());
        return file;
    }
}
