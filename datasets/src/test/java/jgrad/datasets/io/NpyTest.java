package jgrad.datasets.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.collect.ImmutableMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jgrad.core.DType;
import jgrad.core.Shape;
import jgrad.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    /** The (2, 3) values of each dtype's fixture: the same literals as npy_fixtures.py. */
    static final ImmutableMap<String, NdArray> EXPECTED = ImmutableMap.<String, NdArray>builder()
            .put("float64", NdArray.ofDoubles(new double[] {1.5, -2.0, 3.25, Double.NaN,
                    Double.POSITIVE_INFINITY, -0.0}, 2, 3))
            .put("float32", NdArray.ofFloats(new float[] {1.5f, -2f, 0.1f, Float.NaN,
                    Float.NEGATIVE_INFINITY, Float.MAX_VALUE}, 2, 3))
            .put("int64", NdArray.ofLongs(new long[] {Long.MIN_VALUE, -1, 0, (1L << 53) + 1, 2,
                    Long.MAX_VALUE}, 2, 3))
            .put("int32", NdArray.ofInts(new int[] {Integer.MIN_VALUE, -1, 0, 1, 2,
                    Integer.MAX_VALUE}, 2, 3))
            .put("int16", NdArray.ofShorts(new short[] {Short.MIN_VALUE, -1, 0, 1, 2,
                    Short.MAX_VALUE}, 2, 3))
            .put("int8", NdArray.ofBytes(new byte[] {-128, -1, 0, 1, 2, 127}, 2, 3))
            .put("uint8", NdArray.ofUnsignedBytes(new byte[] {0, 1, 127, (byte) 128, (byte) 254,
                    (byte) 255}, 2, 3))
            .put("bool", NdArray.ofBooleans(new boolean[] {true, false, true, false, false,
                    true}, 2, 3))
            .buildOrThrow();

    /** N16's array [[1.5, -2, 3.25], [4, 5, -6.5]]. */
    private static final double[] N16 = {1.5, -2, 3.25, 4, 5, -6.5};

    @TempDir
    Path directory;

    static Path resource(String name) {
        try {
            return Path.of(NpyTest.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    private static String failure(Path path) {
        return assertThrows(IllegalArgumentException.class, () -> Npy.read(path)).getMessage();
    }

    private static String failure(byte[] bytes) {
        return assertThrows(IllegalArgumentException.class,
                () -> Npy.read(new ByteArrayInputStream(bytes), "t.npy")).getMessage();
    }

    /** A version 1.0 file with the given header dict (padded to 64) and data bytes. */
    static byte[] npy(String dict, byte[] data) {
        int padding = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer bytes = ByteBuffer.allocate(10 + header.length() + data.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return bytes.array();
    }

    private static byte[] littleEndianDoubles(double... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return bytes.array();
    }

    // ---------------------------------------------------------------- N16

    @Test
    void n16VersionsOneTwoAndThreeHeadersReadTheSameArray() {
        for (String name : List.of("v1_c_f8.npy", "v2_c_f8.npy", "v3_c_f8.npy",
                "v1_big_endian_f8.npy", "v1_fortran_f8.npy")) {
            NdArray array = Npy.read(resource("cases/npy/" + name));
            assertEquals(ElementType.FLOAT64, array.elementType(), name);
            assertEquals(Shape.of(2, 3), array.shape(), name);
            assertArrayEquals(N16, array.toDoubleArray(), 0.0, name);
        }
    }

    @Test
    void n16FortranOrderIsTransposedOnRead() {
        // The file holds 1.5, 4, -2, 5, 3.25, -6.5 (column-major); a[0, 1] is -2 as in NumPy.
        NdArray array = Npy.read(resource("cases/npy/v1_fortran_f8.npy"));
        assertEquals(-2.0, array.get(0, 1), 0.0);
        assertEquals(4.0, array.get(1, 0), 0.0);
    }

    @Test
    void n16ScalarEmptyAndFloat32() {
        NdArray scalar = Npy.read(resource("cases/npy/v1_scalar_f8.npy"));
        assertEquals(Shape.scalar(), scalar.shape());
        assertEquals(7.25, scalar.get(), 0.0);
        assertEquals(7.25, scalar.toTensor().item(), 0.0);
        NdArray empty = Npy.read(resource("cases/npy/v1_empty_f8.npy"));
        assertEquals(Shape.of(0), empty.shape());
        assertEquals(0, empty.size());
        NdArray float32 = Npy.read(resource("cases/npy/v1_c_f4.npy"));
        assertEquals(ElementType.FLOAT32, float32.elementType());
        assertArrayEquals(new float[] {1.5f, -2, 3.25f, 4, 5, -6.5f}, float32.toFloatArray());
        Tensor tensor = float32.toTensor();
        assertEquals(DType.FLOAT32, tensor.dtype());
        assertArrayEquals(N16, tensor.toArray(), 0.0);
    }

    @Test
    void n16ComplexIsRefusedNamingTheDtype() {
        String message = failure(resource("cases/npy/v1_c_c16.npy"));
        assertTrue(message.contains("v1_c_c16.npy") && message.contains("'<c16'")
                && message.contains("complex"), message);
    }

    @Test
    void n16TheHeaderLengthFieldIsUsedNotAFixedOffset() {
        // A 64-byte file (header length 54) and a 192-byte header both read: no fixed 128.
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }";
        NdArray shortHeader = Npy.read(new ByteArrayInputStream(
                npy(dict, littleEndianDoubles(1, 2))), "short.npy");
        assertArrayEquals(new double[] {1, 2}, shortHeader.toDoubleArray(), 0.0);
        NdArray longHeader = Npy.read(new ByteArrayInputStream(
                npy(dict + " ".repeat(150), littleEndianDoubles(3, 4))), "long.npy");
        assertArrayEquals(new double[] {3, 4}, longHeader.toDoubleArray(), 0.0);
    }

    @Test
    void n16TruncatedDataIsAnErrorNamingBothSizes() throws IOException {
        byte[] whole = Files.readAllBytes(resource("cases/npy/v1_c_f8.npy"));
        Path cut = directory.resolve("cut.npy");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 5));
        String message = failure(cut);
        assertTrue(message.contains("cut.npy") && message.contains("truncated")
                && message.contains("48 bytes") && message.contains("has 43"), message);
        String stream = failure(java.util.Arrays.copyOf(whole, whole.length - 5));
        assertTrue(stream.contains("t.npy") && stream.contains("48 bytes")
                && stream.contains("has 43"), stream);
    }

    @Test
    void n16WriterPadsTheHeaderSoTheDataOffsetIsAMultipleOf64() throws IOException {
        for (int[] shape : List.of(new int[] {}, new int[] {0}, new int[] {3},
                new int[] {2, 3}, new int[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3},
                new int[] {100000, 0, 1000000})) {
            NdArray array = NdArray.ofInts(new int[Shape.of(shape).size()], shape);
            Path file = directory.resolve("padded.npy");
            Npy.write(array, file);
            byte[] bytes = Files.readAllBytes(file);
            int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            int offset = 10 + headerLength;
            assertEquals(0, offset % 64, "offset " + offset);
            assertEquals(1, bytes[6]);
            assertEquals('\n', bytes[offset - 1]);
            String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("{'descr': '<i4', 'fortran_order': False, 'shape': ("),
                    header);
            assertTrue(header.strip().endsWith("), }"), header);
            assertEquals(array, Npy.read(file));
        }
        Path file = directory.resolve("exact.npy");
        Npy.write(Tensor.of(new double[][] {{1.5, -2, 3.25}, {4, 5, -6.5}}), file);
        assertArrayEquals(Files.readAllBytes(resource("cases/npy/v1_c_f8.npy")),
                Files.readAllBytes(file), "byte for byte what numpy 1.24 writes");
    }

    // ---------------------------------------------------------------- NumPy's fixtures

    @Test
    void everyDtypeWrittenByNumpyReadsInBothByteOrders() {
        for (Map.Entry<String, NdArray> entry : EXPECTED.entrySet()) {
            String name = entry.getKey();
            List<String> files = entry.getValue().elementType().byteSize() == 1
                    ? List.of(name + ".npy") : List.of(name + "_le.npy", name + "_be.npy");
            for (String file : files) {
                assertEquals(entry.getValue(), Npy.read(resource("numpy/" + file)), file);
            }
        }
    }

    @Test
    void numpyVersionsFortranScalarsAndEmptyArraysRead() {
        assertEquals(EXPECTED.get("float64"), Npy.read(resource("numpy/float64_v2.npy")));
        assertEquals(EXPECTED.get("float64"), Npy.read(resource("numpy/float64_v3.npy")));
        int[] counting = new int[24];
        for (int i = 0; i < 24; i++) {
            counting[i] = i;
        }
        assertEquals(NdArray.ofInts(counting, 2, 3, 4),
                Npy.read(resource("numpy/int32_fortran_3d.npy")));
        assertEquals(EXPECTED.get("uint8"), Npy.read(resource("numpy/uint8_fortran.npy")));
        assertEquals(NdArray.ofLongs(new long[] {-7}),
                Npy.read(resource("numpy/int64_scalar.npy")));
        assertEquals(NdArray.ofFloats(new float[0], 2, 0),
                Npy.read(resource("numpy/float32_empty_2x0.npy")));
        assertEquals(NdArray.ofBooleans(new boolean[0], 0),
                Npy.read(resource("numpy/bool_empty.npy")));
    }

    @Test
    void unsupportedDtypesAreRefusedNamingThem() {
        Map<String, List<String>> refused = Map.of(
                "refused_complex64.npy", List.of("'<c8'", "complex"),
                "refused_object.npy", List.of("'|O'", "object arrays", "pickled"),
                "refused_unicode.npy", List.of("'<U3'", "strings"),
                "refused_structured.npy", List.of("structured", "'x'", "'<f4'"),
                "refused_float16.npy", List.of("'<f2'"),
                "refused_uint16.npy", List.of("'<u2'"));
        for (Map.Entry<String, List<String>> entry : refused.entrySet()) {
            String message = failure(resource("numpy/" + entry.getKey()));
            assertTrue(message.contains(entry.getKey()), message);
            for (String part : entry.getValue()) {
                assertTrue(message.contains(part), entry.getKey() + ": " + message);
            }
            assertTrue(message.contains("bool, uint8, int8, int16, int32, int64, float32 and"
                    + " float64"), message);
        }
    }

    @Test
    void integerArraysBecomeIntegerTensors() {
        // int32 and int64 keep their dtype; uint8, int8, int16 and bool widen to int32.
        NdArray uint8 = EXPECTED.get("uint8");
        Tensor pixels = uint8.toTensor();
        assertEquals(DType.INT32, pixels.dtype());
        assertEquals(Shape.of(2, 3), pixels.shape());
        assertArrayEquals(new int[] {0, 1, 127, 128, 254, 255}, pixels.toIntArray());
        assertArrayEquals(new int[] {1, 0, 1, 0, 0, 1},
                EXPECTED.get("bool").toTensor().toIntArray());
        assertArrayEquals(new int[] {-128, -1, 0, 1, 2, 127},
                EXPECTED.get("int8").toTensor().toIntArray());
        Tensor int64 = EXPECTED.get("int64").toTensor();
        assertEquals(DType.INT64, int64.dtype());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, (1L << 53) + 1, 2, Long.MAX_VALUE},
                int64.toLongArray());
        assertEquals(DType.INT32, EXPECTED.get("int32").toTensor().dtype());
        assertEquals(EXPECTED.get("int64"), NdArray.of(int64));
        assertEquals(EXPECTED.get("int32"), NdArray.of(EXPECTED.get("int32").toTensor()));
        // As features: float64 values, exact.
        Tensor features = uint8.toFloatTensor();
        assertEquals(DType.FLOAT64, features.dtype());
        assertArrayEquals(new double[] {0, 1, 127, 128, 254, 255}, features.toArray(), 0.0);
    }

    @Test
    void conversionsThatWouldLoseValuesAreRefused() {
        NdArray int64 = EXPECTED.get("int64");
        IllegalStateException rounding = assertThrows(IllegalStateException.class,
                int64::toFloatTensor);
        assertTrue(rounding.getMessage().contains("-9223372036854775808")
                && rounding.getMessage().contains("2^53"), rounding.getMessage());
        IllegalStateException narrowing = assertThrows(IllegalStateException.class,
                int64::toIntArray);
        assertTrue(narrowing.getMessage().contains("int32"), narrowing.getMessage());
        assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 0, (1L << 53) + 1, 2, Long.MAX_VALUE},
                int64.toLongArray());
        assertThrows(IllegalStateException.class, () -> EXPECTED.get("float64").toIntArray());
        assertThrows(IllegalStateException.class, () -> EXPECTED.get("int32").toFloatArray());
        assertThrows(IllegalStateException.class, () -> EXPECTED.get("int32").toBooleanArray());
    }

    @Test
    void integerTensorsWriteAsInt32AndInt64() {
        Path file = directory.resolve("labels.npy");
        Npy.write(Tensor.ofInts(7, 2, 1), file);
        assertEquals(NdArray.ofInts(new int[] {7, 2, 1}, 3), Npy.read(file));
        Npy.write(Tensor.ofLongs(new long[] {1L << 40, -3}, 2, 1), file);
        assertEquals(NdArray.ofLongs(new long[] {1L << 40, -3}, 2, 1), Npy.read(file));
    }

    // ---------------------------------------------------------------- jgrad to NumPy

    /**
     * Writes the fixture set with jgrad (every dtype little- and big-endian, a 0-d and two empty
     * arrays, a 3-D array, stored and compressed archives) into target/npy-written-by-jgrad,
     * where {@code python3 npy_fixtures.py verify target/npy-written-by-jgrad} checks them in
     * NumPy; the check runs here when python3 with numpy is installed and is skipped otherwise.
     */
    @Test
    void jgradFilesLoadInNumpy() throws IOException, InterruptedException {
        Path out = Path.of("target", "npy-written-by-jgrad");
        Files.createDirectories(out);
        for (Map.Entry<String, NdArray> entry : EXPECTED.entrySet()) {
            NdArray array = entry.getValue();
            if (array.elementType().byteSize() == 1) {
                Npy.write(array, out.resolve(entry.getKey() + ".npy"));
            } else {
                Npy.write(array, out.resolve(entry.getKey() + "_le.npy"), ByteOrder.LITTLE_ENDIAN);
                Npy.write(array, out.resolve(entry.getKey() + "_be.npy"), ByteOrder.BIG_ENDIAN);
            }
        }
        Npy.write(NdArray.ofLongs(new long[] {-7}), out.resolve("int64_scalar.npy"));
        Npy.write(NdArray.ofFloats(new float[0], 2, 0), out.resolve("float32_empty_2x0.npy"));
        Npy.write(NdArray.ofBooleans(new boolean[0], 0), out.resolve("bool_empty.npy"));
        int[] counting = new int[24];
        for (int i = 0; i < 24; i++) {
            counting[i] = i;
        }
        Npy.write(NdArray.ofInts(counting, 2, 3, 4), out.resolve("int32_3d.npy"));
        Map<String, NdArray> archive = new LinkedHashMap<>();
        archive.put("x", EXPECTED.get("float64"));
        archive.put("labels", EXPECTED.get("uint8").reshape(6));
        Npz.write(archive, out.resolve("stored.npz"));
        Npz.writeCompressed(archive, out.resolve("compressed.npz"));
        // jgrad reads its own files back too.
        assertEquals(EXPECTED.get("int64"), Npy.read(out.resolve("int64_be.npy")));
        assertEquals(archive, Npz.read(out.resolve("stored.npz")));

        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "python3 is not installed: run "
                + "npy_fixtures.py verify " + out + " where NumPy is");
        Process check = new ProcessBuilder(python.toString(), "-c", "import numpy")
                .redirectErrorStream(true).start();
        check.getInputStream().readAllBytes();
        assumeTrue(check.waitFor() == 0, "numpy is not installed for " + python);
        ProcessBuilder builder = new ProcessBuilder(python.toString(),
                resource("numpy/npy_fixtures.py").toString(), "verify", out.toString())
                .redirectErrorStream(true);
        builder.environment().remove("OPENBLAS_CORETYPE");
        builder.environment().remove("OPENBLAS_L2_SIZE");
        Process verify = builder.start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS), "numpy verification timed out");
        assertEquals(0, verify.exitValue(), output);
        assertTrue(output.contains("all files load in NumPy"), output);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void badMagicVersionAndLengthAreNamed() {
        assertTrue(failure(new byte[0]).contains("the file is empty"));
        String text = failure("hello world".getBytes(StandardCharsets.US_ASCII));
        assertTrue(text.contains("t.npy") && text.contains("not an NPY file")
                && text.contains("68 65 6C 6C 6F 20"), text);
        assertTrue(failure(new byte[] {0x1F, (byte) 0x8B, 8, 0}).contains("gzip"));
        assertTrue(failure(new byte[] {'P', 'K', 3, 4}).contains("Npz.read"));
        byte[] valid = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
                littleEndianDoubles(1));
        byte[] version4 = valid.clone();
        version4[6] = 4;
        assertTrue(failure(version4).contains("version 4.0"), failure(version4));
        byte[] version11 = valid.clone();
        version11[7] = 1;
        assertTrue(failure(version11).contains("version 1.1"));
        byte[] huge = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, -1, -1, -1, -1};
        String length = failure(huge);
        assertTrue(length.contains("4294967295") && length.contains("65536"), length);
        String cutHeader = failure(java.util.Arrays.copyOf(valid, 40));
        assertTrue(cutHeader.contains("truncated header"), cutHeader);
        assertTrue(failure(java.util.Arrays.copyOf(valid, 9)).contains("truncated header"));
    }

    @Test
    void headerDictIsParsedStrictlyAndNeverEvaluated() {
        byte[] data = littleEndianDoubles(1);
        String[][] cases = {
            {"{'descr': '<f8', 'fortran_order': False}", "exactly the keys"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}",
                "exactly the keys"},
            {"{'descr': '<f8', 'fortran_order': 0, 'shape': (1,), }", "fortran_order must be"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': [1], }", "shape must be a tuple"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }", "dimension 0"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (1.5,), }", "malformed"},
            {"{'descr': __import__('os'), 'fortran_order': False, 'shape': (1,), }", "malformed"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } x", "malformed"},
            {"{'descr': '|f8', 'fortran_order': False, 'shape': (1,), }", "'|'"},
            {"{'descr': 3, 'fortran_order': False, 'shape': (1,), }", "descr must be"},
        };
        for (String[] bad : cases) {
            String message = failure(npy(bad[0], data));
            assertTrue(message.contains("t.npy") && message.contains(bad[1]),
                    bad[0] + " -> " + message);
        }
        String nonAscii = failure(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,),"
                + " '\u00e9': 1}", data));
        assertTrue(nonAscii.contains("non-ASCII"), nonAscii);
    }

    @Test
    void aHeaderClaimingAHugeShapeIsRefusedBeforeAllocating() throws IOException {
        for (String shape : List.of("(1099511627776,)", "(1048576, 1048576, 1048576)",
                "(3, 18446744073709551616)")) {
            String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }";
            String message = failure(npy(dict, littleEndianDoubles(1, 2)));
            assertTrue(message.contains("more elements than a Java array holds")
                    || message.contains("more elements than"), message);
        }
        // Within the array limit, but far beyond the file: refused by its size, before reading.
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483000,), }";
        Path file = directory.resolve("claims.npy");
        Files.write(file, npy(dict, littleEndianDoubles(1, 2)));
        String message = failure(file);
        assertTrue(message.contains("17179864000 bytes") && message.contains("has 16"), message);
        // From a stream the array grows with the data actually present.
        String stream = failure(npy(dict, littleEndianDoubles(1, 2)));
        assertTrue(stream.contains("truncated") && stream.contains("has 16"), stream);
    }

    @Test
    void trailingBytesAfterTheDataAreAnError() throws IOException {
        Path file = directory.resolve("long.npy");
        Files.write(file, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }",
                littleEndianDoubles(1, 2)));
        String message = failure(file);
        assertTrue(message.contains("8 bytes after the 8 bytes of data"), message);
    }

    @Test
    void aStreamCanHoldSeveralArraysOneAfterAnother() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Npy.write(EXPECTED.get("int32"), bytes, ByteOrder.LITTLE_ENDIAN);
        Npy.write(EXPECTED.get("bool"), bytes, ByteOrder.BIG_ENDIAN);
        ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
        assertEquals(EXPECTED.get("int32"), Npy.read(in, "two.npy"));
        assertEquals(EXPECTED.get("bool"), Npy.read(in, "two.npy"));
        assertEquals(-1, in.read());
    }

    // ---------------------------------------------------------------- writing

    @Test
    void writeIsAtomicAndReportsAMissingDirectory() throws IOException {
        Path file = directory.resolve("a.npy");
        Files.writeString(file, "old");
        Npy.write(Tensor.of(1, 2, 3), file);
        assertArrayEquals(new double[] {1, 2, 3}, Npy.read(file).toDoubleArray(), 0.0);
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> Npy.write(Tensor.of(1), directory.resolve("no/such/a.npy")));
        assertTrue(missing.getMessage().contains("npy: cannot write")
                && missing.getMessage().contains("no such directory"), missing.getMessage());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(file), files.toList());
        }
        UncheckedIOException absent = assertThrows(UncheckedIOException.class,
                () -> Npy.read(directory.resolve("absent.npy")));
        assertTrue(absent.getMessage().contains("no such file"), absent.getMessage());
    }

    @Test
    void float32TensorsWriteAsFloat32() {
        Path file = directory.resolve("f4.npy");
        Npy.write(Tensor.of(new double[] {0.1, 2}, 2).cast(DType.FLOAT32), file);
        NdArray back = Npy.read(file);
        assertEquals(ElementType.FLOAT32, back.elementType());
        assertArrayEquals(new float[] {0.1f, 2f}, back.toFloatArray());
    }
}
