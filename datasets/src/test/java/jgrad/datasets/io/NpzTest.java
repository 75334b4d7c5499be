package jgrad.datasets.io;

import static jgrad.datasets.io.NpyTest.EXPECTED;
import static jgrad.datasets.io.NpyTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path directory;

    @Test
    void readsArchivesThatNumpySavezWrote() {
        // np.savez(f, float64, labels=uint8.ravel()) names the positional array arr_0.
        ImmutableMap<String, NdArray> stored = Npz.read(resource("numpy/stored.npz"));
        assertEquals(ImmutableList.of("labels", "arr_0"), stored.keySet().asList());
        assertEquals(EXPECTED.get("float64"), stored.get("arr_0"));
        assertEquals(EXPECTED.get("uint8").reshape(6), stored.get("labels"));
        ImmutableMap<String, NdArray> compressed = Npz.read(resource("numpy/compressed.npz"));
        assertEquals(ImmutableMap.of("x", EXPECTED.get("int32"), "flags", EXPECTED.get("bool")),
                compressed);
    }

    @Test
    void writeThenReadGivesTheSameArraysInOrder() throws IOException {
        Map<String, NdArray> arrays = ImmutableMap.of("b", EXPECTED.get("int64"),
                "a", EXPECTED.get("float32"), "scalar", NdArray.ofDoubles(new double[] {2.5}),
                "empty", NdArray.ofInts(new int[0], 0, 3));
        Path stored = directory.resolve("s.npz");
        Npz.write(arrays, stored);
        assertEquals(arrays, Npz.read(stored));
        assertEquals(ImmutableList.of("b", "a", "scalar", "empty"),
                Npz.read(stored).keySet().asList());
        try (ZipFile zip = new ZipFile(stored.toFile())) {
            assertEquals(ZipEntry.STORED, zip.getEntry("b.npy").getMethod());
        }
        Path compressed = directory.resolve("c.npz");
        Npz.writeCompressed(arrays, compressed);
        assertEquals(arrays, Npz.read(compressed));
        try (ZipFile zip = new ZipFile(compressed.toFile())) {
            assertEquals(ZipEntry.DEFLATED, zip.getEntry("b.npy").getMethod());
        }
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void badArchivesAndEntriesAreNamed() throws IOException {
        Path notZip = directory.resolve("not.npz");
        Files.writeString(notZip, "hello");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Npz.read(notZip)).getMessage();
        assertTrue(message.contains("not.npz") && message.contains("zip"), message);

        Path other = directory.resolve("other.npz");
        writeZip(other, "readme.txt", "hi".getBytes(StandardCharsets.UTF_8));
        String text = assertThrows(IllegalArgumentException.class,
                () -> Npz.read(other)).getMessage();
        assertTrue(text.contains("readme.txt") && text.contains("not an .npy"), text);

        Path complex = directory.resolve("complex.npz");
        writeZip(complex, "z.npy", Files.readAllBytes(resource("cases/npy/v1_c_c16.npy")));
        String dtype = assertThrows(IllegalArgumentException.class,
                () -> Npz.read(complex)).getMessage();
        assertTrue(dtype.contains("complex.npz entry z.npy") && dtype.contains("'<c16'"), dtype);

        // An entry whose header claims 2^31 - 9 doubles but holds 48 bytes: refused as truncated.
        byte[] claim = NpyTest.npy(
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483639,), }",
                new byte[48]);
        Path huge = directory.resolve("huge.npz");
        writeZip(huge, "h.npy", claim);
        String truncated = assertThrows(IllegalArgumentException.class,
                () -> Npz.read(huge)).getMessage();
        assertTrue(truncated.contains("h.npy") && truncated.contains("truncated")
                && truncated.contains("has 48"), truncated);

        assertThrows(UncheckedIOException.class, () -> Npz.read(directory.resolve("none.npz")));
        assertThrows(IllegalArgumentException.class,
                () -> Npz.write(Map.of("", EXPECTED.get("int8")), directory.resolve("e.npz")));
    }

    private static void writeZip(Path path, String name, byte[] content) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(path))) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
    }

    @Test
    void entriesListedInTheDocumentedOrder() {
        assertEquals(List.of("x", "flags"),
                Npz.read(resource("numpy/compressed.npz")).keySet().asList());
    }
}
